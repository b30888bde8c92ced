"""Timing shared by the benchmarks (run as `python3 bench/bench_x.py`: this folder is on the
path)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best(runs: dict[str, Callable[[], object]], rounds: int = 3) -> dict[str, float]:
    """Best time of each, taken in alternating rounds so that a busy moment of the machine
    hits the baseline and the contender alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: min(seconds) for name, seconds in times.items()}
