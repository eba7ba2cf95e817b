"""Bulk actions on the complaint list, and the CSV export (no personal details)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from complaints import services
from complaints.admin import display as admin_display
from complaints.admin.access_log import ACCESS_CHANGED, ACCESS_EXPORTED
from complaints.services import ActionRefused, InvalidInput


class ComplaintBulkActionsMixin:
    """Actions on the selected complaints; each calls the same service as the one-off action."""

    # -- bulk actions on the changelist -------------------------------------------------

    def _bulk(self, request, queryset, label: str, call) -> None:
        done, failed = [], []
        for pk, reference in queryset.values_list("pk", "reference"):
            try:
                call(pk)
            except (ActionRefused, InvalidInput) as error:
                failed.append(f"{reference}: {error}")
            else:
                done.append(reference)
                services.access_log_record(
                    user=request.user, complaint_id=pk, action=ACCESS_CHANGED
                )
        if done:
            self.message_user(
                request,
                gettext("%(action)s – done for %(references)s.")
                % {"action": label, "references": ", ".join(done)},
                messages.SUCCESS,
            )
        for failure in failed:
            self.message_user(request, failure, messages.ERROR)

    @admin.action(description=_("Acknowledge the selected complaints"), permissions=["triage"])
    def acknowledge_selected(self, request, queryset):
        self._bulk(
            request,
            queryset,
            gettext("Acknowledge"),
            lambda pk: services.complaint_acknowledge(complaint_id=pk, actor=request.user),
        )

    @admin.action(description=_("Assign the selected complaints to me"), permissions=["triage"])
    def assign_to_me(self, request, queryset):
        self._bulk(
            request,
            queryset,
            gettext("Assign to me"),
            lambda pk: services.complaint_assign(
                complaint_id=pk, actor=request.user, assignee=request.user
            ),
        )

    @admin.action(
        description=_("Start investigating the selected complaints"), permissions=["triage"]
    )
    def start_investigation_selected(self, request, queryset):
        self._bulk(
            request,
            queryset,
            gettext("Start investigation"),
            lambda pk: services.complaint_start_investigation(complaint_id=pk, actor=request.user),
        )

    @admin.action(description=_("Export the selected complaints as CSV (no personal details)"))
    def export_csv(self, request, queryset):
        # No names, contact details or what happened: a spreadsheet travels further than
        # the admin does. The queryset is already scoped to the user's organisations.
        rows = list(queryset.select_related("organisation", "assigned_to").order_by("received_at"))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="complaints.csv"'
        response["Cache-Control"] = "no-store, private"
        admin_display.complaints_csv_write(response, rows, today=timezone.localdate())
        services.access_log_record_many(
            user=request.user, complaint_ids=[c.pk for c in rows], action=ACCESS_EXPORTED
        )
        return response
