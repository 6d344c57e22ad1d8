from django.contrib import admin

from firms.models import Firm, FirmInvitation, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Firm)
class FirmAdmin(admin.ModelAdmin):
    list_display = ["name", "contact_line", "mfa_required", "reminder_days", "created_at"]
    list_filter = ["mfa_required"]
    search_fields = ["name", "contact_line", "handover_code"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "firm", "role", "created_at"]
    list_filter = ["role", "firm"]
    search_fields = ["user__username", "user__email", "firm__name"]
    raw_id_fields = ["user"]


@admin.register(FirmInvitation)
class FirmInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "firm", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role", "firm"]
    search_fields = ["email", "firm__name"]
    readonly_fields = ["token_hash"]
