"""Colleague invitations: invite by e-mail, accept by signing up (or directly), refused when stale."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from firms import services
from firms.models import FirmInvitation, Membership
from tests.factories import FirmFactory, UserFactory, member
from tests.firms.helpers import link_in_last_mail


def invite(client, admin, *, email="luis@robles.mx", role=Membership.Role.CONSULTANT):
    client.force_login(admin)
    response = client.post(reverse("firms:invitation_create"), {"email": email, "role": role})
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return link_in_last_mail()


@pytest.mark.parametrize("role", [Membership.Role.CONSULTANT, Membership.Role.ADMIN])
def test_invited_colleague_signs_up_into_the_inviting_firm_with_a_verified_address(client, firm, firm_admin, role):
    accept_path = invite(client, firm_admin, role=role)
    assert mail.outbox[-1].to == ["luis@robles.mx"]
    assert firm.name in mail.outbox[-1].subject

    response = client.get(accept_path)
    assert response["Location"] == reverse("account_signup")
    page = client.get(reverse("account_signup")).content.decode()
    assert firm.name in page
    assert 'name="firm_name"' not in page  # joins the firm, creates none

    done = client.post(
        reverse("account_signup"),
        {
            "email": "luis@robles.mx",
            "username": "luis",
            "password1": "Clave-de-Luis-99",
            "password2": "Clave-de-Luis-99",
        },
    )
    assert done.status_code == 302
    user = get_user_model().objects.get(username="luis")
    membership = Membership.objects.get(user=user)
    assert membership.firm == firm and membership.role == role
    assert EmailAddress.objects.get(user=user, email="luis@robles.mx").verified
    assert len(mail.outbox) == 1  # no verification e-mail: the invitation proved the address
    assert FirmInvitation.objects.get(email="luis@robles.mx").accepted_at is not None
    # The verified colleague is logged in and works in the firm straight away.
    assert client.get(reverse("consultants:dashboard")).status_code == 200


def test_an_accepted_link_cannot_be_used_twice(client, firm, firm_admin):
    accept_path = invite(client, firm_admin)
    client.get(accept_path)
    client.post(
        reverse("account_signup"),
        {
            "email": "luis@robles.mx",
            "username": "luis",
            "password1": "Clave-de-Luis-99",
            "password2": "Clave-de-Luis-99",
        },
    )
    client.logout()
    response = client.get(accept_path)
    assert response.status_code == 404
    assert "ya no sirve" in response.content.decode()


def test_revoked_invitation_is_refused_with_a_clear_404(client, firm, firm_admin):
    accept_path = invite(client, firm_admin)
    invitation = FirmInvitation.objects.get()
    client.force_login(firm_admin)
    assert client.post(reverse("firms:invitation_revoke", args=[invitation.pk])).status_code == 302
    client.logout()

    response = client.get(accept_path)
    assert response.status_code == 404
    assert "ya no sirve" in response.content.decode()
    # A session that opened the link before the revocation cannot join either.
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="firm_name"' in page


def test_a_link_opened_before_revocation_creates_a_new_firm_instead_of_joining(client, firm, firm_admin):
    accept_path = invite(client, firm_admin)
    client.get(accept_path)  # pending invitation in the session
    services.firm_invitation_revoke(invitation=FirmInvitation.objects.get())
    client.post(
        reverse("account_signup"),
        {
            "email": "luis@robles.mx",
            "username": "luis",
            "password1": "Clave-de-Luis-99",
            "password2": "Clave-de-Luis-99",
            "firm_name": "Firma de Luis",
        },
    )
    membership = Membership.objects.get(user__username="luis")
    assert membership.firm != firm


def test_expired_and_made_up_tokens_are_refused(client, firm, firm_admin):
    invitation, token = services.firm_invitation_create(
        firm=firm, email="x@robles.mx", role=Membership.Role.CONSULTANT, invited_by=firm_admin
    )
    FirmInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(reverse("firms:invitation_accept", args=[token])).status_code == 404
    assert client.get(reverse("firms:invitation_accept", args=["no-es-un-token"])).status_code == 404
    assert services.PENDING_INVITATION_SESSION_KEY not in client.session


def test_logged_in_user_without_a_firm_accepts_directly(client, firm, firm_admin):
    _, token = services.firm_invitation_create(
        firm=firm, email="sola@robles.mx", role=Membership.Role.CONSULTANT, invited_by=firm_admin
    )
    loner = UserFactory(email="sola@robles.mx")
    client.force_login(loner)
    url = reverse("firms:invitation_accept", args=[token])
    page = client.get(url)
    assert page.status_code == 200 and firm.name in page.content.decode()
    assert not Membership.objects.filter(user=loner).exists()  # a GET changes nothing

    assert client.post(url)["Location"] == reverse("consultants:dashboard")
    assert Membership.objects.get(user=loner).firm == firm


def test_a_member_of_another_firm_cannot_accept(client, firm, firm_admin, other_firm_consultant):
    _, token = services.firm_invitation_create(
        firm=firm, email="otro@robles.mx", role=Membership.Role.CONSULTANT, invited_by=firm_admin
    )
    client.force_login(other_firm_consultant)
    url = reverse("firms:invitation_accept", args=[token])
    assert client.get(url).status_code == 409
    assert client.post(url).status_code == 409
    assert other_firm_consultant.membership.firm != firm


def test_inviting_a_current_member_or_a_bad_address_is_a_400(client, firm, firm_admin, consultant):
    client.force_login(firm_admin)
    taken = client.post(reverse("firms:invitation_create"), {"email": consultant.email, "role": "consultant"})
    assert taken.status_code == 400 and "ya pertenece" in taken.content.decode()
    bad = client.post(reverse("firms:invitation_create"), {"email": "no-es-correo", "role": "consultant"})
    assert bad.status_code == 400
    wrong_role = client.post(reverse("firms:invitation_create"), {"email": "a@b.mx", "role": "owner"})
    assert wrong_role.status_code == 400
    assert not FirmInvitation.objects.exists() and not mail.outbox


def test_re_inviting_an_address_revokes_the_earlier_link(client, firm, firm_admin):
    first = invite(client, firm_admin)
    invite(client, firm_admin)
    assert client.get(first).status_code == 404
    assert FirmInvitation.objects.filter(revoked_at__isnull=True).count() == 1


def test_pending_invitations_are_listed_for_admins_only(client, firm, firm_admin, consultant):
    invite(client, firm_admin)
    client.force_login(firm_admin)
    assert "luis@robles.mx" in client.get(reverse("firms:members")).content.decode()
    client.force_login(consultant)
    page = client.get(reverse("firms:members"))
    assert page.status_code == 200 and "luis@robles.mx" not in page.content.decode()
    assert client.post(reverse("firms:invitation_create"), {"email": "z@b.mx", "role": "consultant"}).status_code == 403


def test_another_firms_admin_cannot_revoke_our_invitation(client, firm, firm_admin):
    invite(client, firm_admin)
    invitation = FirmInvitation.objects.get()
    stranger = member(firm=FirmFactory(), role=Membership.Role.ADMIN)
    client.force_login(stranger)
    assert client.post(reverse("firms:invitation_revoke", args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_invitation_pages_require_a_firm_admin_login(client, firm, firm_admin):
    invitation, _ = services.firm_invitation_create(
        firm=firm, email="x@robles.mx", role=Membership.Role.CONSULTANT, invited_by=firm_admin
    )
    response = client.post(reverse("firms:invitation_revoke", args=[invitation.pk]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_sign_up_page_is_prefilled_with_the_invited_address(client, firm, firm_admin):
    client.get(invite(client, firm_admin))
    page = client.get(reverse("account_signup")).content.decode()
    assert 'value="luis@robles.mx"' in page


def test_someone_with_an_account_logs_in_after_opening_the_link_and_is_asked_to_join(client, firm, firm_admin):
    loner = UserFactory(email="luis@robles.mx")
    accept_path = invite(client, firm_admin, role=Membership.Role.ADMIN)
    client.get(accept_path)
    response = client.post(reverse("account_login"), {"login": loner.username, "password": "S3guro-para-pruebas"})
    assert response["Location"] == reverse("firms:invitation_join")
    assert firm.name in client.get(reverse("firms:invitation_join")).content.decode()
    assert not Membership.objects.filter(user=loner).exists()

    assert client.post(reverse("firms:invitation_join"))["Location"] == reverse("consultants:dashboard")
    assert Membership.objects.get(user=loner).role == Membership.Role.ADMIN
    assert client.get(reverse("firms:invitation_join")).status_code == 404  # used up


def test_join_page_without_a_pending_invitation_is_a_404(client, consultant):
    client.force_login(consultant)
    assert client.get(reverse("firms:invitation_join")).status_code == 404
