"""The encoding of a Shapefile's attributes when the file does not name it.

GDAL takes it from the .cpg file beside the .dbf, else from the .dbf's language driver byte
(LDID, header byte 29); with neither it assumes ISO-8859-1, and Chinese comes out garbled.
That is how old ArcGIS, MapGIS and SuperMap leave a county's files: GBK text, no .cpg, LDID 0.
Such a .dbf is read as UTF-8 when all its text is UTF-8 (what newer tools write), else as
GBK, and the planner is told. Any byte string decodes as ISO-8859-1, so that says nothing;
UTF-8 is strict enough that GBK names practically never pass as it.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

# GB18030 reads every GBK file as GBK does, and also the rare characters of personal and
# place names that GBK lacks.
_GBK = "GB18030"
_UTF8 = "UTF-8"
_SCAN_BYTES = 16 << 20  # records are checked in blocks of about this size
_LDID = 29
_FIELD_END = 0x0D


@dataclass(frozen=True)
class DbfEncoding:
    """What to pass as pyogrio's `encoding=` (None: let GDAL decide) and what to tell."""

    name: str | None = None
    label: str | None = None  # as the planner would name it: "gbk", "utf-8"
    warnings: list[str] = field(default_factory=list)


def shapefile_encoding(shp: Path) -> DbfEncoding:
    """How to read `shp`'s attributes: as GDAL does when its .cpg or LDID names the encoding,
    else by what its text is."""
    dbf = _sibling(shp, ".dbf")
    if dbf is None or _sibling(shp, ".cpg") is not None:
        return DbfEncoding()
    with open(dbf, "rb") as f:
        header = f.read(32)
    if len(header) < 32 or header[_LDID] != 0:
        return DbfEncoding()
    found = DbfEncoding()
    for text in _non_ascii_texts(dbf):
        if not _is_utf8(text):
            return DbfEncoding(_GBK, "gbk", [
                f"{shp.name} 的 .dbf 没有 .cpg 编码说明，文字不是 UTF-8，已按 GBK 读取；"
                "如有乱码请附上 .cpg 文件"])
        found = DbfEncoding(_UTF8, "utf-8")
    return found


def _sibling(shp: Path, suffix: str) -> Path | None:
    """The file beside `shp` with `suffix` in either case, as GDAL looks for it."""
    for candidate in (shp.with_suffix(suffix), shp.with_suffix(suffix.upper())):
        if candidate.is_file():
            return candidate
    return None


def _non_ascii_texts(dbf: Path) -> Iterator[bytes]:
    """Field names, then blocks of values of character fields, that are not plain ASCII."""
    with open(dbf, "rb") as f:
        header = f.read(32)
        records, header_size, record_size = struct.unpack_from("<IHH", header, 4)
        descriptors = f.read(max(0, header_size - 32))
        columns, start = [], 1  # each record starts with its deletion flag
        for at in range(0, len(descriptors) - 31, 32):
            descriptor = descriptors[at:at + 32]
            if descriptor[0] == _FIELD_END:
                break
            name = descriptor[:11].split(b"\0")[0]
            if max(name, default=0) >= 0x80:
                yield name
            width = descriptor[16]
            if descriptor[11:12] == b"C":  # text wider than 255 keeps its high byte here
                width += descriptor[17] << 8
                columns.append((start, width))
            start += width
        if record_size == 0 or start > record_size:
            return  # not a .dbf as described: GDAL will say what is wrong
        f.seek(header_size)
        rows_per_block = max(1, _SCAN_BYTES // record_size)
        while records > 0 and (block := f.read(min(records, rows_per_block) * record_size)):
            rows = np.frombuffer(block, dtype=np.uint8)
            rows = rows[:rows.size // record_size * record_size].reshape(-1, record_size)
            records -= len(rows)
            for begin, width in columns:
                values = rows[:, begin:begin + width]
                wide = values[(values >= 0x80).any(axis=1)]
                if len(wide):  # checked side by side: UTF-8 values joined are UTF-8
                    yield wide.tobytes()


def _is_utf8(text: bytes) -> bool:
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
