"""Read any file a county office sends into one shape: a table of cell texts with the file's
own row numbers, and the geometry when the file has one.

Workbooks (.xlsx, .xls) and text files (.csv, .txt) keep every cell as text, so nothing is
guessed before the catalog says what a column is; spatial files (.shp, .gpkg, .geojson) keep
their geometry and CRS. A large roster is read in blocks of rows (`open_table`), so a million
rows never sit in memory as cells all at once; `read_table` gives the whole file as one table.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from pyogrio.errors import DataSourceError

from gisapp.errors import UserError
from gisapp.io.dbf_encoding import DbfEncoding, shapefile_encoding
from gisapp.io.header import SEARCH_ROWS, find_header_row
from gisapp.io.text import cell_text, normalize
from gisapp.io.text_files import RawRows, text_rows

WORKBOOKS = {".xlsx", ".xlsm", ".xls"}
TEXT_FILES = {".csv", ".txt"}
SPATIAL_FILES = {".shp", ".gpkg", ".geojson", ".json"}
# Rows per block: large enough that per-block costs vanish, small enough that a block's cells,
# parsed values and geometry stay well under 100 MB.
BLOCK_ROWS = 100_000


@dataclass
class SourceTable:
    """Cells as text (columns named by the header row), the file row of each, and geometry."""

    path: Path
    cells: pd.DataFrame
    row_numbers: pd.Series  # 1-based, as the file shows them (Excel row, CSV line)
    geometry: gpd.GeoSeries | None = None
    sheet: str | None = None
    encoding: str | None = None
    file_warnings: list[str] = field(default_factory=list)  # about the file as a whole

    def __len__(self) -> int:
        return len(self.cells)


@dataclass
class TableStream:
    """A file opened for reading block by block: its columns, then its rows as SourceTables
    (at least one, maybe empty), each with the file's own row numbers."""

    path: Path
    columns: list[str]
    blocks: Iterator[SourceTable]
    rows_in_file: int  # lines or sheet rows, titles included: what progress is measured by
    sheet: str | None = None
    encoding: str | None = None
    file_warnings: list[str] = field(default_factory=list)


def read_table(path: str | Path, *, sheet: str | None = None, header_row: int | None = None,
               aliases: set[str] = frozenset()) -> SourceTable:
    """The file as a SourceTable. `header_row` (1-based) overrides the automatic search, which
    picks the row naming most catalog `aliases` among the first rows."""
    stream = open_table(path, sheet=sheet, header_row=header_row, aliases=aliases)
    blocks = list(stream.blocks)
    geometry = None
    if blocks[0].geometry is not None:
        geometry = pd.concat([b.geometry for b in blocks], ignore_index=True)
    return SourceTable(stream.path, pd.concat([b.cells for b in blocks], ignore_index=True),
                       pd.concat([b.row_numbers for b in blocks], ignore_index=True),
                       geometry, sheet=stream.sheet, encoding=stream.encoding,
                       file_warnings=stream.file_warnings)


def open_table(path: str | Path, *, sheet: str | None = None, header_row: int | None = None,
               aliases: set[str] = frozenset(), block_rows: int = BLOCK_ROWS) -> TableStream:
    """The file's header found and its rows ready to be read in blocks of `block_rows`."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}：没有这个文件")
    suffix = path.suffix.lower()
    if suffix in WORKBOOKS | TEXT_FILES:
        grid, source = _raw_grid(path, sheet, block_rows)
        return _from_grid(path, grid, header_row, aliases, **source)
    if suffix in SPATIAL_FILES:
        table = _spatial(path, sheet)
        return TableStream(path, list(table.cells.columns), iter([table]), len(table),
                           sheet=table.sheet, encoding=table.encoding,
                           file_warnings=table.file_warnings)
    raise UserError(f"{path}：不能导入{suffix or '没有扩展名的'}文件；"
                    "请用 .xlsx、.xls、.csv、.txt、.shp、.gpkg 或 .geojson")


@dataclass
class TableHead:
    """The first rows of a sheet or text file, titles and all, each cell as text; and the
    header row `open_table` finds among them."""

    rows: list[list[str]]
    header_index: int | None  # 0-based; None when the file is empty


def read_head(path: str | Path, *, sheet: str | None = None,
              aliases: set[str] = frozenset()) -> TableHead:
    """The rows the header is searched in (`SEARCH_ROWS`), for the user to check the choice."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}：没有这个文件")
    if path.suffix.lower() not in WORKBOOKS | TEXT_FILES:
        raise UserError(f"{path}：只有 Excel 表和文本表格才有表头行可选")
    grid, _ = _raw_grid(path, sheet, SEARCH_ROWS)
    first = _first_blocks(grid.blocks(), SEARCH_ROWS)
    head = pd.concat(first) if first else pd.DataFrame(dtype=str)
    return TableHead(_search_rows(head), _found_header(head, aliases))


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
        raise UserError(f"{path}：不是可读的 Excel 工作簿（{exc}）") from None


def _raw_grid(path: Path, sheet: str | None,
              block_rows: int) -> tuple[RawRows, dict[str, str | None]]:
    """The raw rows of a workbook sheet or text file, and where they came from."""
    if path.suffix.lower() in WORKBOOKS:
        grid, sheet = _workbook_grid(path, sheet, block_rows)
        return grid, {"sheet": sheet}
    grid, encoding = text_rows(path, block_rows)
    return grid, {"encoding": encoding}


def _workbook_grid(path: Path, sheet: str | None, block_rows: int) -> tuple[RawRows, str]:
    workbook = _open_workbook(path)
    names = workbook.sheet_names
    if sheet is None:
        sheet = names[0]
    elif sheet not in names:
        raise UserError(f"{path}：没有工作表“{sheet}”；工作表有：{'、'.join(names)}")
    rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)

    def blocks() -> Iterator[pd.DataFrame]:
        for start in range(0, len(rows), block_rows):
            texts = [[cell_text(v) for v in row] for row in rows[start:start + block_rows]]
            yield pd.DataFrame(texts, index=range(start, start + len(texts)), dtype=str)

    return RawRows(blocks, len(rows)), sheet


def _from_grid(path: Path, grid: RawRows, header_row: int | None, aliases: set[str],
               **source: str | None) -> TableStream:
    """Find the header row, keep the columns it names and the unnamed ones that hold data
    somewhere below it, and read the rows after it, leaving out blank ones."""
    blocks = grid.blocks()
    first = _first_blocks(blocks, max(SEARCH_ROWS, header_row or 0))
    head = pd.concat(first) if first else pd.DataFrame(dtype=str)
    if header_row is None:
        header_index = _found_header(head, aliases)
    elif 1 <= header_row <= len(head):
        header_index = header_row - 1
    else:
        raise UserError(f"{path}：表头行 {header_row} 超出文件范围（共 {len(head)} 行）")
    if header_index is None:
        raise UserError(f"{path}：找不到表头行（文件是空的）")
    header = head.iloc[header_index]
    unnamed = header.index[header == ""]
    filled = _filled_columns(grid, header_index, unnamed) if len(unnamed) else []
    kept = [c for c in header.index if header[c] != "" or c in filled]
    columns = _unique_headers(header[kept].tolist())

    def body() -> Iterator[SourceTable]:
        empty = True
        for block in itertools.chain(first, blocks):
            rows = block[block.index > header_index][kept]
            rows = rows[(rows != "").any(axis=1)]
            if len(rows) or empty:
                empty = False
                yield SourceTable(path, rows.set_axis(columns, axis=1).reset_index(drop=True),
                                  pd.Series(rows.index.to_numpy() + 1, dtype="int64"), **source)

    return TableStream(path, columns, body(), grid.rows, **source)


def _search_rows(head: pd.DataFrame) -> list[list[str]]:
    return head.head(SEARCH_ROWS).to_numpy().tolist()


def _found_header(head: pd.DataFrame, aliases: set[str]) -> int | None:
    return find_header_row(_search_rows(head), aliases)


def _first_blocks(blocks: Iterator[pd.DataFrame], rows: int) -> list[pd.DataFrame]:
    """The blocks holding the first `rows` rows of the file (all of it if shorter)."""
    first = []
    for block in blocks:
        first.append(block)
        if sum(map(len, first)) >= rows:
            break
    return first


def _filled_columns(grid: RawRows, header_index: int, columns: pd.Index) -> list[int]:
    """Which of the unnamed `columns` hold a value in some row below the header: a pass over
    the file, made only when the header row has blank cells."""
    filled = pd.Series(False, index=columns)
    for block in grid.blocks():
        filled |= (block.loc[block.index > header_index, columns] != "").any(axis=0)
    return filled.index[filled].tolist()


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
    encoding = shapefile_encoding(path) if path.suffix.lower() == ".shp" else DbfEncoding()
    try:
        frame = pyogrio.read_dataframe(path, layer=layer, encoding=encoding.name)
    except DataSourceError as exc:
        raise UserError(f"{path}：不是可读的空间数据文件（{exc}）") from None
    if frame.crs is None and frame.geometry.notna().any():
        raise UserError(f"{path}：文件没有坐标系（缺少 .prj？）；请用 --crs 指定")
    cells = frame.drop(columns=frame.geometry.name).map(cell_text).astype(object)
    cells.columns = [normalize(str(c)) for c in cells.columns]
    numbers = pd.Series(range(1, len(frame) + 1), dtype="int64")
    return SourceTable(path, cells.reset_index(drop=True), numbers,
                       geometry=frame.geometry.reset_index(drop=True), sheet=layer,
                       encoding=encoding.label, file_warnings=encoding.warnings)
