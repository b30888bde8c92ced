"""Settings a planner changes are checked first, and a bad value names its setting."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from gisapp.cli import main
from gisapp.errors import UserError
from gisapp.project import Project, Settings
from gisapp.project_settings import change_settings


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project.create(tmp_path / "county.gpkg", Settings(name="测试县"))


def test_changes_are_kept_with_their_types(project: Project) -> None:
    change_settings(project, {"radius_km": "3", "data_date": "2026-06-30",
                              "issuing_office": "同心县残联", "target_set": "tongxin_2021"})
    again = Project.open(project.path).settings
    assert again.radius_km == 3.0 and again.data_date == dt.date(2026, 6, 30)
    assert (again.issuing_office, again.target_set) == ("同心县残联", "tongxin_2021")


@pytest.mark.parametrize(("changes", "message"), [
    ({"radius_km": "abc"}, "radius_km：“abc”不是公里数"),
    ({"radius_km": "0"}, "radius_km：0 公里不是合理的服务半径（0-100 公里）"),
    ({"data_date": "2026/6/31"}, "data_date：“2026/6/31”不是日期（例如 2026-06-30）"),
    ({"county_code": "6403"}, "county_code：“6403”不是 6 位县级行政区划代码"),
    ({"target_set": "beijing"}, "target_set：没有目标文件“beijing”"),
    ({"tianditu_key": "key with spaces"}, "tianditu_key：天地图密钥应为 16-64 位字母和数字"),
    ({"metric_crs": "EPSG:4326"}, "metric_crs：EPSG:4326 不是以米为单位的投影坐标系"),
    ({"metric_crs": "EPSG:2249"}, "metric_crs：EPSG:2249 不是以米为单位的投影坐标系"),  # US feet
    ({"metric_crs": "火星"}, "metric_crs：“火星”不是坐标系代码"),
    ({"schema_version": "9"}, "“schema_version”不是可修改的设置"),
])
def test_a_bad_value_is_refused_and_nothing_changes(project: Project, changes, message) -> None:
    before = project.path.read_bytes()
    with pytest.raises(UserError, match=re.escape(message)):
        change_settings(project, {"issuing_office": "某", **changes})
    assert project.path.read_bytes() == before


def test_the_command_line_shows_and_changes_settings(project: Project, capsys) -> None:
    assert main(["settings", str(project.path), "--set", "radius_km=2.5"]) == 0
    assert "radius_km = 2.5" in capsys.readouterr().out
    assert main(["settings", str(project.path)]) == 0
    shown = capsys.readouterr().out
    assert "name = 测试县" in shown and "radius_km = 2.5" in shown
    assert main(["settings", str(project.path), "--set", "radius_km"]) == 2
    assert "请写成 设置名=值" in capsys.readouterr().err


def test_the_metric_crs_can_be_set_to_a_projected_crs_in_metres(project: Project) -> None:
    assert change_settings(project, {"metric_crs": "epsg:4545"}).metric_crs == "EPSG:4545"
    assert Project.open(project.path).settings.metric_crs == "EPSG:4545"


@pytest.mark.parametrize("text", ["2026-06-30", "2026/6/30", "2026.06.30", "2026年6月30日"])
def test_the_data_date_as_planners_type_it(project: Project, text: str) -> None:
    assert change_settings(project, {"data_date": text}).data_date == dt.date(2026, 6, 30)
