"""The consultant's Word copy of the current report (before approval), made on the fly (under a second)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from assessments import selectors
from assessments.models import Assessment
from assessments.reports import services as report_services
from assessments.reports.context import report_language
from deliverables.docx import report_docx
from firms.decorators import firm_member_required

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_filename(assessment: Assessment, lang: str, *, prefix: str) -> str:
    company = slugify(assessment.organization.name)[:60].strip("-") or "empresa"
    day = timezone.localdate(assessment.submitted_at or assessment.created_at).isoformat()
    return f"{prefix}-{company}-{day}-{lang}.docx"


def attachment(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@firm_member_required  # login, firm membership (MFA when required), never cached
@require_http_methods(["GET", "HEAD"])
def consultant_report_docx(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = selectors.assessment_get_for_firm(firm=request.firm, assessment_id=assessment_id)
    lang = report_language(request.GET.get("lang") or get_language())
    try:
        snapshot = report_services.submitted_snapshot(assessment=assessment)
    except report_services.NotSubmitted:
        back_url = reverse("consultants:client_detail", kwargs={"org_id": assessment.organization_id})
        return render(request, "reports/not_submitted.html", {"back_url": back_url}, status=409)
    content = report_docx(snapshot=snapshot, organization=assessment.organization, lang=lang)
    prefix = "report" if lang == "en" else "reporte"
    return attachment(content, filename=docx_filename(assessment, lang, prefix=prefix), content_type=DOCX_TYPE)
