"""A UI font that has Chinese glyphs, so no label is drawn as empty boxes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

# Windows first (what county office PCs have), then the free fonts of Linux.
CJK_FAMILIES = ("Microsoft YaHei", "微软雅黑", "SimHei", "Noto Sans CJK SC", "Noto Sans SC",
                "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")


def cjk_family() -> str | None:
    installed = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in installed), None)


def install_cjk_font(app: QApplication) -> str | None:
    """Make the application font a CJK family when one is installed; returns its name."""
    family = cjk_family()
    if family is not None:
        font = QFont(app.font())
        font.setFamily(family)
        app.setFont(font)
    return family
