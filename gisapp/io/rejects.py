"""FILE.rejected.xlsx: every row not imported, with its original columns, its row number in
the file and why; and the warnings on rows that were imported. Correct it and import it again."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from gisapp.io.excel import Sheet, write_workbook


def write_rejects(path: Path, rejected: pd.DataFrame, warnings: pd.DataFrame) -> None:
    # No title row on the first sheet: corrected in place, it imports again as it is.
    write_workbook(path, [Sheet("未导入", rejected), Sheet("警告", warnings)])
