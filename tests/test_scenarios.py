from __future__ import annotations

from pathlib import Path

import pytest

from gisapp.errors import UserError
from gisapp.project import Project, Settings
from gisapp.scenarios import ProposedStation, load_scenario, save_scenario, scenario_names
from tests.tools.validate_gpkg import check as validate_geopackage


def test_scenarios_round_trip_and_overwrite(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "county.gpkg", Settings(name="测试县"))
    first = [ProposedStation("方案1", 106.1, 36.9), ProposedStation("方案2", 106.3, 36.8)]
    save_scenario(project, "南部加密", first)
    save_scenario(project, "只建一个", first[:1])
    assert scenario_names(project) == ["南部加密", "只建一个"]
    assert load_scenario(project, "南部加密") == first
    save_scenario(project, "南部加密", first[1:])  # saved again under the same name
    assert scenario_names(project) == ["只建一个", "南部加密"]
    assert load_scenario(project, "南部加密") == first[1:]
    validate_geopackage(str(project.path), warning_as_error=True, myprint=lambda _: None)


def test_scenario_mistakes(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "county.gpkg", Settings(name="测试县"))
    with pytest.raises(UserError, match="方案需要一个名称"):
        save_scenario(project, "  ", [])
    with pytest.raises(UserError, match="没有方案“不存在”"):
        load_scenario(project, "不存在")
    save_scenario(project, "空方案", [])
    assert load_scenario(project, "空方案") == []
