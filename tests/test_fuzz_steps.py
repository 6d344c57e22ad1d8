"""Fuzz: random and hostile posts to every questionnaire step, the autosave endpoint and the quick check.

Hypothesis builds a real step post (valid answers for the step, as the page sends them) and then spoils
it: wrong types, huge strings, unicode (bidi overrides, NUL, emoji), unknown keys, missing fields,
lists where one value is expected, a wrong or garbled revision, a wrong step. Whatever arrives:
- never a 500 (the test client re-raises any exception a view lets escape);
- bad input gets a 4xx with a message (the page again with its error summary, or JSON with `message`);
- nothing saved before is lost or changed by a refused post (answers and revision compared in the DB);
- an accepted post saves exactly what was posted for the questions that apply, and nothing else.
Runs on SQLite and, with DATABASE_URL, on PostgreSQL; the example counts keep it well under a minute.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments import selectors, services
from assessments.demo_answers import demo_answers
from assessments.forms import UNKNOWN_SUFFIX
from assessments.question_bank.answers import is_visible, normalize_answer
from assessments.question_bank.quick_check import default_quick_check
from assessments.question_bank.types import UNKNOWN, Question
from tests.factories import OrganizationFactory
from tests.scoring.strategies import answer_values

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
HOSTILE_STRINGS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "x" * 100_000,
            "\u202eevil\u202c",
            "\x00",
            "unknown\x00",
            "💥🔥",
            "null",
            "None",
            "[]",
            '{"a": 1}',
            "-1",
            "1e400",
            "NaN",
            "Infinity",
            "9" * 40,
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "UNKNOWN",
            "Sí",
        ]
    ),
)
BAD_REVISIONS = st.one_of(
    st.sampled_from(["", "abc", "-1", "1.5", "1e3", "٣", "9" * 30, "\x00", "0x10"]),
    st.lists(st.text(max_size=5), min_size=2, max_size=3),
)


@pytest.fixture
def owner(bank):
    """A draft with answers already saved: the ones a refused post must leave as they are."""
    assessment, token = services.assessment_start(organization=OrganizationFactory())
    services.assessment_save_answers(assessment=assessment, answers=demo_answers(bank, maturity=0.5, seed=3))
    return token


def state(token: str) -> tuple[dict[str, Any], int]:
    assessment = selectors.assessment_get_by_token(token=token)
    return selectors.assessment_answers(assessment=assessment), assessment.revision


def posted(q: Question, value: Any) -> dict[str, Any]:
    """The form fields a browser sends for answer `value` of `q`."""
    if q.type == "number" and value == UNKNOWN:
        return {q.key + UNKNOWN_SUFFIX: "on"}
    return {q.key: [str(v) for v in value] if isinstance(value, list) else str(value)}


@st.composite
def spoiled_post(draw, bank, questions: tuple[Question, ...], revision: int):
    """(body, expectations): a valid post for `questions`, then spoiled a few ways.

    expectations: "valid" {key: normalized value posted}, "hostile" {keys holding a value no question
    accepts}, "unsure" {keys whose fate depends on details}, "bad_revision" (True when the revision is
    wrong or garbled: nothing may be saved).
    """
    body: dict[str, Any] = {"revision": revision, "nav": draw(st.sampled_from(["next", "back"]))}
    valid, hostile, unsure = {}, set(), set()
    for q in questions:
        if draw(st.integers(0, 9)) == 0:
            continue  # left blank
        value = draw(answer_values(q))
        body.update(posted(q, value))
        valid[q.key] = normalize_answer(q, value)
    bad_revision = False
    keys = [q.key for q in questions]
    for _ in range(draw(st.integers(0, 3))):
        how = draw(st.sampled_from(["value", "list", "unknown_key", "missing", "revision", "nav", "unknown_box"]))
        key = draw(st.sampled_from(keys))
        question = next(q for q in questions if q.key == key)
        if how == "value":
            value = draw(HOSTILE_STRINGS.filter(lambda v, q=question: not _acceptable(q, v)))
            body[key] = value
            valid.pop(key, None)
            hostile.add(key)
        elif how == "list":
            body[key] = draw(st.lists(HOSTILE_STRINGS, min_size=2, max_size=4))
            valid.pop(key, None)
            unsure.add(key)
        elif how == "unknown_key":
            body[draw(st.text(min_size=1, max_size=20))] = draw(st.one_of(HOSTILE_STRINGS, st.lists(HOSTILE_STRINGS)))
        elif how == "missing":
            body.pop(key, None)
            body.pop(key + UNKNOWN_SUFFIX, None)
            valid.pop(key, None)
            unsure.add(key)
        elif how == "revision":
            body["revision"] = draw(st.one_of(BAD_REVISIONS, st.sampled_from([revision - 1, revision + 1, -5, 10**30])))
            bad_revision = True
        elif how == "nav":
            body["nav"] = draw(HOSTILE_STRINGS)
        else:
            body[key + UNKNOWN_SUFFIX] = draw(HOSTILE_STRINGS)
            valid.pop(key, None)
            unsure.add(key)
    if draw(st.booleans()) and "revision" in body and not bad_revision:
        if draw(st.integers(0, 5)) == 0:
            del body["revision"]
            bad_revision = True
    hostile -= unsure
    return body, {"valid": valid, "hostile": hostile, "unsure": unsure, "bad_revision": bad_revision}


def _acceptable(q: Question, value: str) -> bool:
    """Whether some form field could read `value` as a valid answer to `q`, or as a blank (a cleared
    answer): then it is no hostile value."""
    if not value.strip():
        return True
    if q.type in ("number", "scale"):
        try:
            number = int(value.strip())
        except ValueError:
            return False
        return q.minimum <= number <= q.maximum
    return value.strip() in {*(c.value for c in q.choices), *([UNKNOWN] if q.unknown else [])}


def check_refused(response, before, after, *, json: bool = False) -> None:
    """A refused post: a 4xx with a message, and the saved answers and revision exactly as before."""
    assert 400 <= response.status_code < 500, response.status_code
    assert after == before, "a refused post changed what was saved"
    if json:
        assert response.json()["message"]
    elif response.status_code == 400:
        page = response.content.decode()
        assert "alert-danger" in page or "invalid-feedback" in page, "400 without a message on the page"
    elif response.status_code == 409:
        assert 'role="alert"' in response.content.decode()


def check_saved(bank, questions, expect, before, after) -> None:
    """An accepted post: one more revision; what applies saved as posted; nothing else touched."""
    (old, old_revision), (new, new_revision) = before, after
    assert new_revision == old_revision + 1
    assert not expect["bad_revision"], "a post with a wrong or garbled revision was saved"
    mine = {q.key for q in questions}
    for key in (set(old) | set(new)) - mine:
        assert new.get(key) == old.get(key), f"{key} is outside the step and changed"
    for q in questions:
        shown = is_visible(bank, q, new)
        if not shown:
            assert new.get(q.key) == old.get(q.key), f"hidden {q.key} changed"
        elif q.key in expect["hostile"]:
            pytest.fail(f"{q.key} applies and held an invalid value, yet the post was accepted")
        elif q.key in expect["valid"]:
            assert new.get(q.key) == expect["valid"][q.key], q.key


def post_and_check(client, bank, token, url, questions, body, expect) -> None:
    cache.clear()  # rate-limit counters: every example is a fresh visitor
    before = state(token)
    response = client.post(url, body)
    after = state(token)
    if response.status_code == 302:
        check_saved(bank, questions, expect, before, after)
    else:
        check_refused(response, before, after)


@given(draw=st.data())
@FUZZ
def test_every_step_survives_hostile_posts(client, bank, owner, draw):
    section = draw.draw(st.sampled_from(bank.sections))
    body, expect = draw.draw(spoiled_post(bank, section.questions, state(owner)[1]))
    url = reverse("assessments:step", kwargs={"token": owner, "section_key": section.key})
    post_and_check(client, bank, owner, url, section.questions, body, expect)


@given(draw=st.data())
@settings(FUZZ, max_examples=8)
def test_an_unknown_step_is_a_404_and_saves_nothing(client, bank, owner, draw):
    key = draw.draw(st.from_regex(r"[a-z0-9_-]{1,40}", fullmatch=True).filter(lambda k: k not in _section_keys(bank)))
    section = draw.draw(st.sampled_from(bank.sections))
    body, _expect = draw.draw(spoiled_post(bank, section.questions, state(owner)[1]))
    before = state(owner)
    response = client.post(reverse("assessments:step", kwargs={"token": owner, "section_key": key}), body)
    assert response.status_code == 404
    assert state(owner) == before


def _section_keys(bank) -> set[str]:
    return {s.key for s in bank.sections}


@given(draw=st.data())
@FUZZ
def test_autosave_survives_hostile_posts(client, bank, owner, draw):
    section = draw.draw(st.sampled_from(bank.sections))
    body, expect = draw.draw(spoiled_post(bank, section.questions, state(owner)[1]))
    keys = [q.key for q in section.questions]
    named = draw.draw(st.lists(st.one_of(st.sampled_from(keys), st.text(max_size=10)), max_size=4))
    body["autosave"] = named
    cache.clear()
    before = state(owner)
    response = client.post(
        reverse("assessments:step_autosave", kwargs={"token": owner, "section_key": section.key}), body
    )
    after = state(owner)
    if response.status_code != 200:
        check_refused(response, before, after, json=True)
        return
    saved = response.json()["saved"]
    (old, old_revision), (new, new_revision) = before, after
    assert set(saved) <= set(named) & set(keys)
    assert response.json()["revision"] == new_revision == old_revision + (1 if saved else 0)
    if saved:
        assert not expect["bad_revision"], "an autosave with a wrong or garbled revision was saved"
    for key in (set(old) | set(new)) - set(saved):
        assert new.get(key) == old.get(key), f"{key} was not named for saving and changed"
    for key in saved:
        assert key not in expect["hostile"], f"{key} held an invalid value, yet it was saved"
        if key in expect["valid"]:
            assert new.get(key) == expect["valid"][key]


@given(draw=st.data())
@FUZZ
def test_the_quick_check_pages_survive_hostile_posts(client, bank, owner, draw):
    pages = default_quick_check().pages
    number = draw.draw(
        st.sampled_from([0, 1, 2, 3, 99]) if draw.draw(st.integers(0, 4)) == 0 else st.sampled_from([1, 2])
    )
    questions = tuple(bank.question(k) for k in pages[min(max(number, 1), len(pages)) - 1].questions)
    body, expect = draw.draw(spoiled_post(bank, questions, state(owner)[1]))
    url = reverse("assessments:quick_page", kwargs={"token": owner, "page": number})
    if not 1 <= number <= len(pages):
        before = state(owner)
        assert client.post(url, body).status_code == 404
        assert state(owner) == before
        return
    post_and_check(client, bank, owner, url, questions, body, expect)
