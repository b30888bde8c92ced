"""The one Chinese font file of the app, found without Qt: the window, the PDF pages and the
smoke test all take it from `cjk_font()`.

First found wins:
1. a font shipped with the product in `<app root>/fonts/` (the installer puts Noto Sans CJK SC
   there, so a frozen build looks the same on every machine);
2. Windows: Microsoft YaHei, then SimHei, what county office PCs have;
3. Linux: Noto Sans CJK (Debian's fonts-noto-cjk), then WenQuanYi.

Of a collection (.ttc), the Simplified Chinese face is taken.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gisapp.resources import app_root

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
_WINDOWS_FILES = ("msyh.ttc", "msyh.ttf", "simhei.ttf")
_LINUX_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
_PROBE = "县乡镇康复达标"  # a face must draw these to count as Chinese


@dataclass(frozen=True)
class CjkFont:
    path: Path
    face: int  # the face's index in a collection; 0 for a single font
    family: str
    truetype: bool  # TrueType outlines (glyf), not PostScript (CFF)

    @property
    def shipped(self) -> bool:
        """Shipped with the product: no other program knows it, so Qt must be told of it."""
        return self.path.parent == app_root() / "fonts"


def shipped_font_files() -> list[Path]:
    folder = app_root() / "fonts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


@cache
def cjk_font() -> CjkFont | None:
    """The Chinese font every part of the app uses, or None if the machine has none."""
    for path in [*shipped_font_files(), *_windows_files(), *map(Path, _LINUX_FILES)]:
        if path.is_file() and (font := _chinese_face(path)) is not None:
            return font
    return None


def _windows_files() -> list[Path]:
    folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return [folder / name for name in _WINDOWS_FILES]


def _chinese_face(path: Path) -> CjkFont | None:
    """The Simplified Chinese face of the file (any Chinese face if none says SC)."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError  # matplotlib's dependency

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            opened = TTCollection(str(path), lazy=True)
            faces = list(opened.fonts)
        else:
            opened = TTFont(str(path), lazy=True)
            faces = [opened]
    except (OSError, TTLibError):
        return None
    try:
        # Simplified Chinese faces first; the character map is read only for the face taken.
        named = [(i, face["name"].getBestFamilyName() or "") for i, face in enumerate(faces)]
        named.sort(key=lambda item: not item[1].endswith(" SC"))
        for index, family in named:
            cmap = faces[index].getBestCmap() or {}
            if "Mono" not in family and all(ord(c) in cmap for c in _PROBE):
                return CjkFont(path, index, family, truetype="glyf" in faces[index])
        return None
    finally:
        opened.close()  # the file stays open otherwise (lazy reading)
