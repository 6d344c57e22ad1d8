"""Rate limits that an office, a workshop or a proxy must not turn against honest people."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from assessments.question_bank.answers import is_visible
from tests.owner_flow import post_step, revision, start, url

WORKSHOP = 30
OFFICE = "203.0.113.7"


def _answered_sections(bank, answers):
    return [s for s in bank.sections if any(q.key in answers and is_visible(bank, q, answers) for q in s.questions)]


def _autosave(client, token, bank, section, answers) -> list[int]:
    """What the page's script sends while the owner answers a step: one autosave per answer."""
    codes = []
    for q in section.questions:
        if q.key in answers and is_visible(bank, q, answers):
            value = answers[q.key]
            data = {q.key: value if isinstance(value, list) else str(value), "autosave": [q.key]}
            response = client.post(
                url("step_autosave", token, section_key=section.key), {**data, "revision": revision(token)}
            )
            codes.append(response.status_code)
    return codes


@pytest.mark.django_db
def test_a_workshop_of_30_owners_behind_one_address_is_never_limited(bank, sample_answers):
    """30 owners start and answer every step side by side from one office address, default limits.

    They go step by step together (the order a workshop follows), so every counter is live at once."""
    owners = [Client(REMOTE_ADDR=OFFICE) for _ in range(WORKSHOP)]
    tokens = [start(owner, name=f"Empresa del taller {n}") for n, owner in enumerate(owners)]
    codes = []
    for section in _answered_sections(bank, sample_answers):
        for owner, token in zip(owners, tokens, strict=True):
            codes.append(owner.get(url("step", token, section_key=section.key)).status_code)
            codes.append(post_step(owner, token, bank, section, sample_answers).status_code)
    for owner, token in zip(owners, tokens, strict=True):
        codes.append(owner.get(url("review", token)).status_code)
    assert 429 not in codes
    assert set(codes) <= {200, 302}
    assert len(codes) == WORKSHOP * (2 * len(_answered_sections(bank, sample_answers)) + 1)


@pytest.mark.django_db
def test_an_owner_whose_page_autosaves_every_answer_stays_under_the_default_limit(bank, sample_answers):
    owner = Client(REMOTE_ADDR=OFFICE)
    token = start(owner)
    codes = []
    for section in _answered_sections(bank, sample_answers):
        codes.append(owner.get(url("step", token, section_key=section.key)).status_code)
        codes += _autosave(owner, token, bank, section, sample_answers)
        codes.append(post_step(owner, token, bank, section, sample_answers).status_code)
    codes.append(owner.get(url("review", token)).status_code)
    assert 429 not in codes and set(codes) <= {200, 302}
    assert len(codes) > 60  # a whole questionnaire with the script on


def test_wrong_links_from_an_office_do_not_block_a_colleagues_valid_link(db, started, settings):
    settings.ASSESSMENTS_RATE_LIMITS = {"token_miss": (3, 600)}
    _, token = started
    guesser, colleague = Client(REMOTE_ADDR=OFFICE), Client(REMOTE_ADDR=OFFICE)
    codes = [guesser.get(url("resume", f"{n:043d}")).status_code for n in range(5)]
    assert codes == [404, 404, 404, 429, 429]
    response = guesser.get(url("resume", f"{9:043d}"))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert colleague.get(url("link", token)).status_code == 200
    assert guesser.get(url("link", token)).status_code == 200  # even the guesser's own valid link works


def test_one_link_over_its_limit_does_not_limit_another_link_from_the_same_address(db, settings, organization):
    from assessments import services

    settings.ASSESSMENTS_RATE_LIMITS = {"token": (3, 600)}
    _, first = services.assessment_start(organization=organization)
    _, second = services.assessment_start(organization=organization)
    browser = Client(REMOTE_ADDR=OFFICE)
    assert [browser.get(url("link", first)).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert browser.get(url("link", second)).status_code == 200


def test_starts_are_limited_per_address(db, settings):
    settings.ASSESSMENTS_RATE_LIMITS = {"start": (2, 3600)}
    office, elsewhere = Client(REMOTE_ADDR=OFFICE), Client(REMOTE_ADDR="198.51.100.20")
    for n in range(2):
        start(office, name=f"Empresa {n}")
    response = office.post(reverse("assessments:start"), {"company_name": "Una más"})
    assert response.status_code == 429 and "Demasiadas solicitudes" in response.content.decode()
    assert office.get(reverse("assessments:quick_start")).status_code == 200  # showing the form is free
    start(elsewhere, name="Otra oficina")


class TestBehindAProxy:
    PROXY = "10.0.0.2"

    def _from(self, client_address: str, **extra) -> Client:
        return Client(REMOTE_ADDR=self.PROXY, HTTP_X_FORWARDED_FOR=client_address, **extra)

    def test_clients_behind_the_proxy_are_counted_apart(self, db, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        settings.ASSESSMENTS_RATE_LIMITS = {"token_miss": (2, 600)}
        first, second = self._from("198.51.100.1"), self._from("198.51.100.2")
        assert [first.get(url("resume", f"{n:043d}")).status_code for n in range(3)] == [404, 404, 429]
        assert second.get(url("resume", "x" * 43)).status_code == 404

    def test_a_forged_leftmost_entry_does_not_escape_the_limit(self, db, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        settings.ASSESSMENTS_RATE_LIMITS = {"token_miss": (2, 600)}
        codes = [self._from(f"192.0.2.{n}, 198.51.100.1").get(url("resume", f"{n:043d}")).status_code for n in range(3)]
        assert codes == [404, 404, 429]  # the proxy appended the real address last

    def test_without_a_configured_proxy_the_header_is_ignored(self, db, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        settings.ASSESSMENTS_RATE_LIMITS = {"token_miss": (2, 600)}
        codes = [self._from(f"198.51.100.{n}").get(url("resume", f"{n:043d}")).status_code for n in range(3)]
        assert codes == [404, 404, 429]  # everyone's forged header, one real address
