"""Data model: organisations, their assessments, one row per answer, and the frozen result.

Models hold data and field validation only; workflow lives in services.py, reads in selectors.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.search import search_text

SEARCHED_FIELDS = ("name", "contact_name", "contact_email")  # the consultant's search box


class Organization(models.Model):
    class Size(models.TextChoices):
        MICRO = "micro", _("Micro (0–10 personas)")
        SMALL = "small", _("Pequeña (11–50 personas)")
        MEDIUM = "medium", _("Mediana (51–250 personas)")

    name = models.CharField(_("nombre"), max_length=200)
    size_band = models.CharField(_("tamaño"), max_length=10, choices=Size.choices, blank=True)
    sector = models.CharField(_("sector"), max_length=60, blank=True)
    state = models.CharField(_("estado"), max_length=60, blank=True)
    digital_native = models.BooleanField(_("nativa digital"), null=True, blank=True)
    # The consulting firm whose members follow this company; None while an owner assesses alone
    # (until the owner hands it over on purpose with the firm's code).
    firm = models.ForeignKey(
        "firms.Firm",
        verbose_name=_("firma"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    contact_name = models.CharField(_("persona de contacto"), max_length=200, blank=True)
    contact_email = models.EmailField(_("correo de contacto"), blank=True)
    contact_phone = models.CharField(_("teléfono de contacto"), max_length=30, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    archived_at = models.DateTimeField(_("archivada"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Name, contact and e-mail without accents or case (assessments.search), kept by save(): the
    # dashboard's search finds "Panadería" by "panaderia" on SQLite and PostgreSQL alike.
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = search_text(*(getattr(self, name) for name in SEARCHED_FIELDS))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(SEARCHED_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Borrador")
        SUBMITTED = "submitted", _("Enviada")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="assessments")
    bank_version = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    language = models.CharField(max_length=10, default="es-mx")
    # SHA-256 of the secret resume token; the token itself is shown once and never stored.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    owner_email = models.EmailField(blank=True)
    # Increases on every saved step; a form posted with an older revision came from a stale tab.
    revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # A re-assessment starts from the answers of this earlier, submitted assessment.
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="followups")

    class Meta:
        verbose_name = _("evaluación")
        verbose_name_plural = _("evaluaciones")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organization} · {self.created_at:%Y-%m-%d}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question_key = models.CharField(max_length=80)
    value = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("respuesta")
        verbose_name_plural = _("respuestas")
        constraints = [models.UniqueConstraint(fields=["assessment", "question_key"], name="one_answer_per_question")]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.question_key} = {self.value}"


class ResultSnapshot(models.Model):
    """The result frozen at submission, so an old report re-renders identically later."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="snapshot")
    bank_version = models.CharField(max_length=20)
    benchmarks_version = models.CharField(max_length=20)
    scoring_version = models.CharField(max_length=20)
    answers = models.JSONField()
    result = models.JSONField()
    overall = models.FloatField()
    band = models.CharField(max_length=20)
    content_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resultado congelado")
        verbose_name_plural = _("resultados congelados")

    def __str__(self) -> str:
        return f"{self.assessment} · {self.overall}"


class Invitation(models.Model):
    """A firm's link for the owner of one client company, opening that company's assessment.

    The link's token is derived from a random nonce with the project's secret (HMAC), so the
    consultant can copy the link again later; only its SHA-256 is stored for lookup. Revoking or
    renewing replaces the nonce, which kills the old link.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="invitations")
    nonce = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_to = models.EmailField(_("enviada a"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("vence"))
    revoked_at = models.DateTimeField(_("revocada"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminder_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitación")
        verbose_name_plural = _("invitaciones")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organization} · {self.created_at:%Y-%m-%d}"


class StepConfirmation(models.Model):
    """A step of a re-assessment that the owner has saved (confirmed or changed) in this assessment.

    A re-assessment starts with the previous answers copied in; the review lists the steps that the
    owner has not looked at yet.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="step_confirmations")
    section_key = models.CharField(max_length=80)
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("paso confirmado")
        verbose_name_plural = _("pasos confirmados")
        constraints = [models.UniqueConstraint(fields=["assessment", "section_key"], name="one_confirmation_per_step")]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.section_key}"
