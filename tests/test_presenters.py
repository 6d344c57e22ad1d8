"""What the results page and the report print comes from one place and reads right in es and en."""

import pytest

from assessments.catalog import current_bank, current_benchmarks
from assessments.presenters import result_view
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


def test_plan_groups_recommendations_by_horizon(weak):
    view = result_view(weak, lang="es-mx")
    assert [p["horizon"] for p in view.plan] == [30, 60, 90]
    assert sum(len(p["items"]) for p in view.plan) == len(view.recommendations)
    assert all(item["horizon"] == p["horizon"] for p in view.plan for item in p["items"])


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
