"""The report as an editable Word document (python-docx): the same content as the PDF.

`report_docx(snapshot=…, organization=…, lang=…, review=None)` prints what
`assessments.reports.context.report_context` gives the PDF, with real Heading 1/2/3 styles (Word's
navigation pane), tables for the scores, comparisons and the plan, the charts as PNG images at print
resolution, the firm's branding, and, with a `review`, the consultant's summary, conclusions, plan
(responsible person, due date, status) and notes.

Nothing here fetches a URL: the logo is read from the firm's storage, the charts are rasterised from
the server-made SVG through the report's render process (WeasyPrint with the safe fetcher, then
pypdfium2), and python-docx escapes every text it writes.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from assessments.models import Organization, ResultSnapshot
from assessments.reports.charts import round_score
from assessments.reports.context import LANGUAGES, REPORT_FONT, report_context, report_language

logger = logging.getLogger(__name__)

CHART_DPI = 300  # print resolution of the chart images
CHART_WIDTH_CM = 16.5
LOGO_WIDTH_CM = 4.0
MAX_LOGO_BYTES = 2 * 1024 * 1024
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG: what Word and python-docx read
# XML 1.0 refuses these characters; a pasted control character must not break the document.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
HEADER_TEXT = "FFFFFF"


# Labels only the Word report prints (everything else uses the PDF report's own strings).
DOCX_LABELS = {
    "conclusions": gettext_lazy("Conclusiones del consultor"),
    "consultant_note": gettext_lazy("Observación del consultor"),
    "assessment_note": gettext_lazy("Observación general del consultor"),
    "responsible": gettext_lazy("Responsable"),
    "due_date": gettext_lazy("Fecha compromiso"),
    "status": gettext_lazy("Situación"),
    "action": gettext_lazy("Acción"),
    "study_share": gettext_lazy("PyMEs del estudio"),
    "your_answer": gettext_lazy("Su respuesta"),
    "indicator": gettext_lazy("Indicador"),
    "answered": gettext_lazy("Respondidas"),
    "unknown": gettext_lazy("«No sé»"),
    "number": gettext_lazy("N.º"),
    "why": gettext_lazy("Por sus respuestas"),
    "custom_action": gettext_lazy("Acción agregada por el consultor"),
    "who_can_answer": gettext_lazy("Quién puede responder"),
    "chart_domains": gettext_lazy("Gráfica: puntaje por dominio"),
    "chart_comparison": gettext_lazy("Gráfica: su empresa frente al estudio"),
    "chart_trend": gettext_lazy("Gráfica: evolución"),
    "logo": gettext_lazy("Logotipo"),
}


def label(key: str, lang: str) -> str:
    with override(LANGUAGES[report_language(lang)][0]):
        return str(DOCX_LABELS[key])


def clean(text: Any) -> str:
    """Text that python-docx can write: str, without the characters XML 1.0 forbids."""
    return XML_INVALID.sub("", "" if text is None else str(text))


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


# ---- Charts -----------------------------------------------------------------------------------------

_CHART_PAGE_CSS = """
@page chart { size: 180mm 320mm; margin: 0;
  @top-left { content: none; border: none; } @bottom-left { content: none; } @bottom-right { content: none; } }
html, body { margin: 0; background: #fff; }
div.chart-page { page: chart; width: 170mm; padding: 3mm; break-after: page; }
div.chart-page svg { width: 100%; height: auto; font-family: "Report Sans"; }
"""


def charts_to_png(svgs: Sequence[str], *, dpi: int = CHART_DPI) -> list[bytes]:
    """PNG images of server-made SVG charts, cropped to the drawing, at `dpi`.

    One render of all charts (one page each) through the report's render process, which reads
    nothing but the project's static files; pypdfium2 then rasterises each page.
    """
    if not svgs:
        return []
    import pypdfium2 as pdfium
    from PIL import Image, ImageChops

    from assessments.reports import resources
    from assessments.reports.process import html_to_pdf_isolated

    pages = "".join(f'<div class="chart-page">{svg}</div>' for svg in svgs)
    html = f'<!DOCTYPE html><html lang="es"><head><style>{_CHART_PAGE_CSS}</style></head><body>{pages}</body></html>'
    rendered = html_to_pdf_isolated(
        html,
        base_url=resources.stylesheet_uri(),
        allowed_roots=resources.allowed_roots(),
        timeout=resources.render_timeout(),
        stylesheets=resources.stylesheets(),  # the report's fonts; the chart page rule above wins
    )
    document = pdfium.PdfDocument(rendered.pdf)
    images = []
    try:
        for index in range(len(svgs)):
            bitmap = document[index].render(scale=dpi / 72)
            image = bitmap.to_pil().convert("RGB")
            box = ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox()
            if box:
                pad = dpi // 20
                image = image.crop(
                    (
                        max(box[0] - pad, 0),
                        max(box[1] - pad, 0),
                        min(box[2] + pad, image.width),
                        min(box[3] + pad, image.height),
                    )
                )
            out = io.BytesIO()
            image.save(out, format="PNG", dpi=(dpi, dpi), optimize=True)
            images.append(out.getvalue())
    finally:
        document.close()
    return images


# ---- Branding ---------------------------------------------------------------------------------------


def firm_logo_bytes(organization: Organization) -> bytes | None:
    """The firm's logo as PNG or JPEG bytes from its storage, or None (no firm, no logo, other type)."""
    firm = organization.firm
    logo = getattr(firm, "logo", None) if firm is not None else None
    if not logo:
        return None
    try:
        with logo.open("rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1)
    except (OSError, ValueError):
        return None
    if len(data) > MAX_LOGO_BYTES or not data.startswith(IMAGE_SIGNATURES):
        return None
    return data


def _hex(color: str) -> str:
    return color.lstrip("#").upper()


# ---- The writer -------------------------------------------------------------------------------------


class _ReportWriter:
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

    # -- helpers

    def L(self, key: str) -> str:  # noqa: N802 - short on purpose: used on every label
        return label(key, self.lang)

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(clean(text), level=level)

    def para(self, text: str = "", *, style: str | None = None, bold_prefix: str = "", italic=False, size=None):
        paragraph = self.doc.add_paragraph(style=style)
        if bold_prefix:
            prefix = paragraph.add_run(clean(bold_prefix))
            prefix.bold = True
            if size:
                prefix.font.size = Pt(size)
        if text:
            run = paragraph.add_run(clean(text))
            run.italic = italic
            if size:
                run.font.size = Pt(size)
        return paragraph

    def paragraphs(self, text: str) -> None:
        """A user's multi-paragraph text: a paragraph per blank-line block, line breaks kept."""
        for block in re.split(r"\n\s*\n", clean(text).strip()):
            if block.strip():
                self.para(block.strip())

    def table(self, header: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[float] = ()):
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            self._header_cell(cell, text)
        _repeat_header(table.rows[0])
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = clean(value)
        if widths:
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=False):
                column.width = Cm(width)
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=False):
                    cell.width = Cm(width)
        self.doc.add_paragraph()
        return table

    def _header_cell(self, cell, text: str) -> None:
        cell.text = ""
        run = cell.paragraphs[0].add_run(clean(text))
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(HEADER_TEXT)
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), self.color)
        cell._tc.get_or_add_tcPr().append(shading)

    def picture(self, png: bytes, alt: str, width_cm: float | None = None) -> None:
        """An image; a chart at its natural print size (CHART_DPI), never wider than the text column."""
        if width_cm is None:
            from PIL import Image

            width_cm = min(Image.open(io.BytesIO(png)).width / CHART_DPI * 2.54, CHART_WIDTH_CM)
        self.doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
        _set_alt_text(self.doc.inline_shapes[-1], clean(alt))

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

    def _facts(self, rows: Sequence[tuple[str, str]]) -> None:
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for name, value in rows:
            cells = table.add_row().cells
            self._header_cell(cells[0], name)
            cells[1].text = clean(value)
        self.doc.add_paragraph()

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

    # -- plan

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
                    _date_text(item["review"].get("due_date")),
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
                (self.L("due_date"), _date_text(reviewed.get("due_date")) or "—"),
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


def with_font(svg: str) -> str:
    from assessments.reports.charts import with_font_family

    return with_font_family(svg, REPORT_FONT)


def _number(value: float) -> str:
    return f"{value:g}"


def _action_title(item: Mapping[str, Any]) -> str:
    reviewed, rec = item.get("review") or {}, item.get("rec") or {}
    return reviewed.get("title") or rec.get("title") or reviewed.get("key") or ""


def _date_text(value: Any) -> str:
    if not value:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


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


def _repeat_header(row) -> None:
    """The table's first row repeats on every page it spans."""
    tr_pr = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    tr_pr.append(marker)


def _set_style_language(style, bcp47: str) -> None:
    r_pr = style.element.get_or_add_rPr()
    for old in r_pr.findall(qn("w:lang")):
        r_pr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), bcp47)
    r_pr.append(lang)


def _add_page_field(paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _set_alt_text(shape, text: str) -> None:
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", text)
    doc_pr.set("title", text[:255])
