"""Client companies: a consultant creates, edits, archives and restores them; double submits make one."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments.models import Organization
from consultants import services
from tests.factories import OrganizationFactory

CREATE = reverse("consultants:client_create")


def _form_token(page: str) -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', page)
    assert match, "the create form carries a one-time token"
    return match.group(1)


def _data(**overrides):
    data = {
        "name": "Ferretería El Tornillo",
        "size_band": "small",
        "sector": "comercio",
        "state": "jalisco",
        "contact_name": "Rosa Pérez",
        "contact_email": "rosa@tornillo.mx",
        "contact_phone": "33 1234 5678",
    }
    return {**data, **overrides}


def test_the_create_form_is_labelled_and_in_spanish(consultant_client):
    response = consultant_client.get(CREATE)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'for="id_name"' in page and "Nombre de la empresa" in page
    assert "Jalisco" in page and "Comercio" in page  # the bank's states and sectors
    assert _form_token(page)


def test_a_consultant_creates_a_client_of_their_firm(consultant_client, consultant, firm):
    token = _form_token(consultant_client.get(CREATE).content.decode())
    response = consultant_client.post(CREATE, _data(form_token=token))
    org = Organization.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("consultants:client_detail", kwargs={"org_id": org.pk})
    assert org.firm == firm and org.created_by == consultant
    assert (org.name, org.size_band, org.sector, org.state) == (
        "Ferretería El Tornillo",
        "small",
        "comercio",
        "jalisco",
    )
    assert (org.contact_name, org.contact_email, org.contact_phone) == (
        "Rosa Pérez",
        "rosa@tornillo.mx",
        "33 1234 5678",
    )


def test_a_double_submit_creates_one_company(consultant_client):
    token = _form_token(consultant_client.get(CREATE).content.decode())
    first = consultant_client.post(CREATE, _data(form_token=token))
    second = consultant_client.post(CREATE, _data(form_token=token))
    assert Organization.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]


def test_two_forms_create_two_companies(consultant_client):
    for _ in range(2):
        token = _form_token(consultant_client.get(CREATE).content.decode())
        consultant_client.post(CREATE, _data(form_token=token))
    assert Organization.objects.count() == 2


def test_a_second_client_with_the_same_name_is_flagged(consultant_client, firm, other_firm_consultant):
    # Another firm's client of that name is never mentioned.
    OrganizationFactory(firm=other_firm_consultant.membership.firm, name="Ferreteria el tornillo")
    warning = "Ya tenía otro cliente llamado"
    token = _form_token(consultant_client.get(CREATE).content.decode())
    page = consultant_client.post(CREATE, _data(form_token=token), follow=True).content.decode()
    assert "Se agregó la empresa" in page and warning not in page
    token = _form_token(consultant_client.get(CREATE).content.decode())
    page = consultant_client.post(CREATE, _data(name="FERRETERIA EL TORNILLO", form_token=token), follow=True)
    assert warning in page.content.decode()  # accents and case aside, the same name: created, and said
    assert Organization.objects.filter(firm=firm).count() == 2


def test_the_same_token_in_another_firm_is_another_company(client, consultant, other_firm_consultant):
    for user in (consultant, other_firm_consultant):
        client.force_login(user)
        client.post(CREATE, _data(form_token="same-token"))
    assert Organization.objects.count() == 2
    assert Organization.objects.values("firm").distinct().count() == 2


@pytest.mark.parametrize("name", ["", "   ", "\u200b\u200b", "\t\n", "\u00a0"])
def test_a_name_without_visible_characters_is_refused_and_nothing_is_lost(consultant_client, name):
    response = consultant_client.post(CREATE, _data(name=name, form_token="t1"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Escriba el nombre de la empresa" in page
    assert 'value="rosa@tornillo.mx"' in page and 'value="Rosa Pérez"' in page  # what was typed stays
    assert not Organization.objects.exists()
    # The same form, corrected, goes through (the refused attempt did not use up its token).
    assert consultant_client.post(CREATE, _data(form_token="t1")).status_code == 302


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contact_email", "no-es-correo", "Escriba un correo válido"),
        ("contact_phone", "llámame", "Escriba un teléfono de 10 dígitos"),
        ("state", "atlantida", "Elija una de las opciones de la lista"),
        ("name", "x" * 201, "200 caracteres"),
    ],
)
def test_invalid_input_gets_400_with_a_message(consultant_client, field, value, message):
    response = consultant_client.post(CREATE, _data(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Organization.objects.exists()


def test_the_service_refuses_an_invisible_name():
    with pytest.raises(ValidationError):
        services.organization_create_for_firm(firm=None, created_by=None, name="\u200b ")


def test_a_consultant_edits_a_client(consultant_client, firm):
    org = OrganizationFactory(firm=firm, name="Antes", contact_email="a@x.mx")
    url = reverse("consultants:client_edit", kwargs={"org_id": org.pk})
    page = consultant_client.get(url).content.decode()
    assert 'value="Antes"' in page and "form_token" not in page
    response = consultant_client.post(url, _data(name="Después", sector="salud"))
    org.refresh_from_db()
    assert response.status_code == 302
    assert (org.name, org.sector, org.contact_email) == ("Después", "salud", "rosa@tornillo.mx")


def test_an_invalid_edit_changes_nothing(consultant_client, firm):
    org = OrganizationFactory(firm=firm, name="Antes", contact_email="a@x.mx")
    url = reverse("consultants:client_edit", kwargs={"org_id": org.pk})
    response = consultant_client.post(url, _data(name=" ", contact_email="otro@x.mx"))
    assert response.status_code == 400
    assert 'value="otro@x.mx"' in response.content.decode()
    org.refresh_from_db()
    assert (org.name, org.contact_email) == ("Antes", "a@x.mx")


def test_a_value_from_before_the_lists_is_kept_when_editing(consultant_client, firm):
    org = OrganizationFactory(firm=firm, sector="minería artesanal")
    url = reverse("consultants:client_edit", kwargs={"org_id": org.pk})
    assert "minería artesanal" in consultant_client.get(url).content.decode()
    consultant_client.post(url, _data(sector="minería artesanal"))
    org.refresh_from_db()
    assert org.sector == "minería artesanal"


def test_archive_hides_the_client_and_unarchive_restores_it(consultant_client, firm):
    org = OrganizationFactory(firm=firm, name="Taller Archivado")
    url = reverse("consultants:client_archive", kwargs={"org_id": org.pk})
    response = consultant_client.post(url)
    org.refresh_from_db()
    assert response.status_code == 302 and org.archived_at is not None
    consultant_client.get(reverse("consultants:dashboard"))  # shows (and uses up) the confirmation message
    assert "Taller Archivado" not in consultant_client.get(reverse("consultants:dashboard")).content.decode()
    consultant_client.post(url, {"action": "unarchive"})
    org.refresh_from_db()
    assert org.archived_at is None
    assert "Taller Archivado" in consultant_client.get(reverse("consultants:dashboard")).content.decode()


def test_archive_is_post_only(consultant_client, firm):
    org = OrganizationFactory(firm=firm)
    response = consultant_client.get(reverse("consultants:client_archive", kwargs={"org_id": org.pk}))
    org.refresh_from_db()
    assert response.status_code == 405 and org.archived_at is None


@pytest.mark.parametrize("name", ["consultants:client_edit", "consultants:client_archive"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_firm_gets_404_and_changes_nothing(client, firm, other_firm_consultant, name, method):
    org = OrganizationFactory(firm=firm, name="Ajena")
    client.force_login(other_firm_consultant)
    response = getattr(client, method)(reverse(name, kwargs={"org_id": org.pk}), _data(name="Robada"))
    org.refresh_from_db()
    assert response.status_code in (404, 405)
    assert org.name == "Ajena" and org.archived_at is None


def test_an_owners_company_without_firm_is_404_too(consultant_client):
    org = OrganizationFactory(name="Sin firma")
    response = consultant_client.get(reverse("consultants:client_edit", kwargs={"org_id": org.pk}))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("consultants:client_create", {}),
        ("consultants:client_edit", {"org_id": 1}),
        ("consultants:client_archive", {"org_id": 1}),
    ],
)
def test_anonymous_visitors_are_sent_to_the_login(client, db, name, kwargs):
    response = client.post(reverse(name, kwargs=kwargs), _data())
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not Organization.objects.exists()
