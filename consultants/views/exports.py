"""Spreadsheet downloads: the firm's clients, and one assessment's answers (CSV or XLSX)."""

from django.http import Http404, HttpResponse
from django.utils.translation import get_language

from consultants import exports, selectors
from firms.decorators import firm_member_required


def _language(request) -> str:
    requested = request.GET.get("lang") or get_language() or ""
    return "en" if requested.lower().startswith("en") else "es-mx"


def _download(table: exports.Table, *, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(exports.table_render(table, fmt=fmt), content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@firm_member_required
def clients_export(request, fmt):
    if fmt not in exports.FORMATS:
        raise Http404("unknown format")
    filters = selectors.ClientFilters.from_query(request.GET)
    table = exports.clients_table(firm=request.firm, filters=filters, lang=_language(request))
    return _download(table, fmt=fmt, filename=exports.export_filename("clientes", fmt=fmt))


@firm_member_required
def answers_export(request, assessment_id, fmt):
    if fmt not in exports.FORMATS:
        raise Http404("unknown format")
    assessment = selectors.assessment_get_for_firm(firm=request.firm, assessment_id=assessment_id)
    table = exports.answers_table(assessment=assessment, lang=_language(request))
    filename = exports.export_filename("respuestas", assessment.organization.name, str(assessment.pk), fmt=fmt)
    return _download(table, fmt=fmt, filename=filename)
