"""Report review, approval, publishing and the approved versions' files (mounted under /consultor/).

The owner's download of the published version goes through the secret token: see deliverables/urls.py.
"""

from django.urls import path

from deliverables.views import versions

urlpatterns = [
    path("evaluaciones/<int:assessment_id>/revision/", versions.version_review, name="version_review"),
    path(
        "evaluaciones/<int:assessment_id>/revision/vista-previa/<str:lang>/",
        versions.version_preview,
        name="version_preview",
    ),
    path(
        "evaluaciones/<int:assessment_id>/versiones/<int:version_id>/publicar/",
        versions.version_publish,
        name="version_publish",
    ),
    path(
        "evaluaciones/<int:assessment_id>/versiones/<int:version_id>/pdf/<str:lang>/",
        versions.version_pdf,
        name="version_pdf",
    ),
    path(
        "evaluaciones/<int:assessment_id>/versiones/<int:version_id>/docx/<str:lang>/",
        versions.version_docx,
        name="version_docx",
    ),
]
