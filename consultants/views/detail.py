"""A client company's page, and one assessment's results and answers, as the consultant reads them."""

from django.shortcuts import render
from django.utils.translation import get_language

from assessments import presenters, questionnaire
from assessments.catalog import current_bank
from consultants import selectors
from consultants.invitation_panel import invitation_panel_context
from consultants.trend import organization_trend
from firms.decorators import firm_member_required


@firm_member_required
def client_detail(request, org_id: int):
    organization = selectors.organization_get_for_firm(firm=request.firm, org_id=org_id)
    assessments = selectors.organization_assessments(organization=organization)
    lang = get_language()
    context = {
        "organization": organization,
        "sector_label": selectors.profile_choice_label("sector", organization.sector, lang=lang),
        "state_label": selectors.profile_choice_label("state", organization.state, lang=lang),
        "assessments": assessments,
        "has_submitted": any(a.is_submitted for a in assessments),
        **invitation_panel_context(request=request, organization=organization),
        **organization_trend(organization=organization),
    }
    return render(request, "consultants/client_detail.html", context)


@firm_member_required
def assessment_detail(request, assessment_id: int):
    assessment = selectors.assessment_get_for_firm(firm=request.firm, assessment_id=assessment_id)
    lang = get_language()
    snapshot = selectors.assessment_snapshot_or_none(assessment=assessment)
    answer_rows = selectors.assessment_answer_rows(assessment=assessment, snapshot=snapshot, lang=lang)
    context = {
        "assessment": assessment,
        "organization": assessment.organization,
        "result": presenters.result_view(snapshot.result, lang=lang) if snapshot else None,
        "progress": None
        if snapshot
        else questionnaire.progress(current_bank(), selectors.assessment_answer_values(assessment=assessment)),
        "answer_sections": selectors.answer_rows_by_section(answer_rows),
    }
    return render(request, "consultants/assessment_detail.html", context)
