"""Names typed by people: never without a visible character, and isolated from the app's own text."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from assessments.models import Organization
from assessments.validators import has_visible_text
from consultants.forms import ClientForm
from tests.owner_flow import start, url

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
INVISIBLE = [RLO, f" {RLO}\u200b ", "\u2066\u2069", "\u200f\u200e", "   ", "¡¿.-!"]


@pytest.mark.parametrize("name", INVISIBLE)
def test_names_without_a_letter_or_digit_are_not_names(name):
    assert not has_visible_text(name)


@pytest.mark.parametrize("name", ["Taller Ramírez", "7-Eleven", "شركة", f"{RLO}ACME"])
def test_names_with_a_letter_or_digit_are(name):
    assert has_visible_text(name)


@pytest.mark.parametrize("name", INVISIBLE)
def test_the_start_form_refuses_an_invisible_company_name_with_a_400_and_creates_nothing(client, db, name):
    response = client.post(reverse("assessments:start"), {"company_name": name})
    assert response.status_code == 400
    message = "Escriba el nombre de su empresa" if not name.strip() else "al menos una letra o un número"
    assert message in response.content.decode()
    assert not Organization.objects.exists()


@pytest.mark.parametrize("name", [RLO, "\u200b\u200b"])
def test_firm_settings_refuse_an_invisible_firm_name(firm, name):
    from firms.forms import FirmSettingsForm  # after allauth's forms (its signup form imports this module)

    form = FirmSettingsForm(
        data={"name": name, "brand_color": "#0b4f8a", "reminder_days": 7, "reminder_max": 2}, instance=firm
    )
    assert not form.is_valid() and "name" in form.errors


@pytest.mark.parametrize("field", ["name", "contact_name"])
def test_client_and_contact_names_need_a_visible_character(db, field):
    data = {"name": "Cliente Uno", "contact_name": "Ana", **{field: RLO + "\u200b"}}
    form = ClientForm(data=data)
    assert not form.is_valid() and field in form.errors


def test_an_empty_contact_name_stays_allowed(db):
    assert ClientForm(data={"name": "Cliente Uno", "contact_name": ""}).is_valid()


def test_the_firm_sign_up_name_is_checked():
    from firms.forms import FirmSignupForm

    field = FirmSignupForm.base_fields["firm_name"]
    with pytest.raises(Exception, match="letra"):
        field.clean(RLO)


def test_a_company_name_with_an_override_is_isolated_on_the_link_page(client, db):
    name = f"{RLO}ACME SA de CV"
    token = start(client, name=name)
    page = client.get(url("link", token)).content.decode()
    assert f"<bdi>{name}</bdi>" in page
    # The override never sits bare in the page's own text: every occurrence is inside <bdi> or the
    # <title>'s isolate characters.
    assert page.count(RLO) == page.count(f"<bdi>{RLO}") + page.count(f"\u2068{RLO}")


def test_client_names_are_isolated_on_the_consultants_dashboard(consultant_client, firm):
    from tests.factories import OrganizationFactory

    OrganizationFactory(firm=firm, name=f"{RLO}Contoso", contact_name=f"{RLO}Ana")
    page = consultant_client.get(reverse("consultants:dashboard")).content.decode()
    assert f"<bdi>{RLO}Contoso</bdi>" in page and f"<bdi>{RLO}Ana</bdi>" in page


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_report_isolates_the_company_and_firm_names_on_its_cover(firm, sample_answers, lang):
    from assessments.reports.services import report_html
    from tests.factories import OrganizationFactory, submit_assessment

    firm.name = f"{RLO}Consultores"
    firm.save()
    organization = OrganizationFactory(firm=firm, name=f"{RLO}ACME SA de CV")
    snapshot = submit_assessment(organization, sample_answers).snapshot
    html = report_html(snapshot=snapshot, organization=organization, lang=lang)
    assert f'<p class="company-name"><bdi>{RLO}ACME SA de CV</bdi></p>' in html
    bare = [m.start() for m in re.finditer(RLO, html) if not re.search("(<bdi>|\u2068)$", html[: m.start()])]
    assert not bare, [html[i - 80 : i + 20] for i in bare]  # every override sits in <bdi> or FSI…PDI


def test_weasyprint_keeps_the_reports_own_words_in_order_around_an_isolated_name():
    """What the PDF cover does, on WeasyPrint itself: the words after the name stay readable."""
    import pypdfium2 as pdfium
    import weasyprint

    css = "bdi { unicode-bidi: isolate; }"
    html = f"<style>{css}</style><p>Preparado para <bdi>{RLO}ACME</bdi> el lunes</p>"
    text = pdfium.PdfDocument(weasyprint.HTML(string=html).write_pdf())[0].get_textpage().get_text_range()
    assert "Preparado para" in text and "el lunes" in text
    bare = pdfium.PdfDocument(weasyprint.HTML(string=html.replace("<bdi>", "").replace("</bdi>", "")).write_pdf())
    assert "el lunes" not in bare[0].get_textpage().get_text_range()  # without isolation it is reversed


def test_ordinary_names_print_exactly_as_typed_and_right_to_left_ones_are_isolated():
    from assessments.templatetags.names import bdi, isolate

    assert bdi("Panadería La Espiga") == "Panadería La Espiga" == isolate("Panadería La Espiga")
    assert bdi("שלום & Co") == "<bdi>שלום &amp; Co</bdi>"  # escaped, isolated
    assert isolate(f"{RLO}ACME") == f"\u2068{RLO}ACME\u2069"


def test_the_resume_link_e_mail_isolates_a_right_to_left_company_name(started):
    from django.core import mail

    from assessments import services

    assessment, token = started
    assessment.organization.name = f"{RLO}ACME"
    assessment.organization.save()
    assessment.owner_email = "duena@example.mx"
    assessment.save()
    assert services.assessment_send_resume_link(assessment=assessment, resume_url=f"https://x.mx/evaluacion/{token}/")
    body = mail.outbox[-1].body
    assert f"\u2068{RLO}ACME\u2069 en CiberListo PyME" in body
