"""A large roster is read, checked and written block by block: the answers must not depend on
where the blocks end, and a failure in any block leaves the project as it was."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from gisapp.feedback import Cancelled, Feedback
from gisapp.io import importer
from gisapp.io.importer import import_file
from gisapp.io.tables import open_table, read_table
from gisapp.project import Project
from tests.test_import_rows import HEADER, MESSY, county, person_id, workbook  # noqa: F401

A, B, C = person_id("19800101", 11), person_id("19750505", 22), person_id("19900909", 33)


def roster_csv(path: Path, rows: list[list[object]], *, title: str | None = None) -> Path:
    """A CSV as Excel saves it: every line as wide as the header, an optional title line."""
    lines = [] if title is None else [title + "," * (len(HEADER) - 1)]
    lines += [",".join(map(str, HEADER))]
    lines += [",".join("" if v is None else str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def person(order: int, id_number: str | None = None, grade: object = 2) -> list[object]:
    return [order, "某", id_number or person_id("19600101", order), "", 4, grade, "", "", "",
            105.87, 36.97, "是"]


def test_a_repeat_of_a_person_from_an_earlier_block_names_the_first_row(county: Project,
                                                                       tmp_path: Path) -> None:
    # CSV lines: 1 header, 2.. rows. A on line 2 (block 1), again on lines 7 and 9; B on line
    # 5 and 6, the repeat in the same block as the first.
    rows = [person(1, A), person(2), person(3), person(4, B), person(5, B), person(6, A),
            person(7), person(8, A), person(9)]
    path = roster_csv(tmp_path / "roster.csv", rows)
    result = import_file(county, "households", path, block_rows=2)
    reasons = dict(zip(result.rejected["原行号"], result.rejected["未导入原因"], strict=True))
    assert reasons == {6: "与第 5 行重复（同一身份证号）", 7: "与第 2 行重复（同一身份证号）",
                       9: "与第 2 行重复（同一身份证号）"}
    assert (result.read, result.accepted, result.added) == (9, 6, 6)


@pytest.mark.parametrize("block_rows", [1, 2, 3, 5, 8])
def test_rows_keep_their_numbers_and_reasons_whatever_the_blocks(county: Project, tmp_path: Path,
                                                                block_rows: int) -> None:
    whole = import_file(Project.open(county.path), "households",
                        workbook(tmp_path / "whole.xlsx", MESSY))
    stored = county.read_layer("households")
    again = import_file(county, "households", workbook(tmp_path / "blocks.xlsx", MESSY),
                        block_rows=block_rows)
    pd.testing.assert_frame_equal(again.rejected, whole.rejected)
    pd.testing.assert_frame_equal(again.warnings, whole.warnings)
    assert (again.read, again.accepted, again.updated) == (15, 7, 7)
    pd.testing.assert_frame_equal(county.read_layer("households"), stored)


def test_a_rejected_row_at_a_block_edge_keeps_its_row_number(county: Project,
                                                            tmp_path: Path) -> None:
    # Title on line 1, header on line 2, rows on lines 3-11; blocks of 3 lines (1-3, 4-6,
    # 7-9, 10-11). Bad grades on lines at the start, middle and end of blocks.
    rows = [person(i, grade="五级" if i in (2, 3, 5, 6, 9) else 2) for i in range(1, 10)]
    path = roster_csv(tmp_path / "roster.csv", rows, title="测试县名单")
    result = import_file(county, "households", path, block_rows=3)
    assert result.rejected["原行号"].tolist() == [4, 5, 7, 8, 11]
    assert set(result.rejected["未导入原因"]) == {
        "残疾等级：无法识别“五级”（可填：一级、二级、三级、四级）"}
    assert result.rejected["序号"].tolist() == ["2", "3", "5", "6", "9"]
    assert len(county.read_layer("households")) == 4


def test_a_failure_in_a_later_block_leaves_the_project_as_it_was(county: Project,
                                                                tmp_path: Path,
                                                                monkeypatch) -> None:
    path = roster_csv(tmp_path / "roster.csv", [person(i) for i in range(1, 10)])
    before = county.path.read_bytes()
    prepare, blocks = importer.prepare_rows, []

    def crash_in_third_block(*args, **kwargs):
        blocks.append(args[1])
        if len(blocks) == 3:
            raise RuntimeError("power cut")
        return prepare(*args, **kwargs)

    monkeypatch.setattr(importer, "prepare_rows", crash_in_third_block)
    with pytest.raises(RuntimeError, match="power cut"):
        import_file(county, "households", path, block_rows=2)
    assert len(blocks) == 3  # two blocks had gone into the project file's scratch copy
    assert county.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county.gpkg", "roster.csv"]


def test_cancel_between_blocks_leaves_the_project_as_it_was(county: Project,
                                                            tmp_path: Path) -> None:
    class CancelAfterFirstBlock(Feedback):
        def set_progress(self, percent: float) -> None:
            super().set_progress(percent)
            self.cancel()

    path = roster_csv(tmp_path / "roster.csv", [person(i) for i in range(1, 10)])
    before = county.path.read_bytes()
    feedback = CancelAfterFirstBlock()
    with pytest.raises(Cancelled):
        import_file(county, "households", path, block_rows=4, feedback=feedback)
    assert 0 < feedback.progress < 100
    assert county.path.read_bytes() == before


def test_progress_reaches_the_end(county: Project, tmp_path: Path) -> None:
    feedback = Feedback()
    path = roster_csv(tmp_path / "roster.csv", [person(i) for i in range(1, 10)])
    import_file(county, "households", path, block_rows=4, feedback=feedback)
    assert feedback.progress == 100


def test_nothing_accepted_leaves_the_project_file_untouched(county: Project,
                                                            tmp_path: Path) -> None:
    before = county.path.read_bytes()
    path = roster_csv(tmp_path / "roster.csv", [person(i, grade=9) for i in range(1, 6)])
    result = import_file(county, "households", path, block_rows=2)
    assert (result.read, result.accepted, len(result.rejected)) == (5, 0, 5)
    assert result.rejects_path == tmp_path / "roster.rejected.xlsx"
    assert county.path.read_bytes() == before


def test_existing_rows_keep_their_place_before_the_imported_ones(county: Project,
                                                                tmp_path: Path) -> None:
    import_file(county, "households", roster_csv(tmp_path / "v1.csv",
                                                 [person(1, A), person(2, B), person(3, C)]))
    result = import_file(county, "households",
                         roster_csv(tmp_path / "v2.csv", [person(4), person(5, B, grade=1)]),
                         block_rows=1)
    assert (result.added, result.updated) == (1, 1)
    stored = county.read_layer("households")
    assert stored["person_id"].tolist() == ["1", "5", "3", "4"]  # B updated in its place
    assert stored.set_index("id_number").loc[B, "grade"] == 1


@pytest.mark.parametrize("title", [None, "测试县名单", "测试县名单（标题行只有一格）"])
def test_plain_and_ragged_csv_read_the_same(tmp_path: Path, title: str | None) -> None:
    """Excel's rectangular CSVs go through Arrow's reader, ragged ones through pandas'; the
    cells and row numbers must not tell which."""
    rows = [person(i) for i in range(1, 8)]
    path = roster_csv(tmp_path / "roster.csv", rows, title=title)
    if title and "一格" in title:  # a title line with a single field: not rectangular
        text = path.read_text(encoding="utf-8").replace("," * (len(HEADER) - 1), "", 1)
        path.write_text(text, encoding="utf-8")
    first = 3 if title else 2
    for block_rows in (2, 100):
        table = read_table(path) if block_rows == 100 else _read_in_blocks(path, block_rows)
        assert table.row_numbers.tolist() == list(range(first, first + 7))
        assert table.cells["公民身份号码"].tolist() == [r[2] for r in rows]
        assert table.cells["经度"].tolist() == ["105.87"] * 7


def test_blank_lines_and_quoted_commas_keep_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("序号,姓名,详细地址\n1,马文,\"豫海镇,3组\"\n\n,,\n2,李花,园艺村\n",
                    encoding="utf-8")
    table = _read_in_blocks(path, 2)
    assert table.row_numbers.tolist() == [2, 5]
    assert table.cells["详细地址"].tolist() == ["豫海镇,3组", "园艺村"]
    assert list(table.cells.columns) == ["序号", "姓名", "详细地址"]


def test_an_unnamed_column_filled_only_in_a_later_block_is_kept(tmp_path: Path) -> None:
    lines = ["序号,,姓名,", *(f"{i},,某,{'补录' if i == 7 else ''}" for i in range(1, 9))]
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stream = open_table(path, block_rows=3)
    assert stream.columns == ["序号", "姓名", "列3"]  # the empty column is left out
    cells = pd.concat([b.cells for b in stream.blocks], ignore_index=True)
    assert cells["列3"].tolist() == [""] * 6 + ["补录", ""]


def _read_in_blocks(path: Path, block_rows: int):
    stream = open_table(path, block_rows=block_rows)
    blocks = list(stream.blocks)
    assert len(blocks) > 1
    return type(blocks[0])(path, pd.concat([b.cells for b in blocks], ignore_index=True),
                           pd.concat([b.row_numbers for b in blocks], ignore_index=True))


def test_a_roster_with_every_point_swapped_is_turned_around(county: Project,
                                                           tmp_path: Path) -> None:
    """Longitude and latitude columns swapped on every row (or every row of a block): each
    row is turned around with a warning, none is refused."""
    rows = [person(i) for i in range(1, 5)]
    for row in rows:
        row[9], row[10] = row[10], row[9]
    path = roster_csv(tmp_path / "swapped.csv", rows)
    for block_rows in (1, 100):
        result = import_file(county, "households", path, block_rows=block_rows)
        assert (result.accepted, len(result.rejected)) == (4, 0)
        assert set(result.warnings["警告"]) == {"经度与纬度填反，已自动对调"}
    assert county.read_layer("households").geometry.x.round(6).tolist() == [105.87] * 4
