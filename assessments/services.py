"""Writes: every change to organisations, assessments and answers goes through these functions."""

from __future__ import annotations

import hashlib
import json
import logging
import smtplib
from datetime import timedelta
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from assessments.catalog import current_bank, current_benchmarks
from assessments.models import Answer, Assessment, Organization, ResultSnapshot, StepConfirmation
from assessments.question_bank.answers import AnswerError, answers_valid_for, appendix, normalize_answer
from assessments.questionnaire import missing
from assessments.scoring import score_assessment
from assessments.tokens import token_hash, token_new

# Two years: long enough to come back next year, compare, and start the re-assessment from the same link.
RESUME_TOKEN_LIFETIME = timedelta(days=730)

logger = logging.getLogger(__name__)


class StaleRevision(Exception):
    """The answers were changed elsewhere (another tab) since this form was shown."""


class AlreadySubmitted(Exception):
    """A submitted assessment is frozen."""


class FollowupDraftExists(Exception):
    """The company already has a draft assessment: a re-assessment would make a second one."""

    def __init__(self, draft: Assessment) -> None:
        super().__init__(f"assessment {draft.pk} is still a draft")
        self.draft = draft


class NothingToFollowUp(Exception):
    """A re-assessment starts from a submitted assessment, and the company has none."""


class IncompleteAssessment(Exception):
    """Required questions that apply are still unanswered."""

    def __init__(self, keys: list[str]) -> None:
        super().__init__(", ".join(keys))
        self.keys = keys


def organization_create(*, name: str, firm=None, created_by=None, **fields: Any) -> Organization:
    org = Organization(name=name, firm=firm, created_by=created_by, **fields)
    org.full_clean()
    org.save()
    return org


def assessment_start(
    *, organization: Organization, language: str = "es-mx", owner_email: str = ""
) -> tuple[Assessment, str]:
    """A new draft assessment and its secret resume token (returned once, stored hashed)."""
    token = token_new()
    assessment = Assessment(
        organization=organization,
        bank_version=current_bank().version,
        language=language,
        owner_email=owner_email,
        token_hash=token_hash(token),
        token_expires_at=timezone.now() + RESUME_TOKEN_LIFETIME,
    )
    assessment.full_clean()
    assessment.save()
    return assessment, token


@transaction.atomic
def assessment_start_followup(
    *, organization: Organization, language: str | None = None, owner_email: str | None = None
) -> tuple[Assessment, str]:
    """A re-assessment: a new draft pre-filled with the answers of the latest submitted assessment.

    Only the answers that fit the current bank are copied (the others become unanswered questions).
    `language` and `owner_email` default to the previous assessment's. Raises FollowupDraftExists
    when the company already has a draft (one at a time), NothingToFollowUp without a submitted one.
    """
    # Lock the company: two clicks, or two colleagues at once, make one draft.
    Organization.objects.select_for_update().get(pk=organization.pk)
    draft = organization.assessments.filter(status=Assessment.Status.DRAFT).order_by("-created_at").first()
    if draft is not None:
        raise FollowupDraftExists(draft)
    previous = (
        organization.assessments.filter(status=Assessment.Status.SUBMITTED).order_by("-submitted_at", "-pk").first()
    )
    if previous is None:
        raise NothingToFollowUp
    assessment, token = assessment_start(
        organization=organization,
        language=language or previous.language,
        owner_email=previous.owner_email if owner_email is None else owner_email,
    )
    assessment.previous = previous
    assessment.save(update_fields=["previous"])
    stored = {a.question_key: a.value for a in previous.answers.all()}
    Answer.objects.bulk_create(
        Answer(assessment=assessment, question_key=key, value=value)
        for key, value in answers_valid_for(current_bank(), stored).items()
    )
    return assessment, token


def assessment_step_confirm(*, assessment: Assessment, step: str) -> None:
    """Record that the owner saved `step` of this re-assessment (idempotent)."""
    StepConfirmation.objects.get_or_create(assessment=assessment, section_key=step)


# The company profile a firm already recorded for a client: the owner finds it answered (and may change it).
PROFILE_FROM_ORGANIZATION = {"company_size": "size_band", "sector": "sector", "state": "state"}


def assessment_prefill_profile(*, assessment: Assessment) -> list[str]:
    """Answer the profile questions from the client record where the owner has not; the keys filled.

    Values that are not a choice of the current bank (e.g. an old free-text sector) are left for the
    owner to answer.
    """
    bank = current_bank()
    known = set(assessment.answers.values_list("question_key", flat=True))
    filled = []
    for key, field in PROFILE_FROM_ORGANIZATION.items():
        value = getattr(assessment.organization, field, "")
        if not value or key in known or not bank.has_question(key):
            continue
        try:
            value = normalize_answer(bank.question(key), value)
        except AnswerError:
            continue
        Answer.objects.create(assessment=assessment, question_key=key, value=value)
        filled.append(key)
    return filled


@transaction.atomic
def assessment_save_answers(
    *, assessment: Assessment, answers: dict[str, Any], revision: int | None = None
) -> Assessment:
    """Validate and save one step's answers (None clears an answer). Detects stale tabs.

    Raises AnswerError for an invalid value (nothing is saved), StaleRevision when `revision`
    is older than the stored one, AlreadySubmitted after submission.
    """
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_submitted:
        raise AlreadySubmitted
    if revision is not None and revision != locked.revision:
        raise StaleRevision
    bank = current_bank()
    clean = {}
    for key, value in answers.items():
        if value is not None:
            value = normalize_answer(bank.question(key), value)
        clean[key] = value
    cleared = [key for key, value in clean.items() if value is None]
    if cleared:
        Answer.objects.filter(assessment=locked, question_key__in=cleared).delete()
    given = [
        Answer(assessment=locked, question_key=key, value=value) for key, value in clean.items() if value is not None
    ]
    if given:
        # One statement for the step: insert each answer, or update the one already there (same row, same id).
        # The assessment row is locked above, so no other request writes these answers meanwhile.
        Answer.objects.bulk_create(
            given,
            update_conflicts=True,
            unique_fields=["assessment", "question_key"],
            update_fields=["value", "updated_at"],
        )
    locked.revision += 1
    locked.save(update_fields=["revision", "updated_at"])
    assessment.revision = locked.revision
    return locked


def _content_hash(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def result_snapshot_build(*, assessment: Assessment, answers: dict[str, Any]) -> ResultSnapshot:
    """An unsaved snapshot: the scored result of `answers` under the current bank and data.

    Answers that no longer fit the bank are dropped (they become unanswered questions). The
    question texts are frozen too, so the report reads the same after the bank changes.
    """
    bank = current_bank()
    answers = answers_valid_for(bank, answers)
    result = score_assessment(bank=bank, answers=answers, benchmarks=current_benchmarks())
    payload = {**result.as_dict(), "appendix": appendix(bank, answers)}
    return ResultSnapshot(
        assessment=assessment,
        bank_version=result.bank_version,
        benchmarks_version=result.benchmarks_version,
        scoring_version=result.scoring_version,
        answers=answers,
        result=payload,
        overall=result.overall,
        band=result.band.key,
        content_hash=_content_hash({"answers": answers, "result": payload, "org": assessment.organization.name}),
    )


@transaction.atomic
def assessment_submit(*, assessment: Assessment) -> ResultSnapshot:
    """Score the answers and freeze the result with the bank, data and scoring versions."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_submitted:
        raise AlreadySubmitted
    stored = {a.question_key: a.value for a in locked.answers.all()}
    snapshot = result_snapshot_build(assessment=locked, answers=stored)
    snapshot.save()
    locked.status = Assessment.Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    assessment.status, assessment.submitted_at = locked.status, locked.submitted_at
    return snapshot


@transaction.atomic
def assessment_submit_reviewed(*, assessment: Assessment, revision: int) -> ResultSnapshot:
    """Submit exactly what the owner reviewed: the answers at `revision`, every required one given.

    Raises StaleRevision (changed elsewhere since the review page was shown), IncompleteAssessment,
    AlreadySubmitted.
    """
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_submitted:
        raise AlreadySubmitted
    if revision != locked.revision:
        raise StaleRevision
    gaps = missing(current_bank(), {a.question_key: a.value for a in locked.answers.all()})
    if gaps:
        raise IncompleteAssessment([q.key for q in gaps])
    return assessment_submit(assessment=assessment)


def assessment_send_resume_link(*, assessment: Assessment, resume_url: str) -> bool:
    """E-mail the resume link to the owner's address (in the active language). False if it failed."""
    if not assessment.owner_email:
        return False
    context = {
        "organization": assessment.organization.name,
        "resume_url": resume_url,
        "expires_at": assessment.token_expires_at,
        "submitted": assessment.is_submitted,
    }
    subject = render_to_string("assessments/email/resume_link_subject.txt", context).strip()
    body = render_to_string("assessments/email/resume_link.txt", context)
    try:
        send_mail(subject, body, None, [assessment.owner_email])
    except (smtplib.SMTPException, OSError):
        logger.warning("resume link e-mail failed for assessment %s", assessment.pk, exc_info=True)
        return False
    return True


def assessment_token_renew(*, assessment: Assessment) -> str:
    """A new secret resume link for the next two years; the old link stops working at once.

    Returns the new token (shown once, stored hashed). A firm's invitation link is the firm's to revoke
    or renew and is left as it is.
    """
    token = token_new()
    assessment.token_hash = token_hash(token)
    assessment.token_expires_at = timezone.now() + RESUME_TOKEN_LIFETIME
    assessment.save(update_fields=["token_hash", "token_expires_at"])
    return token
