"""Benchmark of the scoring engine: µs per assessment with the full bank, on realistic answer sets.

    .venv/bin/python bench/scoring.py [--sets 400] [--rounds 5] [--compare] [--write] [--profile]

What is measured: one `score_assessment(bank=..., answers=..., benchmarks=...)` call, timed on its
own (the thread's CPU time), exactly as the app calls it at submission and on the results page: the answers
are validated and normalised, visibility resolved, domains, band and cap, comparisons, governance gap,
"No sé" list, recommendations and the plan built, the frozen Result returned. The bank and study
figures are loaded once beforehand (as in the app, where they are cached for the process).

Answer sets: demo companies (assessments/demo_answers.py) at maturities 0.0 to 1.0 with and without
AI, plus random valid answer sets (question by question, honouring conditions, some left unanswered,
some "No sé"); `--sets` of them in all, each scored `--rounds` times. Pure Python: no Django settings.
A CPU reference (a fixed 1 M-iteration loop) is printed too: this machine is shared and its speed
varies from one minute to the next; the load average (1 and 5 minutes) is printed before and after.
`--profile` prints where the time goes instead (cProfile, one round; its own overhead inflates
functions called many times). `--write` records the section in docs/PERFORMANCE.md between
the scoring markers (other sections are left alone).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assessments.benchmarks.loader import default_benchmarks  # noqa: E402
from assessments.demo_answers import demo_answers  # noqa: E402
from assessments.question_bank.answers import is_visible  # noqa: E402
from assessments.question_bank.loader import default_bank  # noqa: E402
from assessments.question_bank.types import UNKNOWN, Bank, Question  # noqa: E402
from assessments.scoring import score_assessment  # noqa: E402
from bench.measure import cpu_reference_ms, percentile  # noqa: E402

TARGET_US = 50
BEGIN, END = "<!-- scoring:begin -->", "<!-- scoring:end -->"


def random_answers(bank: Bank, rng: random.Random) -> dict[str, Any]:
    """A valid answer set: each visible question answered (80%), "No sé" where offered (10%)."""
    answers: dict[str, Any] = {}
    for q in bank.questions:
        if not is_visible(bank, q, answers) or rng.random() < 0.2:
            continue
        answers[q.key] = UNKNOWN if q.unknown and rng.random() < 0.1 else random_value(q, rng)
    return answers


def random_value(q: Question, rng: random.Random) -> Any:
    if q.type in ("number", "scale"):
        return rng.randint(q.minimum, q.maximum)
    if q.type == "multi":
        plain = [c.value for c in q.choices if not c.exclusive]
        exclusive = [c.value for c in q.choices if c.exclusive]
        if exclusive and (not plain or rng.random() < 0.2):
            return [rng.choice(exclusive)]
        return rng.sample(plain, rng.randint(1, len(plain)))
    return rng.choice(q.choices).value


def answer_sets(bank: Bank, count: int, seed: int = 2026) -> list[dict[str, Any]]:
    """Half demo companies (every maturity, with and without AI), half random valid sets."""
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not security
    sets = []
    for i in range(count // 2):
        maturity = (i % 11) / 10
        sets.append(demo_answers(bank, maturity=maturity, seed=seed + i, uses_ai=i % 4 != 3))
    while len(sets) < count:
        sets.append(random_answers(bank, rng))
    return sets


def measure(sets: int, rounds: int, *, compare: bool) -> dict[str, Any]:
    bank, benchmarks = default_bank(), default_benchmarks()
    data = answer_sets(bank, sets)
    engines = {"score_assessment": score_assessment}
    if compare:
        # The engine before its indexes, kept in the tests as the reference for equivalence. Timed in
        # turn with the real one, set by set, so both see the same machine load.
        from tests.scoring.reference_engine import score_assessment as reference

        engines["reference engine (no index at all)"] = reference
    for engine in engines.values():
        for answers in data[:20]:  # warm-up: first calls build the bank's index and touch the code
            engine(bank=bank, answers=answers, benchmarks=benchmarks)
    load_before = os.getloadavg()[:2]
    reference_before = cpu_reference_ms()
    times_us: dict[str, list[float]] = {name: [] for name in engines}
    gc.collect()
    for _ in range(rounds):
        for answers in data:
            for name, engine in engines.items():
                # CPU time of this thread: a call preempted by another process is not charged the wait.
                started = time.thread_time_ns()
                engine(bank=bank, answers=answers, benchmarks=benchmarks)
                times_us[name].append((time.thread_time_ns() - started) / 1000)
    return {
        "bank": bank.version,
        "questions": len(bank.questions),
        "recommendations": len(bank.recommendations),
        "figures": len(benchmarks.figures),
        "sets": len(data),
        "rounds": rounds,
        "engines": {name: summary(values) for name, values in times_us.items()},
        "cpu_reference_ms": (reference_before, cpu_reference_ms()),
        "load": (load_before, os.getloadavg()[:2]),
    }


def summary(values: list[float]) -> dict[str, float]:
    return {
        "min": min(values),
        "median": statistics.median(values),
        "mean": statistics.fmean(values),
        "p99": percentile(values, 0.99),
        "max": max(values),
    }


def report(r: dict[str, Any]) -> str:
    before, after = r["cpu_reference_ms"]
    engine = r["engines"]["score_assessment"]
    met = engine["median"] <= TARGET_US
    lines = [
        BEGIN,
        "## Scoring engine (`bench/scoring.py`)",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}: bank {r['bank']} ({r['questions']} questions, "
        f"{r['recommendations']} actions, {r['figures']} study figures); {r['sets']} answer sets (half demo "
        f"companies at every maturity, half random valid sets) × {r['rounds']} rounds, each call timed alone "
        f"(CPU time of the thread). CPU reference (1 M-iteration Python loop; lower is faster): {before:.0f} ms "
        f"before, {after:.0f} ms after; load average (1 min, 5 min) {r['load'][0][0]:.2f}, {r['load'][0][1]:.2f} "
        f"before, {r['load'][1][0]:.2f}, {r['load'][1][1]:.2f} after.",
        "",
        "| µs per assessment | min | median | mean | p99 | max |",
        "|---|---|---|---|---|---|",
    ]
    for name, t in r["engines"].items():
        lines.append(
            f"| `{name}` | {t['min']:.1f} | **{t['median']:.1f}** | {t['mean']:.1f} | {t['p99']:.1f} | {t['max']:.1f} |"
        )
    lines.append("")
    if len(r["engines"]) > 1:
        old = r["engines"]["reference engine (no index at all)"]
        lines.append(
            f"Speed-up over the plain reference engine (tests/scoring/reference_engine.py, which scans the bank "
            f"for every lookup and so runs slower than the engine before the indexes did): "
            f"{old['median'] / engine['median']:.1f}× (medians)."
        )
        lines.append("")
    lines += [
        f"Target: ≤ {TARGET_US} µs per assessment — **{'met' if met else 'not met'}** "
        f"(median {engine['median']:.1f} µs).",
        END,
    ]
    return "\n".join(lines)


def write(section: str, path: Path) -> None:
    text = path.read_text() if path.exists() else "# Performance\n\nFigures recorded by the scripts in `bench/`.\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)


def profile(sets: int) -> None:
    import cProfile
    import pstats

    bank, benchmarks = default_bank(), default_benchmarks()
    data = answer_sets(bank, sets)
    for answers in data[:20]:
        score_assessment(bank=bank, answers=answers, benchmarks=benchmarks)
    profiler = cProfile.Profile()
    profiler.enable()
    for answers in data:
        score_assessment(bank=bank, answers=answers, benchmarks=benchmarks)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", type=int, default=400, help="answer sets (default 400)")
    parser.add_argument("--rounds", type=int, default=5, help="times each set is scored (default 5)")
    parser.add_argument("--write", action="store_true", help="record the figures in docs/PERFORMANCE.md")
    parser.add_argument(
        "--compare", action="store_true", help="time the engine without indexes too (tests/scoring/reference_engine.py)"
    )
    parser.add_argument("--profile", action="store_true", help="print where the time goes (cProfile) and stop")
    args = parser.parse_args()
    if args.profile:
        profile(args.sets)
        return
    section = report(measure(args.sets, args.rounds, compare=args.compare))
    print(section)
    if args.write:
        write(section, ROOT / "docs" / "PERFORMANCE.md")


if __name__ == "__main__":
    main()
