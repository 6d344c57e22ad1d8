from django.urls import path

from assessments import views
from assessments.views import privacy, quick
from assessments.views.questionnaire import step_autosave
from assessments.views.results import link_renew

app_name = "assessments"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("empezar/", views.start, name="start"),
    path("metodologia/", views.methodology, name="methodology"),
    path("evaluacion/<str:token>/", views.resume, name="resume"),
    path("evaluacion/<str:token>/enlace/", views.link, name="link"),
    path("evaluacion/<str:token>/enlace/renovar/", link_renew, name="link_renew"),
    path("evaluacion/<str:token>/paso/<slug:section_key>/", views.step, name="step"),
    path("evaluacion/<str:token>/paso/<slug:section_key>/autoguardar/", step_autosave, name="step_autosave"),
    path("evaluacion/<str:token>/enviar/", views.review, name="review"),
    path("evaluacion/<str:token>/enviar/", views.review, name="submit"),  # same page: GET reviews, POST submits
    path("evaluacion/<str:token>/resultados/", views.results, name="results"),
    path("evaluacion/<str:token>/entregar/", views.handover, name="handover"),
    # The quick check ("Diagnóstico rápido"): assessments/views/quick.py
    path("diagnostico-rapido/", quick.quick_start, name="quick_start"),
    path("evaluacion/<str:token>/rapido/", quick.quick_resume, name="quick_resume"),
    path("evaluacion/<str:token>/rapido/<int:page>/", quick.quick_page, name="quick_page"),
    path("evaluacion/<str:token>/rapido/resultado/", quick.quick_result, name="quick_result"),
    # Privacy: the notice, and the owner's own data from the link (assessments/views/privacy.py)
    path("aviso-de-privacidad/", privacy.notice, name="privacy_notice"),
    path("aviso-de-privacidad/simplificado/", privacy.notice_short, name="privacy_notice_short"),
    path("evaluacion/<str:token>/datos/", privacy.data, name="privacy_data"),
    path("evaluacion/<str:token>/datos/descargar.json", privacy.data_download, {"fmt": "json"}, name="privacy_json"),
    path("evaluacion/<str:token>/datos/descargar.csv", privacy.data_download, {"fmt": "csv"}, name="privacy_csv"),
    path("evaluacion/<str:token>/datos/borrar/", privacy.data_delete, name="privacy_delete"),
]
