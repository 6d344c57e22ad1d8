"""The quick check's preliminary result: the full engine run on the quick-check questions only.

Pure Python like the rest of scoring/ (no Django). docs/SCORING.md, "Diagnóstico rápido", explains it:
- the bank is restricted to the quick-check questions (same weights, same per-answer scores, same
  domain weights); domains without a quick-check question are left out of the index;
- the critical-control cap applies as in the full result (every critical control is in the quick check);
- the three most urgent actions are the first three of the plan the engine makes from these answers:
  earliest plan horizon first, within it those behind a missing critical control, then by priority.
The full engine is not changed; only its input is smaller. Monotone because the engine is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from assessments.benchmarks.types import Benchmarks
from assessments.i18n_text import Text
from assessments.question_bank.types import Bank, Section
from assessments.scoring.engine import score_assessment
from assessments.scoring.result import Band, BandCap, Counts, DomainScore, RecommendationOutcome, ToVerify

QUICK_METHOD_VERSION = "1.0.0"
URGENT_ACTIONS = 3
QUICK_SECTION = Section(
    key="quick_check", title=Text(es="Diagnóstico rápido", en="Quick check"), intro=None, questions=()
)


@dataclass(frozen=True)
class QuickResult:
    overall: float  # 0..100, preliminary: only the quick-check questions
    band: Band  # after the critical-control cap
    band_cap: BandCap | None
    actions: tuple[RecommendationOutcome, ...]  # the (at most) 3 most urgent
    domains: tuple[DomainScore, ...]  # only the domains the quick check covers
    counts: Counts
    to_verify: tuple[ToVerify, ...]
    questions: tuple[str, ...]
    complete: bool  # every quick-check question answered ("No sé" counts as an answer)
    preliminary: bool = True
    method_version: str = QUICK_METHOD_VERSION
    bank_version: str = ""
    scoring_version: str = ""


# Restricted banks already made: (id of the full bank, questions) -> (full bank, restricted bank). Made
# once, so the engine's index of a restricted bank is built once too. The full bank is kept to make
# sure the id still names it.
_QUICK_BANKS: dict[tuple[int, tuple[str, ...]], tuple[Bank, Bank]] = {}
MAX_QUICK_BANKS = 8


def quick_bank(bank: Bank, questions: Sequence[str]) -> Bank:
    """The bank with only `questions` (one section, the order given); recommendations unchanged."""
    keys = tuple(questions)
    made = _QUICK_BANKS.get((id(bank), keys))
    if made is not None and made[0] is bank:
        return made[1]
    section = replace(QUICK_SECTION, questions=tuple(bank.question(key) for key in keys))
    restricted = replace(bank, sections=(section,))
    if len(_QUICK_BANKS) >= MAX_QUICK_BANKS:
        _QUICK_BANKS.clear()
    _QUICK_BANKS[(id(bank), keys)] = (bank, restricted)
    return restricted


def score_quick_check(
    *, bank: Bank, questions: Sequence[str], answers: Mapping[str, Any], benchmarks: Benchmarks
) -> QuickResult:
    keys = tuple(questions)
    subset = {k: v for k, v in answers.items() if k in keys}
    result = score_assessment(bank=quick_bank(bank, keys), answers=subset, benchmarks=benchmarks)
    covered = {o.domain for o in result.questions if o.weight > 0}
    return QuickResult(
        overall=result.overall,
        band=result.band,
        band_cap=result.band_cap,
        actions=urgent_actions(result.recommendations),
        domains=tuple(d for d in result.domains if d.domain in covered),
        counts=result.counts,
        to_verify=result.to_verify,
        questions=keys,
        complete=result.complete,
        bank_version=result.bank_version,
        scoring_version=result.scoring_version,
    )


def urgent_actions(recommendations: Sequence[RecommendationOutcome]) -> tuple[RecommendationOutcome, ...]:
    """The first actions of the plan: earliest horizon, then missing critical controls, then priority."""
    order = sorted(recommendations, key=lambda r: (r.plan_horizon, not r.critical, -r.priority, r.key))
    return tuple(order[:URGENT_ACTIONS])
