"""大武口区 (640202, urban): the files as the district's offices hand them over, taken through
the whole command-line path, against the answers counted by hand in
tests/data/dawukou/README.md (persons p01-p40 are the roster's rows 4-43, in order).

The project is built once for the module: `gisapp new`, the settings (data date 2025-12-31,
radius 1 km, target set dawukou_2022), then every file imported as a planner would. Each
test checks one capability, so a failure names what is missing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from gisapp.analysis.indicators import evaluate_indicators
from gisapp.cli import main
from gisapp.project import Project
from gisapp.targets import load_target_set
from tests.conftest import TEST_DATA

DATA = TEST_DATA / "dawukou"
CS, CY, RM, XH = "长胜街道", "朝阳街道", "人民路街道", "星海镇"
STREETS = (CS, CY, RM, XH)
ROSTER = "持证残疾人花名册.xlsx"

# ID numbers of persons the tests name (see the README's table)
P05, P07, P11, P13 = ("640202199002140511", "640202197508080713", "640202199506181114",
                      "640202194803031312")
P14_BAD = "640202198807191419"  # check digit should be 8
P17, P35 = "640202195509091722", "640202196309093517"
P09_DEAD, P20_DEAD = "640202194701150919", "640202194910012010"

# Village codes (NBS 2023) of the village list
V = {"长胜村": "640202001202", "骏马社区": "640202001001", "龙泉社区": "640202001006",
     "万盛社区": "640202002001", "长胜社区": "640202002005", "阳光社区": "640202002011",
     "建设社区": "640202003001", "红星社区": "640202003005", "古香社区": "640202100006",
     "果园村": "640202100206", "星海村": "640202100208"}


@dataclass
class Run:
    code: int
    out: str
    err: str


def gisapp(*args: object) -> Run:
    """`gisapp ARGS` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse refusing an option
            code = exc.code if isinstance(exc.code, int) else 2
    return Run(code, out.getvalue(), err.getvalue())


@dataclass
class County:
    folder: Path
    project: Path
    runs: dict[str, Run]
    _indicators: dict[tuple[str, str], list[dict]] = field(default_factory=dict)

    def indicators(self, targets: str, level: str) -> list[dict]:
        if (targets, level) not in self._indicators:
            run = gisapp("indicators", self.project, "--targets", targets, "--level", level,
                         "--format", "json", "--radius-km", "1")
            assert run.code == 0, run.err
            self._indicators[targets, level] = json.loads(run.out)
        return self._indicators[targets, level]


def build(folder: Path) -> County:
    for path in DATA.iterdir():
        if path.suffix in (".xlsx", ".csv"):
            shutil.copy(path, folder / path.name)  # rejected-row files are written beside
    project = folder / "大武口区.gpkg"
    runs = {
        "new": gisapp("new", project, "--county-code", "640202"),
        "settings": gisapp("settings", project, "--set", "data_date=2025-12-31",
                           "--set", "radius_km=1", "--set", "target_set=dawukou_2022"),
        "townships": gisapp("import", project, folder / "街道名单.xlsx", "--layer", "townships"),
        "villages": gisapp("import", project, folder / "村居名单.xlsx", "--layer", "villages"),
        "households": gisapp("import", project, folder / ROSTER, "--layer", "households",
                             "--crs", "gcj02"),
        "rehab_stations": gisapp("import", project, folder / "康复站.csv",
                                 "--layer", "rehab_stations", "--crs", "gcj02"),
        "service_centers": gisapp("import", project, folder / "残疾人之家及服务机构.xlsx",
                                  "--layer", "service_centers"),
        "renovated_homes": gisapp("import", project, folder / "无障碍改造台账.xlsx",
                                  "--layer", "renovated_homes"),
    }
    return County(folder, project, runs)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> County:
    return build(tmp_path_factory.mktemp("dawukou"))


@pytest.fixture(scope="module")
def updated(county: County, tmp_path_factory: pytest.TempPathFactory) -> County:
    """The county after the later partial file (roster_partial.xlsx), in a copy."""
    folder = tmp_path_factory.mktemp("dawukou_updated")
    shutil.copy(county.project, folder / county.project.name)
    shutil.copy(DATA / "roster_partial.xlsx", folder / "roster_partial.xlsx")
    copy = County(folder, folder / county.project.name, {})
    copy.runs["partial"] = gisapp("import", copy.project, folder / "roster_partial.xlsx",
                                  "--layer", "households")
    return copy


def imported(county: County, kind: str) -> Run:
    run = county.runs[kind]
    assert run.code == 0, run.err
    return run


def figures(records: list[dict], indicator: str) -> dict[str, tuple[int, int] | None]:
    """(numerator, denominator) of each street."""
    got = {r["name"]: (r["numerator"], r["denominator"]) for r in records
           if r["indicator"] == indicator}
    return {name: got.get(name) for name in STREETS}


def county_row(county: County, targets: str, indicator: str) -> dict:
    rows = [r for r in county.indicators(targets, "county") if r["indicator"] == indicator]
    assert len(rows) == 1
    return rows[0]


def households(project: Path) -> pd.DataFrame:
    return Project.open(project).read_layer("households").set_index("id_number").sort_index()


def shortlist(county: County, kind: str) -> pd.DataFrame:
    out = county.folder / f"{kind}.csv"
    run = gisapp("shortlist", county.project, "--kind", kind, "--out", out, "--radius-km", "1",
                 "--full")
    assert run.code == 0, run.err
    return pd.read_csv(out, dtype=str, encoding="utf-8-sig")


def line_with_count(text: str, words: tuple[str, ...], count: int) -> str | None:
    """The first line saying one of `words` with the count of persons `count`."""
    number = re.compile(rf"(?<!\d){count}\s*(人|名)")
    for line in text.splitlines():
        if any(w in line for w in words) and number.search(line):
            return line
    return None


# --- creating the project and importing the files ---------------------------------------------

def test_new_takes_the_county_name_and_metric_crs_from_the_code(tmp_path: Path) -> None:
    path = tmp_path / "dwk.gpkg"
    run = gisapp("new", path, "--county-code", "640202", "--data-date", "2025-12-31")
    assert run.code == 0, run.err
    settings = Project.open(path).settings
    assert settings.county_code == "640202"
    assert settings.county_name == "大武口区"
    # the district lies at 106.1-106.5°E: CGCS2000 3-degree Gauss-Kruger zone CM 105°E
    assert settings.metric_crs == "EPSG:4544"
    assert settings.data_date == dt.date(2025, 12, 31)


def test_a_township_list_without_polygons_is_a_townships_layer(county: County) -> None:
    run = imported(county, "townships")
    assert "导入 4 行" in run.out and "未导入 0 行" in run.out, run.out
    townships = Project.open(county.project).read_layer("townships")
    assert sorted(townships["name"]) == sorted(STREETS)
    codes = dict(zip(townships["name"], townships["code"], strict=True))
    assert codes[CY] == "640202002"  # given as 640202002000: 12 digits name the same street
    assert codes[RM] == "640202003" and codes[XH] == "640202100"


def test_a_village_list_without_coordinates_is_a_villages_layer(county: County) -> None:
    run = imported(county, "villages")
    assert "导入 11 行" in run.out and "未导入 0 行" in run.out, run.out
    villages = Project.open(county.project).read_layer("villages")
    assert sorted(villages["code"]) == sorted(V.values())  # number cells, kept as 12 digits


def test_the_roster_rejects_only_the_row_with_a_wrong_check_digit(county: County) -> None:
    run = imported(county, "households")
    assert "读取 40 行，导入 39 行" in run.out and "未导入 1 行" in run.out, run.out
    rejected = pd.read_excel(county.folder / "持证残疾人花名册.rejected.xlsx", sheet_name=0,
                             dtype=str, engine="openpyxl")
    assert len(rejected) == 1
    row = rejected.iloc[0]
    assert row["原行号"] == "17"  # p14, under the two title rows and the header
    assert row["证件号码"] == P14_BAD
    assert "校验" in row["未导入原因"]


def test_the_deceased_are_kept_in_the_layer(county: County) -> None:
    imported(county, "households")
    people = households(county.project)
    assert len(people) == 39
    assert {P09_DEAD, P20_DEAD} <= set(people.index)


def test_a_grade_written_2ji_is_grade_2(county: County) -> None:
    imported(county, "households")
    assert households(county.project).loc[P17, "grade"] == 2


def test_stations_from_a_gbk_csv_with_a_title_line_all_import(county: County) -> None:
    run = imported(county, "rehab_stations")
    assert "导入 8 行" in run.out and "未导入 0 行" in run.out, run.out
    stations = Project.open(county.project).read_layer("rehab_stations")
    assert len(stations) == 8
    located = stations.geometry.notna() & ~stations.geometry.is_empty
    assert int(located.sum()) == 5  # the other three are known by street and community only


def test_service_centers_listed_by_street_only_all_import(county: County) -> None:
    run = imported(county, "service_centers")
    assert "导入 4 行" in run.out and "未导入 0 行" in run.out, run.out


def test_renovations_link_to_the_roster_by_id_number(county: County) -> None:
    run = imported(county, "renovated_homes")
    # row 9 gives 曹丽娟's ID number with a small x; row 5 gives the year as "2022年"
    assert "导入 9 行" in run.out and "未导入 0 行" in run.out, run.out


# --- where persons are counted ----------------------------------------------------------------

def test_persons_are_counted_in_their_street_by_name(county: County) -> None:
    # medical_insured has no denominator filter: every living person placed in the street
    records = county.indicators("dawukou_2022", "township")
    assert {n: (d[1] if d else None) for n, d in figures(records, "medical_insured").items()} \
        == {CS: 9, CY: 9, RM: 10, XH: 8}


def test_persons_are_counted_in_their_village_by_name(county: County) -> None:
    # 杨帆 wrote only "长胜" with 朝阳街道: 长胜社区, not 长胜街道's 长胜村; 徐晓燕 wrote
    # 万盛社区居委会 and 孙玉梅 龙泉社区居委会, which the village list spells without 居委会
    rows = [r for r in county.indicators("dawukou_2022", "village")
            if r["indicator"] == "medical_insured"]
    got = {r["code"]: r["denominator"] for r in rows}
    assert {name: got.get(code) for name, code in V.items()} == {
        "长胜村": 4, "骏马社区": 3, "龙泉社区": 2, "万盛社区": 2, "长胜社区": 3, "阳光社区": 4,
        "建设社区": 5, "红星社区": 5, "古香社区": 2, "果园村": 2, "星海村": 4}


def test_the_county_counts_everyone_living_even_the_unplaced(county: County) -> None:
    row = county_row(county, "dawukou_2022", "medical_insured")
    assert (row["numerator"], row["denominator"]) == (35, 37)  # 39 imported, 2 deceased


def test_the_indicator_output_says_how_many_persons_could_not_be_placed(county: County) -> None:
    run = gisapp("indicators", county.project, "--targets", "dawukou_2022", "--level",
                 "township", "--radius-km", "1")
    assert run.code == 0, run.err
    words = ("未定位", "无法定位", "未能定位", "不能定位", "无法归入", "未能归入", "未归入",
             "无法确定", "无法匹配", "未匹配")
    assert line_with_count(run.out + run.err, words, 1), run.out  # 白海 (p40): no street


# --- the figures --------------------------------------------------------------------------------

def test_rehab_coverage(county: County) -> None:
    row = county_row(county, "dawukou_2022", "rehab_coverage")
    assert (row["numerator"], row["denominator"], row["met"]) == (18, 28, False)
    assert figures(county.indicators("dawukou_2022", "township"), "rehab_coverage") == {
        CS: (4, 6), CY: (5, 7), RM: (4, 7), XH: (5, 7)}


def test_rehab_reach_within_1_km_of_a_located_station(county: County) -> None:
    row = county_row(county, "dawukou_2022", "rehab_reach")
    assert (row["numerator"], row["denominator"]) == (7, 28)
    assert figures(county.indicators("dawukou_2022", "township"), "rehab_reach") == {
        CS: (2, 6), CY: (1, 7), RM: (3, 7), XH: (1, 7)}


def test_rehab_reach_says_how_many_in_need_have_no_location(county: County) -> None:
    run = gisapp("indicators", county.project, "--targets", "dawukou_2022", "--radius-km", "1")
    assert run.code == 0, run.err
    words = ("无坐标", "没有坐标", "无位置", "没有位置", "未定位", "无法定位", "无定位")
    assert line_with_count(run.out + run.err, words, 14), run.out


def test_renovated_households_counted_in_the_plan_years(county: County) -> None:
    # dawukou_2022 counts households renovated 2021-2025: the 2019 ones (张桂芳, 王兰) do not
    row = county_row(county, "dawukou_2022", "renovation_rate")
    assert (row["numerator"], row["value"], row["met"]) == (6, 6, False)
    got = figures(county.indicators("dawukou_2022", "township"), "renovation_rate")
    assert {n: (f[0] if f else None) for n, f in got.items()} == {CS: 2, CY: 1, RM: 2, XH: 1}


def test_renovation_rate_of_poor_severe_households(county: County) -> None:
    row = county_row(county, "ningxia_2021", "renovation_rate")
    assert (row["numerator"], row["denominator"]) == (6, 15)
    assert figures(county.indicators("ningxia_2021", "township"), "renovation_rate") == {
        CS: (2, 4), CY: (1, 3), RM: (2, 4), XH: (1, 4)}


def test_pension_insured_among_adults_not_in_school(county: County) -> None:
    row = county_row(county, "dawukou_2022", "pension_insured")
    assert (row["numerator"], row["denominator"]) == (21, 27)
    assert figures(county.indicators("dawukou_2022", "township"), "pension_insured") == {
        CS: (6, 7), CY: (5, 6), RM: (6, 8), XH: (3, 5)}


def test_school_enrolment_of_children_6_to_15(county: County) -> None:
    row = county_row(county, "dawukou_2022", "school_enrolment")
    assert (row["numerator"], row["denominator"]) == (6, 7)
    assert figures(county.indicators("dawukou_2022", "township"), "school_enrolment") == {
        CS: (1, 2), CY: (2, 2), RM: (2, 2), XH: (1, 1)}


def test_device_fitting(county: County) -> None:
    row = county_row(county, "dawukou_2022", "device_fitting")
    assert (row["numerator"], row["denominator"]) == (8, 14)
    assert figures(county.indicators("dawukou_2022", "township"), "device_fitting") == {
        CS: (2, 3), CY: (2, 3), RM: (2, 4), XH: (2, 4)}


SUBSIDY_SET = """\
id = "{id}"
name = "{name}"
name_en = "{name}"
document = "hand count"
issuer = "test"
issued = 2022-05-26
target_year = 2025
region = "石嘴山市大武口区"

[[indicators]]
id = "subsidy_coverage"
name = "{name}"
name_en = "{name}"
layer = "households"
count = "persons"
measure = "rate"
denominator = "{denominator}"
numerator = "{numerator}"
comparison = ">="
value = 1.0
level = "county"
clause = "test"
section = "test"
"""


def one_subsidy(county: County, tmp_path: Path, set_id: str, denominator: str,
                numerator: str) -> dict[str, tuple[int, int]]:
    path = tmp_path / f"{set_id}.toml"
    path.write_text(SUBSIDY_SET.format(id=set_id, name=set_id, denominator=denominator,
                                       numerator=numerator), encoding="utf-8")
    project = Project.open(county.project)
    layers = {kind: project.read_layer(kind) for kind in project.layer_kinds()}
    result = {}
    for level in ("county", "township"):
        rows = evaluate_indicators(load_target_set(path, project.catalog), layers,
                                   project.settings, level=level, radius_km=1.0,
                                   catalog=project.catalog)
        result.update({("county" if level == "county" else r.name): (r.numerator, r.denominator)
                       for r in rows})
    return {k: result.get(k) for k in ("county", *STREETS)}


def test_living_subsidy_among_the_poor(county: County, tmp_path: Path) -> None:
    imported(county, "households")
    assert one_subsidy(county, tmp_path, "living_among_poor", "poor", "living_subsidy") == {
        "county": (19, 20), CS: (6, 6), CY: (4, 4), RM: (3, 4), XH: (6, 6)}


def test_care_subsidy_among_the_severe(county: County, tmp_path: Path) -> None:
    imported(county, "households")
    assert one_subsidy(county, tmp_path, "care_among_severe", "severe", "care_subsidy") == {
        "county": (19, 20), CS: (4, 5), CY: (5, 5), RM: (5, 5), XH: (5, 5)}


def test_the_two_subsidies_as_one_figure(county: County) -> None:
    # eligible: poor or severe; covered: receives every subsidy the person is eligible for
    # (p07 lacks the care subsidy, p28 the living subsidy)
    row = county_row(county, "dawukou_2022", "subsidy_coverage")
    assert (row["numerator"], row["denominator"]) == (22, 24)
    assert figures(county.indicators("dawukou_2022", "township"), "subsidy_coverage") == {
        CS: (6, 7), CY: (5, 5), RM: (4, 5), XH: (7, 7)}


def test_village_association_without_its_column_says_no_data(county: County) -> None:
    imported(county, "villages")
    row = county_row(county, "dawukou_2022", "village_association")
    assert (row["value"], row["met"]) == (None, None)


def test_service_body_coverage_from_centers_listed_by_street(county: County) -> None:
    row = county_row(county, "ningxia_2021", "service_body_coverage")
    assert (row["numerator"], row["denominator"]) == (3, 4)


# --- shortlists and the printed map ------------------------------------------------------------

def test_shortlist_of_streets_without_a_service_center(county: County) -> None:
    rows = shortlist(county, "townships-without-center")
    assert rows["乡镇"].tolist() == [RM]
    assert (rows.loc[0, "持证残疾人数"], rows.loc[0, "其中重度"]) == ("10", "5")


def test_shortlist_of_poor_severe_households_never_renovated(county: County) -> None:
    rows = shortlist(county, "unrenovated")
    assert sorted(rows["姓名"]) == sorted(["陈丽", "罗桂英", "林小雨", "蒋玉兰", "沈浩", "李有财",
                                           "赵强"])


def test_shortlist_of_villages_with_need_beyond_1_km(county: County) -> None:
    rows = shortlist(county, "uncovered-villages")
    got = {code: (int(need), int(beyond)) for code, need, beyond in
           zip(rows["村代码"], rows["有康复需求人数"], rows["服务半径外人数"], strict=True)}
    assert got == {V["长胜村"]: (2, 2), V["龙泉社区"]: (2, 2), V["长胜社区"]: (3, 3),
                   V["阳光社区"]: (3, 3), V["建设社区"]: (3, 1), V["红星社区"]: (4, 3),
                   V["古香社区"]: (2, 2), V["果园村"]: (2, 2), V["星海村"]: (3, 2)}


def test_print_rehab_reach_per_street(county: County) -> None:
    out = county.folder / "reach.pdf"
    run = gisapp("print", county.project, "--indicator", "rehab_reach", "--targets",
                 "dawukou_2022", "--out", out)
    assert run.code == 0, run.err
    lines = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    text = "\n".join(re.sub(r"\s+", "", line) for line in lines)
    for cell in ("长胜街道33.3%2/6>90%未达标", "朝阳街道14.3%1/7>90%未达标",
                 "人民路街道42.9%3/7>90%未达标", "星海镇14.3%1/7>90%未达标",
                 "全县（大武口区）25.0%7/28>90%未达标"):
        assert cell in text, cell
    assert not re.search(r"\d{17}[\dXx]", text)
    assert "王建国" not in text and "白海" not in text


# --- a later partial file ------------------------------------------------------------------------

UPDATED = {P05: (False, True), P07: (True, True), P11: (True, True), P13: (True, True),
           P35: (True, True)}  # rehab_received, pension_insured as the partial file gives them
CHANGED = ["rehab_received", "pension_insured"]


def test_a_partial_file_updates_only_the_columns_it_carries(county: County,
                                                            updated: County) -> None:
    imported(county, "households")
    run = updated.runs["partial"]
    assert run.code == 0, run.err
    assert "导入 5 行（新增 0，更新 5）" in run.out, run.out
    before, after = households(county.project), households(updated.project)
    assert list(after.index) == list(before.index)
    assert set(after.columns) == set(before.columns)
    for key, values in UPDATED.items():
        got = tuple(None if pd.isna(v) else bool(v) for v in after.loc[key, CHANGED])
        assert got == values, key
    others = [i for i in before.index if i not in UPDATED]
    pd.testing.assert_frame_equal(after.loc[others, CHANGED], before.loc[others, CHANGED])
    rest = [c for c in before.columns if c not in CHANGED]
    pd.testing.assert_frame_equal(
        pd.DataFrame(after[rest].drop(columns="geometry")),
        pd.DataFrame(before[rest].drop(columns="geometry")))
    assert after.geometry.to_wkt().equals(before.geometry.to_wkt())


def test_figures_after_the_partial_file(updated: County) -> None:
    assert updated.runs["partial"].code == 0, updated.runs["partial"].err
    rehab = county_row(updated, "dawukou_2022", "rehab_coverage")
    pension = county_row(updated, "dawukou_2022", "pension_insured")
    assert (rehab["numerator"], rehab["denominator"]) == (21, 28)
    assert (pension["numerator"], pension["denominator"]) == (24, 27)
    records = updated.indicators("dawukou_2022", "township")
    assert figures(records, "rehab_coverage") == {CS: (5, 6), CY: (6, 7), RM: (4, 7),
                                                   XH: (6, 7)}
    assert figures(records, "pension_insured") == {CS: (7, 7), CY: (6, 6), RM: (6, 8),
                                                    XH: (4, 5)}
