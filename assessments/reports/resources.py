"""Where the report's own files live, and which directories the renderer may read."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

STYLESHEET = "css/report.css"


def static_path(name: str) -> Path:
    """The file behind a static name, found like `collectstatic` would find it."""
    found = finders.find(name)
    if not found:
        raise FileNotFoundError(f"static file {name!r} is missing")
    return Path(found).resolve()


def stylesheet_uri() -> str:
    return static_path(STYLESHEET).as_uri()


def stylesheets() -> list[str]:
    """The report's stylesheets, handed to the renderer (which parses them once per process), not linked."""
    return [stylesheet_uri()]


def branding_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "branding"


def allowed_roots() -> list[Path]:
    """The project's static files (source folders and collected copy) and uploaded branding files."""
    # A STATICFILES_DIRS entry is a path or a (prefix, path) pair.
    roots = [Path(d[1] if isinstance(d, list | tuple) else d) for d in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    roots.append(branding_root())
    return roots


def render_timeout() -> float:
    return float(getattr(settings, "REPORTS_RENDER_TIMEOUT", 60))
