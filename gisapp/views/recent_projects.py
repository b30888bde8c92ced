"""文件 → 最近打开的项目: the projects opened last, newest first, kept in the app's settings."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMenu

_KEY = "project/recent"
_KEPT = 8


def recent_projects(settings: QSettings) -> list[Path]:
    """The remembered projects that still exist, newest first."""
    stored = settings.value(_KEY, []) or []
    if isinstance(stored, str):  # QSettings gives a lone value back as a string
        stored = [stored]
    return [Path(p) for p in stored if Path(p).is_file()]


def remember_project(settings: QSettings, path: Path) -> None:
    path = path.resolve()
    kept = [p for p in recent_projects(settings) if p.resolve() != path]
    settings.setValue(_KEY, [str(p) for p in [path, *kept][:_KEPT]])
    settings.setValue("project/last", str(path))


def fill_recent_menu(menu: QMenu, settings: QSettings, current: Path,
                     open_project: Callable[[Path], None]) -> None:
    menu.clear()
    for number, path in enumerate(recent_projects(settings), start=1):
        action = menu.addAction(f"&{number} {path.name}　{path.parent}")
        action.setToolTip(str(path))
        action.setEnabled(path.resolve() != current.resolve())
        action.triggered.connect(partial(open_project, path))
    if menu.isEmpty():
        menu.addAction(QCoreApplication.translate("RecentProjects", "（无）")).setEnabled(False)
