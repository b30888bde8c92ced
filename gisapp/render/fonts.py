"""The Chinese font of printed maps and charts: the app's one font (gisapp.font_files: shipped
with the product first, then Microsoft YaHei or SimHei on Windows, then Noto Sans CJK on
Linux), given to matplotlib by family name.

Every text of a page uses this one font, Latin digits included, so matplotlib never falls back
to a font without Chinese glyphs (no boxes, no "Glyph missing" warning).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

from gisapp import font_files
from gisapp.errors import UserError
from gisapp.resources import app_root


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
    found = font_files.cjk_font()
    if found is None:
        raise UserError("no Chinese font found for printing; install Microsoft YaHei or SimHei "
                        "(Windows) or fonts-noto-cjk (Linux), or put a .ttf/.ttc font into "
                        f"{app_root() / 'fonts'}")
    font_manager.fontManager.addfont(str(found.path))  # every face of a collection
    faces = [e for e in font_manager.fontManager.ttflist if e.name == found.family]
    if not faces:
        raise UserError(f"{found.path}: matplotlib cannot read the font {found.family}")
    return CjkFont(found.family, any(_is_bold(e.weight) for e in faces))


def _is_bold(weight: int | str) -> bool:
    return weight in ("bold", "heavy", "black") or (isinstance(weight, int) and weight >= 600)
