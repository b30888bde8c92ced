"""Proposed stations on the demo county: the rehab-reach figures follow at once, and the
baseline agrees with the indicator engine."""

from __future__ import annotations

import time

import pytest

from gisapp.analysis.indicators import project_indicators
from gisapp.analysis.proposals import StationProposals
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
