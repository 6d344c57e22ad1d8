"""The consultant's dashboard: the firm's portfolio on top, then every client, searchable and paginated."""

from django.db import transaction
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from assessments.models import Organization
from consultants import selectors
from consultants.client_page import client_page
from consultants.portfolio import portfolio_summary
from deliverables.selectors.plan import overdue_counts_for_firm
from firms.decorators import firm_member_required

SORT_LABELS = {
    "name": _("Nombre"),
    "score": _("Puntaje (mayor primero)"),
    "activity": _("Actividad más reciente"),
    "idle": _("Más días sin actividad"),
}


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@transaction.non_atomic_requests  # reads only: no transaction (on SQLite, no write lock either)
@firm_member_required
def dashboard(request):
    filters = selectors.ClientFilters.from_query(request.GET)
    lang = get_language()
    page = client_page(firm=request.firm, filters=filters, number=request.GET.get("page"), lang=lang)
    context = {
        "filters": filters,
        "page": page,
        "clients": page.object_list,
        "overdue_actions": overdue_counts_for_firm(firm=request.firm),
        "portfolio": portfolio_summary(firm=request.firm, lang=lang),
        "query": _query_without_page(request),
        "status_choices": list(selectors.STATUS_LABELS.items()),
        "band_choices": [(key, selectors.band_label(key, lang=lang)) for key in reversed(selectors.BAND_KEYS)],
        "size_choices": Organization.Size.choices,
        "sector_choices": selectors.client_sectors(firm=request.firm, lang=lang),
        "sort_choices": list(SORT_LABELS.items()),
    }
    for client in context["clients"]:
        client.overdue_actions = context["overdue_actions"].get(client.pk, 0)
    return render(request, "consultants/dashboard.html", context)
