"""The rows of a results page and the PDF: each study comparison, each action (with why, cost and
resources), the plan by horizon, the band cap, the answer counts and the self-rating.

Split from `presenters`, whose `result_view` assembles them; nothing here computes a score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from assessments.presenters_text import _study_text, first_sentence, format_mxn, level_label, status_label

HORIZONS = (30, 60, 90)  # v1 plans: the data's horizon of each action


@dataclass
class ComparisonRow:
    figure: str
    label: str
    study_text: str
    you_text: str
    status: str
    kind: str
    line: str  # "Usted: sí · PyMEs en el estudio: 49%"; for a context figure, no "Usted"
    compare: str = "status"  # "status" | "context" (v2); v1 snapshots are all "status"
    note: str = ""


def _comparison_row(c: dict[str, Any], suffix: str, *, v2: bool) -> ComparisonRow:
    label = c[f"label_{suffix}"]
    you = status_label(c["you"])
    study = _study_text(c)
    compare = c.get("compare", "status") if v2 else "status"
    note = (c.get("note") or {}).get(suffix, "") if v2 else ""
    if compare == "context":
        line = _("Contexto del mercado, no se compara con su respuesta: %(study)s") % {"study": study}
    else:
        line = _("Usted: %(you)s · PyMEs en el estudio: %(study)s") % {"you": you.lower(), "study": study}
    return ComparisonRow(
        figure=c["figure"],
        label=label,
        study_text=study,
        you_text=you,
        status=c["you"],
        kind=c["kind"],
        line=line,
        compare=compare,
        note=note,
    )


def _recommendation(r: dict[str, Any], suffix: str, appendix: dict[str, dict], *, v2: bool) -> dict[str, Any]:
    """One action as printed everywhere: what to do, why (the answers behind it), effort, cost, resources."""
    triggers = []
    for t in r["triggered_by"]:
        row = appendix.get(t["question"])
        triggers.append(
            {
                "question": row[f"text_{suffix}"] if row else t["question"],
                "answer": (row[f"answer_{suffix}"] if row else "") or _("Sin respuesta"),
            }
        )
    return {
        "key": r["key"],
        "title": r[f"title_{suffix}"],
        "text": r[f"text_{suffix}"],
        "summary": first_sentence(r[f"text_{suffix}"]),
        "anchor": f"accion-{r['key']}",
        "impact": r["impact"],
        "effort": r["effort"],
        "horizon": r["horizon"],
        "priority": r["priority"],
        "impact_text": level_label(r["impact"]),
        "effort_text": level_label(r["effort"]),
        "triggered_by": [t["question"] for t in triggers],
        "triggers": triggers,
        "plan_horizon": r.get("plan_horizon", r["horizon"]) if v2 else r["horizon"],
        "critical": bool(r.get("critical")) if v2 else False,
        "cost": format_mxn(r.get("cost_mxn")) if v2 else "",
        "resources": [
            {
                "name": res["name"][suffix] if isinstance(res.get("name"), dict) else res.get("name", ""),
                "contact": res["contact"][suffix] if isinstance(res.get("contact"), dict) else res.get("contact") or "",
                "url": res.get("url") or "",
            }
            for res in (r.get("resources") or [] if v2 else [])
        ],
    }


def _plan(result: dict[str, Any], recs: list[dict[str, Any]], suffix: str, *, v2: bool) -> list[dict[str, Any]]:
    """The plan by horizon. v2: the engine's `action_plan` (≤ 5 actions in 30 days, then 60, 90, después);
    v1: every action under the horizon its data gives (30, 60, 90), as v1 pages always showed it."""
    by_key = {r["key"]: r for r in recs}
    if v2:
        groups = [
            {
                "horizon": h["horizon"],
                "title": h["title"][suffix],
                "limit": h.get("limit"),
                "items": [by_key[k] for k in h["actions"] if k in by_key],
            }
            for h in result["action_plan"]
        ]
    else:
        groups = [
            {
                "horizon": h,
                "title": _("En %(days)s días") % {"days": h},
                "limit": None,
                "items": [r for r in recs if r["horizon"] == h],
            }
            for h in HORIZONS
        ]
    for group in groups:
        for rec in group["items"]:
            rec["when"] = group["title"]
    return groups


def _band_cap(cap: dict[str, Any] | None, suffix: str, answers: dict[str, str]) -> dict[str, Any] | None:
    """`answers`: question key → the answer's text as frozen in the appendix (e.g. "No tenemos respaldos")."""
    if not cap:
        return None
    reasons = [
        {
            "text": r["text"][suffix],
            "answer": status_label(r["status"])
            if r["status"] != "answered"
            else answers.get(r["question"]) or status_label(str(r["answer"])),
        }
        for r in cap["reasons"]
    ]
    return {
        "band": cap["band"][suffix],
        "uncapped": cap["uncapped"][suffix],
        "reasons": reasons,
        # "Nivel limitado por: Respaldos de la información (No sé)"
        "line": _("Nivel limitado por: %(reasons)s")
        % {"reasons": "; ".join(f"{r['text']} ({r['answer']})" for r in reasons)},
        "explanation": _(
            "Su índice corresponde al nivel %(uncapped)s, pero mientras falte un control esencial el nivel "
            "llega como máximo a %(band)s."
        )
        % {"uncapped": cap["uncapped"][suffix], "band": cap["band"][suffix]},
    }


def _counts(counts: dict[str, int]) -> dict[str, Any]:
    # "58 respondidas · 2 «No sé» · 0 sin respuesta": "No sé" is never counted as answered.
    line = _("%(answered)s respondidas · %(unknown)s «No sé» · %(unanswered)s sin respuesta") % counts
    return {**counts, "line": line}


def _self_rating(gap: dict[str, Any] | None, suffix: str) -> dict[str, Any] | None:
    if not gap:
        return None
    verdicts = {
        "overconfident": _("Confianza de más"),
        "aligned": _("Confianza acorde"),
        "underconfident": _("Confianza de menos"),
    }
    verdict_text = verdicts.get(gap["verdict"], gap["verdict"])
    text = gap["text"][suffix]
    # The result's text starts with the verdict ("Confianza de menos: sus respuestas…"), which every page
    # already prints in bold just before it: say it once.
    head, sep, rest = text.partition(": ")
    if sep and head.casefold() == str(verdict_text).casefold():
        text = rest[:1].upper() + rest[1:]
    return {
        "rating": gap["rating"],
        "rating_max": gap["rating_max"],
        "rating_band": gap["rating_band"][suffix],
        "band": gap["band"][suffix],
        "difference": gap["difference"],
        "verdict": gap["verdict"],
        "verdict_text": verdict_text,
        "text": text,
    }
