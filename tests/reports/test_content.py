"""What the report prints: every action of the plan, every study figure, in both languages."""

from __future__ import annotations

import re

import pytest

from assessments.reports.context import report_context
from assessments.reports.samples import sample_subject
from tests.reports.conftest import pdf_reader

PLAN_SECTION = {"es": ("5. ", "6. "), "en": ("5. ", "6. ")}
MORE = {"es": "Más acciones recomendadas", "en": "More recommended actions"}  # the old one-line table


def _normalized(text: str) -> str:
    """Spaces collapsed; a line broken after a hyphen ("CERT-⏎MX") joined again."""
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text)).strip()


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
def test_the_plan_prints_every_action_in_full(sample_pdfs, subject, lang):
    snapshot, organization = subject
    triggered = snapshot.result["recommendations"]
    context = report_context(snapshot=snapshot, organization=organization, lang=lang)
    printed = [rec for step in context["plan_horizons"] for rec in step["items"]]
    assert len(triggered) > 10  # more than the old edition's cut of 10
    assert sorted(rec["key"] for rec in printed) == sorted(rec["key"] for rec in triggered)

    text = _section_text(pdf_reader(sample_pdfs[lang]), *PLAN_SECTION[lang])
    assert MORE[lang] not in text  # no one-line table any more: render time never cuts content
    for rec in printed:
        assert _normalized(rec["title"]) in text, rec["key"]
        assert _normalized(rec["text"]) in text, rec["key"]
        assert rec["cost"] in text, rec["key"]
        for resource in rec["resources"]:
            assert _normalized(resource["name"]) in text, rec["key"]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_plan_follows_the_engines_horizons(subject, lang):
    snapshot, organization = subject
    context = report_context(snapshot=snapshot, organization=organization, lang=lang)
    plan = {h["horizon"]: h["actions"] for h in snapshot.result["action_plan"]}
    assert [step["horizon"] for step in context["plan_horizons"]] == [30, 60, 90, 180]
    for step in context["plan_horizons"]:
        assert [rec["key"] for rec in step["items"]] == list(plan[step["horizon"]])
    assert len(context["plan_horizons"][0]["items"]) <= 5


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
