"""A UI font that has Chinese glyphs, so no label is drawn as empty boxes."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from gisapp.font_files import cjk_font

# Windows first (what county office PCs have), then the free fonts of Linux.
CJK_FAMILIES = ("Microsoft YaHei", "微软雅黑", "SimHei", "Noto Sans CJK SC", "Noto Sans SC",
                "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")


def cjk_family() -> str | None:
    """The app's Chinese font (gisapp.font_files: the one shipped with the product first),
    else any installed family Qt knows."""
    installed = set(QFontDatabase.families())
    found = cjk_font()
    if found is not None and found.shipped:
        installed.update(_register(str(found.path)))
    if found is not None and found.family in installed:
        return found.family
    return next((f for f in CJK_FAMILIES if f in installed), None)


@cache
def _register(path: str) -> tuple[str, ...]:
    """No other program knows a font shipped with the product: Qt is told of it, once."""
    return tuple(QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(path)))


def install_cjk_font(app: QApplication) -> str | None:
    """Make the application font a CJK family when one is installed; returns its name."""
    family = cjk_family()
    if family is not None:
        font = QFont(app.font())
        font.setFamily(family)
        app.setFont(font)
    return family
