"""Shared fixtures. Qt runs offscreen; the app's settings and files go to a temporary folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before anything imports Qt or platformdirs: no display, and nothing written to the real home.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = Path(tempfile.mkdtemp(prefix="gisapp-test-home-"))
for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[variable] = str(_HOME / variable.lower())

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from gisapp.demo import build_demo  # noqa: E402
from gisapp.project import Project  # noqa: E402

# Property tests: in CI the same few small examples each run, so the suite stays fast and a
# failure repeats; HYPOTHESIS_PROFILE=thorough hunts with many new ones.
settings.register_profile("ci", max_examples=12, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=300, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The demo county, built once per test run; tests must not write to it."""
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.gpkg")
