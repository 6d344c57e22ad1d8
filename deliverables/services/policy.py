"""Writes of the AI-use policy: the consultant's edits per section and language, and approval."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment
from assessments.reports.context import report_language
from deliverables.models import PolicyDraft
from deliverables.policy import MAX_SECTION_CHARS, mark_approved, section_keys
from deliverables.selectors.policy import policy_for_consultant

LANGS = ("es", "en")


def policy_edits_save(*, assessment: Assessment, lang: str, texts: Mapping[str, str], user) -> PolicyDraft:
    """Keep the consultant's text of each section in `lang`; an empty text goes back to the generated one.

    Raises ValidationError for a text longer than MAX_SECTION_CHARS (nothing is saved then).
    """
    lang = report_language(lang)
    keys = set(section_keys())
    cleaned = {}
    for key, text in texts.items():
        if key not in keys:
            continue
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > MAX_SECTION_CHARS:
            raise ValidationError(f"section {key} is longer than {MAX_SECTION_CHARS} characters", code="too_long")
        cleaned[key] = text
    with transaction.atomic():
        draft, _ = PolicyDraft.objects.select_for_update().get_or_create(assessment=assessment)
        edits = dict(draft.edits or {})
        language_edits = {k: v for k, v in {**edits.get(lang, {}), **cleaned}.items() if v}
        edits[lang] = language_edits
        draft.edits = edits
        draft.save(update_fields=["edits", "updated_at"])
    return draft


def policy_approve(*, assessment: Assessment, user) -> PolicyDraft:
    """Freeze the policy as it reads now, in Spanish and English; the owner's link gives this version."""
    now = timezone.now()
    content = {
        lang: mark_approved(
            policy_for_consultant(assessment=assessment, lang=lang), approved_on=timezone.localdate(now).isoformat()
        )
        for lang in LANGS
    }
    with transaction.atomic():
        draft, _ = PolicyDraft.objects.select_for_update().get_or_create(assessment=assessment)
        draft.approved_content = content
        draft.approved_by = user
        draft.approved_at = now
        draft.save(update_fields=["approved_content", "approved_by", "approved_at", "updated_at"])
    return draft
