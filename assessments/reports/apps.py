from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The PDF report: its own app (label "reports") so its table and migrations stand apart."""

    name = "assessments.reports"
    label = "reports"
    verbose_name = _("Reportes PDF")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from assessments.reports import signals  # noqa: F401 - connects the receivers
