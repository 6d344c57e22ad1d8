"""The report's findings in the Word document: scores by domain (with the trend), the comparison with
the study, and AI governance (sections 2 to 4)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from assessments.reports.charts import round_score


class FindingsSections:
    """Sections 2 to 4; mixed into the report writer, whose `c`, `view` and blocks they use."""

    def _domains(self, charts: Mapping[str, bytes]) -> None:
        self.heading(f"2. {_('Puntaje por dominio')}", 1)
        self.para(
            _(
                "Cada dominio agrupa las preguntas de un tema y se califica de 0 a 100. Un puntaje bajo señala dónde "
                "está el riesgo más grande, no dónde se ha hecho un mal trabajo."
            )
        )
        if "domains" in charts:
            self.picture(charts["domains"], self.L("chart_domains"))
            self.para(
                _("Puntaje de cada dominio, de 0 a 100. Verde: 80 o más; rojo: menos de 20."), italic=True, size=9
            )
        rows = [
            (
                d["title"],
                f"{round_score(d['score'])}/100" if d["applicable"] else _("No aplica"),
                f"{d['answered_only']}/{d['applicable']}",
                d["unknown"] or 0 if d["unknown"] is not None else "—",
            )
            for d in self.view.domains
        ]
        self.table([_("Dominio"), _("Puntaje"), self.L("answered"), self.L("unknown")], rows, widths=(8, 3, 3, 3))
        trend = self.c["trend"]
        if trend:
            self.heading(_("Evolución"), 2)
            if "trend" in charts:
                self.picture(charts["trend"], self.L("chart_trend"))
            header = [_("Dominio"), *trend["dates"], _("Cambio")]
            self.table(header, [(r["label"], *r["values"], r["change"]) for r in trend["rows"]])

    def _comparison(self, charts: Mapping[str, bytes]) -> None:
        self.heading(f"3. {_('Su empresa frente al estudio')}", 1)
        self.para(
            _(
                "Cada cifra es la proporción de PyMEs mexicanas del estudio que hacen o dicen algo; junto a ella, lo "
                "que usted respondió."
            )
        )
        if "comparison" in charts:
            self.heading(_("Buenas prácticas"), 2)
            self.picture(charts["comparison"], self.L("chart_comparison"))
        grouped = {id(row) for group in self.c["comparison_groups"] for row in group["rows"]}
        charted = [row for row in self.view.comparisons if id(row) not in grouped]
        groups = ([{"title": _("Buenas prácticas"), "rows": charted}] if charted else []) + self.c["comparison_groups"]
        header = [self.L("study_share"), self.L("indicator"), self.L("your_answer")]
        for group in groups:
            self.heading(group["title"], 3)
            rows = [
                (
                    row.study_text,
                    row.label[:1].upper() + row.label[1:],
                    _("Contexto del mercado, no se compara con su respuesta.")
                    if row.compare == "context"
                    else row.you_text,
                )
                for row in group["rows"]
            ]
            self.table(header, rows, widths=(3, 9, 5))
        sources = self.c["sources"]
        self.para(
            _("Fuente: «%(title)s», %(publisher)s, %(date)s; estudio encargado por %(sponsor)s.")
            % {
                "title": sources.get("title", ""),
                "publisher": sources.get("publisher", ""),
                "date": sources.get("published", ""),
                "sponsor": sources.get("commissioned_by", ""),
            },
            italic=True,
            size=9,
        )

    def _governance(self) -> None:
        gov = self.view.governance
        self.heading(f"4. {_('Gobierno de la IA')}", 1)
        self.para(
            _(
                "Usar inteligencia artificial sin reglas expone datos de clientes, contraseñas y documentos fiscales. "
                "El gobierno de la IA es el conjunto de decisiones por escrito que evita esos riesgos: para qué se "
                "usa, con qué herramientas, qué datos nunca entran y quién revisa lo que produce."
            )
        )
        header = [_("Usa inteligencia artificial"), _("Estrategia de IA"), _("Política escrita de uso de IA")]
        values = [_("Sí") if gov.get("uses_ai") else _("No"), gov["strategy_text"], gov["policy_text"]]
        for d in self.c["ai_domains"]:
            header.append(d["title"])
            values.append(f"{round_score(d['score'])}/100" if d["applicable"] else _("No aplica"))
        self.table(header, [values])
        if gov.get("gap"):
            self.para(
                _(
                    "Es la brecha más frecuente: las personas ya usan herramientas de IA, pero nadie ha dicho por "
                    "escrito cuáles se permiten ni qué información nunca debe copiarse en ellas."
                ),
                bold_prefix=_("Usa IA sin política escrita") + ". ",
            )
        elif gov.get("strategy_without_policy"):
            self.para(
                _("La empresa tiene una estrategia de IA, pero le falta la política que la haga cumplir."),
                bold_prefix=_("Estrategia sin política") + ". ",
            )
        self.heading(_("Acciones de gobierno de la IA"), 2)
        if self.c["ai_recommendations"]:
            for rec in self.c["ai_recommendations"]:
                self.para(f" · {rec.get('when', '')}", bold_prefix=rec["title"], style="List Bullet")
        else:
            self.para(_("No hay acciones pendientes de gobierno de la IA."))
