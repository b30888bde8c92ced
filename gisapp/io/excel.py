"""Excel workbooks a planner can open and print as they are: an optional title row, Chinese
headers, the header row frozen, an autofilter and column widths that fit the content."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from gisapp.errors import UserError

_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_MAX_WIDTH = 60
_SAMPLE_ROWS = 500  # widths are judged on the first rows: enough, and fast on big sheets


@dataclass
class Sheet:
    name: str
    frame: pd.DataFrame
    title: str | None = None


def write_workbook(path: Path, sheets: list[Sheet]) -> None:
    """Write atomically: a half-written workbook never replaces a good one."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _add_sheet(workbook, sheet)
    scratch = path.with_name(f".{path.name}.tmp")
    try:
        workbook.save(scratch)
        os.replace(scratch, path)
    except OSError as exc:
        scratch.unlink(missing_ok=True)
        raise UserError(f"{path}: cannot be written ({exc.strerror or exc}); is it open in "
                        "Excel?") from None


def _add_sheet(workbook: Workbook, sheet: Sheet) -> None:
    ws = workbook.create_sheet(sheet.name[:31])
    frame = sheet.frame
    header_row = 2 if sheet.title else 1
    for i, width in enumerate(_widths(frame), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{header_row + 1}"
    if len(frame.columns):
        last = get_column_letter(len(frame.columns))
        ws.auto_filter.ref = f"A{header_row}:{last}{header_row + len(frame)}"
    if sheet.title:
        title = WriteOnlyCell(ws, sheet.title)
        title.font = Font(bold=True, size=13)
        ws.append([title])
    header = []
    for name in frame.columns:
        cell = WriteOnlyCell(ws, str(name))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.append(cell)
    ws.append(header)
    for row in frame.itertuples(index=False, name=None):
        ws.append([_cell(v) for v in row])


def _cell(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def _widths(frame: pd.DataFrame) -> list[float]:
    """Characters wide, counting a Chinese character as two."""
    sample = frame.head(_SAMPLE_ROWS)
    widths = []
    for name in frame.columns:
        texts = [str(name), *(str(v) for v in sample[name] if _cell(v) is not None)]
        longest = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in t) for t in texts)
        widths.append(min(_MAX_WIDTH, longest + 2))
    return widths
