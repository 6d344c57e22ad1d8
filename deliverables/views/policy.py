"""The AI-use policy: the owner downloads it by secret link; the consultant edits, approves and downloads it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments import selectors
from assessments.models import Assessment
from assessments.reports import services as report_services
from assessments.reports.context import report_language
from assessments.views.token import with_assessment
from deliverables import policy as policy_files
from deliverables.selectors import policy as policy_selectors
from deliverables.services import policy as policy_services
from deliverables.views.docx import DOCX_TYPE, attachment, docx_filename
from firms.decorators import firm_member_required

FORMATS = {"docx": DOCX_TYPE, "pdf": "application/pdf"}


def _file_response(assessment: Assessment, content: dict, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("unknown format")
    branding = policy_selectors.policy_branding(assessment=assessment)
    if fmt == "docx":
        data = policy_files.policy_docx(content, **branding)
    else:
        data = policy_files.policy_pdf(content, **branding)
    prefix = "ai-policy" if content["lang"] == "en" else "politica-ia"
    filename = docx_filename(assessment, content["lang"], prefix=prefix).removesuffix(".docx") + f".{fmt}"
    return attachment(data, filename=filename, content_type=FORMATS[fmt])


def _not_submitted(request: HttpRequest, back_url: str) -> HttpResponse:
    return render(request, "reports/not_submitted.html", {"back_url": back_url}, status=409)


@require_http_methods(["GET", "HEAD"])
@with_assessment  # 404 page for a wrong token, rate limit, never cached
def owner_policy(request: HttpRequest, assessment: Assessment, token: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("unknown format")
    lang = report_language(request.GET.get("lang") or get_language())
    try:
        content = policy_selectors.policy_for_owner(assessment=assessment, lang=lang)
    except report_services.NotSubmitted:
        return _not_submitted(request, reverse("assessments:resume", kwargs={"token": token}))
    return _file_response(assessment, content, fmt)


@firm_member_required  # login, firm membership (MFA when required), never cached
@require_http_methods(["GET", "HEAD", "POST"])
def consultant_policy(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = selectors.assessment_get_for_firm(firm=request.firm, assessment_id=assessment_id)
    lang = report_language(request.POST.get("lang") or request.GET.get("lang") or get_language())
    back_url = reverse("consultants:assessment_detail", kwargs={"assessment_id": assessment.pk})
    try:
        content = policy_selectors.policy_for_consultant(assessment=assessment, lang=lang)
    except report_services.NotSubmitted:
        return _not_submitted(request, back_url)
    status = 200
    if request.method == "POST":
        texts = {s["key"]: request.POST.get(f"section-{s['key']}", "") for s in content["sections"]}
        try:
            policy_services.policy_edits_save(assessment=assessment, lang=lang, texts=texts, user=request.user)
        except ValidationError:
            messages.error(request, _("Un apartado es demasiado largo; no se guardó ningún cambio."))
            status = 400
        else:
            if request.POST.get("action") == "approve":
                policy_services.policy_approve(assessment=assessment, user=request.user)
                messages.success(request, _("Política aprobada."))
            else:
                messages.success(request, _("Cambios guardados."))
            return redirect(f"{request.path}?lang={lang}")
    draft = policy_selectors.policy_draft_get(assessment=assessment)
    context = {
        "assessment": assessment,
        "organization": assessment.organization,
        "policy": content,
        "policy_lang": lang,
        "placeholders": policy_files.placeholders(content),
        "draft": draft,
        "approved": bool(draft and draft.approved_content),
        "back_url": back_url,
    }
    return render(request, "deliverables/policy/edit.html", context, status=status)


@firm_member_required
@require_http_methods(["GET", "HEAD"])
def consultant_policy_download(request: HttpRequest, assessment_id: int, fmt: str) -> HttpResponse:
    """The draft as the consultant edits it, or with ?version=approved the approved one."""
    assessment = selectors.assessment_get_for_firm(firm=request.firm, assessment_id=assessment_id)
    lang = report_language(request.GET.get("lang") or get_language())
    try:
        if request.GET.get("version") == "approved":
            content = policy_selectors.policy_approved(assessment=assessment, lang=lang)
            if content is None:
                raise Http404("no approved policy")
        else:
            content = policy_selectors.policy_for_consultant(assessment=assessment, lang=lang)
    except report_services.NotSubmitted:
        back_url = reverse("consultants:assessment_detail", kwargs={"assessment_id": assessment.pk})
        return _not_submitted(request, back_url)
    return _file_response(assessment, content, fmt)
