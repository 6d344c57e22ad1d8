"""One page of the dashboard's client list, with the facts of each client's assessments.

`selectors.client_list` asks the database for every fact at once (a dozen subqueries per company),
which the dashboard needs to filter by status or band and to sort by score or activity. Most visits
do neither: the list sorted by name, perhaps searched. For those, building that SQL cost more than
running it (about 18 ms per page on a small server, most of the dashboard's time), so the page is
chosen from the plain company rows and the same facts are then worked out in Python for its 25
companies only, from one query of their assessments (plus the answers and confirmed steps that the
progress column reads anyway). `tests/consultants/test_client_page_facts.py` checks both ways agree
on every kind of client.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.paginator import Page, Paginator

from assessments.models import Assessment, Organization
from consultants import selectors

PAGE_SIZE = 25


def needs_facts_in_sql(filters: selectors.ClientFilters) -> bool:
    """True when the filter or the order is over the facts themselves (status, band, score, activity)."""
    return bool(filters.status or filters.band) or filters.sort != "name"


def client_page(*, firm, filters: selectors.ClientFilters, number: Any, lang: str | None) -> Page:
    """The page `number` of the firm's clients matching `filters`, each row complete for the dashboard."""
    if needs_facts_in_sql(filters):
        page = Paginator(selectors.client_list(firm=firm, filters=filters), PAGE_SIZE).get_page(number)
        page.object_list = selectors.client_rows_complete(clients=page.object_list, lang=lang)
        return page
    page = Paginator(selectors.client_list_by_name(firm=firm, filters=filters), PAGE_SIZE).get_page(number)
    clients = list(page.object_list)
    answers, confirmed = client_facts_attach(clients=clients)
    page.object_list = selectors.client_rows_complete(clients=clients, lang=lang, answers=answers, confirmed=confirmed)
    return page


def client_facts_attach(*, clients: list[Organization]) -> tuple[dict[int, dict[str, Any]], dict[int, set[str]]]:
    """Set on each client what `selectors._client_base` annotates, with the same meaning.

    Returns the answers of the latest drafts and the confirmed steps of the latest re-assessments,
    by assessment id, for the progress column. At most three queries for the whole page.
    """
    by_company: dict[int, list[tuple]] = defaultdict(list)
    if clients:
        rows = Assessment.objects.filter(organization_id__in=[c.pk for c in clients]).values_list(
            "organization_id",
            "pk",
            "status",
            "created_at",
            "previous_id",
            "submitted_at",
            "updated_at",
            "snapshot__overall",
            "snapshot__band",
        )
        for organization_id, *row in rows.order_by():
            by_company[organization_id].append(tuple(row))
    for client in clients:
        _facts(client, by_company[client.pk])
    drafts = [c.latest_id for c in clients if c.latest_id and c.latest_status != Assessment.Status.SUBMITTED]
    redos = [c.latest_id for c in clients if c.latest_id in drafts and c.latest_previous_id]
    answers = selectors.drafts_answers(assessment_ids=drafts)
    confirmed = selectors.drafts_confirmed_steps(assessment_ids=redos)
    for client in clients:
        client.latest_has_answers = bool(client.latest_id and answers.get(client.latest_id))
        client.latest_has_confirmations = bool(client.latest_id and confirmed.get(client.latest_id))
        client.status = _status(client)
    return answers, confirmed


def _facts(client: Organization, assessments: list[tuple]) -> None:
    """latest_* (newest by creation), submitted_* / overall / band (newest submitted), last_activity."""
    latest = max(assessments, key=lambda a: (a[2], a[0]), default=None)  # (created_at, pk), as "-created_at", "-pk"
    submitted = max(
        (a for a in assessments if a[1] == Assessment.Status.SUBMITTED and a[4] is not None),
        key=lambda a: (a[4], a[0]),  # (submitted_at, pk)
        default=None,
    )
    client.latest_id = latest[0] if latest else None
    client.latest_status = latest[1] if latest else None
    client.latest_created_at = latest[2] if latest else None
    client.latest_previous_id = latest[3] if latest else None
    client.submitted_id = submitted[0] if submitted else None
    client.submitted_at = submitted[4] if submitted else None
    client.overall = submitted[6] if submitted else None
    client.band = submitted[7] if submitted else None
    client.last_activity = max((a[5] for a in assessments), default=None) or client.created_at


def _status(client: Organization) -> str:
    """`selectors._client_base`'s status Case, in the same order."""
    if client.latest_status == Assessment.Status.SUBMITTED:
        return selectors.STATUS_SUBMITTED
    if client.latest_previous_id is not None:
        # A re-assessment is under way once the owner has saved a step, not when the consultant creates it.
        return selectors.STATUS_IN_PROGRESS if client.latest_has_confirmations else selectors.STATUS_NOT_STARTED
    return selectors.STATUS_IN_PROGRESS if client.latest_has_answers else selectors.STATUS_NOT_STARTED
