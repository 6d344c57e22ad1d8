from django.urls import path

from firms.views import account, invitations, members, settings

app_name = "firms"

urlpatterns = [
    path("firma/verificacion-en-dos-pasos/", account.mfa_required, name="mfa_required"),
    path("firma/ajustes/", settings.firm_settings, name="settings"),
    path("firma/ajustes/logotipo/", settings.firm_logo, name="logo"),
    path("firma/ajustes/logotipo.img", settings.firm_logo_image, name="logo_image"),
    path("firma/ajustes/codigo/", settings.firm_handover_code_renew, name="handover_code_renew"),
    path("firma/miembros/", members.member_list, name="members"),
    path("firma/miembros/<int:membership_id>/rol/", members.member_role, name="member_role"),
    path("firma/miembros/<int:membership_id>/quitar/", members.member_remove, name="member_remove"),
    path("firma/invitaciones/nueva/", members.invitation_create, name="invitation_create"),
    path("firma/invitaciones/<int:invitation_id>/revocar/", members.invitation_revoke, name="invitation_revoke"),
    path("firma/invitacion/unirse/", invitations.invitation_join, name="invitation_join"),
    path("firma/invitacion/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
]
