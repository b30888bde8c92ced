"""Excel workbooks a planner can open and print as they are: an optional title row, Chinese
headers, the header row frozen, an autofilter and column widths that fit the content."""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import xlsxwriter

from gisapp.errors import UserError

_MAX_WIDTH = 60
_SAMPLE_ROWS = 500  # widths are judged on the first rows: enough, and fast on big sheets


@dataclass
class Sheet:
    name: str
    frame: pd.DataFrame
    title: str | None = None


def write_workbook(path: Path, sheets: list[Sheet]) -> None:
    """Write atomically: a half-written workbook never replaces a good one."""
    scratch = path.with_name(f".{path.name}.tmp")
    try:
        # constant_memory streams rows to disk, so a large sheet needs little memory.
        with xlsxwriter.Workbook(scratch, {"constant_memory": True}) as workbook:
            formats = {
                "title": workbook.add_format({"bold": True, "font_size": 13}),
                "header": workbook.add_format({"bold": True, "bg_color": "#DDE6F0",
                                               "align": "center", "valign": "vcenter",
                                               "text_wrap": True, "border": 1}),
                "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            }
            for sheet in sheets:
                _add_sheet(workbook, sheet, formats)
        os.replace(scratch, path)
    except OSError as exc:
        scratch.unlink(missing_ok=True)
        raise UserError(f"{path}：无法写入（{exc.strerror or exc}）；"
                        "是否正在 Excel 中打开？") from None


def _add_sheet(workbook: xlsxwriter.Workbook, sheet: Sheet, formats: dict) -> None:
    ws = workbook.add_worksheet(sheet.name[:31])
    frame = sheet.frame
    header_row = 0
    if sheet.title:
        ws.write_string(0, 0, sheet.title, formats["title"])
        header_row = 1
    for col, width in enumerate(_widths(frame)):
        ws.set_column(col, col, width)
    ws.write_row(header_row, 0, [str(c) for c in frame.columns], formats["header"])
    ws.freeze_panes(header_row + 1, 0)
    if len(frame.columns):
        ws.autofilter(header_row, 0, header_row + len(frame), len(frame.columns) - 1)
    columns = [frame.iloc[:, i].to_numpy(dtype=object) for i in range(frame.shape[1])]
    for r, row in enumerate(zip(*columns, strict=True), start=header_row + 1):
        for c, value in enumerate(row):
            value = _cell(value)
            if value is None:
                continue
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, value, formats["date"])
            elif isinstance(value, str):
                # Always as text: an ID number must never become a number in Excel.
                ws.write_string(r, c, value)
            else:
                ws.write(r, c, value)


def _cell(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
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
