"""The report writer: the Word document's set-up and its sections in order, from the cover to the
methodology. The sections themselves live in `opening` (cover, summary), `findings` (domains, study
comparison, AI governance), `plan` and `annex` (appendix, methodology)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override
from docx import Document
from docx.shared import Cm, Pt, RGBColor

from assessments.models import Organization, ResultSnapshot
from assessments.reports.context import LANGUAGES, report_context, report_language
from deliverables.docx.annex import AnnexSections
from deliverables.docx.blocks import DocumentBlocks
from deliverables.docx.branding import _hex
from deliverables.docx.charts import charts_to_png, with_font
from deliverables.docx.findings import FindingsSections
from deliverables.docx.ooxml import _add_page_field, _set_style_language, clean
from deliverables.docx.opening import OpeningSections
from deliverables.docx.plan import PlanSection

# ---- Public contract --------------------------------------------------------------------------------


def report_docx(
    *, snapshot: ResultSnapshot, organization: Organization, lang: str, review: Mapping[str, Any] | None = None
) -> bytes:
    """The report as DOCX bytes in `lang` ('es' or 'en'); `review` adds the consultant's edits."""
    lang = report_language(lang)
    code, bcp47 = LANGUAGES[lang]
    with override(code):
        # With a review, the same reviewed context as the PDF (approved name and branding, the plan as
        # reviewed: "Sus tres primeras acciones" never lists a hidden action).
        context = report_context(snapshot=snapshot, organization=organization, lang=lang, review=review)
        writer = _ReportWriter(
            context=context, snapshot=snapshot, organization=organization, lang=lang, bcp47=bcp47, review=review
        )
        return writer.build()


# ---- The writer -------------------------------------------------------------------------------------


class _ReportWriter(OpeningSections, FindingsSections, PlanSection, AnnexSections, DocumentBlocks):
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
