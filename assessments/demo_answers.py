"""Plausible answer sets for demo data, benchmarks and tests. No Django import.

`maturity` 0..1 moves every scored answer from the worst towards the best choice; the seed adds
deterministic variety so that demo companies differ question by question.
"""

from __future__ import annotations

import random
from typing import Any

from assessments.question_bank.answers import is_visible
from assessments.question_bank.types import UNKNOWN, Bank, Question


def demo_answers(
    bank: Bank, *, maturity: float, seed: int, uses_ai: bool = True, profile: dict[str, Any] | None = None
) -> dict[str, Any]:
    """`profile` fixes some unscored answers (e.g. company_size) where they are valid values."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    answers: dict[str, Any] = {}
    for q in bank.questions:
        if not is_visible(bank, q, answers):
            continue
        fixed = (profile or {}).get(q.key)
        answers[q.key] = fixed if fixed in q.choice_values() else _pick(q, rng, maturity, uses_ai)
    return answers


def _pick(q: Question, rng: random.Random, maturity: float, uses_ai: bool) -> Any:
    level = min(1.0, max(0.0, rng.gauss(maturity, 0.2)))
    if q.scored and q.unknown and level < 0.15 and rng.random() < 0.5:
        return UNKNOWN
    if q.type in ("number", "scale"):
        return (
            round(q.minimum + level * (q.maximum - q.minimum))
            if q.scored
            else rng.randint(q.minimum, min(q.maximum, q.minimum + 60))
        )
    if not q.scored:
        if q.key == "uses_ai" and q.choice("yes") and q.choice("no"):
            return "yes" if uses_ai else "no"
        choice = rng.choice(q.choices)
        return [choice.value] if q.type == "multi" else choice.value
    ranked = sorted(q.choices, key=lambda c: (c.score or 0.0, c.value))
    if q.type == "multi":
        best = [c for c in q.choices if (c.score or 0) > 0 and not c.exclusive]
        worst = [c for c in q.choices if (c.score or 0) < 0]
        pool = best if level >= 0.5 else (worst or best)
        count = max(1, round(len(pool) * (level if pool is best else 1 - level)))
        return [c.value for c in pool[:count]] or [ranked[-1].value]
    return ranked[round(level * (len(ranked) - 1))].value
