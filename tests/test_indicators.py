"""Indicators against the target sets, on the hand-counted county of tests/hand_county.py."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from gisapp.analysis.indicators import (
    RECORD_KEYS,
    IndicatorRow,
    evaluate_indicators,
    indicators_to_records,
    project_indicators,
)
from gisapp.feedback import Cancelled, Feedback
from gisapp.project import Project
from gisapp.targets import Indicator, target_set
from tests.hand_county import (
    SETTINGS,
    T1,
    T2,
    V1,
    V2,
    V3,
    hand_county,
)

NINGXIA = target_set("ningxia_2021")


def run(layers=None, targets=NINGXIA, level="county",
        **kwargs) -> dict[tuple[str, str], IndicatorRow]:
    rows = evaluate_indicators(targets, layers or hand_county(), SETTINGS, level=level, **kwargs)
    return {(r.indicator, r.code): r for r in rows}


def figure(row: IndicatorRow) -> tuple:
    return row.numerator, row.denominator, row.met


# County level, one test per indicator of the Ningxia 2021 plan --------------------------------

def test_service_body_coverage() -> None:
    # C1 lies in 甲镇; C2 has no location and names 乙乡 by code: 2 of 2 townships.
    row = run()["service_body_coverage", "640324"]
    assert figure(row) == (2, 2, True) and row.value == 1.0
    assert row.source == "宁残联发〔2021〕46号 一、总体要求"
    assert (row.level, row.name, row.target, row.comparison) == ("county", "同心县", 0.8, ">=")


def test_service_body_coverage_without_the_center_known_only_by_code() -> None:
    layers = hand_county()
    layers["service_centers"] = layers["service_centers"].iloc[:1]
    row = run(layers)["service_body_coverage", "640324"]
    assert figure(row) == (1, 2, False) and row.value == 0.5


def test_renovation_rate_counts_households_not_persons() -> None:
    # Poor-severe: p1 and p2 (one household, H1), p3 (H2), p5 (H4): 3 households, not 4
    # persons. Renovated: H1 and H4.
    row = run()["renovation_rate", "640324"]
    assert figure(row) == (2, 3, False) and row.value == pytest.approx(2 / 3)


def test_rehab_coverage() -> None:
    # Need: p1 p2 p3 p5 p6; served: p1 p3 p5.
    assert figure(run()["rehab_coverage", "640324"]) == (3, 5, False)


def test_rehab_reach_counts_a_household_exactly_on_the_radius() -> None:
    # Need: p1 p2 (1 km), p3 (6 km: beyond), p5 (no location: never), p6 (exactly 5 km: within).
    row = run()["rehab_reach", "640324"]
    assert figure(row) == (3, 5, False) and row.value == 0.6
    assert row.unplaced == 1  # p5: in the denominator, never within reach


def test_only_spatial_figures_count_unplaced_persons() -> None:
    rows = run()
    assert rows["rehab_coverage", "640324"].unplaced == 0  # p5 is judged by its roster flags
    township = run(level="township")
    assert (township["rehab_reach", T1].unplaced, township["rehab_reach", T2].unplaced) == (0, 1)


def test_rehab_reach_follows_the_radius_setting_and_station_radius() -> None:
    assert figure(run(radius_km=6)["rehab_reach", "640324"]) == (4, 5, False)  # p3 too
    layers = hand_county()
    layers["rehab_stations"]["service_radius_km"] = 4.9  # S1's own radius beats the setting
    assert figure(run(layers)["rehab_reach", "640324"]) == (2, 5, False)


def test_device_fitting_zero_is_a_real_zero() -> None:
    row = run()["device_fitting", "640324"]
    assert figure(row) == (0, 1, False) and row.value == 0.0 and row.note == ""


def test_pension_insured_counts_adults_not_in_school() -> None:
    # Age >= 16: p1 66, p3 40, p5 70, p6 50 (their blank in_school counts as not in school).
    assert figure(run()["pension_insured", "640324"]) == (3, 4, False)


def test_medical_insured_over_everyone() -> None:
    row = run()["medical_insured", "640324"]
    assert figure(row) == (5, 6, False) and row.value == pytest.approx(5 / 6)


def test_school_enrolment_of_children_6_to_15() -> None:
    assert figure(run()["school_enrolment", "640324"]) == (1, 2, False)  # p2 10, p4 12


def test_subsidy_coverage() -> None:
    # Eligible (poor or severe): p1 p2 p3 p5. p2 is severe without the care subsidy.
    assert figure(run()["subsidy_coverage", "640324"]) == (3, 4, False)


def test_village_association_counts_villages() -> None:
    row = run()["village_association", "640324"]
    assert figure(row) == (2, 3, False)


def test_every_ningxia_indicator_has_a_county_row() -> None:
    rows = evaluate_indicators(NINGXIA, hand_county(), SETTINGS)
    assert [r.indicator for r in rows] == [i.id for i in NINGXIA.indicators]
    assert {r.code for r in rows} == {"640324"}


def test_visit_timeliness_treats_never_visited_as_overdue() -> None:
    # Monitored: p3 (60 days ago) and p5 (never visited).
    row = run(targets=with_indicator(VISITS))["visit_timeliness", "640324"]
    assert figure(row) == (1, 2, False)


VISITS = Indicator(id="visit_timeliness", name="监测户季度走访及时率", name_en="Quarterly visits",
                   layer="households", count="households", measure="rate",
                   denominator="monitored", numerator="days_since_visit <= 92", comparison=">=",
                   value=1.0, level="county", clause="每季度至少进村入户走访1次",
                   section="三、（二）")


def with_indicator(indicator: Indicator):
    return NINGXIA.model_copy(update={"indicators": (indicator,)})


# A count target: Tongxin's 1,500 renovated poor-severe households -----------------------------

def test_count_measure_compares_the_count() -> None:
    rows = run(targets=target_set("tongxin_2021"))
    row = rows["renovation_rate", "640324"]
    # Poor-severe and renovated: H1 (two persons, one household) and H4.
    assert (row.numerator, row.denominator, row.value, row.target, row.met) == (
        2, None, 2.0, 1500, False)
    assert row.source.startswith("同心县“十四五”残疾人保障和发展规划（征求意见稿） 三、重点任务")
    two = with_indicator(target_set("tongxin_2021").indicator("renovation_rate")
                         .model_copy(update={"value": 2}))
    assert run(targets=two)["renovation_rate", "640324"].met is True


def test_count_measure_per_township_is_not_judged_against_the_county_total() -> None:
    rows = run(targets=target_set("tongxin_2021"), level="township")
    assert [(rows["renovation_rate", t].value, rows["renovation_rate", t].met)
            for t in (T1, T2)] == [(1.0, None), (1.0, None)]
    assert "全县" in rows["renovation_rate", T1].note


# No data: never 0%, never 100% ---------------------------------------------------------------

def assert_no_data(row: IndicatorRow, words: str) -> None:
    assert (row.value, row.met) == (None, None)
    assert row.note.startswith("无数据") and words in row.note


def test_an_empty_denominator_says_no_data() -> None:
    layers = hand_county()
    layers["households"]["rehab_need"] = False
    row = run(layers)["rehab_coverage", "640324"]
    assert_no_data(row, "分母为0")
    assert (row.numerator, row.denominator) == (0, 0)


def test_a_missing_field_says_no_data() -> None:
    layers = hand_county()
    layers["households"] = layers["households"].drop(columns="device_fitted")
    row = run(layers)["device_fitting", "640324"]
    assert_no_data(row, "缺少字段 是否已适配辅具")
    assert (row.numerator, row.denominator) == (None, None)


def test_a_missing_field_of_a_derived_filter_says_no_data() -> None:
    layers = hand_county()
    layers["households"] = layers["households"].drop(columns="renovated")
    assert_no_data(run(layers)["renovation_rate", "640324"], "花名册也没有“是否已无障碍改造”")


def test_one_side_of_an_or_is_enough() -> None:
    # poor = dibao or tekun or monitored or low_income_edge: a roster without the 低保边缘
    # column still says who is poor, as if nobody were marked 低保边缘.
    without = hand_county()
    without["households"] = without["households"].drop(columns="low_income_edge")
    marked_no = hand_county()
    marked_no["households"]["low_income_edge"] = False
    assert figure(run(without)["renovation_rate", "640324"]) == \
        figure(run(marked_no)["renovation_rate", "640324"])
    assert run(without)["renovation_rate", "640324"].value is not None


def test_a_field_blank_throughout_says_no_data() -> None:
    layers = hand_county()
    layers["households"]["last_visit"] = pd.NaT
    row = run(layers, targets=with_indicator(VISITS))["visit_timeliness", "640324"]
    assert_no_data(row, "全部为空")
    layers["households"]["renovated"] = pd.array([None] * 6, dtype="boolean")
    assert_no_data(run(layers)["renovation_rate", "640324"], "规划期内已改造")


def test_no_stations_and_no_households_say_no_data() -> None:
    layers = hand_county()
    layers["rehab_stations"] = layers["rehab_stations"].iloc[:0]
    assert_no_data(run(layers)["rehab_reach", "640324"], "没有带坐标的康复站")
    del layers["households"]
    rows = run(layers)
    assert_no_data(rows["rehab_coverage", "640324"], "没有数据")
    assert figure(rows["village_association", "640324"]) == (2, 3, False)  # others still work


# Township and village levels ------------------------------------------------------------------

def test_township_level() -> None:
    rows = run(level="township")
    # p6 lies in 甲镇 although its code says 乙乡; p5 has no location and goes by its code.
    assert figure(rows["rehab_coverage", T1]) == (2, 4, False)   # p1 p2 p3 p6; served p1 p3
    assert figure(rows["rehab_coverage", T2]) == (1, 1, True)    # p5
    assert figure(rows["rehab_reach", T1]) == (3, 4, False)      # p1 p2 p6
    assert figure(rows["rehab_reach", T2]) == (0, 1, False)      # p5: no location
    assert figure(rows["renovation_rate", T1]) == (1, 2, False)  # H1 of H1, H2
    assert figure(rows["renovation_rate", T2]) == (1, 1, True)   # H4
    assert figure(rows["village_association", T1]) == (1, 2, False)  # villages per township
    assert figure(rows["village_association", T2]) == (1, 1, True)
    assert figure(rows["service_body_coverage", T1]) == (1, 1, True)
    assert figure(rows["service_body_coverage", T2]) == (1, 1, True)  # C2 by code
    assert_no_data(rows["device_fitting", T2], "分母为0")
    assert rows["rehab_reach", T1].name == "甲镇" and rows["rehab_reach", T1].level == "township"


def test_village_level() -> None:
    rows = run(level="village")
    assert figure(rows["rehab_reach", V1]) == (2, 2, True)    # p1 p2
    assert figure(rows["rehab_reach", V2]) == (1, 2, False)   # p6 in reach, p3 not
    assert figure(rows["rehab_reach", V3]) == (0, 1, False)   # p5 by its village code
    assert [figure(rows["village_association", v]) for v in (V1, V2, V3)] == [
        (1, 1, True), (0, 1, False), (1, 1, True)]
    assert not any(i == "service_body_coverage" for i, _ in rows)  # no such figure per village


def test_a_code_missing_from_the_boundaries_gets_a_row_of_its_own() -> None:
    layers = hand_county()
    households = layers["households"]
    households["township_name"] = ["甲镇", "甲镇", "甲镇", "乙乡", "新乡", "甲镇"]
    households.loc[4, "township_code"] = "640324999"  # p5, without a location
    rows = run(layers, level="township")
    assert figure(rows["rehab_coverage", "640324999"]) == (1, 1, True)
    assert rows["rehab_coverage", "640324999"].name == "新乡"


# Output, feedback --------------------------------------------------------------------------

def test_records_have_exactly_the_keys_of_the_json_output() -> None:
    records = indicators_to_records(evaluate_indicators(NINGXIA, hand_county(), SETTINGS,
                                                        level="township"))
    assert all(tuple(r) == RECORD_KEYS for r in records)
    assert RECORD_KEYS == ("indicator", "level", "code", "name", "numerator", "denominator",
                           "value", "target", "comparison", "met", "source", "unplaced")
    parsed = json.loads(json.dumps(records, ensure_ascii=False))
    no_data = next(r for r in parsed if r["indicator"] == "device_fitting" and r["code"] == T2)
    assert no_data["value"] is None and no_data["met"] is None


def test_progress_reaches_100_and_cancel_stops_between_indicators() -> None:
    done = Feedback()
    evaluate_indicators(NINGXIA, hand_county(), SETTINGS, feedback=done)
    assert done.progress == 100

    class CancelAtHalf(Feedback):
        def set_progress(self, percent: float) -> None:
            super().set_progress(percent)
            if percent >= 50:
                self.cancel()

    halfway = CancelAtHalf()
    with pytest.raises(Cancelled):
        evaluate_indicators(NINGXIA, hand_county(), SETTINGS, feedback=halfway)
    assert 50 <= halfway.progress < 100


# The demo county -----------------------------------------------------------------------------

def test_the_demo_county_meets_some_targets_and_misses_others(demo_project: Project) -> None:
    county = {r.indicator: r for r in project_indicators(demo_project)}
    assert figure(county["service_body_coverage"]) == (8, 11, False)  # 72.7% against 80%
    assert county["rehab_coverage"].met and county["medical_insured"].met
    assert not county["renovation_rate"].met and not county["rehab_reach"].met
    assert all(r.note == "" for r in county.values())
    assert county["medical_insured"].denominator == 14_731
    # rehab_reach against brute force: every person in need against every station's radius.
    metric = demo_project.settings.metric_crs
    need = demo_project.read_layer("households").to_crs(metric)
    need = need[need["rehab_need"].fillna(False).to_numpy(bool)]
    stations = demo_project.read_layer("rehab_stations").to_crs(metric)
    gaps = need.geometry.get_coordinates().to_numpy()[:, None, :] - \
        stations.geometry.get_coordinates().to_numpy()[None, :, :]
    radius = stations["service_radius_km"].fillna(5.0).to_numpy() * 1000
    reached = (np.hypot(gaps[..., 0], gaps[..., 1]) <= radius).any(axis=1)
    assert figure(county["rehab_reach"]) == (reached.sum(), len(need), False)

    townships = [r for r in project_indicators(demo_project, level="township")
                 if r.indicator == "rehab_reach"]
    by_code = {r.code: r for r in townships}
    assert len(townships) == 11
    assert by_code["640324100"].met  # the county seat
    assert by_code["640324203"].name == "张家塬乡" and by_code["640324203"].value < 0.5
    assert sum(r.denominator for r in townships) == county["rehab_reach"].denominator
    bodies = {r.code: r.met for r in project_indicators(demo_project, level="township")
              if r.indicator == "service_body_coverage"}
    assert [c for c, met in bodies.items() if not met] == ["640324201", "640324202", "640324203"]


# What the roster lacks ------------------------------------------------------------------------

def test_the_deceased_are_kept_but_counted_by_no_figure() -> None:
    layers = hand_county()
    layers["households"]["deceased"] = [False, None, False, False, False, True]  # p6
    rows = run(layers)
    # Rehab need: p1 p2 p3 p5 (p6 left out); served p1 p3 p5; in reach p1 p2.
    assert figure(rows["rehab_coverage", "640324"]) == (3, 4, False)
    assert figure(rows["rehab_reach", "640324"]) == (2, 4, False)
    assert len(layers["households"]) == 6  # the layer itself keeps p6


def test_a_roster_without_subsidy_columns_has_no_subsidy_figure() -> None:
    layers = hand_county()
    layers["households"] = layers["households"].drop(columns=["living_subsidy", "care_subsidy"])
    rows = run(layers)
    assert_no_data(rows["subsidy_coverage", "640324"], "是否享受生活补贴")
    assert rows["subsidy_coverage", "640324"].met is None


def test_a_missing_flag_that_marks_the_few_still_lets_poverty_be_known() -> None:
    layers = hand_county()
    layers["households"] = layers["households"].drop(columns=["monitored"])
    # Poor-severe without 监测对象: p1 p2 (H1), p5 (H4); p3 was poor only as monitored.
    assert figure(run(layers)["renovation_rate", "640324"]) == (2, 2, True)


def test_a_roster_without_household_numbers_counts_each_person_alone() -> None:
    layers = hand_county()
    layers["households"] = layers["households"].drop(columns=["household_id"])
    row = run(layers)["renovation_rate", "640324"]
    # Poor-severe persons p1 p2 p3 p5, each a household; renovated p1 p2 p5.
    assert figure(row) == (3, 4, False) and row.note == "无户编号：每人按一户计"


def renovation_list(rows: list[tuple[str | None, str | None, int]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"household_id": [r[0] for r in rows],
                             "id_number": [r[1] for r in rows],
                             "year": pd.array([r[2] for r in rows], dtype="Int64")},
                            geometry=[None] * len(rows), crs="EPSG:4490")


def test_the_renovation_list_counts_the_plan_years_by_household() -> None:
    layers = hand_county()
    people = layers["households"]
    # H1 by p1's ID number in 2022; H2 by its number in 2019 (before the plan); H4 in 2025.
    layers["renovated_homes"] = renovation_list([(None, people["id_number"][0], 2022),
                                                 ("H2", None, 2019), ("H4", None, 2025)])
    # Poor-severe households H1, H2, H4: H1 and H4 renovated in 2021-2025 (the roster's own
    # flags no longer count once a dated list exists).
    assert figure(run(layers)["renovation_rate", "640324"]) == (2, 3, False)


def test_a_renovation_under_a_member_since_deceased_still_counts() -> None:
    layers = hand_county()
    people = layers["households"]
    people["deceased"] = [True, False, False, False, False, False]  # p1 of H1 died
    layers["renovated_homes"] = renovation_list([(None, people["id_number"][0], 2022)])
    # H1 (now p2 alone) was renovated through p1's ID number; H2, H4 were not.
    assert figure(run(layers)["renovation_rate", "640324"]) == (1, 3, False)
