"""The report's opening in the Word document: the cover and the executive summary (with the lead
written from the scores when the consultant gave no summary of their own)."""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from docx.shared import Pt

from assessments.reports.charts import round_score
from deliverables.docx.branding import LOGO_WIDTH_CM, firm_logo_bytes
from deliverables.docx.ooxml import clean

logger = logging.getLogger(__name__)


class OpeningSections:
    """The cover and section 1; mixed into the report writer, whose `c`, `view`, `review` and blocks it uses."""

    def _cover(self) -> None:
        branding = self.c["branding"]
        logo = firm_logo_bytes(self.organization)
        if logo:
            try:
                self.picture(logo, f"{self.L('logo')} {branding.brand_name}".strip(), width_cm=LOGO_WIDTH_CM)
            except Exception:  # noqa: BLE001 - an image python-docx cannot read: the cover goes on without it
                logger.warning("firm logo skipped in the DOCX report: unreadable image")
        self.para(branding.brand_name or "CiberListo PyME", bold_prefix="")
        self.para(_("Reporte de preparación"), italic=True)
        self.doc.add_heading(clean(_("Ciberseguridad e inteligencia artificial en su empresa")), level=0)
        company = self.para()
        run = company.add_run(clean(self.c["company"]))
        run.bold, run.font.size = True, Pt(16)
        facts = [
            (_("Fecha de la evaluación"), self.c["assessed_on"]),
            (_("Idioma del reporte"), "English" if self.lang == "en" else "Español"),
        ]
        if branding.brand_name or branding.contact_line:
            prepared = " · ".join(p for p in (branding.brand_name, branding.contact_line) if p)
            facts.append((_("Preparado por"), prepared))
        facts.append((_("Índice general"), f"{round_score(self.view.overall)}/100 · {self.view.band}"))
        self._facts(facts)
        self.para(
            _(
                "Documento confidencial preparado para %(company)s. Resume las respuestas dadas en la evaluación; "
                "no es una auditoría."
            )
            % {"company": self.c["company_header"]},
            italic=True,
        )
        self.doc.add_page_break()

    def _summary(self) -> None:
        view = self.view
        self.heading(f"1. {_('Resumen ejecutivo')}", 1)
        self.para(
            f"{round_score(view.overall)} {_('de 100 puntos')} · " + _("Nivel %(band)s") % {"band": view.band},
            style="Intense Quote",
        )
        if view.band_cap:
            self.para(view.band_cap["explanation"], bold_prefix=view.band_cap["line"] + " ")
        self.para(view.band_explanation)
        if view.counts:
            self.para(view.counts["line"], italic=True)
        summary = (self.review or {}).get("summary")
        if summary:
            self.paragraphs(summary)
        else:
            self.para(self.c["generated_summary"])  # the PDF's own lead (a capped level says why)
        if self.c["strongest"] and self.c["weakest"]:
            self._facts(
                [
                    (
                        _("Dominio más fuerte"),
                        f"{self.c['strongest']['title']} · {round_score(self.c['strongest']['score'])}",
                    ),
                    (
                        _("Tema más débil"),
                        f"{self.c['weakest']['title']} · {round_score(self.c['weakest']['score'])}",
                    ),
                ]
            )
        if view.governance.get("gap"):
            self.heading(_("Brecha de gobierno de la IA"), 3)
            self.para(
                _(
                    "La empresa usa o planea usar inteligencia artificial sin una política escrita que diga qué "
                    "herramientas se permiten y qué datos nunca deben entrar en ellas."
                )
            )
        self.heading(_("Sus tres primeras acciones"), 2)
        if self.c["top_actions"]:
            for n, rec in enumerate(self.c["top_actions"], start=1):
                self.para(f" · {rec.get('when', '')}", bold_prefix=f"{n}. {rec['title']}", style="List Number")
        else:
            self.para(_("Sus respuestas no dejan acciones pendientes: mantenga sus prácticas y revíselas cada año."))
        if view.self_rating:
            self.heading(_("Cómo se siente frente a lo que muestran sus respuestas"), 2)
            self.para(view.self_rating["text"], bold_prefix=f"{view.self_rating['verdict_text']}. ")
        if self.review and (self.review.get("conclusions") or self.assessment_note):
            self.heading(self.L("conclusions"), 2)
            if self.review.get("conclusions"):
                self.paragraphs(self.review["conclusions"])
            if self.assessment_note:
                self.para(self.assessment_note, bold_prefix=f"{self.L('assessment_note')}: ")
