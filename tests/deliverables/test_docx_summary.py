"""The Word report's section 1 says what the PDF says: the reviewed first actions, the capped level."""

from __future__ import annotations

import io

import pytest
from docx import Document

from assessments.catalog import current_bank
from assessments.reports.context import report_context
from assessments.reports.samples import sample_subject
from assessments.reports.summary import report_summary_text
from deliverables.docx import report_docx
from tests.scoring.strategies import extreme_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def section_paragraphs(data: bytes, heading: str) -> list[str]:
    """The paragraphs after the heading `heading`, up to the next heading."""
    found, inside = [], False
    for paragraph in Document(io.BytesIO(data)).paragraphs:
        if paragraph.style.name.startswith("Heading"):
            if inside:
                break
            inside = paragraph.text == heading
        elif inside and paragraph.text.strip():
            found.append(paragraph.text)
    return found


def test_first_three_actions_are_the_reviewed_plans_never_a_hidden_one():
    snapshot, organization = sample_subject(company="Panadería La Espiga")
    view = report_context(snapshot=snapshot, organization=organization, lang="es")["view"]
    hidden, *kept = view.recommendations[:4]
    plan = [
        {"key": r["key"], "title": r["title"], "text": r["text"], "horizon": 30, "custom": False, "triggers": []}
        for r in reversed(kept)  # the consultant hid the first action and reversed the next three
    ]
    data = report_docx(snapshot=snapshot, organization=organization, lang="es", review={"plan": plan})
    first = section_paragraphs(data, "Sus tres primeras acciones")
    assert [line.split(" · ")[0] for line in first] == [f"{n}. {r['title']}" for n, r in enumerate(plan, start=1)]
    assert not any(hidden["title"] in line for line in first)


def test_a_capped_level_is_explained_as_in_the_pdf():
    bank = current_bank()
    answers = {**extreme_answers(bank, best=True, profile={"uses_ai": "yes"}), "backups": "unknown"}
    snapshot, organization = sample_subject(company="Café Robot", answers=answers)
    assert snapshot.result["band_cap"]  # the index alone would give a higher level
    lead = report_summary_text(snapshot=snapshot, organization=organization, lang="es")
    assert "porque falta un control esencial" in lead
    data = report_docx(snapshot=snapshot, organization=organization, lang="es")
    assert lead in section_paragraphs(data, "1. Resumen ejecutivo")
