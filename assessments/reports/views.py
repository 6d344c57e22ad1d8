"""Report downloads: the owner (by secret token) and the consultant (by login), both thin.

A GET serves the cached PDF, or shows a "preparing" page that reloads itself (no JavaScript) while a
background worker renders it; once ready, that page offers the file and starts the download. A POST
asks again after a failed render.
"""

from __future__ import annotations

from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from assessments import selectors
from assessments.models import Assessment
from assessments.reports import services
from assessments.reports.context import report_language
from assessments.reports.models import RenderedReport
from assessments.views.token import with_assessment
from firms.decorators import firm_member_required

REFRESH_SECONDS = 3
WAITING_PARAM = "preparando"  # set on the reloads of the "preparing" page


def _filename(assessment: Assessment, lang: str) -> str:
    company = slugify(assessment.organization.name)[:60].strip("-") or "empresa"
    day = timezone.localdate(assessment.submitted_at or assessment.created_at).isoformat()
    prefix = "report" if lang == "en" else "reporte"
    return f"{prefix}-{company}-{day}-{lang}.pdf"


def _report_response(request: HttpRequest, assessment: Assessment, *, back_url: str) -> HttpResponse:
    lang = report_language(request.GET.get("lang") or get_language())
    try:
        if request.method == "POST":
            report = services.report_retry(assessment=assessment, lang=lang)
        else:
            report = services.report_request(assessment=assessment, lang=lang)
    except services.NotSubmitted:
        return render(request, "reports/not_submitted.html", {"back_url": back_url}, status=409)
    download_url = f"{request.path}?{urlencode({'lang': lang})}"
    context = {
        "company": assessment.organization.name,
        "report_lang": lang,
        "download_url": download_url,
        "back_url": back_url,
    }
    if report.status == RenderedReport.Status.READY:
        if request.GET.get(WAITING_PARAM) or request.method == "POST":
            # Came from the "preparing" page: show that it is ready, then start the download.
            return render(request, "reports/ready.html", {**context, "refresh_seconds": 1})
        try:
            handle = report.pdf.open("rb")
        except (FileNotFoundError, ValueError):  # the file went missing (ValueError: no file name)
            report = services.report_file_lost(report=report)
        else:
            return FileResponse(
                handle, as_attachment=True, filename=_filename(assessment, lang), content_type="application/pdf"
            )
    if report.status == RenderedReport.Status.FAILED:
        return render(request, "reports/failed.html", context)
    return preparing_response(
        request, context, waiting_url=f"{request.path}?{urlencode({'lang': lang, WAITING_PARAM: 1})}"
    )


def preparing_response(request: HttpRequest, context: dict, *, waiting_url: str) -> HttpResponse:
    """202 "being prepared" page that reloads itself (meta tag and Refresh header) until the file is ready."""
    response = render(
        request,
        "reports/preparing.html",
        {**context, "refresh_seconds": REFRESH_SECONDS, "waiting_url": waiting_url},
        status=202,
    )
    response["Retry-After"] = str(REFRESH_SECONDS)
    response["Refresh"] = f"{REFRESH_SECONDS}; url={waiting_url}"  # as the page's meta tag, for any client
    return response


@transaction.non_atomic_requests  # reads; each write below is its own transaction (services)
@require_http_methods(["GET", "HEAD", "POST"])
@with_assessment  # 404 page for a wrong token, rate limit, never cached
def owner_report(request: HttpRequest, assessment: Assessment, token: str) -> HttpResponse:
    back_url = reverse(
        "assessments:results" if assessment.is_submitted else "assessments:resume", kwargs={"token": token}
    )
    return _report_response(request, assessment, back_url=back_url)


@transaction.non_atomic_requests  # as owner_report
@firm_member_required  # login, firm membership (and MFA when the firm requires it), never cached
@require_http_methods(["GET", "HEAD", "POST"])
def consultant_report(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = selectors.assessment_get_for_firm(firm=request.firm, assessment_id=assessment_id)
    back_url = reverse("consultants:client_detail", kwargs={"org_id": assessment.organization_id})
    return _report_response(request, assessment, back_url=back_url)
