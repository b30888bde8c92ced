"""TrueType outlines for the PDF: the glyphs a document uses, from a font whatever its outlines.

matplotlib embeds a font in a PDF as TrueType (`pdf.fonttype` 42: a CIDFontType2 with a
FontFile2 stream). Microsoft YaHei and SimHei are TrueType and go in as they are. Noto Sans CJK,
the Chinese font of Linux, has PostScript (CFF) outlines, which matplotlib would still declare
as TrueType: an invalid file that poppler warns about ("Mismatch between font type and embedded
font file") and stricter readers may refuse (matplotlib issues #2869, #20870). So for a CFF font
the characters a document uses are cut out of it and their outlines converted to TrueType
quadratic curves (fontTools' cu2qu, within 1 font unit, 1/1000 em): the PDF then embeds a real
TrueType font. Advance widths are kept, so nothing on the page moves.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

_MAX_ERROR = 1.0  # font units


def face(path: str) -> tuple[str, int]:
    """(file, face in a collection) of what matplotlib's findfont returned: since matplotlib
    3.11 a FontPath that knows its face, before it a plain path to the first face."""
    return str(getattr(path, "path", path)), int(getattr(path, "face_index", 0))


def is_truetype(path: str) -> bool:
    file, index = face(path)
    font = TTFont(file, fontNumber=index, lazy=True)
    try:
        return "glyf" in font
    finally:
        font.close()


def truetype_subset(path: str, characters: Iterable[str]) -> Path:
    """A TrueType font file holding just `characters` of the font at `path` (as findfont
    returns it)."""
    file, index = face(path)
    text = "".join(sorted(set(characters) | {" "}))
    key = hashlib.sha256(f"{file}|{index}|{text}".encode()).hexdigest()[:16]
    target = _folder() / f"{Path(file).stem}-{index}-{key}.ttf"
    if target.exists():
        return target
    options = subset.Options()
    options.layout_features = []  # no shaping tables: matplotlib lays out glyph by glyph
    options.drop_tables += ["VORG", "vhea", "vmtx", "FFTM", "PfEd"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(file, fontNumber=index)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    if "glyf" not in font:
        _to_quadratic(font)
    partial = target.with_suffix(".part")
    font.save(partial)
    partial.replace(target)
    return target


def _to_quadratic(font: TTFont) -> None:
    """Replace CFF outlines by TrueType ones, as fontTools' otf2ttf snippet does."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[name].draw(Cu2QuPen(pen, _MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        advance, _ = hmtx[name]
        hmtx[name] = (advance, getattr(glyph, "xMin", 0))
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attribute in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                      "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                      "maxComponentElements"):
        setattr(maxp, attribute, 1 if attribute == "maxZones" else 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font.sfntVersion = "\x00\x01\x00\x00"


@cache
def _folder() -> Path:
    """Fonts made in this process; removed when it ends."""
    folder = Path(tempfile.mkdtemp(prefix="gisapp-fonts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder
