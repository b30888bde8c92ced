"""Reading files as offices make them: workbooks with title rows, several sheets, CSV in any
Chinese encoding, and the value spellings of real rosters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from gisapp.catalog import load_catalog
from gisapp.errors import UserError
from gisapp.io.mapping import ColumnMapping, all_aliases, auto_mapping
from gisapp.io.tables import read_table, sheet_names
from gisapp.io.text import normalize
from gisapp.io.values import parse_column

HOUSEHOLDS = load_catalog()["households"]
ALIASES = all_aliases(HOUSEHOLDS)
HEADER = ["序号", "姓名", "公民身份号码", "残疾类别", "残疾等级", "乡镇（街道）", "村（社区）"]


def office_workbook(path: Path, rows: list[list[object]], *, sheet: str = "名单") -> Path:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    ws.append(["同心县持证残疾人花名册"])
    ws.merge_cells("A1:G1")
    ws.append(["填报单位：豫海镇残联", None, None, None, None, "填报日期：2026年6月"])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    ws.append([None] * 7)  # empty trailing rows, as Excel leaves them
    ws.append([None] * 7)
    notes = workbook.create_sheet("说明")
    notes.append(["本表由乡镇填报"])
    workbook.save(path)
    return path


def test_header_found_below_title_rows_and_row_numbers_kept(tmp_path: Path) -> None:
    path = office_workbook(tmp_path / "roster.xlsx", [
        [1, "马文", "11010519491231002X", "肢体", "二级", "豫海镇", "园艺村"],
        [2, " 李 花 ", "１１０１０５１９４９１２３１００２Ｘ", "视力残疾", 1, "豫海镇", "园艺村"],
    ])
    table = read_table(path, aliases=ALIASES)
    assert list(table.cells.columns) == ["序号", "姓名", "公民身份号码", "残疾类别", "残疾等级",
                                         "乡镇（街道）", "村（社区）"]  # as the office wrote them
    assert len(table) == 2  # the empty trailing rows are not rows
    assert table.row_numbers.tolist() == [4, 5]  # as Excel numbers them
    assert table.cells.iloc[1].tolist() == ["2", "李 花", "11010519491231002X", "视力残疾", "1",
                                            "豫海镇", "园艺村"]  # full-width and spaces cleaned
    assert table.sheet == "名单"


def test_sheet_choice(tmp_path: Path) -> None:
    path = office_workbook(tmp_path / "roster.xlsx", [[1, "马文", "", "肢体", "二级", "", ""]])
    assert sheet_names(path) == ["名单", "说明"]
    assert len(read_table(path, sheet="名单", aliases=ALIASES)) == 1
    with pytest.raises(UserError, match="没有工作表“第二页”；工作表有：名单、说明"):
        read_table(path, sheet="第二页")


def test_header_row_can_be_given(tmp_path: Path) -> None:
    path = office_workbook(tmp_path / "roster.xlsx", [[1, "马文", "", "肢体", "二级", "", ""]])
    table = read_table(path, header_row=3)
    assert table.cells.columns[1] == "姓名"
    with pytest.raises(UserError, match="表头行 40 超出文件范围"):
        read_table(path, header_row=40)


def test_numbers_typed_as_text_and_text_as_numbers(tmp_path: Path) -> None:
    path = office_workbook(tmp_path / "roster.xlsx", [
        ["1", "马文", 640324198001011234, 4.0, "2", "豫海镇", 640324100200],
    ])
    cells = read_table(path, aliases=ALIASES).cells.iloc[0]
    assert cells["序号"] == "1" and cells["残疾类别"] == "4" and cells["残疾等级"] == "2"
    assert cells["村（社区）"] == "640324100200"  # a 12-digit code survives as a number
    assert cells["公民身份号码"] == "6.40324198001011E+17"  # digits lost: not a valid-looking ID


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_every_encoding_excel_saves(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "roster.csv"
    text = "序号,姓名,残疾等级,乡镇（街道）\n1,马文,一级,豫海镇\n2,李花,二级,韦州镇\n"
    path.write_bytes(text.encode(encoding))
    table = read_table(path, aliases=ALIASES)
    assert table.cells["姓名"].tolist() == ["马文", "李花"]
    assert table.encoding == ("gbk" if encoding.startswith("gb") else "utf-8")


def test_csv_with_title_rows_above_the_header(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("同心县残疾人名单\n制表：县残联,,,2026年6月\n\n序号,姓名,残疾等级,备注\n"
                    "1,马文,一级,\n2,李花,二级,\n,,,\n", encoding="gbk")
    table = read_table(path, aliases=ALIASES)
    assert list(table.cells.columns) == ["序号", "姓名", "残疾等级", "备注"]
    assert table.cells["姓名"].tolist() == ["马文", "李花"]
    assert table.row_numbers.tolist() == [5, 6]


def test_tab_separated_txt(tmp_path: Path) -> None:
    path = tmp_path / "roster.txt"
    path.write_text("姓名\t残疾等级\n马文\t一级\n", encoding="utf-8")
    assert read_table(path, aliases=ALIASES).cells["残疾等级"].tolist() == ["一级"]


def test_unreadable_files_say_so(tmp_path: Path) -> None:
    garbage = tmp_path / "roster.xlsx"
    garbage.write_bytes(b"\x00\x01 not a zip")
    with pytest.raises(UserError, match="不是可读的 Excel 工作簿"):
        read_table(garbage)
    binary = tmp_path / "roster.csv"
    binary.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(UserError, match="既不是 UTF-8 也不是 GBK"):
        read_table(binary)
    with pytest.raises(UserError, match=r"不能导入\.docx文件"):
        (tmp_path / "a.docx").write_text("x")
        read_table(tmp_path / "a.docx")
    with pytest.raises(UserError, match="没有这个文件"):
        read_table(tmp_path / "missing.xlsx")


def test_roster_headers_map_without_a_question() -> None:
    columns = ["序号", "姓名", "性别", "公民身份号码", "残疾证号", "残疾类别", "残疾等级",
               "乡镇（街道）", "村(社区)", "区划代码", "详细地址", "东经", "北纬", "是否低保",
               "是否特困", "是否监测对象", "康复需求", "是否已获康复服务", "辅具需求",
               "是否已适配辅具", "是否已无障碍改造", "最近走访日期", "联系电话", "备注"]
    mapping = auto_mapping(columns, HOUSEHOLDS)
    assert (mapping.lon, mapping.lat) == ("东经", "北纬")
    assert mapping.fields["公民身份号码"] == "id_number"
    assert mapping.fields["残疾证号"] == "certificate_number"
    assert mapping.fields["区划代码"] == "village_code"
    assert len(mapping.fields) == 21
    assert mapping.unmapped(columns) == ["备注"]


def test_a_repeated_header_does_not_claim_a_field_twice() -> None:
    mapping = auto_mapping(["姓名", "身份证号", "身份证号码"], HOUSEHOLDS)
    assert mapping.fields == {"姓名": "name", "身份证号": "id_number"}


def test_mapping_saved_and_reused(tmp_path: Path) -> None:
    saved = tmp_path / "mapping.json"
    ColumnMapping({"人名": "name", "级别X": "grade"}, lon="E", lat="N").save(saved)
    again = ColumnMapping.load(saved, HOUSEHOLDS, ["人名", "级别X", "E", "N"])
    assert again.fields == {"人名": "name", "级别X": "grade"} and again.lon == "E"
    with pytest.raises(UserError, match="文件中没有列 N"):
        ColumnMapping.load(saved, HOUSEHOLDS, ["人名", "级别X", "E"])
    ColumnMapping({"人名": "nmae"}).save(saved)
    with pytest.raises(UserError, match="列“人名”对应的“nmae”不是残疾人家庭的字段"):
        ColumnMapping.load(saved, HOUSEHOLDS, ["人名"])


def test_a_mapping_file_may_name_fields_by_their_chinese_label(tmp_path: Path) -> None:
    saved = tmp_path / "mapping.json"
    saved.write_text('{"columns": {"人名": "姓名", "级别X": "残疾等级", "证": "id_number"}}',
                     encoding="utf-8")
    mapping = ColumnMapping.load(saved, HOUSEHOLDS, ["人名", "级别X", "证"])
    assert mapping.fields == {"人名": "name", "级别X": "grade", "证": "id_number"}


def parse(field_id: str, texts: list[str]) -> tuple[list[object], list[object]]:
    values, problems = parse_column(pd.Series(texts, dtype=object), HOUSEHOLDS.field(field_id))
    return values.tolist(), problems.tolist()


def test_yes_no_spellings() -> None:
    values, problems = parse("dibao", ["是", "否", "√", "×", "1", "0", "有", "无", "Y", "", "也许"])
    assert values[:9] == [True, False, True, False, True, False, True, False, True]
    assert values[9] is pd.NA and values[10] is pd.NA
    assert problems[:10] == [None] * 10
    assert problems[10] == "是否低保：无法识别“也许”（应为 是/否）"


def test_grade_and_type_spellings() -> None:
    grades, problems = parse("grade", ["一级", "1级", "1", "Ⅰ", "二级", "四级", "五级"])
    assert grades[:6] == [1, 1, 1, 1, 2, 4] and grades[6] is pd.NA
    assert problems[6] == "残疾等级：无法识别“五级”（可填：一级、二级、三级、四级）"
    types, problems = parse("disability_type", ["肢体", "肢体残疾", "4", "精神", "8"])
    assert types[:4] == [4, 4, 4, 6] and problems[4].startswith("残疾类别：无法识别“8”")


def test_dates_as_offices_write_them() -> None:
    values, problems = parse("last_visit", ["2026-03-01", "2026/3/1", "2026.3.1", "2026年3月1日",
                                            "20260301", "46082", "2026-03-01 10:20:00", "上周"])
    assert values[:7] == [pd.Timestamp(dt.date(2026, 3, 1))] * 7
    assert problems[7] == "最近走访日期：无法识别“上周”（应为日期，如 2026-03-01）"


def test_full_width_digits_and_letters_only() -> None:
    assert normalize("　６４０３２４１９８００１０１１２３Ｘ ") == "64032419800101123X"
    assert normalize("豫海镇（老城）３组，门牌 ５号") == "豫海镇（老城）3组，门牌 5号"
    assert normalize("１０５．８７") == "105.87"
