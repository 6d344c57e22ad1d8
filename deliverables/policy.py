"""The AI-use policy drafted from an assessment's answers: content (from deliverables/data/ai_policy.yaml),
and its DOCX and PDF files.

Content is a plain dict, so an approved version freezes as JSON (PolicyDraft.approved_content):
    {"lang", "title", "company", "version", "legal_reviewed", "note", "approved",
     "sections": [{"key", "title", "text", "refs", "edited"}]}
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.shared import Pt

from assessments.reports.context import LANGUAGES, report_language
from deliverables.docx.ooxml import clean

POLICY_FILE = Path(__file__).resolve().parent / "data" / "ai_policy.yaml"
PLACEHOLDER = re.compile(r"\[(?:COMPLETAR|COMPLETE):[^\]]*\]")
TEMPLATE = "deliverables/policy/document.html"
MAX_SECTION_CHARS = 6000


@cache
def policy_data() -> dict[str, Any]:
    with POLICY_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def section_keys() -> list[str]:
    return [section["key"] for section in policy_data()["sections"]]


def _generated_text(section: Mapping[str, Any], answers: Mapping[str, Any], lang: str, company: str) -> str:
    paragraphs = [section["text"][lang]]
    if section.get("question"):
        choices = section["answers"]
        value = answers.get(section["question"])
        chosen = choices.get(value) if isinstance(value, str) else None
        paragraphs.append((chosen or choices["other"])[lang])
    # str.replace, not format(): a company name with braces must stay as typed
    return "\n\n".join(paragraphs).replace("{company}", company)


def policy_build(
    *, answers: Mapping[str, Any], company: str, lang: str, edits: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The policy in `lang` for these answers; `edits` (section key → text) replace generated sections."""
    lang = report_language(lang)
    data = policy_data()
    edits = edits or {}
    sections = []
    for section in data["sections"]:
        edited = bool((edits.get(section["key"]) or "").strip())
        text = edits[section["key"]].strip() if edited else _generated_text(section, answers, lang, company)
        sections.append(
            {
                "key": section["key"],
                "title": section["title"][lang],
                "text": text,
                "refs": section.get("refs", ""),
                "edited": edited,
            }
        )
    return {
        "lang": lang,
        "html_lang": LANGUAGES[lang][1],
        "title": data["title"][lang],
        "company": company,
        "version": data["version"],
        "legal_reviewed": data["legal_reviewed"],
        "note": data["draft_note"][lang],
        "approved": False,
        "labels": {key: value[lang] for key, value in data["labels"].items()},
        "sections": sections,
    }


def placeholders(content: Mapping[str, Any]) -> list[str]:
    """Every "[COMPLETAR: …]" still in the text, in order."""
    return [match for section in content["sections"] for match in PLACEHOLDER.findall(section["text"])]


def mark_approved(content: dict[str, Any], *, approved_on: str) -> dict[str, Any]:
    data = policy_data()
    return {**content, "approved": True, "approved_on": approved_on, "note": data["approved_note"][content["lang"]]}


# ---- Files ------------------------------------------------------------------------------------------


def policy_docx(content: Mapping[str, Any], *, brand_name: str = "", color: str = "") -> bytes:
    """The policy as an editable Word document: Title, Heading 1 per section, placeholders highlighted."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import RGBColor

    from deliverables.docx.ooxml import _set_style_language

    document = Document()
    props = document.core_properties
    props.title = clean(f"{content['title']}: {content['company']}")[:255]
    props.language = content["html_lang"]
    props.author = clean(brand_name or content["company"])[:255]
    props.comments = f"CiberListo PyME · {content['version']}"
    styles = document.styles
    styles["Normal"].font.size = Pt(11)
    for name in ("Normal", "Title", "Heading 1"):
        _set_style_language(styles[name], content["html_lang"])
        if color and name != "Normal":
            styles[name].font.color.rgb = RGBColor.from_string(color.lstrip("#").upper())
    document.add_heading(clean(content["title"]), level=0)
    labels = content["labels"]
    facts = document.add_paragraph()
    facts.add_run(clean(f"{labels['company']}: ")).bold = True
    facts.add_run(clean(content["company"]))
    if content.get("approved_on"):
        facts.add_run(clean(f" · {labels['date']}: {content['approved_on']}"))
    note = document.add_paragraph()
    note.add_run(clean(content["note"])).italic = True
    for section in content["sections"]:
        document.add_heading(clean(section["title"]), level=1)
        for block in re.split(r"\n\s*\n", clean(section["text"])):
            if block.strip():
                _paragraph_with_placeholders(document.add_paragraph(), block.strip(), WD_COLOR_INDEX.YELLOW)
        if section.get("refs"):
            refs = document.add_paragraph()
            run = refs.add_run(clean(f"{labels['references']}: {section['refs']}"))
            run.italic, run.font.size = True, Pt(8.5)
    footer = document.add_paragraph()
    run = footer.add_run(
        clean(f"{labels['version']}: {content['version']} · {labels['legal_reviewed']} {content['legal_reviewed']}")
    )
    run.font.size = Pt(8.5)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraph_with_placeholders(paragraph, text: str, highlight) -> None:
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position : match.start()])
        run = paragraph.add_run(match.group(0))
        run.bold = True
        run.font.highlight_color = highlight
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:])


def policy_html(content: Mapping[str, Any], *, brand_name: str = "", color: str = "") -> str:
    """The policy as HTML for the PDF (Django escapes every text; placeholders get a <mark>)."""
    from django.template.loader import render_to_string
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    sections = []
    for section in content["sections"]:
        paragraphs = []
        for block in re.split(r"\n\s*\n", section["text"]):
            if block.strip():
                escaped = escape(block.strip())  # escape first: the placeholder pattern has no HTML characters
                paragraphs.append(mark_safe(PLACEHOLDER.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped)))  # noqa: S308
        sections.append({**section, "paragraphs": paragraphs})
    return render_to_string(
        TEMPLATE, {"policy": content, "sections": sections, "brand_name": brand_name, "color": color or "#14365d"}
    )


def policy_pdf(content: Mapping[str, Any], *, brand_name: str = "", color: str = "") -> bytes:
    """The PDF through the report's render process: safe fetcher, time limit, no network."""
    from assessments.reports import resources
    from assessments.reports.process import html_to_pdf_isolated

    html = policy_html(content, brand_name=brand_name, color=color)
    return html_to_pdf_isolated(
        html,
        base_url=resources.stylesheet_uri(),
        allowed_roots=resources.allowed_roots(),
        timeout=resources.render_timeout(),
        stylesheets=resources.stylesheets(),
    ).pdf
