"""Every import keeps the layer as it was; undo puts it back exactly, checked on the table's own
rows with sqlite3 (values with their storage types, fids, columns in order, geometry blobs)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pyogrio
import pytest
from shapely.geometry import MultiPolygon, box

from gisapp import layer_versions
from gisapp.catalog import Catalog, load_catalog
from gisapp.cli import main
from gisapp.errors import ProjectError, UserError
from gisapp.feedback import Cancelled, Feedback
from gisapp.io.importer import import_file
from gisapp.layer_versions import KEPT_VERSIONS, VERSIONS_TABLE, kept_versions, restore_last_version
from gisapp.project import Project, Settings
from tests.test_import_rows import HEADER, county, person_id  # noqa: F401
from tests.tools.validate_gpkg import check as validate_geopackage

EXTRA = ["最近走访日期", "备注"]  # a date field and a column the catalog does not know


def roster(path: Path, people: list[tuple[int, int]], *, visit: str = "2025-07-23") -> Path:
    """A CSV of persons (order, grade): ID numbers from the order, a visit date and a note."""
    lines = [",".join(HEADER + EXTRA)]
    for order, grade in people:
        lines.append(",".join(map(str, [
            order, "某", person_id("19600101", order), "", 4, grade, "", "", "",
            105.87 + order / 1e4, 36.97, "是" if order % 2 else "", visit if order % 3 else "",
            f"第{order}户"])))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def table(path: Path, layer: str) -> tuple[list[tuple[str, str]], list[tuple]]:
    """A layer as SQLite holds it: declared columns in order, and every row by fid with each
    value's storage type (1 and 1.0, or '1' and 1, are not the same value here)."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        columns = [(r[1], r[2]) for r in con.execute(f'PRAGMA table_info("{layer}")')]
        rows = con.execute(f'SELECT * FROM "{layer}" ORDER BY 1').fetchall()
    return columns, [tuple((type(v).__name__, v) for v in row) for row in rows]


def test_undoing_the_first_import_empties_the_layer_again(county: Project,
                                                          tmp_path: Path) -> None:
    empty = table(county.path, "households")
    assert empty[1] == []
    result = import_file(county, "households", roster(tmp_path / "名单.csv", [(1, 2), (2, 3)]))
    assert result.accepted == 2
    (kept,) = kept_versions(county)
    assert (kept.layer, kept.source, kept.rows) == ("households", "名单.csv", 0)
    restored = restore_last_version(county)
    assert restored == kept
    assert table(county.path, "households") == empty
    assert county.layer_row_count("households") == 0
    assert kept_versions(county) == []


def test_undo_brings_back_the_first_import_byte_for_byte(county: Project, tmp_path: Path) -> None:
    import_file(county, "households", roster(tmp_path / "v1.csv", [(i, 2) for i in range(1, 8)]))
    first = table(county.path, "households")
    assert any(("str", "2025-07-23T00:00:00") in row for row in first[1])  # dates as stored
    corrected = roster(tmp_path / "v2.csv", [(2, 1), (5, 4), (9, 3)], visit="2026-01-05")
    assert import_file(county, "households", corrected).updated == 2
    assert table(county.path, "households") != first
    restore_last_version(county, "households")
    assert table(county.path, "households") == first
    assert len(county.read_layer("households")) == 7
    (left,) = kept_versions(county)
    assert (left.source, left.rows) == ("v1.csv", 0)


def test_polygons_and_a_layer_written_by_the_demo_come_back_byte_for_byte(
        demo_project: Project, tmp_path: Path) -> None:
    project = Project.open(shutil.copy(demo_project.path, tmp_path / "demo.gpkg"))
    before = {kind: table(project.path, kind) for kind in ("townships", "households")}
    townships = project.read_layer("townships").iloc[:3]
    townships.geometry = [box(105.8, 36.9, 105.9, 37.0),
                          MultiPolygon([box(106, 37, 106.1, 37.1), box(106.2, 37, 106.3, 37.1)]),
                          box(106.4, 36.9, 106.5, 37.0)]
    townships[["code", "name"]].set_geometry(townships.geometry).to_file(
        tmp_path / "乡镇.gpkg", layer="xz")
    import_file(project, "townships", tmp_path / "乡镇.gpkg")
    import_file(project, "households", roster(tmp_path / "名单.csv", [(1, 2)]))
    assert table(project.path, "townships") != before["townships"]
    assert restore_last_version(project).layer == "households"  # the last import of any layer
    assert restore_last_version(project).layer == "townships"
    for kind, rows in before.items():
        assert table(project.path, kind) == rows, kind


def test_five_versions_are_kept_per_layer(county: Project, tmp_path: Path) -> None:
    for count in range(1, KEPT_VERSIONS + 2):  # the sixth import drops the oldest version
        import_file(county, "households", roster(tmp_path / f"第{count}次.csv",
                                                 [(i, 2) for i in range(1, count + 1)]))
    versions = kept_versions(county, "households")
    assert [v.source for v in versions] == [f"第{n}次.csv" for n in range(6, 1, -1)]
    assert [v.rows for v in versions] == [5, 4, 3, 2, 1]
    assert versions[0].columns[:2] == ("person_id", "household_id")
    assert "备注" in versions[0].columns
    assert county.query(f"SELECT count(*) FROM {VERSIONS_TABLE}") == [(KEPT_VERSIONS,)]
    for rows in (5, 4, 3, 2, 1):
        restore_last_version(county)
        assert county.layer_row_count("households") == rows
    with pytest.raises(UserError, match="没有可撤销的导入"):
        restore_last_version(county)


def test_a_cancelled_or_failed_import_keeps_nothing(county: Project, tmp_path: Path,
                                                   monkeypatch) -> None:
    class CancelAtOnce(Feedback):
        def set_progress(self, percent: float) -> None:
            self.cancel()

    path = roster(tmp_path / "名单.csv", [(i, 2) for i in range(1, 9)])
    before = county.path.read_bytes()
    with pytest.raises(Cancelled):
        import_file(county, "households", path, block_rows=3, feedback=CancelAtOnce())
    assert import_file(county, "households", roster(tmp_path / "坏.csv", [(1, 9)])).accepted == 0

    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(layer_versions, "_layer_content", broken)
    # Keeping the version is part of the import's write: when it fails, nothing is written.
    with pytest.raises(ProjectError, match="无法保存（disk full）"):
        import_file(county, "households", path)
    assert county.path.read_bytes() == before
    assert kept_versions(county) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "county.gpkg", "名单.csv", "坏.csv", "坏.rejected.xlsx"]


def test_a_kind_the_file_has_no_table_for_keeps_an_empty_version(tmp_path: Path) -> None:
    full = load_catalog()
    older = Catalog([kind for kind in full.values() if kind.id != "households"])
    path = Project.create(tmp_path / "old.gpkg", Settings(name="旧"), catalog=older).path
    project = Project.open(path, catalog=full)
    assert "households" not in project.layer_kinds()
    import_file(project, "households", roster(tmp_path / "名单.csv", [(1, 2), (2, 2)]))
    assert kept_versions(project)[0].rows == 0
    restore_last_version(project)
    assert project.layer_row_count("households") == 0
    assert set(full["households"].field_ids) <= set(project.layer_columns("households"))


def test_the_project_stays_a_valid_geopackage(county: Project, tmp_path: Path) -> None:
    import_file(county, "households", roster(tmp_path / "v1.csv", [(1, 2), (2, 2)]))
    import_file(county, "households", roster(tmp_path / "v2.csv", [(3, 2)]))
    restore_last_version(county)
    listed = dict(pyogrio.list_layers(county.path))
    assert listed[VERSIONS_TABLE] is None and listed["households"] == "Point"
    assert len(Project.open(county.path).read_layer("households")) == 2
    with contextlib.closing(sqlite3.connect(county.path)) as con:
        assert con.execute("SELECT data_type FROM gpkg_contents WHERE table_name = ?",
                           (VERSIONS_TABLE,)).fetchone() == ("attributes",)
    validate_geopackage(str(county.path), warning_as_error=True, myprint=lambda _: None)


def test_gisapp_imports_lists_and_undoes(county: Project, tmp_path: Path, capsys) -> None:
    path = str(county.path)
    assert main(["imports", path]) == 0
    assert capsys.readouterr().out.strip() == f"{path}：没有保留导入前的版本"
    import_file(county, "households", roster(tmp_path / "持证残疾人花名册.csv",
                                             [(i, 2) for i in range(1, 4)]))
    import_file(county, "households", roster(tmp_path / "更正.csv", [(9, 1)]))
    assert main(["imports", path, "--layer", "households"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == f"{path}：保留了 2 个导入前的版本（新的在前；--undo 恢复第 1 个）"
    newest = kept_versions(county)[0]
    assert lines[1] == (f"1. 残疾人家庭  {newest.kept_at:%Y-%m-%d %H:%M}  导入 更正.csv 之前："
                        "3 行")
    assert lines[2].startswith("2. 残疾人家庭  ") and lines[2].endswith(
        "导入 持证残疾人花名册.csv 之前：0 行")
    assert main(["imports", path, "--layer", "rehab_stations"]) == 0
    assert "没有保留" in capsys.readouterr().out
    assert main(["imports", path, "--undo"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"已撤销对 残疾人家庭 的导入（更正.csv，{newest.kept_at:%Y-%m-%d %H:%M}）：恢复为 3 行")
    assert county.layer_row_count("households") == 3


def test_nothing_to_undo_is_one_sentence_and_exit_2(county: Project, capsys) -> None:
    assert main(["imports", str(county.path), "--undo"]) == 2
    assert capsys.readouterr().err.strip() == f"gisapp: {county.path}：没有可撤销的导入"
    assert main(["imports", str(county.path), "--undo", "--layer", "rehab_stations"]) == 2
    assert capsys.readouterr().err.strip() == f"gisapp: {county.path}：没有可撤销的康复站导入"
    assert main(["imports", str(county.path), "--layer", "hospitals"]) == 2
    assert "“hospitals”不是图层类型" in capsys.readouterr().err
