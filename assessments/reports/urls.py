from django.urls import path

from assessments.reports import views

app_name = "reports"

urlpatterns = [
    path("evaluacion/<str:token>/reporte/", views.owner_report, name="owner_report"),
    path("consultor/evaluaciones/<int:assessment_id>/reporte/", views.consultant_report, name="consultant_report"),
]
