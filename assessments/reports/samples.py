"""An in-memory report subject (unsaved Organization, Assessment and ResultSnapshot) from demo answers.

For the benchmark and the rendering tests: the report context only reads these objects, so nothing
needs a database. Scored exactly as services.assessment_submit scores a real assessment.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from assessments.catalog import current_bank, current_benchmarks
from assessments.demo_answers import demo_answers
from assessments.models import Assessment, Organization, ResultSnapshot
from assessments.question_bank.answers import appendix
from assessments.scoring import score_assessment

SAMPLE_DATE = datetime(2025, 6, 2, 17, 0, tzinfo=UTC)


def sample_subject(
    *,
    company: str = "Despacho Contable Morales",
    maturity: float = 0.5,
    seed: int = 7,
    answers: dict[str, Any] | None = None,
    **organization_fields: Any,
) -> tuple[ResultSnapshot, Organization]:
    """(snapshot, organization) for a submitted assessment; `answers` default to demo answers."""
    bank = current_bank()
    if answers is None:
        answers = demo_answers(bank, maturity=maturity, seed=seed)
    result = score_assessment(bank=bank, answers=answers, benchmarks=current_benchmarks())
    payload = {**result.as_dict(), "appendix": appendix(bank, answers)}
    organization = Organization(name=company, size_band=Organization.Size.SMALL, **organization_fields)
    assessment = Assessment(
        organization=organization,
        bank_version=bank.version,
        status=Assessment.Status.SUBMITTED,
        submitted_at=SAMPLE_DATE,
    )
    digest = hashlib.sha256(
        json.dumps({"answers": answers, "result": payload, "org": company}, sort_keys=True).encode()
    ).hexdigest()
    snapshot = ResultSnapshot(
        assessment=assessment,
        bank_version=result.bank_version,
        benchmarks_version=result.benchmarks_version,
        scoring_version=result.scoring_version,
        answers=answers,
        result=payload,
        overall=result.overall,
        band=result.band.key,
        content_hash=digest,
        created_at=SAMPLE_DATE,
    )
    return snapshot, organization
