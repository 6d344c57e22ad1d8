"""A tiny but complete bank + benchmarks, written to tmp files, so each loader rule can be broken on purpose."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml


def t(es: str, en: str) -> dict:
    return {"es": es, "en": en}


BENCHMARKS = {
    "version": "test.1",
    "source": {
        "title": t("Estudio", "Study"),
        "publisher": "Mexico Business News",
        "commissioned_by": "Microsoft México",
        "published": "2025-05-27",
        "study_year": 2025,
        "population": t("PyMEs mexicanas", "Mexican SMEs"),
    },
    "figures": [
        {
            "key": "ai_integrated_change",
            "value": 11,
            "unit": "pp",
            "kind": "trend",
            "compare": "context",
            "label": t("puntos más", "points more"),
            "quote": "+11",
        },
        {
            "key": "ai_integrated",
            "value": 64,
            "unit": "percent",
            "kind": "adoption",
            "label": t("usan IA", "use AI"),
            "quote": "64%",
        },
        {
            "key": "ai_strategy",
            "value": 60,
            "unit": "percent",
            "kind": "practice",
            "label": t("tienen estrategia", "have a strategy"),
            "quote": "60%",
        },
        {
            "key": "ai_policy",
            "value": 49,
            "unit": "percent",
            "kind": "practice",
            "label": t("tienen política", "have a policy"),
            "quote": "49%",
        },
    ],
}

BANK = {
    "version": "test.1",
    "contacts": [
        {"key": "it_provider", "label": t("su proveedor de sistemas", "your IT provider")},
        {"key": "management", "label": t("la dirección", "management")},
    ],
    "domains": [
        {"key": "ai_governance", "weight": 2, "title": t("Gobierno de IA", "AI governance")},
        {"key": "protection", "weight": 1, "title": t("Protección", "Protection")},
    ],
    "sections": [
        {
            "key": "profile",
            "title": t("Perfil", "Profile"),
            "questions": [
                {
                    "key": "uses_ai",
                    "type": "yesno",
                    "partly": False,
                    "text": t("¿Usan IA?", "Do you use AI?"),
                    "figure": {"key": "ai_integrated", "match": ["yes"]},
                },
                {
                    "key": "ai_tool",
                    "type": "single",
                    "text": t("¿Qué IA?", "Which AI?"),
                    "condition": {"question": "uses_ai", "in": ["yes"], "reason": t("No usa IA", "Does not use AI")},
                    "choices": [
                        {"value": "chatbot", "label": t("Chatbot", "Chatbot")},
                        {"value": "other", "label": t("Otra", "Other")},
                    ],
                },
            ],
        },
        {
            "key": "governance",
            "title": t("Gobierno", "Governance"),
            "questions": [
                {
                    "key": "ai_strategy",
                    "type": "yesno",
                    "domain": "ai_governance",
                    "weight": 2,
                    "unknown": True,
                    "who_knows": ["management"],
                    "text": t("¿Estrategia?", "Strategy?"),
                    "figure": {"key": "ai_strategy", "match": ["yes"], "partial": ["partly"]},
                },
                {
                    "key": "ai_policy",
                    "type": "yesno",
                    "domain": "ai_governance",
                    "weight": 3,
                    "unknown": True,
                    "who_knows": ["management"],
                    "text": t("¿Política?", "Policy?"),
                    "figure": {"key": "ai_policy", "match": ["yes"]},
                },
                {
                    "key": "ai_data",
                    "type": "multi",
                    "domain": "ai_governance",
                    "weight": 2,
                    "base": 1,
                    "text": t("¿Qué datos?", "Which data?"),
                    "choices": [
                        {"value": "customer_data", "label": t("Clientes", "Customers"), "score": -0.6},
                        {"value": "passwords", "label": t("Contraseñas", "Passwords"), "score": -0.6},
                        {
                            "value": "public_only",
                            "label": t("Solo públicos", "Public only"),
                            "score": 0,
                            "exclusive": True,
                        },
                    ],
                },
            ],
        },
        {
            "key": "protection",
            "title": t("Protección", "Protection"),
            "questions": [
                {
                    "key": "backups",
                    "type": "single",
                    "domain": "protection",
                    "weight": 3,
                    "unknown": True,
                    "who_knows": ["it_provider", "management"],
                    "critical": t("Respaldos", "Backups"),
                    "text": t("¿Respaldos?", "Backups?"),
                    "choices": [
                        {"value": "none", "label": t("No", "No"), "score": 0},
                        {"value": "sometimes", "label": t("A veces", "Sometimes"), "score": 0.5},
                        {"value": "tested", "label": t("Probados", "Tested"), "score": 1},
                    ],
                },
                {
                    "key": "updates",
                    "type": "scale",
                    "domain": "protection",
                    "weight": 1,
                    "min": 1,
                    "max": 5,
                    "text": t("¿Actualizaciones?", "Updates?"),
                    "labels": {"min": t("Nunca", "Never"), "max": t("Siempre", "Always")},
                },
                {"key": "employees", "type": "number", "min": 0, "max": 250, "text": t("¿Personas?", "People?")},
            ],
        },
    ],
}

RECOMMENDATIONS = {
    "version": "test.1",
    "resources": [
        {"key": "emergency_088", "name": t("088", "088"), "contact": t("Llame al 088", "Call 088")},
    ],
    "recommendations": [
        {
            "key": "write_policy",
            "title": t("Escriba la política", "Write the policy"),
            "text": t("Texto", "Text"),
            "impact": 3,
            "effort": 1,
            "cost_mxn": {"min": 0, "max": 0},
            "triggers": [{"question": "ai_policy", "below": 1}, {"question": "ai_strategy", "below": 1}],
        },
        {
            "key": "data_rules",
            "title": t("Reglas de datos", "Data rules"),
            "text": t("Texto", "Text"),
            "impact": 2,
            "effort": 2,
            "cost_mxn": {"min": 0, "max": 5000},
            "triggers": [{"question": "ai_data", "below": 1}],
        },
        {
            "key": "backups",
            "title": t("Respaldos", "Backups"),
            "text": t("Texto", "Text"),
            "impact": 3,
            "effort": 2,
            "horizon": 30,
            "cost_mxn": {"min": 1500, "max": 8000},
            "resources": ["emergency_088"],
            "triggers": [{"question": "backups", "below": 1}, {"question": "updates", "below": 0.8}],
        },
    ],
}


def write(tmp_path: Path, *, bank=None, recommendations=None, benchmarks=None) -> dict[str, Path]:
    paths = {}
    for name, data in (
        ("bank", bank or BANK),
        ("recommendations", recommendations or RECOMMENDATIONS),
        ("benchmarks", benchmarks or BENCHMARKS),
    ):
        paths[name] = tmp_path / f"{name}.yaml"
        paths[name].write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return paths


def load(tmp_path: Path, **overrides):
    from assessments.benchmarks.loader import load_benchmarks
    from assessments.question_bank.loader import load_bank

    paths = write(tmp_path, **overrides)
    benchmarks = load_benchmarks(paths["benchmarks"])
    bank = load_bank(
        paths["bank"], recommendations_path=paths["recommendations"], benchmarks=benchmarks, check_size=False
    )
    return bank, benchmarks


def fresh() -> tuple[dict, dict, dict]:
    return copy.deepcopy(BANK), copy.deepcopy(RECOMMENDATIONS), copy.deepcopy(BENCHMARKS)
