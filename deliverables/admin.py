from django.contrib import admin

from deliverables.models import Note, NoteRevision, PlanAction, PolicyDraft, ReportDraft, ReportVersion


class NoteRevisionInline(admin.TabularInline):
    model = NoteRevision
    extra = 0
    readonly_fields = ["text", "author", "created_at"]
    can_delete = False


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["assessment", "question_key", "author", "updated_at"]
    search_fields = ["assessment__organization__name", "question_key", "text"]
    raw_id_fields = ["assessment", "author"]
    inlines = [NoteRevisionInline]


@admin.register(PlanAction)
class PlanActionAdmin(admin.ModelAdmin):
    list_display = ["assessment", "key", "status", "responsible", "due_date", "hidden"]
    list_filter = ["status", "hidden", "horizon"]
    search_fields = ["assessment__organization__name", "key", "responsible"]
    raw_id_fields = ["assessment", "updated_by"]


@admin.register(ReportVersion)
class ReportVersionAdmin(admin.ModelAdmin):
    list_display = ["assessment", "number", "approved_by", "approved_at", "published_at"]
    search_fields = ["assessment__organization__name"]
    raw_id_fields = ["assessment", "approved_by"]
    readonly_fields = ["content", "pdf_es", "pdf_en", "docx_es", "docx_en"]


admin.site.register(ReportDraft)
admin.site.register(PolicyDraft)
