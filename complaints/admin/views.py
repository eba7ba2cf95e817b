"""The complaint admin's custom views: the change page, actions, notes, downloads, dashboard.

Every view finds the complaint through the admin's scoped queryset, so a complaint of
another organisation is a 404, and records what the member of staff did in the access log.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext

from complaints import selectors, services, uploads, workflow
from complaints.admin import actions as admin_actions
from complaints.admin import dashboard_view as admin_dashboard
from complaints.admin import display as admin_display
from complaints.admin import forms as admin_forms
from complaints.admin.access_log import (
    ACCESS_CHANGED,
    ACCESS_DOWNLOADED,
    ACCESS_NOTE,
    ACCESS_VIEWED,
    ACCESS_VIEWED_HISTORY,
)
from complaints.models import Attachment, Complaint, OutboundEmail
from complaints.services import ActionRefused, InvalidInput
from victims_service.staff_security import row_id_or_404


class ComplaintViewsMixin:
    """Custom views of the complaint admin. Nothing on the change page is edited in place."""

    # -- views ----------------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        custom = [
            path("dashboard/", wrap(self.dashboard_view), name="complaints_complaint_dashboard"),
            path(
                "dashboard/export/",
                wrap(self.dashboard_export_view),
                name="complaints_complaint_dashboard_export",
            ),
            path(
                "<path:object_id>/act/<slug:action>/",
                wrap(self.action_view),
                name="complaints_complaint_act",
            ),
            path(
                "<path:object_id>/notes/add/",
                wrap(self.note_add_view),
                name="complaints_complaint_note_add",
            ),
            path(
                "<path:object_id>/attachments/<int:attachment_id>/",
                wrap(self.attachment_view),
                name="complaints_complaint_attachment",
            ),
        ]
        return custom + super().get_urls()

    def _complaint_or_404(self, request, object_id) -> Complaint:
        complaint = self.get_object(request, unquote(object_id))
        if complaint is None or not self.has_view_permission(request, complaint):
            raise Http404
        return complaint

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            # Nothing on the page is editable; changes go through the actions.
            raise PermissionDenied
        return super().changeform_view(request, object_id, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        complaint = self.get_object(request, unquote(object_id))
        extra_context = extra_context or {}
        if complaint is not None and self.has_view_permission(request, complaint):
            if request.method == "GET":
                services.access_log_record(
                    user=request.user, complaint_id=complaint.pk, action=ACCESS_VIEWED
                )
            extra_context.update(self._complaint_context(request, complaint))
            # Nothing is edited here: the title names the complaint, not "Change complaint".
            extra_context["title"] = gettext("Complaint %(reference)s") % {
                "reference": complaint.reference
            }
        extra_context.update(
            show_save=False,
            show_save_and_continue=False,
            show_save_and_add_another=False,
            show_delete=False,
        )
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        complaint = self.get_object(request, unquote(object_id))
        if complaint is not None and self.has_view_permission(request, complaint):
            services.access_log_record(
                user=request.user, complaint_id=complaint.pk, action=ACCESS_VIEWED_HISTORY
            )
        return super().history_view(request, object_id, extra_context)

    def _complaint_context(self, request, complaint: Complaint) -> dict:
        warnings, safe = admin_display.safe_contact_notices(complaint)
        can_act = self.has_triage_permission(request, complaint)
        return {
            "complaint": complaint,
            "safe_contact_warnings": warnings,
            "safe_contact_safe": safe,
            "support_needs": admin_display.support_needs(complaint),
            "triage_actions": [
                (action, reverse("admin:complaints_complaint_act", args=[complaint.pk, slug]))
                for slug, action in admin_actions.ACTIONS.items()
                if can_act and action.available(complaint)
            ],
            "can_assign_to_me": can_act
            and complaint.status in workflow.OPEN_STATUSES
            and complaint.assigned_to_id != request.user.pk
            and complaint.organisation_id in selectors.organisation_ids_for_user(request.user),
            "note_form": admin_forms.InternalNoteForm()
            if request.user.has_perm("complaints.add_internalnote")
            else None,
            "note_add_url": reverse("admin:complaints_complaint_note_add", args=[complaint.pk]),
            "information_requests": selectors.information_requests_for_complaint(
                complaint=complaint
            ),
            "timeline": selectors.complaint_timeline(complaint=complaint),
            # Shown as text (autoescaped), never as HTML: wording staff copy into a reply.
            "response_templates": list(
                selectors.response_templates_for_user(request.user).filter(
                    organisation=complaint.organisation
                )
            ),
            "assign_url": reverse("admin:complaints_complaint_act", args=[complaint.pk, "assign"]),
            # An email the complainant never got: staff must reach them another safe way.
            "failed_emails": list(
                selectors.emails_failed_for_user(request.user).filter(complaint=complaint)
            ),
        }

    def action_view(self, request: HttpRequest, object_id: str, action: str) -> HttpResponse:
        complaint = self._complaint_or_404(request, object_id)
        spec = admin_actions.ACTIONS.get(action)
        if spec is None:
            raise Http404
        if not self.has_triage_permission(request, complaint):
            raise PermissionDenied
        change_url = reverse("admin:complaints_complaint_change", args=[complaint.pk])
        if request.method == "POST" and spec.slug == "assign" and "assign_to_me" in request.POST:
            # The one-click "assign to me" button on the change page. Only for assigning:
            # every other action's form must check its own fields.
            data = {"assignee": request.user}
            form = None
        else:
            # A transfer finds its organisation by a search sent by GET (no JavaScript).
            search = {"search": request.GET} if spec.slug == "transfer" else {}
            form = spec.form(request.POST or None, complaint=complaint, **search)
            data = form.cleaned_data if request.method == "POST" and form.is_valid() else None
        if data is not None:
            try:
                spec.run(complaint=complaint, actor=request.user, data=data)
            except (ActionRefused, InvalidInput) as error:
                if form is None:
                    self.message_user(request, str(error), messages.ERROR)
                    return HttpResponseRedirect(change_url)
                form.add_error(None, str(error))
            else:
                services.access_log_record(
                    user=request.user, complaint_id=complaint.pk, action=ACCESS_CHANGED
                )
                self.log_change(request, complaint, str(spec.label))
                self.message_user(
                    request,
                    gettext("%(reference)s: %(action)s – done.")
                    % {"reference": complaint.reference, "action": spec.label},
                    messages.SUCCESS,
                )
                # After a transfer the complaint is usually no longer ours to see.
                if (
                    spec.slug == "transfer"
                    and not self.get_queryset(request).filter(pk=complaint.pk).exists()
                ):
                    return HttpResponseRedirect(reverse("admin:complaints_complaint_changelist"))
                return HttpResponseRedirect(change_url)
        warnings, safe = admin_display.safe_contact_notices(complaint)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{spec.label}: {complaint.reference}",
            "subtitle": None,
            "complaint": complaint,
            "action": spec,
            "form": form,
            "safe_contact_warnings": warnings,
            "safe_contact_safe": safe,
            "support_needs": admin_display.support_needs(complaint),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/complaints/complaint/action.html", context)

    def note_add_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        complaint = self._complaint_or_404(request, object_id)
        if not request.user.has_perm("complaints.add_internalnote"):
            raise PermissionDenied
        form = admin_forms.InternalNoteForm(request.POST)
        change_url = reverse("admin:complaints_complaint_change", args=[complaint.pk])
        if form.is_valid():
            services.note_add(
                complaint_id=complaint.pk, author=request.user, text=form.cleaned_data["text"]
            )
            services.access_log_record(
                user=request.user, complaint_id=complaint.pk, action=ACCESS_NOTE
            )
            self.message_user(request, gettext("Note added."), messages.SUCCESS)
        else:
            self.message_user(request, form.errors["text"][0], messages.ERROR)
        return HttpResponseRedirect(change_url + "#notes")

    def attachment_view(self, request: HttpRequest, object_id: str, attachment_id: int):
        complaint_id = row_id_or_404(Complaint, unquote(object_id))
        attachment_id = row_id_or_404(Attachment, attachment_id)
        if not self.has_view_permission(request):
            raise PermissionDenied
        attachment = selectors.attachment_for_user(
            user=request.user, complaint_id=complaint_id, attachment_id=attachment_id
        )
        if attachment is None:
            raise Http404
        try:
            handle = uploads.attachment_open(attachment=attachment)
        except (FileNotFoundError, ValueError):
            # Missing from storage (or anonymised since): nothing to give.
            raise Http404 from None
        services.access_log_record(
            user=request.user, complaint_id=complaint_id, action=ACCESS_DOWNLOADED
        )
        # Always a download, never shown in the browser: a file from the public is untrusted.
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.original_name,
            content_type="application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store, private"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response

    def dashboard_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            **admin_dashboard.page_context(request),
            "opts": self.opts,
            "title": gettext("Triage dashboard"),
            "subtitle": None,
            "organisations": selectors.organisations_for_user(request.user)
            if not request.user.is_superuser
            else None,
            "failed_email_count": selectors.emails_failed_for_user(request.user).count(),
            "failed_emails_url": reverse("admin:complaints_outboundemail_changelist")
            + f"?state__exact={OutboundEmail.State.FAILED}",
        }
        return TemplateResponse(request, "admin/complaints/dashboard.html", context)

    def dashboard_export_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return admin_dashboard.export_response(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "dashboard_url": reverse("admin:complaints_complaint_dashboard"),
        }
        return super().changelist_view(request, extra_context)
