"""Reads of the AI-use policy: the draft of an assessment and the content a reader gets."""

from __future__ import annotations

from typing import Any

from assessments.models import Assessment
from assessments.reports import services as report_services
from assessments.reports.context import organization_branding, report_language
from deliverables.models import PolicyDraft
from deliverables.policy import policy_build


def policy_draft_get(*, assessment: Assessment) -> PolicyDraft | None:
    return PolicyDraft.objects.filter(assessment=assessment).first()


def policy_generated(*, assessment: Assessment, lang: str, edits: dict[str, str] | None = None) -> dict[str, Any]:
    """The policy drafted from the submitted answers (NotSubmitted for a draft assessment), with `edits`."""
    snapshot = report_services.submitted_snapshot(assessment=assessment)
    return policy_build(answers=snapshot.answers, company=assessment.organization.name, lang=lang, edits=edits)


def policy_for_consultant(*, assessment: Assessment, lang: str) -> dict[str, Any]:
    """What the consultant is editing: the generated policy with the draft's edits in `lang`."""
    lang = report_language(lang)
    draft = policy_draft_get(assessment=assessment)
    edits = (draft.edits or {}).get(lang, {}) if draft else {}
    return policy_generated(assessment=assessment, lang=lang, edits=edits)


def policy_approved(*, assessment: Assessment, lang: str) -> dict[str, Any] | None:
    draft = policy_draft_get(assessment=assessment)
    if draft is None or not draft.approved_content:
        return None
    return draft.approved_content.get(report_language(lang))


def policy_for_owner(*, assessment: Assessment, lang: str) -> dict[str, Any]:
    """The approved version once the consultant approved one; before that, the generated draft (the
    consultant's unapproved edits stay private)."""
    return policy_approved(assessment=assessment, lang=lang) or policy_generated(assessment=assessment, lang=lang)


def policy_branding(*, assessment: Assessment) -> dict[str, str]:
    branding = organization_branding(assessment.organization)
    return {"brand_name": branding.brand_name, "color": branding.color}
