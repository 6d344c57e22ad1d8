from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    """The project package as an app: its system checks (readiness.checks)."""

    name = "readiness"
    verbose_name = "CiberListo PyME"

    def ready(self) -> None:
        from readiness import checks  # noqa: F401  (registers the checks)
