"""Uploaded branding logos are checked for type, size and pixels before they reach a report."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from assessments.validators import validate_logo


def image_file(fmt: str = "PNG", size=(200, 80), name="logo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1d4ed8").save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_small_png_or_jpeg_is_accepted_and_left_readable(fmt):
    upload = image_file(fmt)
    validate_logo(upload)
    assert upload.read(4)  # the file can still be saved after validation


def test_other_image_types_are_refused():
    with pytest.raises(ValidationError, match="PNG o JPEG"):
        validate_logo(image_file("GIF", name="logo.gif"))


def test_a_non_image_is_refused():
    with pytest.raises(ValidationError, match="no es una imagen"):
        validate_logo(SimpleUploadedFile("logo.png", b"<svg onload=alert(1)></svg>"))


def test_too_many_pixels_are_refused():
    with pytest.raises(ValidationError, match="2000"):
        validate_logo(image_file(size=(2400, 100)))


def test_too_heavy_a_file_is_refused():
    upload = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="1 MB"):
        validate_logo(upload)


@pytest.mark.django_db
def test_the_admin_form_for_firms_applies_the_check(admin_client):
    from django.urls import reverse

    response = admin_client.post(
        reverse("admin:firms_firm_add"),
        {
            "name": "Firma",
            "brand_color": "#0b4f8a",
            "handover_code": "ABCDE-FGHJK",
            "reminder_days": 7,
            "reminder_max": 3,
            "logo": image_file("GIF", name="logo.gif"),
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200  # re-shown with the error, nothing saved
    assert "PNG o JPEG" in response.content.decode()
