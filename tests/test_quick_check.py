"""The quick check ("Diagnóstico rápido"): start, two short pages, a preliminary result, carry-over."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from assessments import questionnaire, selectors
from assessments.models import Assessment, Organization
from assessments.question_bank.quick_check import default_quick_check
from assessments.question_bank.types import UNKNOWN
from tests.owner_flow import remembered, revision, stored, url

pytestmark = pytest.mark.django_db

QUICK = default_quick_check()


def html(response) -> str:
    return response.content.decode()


def quick_start(client, *, name="Papelería Luna", email=""):
    response = client.post(reverse("assessments:quick_start"), {"company_name": name, "email": email})
    assert response.status_code == 302, html(response)[:2000]
    token = remembered(client)
    assert response["Location"] == url("quick_page", token, page=1)
    return token


def worst(bank, key):
    q = bank.question(key)
    value = min(q.choices, key=lambda c: c.score or 0).value
    return [value] if q.type == "multi" else value


def best(bank, key):
    q = bank.question(key)
    if q.type == "multi":
        return [max(q.choices, key=lambda c: (c.score or 0) + (1 if c.exclusive else 0)).value]
    return max(q.choices, key=lambda c: c.score or 0).value


def post_page(client, token, page, answers):
    data = {"revision": revision(token)}
    for key in QUICK.pages[page - 1].questions:
        if key in answers:
            data[key] = answers[key]
    return client.post(url("quick_page", token, page=page), data)


def answer_quick(client, token, answers):
    for number in range(1, len(QUICK.pages) + 1):
        response = post_page(client, token, number, answers)
        assert response.status_code == 302, html(response)[:3000]
    return response


@pytest.fixture
def mixed(bank):
    """Good on most controls; no backups (a critical control), no automatic updates, personal AI accounts."""
    answers = {key: best(bank, key) for key in QUICK.questions}
    answers["auto_updates"] = "no"
    answers["backups"] = worst(bank, "backups")
    answers["ai_accounts"] = "personal_free"
    return answers


# --- entry points -------------------------------------------------------------------------------


def test_the_landing_offers_the_quick_check_and_still_the_full_start_form(client):
    page = html(client.get(reverse("assessments:landing")))
    assert f'href="{reverse("assessments:quick_start")}"' in page
    assert "Diagnóstico rápido (5 minutos)" in page
    assert f'action="{reverse("assessments:start")}"' in page  # the full assessment's form is still there
    # Both choices come before the long explanation, so they are on the first phone screen.
    assert page.index("Diagnóstico rápido (5 minutos)") < page.index('class="facts')


def test_the_quick_start_page_reuses_the_start_form(client):
    response = client.get(reverse("assessments:quick_start"))
    assert response.status_code == 200
    page = html(response)
    assert 'name="company_name"' in page and 'name="email"' in page and "preliminar" in page


def test_quick_start_creates_an_ordinary_draft_and_goes_to_the_first_page(client):
    token = quick_start(client)
    assessment = selectors.assessment_get_by_token(token=token)
    assert assessment.status == Assessment.Status.DRAFT and assessment.organization.name == "Papelería Luna"
    page = html(client.get(url("quick_page", token, page=1)))
    for key in QUICK.pages[0].questions:
        assert f'id="q-{key}"' in page
    assert "<fieldset" in page and "<legend" in page and "parte 1 de 2" in page


def test_quick_start_emails_the_resume_link(client):
    token = quick_start(client, email="duena@papeleria.mx")
    assert len(mail.outbox) == 1 and f"/evaluacion/{token}/" in mail.outbox[0].body


def test_quick_start_without_a_name_is_refused_with_a_message(client):
    response = client.post(reverse("assessments:quick_start"), {"company_name": " ", "email": ""})
    assert response.status_code == 400
    assert "Escriba el nombre de su empresa." in html(response) and 'role="alert"' in html(response)
    assert not Organization.objects.exists()


# --- answering ----------------------------------------------------------------------------------


def test_answers_are_saved_as_ordinary_answers_and_lead_to_the_result(client, bank, mixed):
    token = quick_start(client)
    response = answer_quick(client, token, mixed)
    assert response["Location"] == url("quick_result", token)
    saved = stored(token)
    assert set(saved) == set(QUICK.questions)
    assert saved["backups"] == mixed["backups"] and saved["ai_accounts"] == "personal_free"


def test_a_missing_answer_is_refused_with_a_message_and_saves_nothing(client, bank, mixed):
    token = quick_start(client)
    first = QUICK.pages[0].questions
    response = post_page(client, token, 1, {k: v for k, v in mixed.items() if k != first[0]})
    assert response.status_code == 400
    page = html(response)
    assert 'id="resumen-errores"' in page and "Elija una respuesta." in page
    assert stored(token) == {}


def test_a_tampered_choice_is_refused(client, mixed):
    token = quick_start(client)
    key = QUICK.pages[0].questions[0]
    response = post_page(client, token, 1, {**mixed, key: "todo_perfecto"})
    assert response.status_code == 400
    assert "Esa opción no está en la lista" in html(response)
    assert stored(token) == {}


def test_a_stale_tab_is_refused_with_409(client, mixed):
    token = quick_start(client)
    old = revision(token)
    post_page(client, token, 1, mixed)
    data = {"revision": old, **{k: mixed[k] for k in QUICK.pages[0].questions}}
    response = client.post(url("quick_page", token, page=1), data)
    assert response.status_code == 409


def test_the_result_waits_for_every_quick_answer(client, mixed):
    token = quick_start(client)
    post_page(client, token, 1, mixed)
    response = client.get(url("quick_result", token))
    assert response.status_code == 302 and response["Location"] == url("quick_resume", token)
    assert client.get(url("quick_resume", token))["Location"] == url("quick_page", token, page=2)


def test_an_unknown_page_is_404(client):
    token = quick_start(client)
    assert client.get(url("quick_page", token, page=3)).status_code == 404


@pytest.mark.parametrize("name", ["quick_resume", "quick_result"])
def test_a_wrong_token_is_404(client, name):
    assert client.get(url(name, "x" * 43)).status_code == 404
    assert client.get(url("quick_page", "x" * 43, page=1)).status_code == 404


def test_another_company_token_never_shows_these_answers(client, mixed):
    mine = quick_start(client)
    answer_quick(client, mine, mixed)
    client.cookies.clear()
    other = quick_start(client, name="Otra empresa")
    assert client.get(url("quick_result", other)).status_code == 302  # its own, unanswered: back to page 1
    assert stored(other) == {}


# --- the preliminary result ---------------------------------------------------------------------


def test_the_result_is_preliminary_capped_and_lists_three_actions(client, bank, mixed):
    token = quick_start(client)
    answer_quick(client, token, mixed)
    response = client.get(url("quick_result", token))
    assert response.status_code == 200
    page = html(response)
    assert page.count("preliminar") + page.count("Preliminar") >= 3
    assert "Definido" in page and "Nivel limitado por:" in page and "Respaldos de la información" in page
    actions = response.context["actions"]
    assert len(actions) == 3 and actions[0]["critical"]
    for action in actions:
        assert action["title"] in page
    assert "Continuar con la evaluación completa" in page
    assert f'href="{url("resume", token)}"' in page


def test_no_se_answers_are_listed_to_find_out(client, bank, mixed):
    token = quick_start(client)
    answer_quick(client, token, {**mixed, "mfa_email": UNKNOWN})
    page = html(client.get(url("quick_result", token)))
    assert "Por averiguar" in page and bank.question("mfa_email").text.es in page


def test_a_submitted_assessment_leads_to_its_full_results(client, bank, mixed):
    from assessments import services

    token = quick_start(client)
    answer_quick(client, token, mixed)
    services.assessment_submit(assessment=selectors.assessment_get_by_token(token=token))
    assert client.get(url("quick_result", token))["Location"] == url("results", token)
    assert post_page(client, token, 1, mixed).status_code == 409


# --- carry-over into the full questionnaire -----------------------------------------------------


def test_the_full_questionnaire_shows_the_quick_answers_already_filled(client, bank, mixed):
    token = quick_start(client)
    answer_quick(client, token, mixed)
    # "Continuar con la evaluación completa" resumes the full questionnaire at its first step left.
    first = questionnaire.first_incomplete_step(bank, stored(token))
    assert client.get(url("resume", token))["Location"] == url("step", token, section_key=first.key)
    for key, value in mixed.items():
        page = html(client.get(url("step", token, section_key=bank.question(key).section)))
        for one in value if isinstance(value, list) else [value]:
            assert f'name="{key}" value="{one}"' in page
            checked = page.split(f'name="{key}" value="{one}"', 1)[1].split(">", 1)[0]
            assert "checked" in checked, (key, one)
    # Progress of the full questionnaire already counts them.
    assert questionnaire.progress(bank, stored(token)).answered == len(QUICK.questions)
