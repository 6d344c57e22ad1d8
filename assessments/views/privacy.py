"""Privacy: the privacy notice (integral and simplified) and the owner's ARCO self-service from the link.

The owner downloads what is stored about their assessment (JSON, CSV) and deletes it, after a
confirmation page. Token pages go through `with_assessment`, like every other owner page.
"""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from assessments import privacy
from assessments.views.token import forget, remember, remembered_token, with_assessment


@require_GET
def notice(request):
    return render(request, "legal/privacy_notice.html", {"controller": privacy.privacy_controller()})


@require_GET
def notice_short(request):
    return render(request, "legal/privacy_notice_short.html", {"controller": privacy.privacy_controller()})


@require_GET
@with_assessment
def data(request, assessment, token):
    return render(request, "assessments/privacy/data.html", _context(assessment, token))


@require_GET
@with_assessment
def data_download(request, assessment, token, fmt: str):
    data = privacy.assessment_personal_data(assessment=assessment, lang=get_language() or "es")
    filename = f"ciberlisto-{slugify(assessment.organization.name) or 'empresa'}-datos.{fmt}"
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        # A BOM so that Excel opens the accents right.
        response = HttpResponse("\ufeff" + privacy.personal_data_csv(data), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@with_assessment
def data_delete(request, assessment, token):
    context = _context(assessment, token)
    if request.method != "POST":
        return render(request, "assessments/privacy/delete.html", context)
    if request.POST.get("confirm") != "1":
        context["error"] = _("Marque la casilla para confirmar que quiere borrar su evaluación. No se borró nada.")
        return render(request, "assessments/privacy/delete.html", context, status=400)
    deletion = privacy.assessment_delete(assessment=assessment)
    response = render(request, "assessments/privacy/deleted.html", {"deletion": deletion})
    return _forget_this_link(request, response, token)


def _forget_this_link(request, response, token: str):
    """The deleted link leaves this browser; a cookie for another assessment stays as it was."""
    remembered = remembered_token(request)
    if remembered and remembered != token:
        remember(response, remembered)  # with_assessment would otherwise remember the deleted link
    else:
        forget(response)
    return response


def _context(assessment, token: str) -> dict:
    organization = assessment.organization
    return {
        "assessment": assessment,
        "token": token,
        "organization": organization,
        "firm": organization.firm if organization.firm_id else None,
        "others": organization.assessments.exclude(pk=assessment.pk).count(),
        "controller": privacy.privacy_controller(),
    }
