"""Proposed stations on the demo county: the rehab-reach figures follow at once, and the
baseline agrees with the indicator engine."""

from __future__ import annotations

import time

import pytest

from gisapp.analysis.indicators import project_indicators
from gisapp.analysis.proposals import CenterProposals, StationProposals
from gisapp.project import Project
from gisapp.targets import target_set


@pytest.fixture
def proposals(demo_project: Project) -> StationProposals:
    layers = {k: demo_project.read_layer(k).to_crs(demo_project.settings.metric_crs)
              for k in demo_project.layer_kinds()}
    targets = target_set("ningxia_2021")
    return StationProposals(layers, demo_project.settings, targets.indicator("rehab_reach"),
                            targets.document)


def figures(rows) -> dict[str, tuple[int, int]]:
    return {r.code: (r.numerator, r.denominator) for r in rows}


def test_without_proposals_the_figures_are_the_engines(proposals, demo_project) -> None:
    engine = [r for level in ("county", "township")
              for r in project_indicators(demo_project, "ningxia_2021", level=level)
              if r.indicator == "rehab_reach"]
    assert figures(proposals.rows()) == figures(engine)


def test_a_station_in_the_south_raises_its_reach_and_taking_it_away_restores(
        proposals, demo_project) -> None:
    before = figures(proposals.rows())
    townships = demo_project.read_layer("townships").to_crs(demo_project.settings.metric_crs)
    centre = townships.set_index("code").geometry["640324203"].representative_point()  # 张家塬乡
    started = time.perf_counter()
    key = proposals.add(centre.x, centre.y)
    after = figures(proposals.rows())
    assert time.perf_counter() - started < 1.0  # a generous bound; bench/ measures ~1 ms
    assert key == "方案1"
    assert after["640324203"][0] > before["640324203"][0]
    assert after["640324203"][1] == before["640324203"][1]
    assert after["640324"][0] > before["640324"][0]
    assert len(proposals.proposed()) == 1
    proposals.remove(key)
    assert figures(proposals.rows()) == before
    assert len(proposals.proposed()) == 0
    proposals.move(key, centre.x, centre.y)  # redo puts it back
    assert figures(proposals.rows()) == after


def test_a_proposed_service_center_counts_for_its_township(demo_project: Project) -> None:
    crs = demo_project.settings.metric_crs
    layers = {k: demo_project.read_layer(k).to_crs(crs) for k in demo_project.layer_kinds()}
    centers = CenterProposals(layers, demo_project.settings, target_set("ningxia_2021"))
    assert [i.id for i in centers.targets.indicators] == ["service_body_coverage"]
    county = {r.code: (r.numerator, r.denominator) for r in centers.rows()}
    assert county["640324"] == (8, 11) and county["640324203"] == (0, 1)
    townships = layers["townships"].set_index("code").geometry
    seat = townships["640324100"].representative_point()  # 豫海镇 has a center already
    centers.add(seat.x, seat.y)
    assert {r.code: r.numerator for r in centers.rows()}["640324"] == 8
    south = townships["640324203"].representative_point()
    key = centers.add(south.x, south.y)
    figures_now = {r.code: (r.numerator, r.denominator) for r in centers.rows()}
    assert figures_now["640324"] == (9, 11) and figures_now["640324203"] == (1, 1)
    centers.remove(key)
    assert {r.code: r.numerator for r in centers.rows()}["640324"] == 8
    assert centers.proposed()["name"].tolist() == ["拟建服务机构方案1"]


def test_a_target_set_without_a_center_indicator_has_nothing_to_judge(demo_project) -> None:
    crs = demo_project.settings.metric_crs
    layers = {k: demo_project.read_layer(k).to_crs(crs) for k in demo_project.layer_kinds()}
    for set_id in ("ningxia_2021", "tongxin_2021", "dawukou_2022", "ejinhoro_2022"):
        targets = target_set(set_id)
        counting = CenterProposals(layers, demo_project.settings, targets).targets.indicators
        named = [i.id for i in targets.indicators if i.id == "service_body_coverage"]
        assert [i.id for i in counting] == named
