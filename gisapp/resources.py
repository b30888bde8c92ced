"""Where the product's own data lives: the layer catalog, target sets, demo boundaries and the
national list of places (counties, townships, villages).

A source checkout (or editable install) keeps them beside the package; a frozen build
(PyInstaller) unpacks them into its bundle folder; GISAPP_HOME overrides both.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def app_root() -> Path:
    if home := os.environ.get("GISAPP_HOME"):
        return Path(home)
    if bundle := getattr(sys, "_MEIPASS", None):
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def layers_dir() -> Path:
    return app_root() / "layers"


def targets_dir() -> Path:
    return app_root() / "data" / "targets"


def boundaries_dir() -> Path:
    return app_root() / "data" / "boundaries"


def places_dir() -> Path:
    return app_root() / "data" / "places"
