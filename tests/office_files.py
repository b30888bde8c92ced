"""Rosters and place lists as county offices hand them over, generated, and written to real
files: title rows above the header, headers spelled as each office spells them, columns in any
order, unknown columns, in .xlsx (openpyxl or XlsxWriter) and .csv (UTF-8 with BOM, or GBK).

The county (NBS codes; boxes in degrees, CGCS2000), side by side west to east:

| township          | code      | villages                                                     |
| 豫海镇            | 640324100 | 园艺村 640324100200, 城北村 640324100201, 胜利社区 640324100001 |
| 河西镇            | 640324101 | 河西村 640324101200, 胜利社区 640324101001 (a second 胜利社区)  |
| 田老庄乡          | 640324200 | 新村 640324200201 (a name that is only its kind)              |
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import openpyxl
import xlsxwriter
from hypothesis import strategies as st
from shapely.geometry import box

from gisapp.catalog import load_catalog
from gisapp.io.text import header_key
from tests.office_cells import BAD, BLANK, Cell, blanks, texts

CATALOG = load_catalog()
WEST, SOUTH, TOWN_WIDTH, HEIGHT = 105.80, 36.90, 0.10, 0.10
TOWNS = [("640324100", "豫海镇", ["豫海镇", "豫海", "豫海镇人民政府"]),
         ("640324101", "河西镇", ["河西镇", "河西"]),
         ("640324200", "田老庄乡", ["田老庄乡", "田老庄镇", "田老庄"])]
# (code, name, township index, spellings of the name)
VILLAGES = [("640324100200", "园艺村", 0, ["园艺村", "园艺村委会", "园艺村村民委员会"]),
            ("640324100201", "城北村", 0, ["城北村", "城北村委会"]),
            ("640324100001", "胜利社区", 0, ["胜利社区", "胜利社区居委会", "胜利社区居民委员会"]),
            ("640324101200", "河西村", 1, ["河西村", "河西村村民委员会"]),
            ("640324101001", "胜利社区", 1, ["胜利社区", "胜利社区居委会"]),
            ("640324200201", "新村", 2, ["新村", "新村村委会", "新村村民委员会"])]


def village_box(index: int) -> tuple[float, float, float, float]:
    town = VILLAGES[index][2]
    mine = [i for i, v in enumerate(VILLAGES) if v[2] == town]
    width = TOWN_WIDTH / len(mine)
    west = WEST + town * TOWN_WIDTH + mine.index(index) * width
    return west, SOUTH, west + width, SOUTH + HEIGHT


def county_layers() -> dict[str, gpd.GeoDataFrame]:
    towns = gpd.GeoDataFrame(
        {"code": [t[0] for t in TOWNS], "name": [t[1] for t in TOWNS]},
        geometry=[box(WEST + i * TOWN_WIDTH, SOUTH, WEST + (i + 1) * TOWN_WIDTH, SOUTH + HEIGHT)
                  for i in range(len(TOWNS))], crs="EPSG:4490")
    villages = gpd.GeoDataFrame(
        {"code": [v[0] for v in VILLAGES], "name": [v[1] for v in VILLAGES],
         "township_code": [TOWNS[v[2]][0] for v in VILLAGES],
         "township_name": [TOWNS[v[2]][1] for v in VILLAGES]},
        geometry=[box(*village_box(i)) for i in range(len(VILLAGES))], crs="EPSG:4490")
    return {"townships": towns, "villages": villages}


LON, LAT = "lon", "lat"  # the two coordinate columns, beside the catalog's field ids
UNKNOWN = ["备注", "填表人", "监护人姓名", "帮扶责任人", "其他说明"]
FORMATS = ["xlsx", "xlsx-xlsxwriter", "csv-utf8-bom", "csv-gbk"]


def headers(kind_id: str, column: str) -> st.SearchStrategy[str]:
    """The header an office gives a column: one of the catalog's spellings of it."""
    kind = CATALOG[kind_id]
    if column == LON:
        return st.sampled_from(kind.location.lon_aliases).flatmap(_spelled_header)
    if column == LAT:
        return st.sampled_from(kind.location.lat_aliases).flatmap(_spelled_header)
    spec = kind.field(column)
    return st.sampled_from([*spec.aliases, spec.name.zh]).flatmap(_spelled_header)


@st.composite
def _spelled_header(draw: st.DrawFn, header: str) -> str:
    """A header as typed: brackets full-width or not, spaces around, a line break inside."""
    if draw(st.booleans()):
        header = header.translate(str.maketrans("（）()", "()（）"))
    return draw(st.sampled_from(["", " ", "\n"])) + header + draw(st.sampled_from(["", "  "]))


@dataclass
class Table:
    """A generated file: title rows, a header, rows of cells; `columns` says what each column
    holds (a field id, LON, LAT, or '' for a column no field claims)."""

    kind: str
    columns: list[str]
    header: list[str]
    rows: list[list[Cell]]
    titles: list[list[object]] = field(default_factory=list)
    format: str = "xlsx"

    def cell(self, row: int, column: str) -> Cell | None:
        return self.rows[row][self.columns.index(column)] if column in self.columns else None

    def data_rows(self) -> list[tuple[int, list[Cell]]]:
        """(row number as the file shows it, cells) of every row that is not blank."""
        first = len(self.titles) + 2
        return [(first + i, row) for i, row in enumerate(self.rows)
                if not all(c.empty for c in row)]

    def with_format(self, fmt: str) -> Table:
        return Table(self.kind, self.columns, self.header, self.rows, self.titles, fmt)


@st.composite
def tables(draw: st.DrawFn, kind_id: str, columns: list[str],
           rows: list[dict[str, Cell]], *, unknown: bool = True) -> Table:
    """`rows` (column -> cell) as a file: the columns in a random order, headers spelled as
    offices spell them, maybe unknown columns, 0-3 title rows, in one of the FORMATS."""
    extra = draw(st.lists(st.sampled_from(UNKNOWN), unique=True, max_size=2)) if unknown else []
    order = draw(st.permutations([*columns, *extra]))
    known = {header_key(a) for f in CATALOG[kind_id].fields for a in (*f.aliases, f.name.zh)}
    assert not {header_key(u) for u in extra} & known
    header = [c if c in extra else draw(headers(kind_id, c)) for c in order]
    cells = [[draw(st.one_of(blanks, texts("补录"))) if c in extra else row.get(c) or draw(blanks)
              for c in order] for row in rows]
    titles = draw(st.lists(st.sampled_from([["测试县持证残疾人花名册"], [None],
                                            ["填报单位：县残联", None, "填报日期：2026年6月"]]),
                           max_size=3))
    return Table(kind_id, ["" if c in extra else c for c in order], header, cells, titles,
                 draw(st.sampled_from(FORMATS)))


def write(table: Table, folder: Path, stem: str = "名单") -> Path:
    """The table as a file of its format in `folder`."""
    if table.format == "xlsx":
        path = folder / f"{stem}.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        for row in [*table.titles, table.header, *([c.value for c in r] for r in table.rows)]:
            sheet.append(row)
        book.save(path)
        return path
    if table.format == "xlsx-xlsxwriter":
        path = folder / f"{stem}.xlsx"
        with xlsxwriter.Workbook(path) as book:
            sheet = book.add_worksheet("花名册")
            day = book.add_format({"num_format": "yyyy-mm-dd"})
            lines = [*table.titles, table.header, *([c.value for c in r] for r in table.rows)]
            for r, line in enumerate(lines):
                for c, value in enumerate(line):
                    _write_cell(sheet, r, c, value, day)
        return path
    path = folder / f"{stem}.csv"
    width = len(table.header)
    lines = [[_csv_text(v) for v in t] + [""] * (width - len(t)) for t in table.titles]
    lines += [table.header, *([_csv_text(c.value) for c in r] for r in table.rows)]
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(lines)
    if table.format == "csv-utf8-bom":
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    else:  # GBK as Excel saves it; names GBK lacks (𠮷) need its superset GB18030
        text = path.read_text(encoding="utf-8")
        try:
            path.write_bytes(text.encode("gbk"))
        except UnicodeEncodeError:
            path.write_bytes(text.encode("gb18030"))
    return path


def _write_cell(sheet, row: int, col: int, value: object, day: object) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), day)
    else:
        sheet.write_string(row, col, value)


def _csv_text(value: object) -> str:
    """A cell as Excel saves it in a CSV: what the cell shows."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return f"{value:.5E}" if abs(value) >= 1e15 else str(int(value))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return f"{value.year}/{value.month}/{value.day}"
    return str(value)


def stored_means(cell: Cell | None) -> object:
    """What the layer must hold for a cell: its value, or None for blank and unreadable."""
    if cell is None or cell.means is BLANK or cell.means is BAD:
        return None
    return cell.means


def degrees_text(value: float, style: int) -> str:
    """A coordinate in one of the spellings of degrees, minutes and seconds."""
    degrees = math.floor(value)
    minutes = math.floor((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 2)
    return [f"{degrees}°{minutes}′{seconds}″", f"{degrees}度{minutes}分{seconds}秒",
            f"{degrees}:{minutes}:{seconds}"][style]
