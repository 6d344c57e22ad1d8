"""Scoring rules on a small bank whose numbers can be checked by hand."""

import pytest

from assessments.question_bank.answers import AnswerError
from assessments.scoring import score_assessment
from tests.bank import mini


@pytest.fixture
def data(tmp_path):
    return mini.load(tmp_path)


def run(data, answers):
    bank, benchmarks = data
    return score_assessment(bank=bank, answers=answers, benchmarks=benchmarks)


ALL_BEST = {
    "uses_ai": "yes",
    "ai_tool": "chatbot",
    "ai_strategy": "yes",
    "ai_policy": "yes",
    "ai_data": ["public_only"],
    "backups": "tested",
    "updates": 5,
    "employees": 12,
}


def test_best_answers_give_100_and_top_band(data):
    result = run(data, ALL_BEST)
    assert result.overall == 100
    assert result.band.key == "optimizado"
    assert result.complete and result.unanswered == ()
    assert result.recommendations == ()


def test_domain_score_is_the_weighted_mean_of_question_scores(data):
    answers = dict(ALL_BEST, ai_strategy="partly", ai_policy="no", ai_data=["customer_data"])
    result = run(data, answers)
    # governance: strategy 0.5×2 + policy 0×3 + data (1-0.6=0.4)×2 over weights 7
    assert result.domain("ai_governance").score == pytest.approx(round(100 * (1 + 0 + 0.8) / 7, 1))
    assert result.domain("protection").score == 100


def test_overall_weights_domains(data):
    answers = dict(ALL_BEST, backups="none", updates=1)
    result = run(data, answers)
    assert result.domain("protection").score == 0
    assert result.overall == pytest.approx(round(100 * 2 / 3, 1))  # governance weight 2, protection 1


def test_multi_choice_penalties_add_up_and_clamp_at_zero(data):
    result = run(data, dict(ALL_BEST, ai_data=["customer_data", "passwords"]))
    data_outcome = next(o for o in result.questions if o.key == "ai_data")
    assert data_outcome.score == 0


def test_exclusive_choice_cannot_be_combined(data):
    with pytest.raises(AnswerError, match="ai_data: 'public_only' cannot be combined"):
        run(data, dict(ALL_BEST, ai_data=["public_only", "passwords"]))


def test_a_hidden_question_is_listed_as_not_applicable_with_its_reason(data):
    result = run(data, dict(ALL_BEST, uses_ai="no", ai_tool=None))
    assert [(n.question, n.reason.es) for n in result.not_applicable] == [("ai_tool", "No usa IA")]
    assert result.complete and "ai_tool" not in result.unanswered
    assert result.as_dict()["not_applicable"][0]["reason"] == {"es": "No usa IA", "en": "Does not use AI"}


def test_answer_to_a_hidden_question_is_ignored(data):
    result = run(data, dict(ALL_BEST, uses_ai="no", ai_tool="chatbot"))
    assert result.counts.questions == 7 and "ai_tool" in {n.question for n in result.not_applicable}


def test_ai_governance_counts_for_a_company_without_ai(data):
    # No gain from gates: the policy question is asked whether or not the company uses AI.
    with_ai = run(data, dict(ALL_BEST, ai_policy="no"))
    without_ai = run(data, dict(ALL_BEST, uses_ai="no", ai_tool=None, ai_policy="no"))
    assert "ai_policy" in {o.key for o in without_ai.questions}
    assert without_ai.overall == with_ai.overall < 100
    assert without_ai.governance_gap.gap is False and with_ai.governance_gap.gap is True


def test_unanswered_visible_question_is_a_reported_gap(data):
    answers = dict(ALL_BEST)
    del answers["backups"]
    result = run(data, answers)
    assert result.unanswered == ("backups",)
    assert not result.complete
    outcome = next(o for o in result.questions if o.key == "backups")
    assert (outcome.status, outcome.score) == ("unanswered", 0)
    assert result.domain("protection").answered == 1 and result.domain("protection").applicable == 2


def test_no_se_scores_as_a_gap_and_triggers_advice(data):
    result = run(data, dict(ALL_BEST, backups="unknown"))
    outcome = next(o for o in result.questions if o.key == "backups")
    assert (outcome.status, outcome.score) == ("unknown", 0)
    assert [r.key for r in result.recommendations] == ["backups"]
    assert result.recommendations[0].triggered_by[0].answer == "unknown"


def test_unknown_key_is_refused(data):
    with pytest.raises(AnswerError, match="not_a_question: unknown question key"):
        run(data, {"not_a_question": "yes"})


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("backups", "daily", "invalid choice 'daily'"),
        ("updates", 9, "9 is outside 1..5"),
        ("updates", "5", "expected a whole number"),
        ("uses_ai", "unknown", "not offered"),
        ("ai_data", [], "non-empty list"),
        ("employees", True, "expected a whole number"),
    ],
)
def test_invalid_values_are_refused_with_the_question_key(data, key, value, message):
    with pytest.raises(AnswerError, match=message) as err:
        run(data, dict(ALL_BEST, **{key: value}))
    assert err.value.key == key


def test_governance_gap_when_ai_is_used_without_policy(data):
    result = run(data, dict(ALL_BEST, ai_policy="no"))
    gap = result.governance_gap
    assert gap.uses_ai and gap.gap and gap.strategy_without_policy
    assert gap.has_policy == "no" and gap.has_strategy == "yes"


def test_no_governance_gap_with_a_policy(data):
    gap = run(data, ALL_BEST).governance_gap
    assert not gap.gap and not gap.strategy_without_policy


def test_comparisons_cover_every_figure_with_the_company_status(data):
    result = run(data, dict(ALL_BEST, ai_strategy="partly"))
    by_figure = {c.figure: c for c in result.comparisons}
    assert set(by_figure) == {"ai_integrated", "ai_integrated_change", "ai_strategy", "ai_policy"}
    trend = by_figure["ai_integrated_change"]
    assert (trend.compare, trend.you, trend.question, trend.answer) == ("context", "not_applicable", "", None)
    assert by_figure["ai_policy"].compare == "status"
    assert by_figure["ai_strategy"].you == "partly"
    assert by_figure["ai_policy"].you == "yes"
    assert by_figure["ai_policy"].study_value == 49


def test_typical_sme_standing(data):
    # practices in the mini data: strategy 60% + policy 49% → the typical SME has 1.09 of 2
    above = run(data, ALL_BEST).typical_sme
    assert (above.practices_company, above.practices_typical, above.position) == (2, 1.09, "above")
    below = run(data, dict(ALL_BEST, ai_strategy="no", ai_policy="no")).typical_sme
    assert below.position == "below"
    at = run(data, dict(ALL_BEST, ai_strategy="no")).typical_sme
    assert at.position == "at"


def test_recommendations_are_prioritised_and_name_their_triggers(data):
    answers = dict(ALL_BEST, ai_policy="no", ai_data=["passwords"], backups="sometimes")
    recs = run(data, answers).recommendations
    # write_policy: impact 3 × ease 3 = 9; backups 3 × 2 = 6; data_rules 2 × 2 = 4
    assert [r.key for r in recs] == ["write_policy", "backups", "data_rules"]
    assert [(t.question, t.answer) for t in recs[0].triggered_by] == [("ai_policy", "no")]
    assert recs[0].horizon == 30 and recs[2].horizon == 60
    assert recs[0].title_es == "Escriba la política" and recs[0].title_en == "Write the policy"


def test_recommendation_threshold_below_one(data):
    # "updates" only triggers below 0.8: a 4 of 5 scores 0.75, a 5 scores 1.
    assert "backups" in [r.key for r in run(data, dict(ALL_BEST, updates=4)).recommendations]
    assert run(data, dict(ALL_BEST, updates=5)).recommendations == ()


def test_result_carries_versions_and_serialises(data):
    result = run(data, ALL_BEST)
    payload = result.as_dict()
    assert payload["bank_version"] == "test.1" and payload["benchmarks_version"] == "test.1"
    assert payload["scoring_version"]
    assert {"overall", "band", "domains", "comparisons", "recommendations"} <= set(payload)


@pytest.mark.parametrize(
    ("overall", "band"),
    [
        (0, "inicial"),
        (19.9, "inicial"),
        (20, "en_desarrollo"),
        (40, "definido"),
        (60, "gestionado"),
        (79.9, "gestionado"),
        (80, "optimizado"),
        (100, "optimizado"),
    ],
)
def test_band_thresholds(overall, band):
    from assessments.scoring.bands import band_for

    assert band_for(overall).key == band


# ---------------------------------------------------------------- scoring v2


def test_the_cap_is_reported_in_the_result_json(tmp_path):
    bank, _, _ = mini.fresh()
    next(d for d in bank["domains"] if d["key"] == "ai_governance")["weight"] = 10
    payload = run(mini.load(tmp_path, bank=bank), dict(ALL_BEST, backups="none")).as_dict()
    assert payload["band"]["key"] == "definido"
    assert payload["band_cap"]["band"] == {"key": "definido", "es": "Definido", "en": "Defined"}
    assert payload["band_cap"]["uncapped"]["key"] == "optimizado"
    assert list(payload["band_cap"]["reasons"]) == [
        {"question": "backups", "answer": "none", "status": "answered", "text": {"es": "Respaldos", "en": "Backups"}}
    ]
    assert run(mini.load(tmp_path, bank=bank), ALL_BEST).as_dict()["band_cap"] is None


def test_cap_limits_an_otherwise_top_band(tmp_path):
    bank, recs, bench = mini.fresh()
    next(d for d in bank["domains"] if d["key"] == "ai_governance")["weight"] = 10  # protection weighs little
    loaded = mini.load(tmp_path, bank=bank)
    result = run(loaded, dict(ALL_BEST, backups="none"))
    assert result.overall >= 80
    assert result.band.key == "definido"
    assert result.band_cap.uncapped.key == "optimizado"
    assert [(r.question, r.status) for r in result.band_cap.reasons] == [("backups", "answered")]
    for value, status in (("unknown", "unknown"), (None, "unanswered")):
        capped = run(loaded, dict(ALL_BEST, backups=value))
        assert capped.band.key == "definido"
        assert capped.band_cap.reasons[0].status == status
    assert run(loaded, dict(ALL_BEST, backups="sometimes")).band_cap is None


def test_no_cap_when_the_index_is_already_low(data):
    result = run(data, {"uses_ai": "no", "backups": "none"})
    assert result.band.key == "inicial" and result.band_cap is None


def test_no_se_answers_become_things_to_find_out_with_who_knows(data):
    result = run(data, dict(ALL_BEST, backups="unknown", ai_strategy="unknown"))
    assert [(v.question, [w["key"] for w in v.who]) for v in result.to_verify] == [
        ("backups", ["it_provider", "management"]),  # heaviest first
        ("ai_strategy", ["management"]),
    ]
    item = result.as_dict()["to_verify"][0]
    assert item["text"] == {"es": "¿Respaldos?", "en": "Backups?"}
    assert item["who"][0] == {"key": "it_provider", "es": "su proveedor de sistemas", "en": "your IT provider"}


def test_counts_keep_answered_no_se_and_unanswered_apart(data):
    answers = dict(ALL_BEST, backups="unknown", ai_strategy="unknown")
    del answers["updates"]
    counts = run(data, answers).counts
    assert (counts.questions, counts.answered, counts.unknown, counts.unanswered) == (8, 5, 2, 1)
    domain = run(data, answers).domain("protection")
    assert (domain.answered, domain.unknown, domain.applicable) == (1, 1, 2)


def test_actions_carry_cost_resources_and_plan_horizon(data):
    rec = next(r for r in run(data, dict(ALL_BEST, backups="none")).as_dict()["recommendations"])
    assert rec["key"] == "backups"
    assert rec["cost_mxn"] == {"min": 1500, "max": 8000}
    assert list(rec["resources"]) == [
        {
            "key": "emergency_088",
            "name": {"es": "088", "en": "088"},
            "contact": {"es": "Llame al 088", "en": "Call 088"},
            "url": None,
        }
    ]
    assert rec["critical"] is True and rec["plan_horizon"] == 30


def test_a_missing_critical_control_goes_first_in_the_plan(data):
    answers = dict(ALL_BEST, ai_policy="no", backups="none")
    recs = run(data, answers).recommendations
    # backups: impact 3 × ease 2 + gap 3/5 + 3 (critical) = 9.6 beats write_policy 3 × 3 + 3/5 = 9.6 only by the
    # tie-break (horizon 30, then key): the bonus is what lifts it from 6.6 to the top.
    assert recs[0].key == "backups" and recs[0].critical
    assert recs[0].priority == pytest.approx(3 * 2 + 3 / 5 + 3)


def test_weight_zero_question_informs_without_scoring(tmp_path):
    bank, _, _ = mini.fresh()
    next(x for s in bank["sections"] for x in s["questions"] if x["key"] == "ai_strategy")["weight"] = 0
    loaded = mini.load(tmp_path, bank=bank)
    low = run(loaded, dict(ALL_BEST, ai_strategy="no"))
    assert low.overall == 100
    assert "write_policy" in [r.key for r in low.recommendations]  # still advised
