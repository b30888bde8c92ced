"""`gisapp site` as the planner's terminal shows it: the answer in Chinese, and nothing of the
solver's own output (HiGHS prints a banner and a log unless told not to)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gisapp.cli import main
from gisapp.project import Project
from tests.conftest import REPO
from tests.hand_county import METRIC
from tests.test_siting import LINE, line_county

ANSWER = "新增3个康复站：建议3个，全县覆盖率 5.9% → 82.4%"


def line_project(tmp_path: Path) -> Path:
    """The line county of test_siting, its villages as 200 m squares (a village layer holds
    areas) around the points that are the candidates."""
    layers = line_county()
    villages = layers["villages"]
    layers["villages"] = villages.set_geometry(
        villages.to_crs(METRIC).buffer(100, cap_style="square").to_crs(villages.crs))
    project = Project.create(tmp_path / "line.gpkg", LINE)
    project.write_layers(layers)
    return project.path


def test_site_prints_the_answer_and_nothing_of_the_solver(tmp_path: Path,
                                                          capfd: pytest.CaptureFixture) -> None:
    # capfd, not capsys: HiGHS writes from C++ straight to file descriptor 1.
    out = tmp_path / "选址.xlsx"
    assert main(["site", str(line_project(tmp_path)), "--add", "3", "--out", str(out)]) == 0
    printed = capfd.readouterr().out
    assert "HiGHS" not in printed and "Running" not in printed
    lines = printed.splitlines()
    assert len(lines) == 2 and lines[0].startswith(ANSWER) and lines[1].startswith("已写入")


def test_a_fresh_process_prints_no_banner(tmp_path: Path) -> None:
    # HiGHS prints its banner once per process, so only a new one shows it is gone.
    out = tmp_path / "选址.xlsx"
    run = subprocess.run([sys.executable, "-m", "gisapp", "site", str(line_project(tmp_path)),
                          "--add", "3", "--out", str(out)], cwd=REPO, capture_output=True,
                         text=True, encoding="utf-8", check=True)
    assert "HiGHS" not in run.stdout and "Running" not in run.stdout
    assert run.stdout.startswith(ANSWER) and len(run.stdout.splitlines()) == 2


def test_a_mistake_is_one_chinese_sentence(tmp_path: Path, capfd: pytest.CaptureFixture) -> None:
    path = str(line_project(tmp_path))
    assert main(["site", path, "--add", "0", "--out", str(tmp_path / "a.xlsx")]) == 2
    assert capfd.readouterr().err.strip() == "gisapp: --add 至少为 1，现为 0"
    assert main(["site", path, "--reach", "95%", "--out", str(tmp_path / "a.xlsx")]) == 2
    assert capfd.readouterr().err.strip().startswith(
        "gisapp: 以这些候选点，全县达不到 --reach 95%；全县：全部候选点都建站也只能覆盖88.2%")
