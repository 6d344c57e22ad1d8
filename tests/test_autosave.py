"""Save as you go (issue 11): the step's JSON endpoint saves only the answers that changed, with the
same revision check as the step; without it the step-by-step save is unchanged."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from assessments import questionnaire
from tests.owner_flow import revision, section_data, start, step_url, stored, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client):
    return start(client)


def autosave_url(token: str, section_key: str) -> str:
    return url("step_autosave", token, section_key=section_key)


def first_choice_question(section):
    return next(q for q in section.questions if q.required and q.condition is None and q.type in ("single", "yesno"))


def values(q):
    return [c.value for c in q.choices]


def autosave(client, token, section, answers, keys, *, rev=None):
    data = {key: answers[key] for key in keys}
    return client.post(
        autosave_url(token, section.key),
        {**data, "autosave": keys, "revision": revision(token) if rev is None else rev},
    )


def test_one_changed_answer_is_saved_and_the_revision_returned(client, owner, bank):
    section = bank.sections[0]
    q = first_choice_question(section)
    before = revision(owner)

    response = autosave(client, owner, section, {q.key: values(q)[1]}, [q.key])

    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.json() == {"revision": before + 1, "saved": [q.key]}
    assert stored(owner) == {q.key: values(q)[1]}
    assert revision(owner) == before + 1


def test_only_the_named_questions_are_saved(client, owner, bank):
    section = bank.sections[0]
    q = first_choice_question(section)
    other = next(x for x in section.questions if x is not q and x.type in ("single", "yesno") and x.condition is None)
    data = {q.key: values(q)[0], other.key: values(other)[0], "autosave": [q.key], "revision": revision(owner)}

    assert client.post(autosave_url(owner, section.key), data).status_code == 200
    assert set(stored(owner)) == {q.key}


def test_the_final_button_still_works_with_the_revision_the_autosave_returned(client, owner, bank, sample_answers):
    section = bank.sections[0]
    q = first_choice_question(section)
    new_revision = autosave(client, owner, section, sample_answers, [q.key]).json()["revision"]

    response = client.post(step_url(owner, section.key), section_data(bank, section, sample_answers, rev=new_revision))

    assert response.status_code == 302
    assert all(
        stored(owner)[x.key] == sample_answers[x.key]
        for x in questionnaire.visible_in_section(bank, section, sample_answers)
        if x.key in sample_answers
    )


def test_a_stale_revision_is_409_and_overwrites_nothing(client, owner, bank):
    section = bank.sections[0]
    q = first_choice_question(section)
    old = revision(owner)
    autosave(client, owner, section, {q.key: values(q)[0]}, [q.key])  # another tab saved first

    response = autosave(client, owner, section, {q.key: values(q)[1]}, [q.key], rev=old)

    assert response.status_code == 409
    assert "otra pestaña" in response.json()["message"]
    assert stored(owner) == {q.key: values(q)[0]}
    assert revision(owner) == old + 1


def test_an_invalid_value_is_400_and_nothing_is_saved(client, owner, bank):
    section = bank.sections[0]
    q = first_choice_question(section)
    before = revision(owner)

    response = autosave(client, owner, section, {q.key: "not-a-choice"}, [q.key])

    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid" and q.key in body["errors"]
    assert stored(owner) == {} and revision(owner) == before


def test_a_garbled_revision_is_400(client, owner, bank):
    section = bank.sections[0]
    q = first_choice_question(section)
    response = autosave(client, owner, section, {q.key: values(q)[0]}, [q.key], rev="x")
    assert response.status_code == 400 and stored(owner) == {}


def test_a_number_out_of_range_is_400(client, owner, bank):
    q = next(x for x in bank.questions if x.type == "number" and x.maximum is not None and x.condition is None)
    section = questionnaire.section_get(bank, q.section)
    response = autosave(client, owner, section, {q.key: q.maximum + 1}, [q.key])
    assert response.status_code == 400 and q.key not in stored(owner)


def test_a_question_of_another_step_is_ignored(client, owner, bank):
    first, second = bank.sections[0], bank.sections[1]
    q = first_choice_question(second)
    response = autosave(client, owner, first, {q.key: values(q)[0]}, [q.key])
    assert response.status_code == 200 and response.json()["saved"] == [] and stored(owner) == {}


def test_clearing_an_optional_answer_removes_it(client, owner, bank):
    q = next(x for x in bank.questions if x.type == "number" and not x.required and x.condition is None)
    section = questionnaire.section_get(bank, q.section)
    autosave(client, owner, section, {q.key: 3}, [q.key])
    assert stored(owner)[q.key] == 3
    response = autosave(client, owner, section, {q.key: ""}, [q.key])
    assert response.status_code == 200 and q.key not in stored(owner)


def test_a_wrong_token_is_404_and_a_wrong_step_is_404(client, owner, bank):
    section = bank.sections[0]
    q = first_choice_question(section)
    wrong = client.post(autosave_url("x" * 43, section.key), {q.key: values(q)[0], "autosave": [q.key], "revision": 0})
    assert wrong.status_code == 404
    missing = client.post(autosave_url(owner, "no_such_step"), {"autosave": [q.key], "revision": revision(owner)})
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    assert stored(owner) == {}


def test_get_is_not_allowed(client, owner, bank):
    assert client.get(autosave_url(owner, bank.sections[0].key)).status_code == 405


def test_without_the_csrf_token_it_is_403(owner, bank, client):
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies
    section = bank.sections[0]
    q = first_choice_question(section)
    response = strict.post(
        autosave_url(owner, section.key), {q.key: values(q)[0], "autosave": [q.key], "revision": revision(owner)}
    )
    assert response.status_code == 403 and stored(owner) == {}


def test_after_submission_it_is_409(client, owner, bank, sample_answers):
    from assessments import selectors, services

    assessment = selectors.assessment_get_by_token(token=owner)
    services.assessment_save_answers(
        assessment=assessment, answers={k: v for k, v in sample_answers.items() if k in {q.key for q in bank.questions}}
    )
    services.assessment_submit(assessment=assessment)
    section = bank.sections[0]
    q = first_choice_question(section)
    response = autosave(client, owner, section, {q.key: values(q)[0]}, [q.key])
    assert response.status_code == 409


@override_settings(ASSESSMENTS_RATE_LIMITS={"token": (3, 600)})
def test_it_is_rate_limited_like_the_step(client, owner, bank):
    section = bank.sections[0]
    q = first_choice_question(section)
    codes = [autosave(client, owner, section, {q.key: values(q)[0]}, [q.key]).status_code for _ in range(4)]
    assert codes[-1] == 429
