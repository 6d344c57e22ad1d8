"""Validation of uploaded branding logos (type, file size and pixel dimensions) and of names."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

LOGO_MAX_BYTES = 1024 * 1024  # 1 MiB
LOGO_MAX_PIXELS = 2000  # per side
LOGO_FORMATS = {"PNG", "JPEG"}


def validate_logo(upload) -> None:
    """Accept PNG or JPEG up to 1 MiB and 2000 × 2000 px; refuse anything else with a clear message."""
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(_("El logotipo pesa más de 1 MB. Suba una imagen más ligera."), code="logo_size")
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(_("El archivo no es una imagen PNG o JPEG válida."), code="logo_type") from exc
    finally:
        upload.seek(position)
    if kind not in LOGO_FORMATS:
        raise ValidationError(_("El logotipo debe ser PNG o JPEG."), code="logo_type")
    if width > LOGO_MAX_PIXELS or height > LOGO_MAX_PIXELS:
        raise ValidationError(
            _("El logotipo mide más de 2000 × 2000 píxeles. Redúzcalo e intente de nuevo."), code="logo_pixels"
        )


def has_visible_text(value: str) -> bool:
    """True when `value` shows a letter or a digit. Spaces, line breaks, zero-width and bidi control
    characters (U+202E and friends), punctuation or symbols alone make no name."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in value or "")


def validate_visible_name(value: str) -> None:
    """For company, firm, client, contact and person names: at least one letter or digit. (Names are
    shown isolated with <bdi>, so direction marks inside one cannot reorder the text around it.)"""
    if value and not has_visible_text(value):
        raise ValidationError(
            _("Escriba un nombre con al menos una letra o un número (no solo espacios o símbolos)."),
            code="no_visible_name",
        )
