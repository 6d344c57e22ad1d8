"""The owner's results page leads with what to do: "Esta semana" and "Por averiguar" on top, the plan
collapsed by horizon, and one rounding rule for every score (page, chart, PDF)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.core.cache import cache

from assessments import presenters, services
from assessments.catalog import current_bank
from assessments.models import ResultSnapshot
from assessments.reports.charts import round_score
from tests.owner_flow import url
from tests.reports.conftest import pdf_reader, pdf_text, render_subject
from tests.scoring.strategies import extreme_answers

pytestmark = pytest.mark.django_db


def submit(organization, answers):
    assessment, token = services.assessment_start(organization=organization)
    services.assessment_save_answers(assessment=assessment, answers=answers)
    services.assessment_submit(assessment=assessment)
    return assessment, token


def visible(html: str) -> str:
    body = html.split("<main", 1)[1]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def weak(organization):
    """A company at its worst, with "No sé" on backups: many actions, one thing to find out."""
    answers = {**extreme_answers(current_bank(), best=False, profile={"uses_ai": "yes"}), "backups": "unknown"}
    assessment, token = submit(organization, answers)
    return assessment, token, presenters.result_view(assessment.snapshot.result, lang="es-mx")


def test_this_week_lists_at_most_three_actions_of_the_30_day_plan(client, weak):
    _, token, view = weak
    html = client.get(url("results", token)).content.decode()
    first = next(g for g in view.plan if g["horizon"] == 30)
    assert len(first["items"]) > 3  # the weak company has more than three, the page shows three
    assert [r["key"] for r in view.this_week] == [r["key"] for r in first["items"][:3]]
    section = html.split('id="esta-semana"', 1)[1].split("</section>", 1)[0]
    assert section.count("<li") == 3
    for rec in view.this_week:
        assert unescape(rec["summary"]) in unescape(section) and len(rec["summary"]) <= len(rec["text"])
        assert f'href="#{rec["anchor"]}"' in section
        assert f'id="{rec["anchor"]}"' in html  # "Ver detalle" leads to the full action in the plan
    assert "Ver detalle" in section


def test_this_week_and_things_to_find_out_come_before_the_scores(client, weak):
    _, token, view = weak
    html = client.get(url("results", token)).content.decode()
    assert view.to_verify
    order = [
        html.index(marker)
        for marker in (
            'id="esta-semana"',
            'id="por-averiguar"',
            "score-card",
            'id="dominios"',
            'id="estudio"',
            'id="plan"',
        )
    ]
    assert order == sorted(order)
    assert html.count('id="por-averiguar"') == 1  # not repeated further down
    page = visible(html)
    for item in view.to_verify:
        assert item["text"] in page and "Quién puede responder: " + "; ".join(item["who"]) in page


def test_each_horizon_of_the_plan_is_collapsed_but_the_first(client, weak):
    _, token, view = weak
    html = client.get(url("results", token)).content.decode()
    plan = html.split('id="plan"', 1)[1]
    details = re.findall(r"<details[^>]*>", plan)
    assert len(details) == len(view.plan) >= 3
    assert "open" in details[0] and not any("open" in d for d in details[1:])
    assert all(f'id="plazo-{g["horizon"]}"' in plan for g in view.plan)


def test_the_consultants_page_still_shows_things_to_find_out(client, weak):
    """The shared body keeps "Por averiguar" where no page printed it above."""
    from django.template.loader import render_to_string

    _, _, view = weak
    html = render_to_string("assessments/_results_body.html", {"result": view})
    assert 'id="por-averiguar"' in html and "<details" in html


def _with_domain_at(assessment, score: float):
    """The frozen result with its first domain at `score` and the lowest of all, the rest above 40."""
    snapshot = assessment.snapshot
    result = snapshot.result
    applicable = [d for d in result["domains"] if d["applicable"]]
    for d in applicable:
        d["score"] = max(d["score"], 40.0)
    applicable[0]["score"] = score
    ResultSnapshot.objects.filter(pk=snapshot.pk).update(result=result)
    assessment.refresh_from_db()
    return applicable[0]


def test_a_domain_at_12_5_prints_13_in_the_chart_the_table_and_the_pdf(client, weak):
    assessment, token, _ = weak
    domain = _with_domain_at(assessment, 12.5)
    assert round_score(12.5) == 13 and round_score(13.5) == 14 and round_score(12.49) == 12
    html = client.get(url("results", token)).content.decode()
    chart = html.split('id="dominios"', 1)[1].split("</svg>", 1)[0]
    assert re.search(r'font-weight="bold"[^>]*>13</text>', chart)
    assert f"{domain['title_es']}: 13/100" in unescape(chart)  # the chart's description
    row = re.search(
        r"<th scope=\"row\"[^>]*>" + re.escape(domain["title_es"]) + r"</th>\s*<td[^>]*>([^<]*)</td>", unescape(html)
    )
    assert row and row.group(1).strip() == "13"
    assert ">12<" not in chart
    view = presenters.result_view(assessment.snapshot.result, lang="es-mx")
    assert next(d for d in view.domains if d["key"] == domain["domain"])["points"] == 13
    text = pdf_text(pdf_reader(render_subject(assessment.snapshot, assessment.organization, "es")))
    flat = re.sub(r"\s+", " ", text)
    assert f"Tema más débil {domain['title_es']} · 13" in flat or f"{domain['title_es']} · 13" in flat
    assert f"{domain['title_es']} · 12" not in flat


def test_owners_read_tema_and_applicable_questions_in_the_pdf(weak):
    assessment, _, view = weak
    text = re.sub(r"\s+", " ", pdf_text(pdf_reader(render_subject(assessment.snapshot, assessment.organization, "es"))))
    assert "Puntaje por tema" in text and "Puntaje por dominio" not in text
    assert f"De {view.counts['questions']} preguntas que aplican a su empresa" in text
