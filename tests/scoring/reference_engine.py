"""The scoring engine as it was before its indexes (scoring 2.0.1, Nov 2026): the reference for equivalence.

A straightforward, deliberately unoptimised copy: every lookup scans the bank's sections, choices and the
study's figures, as the engine did before `assessments/scoring/index.py`. It uses no method or helper of
the bank beyond its plain fields, so a bug in the indexes cannot hide here. `test_equivalence.py` checks
that the real engine returns exactly this Result for many answer sets. Change the two only together,
when the scoring method itself changes (and SCORING_VERSION with it). One fix since: a NaN or infinite
number is refused with AnswerError (it raised ValueError/OverflowError from int()).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from assessments.question_bank.answers import AnswerError
from assessments.question_bank.types import UNKNOWN, Bank, Question
from assessments.scoring.actions import CRITICAL_PRIORITY_BONUS
from assessments.scoring.bands import BANDS_ASCENDING, CRITICAL_CAP_KEY, band_for
from assessments.scoring.engine import (
    AI_ACCOUNTS_IN_USE,
    AI_ACCOUNTS_QUESTION,
    AI_DATA_HARMLESS,
    AI_DATA_QUESTION,
    AI_POLICY_FIGURE,
    AI_STRATEGY_FIGURE,
    AI_USE_QUESTION,
    AI_USE_VALUES,
)
from assessments.scoring.index import PRACTICE_KIND
from assessments.scoring.plan import PLAN_LIMITS, PLAN_TITLES
from assessments.scoring.result import (
    BandCap,
    CapReason,
    Comparison,
    Counts,
    DomainScore,
    GovernanceGap,
    NotApplicable,
    PlanHorizon,
    QuestionOutcome,
    RecommendationOutcome,
    Result,
    SelfRatingGap,
    ToVerify,
    TriggeredBy,
    TypicalStanding,
)
from assessments.scoring.self_rating import CLEAR_GAP, SELF_RATING_QUESTION, VERDICTS


# --- the bank, by scanning -------------------------------------------------------------------------
def questions(bank: Bank) -> tuple[Question, ...]:
    return tuple(q for s in bank.sections for q in s.questions)


def question(bank: Bank, key: str) -> Question:
    return next(q for q in questions(bank) if q.key == key)


def has_question(bank: Bank, key: str) -> bool:
    return any(q.key == key for q in questions(bank))


def choice(q: Question, value: str):
    return next((c for c in q.choices if c.value == value), None)


def choice_values(q: Question) -> tuple[str, ...]:
    values = tuple(c.value for c in q.choices)
    return (*values, UNKNOWN) if q.unknown else values


def question_score(q: Question, value: Any) -> float:
    if value == UNKNOWN or not q.scored:
        return 0.0
    if q.type in ("single", "yesno"):
        return float(choice(q, value).score or 0.0)
    if q.type == "multi":
        total = q.base + sum(choice(q, v).score or 0.0 for v in value)
        return min(1.0, max(0.0, total))
    if q.type == "scale":
        return (value - q.minimum) / (q.maximum - q.minimum)
    score = 0.0
    for band in q.score_bands:
        if value >= band.at_least:
            score = band.score
    return score


# --- answers ---------------------------------------------------------------------------------------
def normalize_answer(q: Question, value: Any) -> Any:
    key = q.key
    if value == UNKNOWN:
        if not q.unknown:
            raise AnswerError(key, "'No sé / unknown' is not offered for this question")
        return UNKNOWN
    if q.type in ("single", "yesno"):
        if not isinstance(value, str) or choice(q, value) is None:
            raise AnswerError(key, f"invalid choice {value!r}; expected one of {list(choice_values(q))}")
        return value
    if q.type == "multi":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not value:
            raise AnswerError(key, "expected a non-empty list of choices")
        chosen = set()
        for item in value:
            if not isinstance(item, str) or choice(q, item) is None:
                raise AnswerError(key, f"invalid choice {item!r}; expected some of {list(choice_values(q))}")
            chosen.add(item)
        exclusive = [v for v in chosen if choice(q, v).exclusive]
        if exclusive and len(chosen) > 1:
            raise AnswerError(key, f"'{exclusive[0]}' cannot be combined with other choices")
        return [c.value for c in q.choices if c.value in chosen]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value != int(value):
        raise AnswerError(key, f"expected a whole number, got {value!r}")
    value = int(value)
    if not q.minimum <= value <= q.maximum:
        raise AnswerError(key, f"{value} is outside {q.minimum}..{q.maximum}")
    return value


def normalize_answers(bank: Bank, raw: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise AnswerError("answers", "expected an object mapping question keys to values")
    clean = {}
    for key, value in raw.items():
        if not has_question(bank, key):
            raise AnswerError(str(key), "unknown question key")
        if value is None:
            continue
        clean[key] = normalize_answer(question(bank, key), value)
    return clean


def is_visible(bank: Bank, q: Question, answers: Mapping[str, Any]) -> bool:
    cond = q.condition
    if cond is None:
        return True
    parent = question(bank, cond.question)
    if not is_visible(bank, parent, answers):
        return False
    value = answers.get(cond.question)
    selected = value if isinstance(value, list) else [value]
    return any(v in cond.values for v in selected)


# --- the engine ------------------------------------------------------------------------------------
def score_assessment(*, bank: Bank, answers: Mapping[str, Any], benchmarks) -> Result:
    answers = normalize_answers(bank, answers)
    visible = [q for q in questions(bank) if is_visible(bank, q, answers)]
    visible_keys = {q.key for q in visible}
    outcomes = tuple(_outcome(q, answers) for q in visible if q.scored)
    by_key = {o.key: o for o in outcomes}
    domains = _domain_scores(bank, outcomes)
    overall = round(_weighted_mean([(d.score, d.weight) for d in domains if _counts_in_overall(d, outcomes)]), 1)
    band, band_cap = _band(bank, overall, by_key, answers)
    comparisons = tuple(_comparisons(bank, benchmarks, answers, visible_keys))
    unanswered = tuple(q.key for q in visible if q.key not in answers)
    recommendations, action_plan = _schedule(_recommendations(bank, answers, by_key))
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
        self_rating_gap=_self_rating_gap(bank, answers, band),
    )


def _band_level(band) -> int:
    return next(i for i, b in enumerate(BANDS_ASCENDING) if b.key == band.key)


def _outcome(q: Question, answers: Mapping[str, Any]) -> QuestionOutcome:
    if q.key not in answers:
        status = "unanswered"
    elif answers[q.key] == UNKNOWN:
        status = "unknown"
    else:
        status = "answered"
    score = question_score(q, answers[q.key]) if status == "answered" else 0.0
    return QuestionOutcome(key=q.key, domain=q.domain, weight=q.weight, score=score, status=status)


def _weighted_mean(pairs):
    total = sum(w for _, w in pairs)
    return sum(s * w for s, w in pairs) / total if total else 0.0


def _counts_in_overall(domain, outcomes) -> bool:
    return any(o.domain == domain.domain and o.weight > 0 for o in outcomes)


def _domain_scores(bank: Bank, outcomes):
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


def _band(bank: Bank, overall: float, outcomes, answers):
    uncapped = band_for(overall)
    reasons = tuple(
        CapReason(question=q.key, answer=answers.get(q.key), status=outcomes[q.key].status, text=q.critical)
        for q in questions(bank)
        if q.critical is not None and q.key in outcomes and outcomes[q.key].score <= 0
    )
    cap = next(b for b in BANDS_ASCENDING if b.key == CRITICAL_CAP_KEY)
    if not reasons or _band_level(uncapped) <= _band_level(cap):
        return uncapped, None
    return cap, BandCap(band=cap, uncapped=uncapped, reasons=reasons)


def _counts(visible, answers) -> Counts:
    unknown = sum(answers.get(q.key) == UNKNOWN for q in visible)
    unanswered = sum(q.key not in answers for q in visible)
    return Counts(
        questions=len(visible), answered=len(visible) - unknown - unanswered, unknown=unknown, unanswered=unanswered
    )


def _to_verify(bank: Bank, visible, answers):
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
    return tuple(sorted(items, key=lambda item: -item.weight))


def _not_applicable(bank: Bank, answers):
    hidden = []
    for q in questions(bank):
        if is_visible(bank, q, answers):
            continue
        reason = _hiding_condition(bank, q, answers).reason
        hidden.append(NotApplicable(question=q.key, text=q.text, reason=reason or q.condition.reason))
    return tuple(hidden)


def _hiding_condition(bank: Bank, q: Question, answers):
    parent = question(bank, q.condition.question)
    if parent.condition is not None and not is_visible(bank, parent, answers):
        return _hiding_condition(bank, parent, answers)
    return q.condition


def _comparisons(bank: Bank, benchmarks, answers, visible):
    for figure in benchmarks.figures:
        q = next((q for q in questions(bank) if q.figure and q.figure.key == figure.key), None)
        context = figure.compare != "status" or q is None
        value = None if context else answers.get(q.key)
        yield Comparison(
            figure=figure.key,
            kind=figure.kind,
            study_value=figure.value,
            unit=figure.unit,
            label_es=figure.label.es,
            label_en=figure.label.en,
            question=q.key if q else "",
            answer=value,
            you="not_applicable" if context else _status(q, value, q.key in visible),
            compare="context" if context else "status",
            note=figure.note,
        )


def _status(q: Question, value, visible: bool) -> str:
    if not visible:
        return "no" if q.figure.hidden_means_no else "not_applicable"
    if value is None:
        return "unanswered"
    if value == UNKNOWN:
        return "unknown"
    selected = set(value) if isinstance(value, list) else {value}
    if selected & q.figure.match:
        return "yes"
    if selected & q.figure.partial:
        return "partly"
    return "no"


def _governance_gap(bank: Bank, answers, comparisons) -> GovernanceGap:
    by_figure = {c.figure: c for c in comparisons}
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


def _ai_in_use(bank: Bank, answers) -> bool:
    if has_question(bank, AI_USE_QUESTION) and answers.get(AI_USE_QUESTION) in AI_USE_VALUES:
        return True
    data = answers.get(AI_DATA_QUESTION) if has_question(bank, AI_DATA_QUESTION) else None
    if isinstance(data, list) and set(data) - AI_DATA_HARMLESS:
        return True
    return has_question(bank, AI_ACCOUNTS_QUESTION) and answers.get(AI_ACCOUNTS_QUESTION) in AI_ACCOUNTS_IN_USE


def _typical_standing(comparisons, benchmarks) -> TypicalStanding:
    practices = [c for c in comparisons if c.kind == PRACTICE_KIND and c.compare == "status"]
    company = sum({"yes": 1.0, "partly": 0.5}.get(c.you, 0.0) for c in practices)
    typical = sum(next(f for f in benchmarks.figures if f.key == c.figure).value / 100 for c in practices)
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


def _recommendations(bank: Bank, answers, outcomes):
    fired = []
    for rec in bank.recommendations:
        hits = [
            TriggeredBy(question=t.question, answer=answers.get(t.question), score=outcomes[t.question].score)
            for t in rec.triggers
            if t.question in outcomes and outcomes[t.question].score < t.below
        ]
        if not hits:
            continue
        critical = any(question(bank, h.question).critical is not None and h.score <= 0 for h in hits)
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


def _schedule(recommendations):
    room = dict(PLAN_LIMITS)
    slots: dict[str, int] = {}
    for rec in sorted(recommendations, key=lambda r: not r.critical):
        slot = next(h for h in PLAN_LIMITS if h >= rec.horizon and (room[h] is None or room[h] > 0))
        if room[slot] is not None:
            room[slot] -= 1
        slots[rec.key] = slot
    placed = [replace(rec, plan_horizon=slots[rec.key]) for rec in recommendations]
    plan = tuple(
        PlanHorizon(
            horizon=h,
            title=PLAN_TITLES[h],
            limit=limit,
            actions=tuple(r.key for r in placed if r.plan_horizon == h),
        )
        for h, limit in PLAN_LIMITS.items()
    )
    return tuple(placed), plan


def _self_rating_gap(bank: Bank, answers, band):
    if not has_question(bank, SELF_RATING_QUESTION):
        return None
    q = question(bank, SELF_RATING_QUESTION)
    rating = answers.get(SELF_RATING_QUESTION)
    if not isinstance(rating, int) or q.type != "scale":
        return None
    span = q.maximum - q.minimum
    level = round((rating - q.minimum) * (len(BANDS_ASCENDING) - 1) / span)
    difference = level - _band_level(band)
    if difference >= CLEAR_GAP:
        verdict = "overconfident"
    elif difference <= -CLEAR_GAP:
        verdict = "underconfident"
    else:
        verdict = "aligned"
    return SelfRatingGap(
        question=SELF_RATING_QUESTION,
        rating=rating,
        rating_max=q.maximum,
        rating_band=BANDS_ASCENDING[level],
        band=band,
        difference=difference,
        verdict=verdict,
        text=VERDICTS[verdict],
    )
