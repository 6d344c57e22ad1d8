from django.urls import path

from firms import views

app_name = "firms"

urlpatterns = [
    path("firma/verificacion-en-dos-pasos/", views.mfa_required, name="mfa_required"),
]
