"""Greedy siting: the quick answer that warm-starts the exact model, the order proposals are
listed in, and bounds that say how far from the best a quick answer can be.

Greedy adds, one at a time, the candidate that reaches the most weighted need not reached yet.
For "how few reach the target" it adds the candidate that closes most of the shortfall of the
county and of each township still short, then drops any pick the others make unnecessary.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from gisapp.analysis.reach import BoolArray, FloatArray, IntArray
from gisapp.analysis.siting_problem import SitingProblem

_EPS = 1e-9  # gains are sums of weights; below this, float noise of a zero


@dataclass(frozen=True, eq=False)
class Goals:
    """Persons still to reach, per constrained region, for a coverage target."""

    regions: IntArray  # positions in the problem's tally arrays (a township, or the county)
    shortfall: IntArray  # persons each region still needs reached by new stations
    matrix: sp.csr_matrix  # regions x groups: the group's persons when it lies in the region

    @classmethod
    def of(cls, problem: SitingProblem, regions: npt.ArrayLike,
           shortfall: npt.ArrayLike) -> Goals:
        regions = np.asarray(regions, dtype=np.intp)
        rows, cols, values = [], [], []
        for row, region in enumerate(regions):
            groups = (np.arange(len(problem.persons)) if region == problem.county
                      else np.flatnonzero(problem.township == region))
            rows.append(np.full(groups.size, row))
            cols.append(groups)
            values.append(problem.persons[groups])
        matrix = sp.csr_matrix((np.concatenate([np.empty(0), *values]),
                                (np.concatenate([np.empty(0, np.intp), *rows]),
                                 np.concatenate([np.empty(0, np.intp), *cols]))),
                               shape=(len(regions), len(problem.persons)))
        return cls(regions, np.asarray(shortfall, dtype=np.int64), matrix)

    def met_by(self, reached: BoolArray) -> bool:
        return bool((self.matrix @ reached.astype(float) >= self.shortfall - _EPS).all())


def weighted_gain(problem: SitingProblem, chosen: npt.ArrayLike) -> float:
    """Weighted need the chosen candidates reach (none of it reached before)."""
    return float(problem.weight[problem.reached(chosen)].sum())


def greedy_add(problem: SitingProblem, n: int, among: npt.ArrayLike | None = None) -> list[int]:
    """Up to n candidates (of `among`, default all), each reaching the most weighted need not
    reached yet; ties go to the candidate listed first. Stops early when none adds anything."""
    gains = problem.by_candidate @ problem.weight
    if among is not None:
        allowed = np.zeros(len(gains), dtype=bool)
        allowed[np.asarray(among, dtype=np.intp)] = True
        gains[~allowed] = -np.inf
    reached = np.zeros(len(problem.weight), dtype=bool)
    picks: list[int] = []
    for _ in range(n):
        pick = int(np.argmax(gains))
        if not gains[pick] > _EPS:
            break
        picks.append(pick)
        gains -= _gain_of(problem, _newly(problem, pick, reached))
        gains[pick] = -np.inf
    return picks


def in_pick_order(problem: SitingProblem, chosen: npt.ArrayLike) -> list[int]:
    """A chosen set in the order greedy would build it; members adding nothing are left out."""
    chosen = np.unique(np.asarray(chosen, dtype=np.intp))
    return greedy_add(problem, len(chosen), among=chosen) if chosen.size else []


def add_bound(problem: SitingProblem, chosen: list[int], n: int) -> float:
    """No n new stations reach more weighted need than this: what `chosen` reach plus the n
    largest gains left (coverage has diminishing returns, so this bounds the best set)."""
    reached = problem.reached(chosen)
    gains = problem.by_candidate @ (problem.weight * ~reached)
    top = np.sort(gains)[::-1][:n]
    return float(problem.weight[reached].sum() + top.sum())


def greedy_reach(problem: SitingProblem, goals: Goals) -> tuple[list[int], bool]:
    """Candidates until every goal is met (then as few as greedy can keep), and whether they
    were met. Each pick closes most of the shortfalls; ties go to the most weighted need."""
    gains = (problem.by_candidate @ goals.matrix.T).toarray()  # candidates x regions
    weighted = problem.by_candidate @ problem.weight
    short = goals.shortfall.astype(float)
    reached = np.zeros(len(problem.weight), dtype=bool)
    picks: list[int] = []
    while (short > _EPS).any():
        score = np.minimum(gains, np.maximum(short, 0.0)).sum(axis=1)
        best = score.max(initial=0.0)
        if not best > _EPS:
            return picks, False
        ties = np.flatnonzero(score >= best - _EPS)
        pick = int(ties[np.argmax(weighted[ties])])
        picks.append(pick)
        new = _newly(problem, pick, reached)
        short -= np.asarray(goals.matrix[:, new].sum(axis=1)).ravel()
        gains -= (problem.cover[new].T @ goals.matrix[:, new].T).toarray()
        weighted -= _gain_of(problem, new)
    return _without_spare(problem, goals, picks), True


def _without_spare(problem: SitingProblem, goals: Goals, picks: list[int]) -> list[int]:
    """Drop, latest first, every pick the goals are met without."""
    times = np.bincount(problem.by_candidate[picks].indices, minlength=len(problem.weight)) \
        if picks else np.zeros(len(problem.weight), dtype=np.intp)
    achieved = goals.matrix @ (times > 0).astype(float)
    kept = list(picks)
    for pick in reversed(picks):
        groups = problem.by_candidate[pick].indices
        only = groups[times[groups] == 1]
        loss = np.asarray(goals.matrix[:, only].sum(axis=1)).ravel()
        if (achieved - loss >= goals.shortfall - _EPS).all():
            kept.remove(pick)
            times[groups] -= 1
            achieved -= loss
    return kept


def reach_bound(problem: SitingProblem, goals: Goals) -> int:
    """No fewer new stations can meet the goals: in each region, the fewest candidates whose
    separate gains add up to its shortfall."""
    gains = (problem.by_candidate @ goals.matrix.T).toarray()
    bound = 0
    for column, short in enumerate(goals.shortfall):
        if short <= 0:
            continue
        total = np.cumsum(np.sort(gains[:, column])[::-1])
        bound = max(bound, int(np.searchsorted(total, short - _EPS)) + 1)
    return bound


def _newly(problem: SitingProblem, pick: int, reached: BoolArray) -> IntArray:
    """Groups the pick reaches that were not reached; marks them reached."""
    groups = problem.by_candidate[pick].indices
    new = groups[~reached[groups]]
    reached[new] = True
    return new


def _gain_of(problem: SitingProblem, groups: IntArray) -> FloatArray:
    """Weighted need of `groups`, summed per candidate reaching them."""
    rows = problem.cover[groups]
    weights = np.repeat(problem.weight[groups], np.diff(rows.indptr))
    return np.bincount(rows.indices, weights=weights, minlength=problem.cover.shape[1])
