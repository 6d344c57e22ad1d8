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
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessments.benchmarks.types import Benchmarks
from assessments.question_bank.answers import is_visible, normalize_answers, visible_questions
from assessments.question_bank.types import UNKNOWN, Bank, Question
from assessments.scoring.bands import CRITICAL_CAP_KEY, band_by_key, band_for, band_level
from assessments.scoring.plan import schedule
from assessments.scoring.result import (
    BandCap,
    CapReason,
    Comparison,
    Counts,
    DomainScore,
    GovernanceGap,
    NotApplicable,
    QuestionOutcome,
    RecommendationOutcome,
    Result,
    ToVerify,
    TriggeredBy,
    TypicalStanding,
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
PRACTICE_KIND = "practice"
# A critical control at its worst answer puts its action first in the plan.
CRITICAL_PRIORITY_BONUS = 3.0


def score_assessment(*, bank: Bank, answers: Mapping[str, Any], benchmarks: Benchmarks) -> Result:
    answers = normalize_answers(bank, answers)
    visible = visible_questions(bank, answers)
    visible_keys = {q.key for q in visible}
    outcomes = tuple(_outcome(q, answers) for q in visible if q.scored)
    by_key = {o.key: o for o in outcomes}
    domains = _domain_scores(bank, outcomes)
    overall = round(_weighted_mean([(d.score, d.weight) for d in domains if _counts_in_overall(d, outcomes)]), 1)
    band, band_cap = _band(bank, overall, by_key, answers)
    comparisons = tuple(_comparisons(bank, benchmarks, answers, visible_keys))
    unanswered = tuple(q.key for q in visible if q.key not in answers)
    recommendations, action_plan = schedule(_recommendations(bank, answers, by_key))
    return Result(
        overall=overall,
        band=band,
        domains=domains,
        questions=outcomes,
        comparisons=comparisons,
        governance_gap=_governance_gap(bank, answers, comparisons),
        typical_sme=_typical_standing(comparisons, benchmarks),
        recommendations=recommendations,
        unanswered=unanswered,
        complete=not unanswered,
        bank_version=bank.version,
        benchmarks_version=benchmarks.version,
        band_cap=band_cap,
        counts=_counts(visible, answers),
        to_verify=_to_verify(bank, visible, answers),
        not_applicable=_not_applicable(bank, answers),
        action_plan=action_plan,
        self_rating_gap=self_rating_gap(bank, answers, band),
    )


def _outcome(q: Question, answers: Mapping[str, Any]) -> QuestionOutcome:
    if q.key not in answers:
        status = "unanswered"
    elif answers[q.key] == UNKNOWN:
        status = "unknown"
    else:
        status = "answered"
    score = q.score(answers[q.key]) if status == "answered" else 0.0
    return QuestionOutcome(key=q.key, domain=q.domain, weight=q.weight, score=score, status=status)


def _weighted_mean(pairs: list[tuple[float, float]]) -> float:
    total = sum(w for _, w in pairs)
    return sum(s * w for s, w in pairs) / total if total else 0.0


def _counts_in_overall(domain: DomainScore, outcomes: tuple[QuestionOutcome, ...]) -> bool:
    """A domain counts when it has questions with weight (a weight-0 question alone scores nothing)."""
    return any(o.domain == domain.domain and o.weight > 0 for o in outcomes)


def _domain_scores(bank: Bank, outcomes: tuple[QuestionOutcome, ...]) -> tuple[DomainScore, ...]:
    scores = []
    for domain in bank.domains:
        mine = [o for o in outcomes if o.domain == domain.key]
        value = 100 * _weighted_mean([(o.score, o.weight) for o in mine])
        scores.append(
            DomainScore(
                domain=domain.key,
                title_es=domain.title.es,
                title_en=domain.title.en,
                score=round(value, 1),
                answered=sum(o.status != "unanswered" for o in mine),
                applicable=len(mine),
                weight=domain.weight,
                unknown=sum(o.status == "unknown" for o in mine),
            )
        )
    return tuple(scores)


def _band(bank: Bank, overall: float, outcomes: dict[str, QuestionOutcome], answers: Mapping[str, Any]):
    """The band of the overall index, capped while a critical control scores 0.

    Monotone: a better answer can only raise the index or lift a critical control off 0.
    """
    uncapped = band_for(overall)
    reasons = tuple(
        CapReason(question=q.key, answer=answers.get(q.key), status=outcomes[q.key].status, text=q.critical)
        for q in bank.questions
        if q.critical is not None and q.key in outcomes and outcomes[q.key].score <= 0
    )
    cap = band_by_key(CRITICAL_CAP_KEY)
    if not reasons or band_level(uncapped) <= band_level(cap):
        return uncapped, None
    return cap, BandCap(band=cap, uncapped=uncapped, reasons=reasons)


def _counts(visible: list[Question], answers: Mapping[str, Any]) -> Counts:
    unknown = sum(answers.get(q.key) == UNKNOWN for q in visible)
    unanswered = sum(q.key not in answers for q in visible)
    return Counts(
        questions=len(visible),
        answered=len(visible) - unknown - unanswered,
        unknown=unknown,
        unanswered=unanswered,
    )


def _to_verify(bank: Bank, visible: list[Question], answers: Mapping[str, Any]) -> tuple[ToVerify, ...]:
    """Every "No sé" as something to find out, with who can answer it; heaviest first."""
    items = [
        ToVerify(
            question=q.key,
            domain=q.domain,
            weight=q.weight,
            text=q.text,
            who=tuple({"key": k, "es": bank.contacts[k].es, "en": bank.contacts[k].en} for k in q.who_knows),
        )
        for q in visible
        if answers.get(q.key) == UNKNOWN
    ]
    return tuple(sorted(items, key=lambda item: -item.weight))  # stable: bank order within a weight


def _not_applicable(bank: Bank, answers: Mapping[str, Any]) -> tuple[NotApplicable, ...]:
    hidden = []
    for q in bank.questions:
        if is_visible(bank, q, answers):
            continue
        reason = _hiding_condition(bank, q, answers).reason
        hidden.append(NotApplicable(question=q.key, text=q.text, reason=reason or q.condition.reason))
    return tuple(hidden)


def _hiding_condition(bank: Bank, q: Question, answers: Mapping[str, Any]):
    """The condition that hides `q`: its own, or the first hidden ancestor's."""
    parent = bank.question(q.condition.question)
    if parent.condition is not None and not is_visible(bank, parent, answers):
        return _hiding_condition(bank, parent, answers)
    return q.condition


def _comparisons(bank: Bank, benchmarks: Benchmarks, answers: Mapping[str, Any], visible: set[str]):
    """One comparison per study figure; a context-only figure is listed but never compared."""
    for figure in benchmarks.figures:
        question = next((q for q in bank.questions if q.figure and q.figure.key == figure.key), None)
        context = figure.compare != "status" or question is None
        value = None if context else answers.get(question.key)
        yield Comparison(
            figure=figure.key,
            kind=figure.kind,
            study_value=figure.value,
            unit=figure.unit,
            label_es=figure.label.es,
            label_en=figure.label.en,
            question=question.key if question else "",
            answer=value,
            you="not_applicable" if context else _status(question, value, question.key in visible),
            compare="context" if context else "status",
            note=figure.note,
        )


def _status(question: Question, value: Any, visible: bool) -> str:
    if not visible:
        return "no" if question.figure.hidden_means_no else "not_applicable"
    if value is None:
        return "unanswered"
    if value == UNKNOWN:
        return "unknown"
    selected = set(value) if isinstance(value, list) else {value}
    if selected & question.figure.match:
        return "yes"
    if selected & question.figure.partial:
        return "partly"
    return "no"


def _governance_gap(bank: Bank, answers: Mapping[str, Any], comparisons: tuple[Comparison, ...]) -> GovernanceGap:
    by_figure = {c.figure: c for c in comparisons}
    # Staff using AI on their own ("informal") counts: unmanaged "shadow" AI needs rules most.
    uses_ai = _ai_in_use(bank, answers)
    policy = by_figure[AI_POLICY_FIGURE].you
    strategy = by_figure[AI_STRATEGY_FIGURE].you
    return GovernanceGap(
        uses_ai=uses_ai,
        has_policy=policy,
        has_strategy=strategy,
        gap=uses_ai and policy != "yes",
        strategy_without_policy=strategy == "yes" and policy != "yes",
    )


def _ai_in_use(bank: Bank, answers: Mapping[str, Any]) -> bool:
    """AI is in use when the owner says so, or when other answers show it (data put into AI, AI accounts)."""
    if bank.has_question(AI_USE_QUESTION) and answers.get(AI_USE_QUESTION) in AI_USE_VALUES:
        return True
    data = answers.get(AI_DATA_QUESTION) if bank.has_question(AI_DATA_QUESTION) else None
    if isinstance(data, list) and set(data) - AI_DATA_HARMLESS:
        return True
    return bank.has_question(AI_ACCOUNTS_QUESTION) and answers.get(AI_ACCOUNTS_QUESTION) in AI_ACCOUNTS_IN_USE


def _typical_standing(comparisons: tuple[Comparison, ...], benchmarks: Benchmarks) -> TypicalStanding:
    practices = [c for c in comparisons if c.kind == PRACTICE_KIND and c.compare == "status"]
    company = sum({"yes": 1.0, "partly": 0.5}.get(c.you, 0.0) for c in practices)
    typical = sum(benchmarks.figure(c.figure).value / 100 for c in practices)
    if abs(company - typical) < 0.5:
        position = "at"
    else:
        position = "above" if company > typical else "below"
    return TypicalStanding(
        practices_company=company,
        practices_typical=round(typical, 2),
        practices_total=len(practices),
        position=position,
    )


def _recommendations(bank: Bank, answers: Mapping[str, Any], outcomes: dict[str, QuestionOutcome]):
    fired = []
    for rec in bank.recommendations:
        hits = [
            TriggeredBy(question=t.question, answer=answers.get(t.question), score=outcomes[t.question].score)
            for t in rec.triggers
            if t.question in outcomes and outcomes[t.question].score < t.below
        ]
        if not hits:
            continue
        critical = any(bank.question(h.question).critical is not None and h.score <= 0 for h in hits)
        # Impact counts most, then ease, then how heavy the gaps behind it are; a missing critical
        # control goes first.
        gap = max(outcomes[h.question].weight * (1 - h.score) for h in hits)
        priority = rec.impact * (4 - rec.effort) + gap / 5 + (CRITICAL_PRIORITY_BONUS if critical else 0.0)
        fired.append(
            RecommendationOutcome(
                key=rec.key,
                title_es=rec.title.es,
                title_en=rec.title.en,
                text_es=rec.text.es,
                text_en=rec.text.en,
                impact=rec.impact,
                effort=rec.effort,
                horizon=rec.horizon,
                priority=round(priority, 3),
                triggered_by=tuple(hits),
                critical=critical,
                cost_mxn=rec.cost_mxn,
                resources=tuple(
                    {"key": r.key, "name": r.name, "contact": r.contact, "url": r.url} for r in rec.resources
                ),
            )
        )
    return tuple(sorted(fired, key=lambda r: (-r.priority, r.horizon, r.key)))
