"""Data model: organisations, their assessments, one row per answer, and the frozen result.

Models hold data and field validation only; workflow lives in services.py, reads in selectors.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.validators import validate_logo


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
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consultor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="client_organizations",
    )
    brand_name = models.CharField(_("marca del consultor"), max_length=200, blank=True)
    logo = models.ImageField(
        _("logotipo"),
        upload_to="branding/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG o JPEG, hasta 1 MB y 2000 × 2000 píxeles; aparece en la portada del reporte."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


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
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question_key"], name="one_answer_per_question")
        ]
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
