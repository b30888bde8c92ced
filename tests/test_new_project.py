"""Starting a county: name and metric CRS from the code, the data date, the national place
lists, and a metric CRS that is never left empty."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from gisapp.cli import main
from gisapp.crs import STORAGE_CRS
from gisapp.errors import ProjectError, UserError
from gisapp.io.importer import import_file
from gisapp.new_project import new_project
from gisapp.project import Project, Settings


def test_the_code_gives_the_county_and_its_zone(tmp_path: Path, capsys) -> None:
    path = tmp_path / "dwk.gpkg"
    assert main(["new", str(path), "--county-code", "640202", "--data-date", "2025-12-31",
                 "--radius-km", "1"]) == 0
    out = capsys.readouterr().out
    assert "宁夏回族自治区石嘴山市大武口区" in out and "EPSG:4544" in out
    settings = Project.open(path).settings
    # 大武口 lies near 106.4°E: the 3-degree zone of central meridian 105°E, EPSG:4544.
    assert (settings.county_name, settings.name, settings.metric_crs) == (
        "大武口区", "大武口区", "EPSG:4544")
    assert (settings.data_date, settings.radius_km) == (dt.date(2025, 12, 31), 1.0)


def test_a_county_found_by_its_name(tmp_path: Path) -> None:
    made = new_project(tmp_path / "ps.gpkg", county_name="彭水")
    assert made.project.settings.county_code == "500243"
    assert made.project.settings.metric_crs == "EPSG:4545"  # 108.2°E: central meridian 108°E


@pytest.mark.parametrize("code", ["64020", "6402021", "64O202"])
def test_a_code_that_is_not_six_digits_is_refused(tmp_path: Path, capsys, code: str) -> None:
    path = tmp_path / "bad.gpkg"
    assert main(["new", str(path), "--county-code", code]) == 2
    assert f"县级行政区划代码应为 6 位数字，“{code}”不是" in capsys.readouterr().err
    assert not path.exists()


def test_the_data_date_is_today_unless_given(tmp_path: Path) -> None:
    made = new_project(tmp_path / "t.gpkg", county_code="640324")
    assert made.project.settings.data_date == dt.date.today()


def test_an_unknown_county_takes_its_zone_from_the_first_layer_imported(tmp_path: Path) -> None:
    made = new_project(tmp_path / "u.gpkg", county_code="640299")
    assert made.project.settings.metric_crs == "" and "没有代码 640299" in made.notes[0]
    stations = tmp_path / "stations.csv"
    stations.write_text("名称,经度,纬度\n甲站,106.38,39.02\n乙站,106.40,39.05\n",
                        encoding="utf-8")
    result = import_file(made.project, "rehab_stations", stations)
    assert result.metric_crs_chosen == "EPSG:4544"
    assert Project.open(made.project.path).settings.metric_crs == "EPSG:4544"


def test_the_national_lists_start_a_county_without_its_own(tmp_path: Path) -> None:
    made = new_project(tmp_path / "p.gpkg", county_code="640202", with_places=True)
    towns = made.project.read_layer("townships")
    villages = made.project.read_layer("villages")
    assert len(towns) > 0 and towns["code"].str.startswith("640202").all()
    assert towns.geometry.isna().all()
    assert set(villages["township_code"]) <= set(towns["code"])
    assert villages["source"].eq("国家统计局 2023年统计用区划代码").all()


def _located_project(path: Path) -> Project:
    project = Project.create(path, Settings(name="旧项目", metric_crs=""))
    project.write_layer("rehab_stations", gpd.GeoDataFrame(
        {"name": ["甲站"]}, geometry=[shapely.Point(105.9, 36.98)], crs=STORAGE_CRS))
    return project


def test_an_empty_metric_crs_is_repaired_when_the_project_opens(tmp_path: Path) -> None:
    path = tmp_path / "old.gpkg"
    _located_project(path)
    assert Project.open(path).settings.metric_crs == "EPSG:4544"
    rows = dict(Project.open(path).query("SELECT key, value FROM gisapp_settings"))
    assert rows["metric_crs"] == "EPSG:4544"  # kept in the file


def test_a_project_that_cannot_be_written_is_measured_right_all_the_same(
        tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.gpkg"
    _located_project(path)
    before = path.read_bytes()

    def read_only(self, **changes):
        raise ProjectError(f"{self.path} could not be saved (Read-only file system)")

    monkeypatch.setattr(Project, "update_settings", read_only)
    assert Project.open(path).settings.metric_crs == "EPSG:4544"
    assert path.read_bytes() == before


def test_unknown_county_names_and_ambiguous_ones_are_said(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="全国县级行政区划中没有“火星县”"):
        new_project(tmp_path / "x.gpkg", county_name="火星县")
    with pytest.raises(UserError, match="可指多个县"):
        new_project(tmp_path / "y.gpkg", county_name="朝阳区")  # Beijing's and Changchun's


def test_national_places_for_an_unknown_county_leave_no_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="全国县级行政区划表中的县"):
        new_project(tmp_path / "新县.gpkg", county_code="659999", with_places=True)
    assert list(tmp_path.iterdir()) == []


def test_a_county_outside_ningxia_is_told_its_targets_are_ningxia_s(tmp_path: Path) -> None:
    made = new_project(tmp_path / "ps.gpkg", county_code="500243")
    assert any("目标文件暂用宁夏的 宁残联发〔2021〕46号" in note for note in made.notes)
    assert not new_project(tmp_path / "dwk.gpkg", county_code="640202").notes


def test_a_county_with_its_own_plan_starts_on_it(tmp_path: Path) -> None:
    made = new_project(tmp_path / "yj.gpkg", county_code="150627")
    assert made.project.settings.target_set == "ejinhoro_2022" and not made.notes
    chosen = new_project(tmp_path / "tx.gpkg", county_code="640324", target_set="ningxia_2021")
    assert chosen.project.settings.target_set == "ningxia_2021"


def test_a_point_far_from_a_county_without_outlines_is_set_aside(tmp_path: Path) -> None:
    made = new_project(tmp_path / "yj.gpkg", county_code="150627")
    stations = tmp_path / "stations.csv"
    stations.write_text("名称,经度,纬度\n近站,109.78,39.56\n远站,109.80,29.55\n", encoding="utf-8")
    result = import_file(made.project, "rehab_stations", stations)
    assert result.warnings["警告"].tolist()[0].startswith("坐标在本县范围之外，已舍弃")
    stored = made.project.read_layer("rehab_stations").set_index("name")
    assert stored.loc["近站"].geometry is not None and stored.loc["远站"].geometry is None
