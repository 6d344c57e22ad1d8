"""Every URL of the workspace that names an object: another firm gets 404, an anonymous visitor the login.

The URL list is read from the URLconf, so a new object URL is covered without editing this test; a URL
kind the test does not know how to fill fails loudly instead of being skipped.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assessments import services
from assessments.models import Invitation
from deliverables.models import Note, PlanAction, ReportVersion
from firms.models import Membership
from tests.factories import FirmFactory, OrganizationFactory, member

OBJECT_KWARGS = {
    "org_id",
    "assessment_id",
    "invitation_id",
    "member_id",
    "firm_invitation_id",
    "note_id",
    "action_id",
    "version_id",
}
WORKSPACE_NAMESPACES = {"consultants", "firms", "reports", "deliverables"}


def _patterns(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name and namespace in WORKSPACE_NAMESPACES:
            yield f"{namespace}:{entry.name}", set(entry.pattern.converters)


def object_urls():
    seen = {}
    for name, kwargs in _patterns():
        if kwargs & OBJECT_KWARGS:
            seen[name] = kwargs
    return sorted(seen.items())


@pytest.fixture
def objects(firm, sample_answers, firm_admin):
    org = OrganizationFactory(firm=firm, contact_email="duena@example.mx")
    submitted, _ = services.assessment_start(organization=org)
    services.assessment_save_answers(assessment=submitted, answers=sample_answers)
    services.assessment_submit(assessment=submitted)
    draft, _ = services.assessment_start(organization=org)
    invitation = Invitation.objects.create(
        organization=org, assessment=draft, nonce="n" * 32, token_hash="h" * 64, expires_at=draft.token_expires_at
    )
    note = Note.objects.create(assessment=submitted, question_key="backups", text="Observación privada")
    action = PlanAction.objects.create(assessment=submitted, key="custom-1", title="Acción privada")
    version = ReportVersion.objects.create(assessment=submitted, number=1, content={})
    return {
        "note_id": note.pk,
        "action_id": action.pk,
        "version_id": version.pk,
        "lang": "es",
        "org_id": org.pk,
        "assessment_id": submitted.pk,
        "invitation_id": invitation.pk,
        "member_id": firm_admin.membership.pk,
        "firm_invitation_id": 1,
        "fmt": "csv",
        "token": "x",
    }


def _url(name, kwargs, objects):
    missing = kwargs - objects.keys()
    assert not missing, f"{name}: the isolation test does not know how to fill {missing}"
    return reverse(name, kwargs={k: objects[k] for k in kwargs})


def test_the_workspace_has_object_urls_to_check():
    names = [name for name, _ in object_urls()]
    assert "consultants:client_detail" in names and "reports:consultant_report" in names


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_firms_admin_gets_404_on_every_object_url(client, objects, method):
    client.force_login(member(firm=FirmFactory(name="Otra Firma"), role=Membership.Role.ADMIN))
    for name, kwargs in object_urls():
        response = getattr(client, method)(_url(name, kwargs, objects))
        assert response.status_code in (404, 405), f"{method.upper()} {name}: {response.status_code}"


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_firms_consultant_never_gets_the_data(client, objects, other_firm_consultant, method):
    client.force_login(other_firm_consultant)
    for name, kwargs in object_urls():
        response = getattr(client, method)(_url(name, kwargs, objects))
        # 403: an admin-only page refuses a consultant before looking anything up.
        assert response.status_code in (403, 404, 405), f"{method.upper()} {name}: {response.status_code}"


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_the_login(client, objects, method):
    login = reverse("account_login")
    for name, kwargs in object_urls():
        response = getattr(client, method)(_url(name, kwargs, objects))
        assert response.status_code in (302, 405), f"{method.upper()} {name}: {response.status_code}"
        if response.status_code == 302:
            assert response["Location"].startswith(login), f"{name} → {response['Location']}"


def test_the_firms_own_consultant_reaches_them(client, objects, consultant):
    client.force_login(consultant)
    for name, kwargs in object_urls():
        if name.startswith("firms:"):
            continue  # admin-only pages: tested with the firm's admin in tests/firms
        response = client.get(_url(name, kwargs, objects))
        assert response.status_code not in (404, 500, 501), f"GET {name}: {response.status_code}"
