"""The trend of a client company across its submitted assessments (stub, being built)."""

from __future__ import annotations


def organization_trend(*, organization) -> dict:
    """Context for consultants/_trend.html."""
    return {}
