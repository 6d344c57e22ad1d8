"""Consultants' notes on answers and on the whole assessment (mounted under /consultor/)."""

from django.urls import path

from deliverables.views import notes

urlpatterns = [
    path("evaluaciones/<int:assessment_id>/notas/", notes.note_save, name="note_save"),
    path("notas/<int:note_id>/historial/", notes.note_history, name="note_history"),
]
