from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest

from gisapp.cli import main
from tests.conftest import REPO


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "new" in out and "demo" in out and "site" in out


def test_new_creates_an_empty_project(tmp_path: Path, capsys) -> None:
    path = tmp_path / "县.gpkg"
    assert main(["new", str(path), "--name", "测试县", "--county-code", "640324"]) == 0
    assert "已创建项目" in capsys.readouterr().out
    assert "households" in {name for name, _ in pyogrio.list_layers(path)}


def test_a_user_mistake_is_one_sentence_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "county.gpkg"
    path.write_text("hello")
    result = subprocess.run([sys.executable, "-m", "gisapp", "new", str(path)], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == f"gisapp: {path} 已存在；请换一个文件名，或先删除它"
    assert "Traceback" not in result.stderr


def test_demo_writes_the_county(tmp_path: Path, capsys) -> None:
    path = tmp_path / "demo.gpkg"
    assert main(["demo", "--out", str(path)]) == 0
    out = capsys.readouterr().out
    assert "townships 11" in out and "villages 153" in out
    assert main(["demo", "--out", str(path)]) == 2  # exists, no --force
    assert main(["demo", "--out", str(path), "--force"]) == 0
