"""Files staff add on the complaint page (the outcome letter, say), and sharing them.

A staff file is private to the organisation until a member of staff shares it, on a page
of its own that says what the complainant will see; they can stop sharing it the same
way. Every view finds the complaint through the admin's scoped queryset and the file
through `staff_file_selectors`, so another organisation's complaint or file is a 404.
Downloads go through the complaint admin's attachment view, like every other file.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from complaints import notifications, services, staff_file_selectors, uploads
from complaints.admin import display as admin_display
from complaints.forms import FILE_ERRORS, MultipleFileField
from complaints.models import Attachment, Complaint
from complaints.services import ActionRefused, InvalidInput

ACCESS_STAFF_FILE_ADDED = "added staff file"
ACCESS_STAFF_FILE_SHARED = "shared staff file with complainant"
ACCESS_STAFF_FILE_UNSHARED = "stopped sharing staff file"

SHARE = "share"
STOP_SHARING = "stop-sharing"


class StaffFileForm(forms.Form):
    """One or more files to add; cleaned, they are the checked uploads to store."""

    upload = MultipleFileField(
        label=_("Add a file, for example the outcome letter"),
        help_text=_(
            "PDF, JPG, PNG, HEIC, DOCX or TXT, smaller than 10MB each, up to 5 at a time. "
            "Only staff can see it until you share it with the complainant."
        ),
        required=False,
        error_messages=FILE_ERRORS,
    )

    def clean_upload(self) -> list[uploads.CheckedUpload]:
        files = self.cleaned_data["upload"]
        if not files:
            raise forms.ValidationError(_("Select a file to add"))
        if len(files) > services.STAFF_FILES_PER_UPLOAD:
            raise forms.ValidationError(
                _("Add %(max)s files or fewer at a time") % {"max": services.STAFF_FILES_PER_UPLOAD}
            )
        checked = []
        for upload in files:
            try:
                checked.append(
                    uploads.upload_inspect(name=upload.name, handle=upload.file, size=upload.size)
                )
            except uploads.UploadRejected as error:
                # With several files, say which one: staff chose them all at once.
                raise forms.ValidationError(
                    gettext("%(file)s: %(problem)s") % {"file": upload.name, "problem": error}
                ) from error
        return checked


class StaffFilesMixin:
    """The complaint admin's staff-file views, and what the complaint page shows of them."""

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view  # type: ignore[attr-defined]
        custom = [
            path(
                "<path:object_id>/staff-files/add/",
                wrap(self.staff_file_add_view),
                name="complaints_complaint_staff_file_add",
            ),
            path(
                "<path:object_id>/staff-files/<int:attachment_id>/<slug:change>/",
                wrap(self.staff_file_sharing_view),
                name="complaints_complaint_staff_file_sharing",
            ),
        ]
        return custom + super().get_urls()  # type: ignore[misc,no-any-return]

    def _complaint_context(self, request: HttpRequest, complaint: Complaint) -> dict[str, Any]:
        context: dict[str, Any] = super()._complaint_context(request, complaint)  # type: ignore[misc]
        can_act = self.has_triage_permission(request, complaint)  # type: ignore[attr-defined]
        context.update(
            staff_files=staff_file_selectors.staff_files_for_complaint(complaint=complaint),
            staff_file_form=StaffFileForm() if can_act else None,
            staff_files_can_share=can_act,
            staff_file_add_url=reverse(
                "admin:complaints_complaint_staff_file_add", args=[complaint.pk]
            ),
        )
        return context

    def _staff_complaint(self, request: HttpRequest, object_id: str) -> Complaint:
        """The complaint (404 unless this member of staff sees it), if they may act on it."""
        complaint: Complaint = self._complaint_or_404(request, object_id)  # type: ignore[attr-defined]
        if not self.has_triage_permission(request, complaint):  # type: ignore[attr-defined]
            raise PermissionDenied
        return complaint

    def _staff_file_done(self, request: HttpRequest, complaint: Complaint, action: str) -> None:
        services.access_log_record(user=request.user, complaint_id=complaint.pk, action=action)
        self.log_change(request, complaint, action)  # type: ignore[attr-defined]

    def _staff_page(
        self, request: HttpRequest, complaint: Complaint, template: str, status: int, **extra: Any
    ) -> TemplateResponse:
        warnings, safe = admin_display.safe_contact_notices(complaint)
        context = {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "opts": self.opts,  # type: ignore[attr-defined]
            "subtitle": None,
            "complaint": complaint,
            "safe_contact_warnings": warnings,
            "safe_contact_safe": safe,
            "support_needs": admin_display.support_needs(complaint),
            "change_url": reverse("admin:complaints_complaint_change", args=[complaint.pk]),
            **extra,
        }
        return TemplateResponse(request, template, context, status=status)

    def staff_file_add_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        complaint = self._staff_complaint(request, object_id)
        if request.method == "POST":
            form = StaffFileForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    added = services.staff_files_add(
                        complaint_id=complaint.pk,
                        actor=request.user,  # type: ignore[arg-type]
                        files=form.cleaned_data["upload"],
                    )
                except (ActionRefused, InvalidInput) as error:
                    form.add_error("upload", str(error))
                else:
                    self._staff_file_done(request, complaint, ACCESS_STAFF_FILE_ADDED)
                    self.message_user(  # type: ignore[attr-defined]
                        request,
                        gettext("%(files)s added. Only staff can see it until you share it.")
                        % {"files": ", ".join(a.original_name for a in added)},
                        messages.SUCCESS,
                    )
                    change_url = reverse("admin:complaints_complaint_change", args=[complaint.pk])
                    return HttpResponseRedirect(change_url + "#staff-files")
        else:
            form = StaffFileForm()
        return self._staff_page(
            request,
            complaint,
            "admin/complaints/complaint/staff_file_add.html",
            400 if form.errors else 200,
            title=gettext("Add a file: %(reference)s") % {"reference": complaint.reference},
            form=form,
        )

    def staff_file_sharing_view(
        self, request: HttpRequest, object_id: str, attachment_id: int, change: str
    ) -> HttpResponse:
        """Share a staff file with the complainant, or stop: a page that asks, then a POST."""
        if change not in (SHARE, STOP_SHARING):
            raise Http404
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        complaint = self._staff_complaint(request, object_id)
        attachment = staff_file_selectors.staff_file_for_user(
            user=request.user, complaint_id=complaint.pk, attachment_id=attachment_id
        )
        if attachment is None:
            raise Http404
        share = change == SHARE
        error = _sharing_refusal(attachment, share=share)
        if request.method == "POST" and not error:
            call = services.staff_file_share if share else services.staff_file_unshare
            try:
                call(complaint_id=complaint.pk, attachment_id=attachment.pk, actor=request.user)  # type: ignore[arg-type]
            except (ActionRefused, InvalidInput) as refused:
                error = str(refused)
            else:
                return self._shared_done(request, complaint, attachment, share=share)
        title = (
            gettext("Share a file with the complainant")
            if share
            else gettext("Stop sharing a file with the complainant")
        )
        return self._staff_page(
            request,
            complaint,
            "admin/complaints/complaint/staff_file_sharing.html",
            409 if error and request.method == "POST" else 200,
            title=f"{title}: {complaint.reference}",
            heading=title,
            attachment=attachment,
            share=share,
            error=error,
            can_email=notifications.complainant_can_be_emailed(complaint),
        )

    def _shared_done(
        self, request: HttpRequest, complaint: Complaint, attachment: Attachment, *, share: bool
    ) -> HttpResponse:
        self._staff_file_done(
            request, complaint, ACCESS_STAFF_FILE_SHARED if share else ACCESS_STAFF_FILE_UNSHARED
        )
        if share:
            text = gettext("%(file)s is shared: the complainant can download it.")
        else:
            text = gettext("%(file)s is no longer shared with the complainant.")
        self.message_user(  # type: ignore[attr-defined]
            request, text % {"file": attachment.original_name}, messages.SUCCESS
        )
        change_url = reverse("admin:complaints_complaint_change", args=[complaint.pk])
        return HttpResponseRedirect(change_url + "#staff-files")


def _sharing_refusal(attachment: Attachment, *, share: bool) -> str:
    """Why the file cannot be shared (or unshared) as it is now; "" when it can."""
    shared = attachment.shared_with_complainant_at is not None
    if share and shared:
        return gettext("“%(file)s” is already shared with the complainant.") % {
            "file": attachment.original_name
        }
    if not share and not shared:
        return gettext("“%(file)s” is not shared with the complainant.") % {
            "file": attachment.original_name
        }
    return ""
