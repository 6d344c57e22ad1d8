"""Spreadsheets for consultants: all clients of the firm, and every answer of one assessment.

A table is built once (header + rows of plain values) and written as CSV (UTF-8 with a BOM, so Excel
reads the accents) or XLSX (openpyxl). Text cells that a spreadsheet would run as a formula are
neutralised with a leading apostrophe; numbers and dates stay numbers and dates.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from assessments.catalog import current_bank
from assessments.models import Assessment
from assessments.reports.charts import round_score
from consultants import selectors

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A cell starting with one of these is read as a formula (or DDE) by Excel, LibreOffice and Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def cell_safe(value: Any) -> Any:
    """A value safe to put in a spreadsheet cell: formula-like text gets a leading apostrophe."""
    if value is None or isinstance(value, bool | int | float | Decimal | date | datetime):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


# A score as every page, chart, PDF and Word file prints it: the project's one rounding rule.
score_round = round_score


def _local_date(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment else None


def clients_table(*, firm, filters: selectors.ClientFilters | None = None, lang: str = "es-mx") -> Table:
    """One row per client company of the firm (those the dashboard's filters show). Two queries."""
    clients = selectors.client_list(firm=firm, filters=filters)
    domain_scores = selectors.client_domain_scores(clients=clients)
    domains = current_bank().domains
    with override(lang):
        header = [
            _("Empresa"),
            _("Tamaño"),
            _("Sector"),
            _("Estado"),
            _("Persona de contacto"),
            _("Correo de contacto"),
            _("Teléfono de contacto"),
            _("Situación"),
            _("Fecha de la última evaluación"),
            _("Fecha de envío del último resultado"),
            _("Última actividad"),
            _("Puntaje general"),
            _("Nivel"),
            *[domain.title.get(lang) for domain in domains],
        ]
        rows = []
        for client in clients:
            scores = domain_scores.get(client.submitted_id, {})
            rows.append(
                [
                    client.name,
                    client.get_size_band_display(),
                    selectors.profile_choice_label("sector", client.sector, lang=lang),
                    selectors.profile_choice_label("state", client.state, lang=lang),
                    client.contact_name,
                    client.contact_email,
                    client.contact_phone,
                    str(selectors.STATUS_LABELS[client.status]),
                    _local_date(client.latest_created_at),
                    _local_date(client.submitted_at),
                    _local_date(client.last_activity),
                    score_round(client.overall),
                    selectors.band_label(client.band, lang=lang),
                    *[score_round(scores.get(domain.key)) for domain in domains],
                ]
            )
        return Table(title=_("Clientes"), header=header, rows=rows)


def answers_table(*, assessment: Assessment, lang: str = "es-mx") -> Table:
    """Every question that applies to the assessment, with its answer text."""
    snapshot = selectors.assessment_snapshot_or_none(assessment=assessment)
    answer_rows = selectors.assessment_answer_rows(assessment=assessment, snapshot=snapshot, lang=lang)
    with override(lang):
        header = [_("Sección"), _("Clave"), _("Pregunta"), _("Respuesta")]
        rows = [[r["section"], r["key"], r["question"], r["answer"]] for r in answer_rows]
        return Table(title=_("Respuestas"), header=header, rows=rows)


def table_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([cell_safe(h) for h in table.header])
    for row in table.rows:
        writer.writerow(["" if v is None else _csv_value(cell_safe(v)) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def table_xlsx(table: Table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = cell_safe(table.title)[:31] or "Hoja1"
    sheet.append([cell_safe(h) for h in table.header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([cell_safe(v) for v in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date | datetime):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def table_render(table: Table, *, fmt: str) -> bytes:
    return table_csv(table) if fmt == "csv" else table_xlsx(table)


def export_filename(*parts: str, fmt: str) -> str:
    """e.g. clientes-2026-11-28.xlsx; every part slugified, so the header cannot be broken."""
    stem = "-".join(slugify(part)[:60].strip("-") for part in parts if part)
    return f"{stem or 'exportacion'}-{timezone.localdate().isoformat()}.{fmt}"
