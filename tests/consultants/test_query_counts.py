"""Database queries per page do not grow with the number of clients (3 versus 30)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.consultants.test_dashboard import draft_client, submitted_client
from tests.factories import OrganizationFactory


def portfolio_of(firm, clients: int) -> None:
    """`clients` companies, a third submitted, a third in progress, a third not started."""
    for n in range(clients):
        kind = n % 3
        if kind == 0:
            submitted_client(firm, name=f"Enviada {n}", maturity=0.1 + 0.8 * n / clients, seed=n)
        elif kind == 1:
            draft_client(firm, name=f"En curso {n}", answered=4 + n % 7, sector=f"sector {n % 4}")
        else:
            OrganizationFactory(firm=firm, name=f"Nueva {n}")


def queries(client, url, params=None) -> int:
    client.get(url, params)  # warm up session and caches, as for a consultant already working
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries)


PAGES = [
    ("consultants:dashboard", [], None),
    ("consultants:dashboard", [], {"sort": "score", "status": "submitted"}),
    ("consultants:dashboard", [], {"sort": "idle", "page": "2"}),
    ("consultants:clients_export", ["csv"], None),
    ("consultants:clients_export", ["xlsx"], None),
]


@pytest.mark.parametrize(("name", "args", "params"), PAGES)
def test_queries_do_not_grow_with_the_number_of_clients(consultant_client, firm, name, args, params):
    url = reverse(name, args=args)
    portfolio_of(firm, 3)
    small = queries(consultant_client, url, params)
    portfolio_of(firm, 27)
    large = queries(consultant_client, url, params)
    assert small == large, f"{small} queries with 3 clients, {large} with 30"


def test_dashboard_query_budget(consultant_client, firm):
    portfolio_of(firm, 30)
    # Savepoint and release (atomic requests), session, user, membership; count, page, answers of the
    # page's drafts, sectors, portfolio (count, snapshots).
    assert queries(consultant_client, reverse("consultants:dashboard")) <= 12


def test_client_and_assessment_pages_do_not_grow_with_the_number_of_clients(consultant_client, firm):
    org, assessment, _ = submitted_client(firm, name="Seguida")
    urls = [
        reverse("consultants:client_detail", args=[org.pk]),
        reverse("consultants:assessment_detail", args=[assessment.pk]),
        reverse("consultants:answers_export", args=[assessment.pk, "xlsx"]),
    ]
    portfolio_of(firm, 3)
    small = [queries(consultant_client, url) for url in urls]
    portfolio_of(firm, 27)
    assert [queries(consultant_client, url) for url in urls] == small
