"""The consultant's deliverables (issue 10): one URL module per area under /consultor/; the owner's copies
beside the owner's pages (secret token)."""

from django.urls import include, path

from deliverables.views import versions

app_name = "deliverables"

urlpatterns = [
    path("consultor/", include("deliverables.urls_notes")),
    path("consultor/", include("deliverables.urls_plan")),
    path("consultor/", include("deliverables.urls_versions")),
    path("", include("deliverables.urls_policy")),  # the owner gets the policy through the secret link too
    # The owner's copy of the published report, beside the owner's other pages (secret token).
    path("evaluacion/<str:token>/reporte-aprobado/<str:lang>/", versions.owner_version_pdf, name="owner_version_pdf"),
]
