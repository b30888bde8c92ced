"""Text tables (.csv, .txt) as offices save them: UTF-8 with or without BOM, or GBK/GB18030
(detected, not asked); comma, tab, semicolon or bar separated; title lines above the header.

A UTF-8 file whose lines all have the same number of fields and no quotes, which is what
Excel writes for a plain roster, is parsed by Arrow's reader; any other file by pandas'
parser, which also takes ragged title lines, blank lines and quoted values. Both give the
same rows: every line a row, every cell its text."""

from __future__ import annotations

import codecs
import csv
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from gisapp.errors import UserError
from gisapp.io.text import normalize_column

# Tried in order: UTF-8 (with or without BOM) first, since GB18030 would also decode many
# UTF-8 byte sequences into nonsense; GB18030 covers GBK and GB2312.
_ENCODINGS = ("utf-8-sig", "gb18030")
_SCAN_BYTES = 16 << 20  # files are scanned in blocks of this size, never held whole
_NEWLINE, _RETURN, _QUOTE = ord("\n"), ord("\r"), ord('"')


@dataclass
class RawRows:
    """The raw rows of a sheet or text file: blocks of cell texts ('' when blank), columns
    numbered from 0, indexed by row position in the file. `blocks` starts over at the top of
    the file each time it is called."""

    blocks: Callable[[], Iterator[pd.DataFrame]]
    rows: int


@dataclass
class _LineShape:
    lines: int
    widest: int  # most fields on one line, counting every separator (quotes not considered)
    plain: bool  # every line as wide as the others, no quote, no bare carriage return


def text_rows(path: Path, block_rows: int) -> tuple[RawRows, str]:
    """The rows of a text table, and its encoding as the user would name it."""
    encoding = _encoding(path)
    with open(path, encoding=encoding, newline="") as f:
        head = f.read(20000)
    try:
        separator = csv.Sniffer().sniff(head, delimiters=",\t;|").delimiter
    except csv.Error:
        separator = ","
    shape = _line_shape(path, separator)
    read = _arrow_blocks if shape.plain and encoding == "utf-8-sig" else _pandas_blocks
    blocks = functools.partial(read, path, encoding, separator, shape.widest, block_rows)
    return RawRows(blocks, shape.lines), "gbk" if encoding == "gb18030" else "utf-8"


def _encoding(path: Path) -> str:
    """The first encoding the whole file decodes in, read block by block (no second copy of a
    large file in memory)."""
    if _is_utf8(path):
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("gb18030")()
    try:
        with open(path, "rb") as f:
            while block := f.read(_SCAN_BYTES):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        return "gb18030"
    except UnicodeDecodeError:
        raise UserError(f"{path}：文字编码既不是 UTF-8 也不是 GBK/GB18030；"
                        "请在 Excel 中另存为“CSV UTF-8”") from None


def _is_utf8(path: Path) -> bool:
    """Arrow checks the bytes without decoding them into Python text."""
    rest = b""
    with open(path, "rb") as f:
        while block := f.read(_SCAN_BYTES):
            data = rest + block
            cut = _whole_characters(data)
            try:
                pa.array([data[:cut]], pa.binary()).cast(pa.string())
            except pa.ArrowInvalid:
                return False
            rest = data[cut:]
    return not rest


def _whole_characters(data: bytes) -> int:
    """Where the UTF-8 character cut off by the end of `data` starts (len(data) if none)."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 != 0x80:  # an ASCII byte or the lead byte of a character
            length = 1 if byte < 0x80 else 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return len(data) - back if length > back else len(data)
    return len(data)


def _line_shape(path: Path, separator: str) -> _LineShape:
    """Count lines and the separators on each, on the raw bytes: the separators and line
    breaks are single bytes that never occur inside a UTF-8 or GB18030 character (a bar may,
    in GB18030, which only makes the count too high, never too low)."""
    mark = ord(separator)
    lines, narrowest, widest, partial = 0, None, 0, 0  # partial: separators on an open line
    plain, open_line = True, False
    with open(path, "rb") as f:
        while block := f.read(_SCAN_BYTES):
            data = np.frombuffer(block, dtype=np.uint8)
            ends = np.flatnonzero(data == _NEWLINE)
            marks = np.cumsum(data == mark, dtype=np.int32)  # separators up to each byte
            returns = np.flatnonzero(data == _RETURN)
            plain &= not (data == _QUOTE).any()
            plain &= bool(np.isin(returns + 1, ends).all())
            if ends.size:
                per_line = np.diff(marks[ends], prepend=0)
                per_line[0] += partial
                lines += ends.size
                narrowest = min(per_line.min(), narrowest if narrowest is not None else 1 << 62)
                widest = max(widest, int(per_line.max()))
                partial = int(marks[-1] - marks[ends[-1]])
                open_line = ends[-1] < data.size - 1
            else:
                partial += int(marks[-1])
                open_line = open_line or data.size > 0
    if open_line:  # the last line has no line break
        lines += 1
        narrowest = min(partial, narrowest if narrowest is not None else partial)
        widest = max(widest, partial)
    plain &= narrowest is not None and narrowest == widest > 0
    return _LineShape(lines, widest + 1, bool(plain))


def _arrow_blocks(path: Path, encoding: str, separator: str, width: int,
                  block_rows: int) -> Iterator[pd.DataFrame]:
    names = [str(i) for i in range(width)]
    reader = pa_csv.open_csv(
        path, read_options=pa_csv.ReadOptions(column_names=names, encoding="utf8"),
        parse_options=pa_csv.ParseOptions(delimiter=separator, ignore_empty_lines=False),
        convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(names, pa.string())))
    start, pending = 0, pa.Table.from_batches([], schema=reader.schema)
    try:
        for batch in reader:
            pending = pa.concat_tables([pending, pa.Table.from_batches([batch])])
            while len(pending) >= block_rows:
                yield _cells(pending.slice(0, block_rows), start, width)
                start, pending = start + block_rows, pending.slice(block_rows)
        if len(pending) or not start:
            yield _cells(pending, start, width)
    except pa.ArrowInvalid as exc:
        raise UserError(f"{path}：不是可读的表格（{exc}）") from None


def _cells(rows: pa.Table, start: int, width: int) -> pd.DataFrame:
    """Rows from `start` on as cell texts, columns numbered from 0."""
    frame = rows.to_pandas().set_axis(range(width), axis=1)
    return frame.set_axis(pd.RangeIndex(start, start + len(frame))).apply(normalize_column)


def _pandas_blocks(path: Path, encoding: str, separator: str, width: int,
                   block_rows: int) -> Iterator[pd.DataFrame]:
    # Title rows have fewer fields than the table: name enough columns for the widest line.
    try:
        with pd.read_csv(path, encoding=encoding, sep=separator, header=None,
                         names=range(width), dtype=str, keep_default_na=False,
                         skip_blank_lines=False, engine="c", chunksize=block_rows) as reader:
            for block in reader:
                yield block.fillna("").apply(normalize_column)
    except (pd.errors.ParserError, ValueError) as exc:
        raise UserError(f"{path}：不是可读的表格（{exc}）") from None
