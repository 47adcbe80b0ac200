"""Shared by the benchmarks: medians of repeated runs, in wall-clock and CPU seconds."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable

RUNS = 5


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_cpu_and_wall(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median CPU seconds (this process and the processes it ran) and wall seconds. On a
    shared machine the wall time depends on what else runs; the CPU time much less."""

    def cpu() -> float:
        own, children = (
            resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    cpus, walls = [], []
    for _ in range(runs):
        cpu_start, wall_start = cpu(), time.perf_counter()
        action()
        cpus.append(cpu() - cpu_start)
        walls.append(time.perf_counter() - wall_start)
    return statistics.median(cpus), statistics.median(walls)
