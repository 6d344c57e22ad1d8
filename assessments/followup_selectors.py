"""Reads for a re-assessment: the answers it started from and the steps the owner has saved since."""

from __future__ import annotations

from typing import Any

from assessments.catalog import current_bank
from assessments.models import Assessment, StepConfirmation
from assessments.question_bank.answers import answers_valid_for


def assessment_previous_answers(*, assessment: Assessment) -> dict[str, Any] | None:
    """The answers of the assessment this one started from, as they fit the current bank (as copied
    in at the start); None when this is not a re-assessment."""
    if assessment.previous_id is None:
        return None
    stored = {a.question_key: a.value for a in assessment.previous.answers.all()}
    return answers_valid_for(current_bank(), stored)


def assessment_confirmed_steps(*, assessment: Assessment) -> set[str]:
    return set(StepConfirmation.objects.filter(assessment=assessment).values_list("section_key", flat=True))
