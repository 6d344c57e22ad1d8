from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from readiness.health import HealthView, WebHealthView
from readiness.language import set_language

urlpatterns = [
    # Django's language switch, able to leave an /en/ address (readiness/language.py).
    path("i18n/setlang/", set_language, name="set_language"),
    # Health (django-health-check), outside the language prefixes: see readiness/health.py, docs/DEPLOY.md.
    path("salud/", HealthView.as_view(), name="health"),
    path("salud/web/", WebHealthView.as_view(), name="health_web"),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("consultants.urls")),
    path("", include("firms.urls")),
    path("", include("deliverables.urls")),
    path("cuentas/", include("allauth.urls")),
    path("", include("assessments.urls")),
    path("", include("assessments.reports.urls")),
    prefix_default_language=False,
)
