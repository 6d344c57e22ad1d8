"""The firm's branding in the Word report: its logo (read from storage, never fetched) and colour."""

from __future__ import annotations

from assessments.models import Organization

LOGO_WIDTH_CM = 4.0
MAX_LOGO_BYTES = 2 * 1024 * 1024
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG: what Word and python-docx read


def firm_logo_bytes(organization: Organization) -> bytes | None:
    """The firm's logo as PNG or JPEG bytes from its storage, or None (no firm, no logo, other type)."""
    firm = organization.firm
    logo = getattr(firm, "logo", None) if firm is not None else None
    if not logo:
        return None
    try:
        with logo.open("rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1)
    except (OSError, ValueError):
        return None
    if len(data) > MAX_LOGO_BYTES or not data.startswith(IMAGE_SIGNATURES):
        return None
    return data


def _hex(color: str) -> str:
    return color.lstrip("#").upper()
