"""Read-only inlines on the complaint page: its history, attachments and notes."""

from __future__ import annotations

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from complaints.models import Attachment, InternalNote, StatusChange


class ReadOnlyInline(admin.TabularInline):
    template = "admin/complaints/readonly_inline.html"
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Anyone who may see the complaint may see these (the queryset is the complaint's).
        return request.user.has_perm("complaints.view_complaint")

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    verbose_name = _("history entry")
    verbose_name_plural = _("History (oldest first; it cannot be edited)")
    fields = (
        "created_at",
        "actor",
        "from_status",
        "to_status",
        "organisation",
        "note",
        "visible_to_complainant",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "organisation")


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    verbose_name_plural = _("Files the complainant sent")
    fields = ("download", "kind", "size_display", "uploaded_at")

    def get_queryset(self, request):
        # Files staff added have their own section (admin/staff_files.py).
        return super().get_queryset(request).exclude(kind=Attachment.Kind.STAFF)

    @admin.display(description=_("file"))
    def download(self, obj: Attachment):
        url = reverse("admin:complaints_complaint_attachment", args=[obj.complaint_id, obj.pk])
        return format_html(
            '<a href="{}" download>{}</a> <span class="app-triage-muted">({})</span>',
            url,
            obj.original_name,
            gettext("download"),
        )

    @admin.display(description=_("size"))
    def size_display(self, obj: Attachment):
        return filesizeformat(obj.size)


class InternalNoteInline(ReadOnlyInline):
    model = InternalNote
    verbose_name_plural = _("Internal notes (staff only)")
    fields = ("created_at", "author", "text")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")
