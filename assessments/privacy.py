"""The owner's personal data (LFPDPPP): who answers for it, its export, its deletion, and the purge of drafts.

Reads (`privacy_controller`, `assessment_personal_data`, `drafts_abandoned`) and writes
(`assessment_delete`, `drafts_purge`) of the ARCO self-service and of `manage.py purge_drafts`.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from assessments.catalog import current_bank
from assessments.models import Assessment, Invitation, Organization
from assessments.question_bank.answers import answer_text
from readiness.errors import NotFound

logger = logging.getLogger(__name__)

# The date the privacy notice's text last changed (it is printed on the notice: change it with the text).
NOTICE_LAST_UPDATED = date(2026, 11, 28)

# Honest placeholders: a checkout shows plainly what the operator still has to fill in.
CONTROLLER_DEFAULTS = {
    "name": "[Nombre o razón social del responsable: configure PRIVACY_CONTROLLER_NAME]",
    "address": "[Domicilio del responsable: configure PRIVACY_CONTROLLER_ADDRESS]",
    "email": "privacidad@example.invalid",
}

# What the owner (or the firm, for its client) typed about the company.
ORGANIZATION_FIELDS = (
    "name",
    "size_band",
    "sector",
    "state",
    "digital_native",
    "contact_name",
    "contact_email",
    "contact_phone",
)


def privacy_controller() -> dict[str, Any]:
    """Who is responsible for the data (the responsable) and how to reach them, from the settings."""
    return {
        "name": getattr(settings, "PRIVACY_CONTROLLER_NAME", "") or CONTROLLER_DEFAULTS["name"],
        "address": getattr(settings, "PRIVACY_CONTROLLER_ADDRESS", "") or CONTROLLER_DEFAULTS["address"],
        "email": getattr(settings, "PRIVACY_CONTACT_EMAIL", "") or CONTROLLER_DEFAULTS["email"],
        "updated": NOTICE_LAST_UPDATED,
        "retention_days": draft_retention_days(),
    }


def draft_retention_days() -> int:
    return int(getattr(settings, "DRAFT_RETENTION_DAYS", 180))


# --- Access (the "A" of ARCO): everything stored about the owner's assessment -----------------------


def assessment_personal_data(*, assessment: Assessment, lang: str = "es") -> dict[str, Any]:
    """The company data and every stored answer of `assessment`, with the question's text in `lang`.

    Every stored answer is included, also those a condition hides today: the owner gets all we keep.
    """
    organization = assessment.organization
    bank = current_bank()
    answers = []
    for answer in assessment.answers.all().order_by("question_key"):
        question = bank.question(answer.question_key) if bank.has_question(answer.question_key) else None
        answers.append(
            {
                "question_key": answer.question_key,
                "question": question.text.get(lang) if question else "",
                "answer": _answer_label(question, answer.value, lang),
                "value": answer.value,
                "updated_at": answer.updated_at.isoformat(),
            }
        )
    data = {
        # What the company record holds; left-out fields were never filled in (an owner's size, sector
        # and state are answers, listed below), so nothing reads as if the owner had given a blank.
        "company": {
            name: value for name in ORGANIZATION_FIELDS if (value := getattr(organization, name)) not in ("", None)
        },
        "assessment": {
            "status": assessment.status,
            "language": assessment.language,
            "owner_email": assessment.owner_email,
            "bank_version": assessment.bank_version,
            "created_at": assessment.created_at.isoformat(),
            "updated_at": assessment.updated_at.isoformat(),
            "submitted_at": assessment.submitted_at.isoformat() if assessment.submitted_at else None,
            "shared_with_firm": organization.firm.name if organization.firm_id else None,
        },
        "answers": answers,
    }
    snapshot = getattr(assessment, "snapshot", None) if assessment.is_submitted else None
    if snapshot is not None:
        data["result"] = {
            "overall": snapshot.overall,
            "band": snapshot.band,
            "created_at": snapshot.created_at.isoformat(),
        }
    return data


def _answer_label(question, value: Any, lang: str) -> str:
    if question is None:
        return ""
    try:
        return answer_text(question, value, lang)
    except (AttributeError, TypeError, ValueError):  # a value saved under an older bank version
        return ""


def personal_data_csv(data: dict[str, Any]) -> str:
    """The export as one CSV table: a row per company field and per answer (section, key, text, answer)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "key", "question", "answer", "value", "updated_at"])
    for name, value in data["company"].items():
        writer.writerow(["company", name, "", _cell(value), "", ""])
    for name, value in data["assessment"].items():
        writer.writerow(["assessment", name, "", _cell(value), "", ""])
    for row in data["answers"]:
        writer.writerow(
            ["answers", row["question_key"], row["question"], row["answer"], _cell(row["value"]), row["updated_at"]]
        )
    for name, value in data.get("result", {}).items():
        writer.writerow(["result", name, "", _cell(value), "", ""])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    cell = str(value)
    # A cell starting with = + - @ runs as a formula in a spreadsheet: print it as text.
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


# --- Cancellation (the "C" of ARCO): the owner deletes their assessment ------------------------------


@dataclass
class Deletion:
    """What one deletion removed (printed to the owner, or by purge_drafts)."""

    organization_name: str
    answers: int = 0
    results: int = 0
    pdf_files: int = 0
    firm_records: int = 0  # the firm's notes, plan actions and approved versions of this assessment
    organization_deleted: bool = False
    firm_name: str = ""  # the firm that keeps its client record (name and contact), if any
    file_names: list[str] = field(default_factory=list)


class NoLongerAbandoned(Exception):
    """The draft was saved (or submitted) after purge_drafts listed it: it stays."""


@transaction.atomic
def assessment_delete(*, assessment: Assessment, idle_before: datetime | None = None) -> Deletion:
    """Delete `assessment` with its answers, result, PDFs (rows and files) and everything hung on it.

    The firm's notes, plan and approved report versions of this assessment go too: they restate the
    owner's answers. The company goes with it when nothing else holds it (no other assessment, no firm);
    a firm's client record (company name and contact) stays with that firm, which answers for it.
    Files are deleted once the transaction commits (never for a rolled-back deletion). NotFound when
    the assessment is already gone. With `idle_before` (purge_drafts), raises NoLongerAbandoned unless
    it is still a draft last saved before then.
    """
    from assessments.reports.models import RenderedReport  # the reports app depends on this one
    from deliverables.models import Note, PlanAction, ReportVersion

    # of=self: PostgreSQL refuses FOR UPDATE on the nullable side (the firm) of the join.
    locked = Assessment.objects.select_for_update(of=("self",)).select_related("organization__firm")
    locked = locked.filter(pk=assessment.pk)
    assessment = locked.first()
    if assessment is None:  # a second click, or purge_drafts, got there first
        raise NotFound("assessment already deleted")
    if idle_before is not None and (assessment.is_submitted or assessment.updated_at >= idle_before):
        raise NoLongerAbandoned
    organization = assessment.organization
    outcome = Deletion(
        organization_name=organization.name, firm_name=organization.firm.name if organization.firm_id else ""
    )
    outcome.answers = assessment.answers.count()
    outcome.results = 1 if assessment.is_submitted else 0
    rendered = RenderedReport.objects.filter(snapshot__assessment=assessment).exclude(pdf="")
    outcome.file_names = list(rendered.values_list("pdf", flat=True))  # their rows' signal deletes these
    versions = ReportVersion.objects.filter(assessment=assessment)
    version_files = [
        getattr(version, name) for version in versions for name in ("pdf_es", "pdf_en", "docx_es", "docx_en")
    ]
    version_files = [file for file in version_files if file]
    outcome.file_names += [file.name for file in version_files]
    outcome.pdf_files = len(outcome.file_names)
    outcome.firm_records = (
        Note.objects.filter(assessment=assessment).count()
        + PlanAction.objects.filter(assessment=assessment).count()
        + versions.count()
    )
    assessment.delete()
    _delete_files_on_commit(version_files)  # ReportVersion has no delete signal of its own
    if organization.firm_id is None and not organization.assessments.exists():
        organization.delete()
        outcome.organization_deleted = True
    return outcome


def _delete_files_on_commit(files: list) -> None:
    """Delete each FieldFile from its own storage (local folder or S3) once the transaction commits."""
    doomed = [(file.storage, file.name) for file in files]

    def delete() -> None:
        for storage, name in doomed:
            try:
                storage.delete(name)
            except Exception:  # the rows are gone already: log the orphan file for the operator, never a 500
                logger.exception("Could not delete file %s of a deleted assessment", name)

    if doomed:
        transaction.on_commit(delete)


# --- Retention: drafts nobody touched for DRAFT_RETENTION_DAYS ---------------------------------------


def drafts_abandoned(*, days: int, now: datetime | None = None) -> QuerySet[Assessment]:
    """Drafts not saved for `days` days, except those a firm's live invitation still opens.

    A firm's live invitation says the firm is still waiting for that owner: the draft stays until the
    invitation expires or is revoked. Submitted assessments are never "abandoned".
    """
    now = now or timezone.now()
    live_invitation = Invitation.objects.filter(assessment=OuterRef("pk"), revoked_at=None, expires_at__gt=now)
    return (
        Assessment.objects.filter(status=Assessment.Status.DRAFT, updated_at__lt=now - timedelta(days=days))
        .filter(~Exists(live_invitation))
        .select_related("organization")
        .order_by("updated_at", "pk")
    )


def drafts_purge(*, days: int, dry_run: bool = False, now: datetime | None = None) -> list[tuple[Assessment, Deletion]]:
    """Delete the abandoned drafts (see drafts_abandoned) one by one; what was (or would be) deleted."""
    now = now or timezone.now()
    done = []
    for draft in drafts_abandoned(days=days, now=now):
        if dry_run:
            done.append((draft, _deletion_preview(draft)))
            continue
        try:
            done.append((draft, assessment_delete(assessment=draft, idle_before=now - timedelta(days=days))))
        except (NotFound, NoLongerAbandoned):  # deleted by its owner, or saved again, meanwhile
            continue
    return done


def _deletion_preview(draft: Assessment) -> Deletion:
    organization = draft.organization
    others = organization.assessments.filter(~Q(pk=draft.pk)).exists()
    return Deletion(
        organization_name=organization.name,
        answers=draft.answers.count(),
        organization_deleted=organization.firm_id is None and not others,
    )


def organizations_orphaned(*, days: int, now: datetime | None = None) -> QuerySet[Organization]:
    """Companies older than `days` with no assessment and no firm: no link and no consultant reaches them."""
    now = now or timezone.now()
    return Organization.objects.filter(firm=None, assessments=None, created_at__lt=now - timedelta(days=days))
