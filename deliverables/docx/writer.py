"""The report writer: the Word document's sections in order, from the cover to the methodology."""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override
from docx import Document
from docx.shared import Cm, Pt, RGBColor

from assessments.models import Organization, ResultSnapshot
from assessments.reports.charts import round_score
from assessments.reports.context import LANGUAGES, report_context, report_language
from deliverables.docx.blocks import DocumentBlocks
from deliverables.docx.branding import LOGO_WIDTH_CM, _hex, firm_logo_bytes
from deliverables.docx.charts import charts_to_png, with_font
from deliverables.docx.ooxml import _add_page_field, _set_style_language, clean
from deliverables.docx.plan import PlanSection

logger = logging.getLogger(__name__)


# ---- Public contract --------------------------------------------------------------------------------


def report_docx(
    *, snapshot: ResultSnapshot, organization: Organization, lang: str, review: Mapping[str, Any] | None = None
) -> bytes:
    """The report as DOCX bytes in `lang` ('es' or 'en'); `review` adds the consultant's edits."""
    lang = report_language(lang)
    code, bcp47 = LANGUAGES[lang]
    with override(code):
        context = report_context(snapshot=snapshot, organization=organization, lang=lang)
        writer = _ReportWriter(
            context=context, snapshot=snapshot, organization=organization, lang=lang, bcp47=bcp47, review=review
        )
        return writer.build()


# ---- The writer -------------------------------------------------------------------------------------


class _ReportWriter(PlanSection, DocumentBlocks):
    """Writes one report; a class only to share the document, context and review between sections."""

    def __init__(self, *, context, snapshot, organization, lang, bcp47, review) -> None:
        self.c = context
        self.view = context["view"]
        self.snapshot = snapshot
        self.organization = organization
        self.lang = lang
        self.bcp47 = bcp47
        self.review = review or None
        notes = (self.review or {}).get("notes") or {}
        self.answer_notes: Mapping[str, str] = notes.get("answers") or {}
        self.assessment_note: str = notes.get("assessment") or ""
        self.color = _hex(context["branding"].color)
        self.doc = Document()

    # -- document

    def build(self) -> bytes:
        self._setup()
        charts = self._charts()
        self._cover()
        self._summary()
        self._domains(charts)
        self._comparison(charts)
        self._governance()
        self._plan()
        self._appendix()
        self._methodology()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _setup(self) -> None:
        brand = self.c["branding"].brand_name or "CiberListo PyME"
        props = self.doc.core_properties
        props.title = clean(self.c["title"])[:255]
        props.author = clean(brand)[:255]
        props.last_modified_by = clean(brand)[:255]
        props.language = self.bcp47
        props.subject = clean(
            _("Preparación en ciberseguridad e inteligencia artificial, comparada con el estudio de PyMEs mexicanas")
        )[:255]
        props.comments = f"CiberListo PyME {self.c['versions']['report_version']} · {self.c['fingerprint']}"
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        _set_style_language(normal, self.bcp47)
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
            styles[name].font.color.rgb = RGBColor.from_string(self.color)
            _set_style_language(styles[name], self.bcp47)
        section = self.doc.sections[0]
        section.left_margin = section.right_margin = Cm(2)
        header = section.header.paragraphs[0]
        header.text = clean(self.c["company_header"])
        footer = section.footer.paragraphs[0]
        prepared = (
            _("Preparado por %(brand)s") % {"brand": self.c["brand_short"]}
            if self.c["brand_short"]
            else "CiberListo PyME"
        )
        footer.add_run(clean(f"{prepared} · {_('Confidencial')} · {_('Página')} "))
        _add_page_field(footer)

    def _charts(self) -> dict[str, bytes]:
        svgs = {"domains": self.view.domain_chart_svg, "comparison": self.view.comparison_chart_svg}
        if self.c["trend"]:
            svgs["trend"] = self.c["trend"]["chart_svg"]
        present = {k: with_font(v) for k, v in svgs.items() if v}
        return dict(zip(present, charts_to_png(list(present.values())), strict=True))

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
            self.para(self._generated_lead())
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

    def _generated_lead(self) -> str:
        view = self.view
        lead = _("%(company)s obtuvo %(score)s de 100 puntos, lo que corresponde al nivel %(band)s.") % {
            "company": self.c["company"],
            "score": round_score(view.overall),
            "band": view.band,
        }
        typical = view.typical
        if typical.get("practices_total"):
            lead += " " + _(
                "De las %(total)s buenas prácticas que mide el estudio, su empresa cumple %(have)s; la PyME típica "
                "del estudio cumple %(usual)s."
            ) % {
                "total": typical["practices_total"],
                "have": _number(typical["practices_company"]),
                "usual": f"{typical['practices_typical']:.1f}",
            }
            position = typical.get("position")
            if position == "above":
                lead += " " + _("Está por encima de la PyME típica.")
            elif position == "at":
                lead += " " + _("Está al nivel de la PyME típica.")
            else:
                lead += " " + _("Está por debajo de la PyME típica.")
        return lead

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

    # -- appendix and methodology

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


# ---- Small pure helpers -----------------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value:g}"
