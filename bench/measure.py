"""Helpers shared by the bench scripts, with no side effect at import (no settings, no environment)."""

from __future__ import annotations

import statistics
import time


def percentile(values: list[float], q: float) -> float:
    """The value at rank round(q·(n−1)) of the sorted values (q in 0..1)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def cpu_reference_ms(repeats: int = 5, *, pause: float = 0.0) -> float:
    """Median time of a fixed pure-Python loop (1 M additions), in ms: how fast the CPU is right now.

    Printed beside every figure, so that runs on a busy or slower host can be told apart.
    """
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i
        times.append(time.perf_counter() - started)
        if pause:
            time.sleep(pause)
    return statistics.median(times) * 1000
