"""The access log admin, and the words the access log records."""

from __future__ import annotations

from complaints.admin.base import ReadOnlyAdmin, ScopedToComplaintsMixin
from complaints.models import AccessLog

# What the access log records. Plain words: auditors read these.
ACCESS_VIEWED = "viewed"
ACCESS_VIEWED_HISTORY = "viewed history"
ACCESS_CHANGED = "changed"
ACCESS_NOTE = "added internal note"
ACCESS_DOWNLOADED = "downloaded attachment"
ACCESS_EXPORTED = "exported"


class AccessLogAdmin(ScopedToComplaintsMixin, ReadOnlyAdmin):
    """Who looked at what. Needs complaints.view_accesslog (auditors), scoped like the rest."""

    list_display = ("at", "user", "complaint", "staff_member", "action")
    list_filter = ("action",)
    list_select_related = ("user", "complaint", "staff_member")
    search_fields = ("=complaint__reference", "user__username", "staff_member__username")
    date_hierarchy = "at"

    def get_queryset(self, request):
        scoped = super().get_queryset(request)
        if request.user.is_superuser:
            # Entries about staff sign-in (set-up links, authenticator apps) have no
            # complaint; only superusers, who manage staff accounts, see them.
            return scoped | AccessLog.objects.filter(complaint__isnull=True)
        return scoped
