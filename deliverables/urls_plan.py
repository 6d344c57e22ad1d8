"""The reviewed and followed plan of an assessment (consultants only; mounted under /consultor/)."""

from django.urls import path

from deliverables.views import plan

urlpatterns = [
    path("evaluaciones/<int:assessment_id>/plan/", plan.plan, name="plan"),
    path("evaluaciones/<int:assessment_id>/plan/agregar/", plan.plan_action_add, name="plan_action_add"),
    path("acciones/<int:action_id>/", plan.plan_action_update, name="plan_action_update"),
    path("acciones/<int:action_id>/visibilidad/", plan.plan_action_visibility, name="plan_action_visibility"),
    path("acciones/<int:action_id>/mover/", plan.plan_action_move, name="plan_action_move"),
    path("acciones/<int:action_id>/eliminar/", plan.plan_action_delete, name="plan_action_delete"),
]
