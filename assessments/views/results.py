"""Review and submit the answers, then the results page of the frozen snapshot."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments import followup_selectors, presenters, questionnaire, selectors, services
from assessments.catalog import current_bank
from assessments.views.token import (
    already_submitted,
    link_context,
    remember,
    renew_allowed,
    resume_url,
    with_assessment,
)
from deliverables.selectors.plan import plan_for_owner
from deliverables.selectors.versions import version_published_for_owner


@require_http_methods(["GET", "HEAD", "POST"])
@with_assessment
def review(request, assessment, token):
    if assessment.is_submitted:
        return already_submitted(request, token)
    if request.method == "POST":
        return _submit(request, assessment, token)
    return _render_review(request, assessment, token)


def _submit(request, assessment, token):
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        return _render_review(
            request,
            assessment,
            token,
            status=400,
            error=_("El formulario llegó incompleto. Recargue la página e inténtelo de nuevo."),
        )
    try:
        services.assessment_submit_reviewed(assessment=assessment, revision=revision)
    except services.StaleRevision:
        assessment.refresh_from_db(fields=["revision"])
        return _render_review(
            request,
            assessment,
            token,
            status=409,
            error=_(
                "Sus respuestas cambiaron en otra pestaña o dispositivo mientras esta página estaba abierta. "
                "Abajo está lo que quedó guardado: revíselo y vuelva a enviar."
            ),
        )
    except services.IncompleteAssessment:
        return _render_review(
            request,
            assessment,
            token,
            status=400,
            error=_("Faltan respuestas obligatorias. Complételas antes de enviar."),
        )
    except services.AlreadySubmitted:
        return already_submitted(request, token)
    return redirect("assessments:results", token=token)


def _render_review(request, assessment, token, *, status=200, error=""):
    bank = current_bank()
    answers = selectors.assessment_answers(assessment=assessment)
    previous = followup_selectors.assessment_previous_answers(assessment=assessment)
    confirmed = followup_selectors.assessment_confirmed_steps(assessment=assessment) if previous is not None else None
    sections = questionnaire.review(bank, answers, get_language(), previous=previous, confirmed=confirmed)
    context = {
        "token": token,
        "sections": sections,
        "missing_count": sum(s["missing"] for s in sections),
        "progress": questionnaire.progress(bank, answers),
        "minutes_left": questionnaire.minutes_left(bank, answers),
        "revision": assessment.revision,
        "error": error,
        # A re-assessment: what changed since the assessment it started from, and what is left to confirm.
        "is_followup": previous is not None,
        "previous_submitted_at": assessment.previous.submitted_at if previous is not None else None,
        "changes_count": questionnaire.changes_count(sections),
        "unconfirmed": questionnaire.unconfirmed_steps(sections),
    }
    return render(request, "assessments/review.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
@with_assessment
def results(request, assessment, token):
    if not assessment.is_submitted:
        return redirect("assessments:review", token=token)
    snapshot = selectors.assessment_snapshot(assessment=assessment)
    context = {
        "token": token,
        "assessment": assessment,
        "result": presenters.result_view(snapshot.result, lang=get_language()),
        **link_context(request, assessment, token),  # resume_url, link_expires_at, whatsapp_url
        # The consultant's follow-up of the plan (status, responsible, due date), read-only; [] when none.
        "plan_followup": plan_for_owner(assessment=assessment, lang=get_language()),
        # The consultant's approved report, once published; None before (deliverables/selectors/versions.py).
        "published_version": version_published_for_owner(assessment=assessment),
    }
    return render(request, "assessments/results.html", context)


@require_http_methods(["POST"])
@with_assessment
def link_renew(request, assessment, token):
    """A new secret link for two more years (the old one stops working), shown on the link page and
    e-mailed to the owner's address when there is one; a few renewals a day per assessment."""
    if not renew_allowed(assessment):
        messages.error(request, _("Ya renovó este enlace varias veces hoy. Inténtelo de nuevo mañana."))
        return redirect("assessments:link", token=token)
    new_token = services.assessment_token_renew(assessment=assessment)
    sent = services.assessment_send_resume_link(assessment=assessment, resume_url=resume_url(request, new_token))
    text = _("Listo: este es su enlace nuevo. El anterior ya no funciona.")
    if sent:
        text += " " + _("También se lo enviamos por correo.")
    messages.success(request, text)
    return remember(redirect("assessments:link", token=new_token), new_token)
