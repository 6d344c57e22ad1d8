from allauth.account import views as account_views
from django.urls import path

from consultants.views import clients, dashboard, detail, exports, invitations, reassessments

app_name = "consultants"

urlpatterns = [
    # The demo logins in the README point here; django-allauth's own pages live under /cuentas/ too.
    path("cuentas/entrar/", account_views.login, name="login"),
    path("cuentas/salir/", account_views.logout, name="logout"),
    path("consultor/", dashboard.dashboard, name="dashboard"),
    path("consultor/clientes/nuevo/", clients.client_create, name="client_create"),
    path("consultor/clientes/<int:org_id>/", detail.client_detail, name="client_detail"),
    path("consultor/clientes/<int:org_id>/editar/", clients.client_edit, name="client_edit"),
    path("consultor/clientes/<int:org_id>/archivar/", clients.client_archive, name="client_archive"),
    path("consultor/clientes/<int:org_id>/invitar/", invitations.invitation_create, name="invitation_create"),
    path("consultor/clientes/<int:org_id>/reevaluar/", reassessments.reassessment_start, name="reassessment_start"),
    path(
        "consultor/invitaciones/<int:invitation_id>/revocar/", invitations.invitation_revoke, name="invitation_revoke"
    ),
    path("consultor/invitaciones/<int:invitation_id>/renovar/", invitations.invitation_renew, name="invitation_renew"),
    path(
        "consultor/invitaciones/<int:invitation_id>/recordar/", invitations.invitation_remind, name="invitation_remind"
    ),
    path("consultor/evaluaciones/<int:assessment_id>/", detail.assessment_detail, name="assessment_detail"),
    path("consultor/exportar/clientes.<str:fmt>", exports.clients_export, name="clients_export"),
    path(
        "consultor/evaluaciones/<int:assessment_id>/respuestas.<str:fmt>",
        exports.answers_export,
        name="answers_export",
    ),
]
