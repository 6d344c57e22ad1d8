"""The firm settings page: admins only, validated input, logo files replaced and deleted."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from assessments.reports.context import organization_branding
from firms.models import Membership
from tests.factories import FirmFactory, OrganizationFactory, member

VALID = {
    "settings-name": "Robles & Asociados",
    "settings-brand_color": "#0b4f8a",
    "settings-brand_color_picker": "#0b4f8a",
    "settings-contact_line": "hola@robles.mx · 33 1234 5678",
    "settings-reminder_days": "10",
    "settings-reminder_max": "2",
    "settings-mfa_required": "on",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image(fmt="PNG", name="logo.png", size=(60, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 79, 138)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def admin_client(client, firm_admin):
    client.force_login(firm_admin)
    return client


def test_admin_saves_name_colour_contact_reminders_and_mfa(admin_client, firm):
    response = admin_client.post(reverse("firms:settings"), VALID)
    assert response.status_code == 302
    firm.refresh_from_db()
    assert firm.name == "Robles & Asociados"
    assert firm.brand_color == "#0b4f8a"
    assert firm.contact_line == "hola@robles.mx · 33 1234 5678"
    assert (firm.reminder_days, firm.reminder_max, firm.mfa_required) == (10, 2, True)


def test_settings_page_shows_colour_picker_and_hand_over_code(admin_client, firm):
    page = admin_client.get(reverse("firms:settings")).content.decode()
    assert 'type="color"' in page
    assert firm.handover_code in page
    assert "<script" not in page.split("<body>", 1)[1]


def test_the_colour_picker_wins_when_only_it_was_changed(admin_client, firm):
    admin_client.post(
        reverse("firms:settings"),
        {**VALID, "settings-brand_color": firm.brand_color, "settings-brand_color_picker": "#AA3300"},
    )
    firm.refresh_from_db()
    assert firm.brand_color == "#aa3300"


@pytest.mark.parametrize(
    "field,value",
    [
        ("settings-brand_color", "rojo"),
        ("settings-brand_color", "#12345"),
        ("settings-reminder_days", "0"),
        ("settings-reminder_days", "61"),
        ("settings-reminder_max", "4"),
        ("settings-reminder_days", "siete"),
        ("settings-name", ""),
    ],
)
def test_invalid_settings_are_a_400_and_nothing_is_saved(admin_client, firm, field, value):
    before = (firm.name, firm.brand_color, firm.reminder_days, firm.reminder_max, firm.mfa_required)
    response = admin_client.post(reverse("firms:settings"), {**VALID, field: value})
    assert response.status_code == 400
    assert "No se guardó nada" in response.content.decode()
    firm.refresh_from_db()
    assert (firm.name, firm.brand_color, firm.reminder_days, firm.reminder_max, firm.mfa_required) == before


def test_consultants_get_a_403_page_that_explains(client, consultant, firm):
    client.force_login(consultant)
    for url in (reverse("firms:settings"), reverse("firms:logo"), reverse("firms:handover_code_renew")):
        response = client.post(url, VALID)
        assert response.status_code == 403
        assert "administración de la firma" in response.content.decode()
    assert client.get(reverse("firms:settings")).status_code == 403
    firm.refresh_from_db()
    assert firm.name == "Robles Ciberseguridad"


def test_anonymous_visitors_go_to_the_login_page(client, db):
    response = client.get(reverse("firms:settings"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_renewing_the_hand_over_code(admin_client, firm):
    old = firm.handover_code
    assert admin_client.post(reverse("firms:handover_code_renew")).status_code == 302
    firm.refresh_from_db()
    assert firm.handover_code != old


@pytest.mark.parametrize(
    "upload,message",
    [
        (image("GIF", "logo.png"), "PNG o JPEG"),
        (image("GIF", "logo.gif"), "PNG o JPEG"),
        (image("PNG", "logo.gif"), "PNG o JPEG"),
        (SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * (1024 * 1024 + 1)), "1 MB"),
        (image("PNG", "logo.png", size=(2001, 10)), "2000"),
        (SimpleUploadedFile("logo.jpg", b"not an image at all"), "PNG o JPEG"),
    ],
)
def test_bad_logos_are_refused_with_a_message(admin_client, firm, upload, message):
    response = admin_client.post(reverse("firms:logo"), {"logo-logo": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    firm.refresh_from_db()
    assert not firm.logo


def test_empty_logo_form_is_a_400(admin_client):
    assert admin_client.post(reverse("firms:logo"), {}).status_code == 400


def test_replacing_the_logo_deletes_the_old_file_and_removing_deletes_it_too(
    admin_client, firm, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(reverse("firms:logo"), {"logo-logo": image()}).status_code == 302
    firm.refresh_from_db()
    first = firm.logo.name
    assert first.startswith("branding/") and first.endswith(".png")
    assert firm.logo.storage.exists(first)

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("firms:logo"), {"logo-logo": image("JPEG", "nuevo.JPG")})
    firm.refresh_from_db()
    second = firm.logo.name
    assert second != first and second.endswith(".jpg")
    assert firm.logo.storage.exists(second)
    assert not firm.logo.storage.exists(first)

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("firms:logo"), {"logo-remove": "on"})
    firm.refresh_from_db()
    assert not firm.logo
    assert not firm.logo.storage.exists(second)


def test_logo_preview_is_served_to_members_only(client, firm, firm_admin, consultant, other_firm_consultant):
    client.force_login(firm_admin)
    client.post(reverse("firms:logo"), {"logo-logo": image()})
    client.force_login(consultant)
    response = client.get(reverse("firms:logo_image"))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    client.force_login(other_firm_consultant)
    assert client.get(reverse("firms:logo_image")).status_code == 404  # their firm has no logo


def test_saved_branding_reaches_the_report_of_every_client(admin_client, firm):
    organization = OrganizationFactory(firm=firm)
    settings_without_mfa = {k: v for k, v in VALID.items() if k != "settings-mfa_required"}
    admin_client.post(reverse("firms:settings"), {**settings_without_mfa, "settings-brand_color": "#aa3300"})
    assert admin_client.post(reverse("firms:logo"), {"logo-logo": image()})["Location"] == reverse("firms:settings")
    organization.refresh_from_db()

    branding = organization_branding(organization)
    assert branding.brand_name == "Robles & Asociados"
    assert branding.color == "#aa3300"
    assert branding.contact_line == "hola@robles.mx · 33 1234 5678"
    assert branding.logo_uri and "branding" in branding.logo_uri

    other = OrganizationFactory(firm=FirmFactory())
    assert organization_branding(other).brand_name != "Robles & Asociados"


def test_another_firms_admin_changes_only_their_own_firm(client, firm):
    stranger = member(firm=FirmFactory(name="Ajena"), role=Membership.Role.ADMIN)
    client.force_login(stranger)
    client.post(reverse("firms:settings"), VALID)
    firm.refresh_from_db()
    assert firm.name == "Robles Ciberseguridad"
    stranger.membership.firm.refresh_from_db()
    assert stranger.membership.firm.name == "Robles & Asociados"


def test_a_logo_with_a_wrong_extension_gets_one_plain_message(admin_client):
    # Django's own extension message ("La extensión de archivo … no esta permitida …") is technical,
    # misspelt in Spanish, and came on top of ours.
    response = admin_client.post(reverse("firms:logo"), {"logo-logo": image("GIF", "logo.gif")})
    html = response.content.decode()
    assert response.status_code == 400
    assert "El logotipo debe ser PNG o JPEG." in html
    assert "no esta permitida" not in html and "extensiones permitidas" not in html
