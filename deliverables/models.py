"""What a consultant hands over: notes, the reviewed plan with its follow-up, approved report versions,
and the AI-use policy draft.

Notes hang on (assessment, question key), never on the answer row, so clearing an answer keeps its
note. Approved versions are frozen: their content and files never change after approval.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment


class Note(models.Model):
    """A consultant's observation on one answer (question_key) or on the whole assessment (blank key)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="notes")
    question_key = models.CharField(max_length=80, blank=True)  # "" = the assessment as a whole
    text = models.TextField(_("observación"), max_length=4000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("observación")
        verbose_name_plural = _("observaciones")
        constraints = [models.UniqueConstraint(fields=["assessment", "question_key"], name="one_note_per_answer")]
        ordering = ["assessment", "question_key"]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.question_key or '—'}"


class NoteRevision(models.Model):
    """Every saved text of a note, oldest first: the edit history."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="revisions")
    text = models.TextField(max_length=4000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.note} · {self.created_at:%Y-%m-%d %H:%M}"


class PlanAction(models.Model):
    """One action of an assessment's plan as the consultant reviews and follows it.

    `key` is the recommendation's key, or "custom-<n>" for an action the consultant added (then
    `title`/`text` hold it). Status, responsible person and due date are carried to the next
    assessment of the same company for the same key.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pendiente")
        IN_PROGRESS = "in_progress", _("En curso")
        DONE = "done", _("Hecha")
        DROPPED = "dropped", _("Descartada")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="plan_actions")
    key = models.CharField(max_length=80)
    title = models.CharField(_("acción"), max_length=200, blank=True)  # custom actions only
    text = models.TextField(_("qué hacer"), max_length=2000, blank=True)  # custom actions only
    horizon = models.PositiveSmallIntegerField(_("plazo (días)"), default=30)
    position = models.PositiveIntegerField(default=0)
    hidden = models.BooleanField(_("oculta en el reporte"), default=False)
    status = models.CharField(_("estado"), max_length=12, choices=Status.choices, default=Status.PENDING)
    dropped_reason = models.CharField(_("motivo del descarte"), max_length=300, blank=True)
    responsible = models.CharField(_("responsable"), max_length=120, blank=True)
    due_date = models.DateField(_("fecha compromiso"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("acción del plan")
        verbose_name_plural = _("acciones del plan")
        constraints = [models.UniqueConstraint(fields=["assessment", "key"], name="one_plan_action_per_key")]
        ordering = ["assessment", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.key} · {self.status}"


class ReportDraft(models.Model):
    """The consultant's edits of the report before approval (one per assessment)."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="report_draft")
    summary = models.TextField(_("resumen ejecutivo"), max_length=6000, blank=True)
    conclusions = models.TextField(_("conclusiones del consultor"), max_length=6000, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.assessment} · borrador"


class ReportVersion(models.Model):
    """An approved, frozen report: v1, v2… per assessment, its files kept byte for byte."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="report_versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()  # everything the version prints beyond the snapshot (summary, plan, notes…)
    pdf_es = models.FileField(upload_to="versions/", blank=True)
    pdf_en = models.FileField(upload_to="versions/", blank=True)
    docx_es = models.FileField(upload_to="versions/", blank=True)
    docx_en = models.FileField(upload_to="versions/", blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("publicada al dueño"), null=True, blank=True)

    class Meta:
        verbose_name = _("versión aprobada del reporte")
        verbose_name_plural = _("versiones aprobadas del reporte")
        constraints = [models.UniqueConstraint(fields=["assessment", "number"], name="one_version_number")]
        ordering = ["assessment", "-number"]

    def __str__(self) -> str:
        return f"{self.assessment} · v{self.number}"


class PolicyDraft(models.Model):
    """The AI-use policy drafted from the answers, edited by the consultant, then approved (frozen)."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="policy_draft")
    edits = models.JSONField(default=dict, blank=True)  # section key → the consultant's text
    approved_content = models.JSONField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.assessment} · política de IA"
