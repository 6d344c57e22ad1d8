"""The branding a report prints: the firm that follows the company (name, contact line, colour, logo)."""

from __future__ import annotations

import base64
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

from assessments.models import Organization
from firms.models import DEFAULT_BRAND_COLOR

MAX_INLINE_LOGO_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Branding:
    brand_name: str
    contact_line: str
    color: str  # #RRGGBB, validated on the firm
    logo_uri: str | None  # file: URL under MEDIA_ROOT/branding, or a data: URL; None without a logo


HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")  # the only user value printed inside a style attribute


def organization_branding(organization: Organization) -> Branding:
    """The branding of the firm that follows this company (none while the owner assesses alone)."""
    firm = organization.firm
    if firm is None:
        return Branding(brand_name="", contact_line="", color=DEFAULT_BRAND_COLOR, logo_uri=None)
    return Branding(
        brand_name=firm.name.strip(),
        contact_line=firm.contact_line.strip(),
        color=firm.brand_color if HEX_COLOR.fullmatch(firm.brand_color or "") else DEFAULT_BRAND_COLOR,
        logo_uri=_logo_uri(firm.logo),
    )


def _logo_uri(logo) -> str | None:
    if not logo:
        return None
    try:
        return logo.path and _path_uri(logo.path)
    except NotImplementedError:
        # Remote storage (no local path): inline the image instead of letting the renderer fetch it.
        with logo.open("rb") as handle:
            data = handle.read(MAX_INLINE_LOGO_BYTES + 1)
        if len(data) > MAX_INLINE_LOGO_BYTES:
            return None
        media_type = mimetypes.guess_type(logo.name)[0] or "application/octet-stream"
        return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def _path_uri(path: str) -> str | None:
    resolved = Path(path).resolve()
    return resolved.as_uri() if resolved.is_file() else None
