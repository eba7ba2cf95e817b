"""Check your answers, sending, the confirmation, and a copy of the answers to keep.

`services.complaint_submit` saves; everything here reads the session's `Journey`.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from complaints import forms, notifications, selectors, services, uploads
from complaints.journey import Journey
from complaints.models import Attachment, Complaint
from complaints.views.common import ALREADY_SENT_KEY, timeout_context
from victims_service.ratelimit import ratelimit

# The name these lines have always been logged under.
logger = logging.getLogger("complaints.views")


def missing_upload_message(pending: uploads.PendingUpload) -> str:
    # The check-answers row where the file was listed (PermissionFileForm, EvidenceForm).
    row = _("Written permission") if pending.kind == Attachment.Kind.PERMISSION else _("Evidence")
    return _(
        "We could not keep the file ‘%(name)s’ you uploaded. To send it, choose ‘Change’ "
        "next to %(row)s and upload it again. Or send your complaint without it."
    ) % {"name": pending.name, "row": row}


@ratelimit("submit")
@require_http_methods(["GET", "POST"])
def check_answers(request: HttpRequest) -> HttpResponse:
    journey = Journey(request.session)
    if not journey.exists:
        if journey.submitted:
            # A refresh, a double click or a resent POST after the complaint was stored.
            return redirect("complaints:confirmation")
        return redirect("complaints:session_ended")
    missing = journey.first_incomplete()
    if missing is not None:
        return redirect(missing.url())
    uploads.pending_touch(folder=journey.folder)

    form = forms.DeclarationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_bot():
            logger.info("Complaint submission refused: honeypot field filled")
            return render(request, "errors/400.html", status=400)
        if form.is_valid() and (sent := _send(request, journey, form)) is not None:
            return sent
    return render(
        request,
        "complaints/check_answers.html",
        {
            "form": form,
            "cards": journey.summary(),
            # Back to the last question, as on any other page of the journey.
            "back_url": journey.applicable()[-1].url(),
            **timeout_context(),
        },
    )


def _send(
    request: HttpRequest, journey: Journey, form: forms.DeclarationForm
) -> HttpResponse | None:
    """Send the complaint; None (with the form's error) when a file has to be uploaded again."""
    try:
        # Everything that reads the database is inside the try: a failure anywhere here
        # means nothing was committed.
        result = services.complaint_submit(
            idempotency_key=journey.idempotency_key,
            fields=journey.complaint_fields(),
            rights=journey.rights(),
            attachments=journey.uploads_to_send(),
            upload_folder=journey.folder,
            language=get_language(),
        )
    except (OperationalError, InterfaceError):
        # Nothing was committed. Say so plainly, and keep the answers: Django does not
        # save the session on a 5xx, and the answers were saved before.
        logger.warning("Complaint not submitted: database unavailable", exc_info=True)
        return render(request, "complaints/submit_unavailable.html", status=503)
    except uploads.PendingUploadMissing as gone:
        # Nothing was stored. Take the file off the list and say so: sending again
        # without it, or after uploading it again, then works.
        logger.warning("Complaint not submitted: an unsent upload was missing")
        journey.remove_upload(gone.pending.id)
        form.add_error(None, missing_upload_message(gone.pending))
        return None
    if result.created:
        logger.info("Complaint submitted")
    uploads.pending_discard(folder=journey.folder)
    journey.mark_submitted(reference=result.complaint.reference)
    return redirect("complaints:confirmation")


def _sent_complaint(journey: Journey) -> Complaint | None:
    """The complaint this session sent, if it is still there."""
    submitted = journey.submitted
    if not submitted:
        return None
    return selectors.complaint_for_confirmation(
        reference=submitted["reference"], idempotency_key=submitted["key"]
    )


@require_GET
def confirmation(request: HttpRequest) -> HttpResponse:
    journey = Journey(request.session)
    complaint = _sent_complaint(journey)
    if complaint is None:
        return redirect("complaints:start")
    return render(
        request,
        "complaints/confirmation.html",
        {
            "complaint": complaint,
            "already_sent": request.session.pop(ALREADY_SENT_KEY, False),
            "has_copy": bool(journey.submitted.get("copy")),
            **notifications.received_context(complaint),
        },
    )


@require_GET
def session_ended(request: HttpRequest) -> HttpResponse:
    kept = request.session.pop("complaint_kept", False)
    journey = Journey(request.session)
    if not kept and not journey.exists and journey.submitted:
        # Nothing was deleted unsent: the complaint was sent. Say that instead.
        return redirect("complaints:confirmation")
    return render(
        request,
        "complaints/session_ended.html",
        {"kept": kept, "has_journey": journey.exists, **timeout_context()},
    )


@require_GET
def answers_copy(request: HttpRequest) -> HttpResponse:
    """Every answer so far, to print or save as a PDF, before the complaint is sent."""
    journey = Journey(request.session)
    if not journey.exists:
        if journey.submitted:
            return redirect("complaints:sent_copy")
        return redirect("complaints:session_ended")
    missing = journey.first_incomplete()
    if missing is not None:
        return redirect(missing.url())
    a = journey.answers
    organisation = selectors.complaint_route_preview(
        org_type=a.get("org_type", ""),
        subject=a.get("subject", ""),
        organisation_id=a.get("organisation_id"),
    )
    return render(
        request,
        "complaints/copy.html",
        {
            "cards": journey.summary(),
            "organisation": organisation,
            "back_url": reverse("complaints:check_answers"),
            **timeout_context(),
        },
    )


@require_GET
def sent_copy(request: HttpRequest) -> HttpResponse:
    """The complaint as sent, with its reference and what happens next."""
    journey = Journey(request.session)
    complaint = _sent_complaint(journey)
    if complaint is None or not journey.submitted.get("copy"):
        return redirect("complaints:confirmation" if complaint else "complaints:start")
    return render(
        request,
        "complaints/copy.html",
        {
            "cards": journey.submitted["copy"],
            "complaint": complaint,
            "back_url": reverse("complaints:confirmation"),
            **notifications.received_context(complaint),
        },
    )


@never_cache
@require_GET
def keep_alive(request: HttpRequest) -> HttpResponse:
    """Called by the timeout warning's "Continue" button. The request itself extends the
    session (SESSION_SAVE_EVERY_REQUEST); unsent uploads are marked as still in use."""
    journey = Journey(request.session)
    if journey.exists:
        uploads.pending_touch(folder=journey.folder)
    return HttpResponse(status=204)


@require_POST
def delete_answers(request: HttpRequest) -> HttpResponse:
    """Delete my answers now (from the timeout warning or the session-ended page)."""
    journey = Journey(request.session)
    journey.end()
    # After sending (a stale tab's warning), the copy of the answers goes too.
    journey.forget_copy()
    return redirect("complaints:session_ended")
