"""The owner's questionnaire, one test per behaviour an owner relies on.

Driven by the bank: no question keys are hard-coded except `uses_ai`, the gate of the AI questions.
"""

from __future__ import annotations

import re
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from assessments import questionnaire, selectors, services
from assessments.models import Answer, Assessment, Organization
from assessments.question_bank.answers import is_visible
from tests.owner_flow import (
    answer_all,
    first_required_choice_question,
    html,
    post_step,
    questions_gated_by,
    remembered,
    revision,
    section_data,
    start,
    step_url,
    stored,
    url,
)

pytestmark = pytest.mark.django_db

GATE = "uses_ai"


def section(bank, key):
    return questionnaire.section_get(bank, key)


def gate_section(bank):
    return section(bank, bank.question(GATE).section)


# --- Landing and start -------------------------------------------------------------------------


def test_landing_in_spanish_explains_time_privacy_and_start(client, bank):
    page = html(client.get("/"))
    assert '<html lang="es-mx">' in page
    assert f"{questionnaire.estimate_minutes(bank)} minutos" in page
    assert "privadas" in page
    assert f'action="{reverse("assessments:start")}"' in page
    assert "Empezar la evaluación" in page


def test_landing_in_english(client, bank):
    page = html(client.get("/en/"))
    assert '<html lang="en">' in page
    assert f"{questionnaire.estimate_minutes(bank)} minutes" in page
    assert "private" in page and "Start the assessment" in page


def test_language_switch_keeps_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/en/"
    page = html(client.get("/"))
    assert 'name="language" value="en"' in page and "/i18n/setlang/" in page


def test_pages_load_bootstrap_and_scripts_from_static_never_a_cdn(client):
    page = html(client.get("/"))
    sources = re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', page)
    assert sources and all(s.startswith("/static/") for s in sources)
    assert "bootstrap.min.css" in page
    assert "<script>" not in page  # no inline script (CSP)


def test_start_creates_the_assessment_and_shows_the_secret_resume_link(client, bank):
    response = client.post(reverse("assessments:start"), {"company_name": "Taller Ramírez", "email": ""})
    token = remembered(client)
    assert response["Location"] == url("link", token)
    assert len(token) >= 22  # ≥ 128 bits in URL-safe base64
    assessment = selectors.assessment_get_by_token(token=token)
    assert assessment.organization.name == "Taller Ramírez" and assessment.status == "draft"
    page = html(client.get(response["Location"]))
    assert f'value="http://testserver/evaluacion/{token}/"' in page
    assert f'href="{url("resume", token)}">Comenzar el cuestionario</a>' in page


def test_start_without_company_name_is_refused_next_to_the_field(client):
    response = client.post(reverse("assessments:start"), {"company_name": "  ", "email": ""})
    assert response.status_code == 400
    page = html(response)
    assert 'id="id_company_name_error"' in page and "Escriba el nombre de su empresa." in page
    assert 'aria-invalid="true"' in page and 'role="alert"' in page
    assert not Organization.objects.exists()


def test_start_with_an_invalid_email_is_refused(client):
    response = client.post(reverse("assessments:start"), {"company_name": "Taller", "email": "no-es-correo"})
    assert response.status_code == 400
    assert "Escriba un correo válido" in html(response)
    assert not Assessment.objects.exists()


def test_start_emails_the_resume_link_when_asked(client):
    token = start(client, email="duena@taller.mx")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["duena@taller.mx"]
    assert f"http://testserver/evaluacion/{token}/" in message.body
    assert "Le enviamos el enlace a duena@taller.mx" in html(client.get(url("link", token)))


def test_a_failing_mail_server_does_not_break_the_start(client):
    with mock.patch("assessments.services.send_mail", side_effect=smtplib.SMTPException("down")):
        token = start(client, email="duena@taller.mx")
    page = html(client.get(url("link", token)))
    assert "No pudimos enviar el correo" in page
    assert f"/evaluacion/{token}/" in page


def test_get_on_the_start_url_goes_back_to_the_landing(client):
    response = client.get(reverse("assessments:start"))
    assert response.status_code == 302 and response["Location"] == reverse("assessments:landing")


# --- Resume --------------------------------------------------------------------------------------


def test_landing_offers_to_continue_in_the_same_browser(client, owner):
    page = html(client.get("/"))
    assert "Continuar mi evaluación" in page
    assert url("resume", owner) in page


def test_resume_link_continues_at_the_first_unanswered_step(client, owner, bank, ai_answers):
    first, second = questionnaire.steps(bank, ai_answers)[:2]
    assert client.get(url("resume", owner))["Location"] == step_url(owner, first.key)
    post_step(client, owner, bank, first, ai_answers)
    client.cookies.clear()  # days later, on another device: only the link
    assert client.get(url("resume", owner))["Location"] == step_url(owner, second.key)


def test_resume_link_remembers_the_assessment_in_a_new_browser(client, started):
    _, token = started
    client.get(url("resume", token))
    assert remembered(client) == token


def test_resume_after_the_last_step_goes_to_review_and_after_submit_to_results(client, owner, bank, ai_answers):
    answer_all(client, owner, bank, ai_answers)
    assert client.get(url("resume", owner))["Location"] == url("review", owner)
    services.assessment_submit(assessment=selectors.assessment_get_by_token(token=owner))
    assert client.get(url("resume", owner))["Location"] == url("results", owner)


# --- Steps ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("section_index", range(12))
def test_every_step_renders_fieldsets_with_legends_help_and_no_se(client, owner, bank, ai_answers, section_index):
    sec = bank.sections[section_index]
    Answer.objects.bulk_create(
        Answer(assessment=selectors.assessment_get_by_token(token=owner), question_key=k, value=v)
        for k, v in ai_answers.items()
    )
    response = client.get(step_url(owner, sec.key))
    assert response.status_code == 200
    page = html(response)
    assert f'<h1 class="h2">{sec.title.es}</h1>' in page
    for q in sec.questions:
        if not is_visible(bank, q, ai_answers):
            continue
        block = page[page.index(f'id="div_id_{q.key}"') :]
        block = block[: block.index('<div id="q-')] if '<div id="q-' in block else block
        if q.type == "number" or f'<select name="{q.key}"' in block:  # long lists are drop-downs
            assert re.search(rf'<label\s+for="id_{q.key}"', block)
        else:
            assert "<fieldset" in block and "<legend" in block
        assert q.text.es.replace("'", "&#x27;").replace('"', "&quot;") in block
        if q.help:
            assert f'id="id_{q.key}_helptext"' in block
        assert ('value="unknown"' in block) == q.unknown, q.key
        assert bool(re.search(r">\s*No sé\s*<", block)) == q.unknown


def test_a_step_page_has_a_progress_bar_and_the_step_number(client, owner, bank):
    page = html(client.get(step_url(owner, bank.sections[0].key)))
    progress = questionnaire.progress(bank, {})
    assert f'<progress id="avance" max="{progress.applicable}" value="0">' in page
    assert '<label for="avance"' in page
    assert f"Paso 1 de {len(questionnaire.steps(bank, {}))}" in page


def test_saving_a_step_stores_its_answers_and_goes_to_the_next_step(client, owner, bank, ai_answers):
    first, second = questionnaire.steps(bank, ai_answers)[:2]
    response = post_step(client, owner, bank, first, ai_answers)
    assert response["Location"] == step_url(owner, second.key)
    saved = stored(owner)
    assert saved == {q.key: ai_answers[q.key] for q in first.questions if q.key in ai_answers}
    assert "quedaron guardadas" in html(client.get(response["Location"]))


def test_uses_ai_no_hides_the_ai_detail_questions(client, owner, bank, no_ai_answers):
    gated = questions_gated_by(bank, GATE)
    assert gated, "the bank gates AI detail questions on uses_ai"
    sec = gate_section(bank)
    response = post_step(client, owner, bank, sec, no_ai_answers)
    assert response.status_code == 302
    for key in gated:
        page = html(client.get(step_url(owner, bank.question(key).section)))
        if bank.question(key).section == sec.key:
            wrapper = re.search(rf'<div id="q-{key}"[^>]*>', page).group(0)
            assert "hidden" in wrapper  # in the page for the script, hidden and disabled without it
            assert re.search(rf'name="{key}"[^>]*disabled', page)
        else:
            assert f'name="{key}"' not in page
    assert not set(gated) & set(stored(owner))


def test_uses_ai_yes_shows_the_ai_detail_questions_without_javascript(client, owner, bank, ai_answers):
    sec = gate_section(bank)
    only_gate = {k: v for k, v in ai_answers.items() if not questions_gated_by(bank, GATE).count(k)}
    response = post_step(client, owner, bank, sec, only_gate)
    same_step = step_url(owner, sec.key)
    assert response.status_code == 302 and response["Location"].startswith(same_step + "#q-")
    page = html(client.get(same_step))
    assert "hay más preguntas en este paso" in page
    for key in questions_gated_by(bank, GATE):
        if bank.question(key).section == sec.key:
            assert re.search(rf'<div id="q-{key}"[^>]*>', page).group(0).count("hidden") == 0
    assert stored(owner)[GATE] == ai_answers[GATE]  # the answers given were saved meanwhile


def test_uses_ai_yes_with_the_detail_answers_in_one_post_goes_on(client, owner, bank, ai_answers):
    sec = gate_section(bank)
    response = post_step(client, owner, bank, sec, ai_answers)
    assert response.status_code == 302 and "#" not in response["Location"]
    saved = stored(owner)
    assert all(
        saved[k] == ai_answers[k]
        for k in questions_gated_by(bank, GATE)
        if k in ai_answers and bank.question(k).section == sec.key
    )


def test_answers_posted_for_hidden_questions_are_ignored(client, owner, bank, no_ai_answers, ai_answers):
    sec = gate_section(bank)
    data = section_data(bank, sec, no_ai_answers, rev=revision(owner))
    hidden = [k for k in questions_gated_by(bank, GATE) if bank.question(k).section == sec.key]
    data.update({k: ai_answers[k] for k in hidden if k in ai_answers})
    assert client.post(step_url(owner, sec.key), data).status_code == 302
    assert not set(hidden) & set(stored(owner))


def test_progress_counts_only_the_questions_that_apply(client, owner, bank, no_ai_answers, ai_answers):
    sec = gate_section(bank)
    gated = [bank.question(k) for k in questions_gated_by(bank, GATE)]

    def bar():
        page = html(client.get(step_url(owner, sec.key)))
        return tuple(map(int, re.search(r'<progress id="avance" max="(\d+)" value="(\d+)">', page).groups()))

    post_step(client, owner, bank, sec, no_ai_answers)
    applicable_without_ai, answered = bar()
    assert answered == len([q for q in sec.questions if q.key in stored(owner)])
    post_step(client, owner, bank, sec, ai_answers)
    applicable_with_ai, answered_with_ai = bar()
    assert applicable_with_ai - applicable_without_ai == len([q for q in gated if q.required or q.key in ai_answers])
    assert answered_with_ai == answered + len([q for q in gated if q.section == sec.key and q.key in ai_answers])


def test_back_saves_the_step_and_keeps_every_answer(client, owner, bank, ai_answers):
    first, second = questionnaire.steps(bank, ai_answers)[:2]
    post_step(client, owner, bank, first, ai_answers)
    response = post_step(client, owner, bank, second, ai_answers, nav="back")
    assert response["Location"] == step_url(owner, first.key)
    first_page = html(client.get(step_url(owner, first.key)))
    q = first_required_choice_question(bank, first)
    assert re.search(rf'name="{q.key}" value="{ai_answers[q.key]}"[^>]*checked', first_page)
    second_page = html(client.get(step_url(owner, second.key)))
    q2 = first_required_choice_question(bank, second)
    assert re.search(rf'name="{q2.key}" value="{ai_answers[q2.key]}"[^>]*checked', second_page)


def test_back_with_a_half_answered_step_keeps_what_was_given(client, owner, bank, ai_answers):
    first, second = questionnaire.steps(bank, ai_answers)[:2]
    q = first_required_choice_question(bank, second)
    data = {"revision": revision(owner), "nav": "back", q.key: ai_answers[q.key]}
    response = client.post(step_url(owner, second.key), data)
    assert response.status_code == 302 and response["Location"] == step_url(owner, first.key)
    assert stored(owner) == {q.key: ai_answers[q.key]}
