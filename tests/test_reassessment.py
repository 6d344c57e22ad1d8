"""Re-assessment: a consultant starts it from the last submitted answers; the owner confirms or changes
each step, and the review shows what changed."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import questionnaire, selectors, services
from assessments.demo_answers import demo_answers
from assessments.models import Answer, Assessment, ResultSnapshot, StepConfirmation
from assessments.question_bank.answers import answer_text, answers_valid_for
from tests.factories import OrganizationFactory, submit_assessment
from tests.owner_flow import post_step, section_data, step_url, url

pytestmark = pytest.mark.django_db

FIRST_DATE = datetime(2025, 6, 2, 17, 0, tzinfo=timezone.get_fixed_timezone(0))


submitted = submit_assessment


@pytest.fixture
def company(firm):
    return OrganizationFactory(firm=firm, name="Panadería La Espiga")


@pytest.fixture
def earlier(company, sample_answers):
    return submitted(company, sample_answers, when=FIRST_DATE)


@pytest.fixture
def followup(earlier, company):
    """(re-assessment, token), started by the service."""
    return services.assessment_start_followup(organization=company)


def start_url(organization) -> str:
    return reverse("consultants:reassessment_start", kwargs={"org_id": organization.pk})


def drafts(organization):
    return Assessment.objects.filter(organization=organization, status=Assessment.Status.DRAFT)


def changed_answer(bank, answers):
    """(section, question, new value): a single-choice answer of a step that applies, changed."""
    for section in questionnaire.steps(bank, answers):
        for q in questionnaire.visible_in_section(bank, section, answers):
            if q.type in ("single", "yesno") and not any(
                c.condition and c.condition.question == q.key for c in bank.questions
            ):
                other = next((v for v in q.choice_values() if v != answers.get(q.key)), None)
                if other is not None and q.key in answers:
                    return section, q, other
    raise AssertionError("no changeable question in the bank")


# ---- Starting a re-assessment ---------------------------------------------------------------------


def test_start_creates_a_draft_prefilled_with_the_last_submitted_answers(consultant_client, company, earlier, bank):
    later_answers = demo_answers(bank, maturity=0.8, seed=3)
    latest = submitted(company, later_answers, when=FIRST_DATE + timedelta(days=90))

    response = consultant_client.post(start_url(company))

    assert response.status_code == 302
    assert response["Location"] == reverse("consultants:client_detail", kwargs={"org_id": company.pk})
    draft = drafts(company).get()
    assert draft.previous == latest
    assert selectors.assessment_answers(assessment=draft) == answers_valid_for(bank, later_answers)
    assert draft.revision == 0 and draft.language == latest.language


def test_only_answers_that_fit_the_current_bank_are_copied(company, earlier, bank):
    Answer.objects.create(assessment=earlier, question_key="retired_question", value="yes")
    single = next(q for q in bank.questions if q.type == "single" and q.key in earlier.snapshot.answers)
    Answer.objects.filter(assessment=earlier, question_key=single.key).update(value="a-choice-that-went-away")

    draft, _token = services.assessment_start_followup(organization=company)

    copied = selectors.assessment_answers(assessment=draft)
    assert "retired_question" not in copied and single.key not in copied
    assert len(copied) == len(selectors.assessment_answers(assessment=earlier)) - 2


def test_the_previous_assessment_and_its_answers_are_kept(followup, earlier, sample_answers, client, bank):
    draft, token = followup
    before_snapshot = ResultSnapshot.objects.get(assessment=earlier)
    section, question, other = changed_answer(bank, sample_answers)
    post_step(client, token, bank, section, {**sample_answers, question.key: other})

    earlier.refresh_from_db()
    assert earlier.is_submitted and earlier.submitted_at == FIRST_DATE
    assert selectors.assessment_answers(assessment=earlier) == sample_answers
    assert ResultSnapshot.objects.get(assessment=earlier).content_hash == before_snapshot.content_hash
    assert selectors.assessment_answers(assessment=draft)[question.key] == other


def test_one_draft_at_a_time(consultant_client, company, earlier):
    consultant_client.post(start_url(company))
    response = consultant_client.post(start_url(company), follow=False)

    assert response.status_code == 302
    assert drafts(company).count() == 1
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("ya tiene una evaluación en curso" in m for m in messages)


def test_a_draft_made_for_an_invitation_also_blocks_a_second_one(company, earlier):
    invited_draft, _token = services.assessment_start(organization=company)
    with pytest.raises(services.FollowupDraftExists) as error:
        services.assessment_start_followup(organization=company)
    assert error.value.draft == invited_draft
    assert drafts(company).count() == 1


def test_refused_without_a_submitted_assessment(consultant_client, firm):
    company = OrganizationFactory(firm=firm)

    response = consultant_client.post(start_url(company))

    assert response.status_code == 400
    assert "todavía no tiene una evaluación enviada" in response.content.decode()
    assert not Assessment.objects.filter(organization=company).exists()


def test_another_firms_company_is_404(client, other_firm_consultant, company, earlier):
    client.force_login(other_firm_consultant)
    assert client.post(start_url(company)).status_code == 404
    assert not drafts(company).exists()


def test_a_company_without_a_firm_is_404(consultant_client, sample_answers):
    alone = OrganizationFactory(firm=None)
    submitted(alone, sample_answers)
    assert consultant_client.post(start_url(alone)).status_code == 404
    assert not drafts(alone).exists()


def test_anonymous_visitors_go_to_the_login_page(client, company, earlier):
    response = client.post(start_url(company))
    assert response.status_code == 302
    assert reverse("consultants:login") in response["Location"] or "/cuentas/" in response["Location"]
    assert not drafts(company).exists()


def test_get_is_not_allowed(consultant_client, company, earlier):
    assert consultant_client.get(start_url(company)).status_code == 405
    assert not drafts(company).exists()


# ---- The owner confirms or changes each step ---------------------------------------------------


def _checked_values(html: str, name: str) -> set[str]:
    values = set()
    for tag in re.findall(r"<input[^>]*>", html):
        if f'name="{name}"' in tag and re.search(r"\schecked\b", tag):
            values.add(re.search(r'value="([^"]*)"', tag).group(1))
    return values


def test_a_step_shows_the_previous_answers_selected_with_a_notice(client, followup, sample_answers, bank):
    _draft, token = followup
    section = questionnaire.steps(bank, sample_answers)[1]
    question = next(
        q
        for q in questionnaire.visible_in_section(bank, section, sample_answers)
        if q.type in ("single", "yesno") and q.key in sample_answers
    )

    html = client.get(step_url(token, section.key)).content.decode()

    assert "estas respuestas vienen de su evaluación del 2 de junio de 2025" in html.lower()
    assert "confírmelas o cámbielas" in html
    assert _checked_values(html, question.key) == {sample_answers[question.key]}


def test_a_first_assessment_has_no_notice(client, started, bank):
    _assessment, token = started
    html = client.get(step_url(token, bank.sections[0].key)).content.decode()
    assert "Estas respuestas vienen de su evaluación" not in html


def test_saving_a_step_confirms_it_once(client, followup, sample_answers, bank):
    draft, token = followup
    section = questionnaire.steps(bank, sample_answers)[0]

    assert post_step(client, token, bank, section, sample_answers).status_code == 302
    assert post_step(client, token, bank, section, sample_answers).status_code == 302

    assert list(StepConfirmation.objects.filter(assessment=draft).values_list("section_key", flat=True)) == [
        section.key
    ]


def test_a_stale_tab_is_refused_and_confirms_nothing(client, followup, sample_answers, bank):
    draft, token = followup
    section = questionnaire.steps(bank, sample_answers)[0]
    stale = section_data(bank, section, sample_answers, rev=draft.revision)
    post_step(client, token, bank, section, sample_answers)  # another tab saves first
    StepConfirmation.objects.all().delete()

    response = client.post(step_url(token, section.key), stale)

    assert response.status_code == 409
    assert not StepConfirmation.objects.exists()


def test_the_review_lists_the_steps_not_yet_confirmed(client, followup, sample_answers, bank):
    _draft, token = followup
    first, *others = questionnaire.steps(bank, sample_answers)
    post_step(client, token, bank, first, sample_answers)

    response = client.get(url("review", token))

    unconfirmed = [s["key"] for s in response.context["unconfirmed"]]
    assert unconfirmed == [s.key for s in others]
    html = response.content.decode()
    assert "Todavía no ha confirmado estos pasos" in html
    assert step_url(token, others[0].key) in html


def test_the_review_shows_each_changed_answer_with_the_previous_one(client, followup, sample_answers, bank):
    _draft, token = followup
    section, question, other = changed_answer(bank, sample_answers)
    post_step(client, token, bank, section, {**sample_answers, question.key: other})

    response = client.get(url("review", token))

    assert response.context["changes_count"] == 1
    html = response.content.decode()
    assert "cambió 1 respuesta desde su evaluación del 2 de junio de 2025." in html.lower()
    row = next(r for s in response.context["sections"] for r in s["questions"] if r["key"] == question.key)
    assert row["changed"] and row["answer"] == answer_text(question, other, "es-mx")
    assert row["previous_answer"] == answer_text(question, sample_answers[question.key], "es-mx")
    assert f"Antes: {row['previous_answer']}" in html


def test_an_unchanged_reassessment_says_so(client, followup):
    _draft, token = followup
    response = client.get(url("review", token))
    assert response.context["changes_count"] == 0
    assert "sus respuestas son las mismas de su evaluación del 2 de junio de 2025." in response.content.decode().lower()


def test_a_first_assessment_review_has_no_comparison(client, started, sample_answers):
    assessment, token = started
    services.assessment_save_answers(assessment=assessment, answers=sample_answers)
    response = client.get(url("review", token))
    assert response.context["is_followup"] is False and response.context["unconfirmed"] == []
    assert "Cambió" not in response.content.decode()


def test_a_reassessment_submits_as_usual(client, followup, sample_answers, bank):
    draft, token = followup
    response = client.post(url("submit", token), {"revision": draft.revision})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_submitted and draft.snapshot.answers == answers_valid_for(bank, sample_answers)


# ---- The review's comparison, as a pure function ----------------------------------------------


def test_review_marks_only_changed_answers(bank, sample_answers):
    section, question, other = changed_answer(bank, sample_answers)
    now = {**sample_answers, question.key: other}

    sections = questionnaire.review(bank, now, "es", previous=sample_answers, confirmed={section.key})

    changed = [r["key"] for s in sections for r in s["questions"] if r["changed"]]
    assert changed == [question.key]
    assert questionnaire.changes_count(sections) == 1
    assert [s["key"] for s in questionnaire.unconfirmed_steps(sections)] == [
        s["key"] for s in sections if s["key"] != section.key
    ]


def test_review_marks_a_cleared_answer_as_changed(bank, sample_answers):
    optional = next(
        (q for q in bank.questions if not q.required and q.key in sample_answers and q.condition is None), None
    )
    if optional is None:
        pytest.skip("the bank has no optional question")
    now = {k: v for k, v in sample_answers.items() if k != optional.key}
    row = next(
        r
        for s in questionnaire.review(bank, now, "es", previous=sample_answers)
        for r in s["questions"]
        if r["key"] == optional.key
    )
    assert row["changed"] and row["answer"] == "" and row["previous_answer"]


def test_review_without_previous_marks_nothing(bank, sample_answers):
    sections = questionnaire.review(bank, sample_answers, "es")
    assert questionnaire.changes_count(sections) == 0
    assert questionnaire.unconfirmed_steps(sections) == []


def test_the_owners_link_resumes_at_the_first_step_not_yet_confirmed(client, followup, sample_answers, bank):
    _draft, token = followup
    first, second, *_rest = questionnaire.steps(bank, sample_answers)
    # First visit: a welcome that says the answers of last time are already there.
    welcome = client.get(url("resume", token))
    assert welcome.status_code == 200 and "confírmelas o cámbielas" in welcome.content.decode()
    # Every answer is there, but the owner has confirmed nothing yet: the first step, not the review.
    assert client.get(url("resume", token) + "?empezar=1")["Location"] == step_url(token, first.key)
    post_step(client, token, bank, first, sample_answers)
    assert client.get(url("resume", token))["Location"] == step_url(token, second.key)
    for section in questionnaire.steps(bank, sample_answers)[1:]:
        post_step(client, token, bank, section, sample_answers)
    assert client.get(url("resume", token))["Location"] == url("review", token)
