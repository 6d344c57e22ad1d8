"""The tenant: a consulting firm, its members (admin / consultant) and invitations to colleagues.

Every client company of a firm is visible to all its members and to nobody else; the scoping lives
in selectors (firms/selectors.py, consultants/selectors.py), never in views.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.validators import validate_logo

LOGO_EXTENSIONS = ["png", "jpg", "jpeg"]
DEFAULT_BRAND_COLOR = "#0b4f8a"


class Firm(models.Model):
    name = models.CharField(_("nombre de la firma"), max_length=200)
    brand_color = models.CharField(
        _("color de la marca"),
        max_length=7,
        default=DEFAULT_BRAND_COLOR,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use un color en formato #RRGGBB."))],
    )
    logo = models.ImageField(
        _("logotipo"),
        upload_to="branding/",
        blank=True,
        validators=[FileExtensionValidator(LOGO_EXTENSIONS), validate_logo],
        help_text=_(
            "PNG o JPEG (.png, .jpg, .jpeg), hasta 1 MB y 2000 × 2000 píxeles; aparece en la portada del reporte."
        ),
    )
    contact_line = models.CharField(
        _("línea de contacto"),
        max_length=200,
        blank=True,
        help_text=_("Aparece en los reportes, p. ej. «contacto@firma.mx · 33 1234 5678»."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("días sin avance antes de recordar"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    reminder_max = models.PositiveSmallIntegerField(
        _("recordatorios automáticos como máximo"),
        default=3,
        validators=[MaxValueValidator(3)],
        help_text=_("Entre 0 (ninguno) y 3."),
    )
    mfa_required = models.BooleanField(
        _("verificación en dos pasos obligatoria"),
        default=False,
        help_text=_("Cada miembro deberá activar una app de autenticación (TOTP) antes de ver clientes."),
    )
    # Given by the firm to an owner who assessed alone, so the owner can hand the assessment over.
    handover_code = models.CharField(_("código de la firma"), max_length=20, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("firma")
        verbose_name_plural = _("firmas")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrador de la firma")
        CONSULTANT = "consultant", _("Consultor")

    # One firm per person: a consultant who changes firms gets a new account.
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=12, choices=Role.choices, default=Role.CONSULTANT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("miembro")
        verbose_name_plural = _("miembros")
        ordering = ["firm", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} · {self.firm} · {self.get_role_display()}"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class FirmInvitation(models.Model):
    """An e-mailed invitation for a colleague to join the firm (token stored hashed)."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("correo"))
    role = models.CharField(
        _("rol"), max_length=12, choices=Membership.Role.choices, default=Membership.Role.CONSULTANT
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitación a la firma")
        verbose_name_plural = _("invitaciones a la firma")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.firm}"
