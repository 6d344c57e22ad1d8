"""The trend of a client company across its submitted assessments, for the client page."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from assessments.models import Organization
from assessments.reports.trend import trend_snapshots, trend_view


def organization_trend(*, organization: Organization) -> dict[str, Any]:
    """Context for consultants/_trend.html: `{"trend": {...}}`, or `{"trend": None}` before a second
    submitted assessment. Merge it into the page's context and `{% include "consultants/_trend.html" %}`.

    One query whatever the number of assessments.
    """
    view = trend_view(trend_snapshots(organization=organization), lang=get_language() or "es-mx")
    if view is not None:
        # Built by assessments/reports/charts.py, which escapes every text it prints.
        view["chart"] = mark_safe(view["chart_svg"])  # noqa: S308
    return {"trend": view}
