"""Record a complaint received by phone, letter or in person (assisted digital).

A complaint handler asks the public journey's questions (the same step forms, on one
page: `complaints.journey.recorded`), checks the answers with the person, and sends it
through `services.complaint_submit` like any other, marked with how it came in and who
recorded it. Routing decides where it goes, even to another organisation: staff cannot
choose, and the confirmation says where it went and gives the reference to pass on.
Staff pages are in English only, so nothing here is translated.
"""

from __future__ import annotations

import logging
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from complaints import selectors, services
from complaints.journey.recorded import RecordedJourney, recording_page, recording_post
from complaints.models import Channel, Complaint

logger = logging.getLogger(__name__)

# The last complaint this member of staff recorded: what the confirmation page shows.
RECORDED_SENT_KEY = "complaint_recorded_sent"
CHANNEL_WORDS = {
    Channel.PHONE: "a phone call",
    Channel.LETTER: "a letter",
    Channel.IN_PERSON: "a visit in person",
}


NOT_RECORDED = "The complaint has not been recorded: the database is unavailable. Try again."


class CheckedWithThemForm(forms.Form):
    checked = forms.BooleanField(
        label="I have read these answers back to the person, or checked them against their letter",
        error_messages={"required": "Confirm that you have checked the answers with the person"},
    )


class AssistedDigitalMixin:
    """The complaint admin's "Record a complaint received by phone or letter" pages."""

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view  # type: ignore[attr-defined]
        custom = [
            path("record/", wrap(self.record_view), name="complaints_complaint_record"),
            path(
                "record/check/",
                wrap(self.record_check_view),
                name="complaints_complaint_record_check",
            ),
            path(
                "record/sent/", wrap(self.record_sent_view), name="complaints_complaint_record_sent"
            ),
            path(
                "record/cancel/",
                wrap(self.record_cancel_view),
                name="complaints_complaint_record_cancel",
            ),
        ]
        return custom + super().get_urls()  # type: ignore[misc,no-any-return]

    def has_record_permission(self, request: HttpRequest) -> bool:
        """Complaint handlers (and superusers) record complaints; nobody else."""
        return bool(request.user.has_perm("complaints.change_complaint"))

    def _recording(self, request: HttpRequest) -> RecordedJourney:
        if not self.has_record_permission(request):
            raise PermissionDenied
        return RecordedJourney(request.session)

    def _record_context(self, request: HttpRequest, title: str, **extra: Any) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "opts": self.opts,  # type: ignore[attr-defined]
            "title": title,
            "subtitle": None,
            "record_url": reverse("admin:complaints_complaint_record"),
            "cancel_url": reverse("admin:complaints_complaint_record_cancel"),
            **extra,
        }

    def record_view(self, request: HttpRequest) -> HttpResponse:
        """Every question that applies, on one page, until all are answered."""
        journey = self._recording(request)
        if not journey.exists:
            journey.start()
        if request.method == "POST":
            page = recording_post(journey, request.POST)
            if not page.has_errors and journey.complete:
                return HttpResponseRedirect(reverse("admin:complaints_complaint_record_check"))
        else:
            page = recording_page(journey)
        context = self._record_context(
            request,
            "Record a complaint received by phone or letter",
            page=page,
            time_limit=journey.time_limit(),
        )
        return TemplateResponse(request, "admin/complaints/complaint/record.html", context)

    def record_check_view(self, request: HttpRequest) -> HttpResponse:
        """Check the answers with the person, then send the complaint where routing says."""
        journey = self._recording(request)
        if not journey.exists:
            sent = request.session.get(RECORDED_SENT_KEY)
            # A second click on "Send": the complaint was recorded once.
            name = "record_sent" if sent and request.method == "POST" else "record"
            return HttpResponseRedirect(reverse(f"admin:complaints_complaint_{name}"))
        if not journey.complete:
            return HttpResponseRedirect(reverse("admin:complaints_complaint_record"))
        form = CheckedWithThemForm(request.POST if request.method == "POST" else None)
        error = ""
        if request.method == "POST" and form.is_valid():
            try:
                complaint = self._record_send(request, journey)
            except (OperationalError, InterfaceError):
                logger.warning("Recorded complaint not sent: database unavailable", exc_info=True)
                error = (
                    "The complaint has not been recorded: the database is unavailable. Try again."
                )
            else:
                self._remember_sent(request, complaint)
                journey.end()
                return HttpResponseRedirect(reverse("admin:complaints_complaint_record_sent"))
        answers = journey.answers
        context = self._record_context(
            request,
            "Check the answers before you record the complaint",
            cards=journey.summary(),
            how=journey.how,
            channel_label=Channel(journey.how["channel"]).label,
            form=form,
            error_links=[(form["checked"].id_for_label, e) for e in form.errors.get("checked", [])],
            send_error=error,
            destination=selectors.complaint_route_preview(
                org_type=answers.get("org_type", ""),
                subject=answers.get("subject", ""),
                organisation_id=answers.get("organisation_id"),
            ),
        )
        return TemplateResponse(request, "admin/complaints/complaint/record_check.html", context)

    def _record_send(self, request: HttpRequest, journey: RecordedJourney) -> Complaint:
        result = services.complaint_submit(
            idempotency_key=journey.idempotency_key,
            fields=journey.complaint_fields(),
            rights=journey.rights(),
            language=journey.how["service_language"],
            channel=journey.how["channel"],
            recorded_by=request.user,  # type: ignore[arg-type]
        )
        if result.created:
            logger.info("Complaint recorded by staff")
            self.log_addition(  # type: ignore[attr-defined]
                request,
                result.complaint,
                f"Recorded from {CHANNEL_WORDS[result.complaint.channel]}",
            )
        return result.complaint

    def _remember_sent(self, request: HttpRequest, complaint: Complaint) -> None:
        visible = selectors.complaints_for_user(request.user).filter(pk=complaint.pk).exists()
        request.session[RECORDED_SENT_KEY] = {
            "reference": complaint.reference,
            "organisation": complaint.organisation.name,
            "complaint_id": complaint.pk if visible else None,
            "emailed": bool(complaint.safe_by_email and complaint.email),
            "channel": complaint.channel,
        }

    def record_sent_view(self, request: HttpRequest) -> HttpResponse:
        """The reference to give the person, and where the complaint went."""
        if not self.has_record_permission(request):
            raise PermissionDenied
        sent = request.session.get(RECORDED_SENT_KEY)
        if not sent:
            return HttpResponseRedirect(reverse("admin:complaints_complaint_record"))
        complaint_url = (
            reverse("admin:complaints_complaint_change", args=[sent["complaint_id"]])
            if sent["complaint_id"]
            else ""
        )
        context = self._record_context(
            request,
            "Complaint recorded",
            sent=sent,
            channel_words=CHANNEL_WORDS.get(sent["channel"], "a phone call"),
            complaint_url=complaint_url,
        )
        return TemplateResponse(request, "admin/complaints/complaint/record_sent.html", context)

    def record_cancel_view(self, request: HttpRequest) -> HttpResponse:
        """Delete the answers of a recording not yet sent."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        self._recording(request).end()
        return HttpResponseRedirect(reverse("admin:complaints_complaint_changelist"))

    def changelist_view(self, request, extra_context=None):  # type: ignore[no-untyped-def]
        extra_context = {
            **(extra_context or {}),
            "record_url": reverse("admin:complaints_complaint_record")
            if self.has_record_permission(request)
            else "",
        }
        return super().changelist_view(request, extra_context)  # type: ignore[misc]
