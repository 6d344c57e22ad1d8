"""The owner's questionnaire, errors: bad answers, stale tabs, wrong or expired links, rate limits."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import questionnaire
from assessments.models import Organization
from tests.owner_flow import (
    first_required_choice_question,
    html,
    post_step,
    revision,
    section_data,
    start,
    step_url,
    stored,
    url,
)

pytestmark = pytest.mark.django_db


def section(bank, key):
    return questionnaire.section_get(bank, key)


# --- Errors --------------------------------------------------------------------------------------


def test_a_tampered_choice_is_refused_next_to_the_field_and_saves_nothing(client, owner, bank, ai_answers):
    sec = bank.sections[0]
    q = first_required_choice_question(bank, sec)
    data = section_data(bank, sec, ai_answers, rev=0)
    data[q.key] = "hackeado"
    response = client.post(step_url(owner, sec.key), data)
    assert response.status_code == 400
    page = html(response)
    field = page[page.index(f'id="div_id_{q.key}"') :]
    assert f'id="id_{q.key}_error"' in field[:8000] and "Esa opción no está en la lista" in field[:8000]
    assert (
        f'aria-describedby="id_{q.key}_helptext id_{q.key}_error"' in page
        or f'aria-describedby="id_{q.key}_error"' in page
    )
    assert 'role="alert"' in page and f'href="#id_{q.key}_0"' in page
    assert page.count("<title>Error:") == 1 or "<title>Error: " in page
    assert stored(owner) == {} and revision(owner) == 0


def test_no_se_cannot_be_combined_with_other_choices(client, owner, bank, ai_answers):
    q = next(q for q in bank.questions if q.type == "multi" and q.unknown and q.condition is None)
    sec = section(bank, q.section)
    data = section_data(bank, sec, ai_answers, rev=0)
    data[q.key] = [q.choices[0].value, "unknown"]
    response = client.post(step_url(owner, sec.key), data)
    assert response.status_code == 400
    assert "«No sé» no se puede combinar con otras opciones." in html(response)
    assert stored(owner) == {}


def test_an_exclusive_choice_cannot_be_combined(client, owner, bank, ai_answers):
    q = next(
        q for q in bank.questions if q.type == "multi" and any(c.exclusive for c in q.choices) and q.condition is None
    )
    sec = section(bank, q.section)
    exclusive = next(c for c in q.choices if c.exclusive)
    other = next(c for c in q.choices if not c.exclusive)
    data = section_data(bank, sec, ai_answers, rev=0)
    data[q.key] = [exclusive.value, other.value]
    response = client.post(step_url(owner, sec.key), data)
    assert response.status_code == 400
    assert f"«{exclusive.label.es}» no se puede combinar" in html(response)


def test_a_number_out_of_range_is_refused(client, owner, bank, ai_answers):
    q = next(q for q in bank.questions if q.type == "number")
    sec = section(bank, q.section)
    data = section_data(bank, sec, ai_answers, rev=0)
    data[q.key] = str(q.maximum + 1)
    response = client.post(step_url(owner, sec.key), data)
    assert response.status_code == 400 and f'id="id_{q.key}_error"' in html(response)
    assert stored(owner) == {}


def test_a_missing_required_answer_is_refused_with_a_clear_message(client, owner, bank, ai_answers):
    sec = bank.sections[0]
    q = first_required_choice_question(bank, sec)
    data = section_data(bank, sec, ai_answers, rev=0)
    del data[q.key]
    response = client.post(step_url(owner, sec.key), data)
    assert response.status_code == 400
    page = html(response)
    assert f'id="id_{q.key}_error"' in page and "Elija una respuesta." in page
    assert stored(owner) == {}


def test_an_optional_question_may_stay_blank(client, owner, bank, ai_answers):
    q = next(q for q in bank.questions if not q.required and q.condition is None)
    sec = section(bank, q.section)
    data = section_data(bank, sec, ai_answers, rev=0)
    data[q.key] = ""
    assert client.post(step_url(owner, sec.key), data).status_code == 302
    assert q.key not in stored(owner)


def test_a_form_without_its_revision_is_refused(client, owner, bank, ai_answers):
    sec = bank.sections[0]
    data = section_data(bank, sec, ai_answers, rev=0)
    del data["revision"]
    response = client.post(step_url(owner, sec.key), data)
    assert response.status_code == 400
    assert "El formulario llegó incompleto o alterado" in html(response)
    assert stored(owner) == {}


def test_a_second_tab_is_detected_and_nothing_is_overwritten(client, owner, bank, ai_answers, no_ai_answers):
    sec = bank.sections[0]
    q = first_required_choice_question(bank, sec)
    other = next(c.value for c in q.choices if c.value != ai_answers[q.key])
    stale_form = section_data(bank, sec, {**ai_answers, q.key: other}, rev=revision(owner))  # tab A opened
    assert post_step(client, owner, bank, sec, ai_answers).status_code == 302  # tab B saves first
    response = client.post(step_url(owner, sec.key), stale_form)  # tab A saves late
    assert response.status_code == 409
    page = html(response)
    assert "Sus respuestas cambiaron en otra pestaña o dispositivo." in page
    assert stored(owner)[q.key] == ai_answers[q.key]
    assert f'name="revision" value="{revision(owner)}"' in page  # the reloaded step can be saved again
    assert re.search(rf'name="{q.key}" value="{ai_answers[q.key]}"[^>]*checked', page)


def test_a_wrong_token_gets_a_clear_404_on_every_page(client, bank):
    wrong = "x" * 43
    for name, extra in [
        ("resume", {}),
        ("link", {}),
        ("review", {}),
        ("results", {}),
        ("step", {"section_key": bank.sections[0].key}),
    ]:
        response = client.get(url(name, wrong, **extra))
        assert response.status_code == 404, name
        assert "Este enlace no es válido o ya venció" in html(response)
        # Why a link stops working, as it really does (links last two years; a renewed one replaces it).
        assert "solo sirve el más reciente" in html(response) and "90 días" not in html(response)
    assert client.post(url("step", wrong, section_key=bank.sections[0].key), {}).status_code == 404


def test_an_expired_token_gets_a_404(client, started):
    assessment, token = started
    assessment.token_expires_at = timezone.now() - timedelta(minutes=1)
    assessment.save()
    response = client.get(url("resume", token))
    assert response.status_code == 404 and "ya venció" in html(response)


def test_an_unknown_step_gets_a_404(client, owner):
    response = client.get(step_url(owner, "no_existe"))
    assert response.status_code == 404
    assert "No encontramos ese paso" in html(response)


def test_too_many_requests_on_token_pages_get_a_429(client, owner, settings):
    settings.ASSESSMENTS_RATE_LIMITS = {"token": (3, 600)}
    for _ in range(3):
        assert client.get(url("link", owner)).status_code == 200
    response = client.get(url("link", owner))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Demasiadas solicitudes" in html(response)


def test_repeated_wrong_tokens_get_a_429(client, owner, settings):
    settings.ASSESSMENTS_RATE_LIMITS = {"token_miss": (2, 600)}
    assert client.get(url("resume", "a" * 43)).status_code == 404
    assert client.get(url("resume", "b" * 43)).status_code == 404
    assert client.get(url("resume", "c" * 43)).status_code == 429
    # Guessing blocks more guesses from the address, never a valid link opened from it (an office).
    assert client.get(url("resume", "d" * 43)).status_code == 429
    assert client.get(url("link", owner)).status_code == 200


def test_too_many_starts_get_a_429(client, settings):
    settings.ASSESSMENTS_RATE_LIMITS = {"start": (2, 3600)}
    for _ in range(2):
        start(client)
    response = client.post(reverse("assessments:start"), {"company_name": "Otra"})
    assert response.status_code == 429
    assert Organization.objects.count() == 2


def test_token_pages_are_never_cached(client, owner):
    response = client.get(url("link", owner))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
