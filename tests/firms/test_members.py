"""The members page: roles, removal, the last admin kept; other firms answer 404."""

from django.urls import reverse

from firms.models import Membership
from tests.factories import FirmFactory, member


def test_members_are_listed_with_their_role(client, firm, firm_admin, consultant, other_firm_consultant):
    client.force_login(consultant)
    page = client.get(reverse("firms:members")).content.decode()
    assert firm_admin.username in page and consultant.username in page
    assert "Administrador de la firma" in page and "Consultor" in page
    assert other_firm_consultant.username not in page
    assert reverse("firms:member_role", args=[firm_admin.membership.pk]) not in page  # no admin actions


def test_admin_changes_a_members_role(client, firm_admin, consultant):
    client.force_login(firm_admin)
    url = reverse("firms:member_role", args=[consultant.membership.pk])
    assert client.post(url, {"role": "admin"}).status_code == 302
    consultant.membership.refresh_from_db()
    assert consultant.membership.role == Membership.Role.ADMIN
    assert client.post(url, {"role": "duenio"}).status_code == 400
    consultant.membership.refresh_from_db()
    assert consultant.membership.role == Membership.Role.ADMIN


def test_the_last_admin_cannot_step_down_or_leave(client, firm_admin, consultant):
    client.force_login(firm_admin)
    mine = firm_admin.membership.pk
    refused = client.post(reverse("firms:member_role", args=[mine]), {"role": "consultant"})
    assert refused.status_code == 400 and "al menos un administrador" in refused.content.decode()
    assert client.post(reverse("firms:member_remove", args=[mine])).status_code == 400
    assert Membership.objects.get(pk=mine).role == Membership.Role.ADMIN


def test_with_two_admins_one_may_leave(client, firm, firm_admin):
    second = member(firm=firm, role=Membership.Role.ADMIN)
    client.force_login(firm_admin)
    assert client.get(reverse("firms:member_remove", args=[firm_admin.membership.pk])).status_code == 200
    response = client.post(reverse("firms:member_remove", args=[firm_admin.membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(user=firm_admin).exists()
    assert Membership.objects.get(user=second).is_admin
    # Without a firm, the workspace is closed to them.
    assert client.get(reverse("consultants:dashboard")).status_code == 403


def test_admin_removes_a_consultant_who_then_sees_nothing(client, firm_admin, consultant):
    client.force_login(firm_admin)
    url = reverse("firms:member_remove", args=[consultant.membership.pk])
    page = client.get(url)
    assert page.status_code == 200 and consultant.username in page.content.decode()
    assert Membership.objects.filter(user=consultant).exists()  # the GET only asks
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(user=consultant).exists()
    client.force_login(consultant)
    assert client.get(reverse("consultants:dashboard")).status_code == 403


def test_consultants_cannot_change_roles_or_remove(client, firm_admin, consultant):
    client.force_login(consultant)
    assert (
        client.post(reverse("firms:member_role", args=[consultant.membership.pk]), {"role": "admin"}).status_code == 403
    )
    assert client.post(reverse("firms:member_remove", args=[firm_admin.membership.pk])).status_code == 403
    consultant.membership.refresh_from_db()
    assert consultant.membership.role == Membership.Role.CONSULTANT


def test_another_firms_admin_gets_404_on_our_members(client, firm_admin, consultant):
    stranger = member(firm=FirmFactory(), role=Membership.Role.ADMIN)
    client.force_login(stranger)
    for name in ("firms:member_role", "firms:member_remove"):
        url = reverse(name, args=[consultant.membership.pk])
        assert client.post(url, {"role": "admin"}).status_code == 404
        assert client.get(url).status_code in (404, 405)
    assert Membership.objects.get(user=consultant).role == Membership.Role.CONSULTANT
