"""The shipped bank, data and recommendations: content rules the product promises."""

from pathlib import Path

import pytest

from assessments.benchmarks.loader import default_benchmarks
from assessments.question_bank.answers import visible_questions
from assessments.question_bank.loader import default_bank
from assessments.scoring import score_assessment
from tests.scoring.strategies import extreme_answers

SOURCE = Path(__file__).resolve().parents[2] / "assessments" / "benchmarks" / "data" / "source"
SECTIONS = [
    "profile",
    "ai_adoption",
    "ai_governance",
    "ai_accountability",
    "protection_access",
    "protection_sat",
    "protection_channels",
    "protection_systems",
    "protection_network",
    "people",
    "incidents",
    "investment",
]
AI_USE = ["yes", "informal", "planning", "no"]


@pytest.fixture(scope="module")
def bank():
    return default_bank()


@pytest.fixture(scope="module")
def benchmarks():
    return default_benchmarks()


def score(bank, benchmarks, answers):
    return score_assessment(bank=bank, answers=answers, benchmarks=benchmarks)


def test_bank_covers_every_section_with_40_to_60_questions(bank):
    assert [s.key for s in bank.sections] == SECTIONS
    assert 40 <= len(bank.questions) <= 60
    assert all(len(s.questions) >= 3 for s in bank.sections)


def test_profile_questions_are_unscored(bank):
    assert not any(q.scored for q in bank.sections[0].questions)


def test_every_study_figure_has_a_question_and_provenance(bank, benchmarks):
    linked = {q.figure.key for q in bank.questions if q.figure}
    expected = {
        "ai_integrated",
        "ai_integrated_change",
        "ai_keep_investing",
        "ai_strategy",
        "ai_policy",
        "ai_threats",
        "ai_frequent_use",
        "genai_use",
        "protection_budget",
        "staff_training",
        "leaders_positive",
    }
    assert {f.key for f in benchmarks.figures} == expected
    # The +11 pp trend is context only: no answer is ever compared with it.
    assert linked == expected - {"ai_integrated_change"}
    assert {f.key for f in benchmarks.figures if f.compare == "context"} == {"ai_integrated_change"}
    values = {f.key: f.value for f in benchmarks.figures}
    assert values == {
        "ai_integrated": 64,
        "ai_integrated_change": 11,
        "ai_keep_investing": 73,
        "ai_strategy": 60,
        "ai_policy": 49,
        "ai_threats": 24,
        "ai_frequent_use": 57,
        "genai_use": 54,
        "protection_budget": 70,
        "staff_training": 75,
        "leaders_positive": 90,
    }
    assert benchmarks.source.published == "2025-05-27"
    assert benchmarks.source.publisher == "Mexico Business News"
    article = (SOURCE / "study-article.txt").read_text(encoding="utf-8")
    for figure in benchmarks.figures:
        assert figure.quote and figure.quote in article, figure.key


def test_mexican_context_is_asked(bank):
    text = " ".join(q.text.es + " " + (q.help.es if q.help else "") for q in bank.questions)
    for term in ("SAT", "SPEI", "WhatsApp", "e.firma", "CFDI"):
        assert term in text, term


def test_no_se_is_offered_on_most_scored_questions(bank):
    scored = [q for q in bank.questions if q.scored]
    assert sum(q.unknown for q in scored) >= len(scored) * 0.6


@pytest.mark.parametrize("uses_ai", AI_USE)
@pytest.mark.parametrize("size", ["micro", "small", "medium"])
def test_best_answers_score_at_least_90_and_worst_at_most_15(bank, benchmarks, uses_ai, size):
    profile = {"uses_ai": uses_ai, "company_size": size}
    best = score(bank, benchmarks, extreme_answers(bank, best=True, profile=profile))
    worst = score(bank, benchmarks, extreme_answers(bank, best=False, profile=profile))
    assert best.overall >= 90 and best.band.key == "optimizado"
    assert worst.overall <= 15 and worst.band.key == "inicial"
    assert all(d.score >= 90 for d in best.domains if d.applicable and d.weight)
    assert best.complete and worst.complete


def test_not_using_ai_hides_the_ai_use_details(bank):
    shown_yes = {q.key for q in visible_questions(bank, {"uses_ai": "yes"})}
    shown_no = {q.key for q in visible_questions(bank, {"uses_ai": "no"})}
    assert shown_no < shown_yes
    assert {"genai_use", "ai_frequency"} <= shown_yes - shown_no


def test_ai_governance_is_asked_even_without_ai(bank):
    shown = {q.key for q in visible_questions(bank, {"uses_ai": "no"})}
    assert {"ai_policy", "ai_strategy"} <= shown


@pytest.mark.parametrize(("uses_ai", "gap"), [("yes", True), ("informal", True), ("planning", False), ("no", False)])
def test_governance_gap_for_companies_using_ai_without_policy(bank, benchmarks, uses_ai, gap):
    answers = extreme_answers(bank, best=True, profile={"uses_ai": uses_ai, "ai_policy": "no"})
    assert score(bank, benchmarks, answers).governance_gap.gap is gap


def test_worst_answers_bring_a_plan_a_company_can_follow(bank, benchmarks):
    result = score(bank, benchmarks, extreme_answers(bank, best=False, profile={"uses_ai": "yes"}))
    assert {r.horizon for r in result.recommendations} == {30, 60, 90}  # v1 key: the data's earliest horizon
    assert len(result.recommendations) >= 15
    assert result.typical_sme.position == "below"
    slots = [r.plan_horizon for r in result.recommendations]
    assert slots.count(30) == 5 and slots.count(60) == 7 and slots.count(90) == 8
    assert slots.count(180) == len(slots) - 20
    assert [(p.horizon, p.limit) for p in result.action_plan] == [(30, 5), (60, 7), (90, 8), (180, None)]
    assert [k for p in result.action_plan for k in p.actions] == [
        r.key for r in sorted(result.recommendations, key=lambda r: (r.plan_horizon, -r.priority))
    ]
    for rec in result.recommendations:
        assert rec.plan_horizon >= rec.horizon  # never earlier than the data allows


def test_empty_answers_are_all_gaps_not_errors(bank, benchmarks):
    result = score(bank, benchmarks, {})
    assert result.overall == 0 and not result.complete
    assert set(result.unanswered) == {q.key for q in visible_questions(bank, {})}


# ---------------------------------------------------------------- scoring v2 on the shipped bank

CRITICAL = {"backups", "mfa_email", "mfa_bank", "payment_change_verification", "incident_plan"}


def best(bank, **profile):
    return extreme_answers(bank, best=True, profile={"uses_ai": "yes", **profile})


def test_the_critical_controls_are_the_ones_the_method_names(bank):
    assert {q.key for q in bank.questions if q.critical} == CRITICAL


@pytest.mark.parametrize("key", sorted(CRITICAL))
def test_each_critical_control_at_its_worst_caps_an_otherwise_perfect_company(bank, benchmarks, key):
    worst = min(bank.question(key).choices, key=lambda c: c.score).value
    for value in [worst, "unknown", None] if bank.question(key).unknown else [worst, None]:
        answers = {**best(bank), key: value}
        result = score(bank, benchmarks, answers)
        assert result.overall >= 80, (key, value)
        assert result.band.key == "definido", (key, value)
        assert [r.question for r in result.band_cap.reasons] == [key]
        assert result.band_cap.reasons[0].text.es
    assert score(bank, benchmarks, best(bank)).band_cap is None


def test_ai_domains_weigh_no_more_than_the_protection_domains(bank):
    weights = {d.key: d.weight for d in bank.domains}
    ai = [weights["ai_governance"], weights["ai_safe_use"]]
    protection = [weights["identity_access"], weights["systems_data"]]
    assert max(ai) <= min(protection)
    assert sum(ai) <= sum(protection)


def test_ai_strategy_informs_but_does_not_score(bank, benchmarks):
    assert bank.question("ai_strategy").weight == 0
    with_plan = score(bank, benchmarks, {**best(bank), "ai_strategy": "yes"})
    without = score(bank, benchmarks, {**best(bank), "ai_strategy": "no"})
    assert with_plan.overall == without.overall
    assert "define_ai_strategy" in [r.key for r in without.recommendations]
    assert next(c for c in without.comparisons if c.figure == "ai_strategy").you == "no"


def test_no_scored_question_is_hidden_by_a_gate(bank):
    assert not [q.key for q in bank.questions if q.scored and q.condition]
    hidden = {q.key for q in bank.questions} - {
        q.key for q in visible_questions(bank, {"uses_ai": "no", "company_size": "micro"})
    }
    assert hidden == {"genai_use", "ai_frequency"}


@pytest.mark.parametrize("claim", ["no", "planning"])
@pytest.mark.parametrize("maturity", [0.1, 0.5, 0.9])
def test_saying_no_ai_never_scores_higher(bank, benchmarks, claim, maturity):
    from assessments.demo_answers import demo_answers

    for seed in range(5):
        answers = demo_answers(bank, maturity=maturity, seed=seed, profile={"uses_ai": "yes"})
        answers["uses_ai"] = "yes"
        with_ai = score(bank, benchmarks, answers)
        without = score(bank, benchmarks, {**answers, "uses_ai": claim})
        assert without.overall <= with_ai.overall
        assert all(n.reason for n in without.not_applicable)
        assert {n.question for n in without.not_applicable} == {"genai_use", "ai_frequency"}


def test_no_tools_never_hides_email_or_cloud_questions(bank):
    # The old `work_tools` gate is retired (bank 2026.2); nothing a company says hides these controls.
    assert not bank.has_question("work_tools")
    shown = {q.key for q in visible_questions(bank, {"uses_ai": "no"})}
    assert {"email_spoofing_protection", "cloud_config_review", "mfa_email"} <= shown


NEW_2026_RISKS = {
    # question: (its recommendation, the "we don't have it" answer or None)
    "social_media_control": ("secure_social_media", "no_social_media"),
    "website_maintenance": ("maintain_website", "no_website"),
    "card_terminal_checks": ("protect_card_terminals", "no_terminal"),
    "remote_access_control": ("control_remote_access", None),
    "sim_swap_protection": ("protect_phone_line", None),
}
RETIRED_IN_2026_2 = {"digital_native", "work_tools", "ai_started", "ai_tools", "zero_trust_access"}


def test_the_2026_risks_are_asked_of_everyone_with_no_se_and_an_action(bank):
    by_rec = {r.key: r for r in bank.recommendations}
    for key, (rec, _) in NEW_2026_RISKS.items():
        q = bank.question(key)
        assert q.scored and q.condition is None and q.weight > 0, key
        assert q.unknown and q.who_knows, key
        assert q.text.es and q.text.en and q.help.es and q.help.en, key
        assert key in {t.question for t in by_rec[rec].triggers}, key
        assert by_rec[rec].cost_mxn is not None
    assert not [k for k in RETIRED_IN_2026_2 if bank.has_question(k)]
    assert 40 <= len(bank.questions) <= 60


def test_not_having_social_media_a_website_or_a_terminal_never_raises_the_score(bank, benchmarks):
    for key, (_, none_value) in NEW_2026_RISKS.items():
        if none_value is None:
            continue
        q = bank.question(key)
        assert q.score(none_value) == min(c.score for c in q.choices) == 0, key
        for maturity in (best(bank), {}):
            worst_honest = next(c.value for c in q.choices if c.value != none_value and c.score == 0)
            without = score(bank, benchmarks, {**maturity, key: none_value})
            worst = score(bank, benchmarks, {**maturity, key: worst_honest})
            assert without.overall == worst.overall and without.band == worst.band, key
        assert q.score("unknown") == 0


def test_all_or_nothing_controls_give_partly_less_than_half(bank):
    for key in (
        "mfa_email",
        "mfa_bank",
        "payment_change_verification",
        "incident_plan",
        "offboarding",
        "auto_updates",
        "disk_encryption",
        "whatsapp_security",
        "urgent_payment_callback",
        "sim_swap_protection",
    ):
        assert bank.question(key).score("partly") < 0.5, key


def test_no_se_is_never_better_than_the_worst_honest_answer(bank):
    for q in bank.questions:
        if q.scored and q.unknown and q.type in ("single", "yesno"):
            assert q.score("unknown") <= min(c.score for c in q.choices), q.key
    data = bank.question("ai_data_input")
    worst_honest = data.score([c.value for c in data.choices if not c.exclusive])
    assert data.score("unknown") <= worst_honest == 0


def test_every_no_se_names_who_can_answer_it(bank, benchmarks):
    answers = {q.key: "unknown" for q in bank.questions if q.unknown}
    result = score(bank, benchmarks, {"uses_ai": "yes", **answers})
    assert {v.question for v in result.to_verify} == {
        k for k in answers if k not in {q.key for q in bank.questions if q.condition}
    }
    for item in result.to_verify:
        assert item.who and all(w["es"] and w["en"] for w in item.who)
    weights = [v.weight for v in result.to_verify]
    assert weights == sorted(weights, reverse=True)
    assert result.counts.unknown == len(result.to_verify)
    assert result.counts.answered + result.counts.unknown + result.counts.unanswered == result.counts.questions


def test_every_action_has_an_effort_a_cost_and_the_money_ones_a_resource(bank):
    by_key = {r.key: r for r in bank.recommendations}
    for rec in bank.recommendations:
        assert rec.cost_mxn is not None and 0 <= rec.cost_mxn.min <= rec.cost_mxn.max, rec.key
        assert 1 <= rec.effort <= 3
    assert {r.key for r in by_key["verify_payment_changes"].resources} >= {
        "bank_fraud_line",
        "emergency_088",
        "prosecutor",
        "condusef",
    }
    assert "sat" in {r.key for r in by_key["stop_sensitive_data_in_ai"].resources}
    assert "sat" in {r.key for r in by_key["protect_sat_credentials"].resources}
    assert "cert_mx" in {r.key for r in by_key["build_emergency_contacts"].resources}


@pytest.mark.parametrize("maturity", [0.0, 0.3, 0.6])
def test_never_more_than_five_actions_in_the_first_30_days(bank, benchmarks, maturity):
    from assessments.demo_answers import demo_answers

    for seed in range(10):
        result = score(bank, benchmarks, demo_answers(bank, maturity=maturity, seed=seed))
        assert sum(r.plan_horizon == 30 for r in result.recommendations) <= 5
        assert {r.plan_horizon for r in result.recommendations} <= {30, 60, 90, 180}
        assert sum(len(p.actions) for p in result.action_plan) == len(result.recommendations)


@pytest.mark.parametrize(
    ("figure", "question", "value", "status"),
    [
        ("ai_integrated", "uses_ai", "yes", "yes"),
        ("ai_integrated", "uses_ai", "informal", "no"),  # staff on their own is not "integrated into operations"
        ("ai_keep_investing", "ai_keep_investing", "maintain", "yes"),
        ("ai_keep_investing", "ai_keep_investing", "undecided", "no"),
        ("ai_strategy", "ai_strategy", "partly", "partly"),
        ("ai_policy", "ai_policy", "yes", "yes"),
        ("ai_policy", "ai_policy", "partly", "partly"),
        ("ai_threats", "ai_threats", ["voice_clone"], "yes"),
        ("ai_threats", "ai_threats", ["none"], "no"),
        ("ai_frequent_use", "ai_frequency", "weekly", "yes"),
        ("ai_frequent_use", "ai_frequency", "monthly", "no"),
        ("genai_use", "genai_use", "no", "no"),
        ("protection_budget", "security_budget", "when_needed", "partly"),
        ("protection_budget", "security_budget", "planned", "yes"),
        ("staff_training", "staff_training", "once", "partly"),
        ("staff_training", "staff_training", "yearly", "yes"),
        ("leaders_positive", "ai_leaders_view", "neutral", "no"),
        ("leaders_positive", "ai_leaders_view", "unknown", "unknown"),
    ],
)
def test_each_figure_compares_only_the_matching_answer_as_a_status(bank, benchmarks, figure, question, value, status):
    answers = {"uses_ai": "yes", question: value}
    comparison = next(c for c in score(bank, benchmarks, answers).comparisons if c.figure == figure)
    assert (comparison.question, comparison.you, comparison.compare) == (question, status, "status")


@pytest.mark.parametrize("figure", ["genai_use", "ai_frequent_use"])
def test_a_company_without_ai_does_not_use_it_frequently_or_generatively(bank, benchmarks, figure):
    comparison = next(c for c in score(bank, benchmarks, {"uses_ai": "no"}).comparisons if c.figure == figure)
    assert comparison.you == "no"


def test_the_trend_is_context_and_never_you_yes(bank, benchmarks):
    for uses_ai in AI_USE:
        answers = extreme_answers(bank, best=True, profile={"uses_ai": uses_ai})
        trend = next(c for c in score(bank, benchmarks, answers).comparisons if c.figure == "ai_integrated_change")
        assert (trend.compare, trend.you, trend.answer) == ("context", "not_applicable", None)
        assert trend.note.es


def test_typical_sme_is_about_two_and_a_half_of_four_practices(bank, benchmarks):
    typical = score(bank, benchmarks, {}).typical_sme
    assert (typical.practices_total, typical.practices_typical) == (4, 2.54)


def test_the_study_is_named_with_its_method_and_limitations(benchmarks):
    source = benchmarks.source
    assert source.title_original == "AI Adoption Grows Among Mexican SMEs, but Cybersecurity Lags"
    assert "traducción" in source.title_translated.es and source.author == "Diego Valverde"
    assert "muestra" in source.method.es and "sample" in source.method.en
    assert len(source.limitations) >= 3
    assert any("Microsoft" in item.es for item in source.limitations)


@pytest.mark.parametrize(
    ("rating", "overall_band", "verdict"),
    [(5, "inicial", "overconfident"), (1, "optimizado", "underconfident"), (3, "definido", "aligned")],
)
def test_self_rating_is_compared_with_the_result(bank, benchmarks, rating, overall_band, verdict):
    answers = extreme_answers(bank, best=overall_band != "inicial", profile={"uses_ai": "yes"})
    if overall_band == "definido":
        answers = {**answers, "backups": "none"}  # the cap brings a perfect company to Definido
    result = score(bank, benchmarks, {**answers, "preparedness_feeling": rating})
    assert result.band.key == overall_band
    gap = result.self_rating_gap
    assert (gap.rating, gap.verdict, gap.band.key) == (rating, verdict, overall_band)
    assert gap.text.es and gap.text.en
    assert score(bank, benchmarks, {}).self_rating_gap is None


def test_content_fixes(bank):
    recs = {r.key: r for r in bank.recommendations}
    assert "dijo enfocarse en capacitar" in recs["train_staff"].text.es  # the study: "se enfocan", not "invierte"
    assert "ya invierte" not in recs["train_staff"].text.es
    pasted = recs["stop_sensitive_data_in_ai"].text.es
    assert "revóquelos" in pasted and "CSD" in pasted and "e.firma" in pasted
    everything = " ".join(
        [q.text.es + " " + (q.help.es if q.help else "") for q in bank.questions]
        + [r.text.es for r in bank.recommendations]
        + [s.intro.es for s in bank.sections if s.intro]
    )
    for claim in (
        "más común",
        "mayoría de las fugas",
        "más fugas evita",
        "gran mayoría",
        "más ataques detiene",
        "empresas parecidas",
    ):
        assert claim not in everything, claim
    legal = bank.question("privacy_notice_ai").help.es
    assert "20 de marzo de 2025" in legal and "Secretaría Anticorrupción" in legal and "revisado: 2026-" in legal


def test_data_pasted_into_ai_shows_the_governance_gap_even_when_the_owner_says_no_ai(bank, benchmarks):
    base = {**extreme_answers(bank, best=True), "uses_ai": "no", "ai_policy": "no"}
    quiet = score_assessment(bank=bank, answers={**base, "ai_data_input": ["public_only"]}, benchmarks=benchmarks)
    leaking = score_assessment(bank=bank, answers={**base, "ai_data_input": ["passwords_keys"]}, benchmarks=benchmarks)
    personal = score_assessment(bank=bank, answers={**base, "ai_accounts": "personal_free"}, benchmarks=benchmarks)
    assert leaking.governance_gap.gap and leaking.governance_gap.uses_ai
    assert personal.governance_gap.gap
    assert quiet.overall >= leaking.overall  # the gap is a finding, never a bonus


def test_critical_actions_land_in_the_horizon_their_data_allows(bank, benchmarks):
    result = score(bank, benchmarks, extreme_answers(bank, best=False, profile={"uses_ai": "yes"}))
    critical = [r for r in result.recommendations if r.critical]
    assert critical and all(r.plan_horizon == r.horizon for r in critical)
