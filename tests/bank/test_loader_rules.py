"""Each validation rule of the loader, broken on purpose, fails with a message naming the bad key."""

import pytest

from assessments.data_errors import DataError
from tests.bank import mini


def q(bank: dict, key: str) -> dict:
    return next(x for s in bank["sections"] for x in s["questions"] if x["key"] == key)


def test_the_mini_bank_loads(tmp_path):
    bank, benchmarks = mini.load(tmp_path)
    assert [s.key for s in bank.sections] == ["profile", "governance", "protection"]
    assert bank.question("ai_tool").condition.question == "uses_ai"
    assert bank.question("ai_tool").condition.reason.en == "Does not use AI"
    assert bank.question("backups").who_knows == ("it_provider", "management")
    assert bank.contacts["it_provider"].es == "su proveedor de sistemas"
    backups = next(r for r in bank.recommendations if r.key == "backups")
    assert (backups.cost_mxn.min, backups.cost_mxn.max) == (1500, 8000)
    assert [r.key for r in backups.resources] == ["emergency_088"]
    assert [c.value for c in bank.question("ai_strategy").choices] == ["yes", "partly", "no"]
    assert bank.question("ai_strategy").choice_values()[-1] == "unknown"
    assert [c.value for c in bank.question("uses_ai").choices] == ["yes", "no"]
    assert benchmarks.figure("ai_policy").value == 49


def test_recommendation_horizon_defaults_from_effort_and_can_be_overridden(tmp_path):
    bank, _ = mini.load(tmp_path)
    horizons = {r.key: r.horizon for r in bank.recommendations}
    assert horizons == {"write_policy": 30, "data_rules": 60, "backups": 30}


def test_missing_translation_names_question_and_field(tmp_path):
    bank, recs, bench = mini.fresh()
    del q(bank, "backups")["text"]["en"]
    with pytest.raises(DataError, match=r"bank.yaml: question 'backups': missing translation 'text.en'"):
        mini.load(tmp_path, bank=bank)


def test_blank_translation_is_missing(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "backups")["choices"][1]["label"]["es"] = "   "
    with pytest.raises(DataError, match=r"choice 'sometimes': missing translation 'label.es'"):
        mini.load(tmp_path, bank=bank)


def test_duplicate_question_key(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "updates")["key"] = "backups"
    with pytest.raises(DataError, match=r"duplicate question key 'backups'"):
        mini.load(tmp_path, bank=bank)


def test_duplicate_choice_value(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "backups")["choices"][1]["value"] = "none"
    with pytest.raises(DataError, match=r"question 'backups': duplicate choice key 'none'"):
        mini.load(tmp_path, bank=bank)


def test_choice_without_score_in_scored_question(tmp_path):
    bank, _, _ = mini.fresh()
    del q(bank, "backups")["choices"][2]["score"]
    with pytest.raises(DataError, match=r"question 'backups' choice 'tested': choice without score"):
        mini.load(tmp_path, bank=bank)


def test_score_out_of_range(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "backups")["choices"][2]["score"] = 1.5
    with pytest.raises(DataError, match=r"choice 'tested': 'score' must be a number from 0 to 1"):
        mini.load(tmp_path, bank=bank)


def test_unknown_condition_target(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "ai_tool")["condition"]["question"] = "nonexistent"
    with pytest.raises(DataError, match=r"question 'ai_tool'.condition: unknown condition target 'nonexistent'"):
        mini.load(tmp_path, bank=bank)


def test_condition_must_point_backwards(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "ai_tool")["condition"] = {"question": "employees", "in": ["1"]}
    with pytest.raises(DataError, match=r"unknown condition target 'employees' \(must be an earlier question\)"):
        mini.load(tmp_path, bank=bank)


def test_condition_on_a_scored_question_is_refused(tmp_path):
    bank, _, _ = mini.fresh()
    bank["sections"][2]["questions"].append(
        {
            "key": "later",
            "type": "single",
            "text": mini.t("¿Después?", "Later?"),
            "condition": {"question": "ai_strategy", "in": ["yes"]},
            "choices": [{"value": "a", "label": mini.t("A", "A")}, {"value": "b", "label": mini.t("B", "B")}],
        }
    )
    with pytest.raises(DataError, match=r"condition target 'ai_strategy' is scored"):
        mini.load(tmp_path, bank=bank)


def test_a_scored_question_cannot_be_hidden_by_a_gate(tmp_path):
    # No gain from gates: claiming not to use AI (or a tool) must never hide a scored control.
    bank, _, _ = mini.fresh()
    q(bank, "ai_policy")["condition"] = {"question": "uses_ai", "in": ["yes"]}
    with pytest.raises(DataError, match=r"question 'ai_policy': a scored question cannot have a condition"):
        mini.load(tmp_path, bank=bank)


def test_no_se_needs_someone_who_knows(tmp_path):
    bank, _, _ = mini.fresh()
    del q(bank, "backups")["who_knows"]
    with pytest.raises(DataError, match=r"question 'backups': offers 'No sé' but has no who_knows"):
        mini.load(tmp_path, bank=bank)


def test_who_knows_names_a_known_contact(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "backups")["who_knows"] = ["plumber"]
    with pytest.raises(DataError, match=r"question 'backups': who_knows names unknown contact 'plumber'"):
        mini.load(tmp_path, bank=bank)


def test_critical_control_needs_a_worst_choice_at_zero(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "backups")["choices"][0]["score"] = 0.1
    with pytest.raises(DataError, match=r"question 'backups': a critical control must be .* worst choice scores 0"):
        mini.load(tmp_path, bank=bank)


def test_critical_control_must_be_scored(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "uses_ai")["critical"] = mini.t("Uso de IA", "AI use")
    with pytest.raises(DataError, match=r"question 'uses_ai': only a scored question can be a critical control"):
        mini.load(tmp_path, bank=bank)


def test_partly_score_gives_all_or_nothing_controls_less_than_half(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "ai_policy")["partly_score"] = 0.25
    loaded, _ = mini.load(tmp_path, bank=bank)
    assert loaded.question("ai_policy").score("partly") == 0.25
    q(bank, "uses_ai")["partly_score"] = 0.25
    with pytest.raises(DataError, match=r"question 'uses_ai': 'partly_score' is only for scored yesno"):
        mini.load(tmp_path, bank=bank)


def test_weight_zero_is_allowed_for_a_question_that_informs(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "ai_strategy")["weight"] = 0
    loaded, _ = mini.load(tmp_path, bank=bank)
    assert loaded.question("ai_strategy").weight == 0 and loaded.question("ai_strategy").scored


def test_every_action_states_a_cost_range(tmp_path):
    _, recs, _ = mini.fresh()
    del recs["recommendations"][0]["cost_mxn"]
    with pytest.raises(DataError, match=r"recommendation 'write_policy'.cost_mxn: expected a mapping"):
        mini.load(tmp_path, recommendations=recs)
    _, recs, _ = mini.fresh()
    recs["recommendations"][0]["cost_mxn"] = {"min": 500, "max": 100}
    with pytest.raises(DataError, match=r"recommendation 'write_policy'.cost_mxn: max \(100\) is below min \(500\)"):
        mini.load(tmp_path, recommendations=recs)


def test_resources_must_exist(tmp_path):
    _, recs, _ = mini.fresh()
    recs["recommendations"][0]["resources"] = ["batman"]
    with pytest.raises(DataError, match=r"recommendation 'write_policy': unknown resource 'batman'"):
        mini.load(tmp_path, recommendations=recs)


def test_context_figures_cannot_be_compared(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "ai_tool")["figure"] = {"key": "ai_integrated_change", "match": ["chatbot"]}
    with pytest.raises(DataError, match=r"study figure 'ai_integrated_change' is context only"):
        mini.load(tmp_path, bank=bank)


def test_a_trend_must_be_context_only(tmp_path):
    _, _, bench = mini.fresh()
    del bench["figures"][0]["compare"]
    with pytest.raises(DataError, match=r"figure 'ai_integrated_change': a trend is context only"):
        mini.load(tmp_path, benchmarks=bench)


def test_condition_value_must_be_a_choice(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "ai_tool")["condition"]["in"] = ["maybe"]
    with pytest.raises(DataError, match=r"value\(s\) \['maybe'\] are not choices of 'uses_ai'"):
        mini.load(tmp_path, bank=bank)


def test_unknown_figure(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "ai_policy")["figure"]["key"] = "made_up"
    with pytest.raises(DataError, match=r"question 'ai_policy'.figure: unknown study figure 'made_up'"):
        mini.load(tmp_path, bank=bank)


def test_every_figure_needs_a_question(tmp_path):
    bank, _, _ = mini.fresh()
    del q(bank, "ai_policy")["figure"]
    with pytest.raises(DataError, match=r"study figure 'ai_policy' is not linked to any question"):
        mini.load(tmp_path, bank=bank)


def test_unknown_domain(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "backups")["domain"] = "finance"
    with pytest.raises(DataError, match=r"question 'backups': unknown domain 'finance'"):
        mini.load(tmp_path, bank=bank)


def test_unknown_type(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "backups")["type"] = "dropdown"
    with pytest.raises(DataError, match=r"question 'backups': type must be one of"):
        mini.load(tmp_path, bank=bank)


def test_scored_question_needs_weight(tmp_path):
    bank, _, _ = mini.fresh()
    del q(bank, "backups")["weight"]
    with pytest.raises(DataError, match=r"question 'backups': 'weight' must be a number from 0 to 5"):
        mini.load(tmp_path, bank=bank)


def test_number_score_bands_must_rise(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "employees").update(
        domain="protection", weight=1, score_bands=[{"at_least": 0, "score": 0.5}, {"at_least": 10, "score": 0.2}]
    )
    with pytest.raises(DataError, match=r"question 'employees': score_bands must rise"):
        mini.load(tmp_path, bank=bank)


def test_recommendation_trigger_must_name_a_known_question(tmp_path):
    _, recs, _ = mini.fresh()
    recs["recommendations"][0]["triggers"][0]["question"] = "ghost"
    with pytest.raises(DataError, match=r"recommendations.yaml: recommendation 'write_policy': .*'ghost'"):
        mini.load(tmp_path, recommendations=recs)


def test_every_scored_question_needs_a_recommendation(tmp_path):
    _, recs, _ = mini.fresh()
    recs["recommendations"][1]["triggers"] = [{"question": "backups", "below": 1}]
    with pytest.raises(DataError, match=r"scored question 'ai_data' is not covered by any recommendation"):
        mini.load(tmp_path, recommendations=recs)


def test_recommendation_missing_translation(tmp_path):
    _, recs, _ = mini.fresh()
    del recs["recommendations"][2]["text"]["es"]
    with pytest.raises(DataError, match=r"recommendation 'backups': missing translation 'text.es'"):
        mini.load(tmp_path, recommendations=recs)


def test_benchmark_figure_needs_known_unit(tmp_path):
    _, _, bench = mini.fresh()
    bench["figures"][1]["unit"] = "ratio"
    with pytest.raises(DataError, match=r"benchmarks.yaml: figure 'ai_integrated': unit must be"):
        mini.load(tmp_path, benchmarks=bench)


def test_benchmark_duplicate_figure(tmp_path):
    _, _, bench = mini.fresh()
    bench["figures"][2]["key"] = "ai_integrated"
    with pytest.raises(DataError, match=r"duplicate figure key 'ai_integrated'"):
        mini.load(tmp_path, benchmarks=bench)


def test_benchmark_needs_provenance(tmp_path):
    _, _, bench = mini.fresh()
    del bench["source"]["published"]
    with pytest.raises(DataError, match=r"benchmarks.yaml: source: missing 'published'"):
        mini.load(tmp_path, benchmarks=bench)


def test_invalid_yaml_is_reported_with_the_file_name(tmp_path):
    paths = mini.write(tmp_path)
    paths["bank"].write_text("sections: [unclosed", encoding="utf-8")
    from assessments.benchmarks.loader import load_benchmarks
    from assessments.question_bank.loader import load_bank

    with pytest.raises(DataError, match=r"bank.yaml: invalid YAML"):
        load_bank(
            paths["bank"],
            recommendations_path=paths["recommendations"],
            benchmarks=load_benchmarks(paths["benchmarks"]),
            check_size=False,
        )


def test_the_bank_size_is_enforced(tmp_path):
    paths = mini.write(tmp_path)
    from assessments.benchmarks.loader import load_benchmarks
    from assessments.question_bank.loader import load_bank

    with pytest.raises(DataError, match=r"8 questions; the bank must hold 40 to 60"):
        load_bank(
            paths["bank"],
            recommendations_path=paths["recommendations"],
            benchmarks=load_benchmarks(paths["benchmarks"]),
        )


def test_a_misspelt_field_is_refused(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "backups")["wieght"] = 3
    with pytest.raises(DataError, match=r"question 'backups': unknown field\(s\) \['wieght'\]"):
        mini.load(tmp_path, bank=bank)


def test_a_misspelt_choice_field_is_refused(tmp_path):
    bank, _, _ = mini.fresh()
    q(bank, "backups")["choices"][0]["scroe"] = 0
    with pytest.raises(DataError, match=r"choice 'none': unknown field\(s\) \['scroe'\]"):
        mini.load(tmp_path, bank=bank)


def test_a_section_holds_at_most_eight_questions(tmp_path):
    bank, _, _ = mini.fresh()
    protection = next(s for s in bank["sections"] if s["key"] == "protection")
    template = protection["questions"][-1]
    while len(protection["questions"]) <= 8:
        extra = {**template, "key": f"extra_{len(protection['questions'])}"}
        protection["questions"].append(extra)
    with pytest.raises(
        DataError, match=r"section 'protection': has 9 questions; a section \(one page\) holds at most 8"
    ):
        mini.load(tmp_path, bank=bank)


def test_every_section_of_the_shipped_bank_fits_one_phone_page():
    from assessments.question_bank.loader import MAX_SECTION_QUESTIONS, default_bank

    assert all(1 <= len(s.questions) <= MAX_SECTION_QUESTIONS for s in default_bank().sections)
