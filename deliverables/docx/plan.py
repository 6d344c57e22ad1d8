"""The action plan section of the Word report: the generated plan or the consultant's reviewed one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from assessments.reports.language import _iso_long_date


class PlanSection:
    """The plan section; mixed into the report writer, whose `view`, `review`, `snapshot` and blocks it uses."""

    def _plan(self) -> None:
        view = self.view
        title = _("Plan de acción: 30, 60, 90 días y después") if view.v2 else _("Plan de acción a 30, 60 y 90 días")
        self.heading(f"5. {title}", 1)
        self.para(
            _(
                "Las acciones están ordenadas por prioridad: primero las que más reducen el riesgo con menos "
                "esfuerzo. Marque cada casilla al terminar."
            )
        )
        for horizon_title, items in self._plan_groups():
            self.heading(horizon_title, 2)
            if not items:
                self.para(_("Nada pendiente en este plazo."))
                continue
            self._plan_table(items)
            for item in items:
                self._action(item)
        if view.v2 and view.recommendations:
            self.para(
                _(
                    "Costos: rango aproximado del primer año para una empresa de unas diez personas, precios de 2026 "
                    "antes de IVA; «sin costo» quiere decir que solo requiere tiempo."
                ),
                italic=True,
                size=9,
            )
        if view.to_verify:
            self.heading(_("Por averiguar"), 2)
            self.para(
                _(
                    "Contestó «No sé» a estas preguntas. Cuentan como brecha hasta que lo averigüe; junto a cada una, "
                    "quién se lo puede decir."
                )
            )
            self.table(
                [_("Pregunta"), self.L("who_can_answer")],
                [(item["text"], "; ".join(item["who"])) for item in view.to_verify],
                widths=(10, 7),
            )

    def _plan_groups(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """(horizon title, actions) in plan order: the generated plan, or the consultant's reviewed one."""
        recs = {rec["key"]: rec for rec in self.view.recommendations}
        if not self.review or self.review.get("plan") is None:
            return [(group["title"], [{"rec": rec} for rec in group["items"]]) for group in self.view.plan]
        titles = {group["horizon"]: group["title"] for group in self.view.plan}
        groups: dict[Any, list[dict[str, Any]]] = {}
        for action in self.review["plan"]:
            groups.setdefault(action.get("horizon"), []).append({"rec": recs.get(action.get("key")), "review": action})
        ordered = [h for h in titles if h in groups] + [h for h in groups if h not in titles]
        return [(titles.get(h) or _("En %(days)s días") % {"days": h}, groups[h]) for h in ordered]

    def _plan_table(self, items: Sequence[dict[str, Any]]) -> None:
        if all(item.get("review") for item in items):
            header = [self.L("number"), self.L("action"), self.L("responsible"), self.L("due_date"), self.L("status")]
            rows = [
                (
                    n,
                    _action_title(item),
                    item["review"].get("responsible") or "",
                    _iso_long_date(item["review"].get("due_date"), self.lang),
                    item["review"].get("status_label") or item["review"].get("status") or "",
                )
                for n, item in enumerate(items, start=1)
            ]
            self.table(header, rows, widths=(1.2, 7.3, 3.5, 2.8, 2.2))
            return
        header = [self.L("number"), self.L("action"), _("Esfuerzo"), _("Impacto"), _("Costo aproximado")]
        rows = [
            (
                n,
                item["rec"]["title"],
                item["rec"]["effort_text"],
                item["rec"]["impact_text"],
                item["rec"]["cost"] or "—",
            )
            for n, item in enumerate(items, start=1)
        ]
        self.table(header, rows, widths=(1.2, 8, 2.2, 2.2, 3.4))

    def _action(self, item: Mapping[str, Any]) -> None:
        rec, reviewed = item.get("rec"), item.get("review") or {}
        self.heading(_action_title(item), 3)
        text = reviewed.get("text") or (rec or {}).get("text") or ""
        if text:
            self.paragraphs(text)
        if reviewed.get("custom") or rec is None:
            self.para(self.L("custom_action"), italic=True, size=9)
        if reviewed:
            facts = [
                (self.L("responsible"), reviewed.get("responsible") or "—"),
                (self.L("due_date"), _iso_long_date(reviewed.get("due_date"), self.lang) or "—"),
                (self.L("status"), reviewed.get("status_label") or reviewed.get("status") or "—"),
            ]
            self.para(" · ".join(f"{k}: {v}" for k, v in facts), size=9)
        if rec:
            meta = f"{_('Esfuerzo')}: {rec['effort_text']} · {_('Impacto')}: {rec['impact_text']}"
            if rec.get("cost"):
                meta += f" · {_('Costo aproximado')}: {rec['cost']}"
            self.para(meta, size=9)
        for trigger in _triggers(rec, reviewed):
            self.para(trigger, bold_prefix=f"{self.L('why')}: ", size=9, style="List Bullet")
        for res in (rec or {}).get("resources", []):
            line = (
                res["name"]
                + (f". {res['contact']}" if res.get("contact") else "")
                + (f" {res['url']}" if res.get("url") else "")
            )
            self.para(line, bold_prefix=f"{_('A quién acudir')}: ", size=9)
        for key in self._trigger_keys((rec or {}).get("key") or reviewed.get("key")):
            if self.answer_notes.get(key):
                self.para(self.answer_notes[key], bold_prefix=f"{self.L('consultant_note')}: ", size=9)

    def _trigger_keys(self, key: str | None) -> list[str]:
        for rec in self.snapshot.result.get("recommendations", []):
            if rec["key"] == key:
                return [t["question"] for t in rec.get("triggered_by", [])]
        return []


def _action_title(item: Mapping[str, Any]) -> str:
    reviewed, rec = item.get("review") or {}, item.get("rec") or {}
    return reviewed.get("title") or rec.get("title") or reviewed.get("key") or ""


def _triggers(rec: Mapping[str, Any] | None, reviewed: Mapping[str, Any]) -> list[str]:
    """'question — answer' lines for the answers behind an action (the review's own, or the generated)."""
    triggers = reviewed.get("triggers") or (rec or {}).get("triggers") or []
    lines = []
    for t in triggers:
        if isinstance(t, Mapping):
            lines.append(f"{t.get('question', '')} — {t.get('answer', '')}".strip(" —"))
        else:
            lines.append(str(t))
    return lines
