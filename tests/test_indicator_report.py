"""`gisapp indicators`: the exact JSON keys, Excel-ready CSV, an aligned Chinese table."""

from __future__ import annotations

import csv
import io
import json

import pytest

from gisapp.cli import main
from gisapp.project import Project

KEYS = ["indicator", "level", "code", "name", "numerator", "denominator", "value", "target",
        "comparison", "met", "source", "unplaced"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["indicators", *args]) == 0
    return capsys.readouterr().out


def test_json_records_have_exactly_the_agreed_keys(demo_project: Project, capsys) -> None:
    records = json.loads(run(capsys, str(demo_project.path), "--format", "json"))
    assert all(list(r) == KEYS for r in records)
    service = next(r for r in records if r["indicator"] == "service_body_coverage")
    assert service | {"value": round(service["value"], 4)} == {
        "indicator": "service_body_coverage", "level": "county", "code": "640324",
        "name": "同心县", "numerator": 8, "denominator": 11, "value": 0.7273, "target": 0.8,
        "comparison": ">=", "met": False, "source": "宁残联发〔2021〕46号 一、总体要求",
        "unplaced": 0}


def test_township_level_has_one_row_per_township(demo_project: Project, capsys) -> None:
    records = json.loads(run(capsys, str(demo_project.path), "--format", "json",
                             "--level", "township"))
    service = [r for r in records if r["indicator"] == "service_body_coverage"]
    assert len(service) == 11
    assert {r["code"] for r in service if r["met"] is False} == {"640324201", "640324202",
                                                                  "640324203"}


def test_csv_opens_in_excel(demo_project: Project, capsysbinary) -> None:
    assert main(["indicators", str(demo_project.path), "--format", "csv"]) == 0
    raw = capsysbinary.readouterr().out
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["指标", "级别", "代码", "名称"]
    assert rows[1][:9] == ["乡镇（街道）残疾人服务机构覆盖率", "县", "640324", "同心县", "8", "11",
                           "72.7%", "≥80%", "未达标"]


def test_table_columns_line_up_in_a_chinese_terminal(demo_project: Project, capsys) -> None:
    lines = run(capsys, str(demo_project.path), "--targets", "tongxin_2021").splitlines()
    assert lines[0].endswith("（同心县“十四五”残疾人保障和发展规划（征求意见稿））")
    header, first = lines[1], lines[2]

    def column_at(line: str, word: str) -> int:  # display columns before `word`
        before = line[: line.index(word)]
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in before)

    assert column_at(header, "代码") == column_at(first, "640324")
    assert "≥1500" in first or ">95%" in first


def test_bad_radius_is_one_sentence(demo_project: Project, capsys) -> None:
    assert main(["indicators", str(demo_project.path), "--radius-km", "0"]) == 2
    assert capsys.readouterr().err.strip() == "gisapp: --radius-km 应大于 0，不能是 0"


def test_every_format_says_how_many_could_not_be_placed(tmp_path, capsys) -> None:
    # The hand county: p5 has a rehab need and no location; rehab reach is 3 of 5 county-wide.
    from tests.hand_county import SETTINGS, hand_county

    project = Project.create(tmp_path / "hand.gpkg", SETTINGS)
    project.write_layers(hand_county())
    path = str(project.path)
    records = json.loads(run(capsys, path, "--format", "json"))
    reach = next(r for r in records if r["indicator"] == "rehab_reach")
    assert (reach["numerator"], reach["denominator"], reach["unplaced"]) == (3, 5, 1)
    lines = run(capsys, path).splitlines()
    header = lines[1].split()
    assert header[header.index("分母") + 1] == "分母中无坐标"
    row = next(line for line in lines if line.startswith("有康复需求残疾人的康复站服务半径覆盖率"))
    assert row.split()[4:8] == ["3", "5", "1", "60.0%"]
    assert lines[-1] == ("注：有康复需求残疾人的康复站服务半径覆盖率：全县分母 5 人，"
                         "其中 1 人无坐标，未计入服务半径覆盖（分母中无坐标列）。")
    rows = list(csv.reader(io.StringIO(run(capsys, path, "--format", "csv").lstrip("\ufeff"))))
    assert rows[0][-1] == "分母中无坐标"
    reach_row = next(r for r in rows if r[0] == "有康复需求残疾人的康复站服务半径覆盖率")
    assert reach_row[4:7] == ["3", "5", "60.0%"] and reach_row[-1] == "1"
    assert all(r[-1] == "" for r in rows[1:] if r is not reach_row)
