"""What the results page and the report print comes from one place and reads right in es and en."""

import json
from pathlib import Path

import pytest

from assessments.catalog import current_bank, current_benchmarks
from assessments.presenters import format_mxn, is_v2, result_view
from assessments.question_bank.answers import appendix
from assessments.reports.charts import Bar, PairedBar, comparison_bars, domain_bars
from assessments.scoring import score_assessment
from tests.scoring.strategies import extreme_answers


def frozen(answers):
    bank = current_bank()
    result = score_assessment(bank=bank, answers=answers, benchmarks=current_benchmarks())
    return {**result.as_dict(), "appendix": appendix(bank, answers)}


@pytest.fixture
def weak():
    return frozen(extreme_answers(current_bank(), best=False, profile={"uses_ai": "yes", "ai_policy": "no"}))


def test_comparison_line_in_spanish(weak):
    view = result_view(weak, lang="es-mx")
    policy = next(c for c in view.comparisons if c.figure == "ai_policy")
    assert policy.line == "Usted: no · PyMEs en el estudio: 49%"
    change = next(c for c in view.comparisons if c.figure == "ai_integrated_change")
    assert change.study_text == "+11 pp"


def test_comparison_line_in_english(weak):
    view = result_view(weak, lang="en")
    policy = next(c for c in view.comparisons if c.figure == "ai_policy")
    assert policy.line == "You: no · SMEs in the study: 49%"
    assert view.band == "Initial"
    assert all(r["title"] for r in view.recommendations)


def test_plan_groups_recommendations_by_the_engines_horizons(weak):
    view = result_view(weak, lang="es-mx")
    assert [p["horizon"] for p in view.plan] == [30, 60, 90, 180]
    assert [p["title"] for p in view.plan][0] == "Primeros 30 días"
    assert len(view.plan[0]["items"]) <= 5
    assert sum(len(p["items"]) for p in view.plan) == len(view.recommendations)
    assert all(item["plan_horizon"] == p["horizon"] for p in view.plan for item in p["items"])
    assert all(item["when"] == p["title"] for p in view.plan for item in p["items"])


def test_recommendations_name_the_questions_behind_them(weak):
    view = result_view(weak, lang="es-mx")
    triggers = {t for r in view.recommendations for t in r["triggered_by"]}
    assert "¿Tienen por escrito las reglas de cómo puede usar la IA su personal?" in triggers


def test_appendix_lists_answers_in_the_language(weak):
    es = result_view(weak, lang="es-mx").appendix
    en = result_view(weak, lang="en").appendix
    assert len(es) == len(en) == len(weak["appendix"])
    policy_es = next(r for r in es if r["question"].startswith("¿Tienen por escrito las reglas"))
    assert policy_es["answer"] == "No"


def test_appendix_texts_are_frozen_not_read_from_the_current_bank(weak):
    weak["appendix"][0]["text_es"] = "Texto de una versión anterior del banco"
    assert result_view(weak, lang="es-mx").appendix[0]["question"] == "Texto de una versión anterior del banco"


def test_charts_are_svg_with_accessible_title(weak):
    view = result_view(weak, lang="es-mx")
    assert view.domain_chart_svg.startswith("<svg") and 'role="img"' in view.domain_chart_svg
    assert "<title" in view.comparison_chart_svg and "49%" in view.comparison_chart_svg


def test_chart_labels_are_escaped():
    hostile = '<script>alert(1)</script>" onload="x'
    svg = domain_bars([Bar(hostile, 50)], title=hostile) + comparison_bars(
        [PairedBar(hostile, 100, hostile, 49)], title=hostile, you_label=hostile, study_label=hostile
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_chart_clamps_out_of_range_values():
    svg = domain_bars([Bar("x", 150), Bar("y", -5)], title="t")
    assert ">100</text>" in svg and ">0</text>" in svg


V1_SNAPSHOT = Path(__file__).parent / "fixtures" / "result_v1.json"


@pytest.fixture
def v1():
    """A result frozen under scoring 1.0.0 (demo answers, mid maturity): only the v1 keys."""
    return json.loads(V1_SNAPSHOT.read_text())


def test_money_is_written_as_in_mexico():
    assert format_mxn({"min": 2000, "max": 8000}) == "$2,000–$8,000 MXN"
    assert format_mxn({"min": 0, "max": 5000}) == "$0–$5,000 MXN"
    assert format_mxn({"min": 15000, "max": 15000}) == "$15,000 MXN"
    assert format_mxn({"min": 0, "max": 0}) == "Sin costo (solo tiempo)"
    assert format_mxn(None) == ""


def test_every_action_carries_triggers_effort_cost_and_resources(weak):
    view = result_view(weak, lang="es-mx")
    for rec in view.recommendations:
        assert rec["triggers"] and all(t["question"] and t["answer"] for t in rec["triggers"])
        assert rec["effort_text"] in ("bajo", "medio", "alto")
        assert rec["cost"].endswith("MXN") or rec["cost"] == "Sin costo (solo tiempo)"
    with_resources = [r for r in view.recommendations if r["resources"]]
    assert with_resources, "the weakest company gets at least one action with a Mexican resource"
    assert all(res["name"] and (res["contact"] or res["url"]) for r in with_resources for res in r["resources"])


def test_cap_counts_and_things_to_find_out(weak):
    weak_unknown = frozen({**extreme_answers(current_bank(), best=True), "backups": "unknown"})
    view = result_view(weak_unknown, lang="es-mx")
    assert view.v2 and view.band_cap is not None
    assert view.band == "Definido" and view.band_cap["uncapped"] != "Definido"
    assert view.band_cap["line"].startswith("Nivel limitado por: ")
    assert "(No sé)" in view.band_cap["line"]
    assert view.counts["unknown"] >= 1
    assert "«No sé»" in view.counts["line"] and "respondidas" in view.counts["line"]
    backups = next(t for t in view.to_verify if t["question"] == "backups")
    worst = frozen({**extreme_answers(current_bank(), best=True), "backups": "none"})
    line = result_view(worst, lang="es-mx").band_cap["line"]
    assert "(none)" not in line and "Respaldos de la información (" in line, line  # the answer's own words
    assert backups["who"] and all(isinstance(w, str) and w for w in backups["who"])


def test_context_figures_are_never_compared_with_the_answer(weak):
    view = result_view(weak, lang="es-mx")
    change = next(c for c in view.comparisons if c.figure == "ai_integrated_change")
    assert change.compare == "context" and "Usted" not in change.line
    assert view.context_comparisons == [change]
    assert "+11 pp" not in view.comparison_chart_svg  # the chart only holds practices, as statuses


def test_status_comparisons_are_not_drawn_as_percentages_of_the_company(weak):
    svg = result_view(weak, lang="es-mx").comparison_chart_svg
    assert "Usted: no" in svg and "49%" in svg
    assert 'fill="#1d4ed8"/>' not in svg  # no blue bar for the company: its status is printed as text


def test_self_rating_compared_with_the_band():
    answers = {**extreme_answers(current_bank(), best=False), "preparedness_feeling": 5}
    view = result_view(frozen(answers), lang="es-mx")
    assert view.self_rating["verdict"] == "overconfident"
    assert view.self_rating["verdict_text"] == "Confianza de más"
    # The verdict is printed in bold before the text: the text does not say it again.
    assert view.self_rating["text"].startswith("Usted se siente mejor preparado de lo que muestran sus respuestas")


def test_study_is_named_with_its_limits(weak):
    study = result_view(weak, lang="es-mx").study
    assert study["title"] == "AI Adoption Grows Among Mexican SMEs, but Cybersecurity Lags"
    assert study["publisher"] == "Mexico Business News" and study["published"] == "2025-05-27"
    assert "traducción" in study["title_translated"] and study["limitations"]


def test_v1_snapshot_reads_as_before(v1):
    assert v1["scoring_version"] == "1.0.0" and not is_v2(v1)
    view = result_view(v1, lang="es-mx")
    assert not view.v2 and view.band_cap is None and view.counts is None and view.to_verify == []
    assert view.self_rating is None and view.not_applicable == [] and view.context_comparisons == []
    assert [p["horizon"] for p in view.plan] == [30, 60, 90]
    assert all(item["horizon"] == p["horizon"] for p in view.plan for item in p["items"])
    assert sum(len(p["items"]) for p in view.plan) == len(v1["recommendations"])
    assert all(rec["cost"] == "" and rec["resources"] == [] for rec in view.recommendations)
    change = next(c for c in view.comparisons if c.figure == "ai_integrated_change")
    assert change.line == "Usted: sí · PyMEs en el estudio: +11 pp"  # v1 printed it so; kept identical
    assert 'fill="#1d4ed8"/>' in view.comparison_chart_svg  # v1's paired bars, as before
    assert view.overall == v1["overall"] and view.band == v1["band"]["es"]
