"""The consultant's Word copy of the report, and the AI-use policy (consultant and owner)."""

from django.urls import path

from deliverables.views import docx

CONSULTANT = "consultor/evaluaciones/<int:assessment_id>/"

urlpatterns = [
    path(f"{CONSULTANT}reporte.docx", docx.consultant_report_docx, name="consultant_report_docx"),
]
