"""The dashboard's page by name works out each client's facts in Python (consultants.client_page):
they must be exactly what the SQL annotations of selectors.client_list say, for every kind of client."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Assessment
from consultants import selectors
from consultants.client_page import client_facts_attach, client_page, needs_facts_in_sql
from tests.consultants.test_dashboard import draft_client, idle_for, submitted_client
from tests.factories import OrganizationFactory

FACTS = (
    "latest_id",
    "latest_status",
    "latest_created_at",
    "latest_previous_id",
    "submitted_id",
    "submitted_at",
    "overall",
    "band",
    "last_activity",
    "status",
)


def every_kind_of_client(firm) -> None:
    OrganizationFactory(firm=firm, name="Sin evaluación")
    draft_client(firm, name="Invitada sin respuestas")
    _, draft = draft_client(firm, name="A medias", answered=10)
    idle_for(draft, 12)
    submitted_client(firm, name="Terminada", maturity=0.8)
    org, _, _ = submitted_client(firm, name="Reevaluación sin empezar", maturity=0.3)
    services.assessment_start_followup(organization=org)
    org, _, _ = submitted_client(firm, name="Reevaluación en curso", maturity=0.4)
    followup, _ = services.assessment_start_followup(organization=org)
    services.assessment_step_confirm(assessment=followup, step="profile")
    org, first, _ = submitted_client(firm, name="Dos enviadas", maturity=0.2)
    services.assessment_start_followup(organization=org)
    second = org.assessments.get(status=Assessment.Status.DRAFT)
    services.assessment_save_answers(assessment=second, answers={})
    services.assessment_submit(assessment=second)
    # The same second: the newer id wins, as ORDER BY submitted_at DESC, id DESC does.
    Assessment.objects.filter(pk=first.pk).update(submitted_at=second.submitted_at)
    org, old, _ = submitted_client(firm, name="Archivada", maturity=0.6)
    Assessment.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=40))
    org.archived_at = timezone.now()
    org.save()


@pytest.mark.parametrize("archived", [False, True])
def test_facts_worked_out_in_python_are_the_sql_annotations(firm, archived):
    every_kind_of_client(firm)
    filters = selectors.ClientFilters(archived=archived)
    assert not needs_facts_in_sql(filters)
    in_sql = list(selectors.client_list(firm=firm, filters=filters))
    in_python = list(selectors.client_list_by_name(firm=firm, filters=filters))
    client_facts_attach(clients=in_python)
    assert [c.pk for c in in_python] == [c.pk for c in in_sql]
    assert len(in_sql) == (1 if archived else 7)
    for sql, python in zip(in_sql, in_python, strict=True):
        assert {f: getattr(python, f) for f in FACTS} == {f: getattr(sql, f) for f in FACTS}, sql.name
    statuses = {c.name: c.status for c in in_python}
    if not archived:
        assert statuses["Reevaluación sin empezar"] == "not_started"
        assert statuses["Reevaluación en curso"] == "in_progress"
        assert statuses["A medias"] == "in_progress"
        assert statuses["Invitada sin respuestas"] == "not_started"


def test_the_page_rows_are_the_same_both_ways(firm):
    every_kind_of_client(firm)
    shown = ("pk", "status", "status_label", "band_label", "days_idle", "overall", "progress", "progress_in_steps")
    fast = client_page(firm=firm, filters=selectors.ClientFilters(), number=1, lang="es")
    slow = selectors.client_rows_complete(clients=selectors.client_list(firm=firm), lang="es")
    assert [[getattr(c, f) for f in shown] for c in fast.object_list] == [[getattr(c, f) for f in shown] for c in slow]
    assert any(c.progress_in_steps for c in fast.object_list) and any(c.progress for c in fast.object_list)


def test_the_search_size_and_sector_filter_the_same_clients(firm):
    every_kind_of_client(firm)
    OrganizationFactory(firm=firm, name="Ferretería Norte", sector="comercio", size_band="medium")
    for query in ({"q": "medias"}, {"q": "ferre", "size": "medium"}, {"sector": "COMERCIO"}, {"q": "zzz"}):
        filters = selectors.ClientFilters.from_query(query)
        by_name = [c.pk for c in selectors.client_list_by_name(firm=firm, filters=filters)]
        assert by_name == [c.pk for c in selectors.client_list(firm=firm, filters=filters)], query


def test_filters_over_facts_still_go_to_the_database(consultant_client, firm):
    every_kind_of_client(firm)
    for query in ({"status": "in_progress"}, {"band": "inicial"}, {"sort": "score"}, {"sort": "idle"}):
        assert needs_facts_in_sql(selectors.ClientFilters.from_query(query)), query
    response = consultant_client.get(reverse("consultants:dashboard"), {"status": "in_progress"})
    assert sorted(c.name for c in response.context["clients"]) == ["A medias", "Reevaluación en curso"]
