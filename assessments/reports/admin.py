from django.contrib import admin

from assessments.reports.models import RenderedReport


@admin.register(RenderedReport)
class RenderedReportAdmin(admin.ModelAdmin):
    """Read-only view of the PDF cache and its jobs; deleting a row makes the next download render again."""

    list_display = ["snapshot", "language", "status", "render_seconds", "updated_at"]
    list_filter = ["status", "language"]
    search_fields = ["snapshot__assessment__organization__name"]
    readonly_fields = [
        "key",
        "snapshot",
        "language",
        "status",
        "pdf",
        "task_id",
        "error",
        "render_seconds",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False
