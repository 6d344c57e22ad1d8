"""The report's closing sections in the Word document: the appendix of answers (with the consultant's
notes) and the methodology, sources and versions (sections 6 and 7)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


class AnnexSections:
    """Sections 6 and 7; mixed into the report writer, whose `c`, `view`, `snapshot`, `review` and blocks they use."""

    def _appendix(self) -> None:
        self.heading(f"6. {_('Anexo: sus respuestas')}", 1)
        self.para(
            _("Todas las preguntas que aplicaron a su empresa, con la respuesta registrada al enviar la evaluación.")
        )
        keys = [row["key"] for row in self.snapshot.result.get("appendix", [])]
        sections: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for key, row in zip(keys, self.view.appendix, strict=False):
            sections.setdefault(row["section"], []).append((key, row))
        header = [self.L("number"), _("Pregunta"), _("Respuesta")]
        if self.review:
            header.append(self.L("consultant_note"))
        for section, rows in sections.items():
            self.heading(section, 2)
            body = []
            for key, row in rows:
                line = [row.get("number", ""), row["question"], row["answer"]]
                if self.review:
                    line.append(self.answer_notes.get(key, ""))
                body.append(line)
            self.table(header, body, widths=(1.2, 8, 4, 4) if self.review else (1.2, 10, 6))
        if self.view.not_applicable:
            self.heading(_("Preguntas que no se le hicieron"), 2)
            self.para(_("No cuentan en el puntaje; se ocultaron por una respuesta anterior."), italic=True, size=9)
            self.table([_("Pregunta"), _("Respuesta")], [(n["text"], n["reason"]) for n in self.view.not_applicable])

    def _methodology(self) -> None:
        self.heading(f"7. {_('Metodología y fuentes')}", 1)
        self.heading(_("Cómo se calcula el índice"), 2)
        self.para(
            _(
                "Cada respuesta vale entre 0 y 1 según qué tanto protege a la empresa; «No sé» y las preguntas sin "
                "respuesta valen 0, y las que no aplican no cuentan. El puntaje de un dominio es el promedio ponderado "
                "de sus preguntas, de 0 a 100, y el índice general es el promedio ponderado de los dominios. Las "
                "acciones se ordenan por impacto y esfuerzo. Preguntas y acciones se apoyan en el NIST CSF 2.0, los "
                "CIS Controls v8 (IG1) y el NIST AI RMF, adaptados a México."
            )
        )
        sources = self.c["sources"]
        self.heading(_("Fuente de las cifras"), 2)
        title = f"«{sources.get('title', '')}»" + (
            f" («{sources['title_translated']}»)" if sources.get("title_translated") else ""
        )
        self._facts(
            [
                (_("Estudio"), title),
                (_("Publicado por"), f"{sources.get('publisher', '')}, {sources.get('published', '')}"),
                (_("Encargado por"), sources.get("commissioned_by", "")),
                (_("Población"), sources.get("population", "")),
            ]
        )
        if sources.get("method"):
            self.para(sources["method"])
        if sources.get("limitations"):
            self.heading(_("Límites del estudio"), 3)
            for limitation in sources["limitations"]:
                self.para(limitation, style="List Bullet")
        versions = self.c["versions"]
        self.heading(_("Versiones"), 2)
        self._facts(
            [
                (_("Banco de preguntas"), versions["bank_version"]),
                (_("Datos del estudio"), versions["benchmarks_version"]),
                (_("Cálculo del puntaje"), versions["scoring_version"]),
                (_("Formato del reporte"), versions["report_version"]),
                (_("Huella del resultado"), self.c["fingerprint"]),
            ]
        )
        self.para(
            _(
                "El resultado se congeló al enviar la evaluación, con estas versiones. Este reporte se basa en las "
                "respuestas de la propia empresa: es una guía para priorizar, no una auditoría ni una certificación."
            ),
            italic=True,
            size=9,
        )
