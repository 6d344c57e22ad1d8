from django.contrib.auth import views as auth_views
from django.urls import path

from consultants import views

app_name = "consultants"

urlpatterns = [
    path(
        "cuentas/entrar/",
        auth_views.LoginView.as_view(template_name="consultants/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("cuentas/salir/", auth_views.LogoutView.as_view(), name="logout"),
    path("consultor/", views.dashboard, name="dashboard"),
]
