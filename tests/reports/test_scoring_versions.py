"""The report of a scoring v2 result (band cap, counts, things to find out, the study named) and of a
v1 snapshot, which still renders with what it printed before."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assessments.catalog import current_bank
from assessments.reports.context import REPORT_VERSION, report_context
from assessments.reports.samples import sample_subject
from assessments.scoring.result import SCORING_VERSION
from tests.reports.conftest import pdf_reader, pdf_text, render_subject
from tests.scoring.strategies import extreme_answers

V1_SNAPSHOT = Path(__file__).parents[1] / "fixtures" / "result_v1.json"


def _normalized(text: str) -> str:
    """Spaces collapsed; a line broken after a hyphen ("CERT-⏎MX") joined again."""
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text)).strip()


@pytest.fixture(scope="module")
def capped(django_db_blocker):
    """Best answers except "No sé" on backups and on transfer controls: capped at Definido."""
    with django_db_blocker.unblock():
        answers = {
            **extreme_answers(current_bank(), best=True, profile={"uses_ai": "yes"}),
            "backups": "unknown",
            "bank_transfer_controls": "unknown",
        }
        snapshot, organization = sample_subject(company="Ferretería Robles", answers=answers)
        return snapshot, organization, _normalized(pdf_text(pdf_reader(render_subject(snapshot, organization, "es"))))


@pytest.fixture(scope="module")
def v1(django_db_blocker):
    with django_db_blocker.unblock():
        snapshot, organization = sample_subject(company="Panadería La Espiga", brand_name="Robles Ciberseguridad")
    snapshot.result = json.loads(V1_SNAPSHOT.read_text())
    return snapshot, organization


def test_the_report_says_why_the_band_is_capped(capped):
    snapshot, organization, text = capped
    assert snapshot.result["band"]["key"] == "definido" and snapshot.result["band_cap"]
    assert "Nivel Definido" in text
    assert "Nivel limitado por: Respaldos" in text and "(No sé)" in text


def test_the_report_counts_no_se_apart_and_lists_what_to_find_out(capped):
    snapshot, organization, text = capped
    counts = snapshot.result["counts"]
    line = f"{counts['answered']} respondidas · {counts['unknown']} «No sé» · {counts['unanswered']} sin respuesta"
    assert line in text
    assert "Por averiguar" in text
    view = report_context(snapshot=snapshot, organization=organization, lang="es")["view"]
    assert {t["question"] for t in view.to_verify} >= {"backups", "bank_transfer_controls"}
    for item in view.to_verify:
        assert _normalized(item["text"]) in text
        assert _normalized("Quién puede responder: " + "; ".join(item["who"])) in text


def test_the_report_names_the_study_and_its_limits(capped):
    snapshot, organization, text = capped
    assert "«AI Adoption Grows Among Mexican SMEs, but Cybersecurity Lags»" in text
    assert "Mexico Business News, 2025-05-27" in text and "Microsoft México" in text
    assert "traducción propia" in text
    assert "Límites del estudio" in text and "No se publicaron el tamaño de la muestra" in text
    assert f"Cálculo del puntaje {SCORING_VERSION}" in text and f"Formato del reporte {REPORT_VERSION}" in text


def test_the_trend_figure_is_context_not_an_answer(capped):
    _, _, text = capped
    assert "+11 pp" in text
    trend = text.split("+11 pp", 1)[1][:400]
    assert "Contexto del mercado" in trend and "Usted" not in trend.split("Contexto del mercado")[0]


def test_a_v1_snapshot_still_renders(v1):
    snapshot, organization = v1
    context = report_context(snapshot=snapshot, organization=organization, lang="es")
    assert not context["view"].v2
    assert [step["horizon"] for step in context["plan_horizons"]] == [30, 60, 90]
    reader = pdf_reader(render_subject(snapshot, organization, "es"))
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "5. Plan de acción a 30, 60 y 90 días" in outline and "7. Metodología y fuentes" in outline
    text = _normalized(pdf_text(reader))
    assert f"Nivel {snapshot.result['band']['es']}" in text and "Cálculo del puntaje 1.0.0" in text
    for absent in ("Nivel limitado por", "Por averiguar", "«No sé» ·", "Costo aproximado", "Contexto del mercado"):
        assert absent not in text
    for rec in snapshot.result["recommendations"]:  # every action in full, v1 too
        assert _normalized(rec["text_es"]) in text, rec["key"]


def test_a_capped_summary_says_why_and_names_the_study():
    from assessments.reports.context import report_summary_text
    from tests.scoring.strategies import extreme_answers

    answers = {**extreme_answers(current_bank(), best=True), "backups": "none"}
    snapshot, organization = sample_subject(answers=answers)
    summary = report_summary_text(snapshot=snapshot, organization=organization, lang="es")
    assert "Su nivel es Definido porque falta un control esencial" in summary
    assert "a PyMEs mexicanas (Mexico Business News, 2025-05-27)" in summary
    english = report_summary_text(snapshot=snapshot, organization=organization, lang="en")
    assert "Defined" in english
