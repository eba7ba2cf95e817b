"""The outbox admin: so staff can see and retry an email that failed, for their organisations."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from complaints import selectors, services
from complaints.admin.base import ReadOnlyAdmin


class OutboundEmailAdmin(ReadOnlyAdmin):
    """So staff can see an email that failed after its retries, for their organisations."""

    list_display = ("created_at", "kind", "complaint", "state", "attempts", "last_error")
    list_filter = ("state", "kind")
    list_select_related = ("complaint",)
    search_fields = ("=complaint__reference",)
    fields = (
        "created_at",
        "kind",
        "complaint",
        "organisation",
        "to_address",
        "subject",
        "state",
        "attempts",
        "last_error",
        "next_attempt_at",
        "sent_at",
    )

    actions = ("retry_selected",)

    def get_queryset(self, request):
        # Emails about a complaint the user can see, or to their organisation's inbox.
        return super().get_queryset(request) & selectors.emails_for_user(request.user)

    @admin.action(
        description=_("Try sending the selected failed emails again"), permissions=["view"]
    )
    def retry_selected(self, request, queryset):
        queued = services.email_retry(
            email_ids=list(queryset.values_list("pk", flat=True)), actor=request.user
        )
        skipped = queryset.count() - queued
        if queued:
            self.message_user(
                request,
                ngettext(
                    "%(count)d email will be sent again.",
                    "%(count)d emails will be sent again.",
                    queued,
                )
                % {"count": queued},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d email was not failed, so it was left alone.",
                    "%(count)d emails were not failed, so they were left alone.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
