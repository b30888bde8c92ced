"""The wall between the headless core and Qt, checked by import-linter and by running the core
with PySide6 made unimportable."""

from __future__ import annotations

import subprocess
import sys
import tomllib

from tests.conftest import REPO

GUI_MODULES = {"gisapp.views", "gisapp.cli", "gisapp.__main__"}


def test_import_contracts_hold() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command as run; run()"],
        cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken" in result.stdout


def test_every_core_module_is_under_the_views_contract() -> None:
    """A new top-level module must be added to the second contract, or it escapes the check."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][1]
    listed = set(contract["source_modules"])
    top_level = {f"gisapp.{p.stem}" for p in (REPO / "gisapp").glob("*.py") if p.stem != "__init__"}
    top_level |= {f"gisapp.{p.parent.name}" for p in (REPO / "gisapp").glob("*/__init__.py")}
    assert top_level - GUI_MODULES == listed


def test_the_core_runs_with_qt_absent(tmp_path) -> None:
    script = f"""
import sys
sys.modules["PySide6"] = None  # any import of Qt now fails
sys.modules["shiboken6"] = None
from gisapp.demo import build_demo
from gisapp.map_state import MapState
from gisapp.targets import target_set
project = build_demo({str(tmp_path / "demo.gpkg")!r})
state = MapState.from_project(project)
assert len(state.layers) == 6 and target_set().indicators
from gisapp.cli import main
assert main(["new", {str(tmp_path / "empty.gpkg")!r}]) == 0
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                            text=True)
    assert result.stdout.strip().endswith("ok"), result.stderr
