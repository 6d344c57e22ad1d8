"""Shared fixtures: a logged-in consultant, a started assessment (factories live in tests/factories.py)."""

from __future__ import annotations

import pytest

from assessments import services
from assessments.catalog import current_bank
from assessments.demo_answers import demo_answers
from firms.models import Membership
from tests.factories import (  # noqa: F401  (re-exported for older imports)
    FirmFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    member,
    submit_assessment,
)
from tests.owner_flow import figure_question, start


@pytest.fixture
def firm(db):
    return FirmFactory(name="Robles Ciberseguridad")


@pytest.fixture
def consultant(firm):
    """A consultant of `firm`."""
    return member(firm=firm)


@pytest.fixture
def firm_admin(firm):
    return member(firm=firm, role=Membership.Role.ADMIN)


@pytest.fixture
def other_firm_consultant(db):
    """A consultant of another firm: must never see anything of `firm`."""
    return member(firm=FirmFactory(name="Otra Firma"))


@pytest.fixture
def consultant_client(client, consultant):
    client.force_login(consultant)
    return client


@pytest.fixture
def organization(db):
    return OrganizationFactory()


@pytest.fixture
def started(organization):
    """(assessment, secret token) for a fresh draft assessment."""
    return services.assessment_start(organization=organization)


@pytest.fixture
def bank():
    return current_bank()


@pytest.fixture
def sample_answers(bank):
    return demo_answers(bank, maturity=0.5, seed=7)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to an /en/ page leaves English active in this thread: every test starts in Spanish."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


# The owner's questionnaire (tests/test_questionnaire*.py; a file may define its own `owner`).
@pytest.fixture
def owner(client):
    """A new owner's token, started from the landing page in this client's session."""
    return start(client)


@pytest.fixture
def ai_answers(bank):
    """A complete answer set of a company that uses AI and has a written AI policy."""
    answers = demo_answers(bank, maturity=0.5, seed=7, uses_ai=True)
    policy = figure_question(bank, "ai_policy")
    answers[policy.key] = sorted(policy.figure.match)[0]
    return answers


@pytest.fixture
def no_ai_answers(bank):
    return demo_answers(bank, maturity=0.5, seed=11, uses_ai=False)
