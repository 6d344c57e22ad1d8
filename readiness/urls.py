from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
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
