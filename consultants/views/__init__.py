"""The consultant's workspace: one module per area; every view is @firm_member_required and thin."""
