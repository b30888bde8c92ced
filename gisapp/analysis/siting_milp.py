"""The exact answer: siting as a mixed-integer programme solved by HiGHS (highspy).

x_j = 1 builds candidate j; y_g (0-1) is demand group g reached, y_g <= sum of x_j over the
candidates reaching it. Only pairs within the radius enter the model. Reductions keep it small
without changing the answer: candidates reaching exactly the same groups are one column (the
first listed stands for them); a group only one candidate reaches needs no y of its own (its
need is carried by that candidate's x); and for `add`, candidates that provably belong to no
answer better than the greedy one are left out (screen_add).

- add n:   maximise the weighted need reached, sum x <= n.
- reach:   minimise sum x, with the persons reached in each constrained region >= its
           shortfall; then, with sum x fixed at that number, maximise the weighted need.

Every solve starts from the greedy answer, stops at the time limit, and says what it proved.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import highspy
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from gisapp.analysis.reach import BoolArray, FloatArray, IntArray
from gisapp.analysis.siting_greedy import Goals, weighted_gain
from gisapp.analysis.siting_problem import SitingProblem
from gisapp.feedback import Cancelled, Feedback

_HASH_SEED = 7
_INF = highspy.kHighsInf
_SCREEN_START = 100  # candidates the first restricted LP starts from, by two rankings
_SCREEN_ROUNDS = 8


@dataclass(frozen=True)
class MilpOutcome:
    chosen: list[int] | None  # candidates of the best solution HiGHS holds (None: it has none)
    bound: float  # proven bound on the objective over all candidates (nan: none)
    status: str  # "optimal", "time_limit", "infeasible" or HiGHS's own word
    seconds: float
    columns: int = 0  # candidates in the model


@dataclass(frozen=True, eq=False)
class _Model:
    """The reduced model's columns: x for `sites`, then y for `groups`."""

    sites: IntArray  # candidate of each x column
    stand_in: IntArray  # per candidate: its x column (-1: none)
    groups: IntArray  # demand group of each y column
    link: sp.csr_matrix  # y rows: y_g - sum x_j <= 0, over x and y columns
    single: sp.csr_matrix  # groups x sites: groups only that site reaches (their need on x)

    def warm(self, problem: SitingProblem, chosen: list[int]) -> FloatArray:
        x = np.zeros(len(self.sites))
        columns = self.stand_in[np.asarray(chosen, dtype=np.intp)]
        x[columns[columns >= 0]] = 1.0
        reached = problem.reached(self.sites[x > 0.5])
        return np.concatenate([x, reached[self.groups].astype(float)])

    def chosen(self, values: npt.ArrayLike) -> list[int]:
        x = np.asarray(values)[:len(self.sites)]
        return sorted(int(s) for s in self.sites[x > 0.5])


def reduce_model(problem: SitingProblem, among: BoolArray | None = None) -> _Model:
    """The model over the candidates `among` (default all) that reach anyone."""
    by_site = problem.by_candidate
    size = np.diff(by_site.indptr)
    keys = np.random.default_rng(_HASH_SEED).integers(0, 2**63, (2, len(problem.weight)),
                                                     dtype=np.uint64)
    owner = np.repeat(np.arange(by_site.shape[0]), size)
    signature = np.zeros((by_site.shape[0], 3), dtype=np.uint64)
    for k in range(2):
        np.add.at(signature[:, k], owner, keys[k][by_site.indices])
    signature[:, 2] = size
    useful = np.flatnonzero((size > 0) & (among if among is not None else True))
    _, first, inverse = np.unique(signature[useful], axis=0, return_index=True,
                                  return_inverse=True)
    order = np.argsort(first)  # columns in candidate order
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    sites = useful[first[order]]
    stand_in = np.full(by_site.shape[0], -1, dtype=np.intp)
    stand_in[useful] = rank[inverse.ravel()]
    cover = problem.cover[:, sites]
    degree = np.diff(cover.indptr)
    groups = np.flatnonzero(degree > 1)
    single = sp.csr_matrix(cover.multiply((degree == 1)[:, None]))
    link = sp.hstack([-cover[groups], sp.identity(len(groups), format="csr")]).tocsr()
    return _Model(sites, stand_in, groups, link, single)


def screen_add(problem: SitingProblem, n: int, incumbent: list[int], deadline: float,
               feedback: Feedback) -> tuple[BoolArray, float, float]:
    """Candidates that may belong to an answer better than `incumbent`; the largest bound of
    those left out (-inf: none); and a bound on any n candidates (inf: none found in time).

    For any prices p_g in [0, w_g], no set of n candidates reaches more weighted need than
    sum_g (w_g - p_g) + the n largest of a_j = sum of p_g over the groups j reaches (Lagrangian
    relaxation of y_g <= sum x_j). With j forced in, the bound uses a_j and the n - 1 largest
    others; where that falls short of the incumbent, j is in no better answer. Any prices make
    the test sound; good ones make it sharp. They come from the LP relaxation over a pool of
    promising candidates, grown until every candidate passing the test is in it (column
    generation with the test as pricing), or until the deadline (time.perf_counter())."""
    weight = problem.weight
    target = weighted_gain(problem, incumbent) * (1 - 1e-9) - 1e-9
    first = problem.by_candidate @ weight
    left = problem.by_candidate @ (weight * ~problem.reached(incumbent))
    pool = np.zeros(len(first), dtype=bool)
    pool[np.argsort(-first, kind="stable")[:_SCREEN_START]] = True
    pool[np.argsort(-left, kind="stable")[:_SCREEN_START]] = True
    pool[incumbent] = True
    best = np.full(len(first), np.inf)  # the sharpest round's bounds: a late round cut
    for _ in range(_SCREEN_ROUNDS):       # short by the deadline may price badly
        feedback.check()
        if time.perf_counter() >= deadline:
            break
        forced = _forced_bounds(problem, _lp_prices(problem, n, pool,
                                                    deadline - time.perf_counter()), n)
        if forced.max(initial=0.0) <= best.max(initial=0.0):
            best = forced
        passing = forced >= target
        if not (passing & ~pool).any():
            break
        pool |= passing
    keep = best >= target
    keep[incumbent] = True
    return keep, float(best[~keep].max(initial=-np.inf)), float(best.max(initial=0.0))


def _forced_bounds(problem: SitingProblem, prices: FloatArray, n: int) -> FloatArray:
    """Per candidate, the Lagrangian bound on any n-set containing it."""
    prices = np.clip(prices, 0.0, problem.weight)
    share = problem.by_candidate @ prices
    top = np.sort(share)[::-1]
    nth = top[min(n, len(top)) - 1]
    rest = np.maximum(problem.weight - prices, 0.0).sum() + top[:n].sum()
    return rest + share - np.maximum(share, nth)


def _lp_prices(problem: SitingProblem, n: int, pool: BoolArray, seconds: float) -> FloatArray:
    """Dual prices of the link rows in the LP relaxation over the pool; a group no pool site
    reaches keeps its full weight, as its row would be priced with those sites at zero."""
    sites = np.flatnonzero(pool)
    cover = problem.cover[:, sites].tocsr()
    groups = np.flatnonzero(np.diff(cover.indptr) > 0)
    link = sp.hstack([-cover[groups], sp.identity(len(groups), format="csr")]).tocsr()
    count = sp.csr_matrix(np.concatenate([np.ones(len(sites)), np.zeros(len(groups))])[None, :])
    cost = np.concatenate([np.zeros(len(sites)), problem.weight[groups]])
    highs = _highs(cost, True, [(link, -_INF, 0.0), (count, -_INF, float(n))], integers=0)
    highs.setOptionValue("solver", "ipx")
    highs.setOptionValue("time_limit", max(seconds, 1e-3))
    highs.run()  # stopped early, its prices still give sound (if weaker) bounds
    prices = problem.weight.copy()
    prices[groups] = np.abs(np.asarray(highs.getSolution().row_dual)[:len(groups)])
    return prices


def solve_add(problem: SitingProblem, n: int, warm: list[int], time_limit: float,
              feedback: Feedback | None = None) -> MilpOutcome:
    feedback = feedback or Feedback()
    start = time.perf_counter()
    if time_limit <= 0:
        return MilpOutcome(None, float("nan"), "time_limit", 0.0)
    keep, left_out, overall = screen_add(problem, n, warm, start + time_limit, feedback)
    model = reduce_model(problem, keep)
    cost = np.concatenate([model.single.T @ problem.weight, problem.weight[model.groups]])
    count = _row(np.ones(len(model.sites)), model)
    outcome = _solve(model, cost, maximise=True,
                     rows=[(model.link, -_INF, 0.0), (count, -_INF, float(n))],
                     warm=model.warm(problem, warm),
                     time_limit=time_limit - (time.perf_counter() - start), feedback=feedback)
    # The model's bound covers the candidates kept; the screen's, those left out.
    bound = min(overall, max(outcome.bound, left_out)) if np.isfinite(outcome.bound) \
        else overall
    return MilpOutcome(outcome.chosen, bound, outcome.status, time.perf_counter() - start,
                       len(model.sites))


def solve_reach(problem: SitingProblem, goals: Goals, warm: list[int], time_limit: float,
                feedback: Feedback | None = None) -> tuple[MilpOutcome, MilpOutcome | None]:
    """The fewest stations, then the most weighted need with that many; the second solve is
    None when the first found no solution or left no time."""
    start = time.perf_counter()
    model = reduce_model(problem)
    persons = sp.hstack([goals.matrix @ model.single, goals.matrix[:, model.groups]]).tocsr()
    goal_rows = (persons, goals.shortfall.astype(float), _INF)
    stations = np.concatenate([np.ones(len(model.sites)), np.zeros(len(model.groups))])
    fewest = _solve(model, stations, maximise=False,
                    rows=[(model.link, -_INF, 0.0), goal_rows],
                    warm=model.warm(problem, warm), time_limit=time_limit, feedback=feedback)
    left = time_limit - (time.perf_counter() - start)
    if fewest.chosen is None or left <= 0:
        return fewest, None
    count = len(fewest.chosen)
    cost = np.concatenate([model.single.T @ problem.weight, problem.weight[model.groups]])
    best = _solve(model, cost, maximise=True,
                  rows=[(model.link, -_INF, 0.0), goal_rows,
                        (_row(np.ones(len(model.sites)), model), count, count)],
                  warm=model.warm(problem, fewest.chosen), time_limit=left, feedback=feedback)
    return fewest, best


def _row(values: FloatArray, model: _Model) -> sp.csr_matrix:
    return sp.csr_matrix(np.concatenate([values, np.zeros(len(model.groups))])[None, :])


def _highs(cost: FloatArray, maximise: bool, rows: list[tuple[sp.csr_matrix, object, object]],
           *, integers: int) -> highspy.Highs:
    """A model over columns in [0, 1], the first `integers` of them integer."""
    columns = len(cost)
    matrix = sp.vstack([r[0] for r in rows]).tocsc()
    lower = np.concatenate([np.broadcast_to(np.asarray(r[1], float), r[0].shape[0]) for r in rows])
    upper = np.concatenate([np.broadcast_to(np.asarray(r[2], float), r[0].shape[0]) for r in rows])
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = columns, matrix.shape[0]
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(columns)
    lp.col_upper_ = np.ones(columns)
    lp.row_lower_, lp.row_upper_ = lower, upper
    lp.sense_ = highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr
    lp.a_matrix_.index_ = matrix.indices
    lp.a_matrix_.value_ = matrix.data
    if integers:
        lp.integrality_ = ([highspy.HighsVarType.kInteger] * integers
                           + [highspy.HighsVarType.kContinuous] * (columns - integers))
    highs = _QuietHighs()
    highs.passModel(lp)
    return highs


class _QuietHighs(highspy.Highs):
    """HiGHS printing nothing (GISAPP_HIGHS_LOG=1 lets it log). Its banner goes out when
    highspy's constructor enables callbacks unless output is off by then, so it is turned off
    there; an option set after the constructor is too late."""

    def enableCallbacks(self) -> None:
        self.setOptionValue("output_flag", bool(os.environ.get("GISAPP_HIGHS_LOG")))
        super().enableCallbacks()


def _solve(model: _Model, cost: FloatArray, *, maximise: bool,
           rows: list[tuple[sp.csr_matrix, object, object]], warm: FloatArray,
           time_limit: float, feedback: Feedback | None) -> MilpOutcome:
    start = time.perf_counter()
    if time_limit <= 0:
        return MilpOutcome(None, float("nan"), "time_limit", 0.0, len(model.sites))
    if len(model.sites) == 0:  # nothing any candidate adds: building none is the answer
        return MilpOutcome([], 0.0, "optimal", 0.0)
    highs = _highs(cost, maximise, rows, integers=len(model.sites))
    highs.setOptionValue("time_limit", float(time_limit))
    # The root LP of a covering model is solved much faster by interior point than by dual
    # simplex; HiGHS's presolve finds little to remove here and takes long to find it.
    highs.setOptionValue("presolve", "off")
    highs.setOptionValue("mip_lp_solver", "ipx")
    if np.array_equal(cost, np.round(cost)):  # whole weights or a count of stations: an
        highs.setOptionValue("mip_rel_gap", 0.0)  # answer within 1 of the bound is the best
        highs.setOptionValue("mip_abs_gap", 1 - 1e-6)
    solution = highspy.HighsSolution()
    solution.col_value = warm
    solution.value_valid = True
    highs.setSolution(solution)
    feedback = feedback or Feedback()

    def interrupt(event: highspy.HighsCallbackEvent) -> None:
        feedback.set_progress(45 + 50 * min(1.0, event.data_out.running_time / time_limit))
        if feedback.is_cancelled():
            event.interrupt()

    highs.cbMipInterrupt.subscribe(interrupt)
    highs.run()
    feedback.check()
    status = highs.getModelStatus()
    info = highs.getInfo()
    has_solution = info.primal_solution_status == int(highspy.kSolutionStatusFeasible)
    chosen = model.chosen(highs.getSolution().col_value) if has_solution else None
    word = {highspy.HighsModelStatus.kOptimal: "optimal",
            highspy.HighsModelStatus.kTimeLimit: "time_limit",
            highspy.HighsModelStatus.kInfeasible: "infeasible",
            highspy.HighsModelStatus.kInterrupt: "cancelled"}.get(
                status, highs.modelStatusToString(status))
    if word == "cancelled":
        raise Cancelled
    bound = float(info.mip_dual_bound)
    return MilpOutcome(chosen, bound if np.isfinite(bound) else float("nan"), word,
                       time.perf_counter() - start, len(model.sites))
