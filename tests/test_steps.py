"""Shorter pages (issue 11): steps of at most 8 questions, the review page, a re-assessment whose
confirmed steps were renamed, and the step list."""

from __future__ import annotations

import re

import pytest

from assessments import questionnaire
from assessments.models import StepConfirmation
from assessments.question_bank.loader import MAX_SECTION_QUESTIONS
from tests.factories import OrganizationFactory, submit_assessment
from tests.owner_flow import post_step, start, step_url, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client):
    return start(client)


def html(response) -> str:
    return response.content.decode()


def test_no_step_is_longer_than_eight_questions(bank):
    assert max(len(s.questions) for s in bank.sections) <= MAX_SECTION_QUESTIONS == 8
    assert len(bank.sections) == 12


def test_splitting_sections_keeps_every_question_and_its_order(bank):
    """Sections are presentation: the questions, their order and their domains are those of the bank."""
    keys = [q.key for q in bank.questions]
    assert len(keys) == len(set(keys)) == 60
    assert keys.index("mfa_email") < keys.index("efirma_csd_custody") < keys.index("email_spoofing_protection")
    assert {q.section for q in bank.questions if q.domain == "ai_governance"} <= {
        "ai_governance",
        "ai_accountability",
    }
    titles = [(s.title.es, s.title.en) for s in bank.sections]
    assert all(es and en for es, en in titles) and len(set(titles)) == len(titles)


def test_the_review_shows_answers_apart_from_questions_with_an_edit_link_per_step(client, owner, bank, sample_answers):
    first = questionnaire.steps(bank, sample_answers)[0]
    post_step(client, owner, bank, first, sample_answers)

    page = html(client.get(url("review", owner)))

    section = page[page.index(f'id="revisar-{first.key}"') :]
    section = section[: section.index("</section>")]
    assert f'href="{step_url(owner, first.key)}">Editar<span class="visually-hidden">: {first.title.es}' in section
    answered = next(q for q in first.questions if sample_answers.get(q.key) is not None and q.type == "single")
    row = re.search(rf'id="revisar-q-{answered.key}">(.*?)</div>', section, re.S).group(1)
    assert f'<dt class="review-question">{answered.text.es}</dt>' in row
    label = next(c.label.es for c in answered.choices if c.value == sample_answers[answered.key])
    assert re.search(rf'<dd class="review-answer"><strong>{re.escape(label)}</strong>', row)
    # every step that applies is listed, with its own edit link
    for step in questionnaire.steps(bank, {}):
        assert f'id="revisar-{step.key}"' in page


def test_a_reassessment_whose_confirmed_steps_were_renamed_still_works(client, firm, bank, sample_answers):
    """Step keys recorded before the bank split them (e.g. the old 15-question 'protection_access'
    as a whole, or a retired key) are ignored: the owner confirms the new steps."""
    from assessments import services

    company = OrganizationFactory(firm=firm, name="Panadería La Espiga")
    submit_assessment(company, sample_answers)
    draft, token = services.assessment_start_followup(organization=company)
    for old in ("protection_retired", "protection_everything", "profile"):
        StepConfirmation.objects.create(assessment=draft, section_key=old)

    resumed = client.get(url("resume", token) + "?empezar")
    second = questionnaire.steps(bank, sample_answers)[1]
    assert resumed.status_code == 302 and resumed["Location"] == step_url(token, second.key)
    review = client.get(url("review", token))
    assert review.status_code == 200
    unconfirmed = [s["key"] for s in review.context["unconfirmed"]]
    assert "profile" not in unconfirmed and len(unconfirmed) == len(questionnaire.steps(bank, sample_answers)) - 1
    assert client.get(step_url(token, "protection_retired")).status_code == 404


def test_a_step_shows_minutes_left_and_links_to_every_step_reached(client, owner, bank, sample_answers):
    applicable = questionnaire.steps(bank, sample_answers)
    for step in applicable[:2]:
        post_step(client, owner, bank, step, sample_answers)

    page = html(client.get(step_url(owner, applicable[0].key)))

    minutes = questionnaire.minutes_left(bank, questionnaire_answers(owner))
    assert minutes > 0
    count = len(questionnaire.steps(bank, questionnaire_answers(owner)))
    assert f"Paso 1 de {count} · unos {minutes} minutos restantes" in page
    nav = page[page.index('<details class="step-nav') : page.index("</details>")]
    assert "Todos los pasos" in nav
    links = re.findall(r'<a href="([^"]+)"', nav)
    assert links == [step_url(owner, s.key) for s in applicable[:3]]  # two done, the third reached
    assert nav.count('aria-current="step"') == 1
    assert re.search(rf'href="{re.escape(step_url(owner, applicable[0].key))}" aria-current="step"', nav)
    assert url("review", owner) not in nav


def test_the_step_list_offers_the_review_once_every_step_is_done(client, owner, bank, sample_answers):
    from tests.owner_flow import answer_all

    answer_all(client, owner, bank, sample_answers)
    page = html(client.get(step_url(owner, bank.sections[0].key)))
    nav = page[page.index('<details class="step-nav') : page.index("</details>")]
    assert f'href="{url("review", owner)}"' in nav
    assert "Todo respondido" in page


def questionnaire_answers(token):
    from tests.owner_flow import stored

    return stored(token)


def test_reached_steps_and_minutes_left_count_only_questions_that_apply(bank):
    assert questionnaire.reached_steps(bank, {}, bank.sections[0].key) == ([bank.sections[0]], False)
    everything = questionnaire.progress(bank, {})
    assert questionnaire.minutes_left(bank, {}) == -(-everything.applicable * questionnaire.SECONDS_PER_QUESTION // 60)
