from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyogrio
import pytest
from shapely.geometry import Point, box

from gisapp import project as project_module
from gisapp.errors import ProjectError
from gisapp.layer_schema import arrow_batch, arrow_schema
from gisapp.project import SCHEMA_VERSION, SETTINGS_TABLE, Project, Settings
from tests.conftest import TEST_DATA
from tests.tools.validate_gpkg import check as validate_geopackage

KINDS = {"households", "rehab_stations", "renovated_homes", "service_centers", "townships",
         "villages"}


def new_project(tmp_path: Path, **settings: object) -> Project:
    return Project.create(tmp_path / "county.gpkg", Settings(name="测试县", **settings))


def test_a_new_project_has_an_empty_table_per_kind(tmp_path: Path) -> None:
    project = new_project(tmp_path, county_code="640324")
    listed = dict(pyogrio.list_layers(project.path))
    assert set(listed) >= KINDS
    assert listed["households"] == "Point" and listed["townships"] == "MultiPolygon"
    assert {SETTINGS_TABLE, "scenarios", "scenario_changes", "snapshots"} <= set(listed)
    households = project.read_layer("households")
    assert len(households) == 0 and "id_number" in households.columns
    assert pyogrio.read_info(project.path, layer="households")["crs"] == "EPSG:4490"


def test_settings_round_trip(tmp_path: Path) -> None:
    created = new_project(tmp_path, county_code="640324", radius_km=3.5,
                          data_date=dt.date(2025, 12, 31), metric_crs="EPSG:4544")
    reopened = Project.open(created.path)
    assert reopened.settings == created.settings
    assert reopened.settings.schema_version == SCHEMA_VERSION
    reopened.update_settings(target_set="tongxin_2021", radius_km=8.0)
    again = Project.open(created.path).settings
    assert (again.target_set, again.radius_km, again.county_code) == ("tongxin_2021", 8.0, "640324")


def test_layer_round_trip_keeps_types_blanks_and_extra_columns(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    rows = gpd.GeoDataFrame({
        "person_id": ["1", "2"],
        "name": ["马文", None],
        "grade": pd.array([1, None], dtype="Int64"),
        "dibao": pd.array([True, None], dtype="boolean"),
        "last_visit": pd.to_datetime(["2026-03-01", None]),
        "village_code": ["640324100200", "640324100201"],
        "备注": ["extra column", "kept"],
    }, geometry=[Point(106.0, 36.9), Point(106.1, 37.0)], crs="EPSG:4326")
    project.write_layer("households", rows)
    back = project.read_layer("households")
    assert list(back["person_id"]) == ["1", "2"]
    assert back["grade"].dtype == "Int64" and back["grade"].tolist()[0] == 1
    assert back["grade"].isna().tolist() == [False, True]
    assert back["dibao"].dtype == "boolean" and back["dibao"].isna().tolist() == [False, True]
    assert back["name"].tolist() == ["马文", None]
    assert back["village_code"].tolist() == ["640324100200", "640324100201"]  # text, not a number
    assert back["last_visit"].iloc[0] == pd.Timestamp("2026-03-01")
    assert back["备注"].tolist() == ["extra column", "kept"]
    assert back.geometry.iloc[1].equals_exact(Point(106.1, 37.0), 1e-9)
    assert "certificate_number" in back.columns  # every catalog field is present


def test_polygons_are_stored_as_multipolygons(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    townships = gpd.GeoDataFrame({"code": ["640324100"], "name": ["豫海镇"]},
                                 geometry=[box(105.8, 36.9, 105.9, 37.0)], crs="EPSG:4490")
    project.write_layer("townships", townships)
    back = project.read_layer("townships")
    assert back.geometry.iloc[0].geom_type == "MultiPolygon"
    assert back.geometry.iloc[0].area == pytest.approx(0.01)


def test_a_failed_write_leaves_the_file_unchanged(tmp_path: Path, monkeypatch) -> None:
    project = new_project(tmp_path)
    before = project.path.read_bytes()
    calls = []

    def write_then_crash(path, kind, data):
        calls.append(kind.id)
        if len(calls) == 2:
            raise RuntimeError("power cut")
        original(path, kind, data)

    original = project_module._write_table
    monkeypatch.setattr(project_module, "_write_table", write_then_crash)
    station = gpd.GeoDataFrame({"station_id": ["1"], "name": ["站"]},
                               geometry=[Point(106, 37)], crs="EPSG:4490")
    with pytest.raises(RuntimeError):
        project.write_layers({"rehab_stations": station, "service_centers": station.iloc[:0]})
    assert project.path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [project.path]  # no scratch file left behind


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    with pytest.raises(ProjectError, match="已存在"):
        Project.create(project.path, Settings(name="x"))


def test_create_wants_a_gpkg_in_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match=r"扩展名应为 \.gpkg"):
        Project.create(tmp_path / "county.sqlite", Settings(name="x"))
    with pytest.raises(ProjectError, match="不存在"):
        Project.create(tmp_path / "nowhere" / "county.gpkg", Settings(name="x"))


def test_a_newer_project_format_is_refused_clearly(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    with contextlib.closing(sqlite3.connect(project.path)) as con, con:
        con.execute(f"UPDATE {SETTINGS_TABLE} SET value = ? WHERE key = 'schema_version'",
                    (str(SCHEMA_VERSION + 1),))
    with pytest.raises(ProjectError, match="由更新版本的 gisapp 保存") as caught:
        Project.open(project.path)
    assert str(project.path) in str(caught.value)


def test_a_plain_geopackage_is_not_a_project(tmp_path: Path) -> None:
    path = tmp_path / "bureau.gpkg"
    gpd.GeoDataFrame({"XZQDM": ["640324100"]}, geometry=[box(0, 0, 1, 1)],
                     crs="EPSG:4490").to_file(path, layer="xzq")
    with pytest.raises(ProjectError, match="是 GeoPackage，但不是本软件的项目"):
        Project.open(path)


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\x00junk"])
def test_a_file_that_is_not_a_geopackage_says_so(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "roster.gpkg"
    path.write_bytes(content)
    with pytest.raises(ProjectError, match="不是 GeoPackage 项目文件"):
        Project.open(path)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="没有这个项目文件"):
        Project.open(tmp_path / "gone.gpkg")


def test_the_file_is_a_standard_geopackage(tmp_path: Path) -> None:
    """What QGIS checks when it opens a GeoPackage: the application id, a sound database,
    every table registered in gpkg_contents with a known SRS."""
    project = new_project(tmp_path)
    with contextlib.closing(sqlite3.connect(project.path)) as con:
        assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
        assert con.execute("PRAGMA user_version").fetchone()[0] >= 10200
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        contents = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents"))
        srs = {r[0] for r in con.execute("SELECT srs_id FROM gpkg_spatial_ref_sys")}
        geometry_srs = {r[0] for r in con.execute("SELECT srs_id FROM gpkg_geometry_columns")}
    assert {contents[k] for k in KINDS} == {"features"}
    assert contents[SETTINGS_TABLE] == "attributes"
    assert geometry_srs == {4490} and geometry_srs <= srs


def test_the_file_passes_the_geopackage_conformance_checker(tmp_path: Path) -> None:
    """GDAL's own checker of the OGC GeoPackage requirements, after a write and a settings
    update: what QGIS and ArcGIS rely on to open the file unchanged."""
    project = new_project(tmp_path)
    project.write_layer("townships", gpd.GeoDataFrame(
        {"code": ["640324100"], "name": ["豫海镇"]}, geometry=[box(105.8, 36.9, 105.9, 37.0)],
        crs="EPSG:4490"))
    project.update_settings(radius_km=3.0)
    validate_geopackage(str(project.path), warning_as_error=True, myprint=lambda _: None)


def test_an_old_sample_project_still_opens() -> None:
    """A project saved in format 1 is kept as a fixture: later versions must open it."""
    project = Project.open(TEST_DATA / "project_v1.gpkg")
    assert project.settings.schema_version == 1
    assert project.settings.county_code == "640324"
    assert set(project.layer_kinds()) == KINDS
    assert len(project.read_layer("townships")) == 2


def _stations(count: int, first: int = 1) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"station_id": [str(i) for i in range(first, first + count)],
                             "name": [f"站{i}" for i in range(first, first + count)]},
                            geometry=[Point(106 + i / 100, 37) for i in range(count)],
                            crs="EPSG:4490")


def test_a_layer_written_in_batches_is_ordered_by_its_fid(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    kind = project.catalog["rehab_stations"]
    schema = arrow_schema(kind, {"备注": pa.string()})
    later, earlier = _stations(2, first=3).assign(备注="新"), _stations(2)
    project.write_layer_batches("rehab_stations", schema, iter([
        arrow_batch(later, schema, kind, first_fid=10), arrow_batch(earlier, schema, kind, 1)]))
    back = project.read_layer("rehab_stations")
    assert back["station_id"].tolist() == ["1", "2", "3", "4"]
    assert back["备注"].tolist() == [None, None, "新", "新"]
    assert project.layer_row_count("rehab_stations") == 4
    assert project.layer_columns("rehab_stations")["备注"] == "object"
    batches = list(project.read_layer_batches("rehab_stations", rows=3))
    assert [len(b) for b in batches] == [3, 1]
    pd.testing.assert_frame_equal(pd.concat(batches, ignore_index=True), back)


def test_a_failure_while_batches_are_written_leaves_the_file_unchanged(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    project.write_layer("rehab_stations", _stations(3))
    before = project.path.read_bytes()
    kind = project.catalog["rehab_stations"]
    schema = arrow_schema(kind, {})

    def batches():
        yield arrow_batch(_stations(2, first=10), schema, kind, 1)
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        project.write_layer_batches("rehab_stations", schema, batches())
    assert project.path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [project.path]  # no scratch file left behind


def test_a_saved_project_keeps_the_permissions_of_a_new_file(tmp_path: Path) -> None:
    import os
    import stat

    project = Project.create(tmp_path / "shared.gpkg", Settings(name="共享"))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(project.path.stat().st_mode) == 0o666 & ~umask
    project.path.chmod(0o640)
    project.update_settings(radius_km=3.0)
    assert stat.S_IMODE(project.path.stat().st_mode) == 0o640


def test_save_copy_is_the_whole_project_as_it_was(tmp_path: Path) -> None:
    project = new_project(tmp_path, county_code="640324", radius_km=3.0)
    project.write_layer("townships", gpd.GeoDataFrame(
        {"code": ["640324100"], "name": ["豫海镇"]}, geometry=[box(105.8, 36.9, 105.9, 37.0)],
        crs="EPSG:4490"))
    with project.editing() as con:  # a write under way: the copy has the file as it was
        con.execute(f"UPDATE {SETTINGS_TABLE} SET value = '9.0' WHERE key = 'radius_km'")
        copy = project.save_copy(tmp_path / "副本.gpkg")
    assert Project.open(project.path).settings.radius_km == 9.0  # the edit went in after
    assert copy.path == tmp_path / "副本.gpkg" and copy.settings.radius_km == 3.0
    assert copy.read_layer("townships")["name"].tolist() == ["豫海镇"]
    validate_geopackage(str(copy.path), warning_as_error=True, myprint=lambda _: None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county.gpkg", "副本.gpkg"]
    with pytest.raises(ProjectError, match="就是正在打开的项目"):
        project.save_copy(project.path)
    with pytest.raises(ProjectError, match=r"\.gpkg"):
        project.save_copy(tmp_path / "副本.txt")

