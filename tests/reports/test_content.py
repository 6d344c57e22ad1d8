"""What the report prints: every action of the plan, every study figure, in both languages."""

from __future__ import annotations

import re

import pytest

from assessments.reports.context import PLAN_IN_FULL, report_context
from assessments.reports.samples import sample_subject
from tests.reports.conftest import pdf_reader

PLAN_SECTION = {"es": ("5. Plan de acción", "6. Anexo"), "en": ("5. 30, 60 and 90-day", "6. Appendix")}
MORE = {"es": "Más acciones recomendadas", "en": "More recommended actions"}


def _normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def subject(django_db_blocker):
    """The subject of conftest.sample_pdfs (same company, branding and demo answers)."""
    with django_db_blocker.unblock():
        return sample_subject(company="Panadería La Espiga", brand_name="Robles Ciberseguridad")


def _section_text(reader, start: str, end: str) -> str:
    outline = [item for item in reader.outline if not isinstance(item, list)]
    first = next(reader.get_destination_page_number(i) for i in outline if i.title.startswith(start))
    after = next(reader.get_destination_page_number(i) for i in outline if i.title.startswith(end))
    return _normalized(" ".join(reader.pages[n].extract_text() for n in range(first, after)))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_plan_lists_every_triggered_recommendation(sample_pdfs, subject, lang):
    snapshot, organization = subject
    triggered = snapshot.result["recommendations"]
    context = report_context(snapshot=snapshot, organization=organization, lang=lang)
    in_full = [rec for step in context["plan_horizons"] for rec in step["items"]]
    more = context["plan_more"]
    assert len(triggered) > PLAN_IN_FULL  # the demo subject exercises both parts of the plan
    # Every triggered recommendation once: the highest priorities in full, the others in the table.
    assert sorted(rec["key"] for rec in in_full + more) == sorted(rec["key"] for rec in triggered)
    # (grouped under their horizon, so compared as sets)
    assert {rec["key"] for rec in in_full} == {rec["key"] for rec in triggered[:PLAN_IN_FULL]}

    text = _section_text(pdf_reader(sample_pdfs[lang]), *PLAN_SECTION[lang])
    detailed, _, table = text.rpartition(MORE[lang])  # the heading; the notes above also name it
    assert table, "the plan has no table of more recommended actions"
    for rec in in_full:
        assert _normalized(rec["title"]) in detailed
        assert _normalized(rec["text"]) in detailed, rec["key"]
    for rec in more:
        assert _normalized(rec["title"]) in table, rec["key"]
        assert _normalized(rec["text"])[:60] not in text  # one line each: the full text is on the results page


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_plan_shows_every_horizon_that_has_actions(subject, lang):
    snapshot, organization = subject
    context = report_context(snapshot=snapshot, organization=organization, lang=lang)
    for step in context["plan_horizons"]:
        total = len(step["items"]) + step["more"]
        assert total == sum(1 for rec in snapshot.result["recommendations"] if rec["horizon"] == step["horizon"])
    assert [step["horizon"] for step in context["plan_horizons"]] == [30, 60, 90]
    # The demo's top ten fall in the first 60 days; the 90-day actions are only in the table.
    assert context["plan_horizons"][2]["items"] == [] and context["plan_horizons"][2]["more"] > 0


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_study_figure_is_printed_once_with_its_source(sample_pdfs, subject, lang):
    snapshot, organization = subject
    context = report_context(snapshot=snapshot, organization=organization, lang=lang)
    view = context["view"]
    in_rows = [row.figure for group in context["comparison_groups"] for row in group["rows"]]
    charted = [c["figure"] for c in snapshot.result["comparisons"] if c["kind"] == "practice"]
    assert sorted(in_rows + charted) == sorted(c.figure for c in view.comparisons)
    assert not set(in_rows) & set(charted)  # the chart's figures are not repeated in the rows

    reader = pdf_reader(sample_pdfs[lang])
    start, end = ("3. ", "4. ")
    text = _section_text(reader, start, end)
    for row in view.comparisons:
        assert row.study_text in text, row.figure
        if row.figure in in_rows:
            assert _normalized(row.label).lower() in text.lower(), row.figure
    assert text.count("Mexico Business News") == 1  # the source, named once in the section
