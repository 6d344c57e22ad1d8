"""The scoring engine: (bank, answers, benchmarks) -> Result. Pure Python, deterministic, monotone.

Rules:
- A question's score is 0..1 (see Question.score); "No sé" and unanswered visible questions score 0
  and are reported (`unanswered`, per-question status): a gap, never silently dropped.
- Questions hidden by a condition do not count. Conditions only use unscored questions, so a
  better scored answer can never change which questions count: every score is monotone.
- Domain score = 100 × Σ(weight × score) / Σ(weight) over its visible questions.
- Overall = weighted mean of the domain scores (domain weights) over domains with visible questions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessments.benchmarks.types import Benchmarks
from assessments.question_bank.answers import normalize_answers, visible_questions
from assessments.question_bank.types import UNKNOWN, Bank, Question
from assessments.scoring.bands import band_for
from assessments.scoring.result import (
    Comparison,
    DomainScore,
    GovernanceGap,
    QuestionOutcome,
    RecommendationOutcome,
    Result,
    TriggeredBy,
    TypicalStanding,
)

AI_USE_FIGURE = "ai_integrated"
AI_POLICY_FIGURE = "ai_policy"
AI_STRATEGY_FIGURE = "ai_strategy"
PRACTICE_KIND = "practice"


def score_assessment(*, bank: Bank, answers: Mapping[str, Any], benchmarks: Benchmarks) -> Result:
    answers = normalize_answers(bank, answers)
    visible = visible_questions(bank, answers)
    outcomes = tuple(_outcome(q, answers) for q in visible if q.scored)
    domains = _domain_scores(bank, outcomes)
    overall = _weighted_mean([(d.score, d.weight) for d in domains if d.applicable])
    comparisons = tuple(_comparisons(bank, benchmarks, answers, {q.key for q in visible}))
    unanswered = tuple(q.key for q in visible if q.key not in answers)
    return Result(
        overall=round(overall, 1),
        band=band_for(round(overall, 1)),
        domains=domains,
        questions=outcomes,
        comparisons=comparisons,
        governance_gap=_governance_gap(comparisons),
        typical_sme=_typical_standing(comparisons, benchmarks),
        recommendations=_recommendations(bank, answers, {o.key: o for o in outcomes}),
        unanswered=unanswered,
        complete=not unanswered,
        bank_version=bank.version,
        benchmarks_version=benchmarks.version,
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
            )
        )
    return tuple(scores)


def _comparisons(bank: Bank, benchmarks: Benchmarks, answers: Mapping[str, Any], visible: set[str]):
    """One comparison per study figure, using the first question linked to it."""
    for figure in benchmarks.figures:
        question = next(q for q in bank.questions if q.figure and q.figure.key == figure.key)
        value = answers.get(question.key)
        yield Comparison(
            figure=figure.key,
            kind=figure.kind,
            study_value=figure.value,
            unit=figure.unit,
            label_es=figure.label.es,
            label_en=figure.label.en,
            question=question.key,
            answer=value,
            you=_status(question, value, question.key in visible),
        )


def _status(question: Question, value: Any, visible: bool) -> str:
    if not visible:
        return "not_applicable"
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


def _governance_gap(comparisons: tuple[Comparison, ...]) -> GovernanceGap:
    by_figure = {c.figure: c for c in comparisons}
    # "partly" (only some staff use AI on their own) counts: unmanaged "shadow" AI needs rules most.
    uses_ai = by_figure[AI_USE_FIGURE].you in ("yes", "partly")
    policy = by_figure[AI_POLICY_FIGURE].you
    strategy = by_figure[AI_STRATEGY_FIGURE].you
    return GovernanceGap(
        uses_ai=uses_ai,
        has_policy=policy,
        has_strategy=strategy,
        gap=uses_ai and policy != "yes",
        strategy_without_policy=strategy == "yes" and policy != "yes",
    )


def _typical_standing(comparisons: tuple[Comparison, ...], benchmarks: Benchmarks) -> TypicalStanding:
    practices = [c for c in comparisons if c.kind == PRACTICE_KIND]
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
        # Impact counts most, then ease, then how heavy the gaps behind it are.
        gap = max(outcomes[h.question].weight * (1 - h.score) for h in hits)
        priority = round(rec.impact * (4 - rec.effort) + gap / 5, 3)
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
                priority=priority,
                triggered_by=tuple(hits),
            )
        )
    return tuple(sorted(fired, key=lambda r: (-r.priority, r.horizon, r.key)))
