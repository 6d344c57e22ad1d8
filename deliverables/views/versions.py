"""Review and approve the report, publish a version, download a version's frozen files. Thin views.

Consultants reach everything through `firm_member_required` and firm-scoped selectors (another firm's
assessment or version: 404). The owner reaches only the latest *published* version, through the secret
token. A file not rendered yet shows the reports' "preparing" page, which reloads itself.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from assessments import selectors as assessment_selectors
from assessments.models import Assessment
from assessments.reports import resources
from assessments.reports.context import report_language
from assessments.reports.services import NotSubmitted
from assessments.reports.views import WAITING_PARAM, preparing_response
from assessments.views.token import with_assessment
from deliverables.models import ReportDraft, ReportVersion
from deliverables.selectors import versions as selectors
from deliverables.services import versions as services
from firms.decorators import firm_member_required

LANGS = ("es", "en")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ReviewForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("Resumen ejecutivo"),
        max_length=ReportDraft._meta.get_field("summary").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Texto simple; los saltos de línea se respetan en el reporte."),
    )
    conclusions = forms.CharField(
        label=gettext_lazy("Conclusiones del consultor"),
        max_length=ReportDraft._meta.get_field("conclusions").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


def _lang(value: str) -> str:
    if value not in LANGS:
        raise Http404("unknown language")
    return value


def _assessment(request: HttpRequest, assessment_id: int) -> Assessment:
    return assessment_selectors.assessment_get_for_firm(firm=request.firm, assessment_id=assessment_id)


def _back_url(assessment: Assessment) -> str:
    return reverse("consultants:assessment_detail", kwargs={"assessment_id": assessment.pk})


def _plan_url(assessment: Assessment) -> str:
    try:
        return reverse("deliverables:plan", kwargs={"assessment_id": assessment.pk})
    except NoReverseMatch:  # the plan page is built separately
        return ""


def _plan_preview(assessment: Assessment) -> list[dict]:
    try:
        from deliverables.selectors.plan import plan_for_report
    except ImportError:
        return []
    return plan_for_report(assessment=assessment, lang=report_language(get_language()))


def _initial(assessment: Assessment) -> dict[str, str]:
    draft = selectors.draft_for_assessment(assessment=assessment)
    summary = draft.summary if draft and draft.summary else ""
    if not summary:
        summary = services.summary_generated(assessment=assessment, lang=report_language(get_language()))
    return {"summary": summary, "conclusions": draft.conclusions if draft else ""}


@firm_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def version_review(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _assessment(request, assessment_id)
    if not assessment.is_submitted:
        return render(request, "reports/not_submitted.html", {"back_url": _back_url(assessment)}, status=409)
    form = ReviewForm(request.POST if request.method == "POST" else None, initial=_initial(assessment))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {"summary": form.cleaned_data["summary"], "conclusions": form.cleaned_data["conclusions"]}
            if request.POST.get("action") == "approve":
                version = services.report_version_approve(assessment=assessment, user=request.user, **data)
                messages.success(
                    request,
                    _("Versión %(number)s aprobada. Sus archivos se están preparando.") % {"number": version.number},
                )
                return redirect(_back_url(assessment) + "#versiones")
            services.report_draft_save(assessment=assessment, user=request.user, **data)
            messages.success(request, _("Borrador guardado."))
            return redirect("deliverables:version_review", assessment_id=assessment.pk)
        status = 400
    context = {
        "assessment": assessment,
        "organization": assessment.organization,
        "form": form,
        "plan": _plan_preview(assessment),
        "plan_url": _plan_url(assessment),
        "back_url": _back_url(assessment),
    }
    return render(request, "deliverables/versions/review.html", context, status=status)


@firm_member_required
@require_http_methods(["GET", "HEAD"])
def version_preview(request: HttpRequest, assessment_id: int, lang: str) -> HttpResponse:
    """The report as it will print with the saved draft (HTML; the PDF is rendered on approval)."""
    assessment = _assessment(request, assessment_id)
    lang = _lang(lang)
    initial = _initial(assessment) if assessment.is_submitted else {}
    try:
        html = services.review_preview_html(assessment=assessment, lang=lang, **initial)
    except NotSubmitted:
        return render(request, "reports/not_submitted.html", {"back_url": _back_url(assessment)}, status=409)
    # The renderer is handed the stylesheet; a browser needs the link (the report itself fetches nothing).
    stylesheet = f'<link rel="stylesheet" href="{static(resources.STYLESHEET)}"/>'
    response = HttpResponse(html.replace("</head>", f"{stylesheet}</head>", 1))
    response["X-Robots-Tag"] = "noindex"
    return response


@firm_member_required
@require_POST
def version_publish(request: HttpRequest, assessment_id: int, version_id: int) -> HttpResponse:
    version = selectors.version_get_for_firm(firm=request.firm, assessment_id=assessment_id, version_id=version_id)
    services.report_version_publish(version=version)
    messages.success(
        request, _("Versión %(number)s publicada: el dueño la ve en su enlace.") % {"number": version.number}
    )
    return redirect(_back_url(version.assessment) + "#versiones")


def _filename(version: ReportVersion, lang: str, extension: str) -> str:
    company = slugify(version.content.get("company") or version.assessment.organization.name)[:60].strip("-")
    prefix = "report" if lang == "en" else "reporte"
    return f"{prefix}-{company or 'empresa'}-v{version.number}-{lang}.{extension}"


def _file_response(request, version: ReportVersion, *, kind: str, lang: str, back_url: str) -> HttpResponse:
    """The stored file, the same bytes every time; or the "preparing" page while it is rendered."""
    stored = selectors.version_file(version=version, kind=kind, lang=lang)
    download_url = request.path
    context = {"company": version.content.get("company") or version.assessment.organization.name}
    context.update({"report_lang": lang, "download_url": download_url, "back_url": back_url})
    if stored and stored.storage.exists(stored.name):
        if request.GET.get(WAITING_PARAM):
            return render(request, "reports/ready.html", {**context, "refresh_seconds": 1})
        return FileResponse(
            stored.open("rb"),
            as_attachment=True,
            filename=_filename(version, lang, kind),
            content_type="application/pdf" if kind == "pdf" else DOCX_TYPE,
        )
    if kind == "docx" and not services.docx_available():
        return render(request, "deliverables/versions/docx_unavailable.html", context, status=409)
    services.report_version_enqueue(version=version)
    return preparing_response(request, context, waiting_url=f"{request.path}?{urlencode({WAITING_PARAM: 1})}")


@firm_member_required
@require_http_methods(["GET", "HEAD"])
def version_pdf(request: HttpRequest, assessment_id: int, version_id: int, lang: str) -> HttpResponse:
    version = selectors.version_get_for_firm(firm=request.firm, assessment_id=assessment_id, version_id=version_id)
    return _file_response(request, version, kind="pdf", lang=_lang(lang), back_url=_back_url(version.assessment))


@firm_member_required
@require_http_methods(["GET", "HEAD"])
def version_docx(request: HttpRequest, assessment_id: int, version_id: int, lang: str) -> HttpResponse:
    version = selectors.version_get_for_firm(firm=request.firm, assessment_id=assessment_id, version_id=version_id)
    return _file_response(request, version, kind="docx", lang=_lang(lang), back_url=_back_url(version.assessment))


@require_http_methods(["GET", "HEAD"])
@with_assessment  # 404 page for a wrong token, rate limit, never cached
def owner_version_pdf(request: HttpRequest, assessment: Assessment, token: str, lang: str) -> HttpResponse:
    """The owner's PDF of the latest published version; nothing before the consultant publishes one."""
    version = selectors.version_published_for_owner(assessment=assessment)
    if version is None:
        raise Http404("no published version")
    back_url = reverse("assessments:results", kwargs={"token": token})
    return _file_response(request, version, kind="pdf", lang=_lang(lang), back_url=back_url)
