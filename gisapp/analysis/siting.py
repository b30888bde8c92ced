"""Siting: where the next rehab stations should go, and how few reach the target.

Two questions a planner brings to the five-year plan:
- "we can fund N new stations: where?" (`add`): the N candidates reaching the most weighted need
  no existing station reaches (maximal covering);
- "how many do we need so that coverage reaches T?" (`reach`): the fewest candidates whose
  stations bring county coverage of rehab need to T, with `per_township` in every township too;
  of the sets that few, the one reaching the most weighted need.

Answers are exact where HiGHS proves them within the time limit, and say so; otherwise the best
answer found (at worst the greedy one it started from) with its proven gap. Existing stations
stay as they are. `site` runs anywhere: the command line passes nothing, a dialog passes a
Feedback for progress and Cancel. See docs/analysis.md, "Siting".
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import geopandas as gpd
import numpy as np
from pyproj import Transformer

from gisapp.analysis.proposals import PROPOSED
from gisapp.analysis.reach import IntArray
from gisapp.analysis.regions import Regions
from gisapp.analysis.siting_candidates import DEFAULT_KIND, candidate_sites
from gisapp.analysis.siting_greedy import (
    Goals,
    add_bound,
    greedy_add,
    greedy_reach,
    in_pick_order,
    reach_bound,
    weighted_gain,
)
from gisapp.analysis.siting_milp import solve_add, solve_reach
from gisapp.analysis.siting_problem import SitingProblem, siting_problem
from gisapp.catalog import Catalog, load_catalog
from gisapp.crs import STORAGE_CRS
from gisapp.errors import UserError
from gisapp.feedback import Feedback
from gisapp.project import Project, Settings
from gisapp.scenarios import ProposedStation, save_scenario
from gisapp.targets import TargetSet, target_set

DEFAULT_TIME_LIMIT_S = 60.0


@dataclass(frozen=True)
class SitingRequest:
    """The question: `add` new stations, or the fewest that `reach` a coverage (0-1)."""

    add: int | None = None
    reach: float | None = None
    per_township: bool = False
    radius_km: float | None = None  # None: the project's radius
    candidates: str = DEFAULT_KIND  # a layer kind; ignored with grid_km
    grid_km: float | None = None
    time_limit_s: float = DEFAULT_TIME_LIMIT_S

    def check(self) -> None:
        if (self.add is None) == (self.reach is None):
            raise UserError("请二选一：新增 N 个康复站放在哪里（--add），或最少几个站能达到"
                            "覆盖目标（--reach），不能两个都问，也不能都不问")
        if self.add is not None and self.add < 1:
            raise UserError(f"--add 至少为 1，现为 {self.add}")
        if self.reach is not None and not 0 < self.reach <= 1:
            raise UserError(f"--reach 应是 0 到 100% 之间的覆盖率，现为 {self.reach * 100:g}%")
        if self.per_township and self.reach is None:
            raise UserError("--per-township 只能与 --reach 同用（每个乡镇都要达到目标）")
        if self.radius_km is not None and not self.radius_km > 0:
            raise UserError(f"--radius-km 应大于 0，现为 {self.radius_km:g}")
        if self.time_limit_s < 0:
            raise UserError(f"--time-limit 应为 0 秒或更长，现为 {self.time_limit_s:g}")

    @property
    def title(self) -> str:
        if self.add is not None:
            return f"新增{self.add}个康复站"
        where = "每个乡镇及全县" if self.per_township else "全县"
        return f"{where}覆盖率达到{_percent(self.reach)}所需最少康复站"


@dataclass(frozen=True)
class Proposal:
    """One proposed station, in the order it is worth building."""

    rank: int
    candidate: int  # position among the candidates
    name: str
    township_code: str | None
    township: str | None
    village: str | None
    x: float  # metric CRS
    y: float
    lon: float  # STORAGE_CRS
    lat: float
    new_persons: int  # persons with a rehab need it brings within reach
    new_weight: float  # their weighted need


@dataclass(frozen=True)
class Unreachable:
    """A region whose target no choice of candidates reaches, and why."""

    code: str
    name: str
    need: int
    best: int  # persons within reach were every candidate built
    required: int
    beyond: int  # persons no existing station and no candidate reaches
    unlocated: int

    def reason(self, radius_km: float, target: float) -> str:
        why = [f"{self.beyond}人距现有康复站和每个候选点都超过{radius_km:g}公里"] \
            if self.beyond else []
        if self.unlocated:
            why.append(f"{self.unlocated}人没有位置")
        return (f"{self.name}：全部候选点都建站也只能覆盖{_percent(self.best / self.need, 1)}"
                f"（需{_percent(target)}，即{self.required}人），因为{'，'.join(why)}")


@dataclass(frozen=True, eq=False)
class SitingResult:
    request: SitingRequest
    radius_km: float
    candidates: str  # what the candidates were: "村（社区）", "网格（2 公里）"
    candidate_count: int
    weighting: str  # the weight rules applied
    townships: Regions
    need: IntArray  # persons with a rehab need per township, county last
    reached: IntArray  # (proposals + 1) x (townships + 1): within reach after each proposal
    proposals: list[Proposal]
    objective: float  # add: weighted need newly reached; reach: number of new stations
    bound: float  # proven: no answer beats it (add: at most; reach: at least)
    status: str  # "optimal", "time_limit" or "infeasible" (the county target is out of reach)
    method: str  # "milp" or "greedy": which answer is reported
    seconds: float  # solving, after the problem is built
    groups: int  # demand groups in the model
    unreachable: list[Unreachable] = field(default_factory=list)
    target: float | None = None  # the coverage asked for (reach)
    county: str = ""
    need_rule: str = ""  # who counts as in need, and where the rule comes from
    indicator_target: float | None = None  # the target set's rehab_reach value, for reference

    @property
    def gap(self) -> float:
        """How far the answer may be from the best, as a share of the bound's side."""
        if self.status == "infeasible" or not math.isfinite(self.bound):
            return float("nan")
        if self.request.add is not None:
            return max(0.0, (self.bound - self.objective) / self.bound) if self.bound > 0 else 0.0
        return max(0.0, (self.objective - self.bound) / self.objective) if self.objective else 0.0

    def coverage(self, step: int = -1) -> np.ndarray:
        """Share of need within reach per township (county last) after `step` proposals."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.need > 0, self.reached[step] / self.need, np.nan)

    @property
    def summary(self) -> str:
        """One line for the status bar or the console."""
        if self.status == "infeasible":
            return f"{self.request.title}：以现有候选点无法达到"
        if self.request.reach is not None and not self.proposals:
            return f"{self.request.title}：现状已达到，无需新建"
        proof = {"optimal": "已证最优", "time_limit": "达到时间上限"}[self.status]
        how = "整数规划" if self.method == "milp" else "贪心解"
        before, after = self.coverage(0)[-1], self.coverage()[-1]
        return (f"{self.request.title}：建议{len(self.proposals)}个，全县覆盖率 "
                f"{_percent(before, 1)} → {_percent(after, 1)}；{how}，{proof}，"
                f"差距不超过{self.gap:.2%}，用时{self.seconds:.1f}秒")


def site(layers: Mapping[str, gpd.GeoDataFrame], settings: Settings, request: SitingRequest, *,
         targets: TargetSet | None = None, catalog: Catalog | None = None,
         feedback: Feedback | None = None) -> SitingResult:
    """Answer a siting question on the project's layers. Raises Cancelled on Cancel."""
    request.check()
    feedback = feedback or Feedback()
    catalog = catalog or load_catalog()
    targets = targets or target_set(settings.target_set)
    radius_km = request.radius_km if request.radius_km is not None else settings.radius_km
    candidates = candidate_sites(layers, settings.metric_crs, catalog, kind=request.candidates,
                                 grid_km=request.grid_km)
    problem = siting_problem(layers, settings, targets, candidates, radius_km=radius_km,
                             catalog=catalog, feedback=feedback)
    start = time.perf_counter()
    if request.add is not None:
        chosen, objective, bound, status, method = _add(problem, request, feedback)
        unreachable: list[Unreachable] = []
    else:
        chosen, objective, bound, status, method, unreachable = _reach(problem, request, feedback)
    seconds = time.perf_counter() - start
    order = in_pick_order(problem, chosen)  # a pick adding nothing is not worth proposing
    if request.reach is not None and status != "infeasible":
        objective, bound = float(len(order)), min(bound, float(len(order)))
    feedback.set_progress(100)
    result = _result(problem, request, order, objective, bound, status, method, seconds,
                     unreachable, radius_km, settings.metric_crs)
    indicator = targets.indicator("rehab_reach")
    return replace(result, county=settings.county_name or settings.county_code,
                   indicator_target=indicator.value,
                   need_rule=f"{targets.name}（{targets.document}）rehab_reach 分母："
                             f"{indicator.denominator or '全部人员'}")


def project_siting(project: Project, request: SitingRequest, target_set_id: str | None = None,
                   feedback: Feedback | None = None) -> SitingResult:
    kinds = {"households", "rehab_stations", "townships", "villages", request.candidates}
    layers = {kind: project.read_layer(kind) for kind in project.layer_kinds() if kind in kinds}
    settings = project.settings
    if not settings.metric_crs:
        settings = replace(settings, metric_crs=project.metric_crs())
    return site(layers, settings, request,
                targets=target_set(target_set_id or settings.target_set),
                catalog=project.catalog, feedback=feedback)


def default_scenario_name(result: SitingResult) -> str:
    """`选址 新增10个`, `选址 覆盖90% 每个乡镇`."""
    if result.request.add is not None:
        return f"选址 新增{result.request.add}个"
    where = " 每个乡镇" if result.request.per_township else ""
    return f"选址 覆盖{_percent(result.target)}{where}"


def save_siting_scenario(project: Project, result: SitingResult, name: str | None = None) -> str:
    """Keep the proposals as a named scenario (the map's 打开方案 and the print layout read it);
    returns the name used."""
    name = name or default_scenario_name(result)
    stations = [ProposedStation(f"{PROPOSED}{p.rank}", p.lon, p.lat) for p in result.proposals]
    save_scenario(project, name, stations, note=result.summary)
    return name


def _add(problem: SitingProblem, request: SitingRequest,
         feedback: Feedback) -> tuple[list[int], float, float, str, str]:
    n = int(request.add)  # type: ignore[arg-type]
    greedy = greedy_add(problem, n)
    feedback.check()
    feedback.set_progress(45)
    best, method = greedy, "greedy"
    outcome = solve_add(problem, n, greedy, request.time_limit_s, feedback)
    if outcome.chosen is not None and weighted_gain(problem, outcome.chosen) > \
            weighted_gain(problem, greedy) + 1e-9:
        best, method = outcome.chosen, "milp"
    objective = weighted_gain(problem, best)
    bound = min(add_bound(problem, best, n), add_bound(problem, greedy, n),
                outcome.bound if math.isfinite(outcome.bound) else math.inf)
    status = "optimal" if outcome.status == "optimal" or bound <= objective + 1e-9 \
        else "time_limit"
    if status == "optimal" and outcome.status == "optimal":
        method = "milp"  # proven by the model, even where it agrees with greedy
    return best, objective, max(bound, objective), status, method


def _reach(problem: SitingProblem, request: SitingRequest, feedback: Feedback) -> tuple[
        list[int], float, float, str, str, list[Unreachable]]:
    target = float(request.reach)  # type: ignore[arg-type]
    tally = problem.tally
    required = np.ceil(target * tally.need - 1e-9).astype(np.int64)
    best = tally.need - tally.beyond - tally.unlocated
    regions = [problem.county] + (list(range(problem.county)) if request.per_township else [])
    out_of_reach = [r for r in regions if tally.need[r] > 0 and best[r] < required[r]]
    unreachable = [Unreachable(*_region(problem, r), int(tally.need[r]), int(best[r]),
                               int(required[r]), int(tally.beyond[r]), int(tally.unlocated[r]))
                   for r in out_of_reach]
    if problem.county in out_of_reach:
        return [], math.nan, math.nan, "infeasible", "greedy", unreachable
    short = required - tally.covered
    constrained = [r for r in regions if r not in out_of_reach and short[r] > 0]
    goals = Goals.of(problem, constrained, short[constrained])
    greedy, met = greedy_reach(problem, goals)
    if not met:  # cannot be: every region left was checked reachable above
        raise AssertionError("greedy could not meet goals the candidates can meet")
    feedback.check()
    feedback.set_progress(45)
    fewest, most = solve_reach(problem, goals, greedy, request.time_limit_s, feedback)
    chosen, method = greedy, "greedy"
    if fewest.chosen is not None and len(fewest.chosen) < len(greedy):
        chosen, method = fewest.chosen, "milp"
    if most is not None and most.chosen is not None and len(most.chosen) == len(chosen) and \
            weighted_gain(problem, most.chosen) > weighted_gain(problem, chosen) + 1e-9:
        chosen, method = most.chosen, "milp"
    proven = reach_bound(problem, goals)
    if math.isfinite(fewest.bound):
        proven = max(proven, math.ceil(fewest.bound - 1e-6))
    status = "optimal" if proven >= len(chosen) else "time_limit"
    if fewest.status == "optimal":
        method = "milp"
    return chosen, float(len(chosen)), float(min(proven, len(chosen))), status, method, \
        unreachable


def _region(problem: SitingProblem, position: int) -> tuple[str, str]:
    regions = problem.townships
    if position == problem.county:
        return "county", "全县"
    return regions.codes[position], regions.names[position] or regions.codes[position]


def _result(problem: SitingProblem, request: SitingRequest, order: list[int], objective: float,
            bound: float, status: str, method: str, seconds: float,
            unreachable: list[Unreachable], radius_km: float, metric_crs: str) -> SitingResult:
    reached = np.zeros(len(problem.persons), dtype=bool)
    steps = [problem.tally.covered.copy()]
    weights = [0.0]
    for pick in order:
        reached[problem.by_candidate[pick].indices] = True
        steps.append(problem.tally.covered + problem.persons_in(reached))
        weights.append(float(problem.weight[reached].sum()))
    cands = problem.candidates
    xy = cands.xy[order] if order else np.empty((0, 2))
    lon, lat = Transformer.from_crs(metric_crs, STORAGE_CRS, always_xy=True).transform(
        xy[:, 0], xy[:, 1])
    proposals = [Proposal(
        rank + 1, pick, str(cands.name[pick]), cands.township_code[pick], cands.township[pick],
        cands.village[pick], float(xy[rank, 0]), float(xy[rank, 1]), float(lon[rank]),
        float(lat[rank]), int(steps[rank + 1][-1] - steps[rank][-1]),
        weights[rank + 1] - weights[rank]) for rank, pick in enumerate(order)]
    return SitingResult(request, radius_km, cands.source, len(cands), problem.weighting,
                        problem.townships, problem.tally.need, np.array(steps), proposals,
                        objective, bound, status, method, seconds, len(problem.persons),
                        unreachable, request.reach)


def _percent(share: float | None, digits: int = 0) -> str:
    return "—" if share is None or not math.isfinite(share) else f"{share * 100:.{digits}f}%"
