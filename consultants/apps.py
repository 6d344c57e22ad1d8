from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultantsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consultants"
    verbose_name = _("Consultores")
