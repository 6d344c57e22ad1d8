"""The consultant's Word copy of the report, and the AI-use policy (consultant and owner).

Each file format is its own URL (no `fmt` converter): only .docx and .pdf exist.
"""

from django.urls import path

from deliverables.views import docx, policy

CONSULTANT = "consultor/evaluaciones/<int:assessment_id>/"

urlpatterns = [
    path(f"{CONSULTANT}reporte.docx", docx.consultant_report_docx, name="consultant_report_docx"),
    path(f"{CONSULTANT}politica-ia/", policy.consultant_policy, name="consultant_policy"),
    path(
        f"{CONSULTANT}politica-ia.docx",
        policy.consultant_policy_download,
        {"fmt": "docx"},
        name="consultant_policy_docx",
    ),
    path(
        f"{CONSULTANT}politica-ia.pdf", policy.consultant_policy_download, {"fmt": "pdf"}, name="consultant_policy_pdf"
    ),
    path("evaluacion/<str:token>/politica-ia.docx", policy.owner_policy, {"fmt": "docx"}, name="owner_policy_docx"),
    path("evaluacion/<str:token>/politica-ia.pdf", policy.owner_policy, {"fmt": "pdf"}, name="owner_policy_pdf"),
]
