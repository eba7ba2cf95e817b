"""Merging a duplicate into another complaint, from the duplicate's complaint page.

Two steps, both without JavaScript: staff type the reference of the complaint to keep and
see both complaints side by side; then they confirm. The service checks everything again
under row locks, so a page left open cannot merge what has changed since.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext

from complaints import merge_selectors, selectors, services, workflow
from complaints.admin import forms as admin_forms
from complaints.admin.access_log import ACCESS_CHANGED
from complaints.models import Complaint
from complaints.workflow import Status

MERGE_LABEL = "Merge into another complaint"


class ComplaintMergeMixin:
    """The merge page, and what the complaint page shows about merged complaints."""

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/merge/",
                wrap(self.merge_view),
                name="complaints_complaint_merge",
            ),
            *super().get_urls(),
        ]

    def _can_merge(self, request: HttpRequest, complaint: Complaint) -> bool:
        return self.has_triage_permission(request, complaint) and workflow.can_transition(
            complaint.status, Status.MERGED
        )

    def _complaint_context(self, request: HttpRequest, complaint: Complaint) -> dict[str, Any]:
        context = super()._complaint_context(request, complaint)
        kept = None
        if complaint.merged_into_id is not None:
            kept = (
                selectors.complaints_for_user(request.user)
                .filter(pk=complaint.merged_into_id)
                .only("pk", "reference")
                .first()
            )
        context.update(
            merge_url=reverse("admin:complaints_complaint_merge", args=[complaint.pk])
            if self._can_merge(request, complaint)
            else None,
            merge_label=gettext(MERGE_LABEL),
            merged_into=kept,
            merged_duplicates=merge_selectors.merged_duplicates_for(
                complaint=complaint, user=request.user
            ),
        )
        return context

    def merge_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        complaint = self._complaint_or_404(request, object_id)
        if not self.has_triage_permission(request, complaint):
            raise PermissionDenied
        change_url = reverse("admin:complaints_complaint_change", args=[complaint.pk])
        form = admin_forms.MergeForm(request.POST or None)
        target = None
        if request.method == "POST" and form.is_valid():
            reference = form.cleaned_data["reference"]
            if request.POST.get("confirm") == "yes":
                return self._merge_confirmed(request, complaint, form) or self._merge_page(
                    request, complaint, form, None, change_url
                )
            target = merge_selectors.merge_target_find(reference=reference)
            refusal = merge_selectors.merge_refusal(
                duplicate=complaint, target=target, reference=reference, actor=request.user
            )
            if refusal is not None:
                form.add_error(refusal.field, refusal.message)
                target = None
        elif not workflow.can_transition(complaint.status, Status.MERGED):
            refusal = merge_selectors.merge_refusal(
                duplicate=complaint, target=None, reference="", actor=request.user
            )
            self.message_user(request, refusal.message if refusal else "", messages.ERROR)
            return HttpResponseRedirect(change_url)
        return self._merge_page(request, complaint, form, target, change_url)

    def _merge_confirmed(
        self, request: HttpRequest, complaint: Complaint, form: admin_forms.MergeForm
    ) -> HttpResponse | None:
        """Merge, and go to the complaint that carries on; None (with the error on the form)
        when the service refuses."""
        try:
            services.complaint_merge(
                complaint_id=complaint.pk,
                into_reference=form.cleaned_data["reference"],
                actor=request.user,
            )
        except services.MergeError as error:
            form.add_error(error.field, str(error))
            return None
        complaint.refresh_from_db()
        kept = complaint.merged_into
        for pk in (complaint.pk, kept.pk):
            services.access_log_record(user=request.user, complaint_id=pk, action=ACCESS_CHANGED)
        self.log_change(request, complaint, f"Merged into {kept.reference}")
        self.message_user(
            request,
            gettext("%(duplicate)s merged into %(kept)s.")
            % {"duplicate": complaint.reference, "kept": kept.reference},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:complaints_complaint_change", args=[kept.pk]) + "#merged"
        )

    def _merge_page(
        self,
        request: HttpRequest,
        complaint: Complaint,
        form: admin_forms.MergeForm,
        target: Complaint | None,
        change_url: str,
    ) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{gettext(MERGE_LABEL)}: {complaint.reference}",
            "subtitle": None,
            "complaint": complaint,
            "form": form,
            "target": target,
            "merge_label": gettext(MERGE_LABEL),
            "merge_url": reverse("admin:complaints_complaint_merge", args=[complaint.pk]),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/complaints/complaint/merge.html", context)
