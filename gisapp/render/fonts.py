"""The Chinese font of printed maps: found once, given to matplotlib by family name.

Where it comes from, first found wins:
1. a font shipped with the product in `<app root>/fonts/` (the installer may put one there);
2. Windows: Microsoft YaHei (msyh.ttc), then SimHei (simhei.ttf), what county office PCs have;
3. any installed family of `CJK_FAMILIES` that matplotlib's font manager knows (on Linux,
   Noto Sans CJK SC from the fonts-noto-cjk package).

Every text of a page uses this one font, Latin digits included, so matplotlib never falls back
to a font without Chinese glyphs (no boxes, no "Glyph missing" warning).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

from gisapp.errors import UserError
from gisapp.resources import app_root

# The same order as the GUI's (gisapp/views/fonts.py): Windows first, then the free fonts.
CJK_FAMILIES = ("Microsoft YaHei", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC",
                "Noto Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback")
_FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
_WINDOWS_FILES = ("msyh.ttc", "msyhbd.ttc", "msyh.ttf", "msyhbd.ttf", "simhei.ttf")
_PROBE = "县乡镇康复达标"  # a family must draw these to count as Chinese


@dataclass(frozen=True)
class CjkFont:
    family: str
    has_bold: bool  # a bold face of the same family is installed (SimHei has none)

    def properties(self, size: float, *, bold: bool = False) -> FontProperties:
        weight = "bold" if bold and self.has_bold else "normal"
        return FontProperties(family=self.family, size=size, weight=weight)


@cache
def cjk_font() -> CjkFont:
    """The font for every printed map; one sentence if the machine has none."""
    for path in [*_bundled_files(), *_windows_files()]:
        font_manager.fontManager.addfont(str(path))  # every face of a collection
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in [*_bundled_families(), *CJK_FAMILIES]:
        if family in installed and _draws_chinese(family):
            bold = any(e.name == family and _is_bold(e.weight)
                       for e in font_manager.fontManager.ttflist)
            return CjkFont(family, bold)
    raise UserError("no Chinese font found for printing; install Microsoft YaHei or SimHei "
                    "(Windows) or fonts-noto-cjk (Linux), or put a .ttf/.ttc font into "
                    f"{app_root() / 'fonts'}")


def _bundled_files() -> list[Path]:
    folder = app_root() / "fonts"
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in _FONT_SUFFIXES) \
        if folder.is_dir() else []


def _windows_files() -> list[Path]:
    folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return [folder / name for name in _WINDOWS_FILES if (folder / name).is_file()]


def _bundled_families() -> list[str]:
    """The families of the shipped fonts; of a collection, its Simplified Chinese face first."""
    files = {str(p.resolve()) for p in _bundled_files()}
    faces = [e.name for e in font_manager.fontManager.ttflist
             if str(Path(e.fname).resolve()) in files]
    rank = {family: i for i, family in enumerate(CJK_FAMILIES)}
    return sorted(dict.fromkeys(faces), key=lambda f: (rank.get(f, len(rank)), "SC" not in f))


def _is_bold(weight: int | str) -> bool:
    return weight in ("bold", "heavy", "black") or (isinstance(weight, int) and weight >= 600)


def _draws_chinese(family: str) -> bool:
    path = font_manager.findfont(FontProperties(family=family), fallback_to_default=False)
    charmap = font_manager.get_font(path).get_charmap()
    return all(ord(c) in charmap for c in _PROBE)
