from django.contrib import admin

from assessments.models import Answer, Assessment, Organization, ResultSnapshot


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "size_band", "sector", "state", "consultant", "created_at"]
    list_filter = ["size_band", "digital_native"]
    search_fields = ["name", "sector", "state"]
    raw_id_fields = ["consultant"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    readonly_fields = ["question_key", "value", "updated_at"]
    can_delete = False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["organization", "status", "bank_version", "language", "created_at", "submitted_at"]
    list_filter = ["status", "bank_version", "language"]
    search_fields = ["organization__name"]
    readonly_fields = ["token_hash", "revision", "created_at", "updated_at", "submitted_at"]
    inlines = [AnswerInline]


@admin.register(ResultSnapshot)
class ResultSnapshotAdmin(admin.ModelAdmin):
    list_display = ["assessment", "overall", "band", "bank_version", "benchmarks_version", "scoring_version"]
    readonly_fields = [f.name for f in ResultSnapshot._meta.fields]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # frozen by design
