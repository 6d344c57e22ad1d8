"""Hand-over: an owner who assessed alone gives the company to a consulting firm with the firm's code.

Two steps, so that it is done on purpose: the code shows which firm it is, then the owner confirms.
Wrong codes count as misses of the token rate limit (like wrong links).
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments import ratelimit
from assessments.views.token import with_assessment
from consultants import services


def _back(assessment, token):
    return redirect("assessments:results" if assessment.is_submitted else "assessments:link", token=token)


@require_POST
@with_assessment
def handover(request, assessment, token):
    organization = assessment.organization
    code = (request.POST.get("code") or "").strip()[:40]
    context = {"token": token, "assessment": assessment, "code": code}
    if organization.firm_id is not None:
        messages.info(
            request,
            _("Su evaluación ya está compartida con %(firm)s. Para cambiarla, hable con esa firma.")
            % {"firm": organization.firm.name},
        )
        return _back(assessment, token)
    ratelimit.check(request, "token_miss")  # guessing codes from this address: even the right one waits
    try:
        firm = services.handover_firm_for_code(code=code)
    except services.HandoverCodeInvalid:
        ratelimit.count(request, "token_miss")
        context["error"] = (
            _("Escriba el código que le dio su consultor(a), por ejemplo ABCDE-23456.")
            if not code
            else _("No encontramos ninguna firma con ese código. Revíselo con su consultor(a) e inténtelo de nuevo.")
        )
        return render(request, "assessments/handover.html", context, status=400)
    if request.POST.get("confirm") != "1":
        return render(request, "assessments/handover.html", {**context, "firm": firm})
    try:
        services.organization_handover(organization=organization, code=code)
    except services.AlreadyHandedOver as refused:
        messages.info(
            request,
            _("Su evaluación ya está compartida con %(firm)s. Para cambiarla, hable con esa firma.")
            % {"firm": refused.firm.name},
        )
        return _back(assessment, token)
    messages.success(
        request,
        _("Listo: %(firm)s ya puede ver las respuestas y los resultados de %(name)s.")
        % {"firm": firm.name, "name": organization.name},
    )
    return _back(assessment, token)
