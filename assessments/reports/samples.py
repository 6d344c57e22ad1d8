"""An in-memory report subject (unsaved Organization, Assessment and ResultSnapshot) from demo answers.

For the benchmark and the rendering tests: the report context only reads these objects, so nothing
needs a database. Built by the same services.result_snapshot_build that freezes a real submission.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from assessments.catalog import current_bank
from assessments.demo_answers import demo_answers
from assessments.models import Assessment, Organization, ResultSnapshot
from assessments.services import result_snapshot_build
from firms.models import Firm

SAMPLE_DATE = datetime(2025, 6, 2, 17, 0, tzinfo=UTC)


def sample_subject(
    *,
    company: str = "Despacho Contable Morales",
    maturity: float = 0.5,
    seed: int = 7,
    answers: dict[str, Any] | None = None,
    brand_name: str = "",
    **organization_fields: Any,
) -> tuple[ResultSnapshot, Organization]:
    """(snapshot, organization) for a submitted assessment; `answers` default to demo answers."""
    bank = current_bank()
    if answers is None:
        answers = demo_answers(bank, maturity=maturity, seed=seed)
    organization = Organization(name=company, size_band=Organization.Size.SMALL, **organization_fields)
    if brand_name:
        organization.firm = Firm(name=brand_name)  # unsaved: the report only reads its branding
    assessment = Assessment(
        organization=organization,
        bank_version=bank.version,
        status=Assessment.Status.SUBMITTED,
        submitted_at=SAMPLE_DATE,
    )
    snapshot = result_snapshot_build(assessment=assessment, answers=answers)
    snapshot.created_at = SAMPLE_DATE
    return snapshot, organization
