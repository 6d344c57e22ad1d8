"""One row per rendered (or rendering) report: the PDF cache and the state of its background job."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models import ResultSnapshot


class RenderedReport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("En preparación")
        READY = "ready", _("Listo")
        FAILED = "failed", _("Falló")

    # SHA-256 of everything that changes the PDF (see cache.report_cache_key): same key, same bytes.
    key = models.CharField(max_length=64, unique=True)
    snapshot = models.ForeignKey(ResultSnapshot, on_delete=models.CASCADE, related_name="reports")
    language = models.CharField(max_length=5)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    pdf = models.FileField(upload_to="reports/", blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    error = models.CharField(max_length=500, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reporte PDF")
        verbose_name_plural = _("reportes PDF")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.snapshot.assessment} · {self.language} · {self.status}"
