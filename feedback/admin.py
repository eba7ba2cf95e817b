"""Feedback for the service team: read-only, for superusers and anyone given the
"Can view feedback" permission (not complaint handlers, who see only their own
organisations' complaints)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from feedback.models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "doing_short", "problem_short", "wants_reply")
    list_filter = ("created_at",)
    date_hierarchy = "created_at"
    fields = ("created_at", "doing", "problem", "email")
    readonly_fields = fields
    search_fields = ("doing", "problem")

    @admin.display(description=_("what they were doing"))
    def doing_short(self, obj: Feedback) -> str:
        return Truncator(obj.doing).chars(80)

    @admin.display(description=_("what went wrong"))
    def problem_short(self, obj: Feedback) -> str:
        return Truncator(obj.problem).chars(120)

    @admin.display(description=_("wants a reply"), boolean=True)
    def wants_reply(self, obj: Feedback) -> bool:
        return bool(obj.email)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
