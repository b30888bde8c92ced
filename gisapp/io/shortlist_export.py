"""Shortlists to files: a workbook a planner prints as it is, or CSV for other systems."""

from __future__ import annotations

from pathlib import Path

from gisapp.analysis.shortlists import Shortlist
from gisapp.errors import UserError
from gisapp.io.excel import Sheet, write_workbook

SHEET_NAMES = {"uncovered-villages": "未覆盖村", "unrenovated": "未改造户",
               "overdue-visits": "逾期未走访", "townships-without-center": "无服务机构乡镇"}


def write_shortlist(shortlist: Shortlist, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_workbook(path, [Sheet(SHEET_NAMES[shortlist.kind], shortlist.rows,
                                    title=shortlist.title)])
    elif suffix == ".csv":
        # UTF-8 with a byte-order mark: Excel on Windows then reads the Chinese correctly.
        shortlist.rows.to_csv(path, index=False, encoding="utf-8-sig")
    else:
        raise UserError(f"{path}：清单只能写成 .xlsx 或 .csv 文件")
