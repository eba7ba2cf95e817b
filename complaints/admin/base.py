"""What the other admins share. Each is scoped, read-only where staff should not edit, or
limited to superusers and holders of a dedicated permission."""

from __future__ import annotations

from django.contrib import admin

from complaints import selectors


class ScopedToComplaintsMixin:
    """For an admin of a model that belongs to a complaint: only rows of visible complaints."""

    complaint_field = "complaint"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(**{f"{self.complaint_field}__in": selectors.complaints_for_user(request.user)})
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
