"""The scoring engine: (bank, answers, benchmarks) -> Result. Pure Python, deterministic, monotone.

Rules (docs/SCORING.md explains each and the weights):
- A question's score is 0..1 (see Question.score); "No sé" and unanswered visible questions score 0
  and are reported (`unanswered`, `to_verify`, `counts`): a gap, never silently dropped.
- Only unscored questions can be hidden by a condition (the loader enforces it), so claiming not to
  use AI or a tool never hides a gap: every company is scored on every control. What is hidden is
  listed in `not_applicable` with the reason.
- Domain score = 100 × Σ(weight × score) / Σ(weight) over its questions; a weight-0 question informs
  (it is shown and can trigger advice) but does not move the score.
- Overall = weighted mean of the domain scores (domain weights); band from the overall index, at most
  "Definido" while a critical control is at score 0 (`band_cap` names them).

The usual answer set (a dict of valid answers, every scored question shown) is scored by fast.py from
tables made once per bank and study data, with the same result; anything else by the steps below.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import compress, filterfalse, repeat
from operator import eq, not_
from typing import Any

from assessments.benchmarks.types import Benchmarks
from assessments.question_bank.answers import hidden_questions, normalize_answers
from assessments.question_bank.types import UNKNOWN, Bank
from assessments.scoring import actions, fast
from assessments.scoring.bands import band_for
from assessments.scoring.fast_tables import fast_plan
from assessments.scoring.index import (
    UNANSWERED,
    UNKNOWN_STATUS,
    FigureSet,
    ScoringIndex,
    comparison,
    figure_plans,
    outcome,
    scoring_index,
)
from assessments.scoring.result import (
    SCORING_VERSION,
    BandCap,
    CapReason,
    Comparison,
    DomainScore,
    GovernanceGap,
    QuestionOutcome,
    Result,
    TypicalStanding,
    build,
    counts_of,
)
from assessments.scoring.self_rating import self_rating_gap

AI_USE_QUESTION = "uses_ai"
AI_USE_VALUES = frozenset({"yes", "informal"})  # "informal": staff use AI on their own (shadow AI)
# Answers that show AI in use whatever `uses_ai` says: data pasted into AI tools, or AI used through
# personal accounts. A company that says "no AI" but pastes its e.firma into a chatbot has the gap.
AI_DATA_QUESTION, AI_DATA_HARMLESS = "ai_data_input", frozenset({"public_only", "unknown"})
AI_ACCOUNTS_QUESTION, AI_ACCOUNTS_IN_USE = "ai_accounts", frozenset({"personal_free", "mixed"})
AI_POLICY_FIGURE = "ai_policy"
AI_STRATEGY_FIGURE = "ai_strategy"
PRACTICE_CREDIT = {"yes": 1.0, "partly": 0.5}  # a good practice the company has, or has in part


def score_assessment(*, bank: Bank, answers: Mapping[str, Any], benchmarks: Benchmarks) -> Result:
    index = scoring_index(bank)  # built once per bank: no scan of the bank below
    plan = fast_plan(index, bank, benchmarks)
    if plan is not None:  # the usual answer set, scored from tables (fast.py); None: the general path
        result = fast.score(plan, answers, bank.version, benchmarks.version, index)
        if result is not None:
            return result
    answers = normalize_answers(bank, answers)
    hidden = hidden_questions(bank, answers)
    # The tables assume every scored question is shown: always so with the bank's data (only unscored
    # questions have conditions).
    tables = not hidden or not (hidden.keys() & index.scored_keys)
    looked_up = _looked_up(index, answers) if tables else None
    if looked_up is not None:
        scored_answers, outcomes, contributions = looked_up
        by_key = dict(zip(index.scored_order, outcomes, strict=True))
        domains, counted = _domain_scores_looked_up(index, scored_answers, contributions)
    else:
        outcomes = _outcomes(index, answers, hidden)
        by_key = {o.key: o for o in outcomes}
        domains, counted = _domain_scores(index, by_key)
    overall = round(_weighted_mean([(d.score, d.weight) for d in domains if d.domain in counted]), 1)
    band, band_cap = _band(index, overall, by_key, answers)
    figures = figure_plans(index, benchmarks)
    comparisons = _comparisons(figures, answers, hidden)
    if hidden:
        visible = [q for q in bank.questions if q.key not in hidden]
        unanswered = tuple([q.key for q in visible if q.key not in answers])
        shown = len(visible)
    else:
        unanswered = tuple(filterfalse(answers.__contains__, index.question_keys))
        shown = len(index.question_keys)
    unknown = list(compress(index.unknown_keys, map(eq, repeat(UNKNOWN), map(answers.get, index.unknown_keys))))
    if hidden and unknown:
        unknown = [key for key in unknown if key not in hidden]
    if looked_up is not None:
        recommendations, action_plan = actions.looked_up(index.rules, scored_answers, answers, by_key)
    else:
        recommendations, action_plan = actions.recommendations(index.rules, answers, by_key, tables=tables)
    return build(
        Result,
        {
            "overall": overall,
            "band": band,
            "domains": domains,
            "questions": outcomes,
            "comparisons": comparisons,
            "governance_gap": _governance_gap(bank, answers, comparisons, figures),
            "typical_sme": _typical_standing(figures, comparisons),
            "recommendations": recommendations,
            "unanswered": unanswered,
            "complete": not unanswered,
            "bank_version": bank.version,
            "benchmarks_version": benchmarks.version,
            "scoring_version": SCORING_VERSION,
            "band_cap": band_cap,
            "counts": counts_of(shown=shown, unknown=len(unknown), unanswered=len(unanswered)),
            "to_verify": index.to_verify_list(unknown),
            "not_applicable": tuple([index.not_applicable[item] for item in hidden.items()]),
            "action_plan": action_plan,
            "self_rating_gap": self_rating_gap(bank, answers, band),
        },
    )


def _looked_up(index: ScoringIndex, answers: Mapping[str, Any]):
    """When every scored question is shown and its outcomes are all tabled: the scored questions'
    answers in bank order (a multi-choice answer as a tuple), their outcomes and what each adds to its
    domain's sum, all looked up; None when an answer is not in the tables (then computed below)."""
    tables = index.outcome_tables
    if tables is None:
        return None
    scored_answers = list(map(answers.get, index.scored_order))
    for i in index.list_positions:
        value = scored_answers[i]
        if value.__class__ is list:
            scored_answers[i] = tuple(value)
    try:
        outcomes = tuple(map(dict.__getitem__, tables, scored_answers))
        contributions = list(map(dict.__getitem__, index.contribution_tables, scored_answers))
    except (KeyError, TypeError):
        return None
    return scored_answers, outcomes, contributions


def _domain_scores_looked_up(index: ScoringIndex, scored_answers: list, contributions: list):
    """`_domain_scores` from the looked-up answers: same sums, in the same order."""
    scores, counted = [], set()
    for domain in index.domains:
        pick = domain.pick
        total = domain.total_weight
        value = 100 * (sum(pick(contributions)) / total if total else 0.0)
        answered = pick(scored_answers)
        fields = domain.fields.copy()
        fields["score"] = round(value, 1)
        fields["answered"] = domain.count - answered.count(None)
        fields["applicable"] = domain.count
        fields["unknown"] = answered.count(UNKNOWN)
        scores.append(build(DomainScore, fields))
        if domain.has_weight:
            counted.add(domain.key)
    return tuple(scores), counted


def _outcomes(index: ScoringIndex, answers: Mapping[str, Any], hidden: Mapping[str, str]) -> tuple:
    """One outcome per visible scored question, bank order: "No sé" and unanswered score 0."""
    found = []
    get = answers.get
    for key, known, question in index.scored_lookup:
        if key in hidden:
            continue
        value = get(key)
        made = known.get(value) if value.__class__ is not list else None  # a list is no dict key
        found.append(made if made is not None else outcome(question, value))
    return tuple(found)


def _weighted_mean(pairs: list[tuple[float, float]]) -> float:
    total = sum(w for _, w in pairs)
    return sum(s * w for s, w in pairs) / total if total else 0.0


def _domain_scores(index: ScoringIndex, outcomes: dict[str, QuestionOutcome]):
    """Each domain's score (100 × Σ weight × score / Σ weight over its shown questions, summed in bank
    order), and the domains that count in the overall index: those with a question that has weight (a
    weight-0 question alone scores nothing)."""
    scores, counted = [], set()
    for domain in index.domains:
        if len(outcomes) == index.scored_count:  # every scored question shown (always, with the bank's data)
            members = domain.gather(outcomes)
            total, has_weight = domain.total_weight, domain.has_weight
        else:
            members = [outcomes[k] for k in domain.members if k in outcomes]
            total, has_weight = sum([o.weight for o in members]), any(o.weight > 0 for o in members)
        value = 100 * (sum([o.score * o.weight for o in members]) / total if total else 0.0)
        statuses = [o.status for o in members]
        fields = domain.fields.copy()
        fields["score"] = round(value, 1)
        fields["answered"] = len(members) - statuses.count(UNANSWERED)
        fields["applicable"] = len(members)
        fields["unknown"] = statuses.count(UNKNOWN_STATUS)
        scores.append(build(DomainScore, fields))
        if has_weight:
            counted.add(domain.key)
    return tuple(scores), counted


def _band(index: ScoringIndex, overall: float, outcomes: dict[str, QuestionOutcome], answers: Mapping[str, Any]):
    """The band of the overall index, capped while a critical control scores 0.

    Monotone: a better answer can only raise the index or lift a critical control off 0.
    """
    uncapped = band_for(overall)
    cap = index.cap_band
    if index.band_levels[uncapped.key] <= index.band_levels[cap.key]:
        return uncapped, None  # nothing to cap
    reasons = tuple(
        build(
            CapReason, dict(question=q.key, answer=answers.get(q.key), status=outcomes[q.key].status, text=q.critical)
        )
        for q in index.critical
        if q.key in outcomes and outcomes[q.key].score <= 0
    )
    if not reasons:
        return uncapped, None
    return cap, build(BandCap, dict(band=cap, uncapped=uncapped, reasons=reasons))


def _comparisons(figures: FigureSet, answers: Mapping[str, Any], hidden: Mapping[str, str]) -> tuple:
    """Each study figure beside the company's answer: made in advance for a shown choice question
    (looked up), else made here; a context-only figure is listed but never compared."""
    keys = figures.keys
    values = list(map(answers.get, keys))
    lookup = values.copy()
    for i in figures.unsure:
        if values[i].__class__ is list or keys[i] in hidden:
            lookup[i] = _NOT_MADE  # a hidden question's comparison is not made in advance; a list is no key
    found = list(map(dict.get, figures.mades, lookup))
    for i in compress(range(len(found)), map(not_, found)):  # a Comparison is always true
        plan = figures.plans[i]
        found[i] = comparison(plan, values[i], keys[i] not in hidden)
    return tuple(found)


_NOT_MADE = object()


def _governance_gap(bank: Bank, answers: Mapping[str, Any], comparisons: tuple, figures: FigureSet) -> GovernanceGap:
    # Staff using AI on their own ("informal") counts: unmanaged "shadow" AI needs rules most.
    uses_ai = _ai_in_use(bank, answers)
    policy = comparisons[figures.positions[AI_POLICY_FIGURE]].you
    strategy = comparisons[figures.positions[AI_STRATEGY_FIGURE]].you
    return governance_gap(uses_ai, policy, strategy)


def governance_gap(uses_ai: bool, policy: str, strategy: str) -> GovernanceGap:
    """The AI-governance gap from AI in use and the policy and strategy comparisons' statuses (also
    tabled for every combination by the fast path, fast_tables.py)."""
    return build(
        GovernanceGap,
        dict(
            uses_ai=uses_ai,
            has_policy=policy,
            has_strategy=strategy,
            gap=uses_ai and policy != "yes",
            strategy_without_policy=strategy == "yes" and policy != "yes",
        ),
    )


def _ai_in_use(bank: Bank, answers: Mapping[str, Any]) -> bool:
    """AI is in use when the owner says so, or when other answers show it (data put into AI, AI accounts)."""
    if bank.has_question(AI_USE_QUESTION) and answers.get(AI_USE_QUESTION) in AI_USE_VALUES:
        return True
    data = answers.get(AI_DATA_QUESTION) if bank.has_question(AI_DATA_QUESTION) else None
    if isinstance(data, list) and set(data) - AI_DATA_HARMLESS:
        return True
    return bank.has_question(AI_ACCOUNTS_QUESTION) and answers.get(AI_ACCOUNTS_QUESTION) in AI_ACCOUNTS_IN_USE


def _typical_standing(figures: FigureSet, comparisons: tuple[Comparison, ...]) -> TypicalStanding:
    # The compared good practices and the typical SME's share of them are fixed by the study data.
    company = sum([PRACTICE_CREDIT.get(comparisons[i].you, 0.0) for i in figures.practices])
    typical = figures.typical
    if abs(company - typical) < 0.5:
        position = "at"
    else:
        position = "above" if company > typical else "below"
    return build(
        TypicalStanding,
        dict(
            practices_company=company,
            practices_typical=round(typical, 2),
            practices_total=len(figures.practices),
            position=position,
        ),
    )
