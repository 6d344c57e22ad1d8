"""The landing page and the start of a new assessment."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments import selectors, services
from assessments.catalog import current_bank
from assessments.forms import StartForm, error_links
from assessments.presenters import study_source
from assessments.question_bank.quick_check import default_quick_check
from assessments.questionnaire import estimate_minutes
from assessments.ratelimit import ratelimit
from assessments.start_once import start_once
from assessments.views.token import forget, remember, remembered_token, resume_url
from readiness.errors import NotFound


@require_http_methods(["GET", "HEAD"])
def landing(request):
    return _render_landing(request, StartForm())


@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit("start")
def start(request):
    if request.method != "POST":
        return redirect("assessments:landing")
    form = StartForm(request.POST)
    if not form.is_valid():
        return _render_landing(request, form, status=400)
    token = start_from_form(request, form)
    return remember(redirect("assessments:link", token=token), token)


def start_from_form(request, form: StartForm) -> str:
    """Start the assessment of a valid start form, once per form: a double-click gets the same one."""

    def create():
        organization = services.organization_create(name=form.cleaned_data["company_name"])
        return services.assessment_start(
            organization=organization, language=get_language(), owner_email=form.cleaned_data["email"]
        )

    assessment, token = start_once(nonce=form.cleaned_data["start_nonce"], create=create)
    if assessment is not None and assessment.owner_email:  # the repeated click sends no second e-mail
        _send_link(request, assessment, token)
    return token


def _send_link(request, assessment, token: str) -> None:
    if services.assessment_send_resume_link(assessment=assessment, resume_url=resume_url(request, token)):
        messages.success(request, _("Le enviamos el enlace a %(email)s.") % {"email": assessment.owner_email})
    else:
        messages.warning(request, _("No pudimos enviar el correo. Copie el enlace de esta página y guárdelo."))


def _render_landing(request, form: StartForm, status: int = 200):
    bank = current_bank()
    remembered = _remembered(request)
    context = {
        "form": form,
        "error_links": error_links(form) if form.is_bound else [],
        "minutes": estimate_minutes(bank),
        "question_count": len(bank.questions),
        "step_count": len(bank.sections),
        "quick_question_count": len(default_quick_check().questions),  # the "Diagnóstico rápido" choice
        "remembered": remembered,
        "study": study_source(get_language() or "es"),  # named wherever the page quotes it
    }
    response = render(request, "assessments/landing.html", context, status=status)
    if remembered is None and remembered_token(request):
        forget(response)  # the link expired or no longer exists
    return response


def _remembered(request):
    """The assessment this browser worked on, if its link is still valid."""
    token = remembered_token(request)
    if not token:
        return None
    try:
        assessment = selectors.assessment_get_by_token(token=token)
    except NotFound:
        return None
    return {"token": token, "assessment": assessment}
