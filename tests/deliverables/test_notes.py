"""Consultants' notes on answers and on the whole assessment (issue 10, "Notes per answer")."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from assessments import services as assessment_services
from assessments.question_bank.answers import is_visible
from deliverables.models import Note, NoteRevision
from deliverables.selectors.notes import (
    note_history,
    notes_for_assessment,
    notes_for_report,
)
from deliverables.services.notes import NOTE_MAX_LENGTH, NoteConflict, NoteInvalid, note_save
from tests.factories import FirmFactory, OrganizationFactory, member
from tests.owner_flow import step_url, url

HOSTILE = '<script>alert("x")</script><img src=http://evil.example/p.png>'


@pytest.fixture
def draft(firm):
    """(assessment, owner's token) of a firm's client that has answered a few questions."""
    org = OrganizationFactory(firm=firm)
    assessment, token = assessment_services.assessment_start(organization=org)
    assessment_services.assessment_save_answers(assessment=assessment, answers={"backups": "none", "uses_ai": "yes"})
    return assessment, token


@pytest.fixture
def submitted(firm, sample_answers):
    org = OrganizationFactory(firm=firm)
    assessment, token = assessment_services.assessment_start(organization=org)
    assessment_services.assessment_save_answers(assessment=assessment, answers=sample_answers)
    assessment_services.assessment_submit(assessment=assessment)
    return assessment, token


def save_url(assessment) -> str:
    return reverse("deliverables:note_save", kwargs={"assessment_id": assessment.pk})


def page_url(assessment) -> str:
    return reverse("consultants:assessment_detail", kwargs={"assessment_id": assessment.pk})


def history_url(note) -> str:
    return reverse("deliverables:note_history", kwargs={"note_id": note.pk})


# Services and selectors -----------------------------------------------------------------------------


def test_each_save_appends_a_revision_and_the_same_text_adds_none(draft, consultant):
    assessment, _ = draft
    note = note_save(
        assessment=assessment, question_key="backups", text="  Sin respaldo fuera de sitio. ", author=consultant
    )
    note_save(assessment=assessment, question_key="backups", text="Respaldo solo en USB.", author=consultant)
    note_save(assessment=assessment, question_key="backups", text="Respaldo solo en USB.", author=consultant)
    note.refresh_from_db()
    assert note.text == "Respaldo solo en USB." and note.author == consultant
    assert [r.text for r in note_history(note=note)] == ["Respaldo solo en USB.", "Sin respaldo fuera de sitio."]
    assert Note.objects.count() == 1


def test_a_note_on_the_whole_assessment_has_a_blank_key(draft, consultant):
    assessment, _ = draft
    note_save(assessment=assessment, question_key="", text="Empresa con buena disposición.", author=consultant)
    note_save(assessment=assessment, question_key="backups", text="Revisar NAS.", author=consultant)
    assert notes_for_report(assessment=assessment) == {
        "assessment": "Empresa con buena disposición.",
        "answers": {"backups": "Revisar NAS."},
    }


def test_clearing_a_note_hides_it_but_keeps_its_history(draft, consultant, firm):
    assessment, _ = draft
    colleague = member(firm=firm)
    note = note_save(assessment=assessment, question_key="backups", text="Primera versión", author=consultant)
    note_save(assessment=assessment, question_key="backups", text="   ", author=colleague)
    assert notes_for_assessment(assessment=assessment) == {}
    assert notes_for_report(assessment=assessment) == {"assessment": "", "answers": {}}
    cleared = note_history(note=note)[0]
    assert cleared.text == "" and cleared.author == colleague
    note_save(assessment=assessment, question_key="backups", text="Otra vez", author=consultant)
    assert [r.text for r in note_history(note=note)] == ["Otra vez", "", "Primera versión"]


def test_clearing_where_there_is_no_note_creates_nothing(draft, consultant):
    assert note_save(assessment=draft[0], question_key="backups", text="", author=consultant) is None
    assert not Note.objects.exists() and not NoteRevision.objects.exists()


@pytest.mark.parametrize("key", ["no_such_question", "backups'; drop table", "x" * 200])
def test_an_unknown_question_is_refused(draft, consultant, key):
    with pytest.raises(NoteInvalid):
        note_save(assessment=draft[0], question_key=key, text="texto", author=consultant)
    assert not Note.objects.exists()


def test_a_text_too_long_is_refused_and_nothing_changes(draft, consultant):
    assessment, _ = draft
    note_save(assessment=assessment, question_key="backups", text="Corta", author=consultant)
    note_save(assessment=assessment, question_key="backups", text="x" * NOTE_MAX_LENGTH, author=consultant)
    with pytest.raises(NoteInvalid):
        note_save(assessment=assessment, question_key="backups", text="x" * (NOTE_MAX_LENGTH + 1), author=consultant)
    assert Note.objects.get().text == "x" * NOTE_MAX_LENGTH and NoteRevision.objects.count() == 2


def test_a_stale_form_raises_a_conflict_and_saves_nothing(draft, consultant):
    assessment, _ = draft
    note_save(
        assessment=assessment, question_key="backups", text="De mi colega", author=consultant, expected_revision=0
    )
    with pytest.raises(NoteConflict) as caught:
        note_save(assessment=assessment, question_key="backups", text="Mío", author=consultant, expected_revision=0)
    assert caught.value.note.text == "De mi colega"
    latest = NoteRevision.objects.get().pk
    note_save(assessment=assessment, question_key="backups", text="Mío", author=consultant, expected_revision=latest)
    assert Note.objects.get().text == "Mío"


def test_notes_survive_when_the_answer_changes_or_is_cleared(draft, consultant):
    assessment, _ = draft
    note_save(assessment=assessment, question_key="backups", text="Sin respaldo.", author=consultant)
    assessment_services.assessment_save_answers(assessment=assessment, answers={"backups": None})
    assert not assessment.answers.filter(question_key="backups").exists()
    assert notes_for_report(assessment=assessment)["answers"] == {"backups": "Sin respaldo."}


def test_notes_survive_a_changed_answer(draft, consultant, bank):
    assessment, _ = draft
    note_save(assessment=assessment, question_key="backups", text="Sin respaldo.", author=consultant)
    other = next(c.value for c in bank.question("backups").choices if c.value != "none")
    assessment_services.assessment_save_answers(assessment=assessment, answers={"backups": other})
    assert assessment.answers.get(question_key="backups").value == other
    assert notes_for_assessment(assessment=assessment)["backups"].text == "Sin respaldo."


def test_notes_work_on_a_submitted_assessment(submitted, consultant):
    assessment, _ = submitted
    note_save(assessment=assessment, question_key="backups", text="Tras el envío.", author=consultant)
    assert notes_for_report(assessment=assessment)["answers"] == {"backups": "Tras el envío."}


def test_the_report_gets_plain_text_and_escapes_it_itself(draft, consultant):
    assessment, _ = draft
    note_save(assessment=assessment, question_key="", text=HOSTILE, author=consultant)
    assert notes_for_report(assessment=assessment)["assessment"] == HOSTILE


# Views ----------------------------------------------------------------------------------------------


def test_the_assessment_page_offers_a_note_form_per_answer_and_for_the_whole(consultant_client, draft):
    assessment, _ = draft
    html = consultant_client.get(page_url(assessment)).content.decode()
    assert html.count('name="question_key"') >= 3  # the whole assessment and each answer listed
    assert 'name="question_key" value=""' in html and 'name="question_key" value="backups"' in html
    assert "Agregar observación" in html and f'action="{save_url(assessment)}"' in html


def test_a_consultant_writes_a_note_and_sees_it_under_its_answer(consultant_client, submitted, bank):
    assessment, _ = submitted
    response = consultant_client.post(
        save_url(assessment), {"question_key": "backups", "text": "Respaldo sin probar.", "revision": "0"}
    )
    assert response.status_code == 302 and response["Location"] == page_url(assessment) + "#nota-backups"
    consultant_client.post(save_url(assessment), {"question_key": "", "text": "Conclusión general.", "revision": "0"})
    html = consultant_client.get(page_url(assessment)).content.decode()
    assert "Respaldo sin probar." in html and "Conclusión general." in html
    assert html.index("Conclusión general.") < html.index('id="respuestas"') < html.index("Respaldo sin probar.")
    question, following = escape(bank.question("backups").text.es), escape(bank.question("restore_test").text.es)
    answers = html[html.index('id="respuestas"') :]
    assert (
        answers.index(question) < answers.index("Respaldo sin probar.") < answers.index(following)
    )  # under its answer
    assert "Editar observación" in html and history_url(Note.objects.get(question_key="backups")) in html


def test_a_consultant_writes_a_note_on_a_draft(consultant_client, draft):
    assessment, _ = draft
    consultant_client.post(save_url(assessment), {"question_key": "uses_ai", "text": "Usan ChatGPT personal."})
    assert notes_for_assessment(assessment=assessment)["uses_ai"].text == "Usan ChatGPT personal."


def test_a_note_survives_on_the_page_when_its_answer_is_cleared(consultant_client, consultant, draft):
    assessment, _ = draft
    note_save(assessment=assessment, question_key="backups", text="Nota que sobrevive", author=consultant)
    assessment_services.assessment_save_answers(assessment=assessment, answers={"backups": None})
    assert "Nota que sobrevive" in consultant_client.get(page_url(assessment)).content.decode()


def test_a_note_on_a_question_no_longer_shown_stays_on_the_page(consultant_client, consultant, draft, bank):
    assessment, _ = draft
    question = bank.question("genai_use")
    hiding = next(
        (c.value for c in bank.question("uses_ai").choices if not is_visible(bank, question, {"uses_ai": c.value})),
        None,
    )
    if hiding is None:
        pytest.skip("genai_use is not hidden by any answer of uses_ai in this bank")
    note_save(assessment=assessment, question_key="genai_use", text="Nota de pregunta oculta", author=consultant)
    assessment_services.assessment_save_answers(assessment=assessment, answers={"uses_ai": hiding})
    html = consultant_client.get(page_url(assessment)).content.decode()
    assert "Nota de pregunta oculta" in html and "ya no se muestran" in html


def test_the_history_shows_who_when_and_what(consultant_client, consultant, firm, draft):
    assessment, _ = draft
    colleague = member(firm=firm, email="colega@example.mx", first_name="Lucía", last_name="Robles")
    note = note_save(assessment=assessment, question_key="backups", text="Versión uno", author=consultant)
    note_save(assessment=assessment, question_key="backups", text="Versión dos", author=colleague)
    note_save(assessment=assessment, question_key="backups", text="", author=colleague)
    response = consultant_client.get(history_url(note))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("borró la observación") < html.index("Versión dos") < html.index("Versión uno")
    assert "Lucía Robles" in html and consultant.email in html and "<time datetime=" in html
    # A cleared note still links to its history from the assessment page.
    assert history_url(note) in consultant_client.get(page_url(assessment)).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"question_key": "no_such_question", "text": "x"}, "no existe"),
        ({"question_key": "backups", "text": "x" * (NOTE_MAX_LENGTH + 1)}, "máximo"),
    ],
)
def test_bad_input_gets_a_400_with_the_text_kept_and_nothing_saved(consultant_client, draft, data, message):
    response = consultant_client.post(save_url(draft[0]), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert data["text"][:50] in response.content.decode()
    assert not Note.objects.exists()


def test_a_stale_form_gets_a_409_that_keeps_both_texts(consultant_client, consultant, draft):
    assessment, _ = draft
    note_save(assessment=assessment, question_key="backups", text="Texto de mi colega", author=consultant)
    response = consultant_client.post(
        save_url(assessment), {"question_key": "backups", "text": "Mi texto", "revision": "0"}
    )
    html = response.content.decode()
    assert response.status_code == 409 and "Texto de mi colega" in html and "Mi texto" in html
    assert Note.objects.get().text == "Texto de mi colega"


def test_saving_needs_post(consultant_client, draft):
    assert consultant_client.get(save_url(draft[0])).status_code == 405


def test_hostile_text_is_escaped_on_the_consultants_pages(consultant_client, consultant, draft):
    assessment, _ = draft
    note = note_save(assessment=assessment, question_key="backups", text=HOSTILE, author=consultant)
    note_save(assessment=assessment, question_key="", text=HOSTILE, author=consultant)
    for page in (page_url(assessment), history_url(note)):
        html = consultant_client.get(page).content.decode()
        assert "<script>alert" not in html and "<img src=http://evil" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


# Safety ---------------------------------------------------------------------------------------------


def test_another_firm_can_neither_read_nor_write_notes(client, draft, consultant):
    assessment, _ = draft
    note = note_save(assessment=assessment, question_key="backups", text="Privada", author=consultant)
    client.force_login(member(firm=FirmFactory(name="Otra Firma")))
    assert client.post(save_url(assessment), {"question_key": "backups", "text": "Intruso"}).status_code == 404
    assert client.post(save_url(assessment), {"question_key": "", "text": "Intruso"}).status_code == 404
    response = client.get(history_url(note))
    assert response.status_code == 404 and "Privada" not in response.content.decode()
    assert Note.objects.get().text == "Privada" and not Note.objects.filter(question_key="").exists()


def test_anonymous_visitors_are_sent_to_the_login(client, draft, consultant):
    assessment, _ = draft
    note = note_save(assessment=assessment, question_key="backups", text="Privada", author=consultant)
    login = reverse("account_login")
    response = client.post(save_url(assessment), {"question_key": "backups", "text": "Anónimo"})
    assert response.status_code == 302 and response["Location"].startswith(login)
    response = client.get(history_url(note))
    assert response.status_code == 302 and response["Location"].startswith(login)
    assert Note.objects.get().text == "Privada"


def test_the_owner_never_sees_notes_on_the_results_page(client, consultant, submitted):
    assessment, token = submitted
    note_save(assessment=assessment, question_key="backups", text="NOTA-SECRETA-RESPUESTA", author=consultant)
    note_save(assessment=assessment, question_key="", text="NOTA-SECRETA-GENERAL", author=consultant)
    response = client.get(url("results", token))
    assert response.status_code == 200
    html = response.content.decode()
    assert "NOTA-SECRETA" not in html and "/notas/" not in html


def test_the_owner_never_sees_notes_on_the_steps_or_the_review(client, consultant, draft, bank):
    assessment, token = draft
    note_save(assessment=assessment, question_key="backups", text="NOTA-SECRETA-RESPUESTA", author=consultant)
    note_save(assessment=assessment, question_key="", text="NOTA-SECRETA-GENERAL", author=consultant)
    pages = [step_url(token, section.key) for section in bank.sections] + [url("review", token)]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert "NOTA-SECRETA" not in response.content.decode() and "/notas/" not in response.content.decode(), page


def test_the_page_makes_the_same_queries_with_one_note_or_many(consultant_client, consultant, submitted, bank):
    assessment, _ = submitted

    def count() -> int:
        consultant_client.get(page_url(assessment))
        with CaptureQueriesContext(connection) as context:
            assert consultant_client.get(page_url(assessment)).status_code == 200
        return len(context.captured_queries)

    note_save(assessment=assessment, question_key="", text="Una", author=consultant)
    one = count()
    for question in bank.questions[:10]:
        note_save(assessment=assessment, question_key=question.key, text=f"Nota {question.key}", author=consultant)
    assert count() == one
