"""Where the app keeps its own files on the planner's machine (no Qt: the CLI uses them too)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

_APP = "gisapp"


def data_dir() -> Path:
    path = platformdirs.user_data_path(_APP, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def demo_project_path() -> Path:
    """The demo county project opened on first run."""
    return data_dir() / "同心县演示.gpkg"


def is_demo_project(path: Path) -> bool:
    """Whether `path` is the shipped demo, which the planner's own work must never change."""
    return path.resolve() == demo_project_path().resolve()


def log_path() -> Path:
    path = platformdirs.user_log_path(_APP, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path / "gisapp.log"
