from django.contrib import admin

from assessments.models import Answer, Assessment, Invitation, Organization, ResultSnapshot, StepConfirmation


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "firm", "size_band", "sector", "state", "contact_name", "archived_at", "created_at"]
    list_filter = ["size_band", "firm", "sector", "digital_native", ("archived_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "sector", "state", "contact_name", "contact_email", "firm__name"]
    raw_id_fields = ["created_by"]
    list_select_related = ["firm"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    readonly_fields = ["question_key", "value", "updated_at"]
    can_delete = False


class StepConfirmationInline(admin.TabularInline):
    model = StepConfirmation
    extra = 0
    readonly_fields = ["section_key", "confirmed_at"]
    can_delete = False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["organization", "status", "bank_version", "language", "created_at", "submitted_at"]
    list_filter = ["status", "bank_version", "language", "organization__firm"]
    search_fields = ["organization__name"]
    raw_id_fields = ["organization", "previous"]
    list_select_related = ["organization"]
    readonly_fields = ["token_hash", "revision", "created_at", "updated_at", "submitted_at"]
    inlines = [AnswerInline, StepConfirmationInline]


@admin.register(ResultSnapshot)
class ResultSnapshotAdmin(admin.ModelAdmin):
    list_display = ["assessment", "overall", "band", "bank_version", "benchmarks_version", "scoring_version"]
    readonly_fields = [f.name for f in ResultSnapshot._meta.fields]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # frozen by design


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["organization", "sent_to", "created_at", "expires_at", "revoked_at", "reminders_sent"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["organization__name", "sent_to"]
    raw_id_fields = ["organization", "assessment", "created_by"]
    readonly_fields = ["nonce", "token_hash", "reminders_sent", "last_reminder_at"]
