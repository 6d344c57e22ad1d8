"""The owner's questionnaire, end: review, submit, results, and the link remembered by the browser."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessments import questionnaire, selectors, services
from assessments.models import ResultSnapshot
from assessments.scoring import SCORING_VERSION
from tests.owner_flow import (
    answer_all,
    figure_question,
    first_required_choice_question,
    html,
    post_step,
    revision,
    section_data,
    step_url,
    stored,
    url,
)

pytestmark = pytest.mark.django_db


# --- Review, submit, results ---------------------------------------------------------------------


def test_review_lists_every_answer_and_what_is_missing(client, owner, bank, ai_answers):
    first = questionnaire.steps(bank, ai_answers)[0]
    post_step(client, owner, bank, first, ai_answers)
    page = html(client.get(url("review", owner)))
    assert first.title.es in page and "Falta responder" in page
    assert "Completar lo que falta" in page and 'name="revision"' not in page


def test_submitting_with_missing_answers_is_refused(client, owner):
    response = client.post(url("submit", owner), {"revision": revision(owner)})
    assert response.status_code == 400
    assert "Faltan respuestas obligatorias" in html(response)
    assert not ResultSnapshot.objects.exists()


def test_submit_freezes_the_snapshot_and_shows_the_results(client, owner, bank, ai_answers):
    answer_all(client, owner, bank, ai_answers)
    review = html(client.get(url("review", owner)))
    assert f'name="revision" value="{revision(owner)}"' in review
    response = client.post(url("submit", owner), {"revision": revision(owner)})
    assert response["Location"] == url("results", owner)
    snapshot = ResultSnapshot.objects.get(assessment__organization__name="Taller Ramírez")
    assert snapshot.bank_version == bank.version and snapshot.scoring_version == SCORING_VERSION
    assert snapshot.benchmarks_version
    assert selectors.assessment_get_by_token(token=owner).status == "submitted"

    page = html(client.get(response["Location"]))
    assert f'<span class="score-number">{snapshot.overall:.0f}</span>' in page
    assert snapshot.result["band"]["es"] in page
    assert page.count("<svg") == 2 and "<script" not in page.split("</head>")[1]
    assert "Usted: sí · PyMEs en el estudio: 49%" in page
    assert "La brecha de reglas para la IA" in page
    for rec in snapshot.result["recommendations"][:3]:
        assert rec["title_es"] in page
    assert f'value="http://testserver/evaluacion/{owner}/"' in page


def test_results_in_english(client, owner, bank, ai_answers):
    answer_all(client, owner, bank, ai_answers)
    services.assessment_submit(assessment=selectors.assessment_get_by_token(token=owner))
    page = html(client.get("/en" + url("results", owner)))
    assert "You: yes · SMEs in the study: 49%" in page
    assert ResultSnapshot.objects.get().result["band"]["en"] in page


def test_results_show_the_ai_governance_gap(client, owner, bank, ai_answers):
    policy = figure_question(bank, "ai_policy")
    answers = {**ai_answers, policy.key: "no"}
    answer_all(client, owner, bank, answers)
    client.post(url("submit", owner), {"revision": revision(owner)})
    page = html(client.get(url("results", owner)))
    assert "usa inteligencia artificial sin una política escrita" in page


def test_results_link_to_the_pdf_report_when_it_exists(client, owner, bank, ai_answers):
    answer_all(client, owner, bank, ai_answers)
    client.post(url("submit", owner), {"revision": revision(owner)})
    page = html(client.get(url("results", owner)))
    report = reverse("reports:owner_report", kwargs={"token": owner})
    assert f'href="{report}"' in page


def test_results_before_submitting_lead_to_the_review(client, owner):
    assert client.get(url("results", owner))["Location"] == url("review", owner)


def test_a_submitted_assessment_cannot_be_edited(client, owner, bank, ai_answers):
    answer_all(client, owner, bank, ai_answers)
    client.post(url("submit", owner), {"revision": revision(owner)})
    sec = bank.sections[0]
    assert client.get(step_url(owner, sec.key))["Location"] == url("results", owner)
    before = stored(owner)
    q = first_required_choice_question(bank, sec)
    changed = {**ai_answers, q.key: next(c.value for c in q.choices if c.value != ai_answers[q.key])}
    response = client.post(step_url(owner, sec.key), section_data(bank, sec, changed, rev=revision(owner)))
    assert response.status_code == 409 and "ya se envió" in html(response)
    assert client.post(url("submit", owner), {"revision": revision(owner)}).status_code == 409
    assert stored(owner) == before and ResultSnapshot.objects.count() == 1


def test_submitting_from_a_stale_review_is_refused(client, owner, bank, ai_answers):
    answer_all(client, owner, bank, ai_answers)
    stale = revision(owner)
    post_step(client, owner, bank, bank.sections[0], ai_answers)  # another tab saves again
    response = client.post(url("submit", owner), {"revision": stale})
    assert response.status_code == 409
    assert "cambiaron en otra pestaña" in html(response)
    assert not ResultSnapshot.objects.exists()


def test_the_browser_remembers_the_link_in_a_signed_httponly_cookie_not_on_the_server(client, owner):
    cookie = client.cookies["ciberlisto_resume"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert owner not in str(dict(client.session))  # the server keeps only the token's hash
    assert "Continuar" in html(client.get("/"))


def test_a_tampered_remember_cookie_is_ignored(client, owner):
    client.cookies["ciberlisto_resume"] = owner  # unsigned: someone typed a guess into the cookie
    page = html(client.get("/"))
    assert owner not in page


def test_a_remembered_link_that_expired_is_forgotten(client, owner):
    from datetime import timedelta

    from django.utils import timezone

    from assessments.models import Assessment

    Assessment.objects.update(token_expires_at=timezone.now() - timedelta(days=1))
    response = client.get("/")
    assert owner not in html(response)
    assert response.cookies["ciberlisto_resume"].value == ""  # deleted
