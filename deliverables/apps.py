from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliverablesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "deliverables"
    verbose_name = _("Entregables del consultor")
