"""Read any file a county office sends into one shape: a table of cell texts with the file's
own row numbers, and the geometry when the file has one.

Workbooks (.xlsx, .xls) and text files (.csv, .txt) keep every cell as text, so nothing is
guessed before the catalog says what a column is; spatial files (.shp, .gpkg, .geojson) keep
their geometry and CRS.
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from pyogrio.errors import DataSourceError

from gisapp.errors import UserError
from gisapp.io.header import SEARCH_ROWS, find_header_row
from gisapp.io.text import cell_text, normalize, normalize_column

WORKBOOKS = {".xlsx", ".xlsm", ".xls"}
TEXT_FILES = {".csv", ".txt"}
SPATIAL_FILES = {".shp", ".gpkg", ".geojson", ".json"}
# Tried in order: UTF-8 (with or without BOM) first, since GB18030 would also decode many
# UTF-8 byte sequences into nonsense; GB18030 covers GBK and GB2312.
_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass
class SourceTable:
    """Cells as text (columns named by the header row), the file row of each, and geometry."""

    path: Path
    cells: pd.DataFrame
    row_numbers: pd.Series  # 1-based, as the file shows them (Excel row, CSV line)
    geometry: gpd.GeoSeries | None = None
    sheet: str | None = None
    encoding: str | None = None

    def __len__(self) -> int:
        return len(self.cells)


def read_table(path: str | Path, *, sheet: str | None = None, header_row: int | None = None,
               aliases: set[str] = frozenset()) -> SourceTable:
    """The file as a SourceTable. `header_row` (1-based) overrides the automatic search, which
    picks the row naming most catalog `aliases` among the first rows."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in WORKBOOKS:
        rows, sheet = _workbook_rows(path, sheet)
        return _from_rows(path, rows, header_row, aliases, sheet=sheet)
    if suffix in TEXT_FILES:
        rows, encoding = _text_rows(path)
        return _from_rows(path, rows, header_row, aliases, encoding=encoding)
    if suffix in SPATIAL_FILES:
        return _spatial(path, sheet)
    raise UserError(f"{path}: cannot import {suffix or 'a file without extension'} files; "
                    "use .xlsx, .xls, .csv, .txt, .shp, .gpkg or .geojson")


def sheet_names(path: str | Path) -> list[str]:
    """Sheets of a workbook, or tables of a GeoPackage."""
    path = Path(path)
    if path.suffix.lower() in WORKBOOKS:
        return _open_workbook(path).sheet_names
    if path.suffix.lower() == ".gpkg":
        return [str(name) for name, _ in pyogrio.list_layers(path)]
    return []


def _open_workbook(path: Path):
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise UserError(f"{path}: not a readable workbook ({exc})") from None


def _workbook_rows(path: Path, sheet: str | None) -> tuple[pd.DataFrame, str]:
    workbook = _open_workbook(path)
    names = workbook.sheet_names
    if sheet is None:
        sheet = names[0]
    elif sheet not in names:
        raise UserError(f"{path}: no sheet '{sheet}'; sheets are {', '.join(names)}")
    rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    return pd.DataFrame([[cell_text(v) for v in row] for row in rows], dtype=object), sheet


def _text_rows(path: Path) -> tuple[pd.DataFrame, str]:
    encoding = _encoding(path)
    with open(path, encoding=encoding, newline="") as f:
        head = f.read(20000)
    try:
        separator = csv.Sniffer().sniff(head, delimiters=",\t;|").delimiter
    except csv.Error:
        separator = ","
    # Title rows have fewer fields than the table: name enough columns for the widest line.
    with open(path, encoding=encoding, newline="") as f:
        width = max((line.count(separator) for line in f), default=0) + 1
    try:
        grid = pd.read_csv(path, encoding=encoding, sep=separator, header=None,
                           names=range(width), dtype=str, keep_default_na=False,
                           skip_blank_lines=False, engine="c")
    except (pd.errors.ParserError, ValueError) as exc:
        raise UserError(f"{path}: not a readable table ({exc})") from None
    return grid.apply(normalize_column), "gbk" if encoding == "gb18030" else "utf-8"


def _encoding(path: Path) -> str:
    """The first encoding the whole file decodes in, read block by block (no second copy of a
    large file in memory)."""
    for encoding in _ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with open(path, "rb") as f:
                while block := f.read(1 << 20):
                    decoder.decode(block)
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    raise UserError(f"{path}: the text is neither UTF-8 nor GBK/GB18030; save it from Excel "
                    "as 'CSV UTF-8'")


def _from_rows(path: Path, grid: pd.DataFrame, header_row: int | None, aliases: set[str],
               **source: str | None) -> SourceTable:
    grid = grid.fillna("")
    if header_row is None:
        header_index = find_header_row(grid.head(SEARCH_ROWS).to_numpy().tolist(), aliases)
    elif 1 <= header_row <= len(grid):
        header_index = header_row - 1
    else:
        raise UserError(f"{path}: header row {header_row} is outside the file "
                        f"({len(grid)} rows)")
    if header_index is None:
        raise UserError(f"{path}: no header row found (the file is empty)")
    body = grid.iloc[header_index + 1:]
    body = body[(body != "").any(axis=1)]
    named = grid.iloc[header_index] != ""
    filled = (body != "").any(axis=0)
    grid, body = grid.loc[:, named | filled], body.loc[:, named | filled]
    header = _unique_headers(grid.iloc[header_index].tolist())
    cells = pd.DataFrame(body.to_numpy(), columns=header, dtype=object)
    numbers = pd.Series(body.index.to_numpy() + 1, dtype="int64")
    return SourceTable(path, cells, numbers, **source)


def _unique_headers(row: list[str]) -> list[str]:
    """Blank headers become 列3; a repeated header gets a suffix so no column is lost."""
    seen: dict[str, int] = {}
    names = []
    for i, name in enumerate(row):
        name = name or f"列{i + 1}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return names


def _spatial(path: Path, layer: str | None) -> SourceTable:
    try:
        frame = pyogrio.read_dataframe(path, layer=layer)
    except DataSourceError as exc:
        raise UserError(f"{path}: not a readable spatial file ({exc})") from None
    if frame.crs is None and frame.geometry.notna().any():
        raise UserError(f"{path}: the file has no coordinate system (.prj missing?); "
                        "give one with --crs")
    cells = frame.drop(columns=frame.geometry.name).map(cell_text).astype(object)
    cells.columns = [normalize(str(c)) for c in cells.columns]
    numbers = pd.Series(range(1, len(frame) + 1), dtype="int64")
    return SourceTable(path, cells.reset_index(drop=True), numbers,
                       geometry=frame.geometry.reset_index(drop=True), sheet=layer)
