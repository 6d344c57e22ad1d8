"""factory_boy factories and small builders for tests (fixtures stay in conftest.py)."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from assessments import services
from assessments.models import Organization
from firms.models import Firm, Membership
from firms.services import handover_code_new


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"consultor{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.mx")
    password = factory.PostGenerationMethodCall("set_password", "S3guro-para-pruebas")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()
            # A verified address, as after django-allauth's confirmation e-mail.
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class FirmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Firm

    name = factory.Sequence(lambda n: f"Firma Consultora {n}")
    handover_code = factory.LazyFunction(handover_code_new)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    firm = factory.SubFactory(FirmFactory)
    role = Membership.Role.CONSULTANT


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Empresa de Prueba {n}")
    size_band = Organization.Size.SMALL
    sector = "comercio"
    state = "jalisco"


def member(*, firm=None, role=Membership.Role.CONSULTANT, **user_fields):
    """A user who belongs to `firm` (a new firm when None) with `role`."""
    membership = MembershipFactory(user=UserFactory(**user_fields), firm=firm or FirmFactory(), role=role)
    return membership.user


def submit_assessment(organization, answers, *, when=None):
    """A submitted assessment of `organization` with `answers`, dated `when` (default: now)."""
    from assessments.models import Assessment

    assessment, _token = services.assessment_start(organization=organization)
    services.assessment_save_answers(assessment=assessment, answers=answers)
    services.assessment_submit(assessment=assessment)
    if when is not None:
        Assessment.objects.filter(pk=assessment.pk).update(submitted_at=when)
        assessment.refresh_from_db()
    return assessment
