"""Shortlists on the hand-counted county of tests/hand_county.py, and as files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from gisapp.analysis.shortlists import shortlist
from gisapp.cli import main
from gisapp.errors import UserError
from gisapp.project import Project
from tests.hand_county import SETTINGS, V2, V3, hand_county, id_number


def test_uncovered_villages_most_urgent_first() -> None:
    # Beyond the 5 km of S1 with a rehab need: p3 in 二村 (6 km; severe, monitored) and p5 in
    # 三村 (no location, so no reach can be shown; severe, monitored). p6 sits exactly on 5 km.
    rows = shortlist("uncovered-villages", hand_county(), SETTINGS).rows
    assert rows[["村代码", "村", "有康复需求人数", "服务半径外人数", "其中重度", "其中监测对象"]
                ].values.tolist() == [[V2, "二村", 2, 1, 1, 1], [V3, "三村", 1, 1, 1, 1]]
    assert rows["最近康复站"].tolist() == ["一村康复站", "一村康复站"]
    # from the village's inner point: 二村 (7.5, 5) and 三村 (15, 5) to S1 at (2, 5)
    assert rows["距村中心（公里）"].tolist() == [5.5, 13.0]


def test_a_wider_radius_empties_the_list_but_for_the_unlocated() -> None:
    rows = shortlist("uncovered-villages", hand_county(), SETTINGS, radius_km=10).rows
    assert rows["村代码"].tolist() == [V3]


def unlisted(frame):
    """The layer as a list imported as a table: its rows without polygon or point."""
    return frame.set_geometry([None] * len(frame), crs=frame.crs)


@pytest.mark.parametrize(("change", "why"), [
    (lambda layers: layers.pop("villages"), "未导入村（社区）图层，无法列出服务半径外的村"),
    (lambda layers: layers.update(villages=layers["villages"].iloc[:0]),
     "未导入村（社区）图层，无法列出服务半径外的村"),
    # a village list without places, and persons placed on their village only: nobody's
    # distance to a station is known
    (lambda layers: layers.update(villages=unlisted(layers["villages"]),
                                  households=unlisted(layers["households"])),
     "村（社区）图层只有名单，没有界线或位置，有康复需求者也没有坐标，无法判断哪些村在服务半径外")])
def test_uncovered_villages_cannot_be_listed_without_villages(change, why: str) -> None:
    # An empty list would read "nobody is out of reach"; the list is refused, saying why.
    layers = hand_county()
    change(layers)
    with pytest.raises(UserError, match=f"无法生成.*清单：{why}"):
        shortlist("uncovered-villages", layers, SETTINGS)
    assert len(shortlist("unrenovated", layers, SETTINGS).rows) == 1  # other lists still work


def test_a_village_list_without_places_still_lists_villages_of_located_persons() -> None:
    # The persons' own coordinates say who is beyond reach; the village list names their
    # villages by code. Only the distance from a village's centre cannot be given.
    layers = hand_county()
    layers["villages"] = unlisted(layers["villages"])
    rows = shortlist("uncovered-villages", layers, SETTINGS).rows
    assert rows[["村代码", "有康复需求人数", "服务半径外人数", "其中无坐标"]].values.tolist() == [
        [V2, 2, 1, 0], [V3, 1, 1, 1]]  # p5 in 三村 has no location: not known to be far
    assert rows["距村中心（公里）"].isna().all()


def test_uncovered_villages_cannot_be_listed_without_located_stations() -> None:
    layers = hand_county()
    layers["rehab_stations"] = layers["rehab_stations"].set_geometry([None], crs="EPSG:4490")
    with pytest.raises(UserError, match="没有带坐标的康复站"):
        shortlist("uncovered-villages", layers, SETTINGS)


def test_cli_says_why_the_list_cannot_be_made(tmp_path: Path, capsys) -> None:
    layers = hand_county()
    del layers["villages"]
    project = Project.create(tmp_path / "no-villages.gpkg", SETTINGS)
    project.write_layers(layers)
    out = tmp_path / "list.xlsx"
    assert main(["shortlist", str(project.path), "--kind", "uncovered-villages",
                 "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert "未导入村（社区）图层，无法列出服务半径外的村" in error and "Traceback" not in error
    assert not out.exists()


def test_unrenovated_poor_severe_households_with_masked_ids() -> None:
    # poor and grade 1-2 and not renovated: only p3 (监测对象, grade 1).
    listed = shortlist("unrenovated", hand_county(), SETTINGS)
    rows = listed.rows
    assert len(rows) == 1
    p3 = id_number("19860101", 3)
    assert rows.iloc[0][["户编号", "身份证号", "残疾等级", "困难类型"]].tolist() == [
        "H2", p3[:6] + "********" + p3[-4:], "一级", "监测对象"]
    assert "未实施无障碍改造" in listed.title and "2026-06-30" in listed.title
    full = shortlist("unrenovated", hand_county(), SETTINGS, full=True).rows
    assert full.iloc[0]["身份证号"] == p3


def test_overdue_visits_as_of_a_day() -> None:
    # Monitored: p3 visited 2026-05-01, p5 never. On 2026-06-30 only p5 is overdue; a quarter
    # later p3 is 60 days overdue too, listed after the never-visited.
    on_data_date = shortlist("overdue-visits", hand_county(), SETTINGS).rows
    assert on_data_date["户编号"].tolist() == ["H4"]
    assert on_data_date["逾期天数"].tolist() == ["从未走访"]
    later = shortlist("overdue-visits", hand_county(), SETTINGS,
                      as_of=dt.date(2026, 9, 30)).rows
    assert later["户编号"].tolist() == ["H4", "H2"]
    assert later["逾期天数"].tolist() == ["从未走访", 60]
    assert later["最近走访日期"].tolist() == ["从未走访", "2026-05-01"]


def test_townships_without_center() -> None:
    assert shortlist("townships-without-center", hand_county(), SETTINGS).rows.empty
    layers = hand_county()
    layers["service_centers"] = layers["service_centers"].iloc[:1]  # C2 (乙乡) closes
    rows = shortlist("townships-without-center", layers, SETTINGS).rows
    # 乙乡: p4 by location, p5 by code; p5 is severe. Nearest center C1 at (2, 2) km from the
    # township's inner point (15, 5): sqrt(13² + 3²) = 13.3 km.
    assert rows.values.tolist() == [["640324201", "乙乡", 2, 1, "甲镇残疾人之家", 13.3]]


def test_unknown_list_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown shortlist 'everyone'"):
        shortlist("everyone", hand_county(), SETTINGS)


def test_cli_writes_a_printable_workbook(demo_project: Project, tmp_path: Path, capsys) -> None:
    out = tmp_path / "未覆盖村.xlsx"
    assert main(["shortlist", str(demo_project.path), "--kind", "uncovered-villages",
                 "--out", str(out)]) == 0
    assert "已写入" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(out).active
    assert sheet.title == "未覆盖村"
    assert sheet["A1"].value.startswith("同心县 康复服务半径（5 公里）外有康复需求人员的村")
    assert [c.value for c in sheet[2]][:4] == ["序号", "乡镇", "村代码", "村"]
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref.startswith("A2:")
    assert sheet.column_dimensions["B"].width >= 8
    beyond = [row[5] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert len(beyond) == 63 and min(beyond) >= 1  # the demo's 63 villages with a gap


def test_cli_csv_masks_unless_full(demo_project: Project, tmp_path: Path) -> None:
    masked, full = tmp_path / "masked.csv", tmp_path / "full.csv"
    for out, extra in ((masked, []), (full, ["--full"])):
        assert main(["shortlist", str(demo_project.path), "--kind", "unrenovated",
                     "--out", str(out), *extra]) == 0
    assert masked.read_bytes().startswith(b"\xef\xbb\xbf")
    masked_ids = pd.read_csv(masked, dtype=str)["身份证号"]
    full_ids = pd.read_csv(full, dtype=str)["身份证号"]
    assert masked_ids.str.fullmatch(r"640324\*{8}\d{3}[\dX]").all()
    assert full_ids.str.fullmatch(r"640324\d{11}[\dX]").all()
    assert (masked_ids.str[-4:] == full_ids.str[-4:]).all()


def test_cli_refuses_other_formats_and_bad_dates(demo_project: Project, tmp_path: Path,
                                                 capsys) -> None:
    assert main(["shortlist", str(demo_project.path), "--kind", "unrenovated",
                 "--out", str(tmp_path / "list.pdf")]) == 2
    assert "清单只能写成 .xlsx 或 .csv 文件" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["shortlist", str(demo_project.path), "--kind", "overdue-visits",
              "--out", str(tmp_path / "x.xlsx"), "--as-of", "30/06/2026"])
    assert exited.value.code == 2
