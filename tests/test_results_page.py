"""The owner's results page (and the consultant's copy of it) for scoring v2 results and v1 snapshots."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.urls import reverse

from assessments import presenters, services
from assessments.catalog import current_bank
from assessments.models import ResultSnapshot
from tests.owner_flow import url
from tests.scoring.strategies import extreme_answers

pytestmark = pytest.mark.django_db

V1_SNAPSHOT = Path(__file__).parent / "fixtures" / "result_v1.json"


def submit(organization, answers):
    assessment, token = services.assessment_start(organization=organization)
    services.assessment_save_answers(assessment=assessment, answers=answers)
    services.assessment_submit(assessment=assessment)
    return assessment, token


def text_of(response) -> str:
    """The page's visible text, tags removed and spaces collapsed."""
    body = response.content.decode().split("<main", 1)[1]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture
def weak(organization):
    """A company at its worst, with "No sé" on backups and feeling very well prepared."""
    answers = {
        **extreme_answers(current_bank(), best=False, profile={"uses_ai": "yes"}),
        "backups": "unknown",
        "preparedness_feeling": 5,
    }
    assessment, token = submit(organization, answers)
    return assessment, token, presenters.result_view(assessment.snapshot.result, lang="es-mx")


@pytest.fixture
def capped(organization):
    """Everything at its best except backups ("No sé"): the band is capped at Definido."""
    answers = {**extreme_answers(current_bank(), best=True, profile={"uses_ai": "yes"}), "backups": "unknown"}
    assessment, token = submit(organization, answers)
    return assessment, token


def test_a_capped_band_says_why(client, capped):
    assessment, token = capped
    page = text_of(client.get(url("results", token)))
    assert "Nivel: Definido" in page
    assert "Nivel limitado por: Respaldos" in page and "(No sé)" in page


def test_counts_say_answered_and_no_se_apart(client, weak):
    _, token, view = weak
    page = text_of(client.get(url("results", token)))
    counts = view.counts
    line = f"{counts['answered']} respondidas · {counts['unknown']} «No sé» · {counts['unanswered']} sin respuesta"
    assert line in page and counts["unknown"] >= 1
    assert counts["answered"] + counts["unknown"] + counts["unanswered"] == counts["questions"]


def test_things_to_find_out_name_who_can_answer(client, weak):
    _, token, view = weak
    page = text_of(client.get(url("results", token)))
    assert "Por averiguar" in page and 'href="#por-averiguar"' in client.get(url("results", token)).content.decode()
    for item in view.to_verify:
        assert item["text"] in page
        assert "Quién puede responder: " + "; ".join(item["who"]) in page


def test_plan_has_at_most_five_actions_in_thirty_days_and_every_action_in_full(client, weak):
    _, token, view = weak
    html = client.get(url("results", token)).content.decode()
    page = text_of(client.get(url("results", token)))
    first = html.split('id="plazo-30"', 1)[1].split('id="plazo-60"', 1)[0]
    assert 1 <= first.count('class="recommendation mb-3"') <= 5
    for title in ("Primeros 30 días", "Días 31 a 60", "Días 61 a 90", "Después"):
        assert title in page
    assert len(view.recommendations) > 20  # the weakest company: the whole plan is on the page
    for rec in view.recommendations:
        assert rec["title"] in page and rec["text"] in page, rec["key"]
        assert rec["cost"] in page
        for trigger in rec["triggers"]:
            assert trigger["question"] in page
        for resource in rec["resources"]:
            assert resource["name"] in page and (resource["contact"] in page or resource["url"] in html)
    assert "$" in page and "MXN" in page and "Sin costo (solo tiempo)" in page


def test_comparison_is_honest(client, weak):
    _, token, view = weak
    html = client.get(url("results", token)).content.decode()
    page = text_of(client.get(url("results", token)))
    assert "Usted: no · PyMEs en el estudio: 49%" in page
    assert "Contexto del mercado" in page and "+11 pp" in page
    assert not re.search(r"Usted: [^·]+· PyMEs en el estudio: \+11 pp", page)  # the trend is never "Usted: …"
    assert "Mexico Business News" in page and "2025-05-27" in page
    assert "AI Adoption Grows Among Mexican SMEs, but Cybersecurity Lags" in page
    assert reverse("assessments:methodology") in html


def test_self_rating_is_compared_with_the_result(client, weak):
    _, token, _ = weak
    page = text_of(client.get(url("results", token)))
    assert "Confianza de más" in page and "Usted calificó su preparación con 5 de 5" in page


def test_consultant_page_shows_the_same_new_parts(consultant_client, firm, weak):
    assessment, _, view = weak
    assessment.organization.firm = firm
    assessment.organization.save()
    response = consultant_client.get(reverse("consultants:assessment_detail", args=[assessment.pk]))
    page = text_of(response)
    assert view.counts["line"] in page and "Por averiguar" in page and "Confianza de más" in page
    assert all(rec["cost"] in page for rec in view.recommendations)


def test_landing_and_methodology_name_the_study(client):
    landing = text_of(client.get(reverse("assessments:landing")))
    assert "Mexico Business News" in landing and "2025-05-27" in landing
    page = text_of(client.get(reverse("assessments:methodology")))
    assert "AI Adoption Grows Among Mexican SMEs, but Cybersecurity Lags" in page
    assert "Microsoft México" in page and "Límites del estudio" in page and "No se publicaron" in page


def test_a_v1_snapshot_renders_as_before(client, organization, weak):
    assessment, token, _ = weak
    v1 = json.loads(V1_SNAPSHOT.read_text())
    ResultSnapshot.objects.filter(assessment=assessment).update(result=v1, scoring_version="1.0.0")
    response = client.get(url("results", token))
    assert response.status_code == 200
    page = text_of(response)
    assert f"Nivel: {v1['band']['es']}" in page
    assert "Preguntas contestadas" in page  # v1's domain table
    for absent in ("Nivel limitado por", "Por averiguar", "«No sé» ·", "Contexto del mercado", "Confianza de"):
        assert absent not in page
    assert "Usted: sí · PyMEs en el estudio: +11 pp" in page  # what v1 printed, unchanged
    for rec in v1["recommendations"]:
        assert rec["title_es"] in page
    assert "En 30 días" in page and "Después" not in page


def test_many_no_se_answers_fold_after_five_so_the_score_stays_near_the_top(client, organization):
    bank = current_bank()
    answers = extreme_answers(bank, best=True, profile={"uses_ai": "yes"})
    answers.update({q.key: "unknown" for q in bank.questions if q.unknown and q.key in answers})
    _, token = submit(organization, answers)
    html = client.get(url("results", token)).content.decode()
    section = html.split('id="por-averiguar"', 1)[1].split("</section>", 1)[0]
    shown, folded = section.split('<details class="to-verify-rest">', 1)
    assert shown.count("<li") == 5
    rest = folded.count("<li")
    assert rest >= 10 and f"Ver las otras {rest} preguntas" in folded
    assert "Quién puede responder:" in folded


def test_an_empty_plan_horizon_is_one_line_not_a_fold(client, capped):
    _, token = capped
    html = client.get(url("results", token)).content.decode()
    plan = html.split('id="plan"', 1)[1].split("</section>", 1)[0]
    later = plan.split('id="plazo-180"', 1)[1]
    assert "Nada pendiente." in later.split("</div>", 1)[0]
    assert "(0 acciones)" not in plan and plan.count("<details") < 4
