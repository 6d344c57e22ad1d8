"""Helpers that walk the owner's questionnaire through the Django test client, driven by the bank."""

from __future__ import annotations

from typing import Any

from django.test import RequestFactory
from django.urls import reverse

from assessments import selectors
from assessments.question_bank.answers import is_visible
from assessments.question_bank.types import Bank, Section
from assessments.views.token import RESUME_COOKIE, remembered_token


def url(name: str, token: str, **kwargs: Any) -> str:
    return reverse(f"assessments:{name}", kwargs={"token": token, **kwargs})


def step_url(token: str, section_key: str) -> str:
    return url("step", token, section_key=section_key)


def start(client, *, name: str = "Taller Ramírez", email: str = "") -> str:
    """Start an assessment from the landing page's form; the token this browser now remembers."""
    response = client.post(reverse("assessments:start"), {"company_name": name, "email": email})
    assert response.status_code == 302, response.content.decode()[:2000]
    return remembered(client)


def remembered(client) -> str | None:
    """The resume token this test browser remembers (its signed cookie), or None."""
    cookie = client.cookies.get(RESUME_COOKIE)
    request = RequestFactory().get("/")
    request.COOKIES = {RESUME_COOKIE: cookie.value} if cookie is not None else {}
    return remembered_token(request)


def revision(token: str) -> int:
    return selectors.assessment_get_by_token(token=token).revision


def stored(token: str) -> dict[str, Any]:
    return selectors.assessment_answers(assessment=selectors.assessment_get_by_token(token=token))


def section_data(
    bank: Bank, section: Section, answers: dict[str, Any], *, rev: int, nav: str = "next"
) -> dict[str, Any]:
    """The POST body a browser sends for `section` with these answers (visible questions only)."""
    data: dict[str, Any] = {"revision": rev, "nav": nav}
    for q in section.questions:
        if q.key in answers and is_visible(bank, q, answers):
            value = answers[q.key]
            data[q.key] = value if isinstance(value, list) else str(value)
    return data


def post_step(client, token: str, bank: Bank, section: Section, answers: dict[str, Any], **kwargs: Any):
    return client.post(
        step_url(token, section.key), section_data(bank, section, answers, rev=revision(token), **kwargs)
    )


def answer_all(client, token: str, bank: Bank, answers: dict[str, Any]) -> None:
    """Answer every step in order, as an owner pressing "Guardar y continuar" would."""
    for section in bank.sections:
        if not any(is_visible(bank, q, answers) for q in section.questions):
            continue
        response = post_step(client, token, bank, section, answers)
        assert response.status_code == 302, (section.key, response.content.decode()[:3000])


def questions_gated_by(bank: Bank, key: str) -> list[str]:
    return [q.key for q in bank.questions if q.condition and q.condition.question == key]


def figure_question(bank: Bank, figure: str):
    """The first question linked to a study figure (the one the comparison uses)."""
    return next(q for q in bank.questions if q.figure and q.figure.key == figure)


def html(response) -> str:
    """The response body as text."""
    return response.content.decode()


def first_required_choice_question(bank, sec):
    """The section's first required single-choice question that is always shown."""
    return next(q for q in sec.questions if q.required and q.condition is None and q.type in ("single", "yesno"))
