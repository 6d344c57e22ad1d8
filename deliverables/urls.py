"""The consultant's deliverables (issue 10): one URL module per area, all under /consultor/."""

from django.urls import include, path

app_name = "deliverables"

urlpatterns = [
    path("consultor/", include("deliverables.urls_notes")),
    path("consultor/", include("deliverables.urls_plan")),
    path("consultor/", include("deliverables.urls_versions")),
    path("", include("deliverables.urls_policy")),  # the owner gets the policy through the secret link too
]
