"""The reviewed and followed plan: created from the snapshot, carried to a re-assessment, updated,
hidden, reordered, extended; shown to the owner and on the dashboard; another firm never reaches it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments import services as assessment_services
from assessments.catalog import current_bank
from deliverables.models import PlanAction
from deliverables.selectors.plan import overdue_counts_for_firm, plan_followup_review, plan_for_report
from deliverables.services.plan import (
    plan_action_add_custom,
    plan_action_delete_custom,
    plan_action_move,
    plan_action_set_hidden,
    plan_action_update,
    plan_actions_ensure,
)
from tests.factories import FirmFactory, OrganizationFactory
from tests.owner_flow import url
from tests.scoring.strategies import extreme_answers

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def submit(org, answers):
    assessment, token = assessment_services.assessment_start(organization=org)
    assessment_services.assessment_save_answers(assessment=assessment, answers=answers)
    assessment_services.assessment_submit(assessment=assessment)
    return assessment, token


def worst():
    return extreme_answers(current_bank(), best=False, profile={"uses_ai": "yes"})


def best():
    return extreme_answers(current_bank(), best=True, profile={"uses_ai": "yes"})


def followup(org, answers):
    """A submitted re-assessment of `org` with `answers`."""
    assessment, token = assessment_services.assessment_start_followup(organization=org)
    assessment_services.assessment_save_answers(assessment=assessment, answers=answers)
    assessment_services.assessment_submit(assessment=assessment)
    return assessment, token


@pytest.fixture
def client_org(firm):
    return OrganizationFactory(firm=firm, name="Tortillería La Güera")


@pytest.fixture
def submitted(client_org):
    assessment, token = submit(client_org, worst())
    return assessment, token


def plan_url(assessment):
    return reverse("deliverables:plan", kwargs={"assessment_id": assessment.pk})


def action_url(name, action):
    return reverse(f"deliverables:{name}", kwargs={"action_id": action.pk})


def plan_keys(result):
    return [k for group in result["action_plan"] for k in group["actions"]]


# Services ---------------------------------------------------------------------------------------


def test_the_plan_rows_follow_the_snapshots_plan_and_are_created_once(submitted):
    assessment, _ = submitted
    rows = plan_actions_ensure(assessment=assessment)
    assert [r.key for r in rows] == plan_keys(assessment.snapshot.result)
    assert all(r.status == PlanAction.Status.PENDING and not r.hidden for r in rows)
    again = plan_actions_ensure(assessment=assessment)
    assert [r.pk for r in again] == [r.pk for r in rows]
    assert PlanAction.objects.filter(assessment=assessment).count() == len(rows)


def test_a_draft_has_no_plan(started):
    assessment, _ = started
    assert plan_actions_ensure(assessment=assessment) == []


def test_dropping_an_action_needs_a_reason(submitted, consultant):
    action = plan_actions_ensure(assessment=submitted[0])[0]
    with pytest.raises(ValidationError):
        plan_action_update(action=action, status="dropped", dropped_reason="  ", user=consultant)
    with pytest.raises(ValidationError):
        plan_action_update(action=action, status="finished")
    plan_action_update(action=action, status="dropped", dropped_reason="Ya lo cubre el proveedor", user=consultant)
    action.refresh_from_db()
    assert (action.status, action.dropped_reason, action.updated_by) == (
        "dropped",
        "Ya lo cubre el proveedor",
        consultant,
    )
    plan_action_update(action=action, status="in_progress", dropped_reason="queda")
    action.refresh_from_db()
    assert (action.status, action.dropped_reason) == ("in_progress", "")


def test_moving_an_action_reorders_its_horizon_only(submitted):
    rows = plan_actions_ensure(assessment=submitted[0])
    first_30 = [r for r in rows if r.horizon == 30]
    second = first_30[1]
    plan_action_move(action=second, direction="up")
    order = [r.key for r in plan_actions_ensure(assessment=submitted[0]) if r.horizon == 30]
    assert order[:2] == [first_30[1].key, first_30[0].key]
    # The first action of a horizon does not jump into another horizon.
    plan_action_move(action=PlanAction.objects.get(pk=second.pk), direction="up")
    assert [r.key for r in plan_actions_ensure(assessment=submitted[0]) if r.horizon == 30] == order


def test_custom_actions_are_added_at_the_end_of_their_horizon_and_deleted(submitted):
    assessment = submitted[0]
    plan_actions_ensure(assessment=assessment)
    one = plan_action_add_custom(assessment=assessment, title="Revisar contratos", text="Con el abogado", horizon=60)
    two = plan_action_add_custom(assessment=assessment, title="Otra", horizon=60)
    assert (one.key, two.key) == ("custom-1", "custom-2")
    sixty = [r.key for r in plan_actions_ensure(assessment=assessment) if r.horizon == 60]
    assert sixty[-2:] == ["custom-1", "custom-2"]
    with pytest.raises(ValidationError):
        plan_action_add_custom(assessment=assessment, title="   ", horizon=60)
    with pytest.raises(ValidationError):
        plan_action_add_custom(assessment=assessment, title="Plazo raro", horizon=45)
    with pytest.raises(ValidationError):
        plan_action_delete_custom(action=PlanAction.objects.filter(assessment=assessment).first())
    plan_action_delete_custom(action=one)
    assert not PlanAction.objects.filter(pk=one.pk).exists()


def test_a_reassessment_carries_status_responsible_and_due_date(client_org, submitted):
    first = submitted[0]
    rows = plan_actions_ensure(assessment=first)
    due = date(2030, 1, 31)
    plan_action_update(action=rows[0], status="in_progress", responsible="Lupita (administración)", due_date=due)
    plan_action_update(action=rows[1], status="dropped", dropped_reason="No aplica")
    custom = plan_action_add_custom(assessment=first, title="Cambiar el módem", horizon=30)
    closed = plan_action_add_custom(assessment=first, title="Ya hecha", horizon=30)
    plan_action_update(action=closed, status="done")
    second, _ = followup(client_org, worst())
    carried = {r.key: r for r in plan_actions_ensure(assessment=second)}
    assert (carried[rows[0].key].status, carried[rows[0].key].responsible) == ("in_progress", "Lupita (administración)")
    assert carried[rows[0].key].due_date == due
    assert (carried[rows[1].key].status, carried[rows[1].key].dropped_reason) == ("dropped", "No aplica")
    assert carried[custom.key].title == "Cambiar el módem"  # open custom actions come along
    assert closed.key not in carried


# plan_for_report contract -------------------------------------------------------------------------


def test_plan_for_report_lists_the_visible_actions_in_order(submitted):
    assessment = submitted[0]
    rows = plan_actions_ensure(assessment=assessment)
    plan_action_set_hidden(action=rows[0], hidden=True)
    plan_action_update(action=rows[1], status="done", responsible="Don Beto", due_date=date(2030, 5, 1))
    custom = plan_action_add_custom(assessment=assessment, title="Acción propia", text="Detalle", horizon=30)
    plan = plan_for_report(assessment=assessment, lang="es")
    keys = [a["key"] for a in plan]
    assert rows[0].key not in keys
    assert keys[0] == rows[1].key
    first = plan[0]
    assert set(first) >= {
        "key",
        "title",
        "text",
        "horizon",
        "responsible",
        "due_date",
        "status",
        "status_label",
        "custom",
        "triggers",
    }
    assert (first["responsible"], first["due_date"], first["status"], first["status_label"]) == (
        "Don Beto",
        date(2030, 5, 1),
        "done",
        "Hecha",
    )
    assert first["custom"] is False and first["triggers"] and first["title"]
    own = next(a for a in plan if a["key"] == custom.key)
    assert (own["title"], own["text"], own["custom"], own["triggers"]) == ("Acción propia", "Detalle", True, [])


def test_plan_for_report_before_the_plan_is_opened_prints_the_snapshots_plan(submitted):
    assessment = submitted[0]
    plan = plan_for_report(assessment=assessment, lang="es")
    assert [a["key"] for a in plan] == plan_keys(assessment.snapshot.result)
    assert not PlanAction.objects.filter(assessment=assessment).exists()


# Overdue actions -----------------------------------------------------------------------------------


def test_overdue_counts_in_one_query_on_the_latest_followed_assessment(firm, client_org, submitted):
    yesterday = timezone.localdate() - timedelta(days=1)
    rows = plan_actions_ensure(assessment=submitted[0])
    for row in rows[:3]:
        plan_action_update(action=row, status="pending", due_date=yesterday)
    plan_action_update(action=rows[3], status="done", due_date=yesterday)  # done: not overdue
    plan_action_update(action=rows[4], status="in_progress", due_date=timezone.localdate())  # due today
    plan_action_set_hidden(action=rows[2], hidden=True)  # hidden: out of the plan
    other_org = OrganizationFactory(firm=firm)
    other = plan_actions_ensure(assessment=submit(other_org, worst())[0])
    plan_action_update(action=other[0], status="in_progress", due_date=yesterday)
    foreign_org = OrganizationFactory(firm=FirmFactory())
    foreign = plan_actions_ensure(assessment=submit(foreign_org, worst())[0])
    plan_action_update(action=foreign[0], status="pending", due_date=yesterday)
    with CaptureQueriesContext(connection) as queries:
        counts = overdue_counts_for_firm(firm=firm)
    assert len(queries.captured_queries) == 1
    assert counts == {client_org.pk: 2, other_org.pk: 1}
    # A re-assessment whose plan is followed replaces the older one's counts: the due dates are carried
    # (still overdue), hiding is not (a new plan shows every action until the consultant hides it again).
    second, _ = followup(client_org, worst())
    assert overdue_counts_for_firm(firm=firm)[client_org.pk] == 2  # not opened yet: the older plan counts
    plan_actions_ensure(assessment=second)
    assert overdue_counts_for_firm(firm=firm)[client_org.pk] == 3
    PlanAction.objects.filter(assessment=second).update(status="done")
    assert client_org.pk not in overdue_counts_for_firm(firm=firm)


def test_the_dashboard_shows_overdue_actions_per_client(consultant_client, client_org, submitted):
    rows = plan_actions_ensure(assessment=submitted[0])
    plan_action_update(action=rows[0], status="pending", due_date=timezone.localdate() - timedelta(days=3))
    response = consultant_client.get(reverse("consultants:dashboard"))
    assert response.status_code == 200
    assert b"overdue-actions" in response.content and "1 vencida" in response.content.decode()


# Views ---------------------------------------------------------------------------------------------


def test_the_plan_page_lists_actions_by_horizon_and_marks_overdue_ones(consultant_client, submitted):
    assessment = submitted[0]
    response = consultant_client.get(plan_url(assessment))
    assert response.status_code == 200
    rows = list(PlanAction.objects.filter(assessment=assessment))
    assert len(rows) == len(plan_keys(assessment.snapshot.result))  # created on first opening
    assert "Primeros 30 días" in response.content.decode()
    plan_action_update(action=rows[0], status="pending", due_date=timezone.localdate() - timedelta(days=1))
    assert b"plan-overdue" in consultant_client.get(plan_url(assessment)).content


def test_the_assessment_and_client_pages_link_to_the_plan(consultant_client, client_org, submitted):
    link = plan_url(submitted[0]).encode()
    assert link in consultant_client.get(reverse("consultants:assessment_detail", args=[submitted[0].pk])).content
    assert link in consultant_client.get(reverse("consultants:client_detail", args=[client_org.pk])).content


def test_updating_an_action_through_the_form(consultant_client, consultant, submitted):
    action = plan_actions_ensure(assessment=submitted[0])[0]
    response = consultant_client.post(
        action_url("plan_action_update", action),
        {"status": "in_progress", "responsible": "Sra. Pérez", "due_date": "2030-03-15", "horizon": "60"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.responsible, action.due_date, action.horizon, action.updated_by) == (
        "in_progress",
        "Sra. Pérez",
        date(2030, 3, 15),
        60,
        consultant,
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "pending", "due_date": "2030-02-31"}, "Escriba una fecha válida"),
        ({"status": "pending", "due_date": "mañana"}, "Escriba una fecha válida"),
        ({"status": "dropped", "dropped_reason": ""}, "Escriba por qué se descarta"),
        ({"status": "hecha-ya"}, ""),
    ],
)
def test_bad_input_gets_a_400_with_a_message_and_changes_nothing(consultant_client, submitted, data, message):
    action = plan_actions_ensure(assessment=submitted[0])[0]
    plan_action_update(action=action, status="in_progress", responsible="Antes")
    response = consultant_client.post(action_url("plan_action_update", action), {**data, "responsible": "Después"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'role="alert"' in body and message in body
    assert 'value="Después"' in body  # what the consultant typed is kept
    action.refresh_from_db()
    assert (action.status, action.responsible) == ("in_progress", "Antes")


def test_hide_show_move_add_and_delete_through_the_forms(consultant_client, submitted):
    assessment = submitted[0]
    consultant_client.get(plan_url(assessment))
    rows = list(PlanAction.objects.filter(assessment=assessment).order_by("horizon", "position"))
    assert consultant_client.post(action_url("plan_action_visibility", rows[0]), {"hidden": "1"}).status_code == 302
    assert PlanAction.objects.get(pk=rows[0].pk).hidden
    consultant_client.post(action_url("plan_action_visibility", rows[0]), {"hidden": "0"})
    assert not PlanAction.objects.get(pk=rows[0].pk).hidden
    consultant_client.post(action_url("plan_action_move", rows[0]), {"direction": "down"})
    assert plan_for_report(assessment=assessment, lang="es")[0]["key"] == rows[1].key
    assert consultant_client.post(action_url("plan_action_move", rows[0]), {"direction": "sideways"}).status_code == 400
    response = consultant_client.post(
        reverse("deliverables:plan_action_add", kwargs={"assessment_id": assessment.pk}),
        {"title": "Contratar respaldo en la nube", "text": "", "horizon": "90"},
    )
    assert response.status_code == 302
    custom = PlanAction.objects.get(assessment=assessment, key="custom-1")
    assert (
        consultant_client.post(
            reverse("deliverables:plan_action_add", kwargs={"assessment_id": assessment.pk}),
            {"title": "", "horizon": "90"},
        ).status_code
        == 400
    )
    assert consultant_client.post(action_url("plan_action_delete", rows[0])).status_code == 400
    assert consultant_client.post(action_url("plan_action_delete", custom)).status_code == 302
    assert not PlanAction.objects.filter(pk=custom.pk).exists()


def test_hostile_text_is_escaped_on_the_consultants_and_the_owners_pages(client, consultant_client, submitted):
    assessment, token = submitted
    plan_actions_ensure(assessment=assessment)
    custom = plan_action_add_custom(assessment=assessment, title=HOSTILE, text=HOSTILE, horizon=30)
    plan_action_update(action=custom, status="dropped", dropped_reason=HOSTILE, responsible=HOSTILE)
    for response in (consultant_client.get(plan_url(assessment)), client.get(url("results", token))):
        body = response.content.decode()
        assert HOSTILE not in body and "&lt;script&gt;" in body


def test_the_owner_sees_the_follow_up_only_once_the_consultant_sets_it(client, submitted):
    assessment, token = submitted
    rows = plan_actions_ensure(assessment=assessment)
    assert b'id="seguimiento"' not in client.get(url("results", token)).content
    plan_action_update(action=rows[0], status="in_progress", responsible="Contador externo", due_date=date(2030, 7, 1))
    plan_action_update(action=rows[1], status="done", responsible="Oculta")
    plan_action_set_hidden(action=rows[1], hidden=True)
    body = client.get(url("results", token)).content.decode()
    assert 'id="seguimiento"' in body and "Contador externo" in body and "En curso" in body
    assert "Oculta</td>" not in body  # hidden actions stay with the consultant


def test_a_reassessment_shows_the_done_actions_and_whether_their_answers_improved(
    consultant_client, client_org, submitted
):
    first = submitted[0]
    rows = plan_actions_ensure(assessment=first)
    plan_action_update(action=rows[0], status="done", responsible="Lupita")
    plan_action_update(action=rows[1], status="in_progress")
    second, _ = followup(client_org, best())
    review = plan_followup_review(assessment=second, lang="es")
    assert [r["key"] for r in review] == [rows[0].key]
    question = review[0]["questions"][0]
    before = {q["key"]: q["score"] for q in first.snapshot.result["questions"]}
    after = {q["key"]: q["score"] for q in second.snapshot.result["questions"]}
    assert after[question["key"]] > before[question["key"]]
    assert (question["change"], question["change_label"]) == ("improved", "Mejoró")
    assert question["before"] != question["after"]
    assert review[0]["improved"] is True
    body = consultant_client.get(plan_url(second)).content.decode()
    assert 'id="acciones-hechas"' in body and "Mejoró" in body
    assert plan_followup_review(assessment=first, lang="es") is None


def test_the_same_answers_again_are_not_an_improvement(client_org, submitted):
    rows = plan_actions_ensure(assessment=submitted[0])
    plan_action_update(action=rows[0], status="done")
    second, _ = followup(client_org, worst())
    review = plan_followup_review(assessment=second, lang="es")
    assert all(q["change"] == "same" for q in review[0]["questions"])
    assert review[0]["improved"] is False and review[0]["recommended_again"] is True


# Isolation -----------------------------------------------------------------------------------------


def test_another_firm_neither_sees_nor_changes_the_plan(client, other_firm_consultant, submitted):
    assessment = submitted[0]
    action = plan_actions_ensure(assessment=assessment)[0]
    client.force_login(other_firm_consultant)
    assert client.get(plan_url(assessment)).status_code == 404
    for name, data in [
        ("plan_action_update", {"status": "done", "responsible": "Intruso"}),
        ("plan_action_visibility", {"hidden": "1"}),
        ("plan_action_move", {"direction": "down"}),
    ]:
        assert client.post(action_url(name, action), data).status_code == 404
    assert (
        client.post(
            reverse("deliverables:plan_action_add", kwargs={"assessment_id": assessment.pk}),
            {"title": "x", "horizon": "30"},
        ).status_code
        == 404
    )
    action.refresh_from_db()
    assert (action.status, action.responsible, action.hidden) == ("pending", "", False)
    assert not PlanAction.objects.filter(assessment=assessment, key__startswith="custom-").exists()
    assert overdue_counts_for_firm(firm=FirmFactory()) == {}


def test_anonymous_visitors_go_to_the_login_and_change_nothing(client, submitted):
    action = plan_actions_ensure(assessment=submitted[0])[0]
    response = client.post(action_url("plan_action_update", action), {"status": "done"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    action.refresh_from_db()
    assert action.status == "pending"
