"""Siting on counties small enough to solve by hand and by enumerating every choice.

The line county (y = 5 km, EPSG:4544 metres from the corner X0, Y0 of tests/hand_county.py;
stored as EPSG:4490), radius 2 km, weights: severe (grade 1-2) x2, monitored x2:

    甲镇 T1 (x 0-10 km)                               | 乙乡 T2 (x 10-20 km)
    S      A          B                               |    C        D         E
    1      4          6                               |    12       15        18      (km)
    h1 1.5 h2 h3 3.5, h2b 3.2, h4-h6 5.0, h7 7.5 (sev) | h8 h9 12, h10 14 (mon), h11 h12 16.5,
                                                      | h13 19.5 (sev), h13b 19.0,
                                                      | h14 at (10.5, 9.5): no candidate in 2 km,
                                                      | h15 no location, h16 at 8 km: no need

S is an existing station: h1 is covered already. h10 lies exactly 2 km from C: within.

| candidate | reaches                      | persons | weighted |
| A         | h2 h3 h2b h4 h5 h6           | 6       | 6        |
| B         | h4 h5 h6 h7                  | 4       | 5        |
| C         | h8 h9 h10                    | 3       | 4        |
| D         | h10 h11 h12                  | 3       | 4        |
| E         | h11 h12 h13 h13b             | 4       | 5        |

Need: T1 8 persons (1 covered), T2 9, county 17. By hand:
- add 1: {A} 6; add 2: {A, E} 11; add 3: {A, C, E} 15, built in the order A, E, C.
- reach 50% county (9 persons, 8 new): two stations; of the pairs reaching 8, {A, E} weighs most.
- reach 50% per township (T1 3 new, T2 5 new): three stations, {A, C, E}.
- reach 80% per township: T2 needs 8 of 9, but h14 is beyond every candidate and h15 has no
  location, so at most 7 (77.8%): reported; T1 and the county (14) need {A, C, E}.
- reach 95%: the county needs 17 of 17 and can have at most 15: infeasible.
"""

from __future__ import annotations

import itertools
import shutil
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pytest
import shapely

from gisapp.analysis.indicators import project_indicators
from gisapp.analysis.reach import points_in_metres
from gisapp.analysis.siting import (
    SitingRequest,
    SitingResult,
    project_siting,
    save_siting_scenario,
    site,
)
from gisapp.analysis.siting_candidates import candidate_sites
from gisapp.analysis.siting_problem import rehab_need
from gisapp.catalog import load_catalog
from gisapp.cli import main
from gisapp.errors import CatalogError, UserError
from gisapp.feedback import Feedback
from gisapp.io.siting_report import write_siting_report
from gisapp.project import Project
from gisapp.scenarios import load_scenario
from gisapp.targets import load_target_set, target_set
from tests.hand_county import METRIC, SETTINGS, T1, T2, X0, Y0, box, km, stored

LINE = SETTINGS.__class__(**{**SETTINGS.__dict__, "radius_km": 2.0})
NAMES = ["A", "B", "C", "D", "E"]


def people(rows: list[tuple], geometry: list) -> gpd.GeoDataFrame:
    """rows: (person_id, grade, monitored, rehab_need, township_code)."""
    ids, grades, monitored, need, towns = zip(*rows, strict=True)
    return stored({"person_id": list(ids), "grade": pd.array(grades, dtype="Int64"),
                   "monitored": pd.array(monitored, dtype="boolean"),
                   "rehab_need": pd.array(need, dtype="boolean"),
                   "township_code": list(towns)}, geometry)


def line_county() -> dict[str, gpd.GeoDataFrame]:
    townships = stored({"code": [T1, T2], "name": ["甲镇", "乙乡"]}, [box(0, 10), box(10, 20)])
    places = [4, 6, 12, 15, 18]
    villages = stored({"code": [f"{T1 if x < 10 else T2}{i:03d}" for i, x in enumerate(places)],
                       "name": [f"{n}村" for n in NAMES]}, [km(x, 5) for x in places])
    stations = stored({"station_id": ["S"], "name": ["一村康复站"],
                       "service_radius_km": [np.nan]}, [km(1, 5)])
    rows = [("h1", 3, False, True, T1), ("h2", 3, False, True, T1), ("h3", 3, False, True, T1),
            ("h2b", 3, False, True, T1), ("h4", 4, False, True, T1), ("h5", 4, False, True, T1),
            ("h6", 4, False, True, T1), ("h7", 1, False, True, T1), ("h8", 3, False, True, T2),
            ("h9", 3, False, True, T2), ("h10", 3, True, True, T2), ("h11", 4, False, True, T2),
            ("h12", 4, False, True, T2), ("h13", 2, False, True, T2),
            ("h13b", 4, False, True, T2), ("h14", 3, False, True, T2),
            ("h15", 3, False, True, T2), ("h16", 1, True, False, T1)]
    xs = [1.5, 3.5, 3.5, 3.2, 5, 5, 5, 7.5, 12, 12, 14, 16.5, 16.5, 19.5, 19.0]
    geometry = [km(x, 5) for x in xs] + [km(10.5, 9.5), None, km(8, 5)]
    return {"townships": townships, "villages": villages, "rehab_stations": stations,
            "households": people(rows, geometry)}


def chosen(result: SitingResult) -> list[str]:
    return [p.name.removesuffix("村") for p in result.proposals]


def run(layers: dict, settings=LINE, **question) -> SitingResult:
    return site(layers, settings, SitingRequest(**question), targets=target_set("ningxia_2021"))


def test_add_by_hand() -> None:
    layers = line_county()
    assert chosen(run(layers, add=1)) == ["A"]
    assert chosen(run(layers, add=2)) == ["A", "E"]
    three = run(layers, add=3)
    assert chosen(three) == ["A", "E", "C"]  # in the order they are worth building
    assert three.objective == 15 and three.bound == 15 and three.gap == 0
    assert three.status == "optimal" and three.method == "milp"
    assert [p.new_persons for p in three.proposals] == [6, 4, 3]  # C reaches h10 at 2 km
    assert [p.new_weight for p in three.proposals] == [6, 5, 4]
    assert three.need.tolist() == [8, 9, 17]
    assert three.reached.tolist() == [[1, 0, 1], [7, 0, 7], [7, 4, 11], [7, 7, 14]]
    assert three.coverage()[-1] == pytest.approx(14 / 17)
    first = three.proposals[0]
    assert (first.township_code, first.township, first.village) == (T1, "甲镇", "A村")
    assert (first.x, first.y) == pytest.approx((X0 + 4000, Y0 + 5000), abs=1e-3)


def test_reach_by_hand() -> None:
    layers = line_county()
    county = run(layers, reach=0.5)
    assert sorted(chosen(county)) == ["A", "E"] and county.objective == 2
    assert county.status == "optimal" and county.bound == 2
    assert county.reached[-1].tolist() == [7, 4, 11]  # 11 of 17 >= 50%
    per_township = run(layers, reach=0.5, per_township=True)
    assert sorted(chosen(per_township)) == ["A", "C", "E"] and not per_township.unreachable
    assert (per_township.coverage()[:2] >= 0.5).all()


def test_a_township_out_of_reach_is_reported_and_the_rest_solved() -> None:
    result = run(line_county(), reach=0.8, per_township=True)
    assert sorted(chosen(result)) == ["A", "C", "E"] and result.status == "optimal"
    (t2,) = result.unreachable
    assert (t2.code, t2.need, t2.best, t2.required, t2.beyond, t2.unlocated) == (
        T2, 9, 7, 8, 1, 1)
    assert t2.reason(2.0, 0.8) == ("乙乡：全部候选点都建站也只能覆盖77.8%（需80%，即8人），因为"
                                   "1人距现有康复站和每个候选点都超过2公里，1人没有位置")
    assert result.coverage()[0] >= 0.8 and result.reached[-1][-1] >= 14


def test_a_county_target_out_of_reach_is_infeasible() -> None:
    result = run(line_county(), reach=0.95)
    assert result.status == "infeasible" and result.proposals == []
    assert [u.code for u in result.unreachable] == ["county"]
    assert result.unreachable[0].reason(2.0, 0.95).startswith(
        "全县：全部候选点都建站也只能覆盖88.2%（需95%，即17人）")
    assert "无法达到" in result.summary


def two_traps() -> dict[str, gpd.GeoDataFrame]:
    """Greedy's trap: X (at 2 km) reaches L and R and M, 7 persons; Y and Z 5 each, apart.
    Greedy builds X, then Y: 9. The best pair is Y and Z: 10."""
    townships = stored({"code": [T1], "name": ["甲镇"]}, [box(0, 20)])
    villages = stored({"code": [f"{T1}00{i}" for i in range(3)], "name": ["X", "Y", "Z"]},
                      [km(8, 5), km(4.5, 5), km(11.5, 5)])
    xs = [6] * 3 + [10] * 3 + [8] + [3] * 2 + [13] * 2  # L, R, M, by Y, by Z
    layers = {"townships": townships, "villages": villages,
              "rehab_stations": stored({"station_id": []}, []),
              "households": people([(f"p{i}", 4, False, True, T1) for i in range(len(xs))],
                                   [km(x, 5) for x in xs])}
    return layers


def test_the_exact_model_beats_greedy_and_greedy_reports_its_gap() -> None:
    exact = run(two_traps(), add=2)
    assert sorted(p.name for p in exact.proposals) == ["Y", "Z"] and exact.objective == 10
    assert exact.method == "milp" and exact.status == "optimal"
    quick = run(two_traps(), add=2, time_limit_s=0)  # no time for the model: greedy answers
    assert [p.name for p in quick.proposals] == ["X", "Y"] and quick.objective == 9
    assert quick.method == "greedy" and quick.status == "time_limit"
    assert quick.bound >= 10 and quick.gap == pytest.approx((quick.bound - 9) / quick.bound)
    assert "贪心解" in quick.summary and "达到时间上限" in quick.summary


def random_county(seed: int) -> dict[str, gpd.GeoDataFrame]:
    rng = np.random.default_rng(seed)
    townships = stored({"code": [T1, T2], "name": ["甲镇", "乙乡"]}, [box(0, 10), box(10, 20)])
    sites = rng.uniform([0, 0], [20, 10], (9, 2))
    villages = stored({"code": [f"{T1 if x < 10 else T2}{i:03d}" for i, (x, _) in
                                enumerate(sites)], "name": [f"v{i}" for i in range(9)]},
                      [km(x, y) for x, y in sites])
    stations = stored({"station_id": ["S"]}, [km(*rng.uniform([0, 0], [20, 10]))])
    xy = rng.uniform([0, 0], [20, 10], (70, 2))
    rows = [(f"p{i}", int(rng.integers(1, 5)), bool(rng.random() < 0.2), True,
             T1 if x < 10 else T2) for i, (x, _) in enumerate(xy)]
    return {"townships": townships, "villages": villages, "rehab_stations": stations,
            "households": people(rows, [km(x, y) for x, y in xy])}


def enumerate_choices(layers: dict, radius_km: float) -> tuple[np.ndarray, ...]:
    """Reach matrix by brute force: which person each site reaches, weights, townships,
    and who is covered already."""
    homes = points_in_metres(layers["households"], METRIC)
    sites = points_in_metres(layers["villages"], METRIC)
    station = points_in_metres(layers["rehab_stations"], METRIC)
    limit = radius_km * 1000 + 1e-3
    reaches = np.hypot(*(homes[None] - sites[:, None]).transpose(2, 0, 1)) <= limit
    covered = (np.hypot(*(homes[None] - station[:, None]).transpose(2, 0, 1)) <= limit).any(0)
    grade = layers["households"]["grade"].to_numpy(dtype=float)
    weight = np.where((grade <= 2) | layers["households"]["monitored"].to_numpy(bool), 2.0, 1.0)
    township = np.where(homes[:, 0] < X0 + 10_000, 0, 1)
    return reaches, weight, township, covered


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_add_equals_enumeration(seed: int) -> None:
    layers = random_county(seed)
    reaches, weight, _, covered = enumerate_choices(layers, 3.0)
    settings = SETTINGS.__class__(**{**SETTINGS.__dict__, "radius_km": 3.0})
    for n in (1, 2, 3, 4):
        values = {s: weight[reaches[list(s)].any(0) & ~covered].sum()
                  for s in itertools.combinations(range(9), n)}
        best = max(values.values())
        result = run(layers, settings, add=n)
        picked = tuple(sorted(p.candidate for p in result.proposals))
        assert result.objective == pytest.approx(best) and result.status == "optimal"
        assert values.get(picked, weight[reaches[list(picked)].any(0) & ~covered].sum()) == \
            pytest.approx(best)


@pytest.mark.parametrize(("seed", "target"), [(1, 0.6), (2, 0.7), (3, 0.65)])
def test_reach_per_township_equals_enumeration(seed: int, target: float) -> None:
    layers = random_county(seed)
    reaches, weight, township, covered = enumerate_choices(layers, 3.0)
    need = np.bincount(township, minlength=2)
    settings = SETTINGS.__class__(**{**SETTINGS.__dict__, "radius_km": 3.0})
    result = run(layers, settings, reach=target, per_township=True)
    feasible = []
    for n in range(10):
        for s in itertools.combinations(range(9), n):
            within = covered | reaches[list(s)].any(0)
            per = np.bincount(township[within], minlength=2)
            if (per >= np.ceil(target * need - 1e-9)).all() and \
                    within.sum() >= np.ceil(target * len(within) - 1e-9):
                feasible.append((s, weight[within & ~covered].sum()))
        if feasible:
            break
    if not feasible:
        assert result.unreachable
        return
    assert result.objective == len(feasible[0][0]) and result.status == "optimal"
    best = max(value for _, value in feasible)
    picked = tuple(sorted(p.candidate for p in result.proposals))
    assert dict(feasible)[picked] == pytest.approx(best)  # fewest, then most weighted need


def test_need_and_weights_follow_the_target_set() -> None:
    layers = line_county()
    need, weight = rehab_need(layers["households"], target_set("ningxia_2021"), load_catalog(),
                              LINE)
    assert need.sum() == 17 and not need[-1]  # h16 has no rehab need
    # h7 severe, h10 monitored, h13 severe, h16 severe and monitored: 2, not 4.
    assert weight.tolist() == [1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 1, 1, 2]
    assert target_set().siting.weight_rules() == "重度（一、二级）×2、防返贫监测对象×2"


GOOD_SITING = """
[siting]
weights = [{ when = "severe", weight = 3, name = "重度" }]
"""


@pytest.mark.parametrize(("text", "message"), [
    (GOOD_SITING.replace("severe", "sevre", 1), "siting.weights.[0].when: households has no "
                                                "field sevre"),
    (GOOD_SITING.replace("weight = 3", "weight = 0"), "siting.weights.[0].weight"),
    (GOOD_SITING.replace("weights", "weigths"), "siting.weigths: unknown key"),
])
def test_siting_weights_are_checked(tmp_path: Path, text: str, message: str) -> None:
    from tests.test_targets import GOOD, write

    assert load_target_set(write(tmp_path, GOOD + GOOD_SITING)).siting.weights[0].weight == 3
    with pytest.raises(CatalogError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_target_set(write(tmp_path, GOOD + text))


def test_without_weights_everyone_counts_once(tmp_path: Path) -> None:
    from tests.test_targets import GOOD, write

    plain = load_target_set(write(tmp_path, GOOD))
    assert plain.siting.weights == () and plain.siting.weight_rules() == "每人计1"


def test_candidates_from_a_grid_and_another_layer() -> None:
    layers = line_county()
    grid = candidate_sites(layers, METRIC, load_catalog(), grid_km=2.0)
    assert len(grid) == 50 and grid.source == "网格（2 公里）"  # 10 x 5 cells of 2 km
    assert grid.name[0] == "网格点1" and grid.xy[0] == pytest.approx([X0 + 1000, Y0 + 9000])
    assert set(grid.township) == {"甲镇", "乙乡"}
    # On the 2 km grid (points at odd km) h2-h6 (weight 6) are reached from (3, 5), h4-h6 at
    # exactly 2 km, and from (5, 5): the first listed is taken. Then (13, 5): h8-h10, weight 4.
    result = run(layers, add=2, grid_km=2.0)
    assert result.objective == 10 and result.candidate_count == 50
    assert [(p.x - X0, p.y - Y0) for p in result.proposals] == [(3000, 5000), (13000, 5000)]
    with pytest.raises(UserError, match="现有的康复站，保持不变"):
        run(layers, add=1, candidates="rehab_stations")
    with pytest.raises(UserError, match="--grid-km 应大于 0，现为 0"):
        run(layers, add=1, grid_km=0)


@pytest.mark.parametrize(("question", "message"), [
    ({}, "二选一"), ({"add": 2, "reach": 0.9}, "二选一"), ({"add": 0}, "至少为 1，现为 0"),
    ({"reach": 1.5}, "0 到 100% 之间的覆盖率，现为 150%"),
    ({"add": 2, "per_township": True}, "只能与 --reach 同用"),
    ({"add": 1, "radius_km": -1}, "应大于 0，现为 -1"), ({"add": 1, "time_limit_s": -1}, "0 秒"),
])
def test_a_question_that_makes_no_sense_is_one_sentence(question: dict, message: str) -> None:
    with pytest.raises(UserError, match=message):
        run(line_county(), **question)


class Recording(Feedback):
    """Remembers every progress report; cancels once progress passes `cancel_at`."""

    def __init__(self, cancel_at: float = 101) -> None:
        super().__init__()
        self.seen: list[float] = []
        self.cancel_at = cancel_at

    def set_progress(self, percent: float) -> None:
        super().set_progress(percent)
        self.seen.append(self.progress)
        if self.progress >= self.cancel_at:
            self.cancel()


def test_progress_is_reported_and_cancel_stops_the_work() -> None:
    from gisapp.feedback import Cancelled

    feedback = Recording()
    site(line_county(), LINE, SitingRequest(add=2), feedback=feedback)
    assert feedback.seen == sorted(feedback.seen) and feedback.seen[-1] == 100
    for cancel_at in (0, 20, 45):  # before, while reaching, and at the exact model
        with pytest.raises(Cancelled):
            site(line_county(), LINE, SitingRequest(reach=0.5), feedback=Recording(cancel_at))


def test_report_and_curve(tmp_path: Path) -> None:
    result = run(line_county(), reach=0.8, per_township=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph warns: boxes instead of Chinese
        curve = write_siting_report(result, tmp_path / "选址.xlsx")
    assert curve == tmp_path / "选址.curve.png" and curve.read_bytes()[:4] == b"\x89PNG"
    book = openpyxl.load_workbook(tmp_path / "选址.xlsx")
    assert book.sheetnames == ["选址方案", "各乡镇覆盖", "说明"]
    rows = list(book["选址方案"].iter_rows(min_row=3, values_only=True))
    assert [r[3] for r in rows] == ["A村", "E村", "C村"]
    assert [r[6] for r in rows] == [6, 4, 3] and [r[8] for r in rows] == [7, 11, 14]
    assert [r[9] for r in rows] == [41.2, 64.7, 82.4]
    townships = list(book["各乡镇覆盖"].iter_rows(min_row=3, values_only=True))
    assert [r[1] for r in townships] == ["甲镇", "乙乡", "全县"]
    assert townships[1][-1].startswith("乙乡：全部候选点都建站也只能覆盖77.8%")
    notes = dict(book["说明"].iter_rows(min_row=3, values_only=True))
    assert notes["求解结果"] == "已证最优" and notes["所需康复站数"] == "3"
    with pytest.raises(UserError, match=r"选址.csv：选址报告只能写成 \.xlsx 文件"):
        write_siting_report(result, tmp_path / "选址.csv")


def test_the_demo_county_counts_need_as_the_indicator_does(demo_project: Project) -> None:
    result = project_siting(demo_project, SitingRequest(add=10))
    rows = {(r.level, r.code): r for r in project_indicators(demo_project, level="township")
            if r.indicator == "rehab_reach"}
    county = project_indicators(demo_project)
    reach = next(r for r in county if r.indicator == "rehab_reach")
    assert (result.need[-1], result.reached[0][-1]) == (reach.denominator, reach.numerator)
    for i, code in enumerate(result.townships.codes):
        row = rows[("township", code)]
        assert (result.need[i], result.reached[0][i]) == (row.denominator, row.numerator)
    assert result.status == "optimal" and len(result.proposals) == 10
    assert result.coverage()[-1] > result.coverage(0)[-1] + 0.1


def test_site_on_the_command_line(demo_project: Project, tmp_path: Path, capsys) -> None:
    path = tmp_path / "demo.gpkg"
    shutil.copy(demo_project.path, path)
    out = tmp_path / "选址.xlsx"
    assert main(["site", str(path), "--add", "5", "--out", str(out), "--time-limit", "30"]) == 0
    printed = capsys.readouterr().out
    assert "新增5个康复站：建议5个，全县覆盖率 79.5% →" in printed and "已证最优" in printed
    assert (tmp_path / "选址.curve.png").exists()
    rows = list(openpyxl.load_workbook(out)["选址方案"].iter_rows(min_row=3, values_only=True))
    assert len(rows) == 5 and all(r[6] > 0 for r in rows)
    saved = load_scenario(Project.open(path), "选址 新增5个")
    assert [s.key for s in saved] == [f"方案{i}" for i in range(1, 6)]
    assert [(s.lon, s.lat) for s in saved] == [pytest.approx((r[4], r[5]), abs=1e-6)
                                               for r in rows]

    curve = tmp_path / "曲线.png"
    assert main(["site", str(path), "--reach", "90%", "--per-township", "--out", str(out),
                 "--curve", str(curve), "--scenario", "乡镇全达标"]) == 0
    printed = capsys.readouterr().out
    assert "每个乡镇及全县覆盖率达到90%所需最少康复站：建议20个" in printed and curve.exists()
    assert len(load_scenario(Project.open(path), "乡镇全达标")) == 20

    assert main(["site", str(path), "--reach", "95%", "--per-township", "--radius-km", "3",
                 "--out", str(out)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("gisapp: 以这些候选点，全县达不到 --reach 95%；"
                            "全县：全部候选点都建站也只能覆盖94.2%")
    assert main(["site", str(path), "--add", "2", "--out", str(tmp_path / "x.csv")]) == 2
    assert capsys.readouterr().err.strip().endswith("x.csv：选址报告只能写成 .xlsx 文件")


def test_scenario_round_trip_of_a_result(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "county.gpkg", LINE)
    result = run(line_county(), add=3)
    assert save_siting_scenario(project, result) == "选址 新增3个"
    saved = load_scenario(project, "选址 新增3个")
    back = gpd.GeoSeries.from_xy([s.lon for s in saved], [s.lat for s in saved],
                                 crs="EPSG:4490").to_crs(METRIC)
    assert shapely.get_coordinates(back.to_numpy()).ravel() == pytest.approx(
        [X0 + 4000, Y0 + 5000, X0 + 18000, Y0 + 5000, X0 + 12000, Y0 + 5000], abs=1e-3)


def test_nothing_to_add_where_the_stations_reach_everyone() -> None:
    layers = line_county()
    layers["rehab_stations"] = layers["rehab_stations"].assign(service_radius_km=[100.0])
    added = run(layers, add=2)
    assert added.proposals == [] and added.objective == 0 and added.status == "optimal"
    assert added.reached.tolist() == [[8, 8, 16]]  # h15 has no location
    met = run(layers, reach=0.8, per_township=True)
    assert met.proposals == [] and met.summary.endswith("现状已达到，无需新建")
