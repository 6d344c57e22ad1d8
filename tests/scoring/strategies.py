"""Hypothesis strategies producing valid answer sets for any bank (visible questions only)."""

from __future__ import annotations

from hypothesis import strategies as st

from assessments.question_bank.answers import is_visible
from assessments.question_bank.types import UNKNOWN, Question


def answer_values(q: Question) -> st.SearchStrategy:
    if q.type in ("number", "scale"):
        values = st.integers(min_value=q.minimum, max_value=q.maximum)
    elif q.type == "multi":
        plain = [c.value for c in q.choices if not c.exclusive]
        exclusive = [c.value for c in q.choices if c.exclusive]
        options = [st.lists(st.sampled_from(plain), min_size=1, unique=True)] if plain else []
        options += [st.just([v]) for v in exclusive]
        values = st.one_of(options)
    else:
        values = st.sampled_from([c.value for c in q.choices])
    return st.one_of(values, st.just(UNKNOWN)) if q.unknown else values


@st.composite
def answer_sets(draw, bank, *, answered_share: float | None = None):
    """Answers question by question, honouring conditions; some visible questions left unanswered."""
    answers = {}
    for q in bank.questions:
        if not is_visible(bank, q, answers):
            continue
        skip = draw(st.booleans()) and draw(st.booleans()) if answered_share is None else False
        if not skip:
            answers[q.key] = draw(answer_values(q))
    return answers


def extreme_answers(bank, *, best: bool, profile: dict | None = None) -> dict:
    """Every visible scored question at its best (or worst) value; unscored ones from `profile` or first choice."""
    answers = dict(profile or {})
    for q in bank.questions:
        if q.key in answers or not is_visible(bank, q, answers):
            continue
        answers[q.key] = _extreme(q, best) if q.scored else _neutral(q)
    return answers


def _neutral(q: Question):
    if q.type in ("number", "scale"):
        return q.minimum
    return [q.choices[0].value] if q.type == "multi" else q.choices[0].value


def _extreme(q: Question, best: bool):
    if q.type == "scale":
        return q.maximum if best else q.minimum
    if q.type == "number":
        return q.maximum if best else q.minimum
    if q.type == "multi":
        if best:
            good = [c.value for c in q.choices if (c.score or 0) > 0 and not c.exclusive]
            exclusive_best = max((c for c in q.choices if c.exclusive), key=lambda c: c.score or 0, default=None)
            if good:
                return good
            return [exclusive_best.value] if exclusive_best else [q.choices[0].value]
        bad = [c.value for c in q.choices if (c.score or 0) < 0]
        if bad:
            return bad
        worst = min(q.choices, key=lambda c: c.score or 0)
        return [worst.value]
    ranked = sorted(q.choices, key=lambda c: c.score or 0)
    return (ranked[-1] if best else ranked[0]).value
