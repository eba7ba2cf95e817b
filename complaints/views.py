"""The public half of complaints: the journey, submitting, and checking progress.

Views are thin: a form checks what was typed, `journey.Journey` keeps it in the session,
`services` saves, `selectors` reads. Nothing personal goes into a URL or a log line.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from complaints import (
    forms,
    notifications,
    progress_forms,
    selectors,
    services,
    staff_file_selectors,
    tasks,
    uploads,
)
from complaints.journey import ABOUT_KEY, MAX_UPLOADS, STEPS_BY_SLUG, Journey, Step
from complaints.models import Attachment, Complaint
from complaints.ratelimit import ratelimit
from complaints.workflow import Status
from directory import routing

logger = logging.getLogger(__name__)

PROGRESS_SESSION_KEY = "complaint_progress"
# Set when a page of a complaint already sent is opened or posted (Back, another tab): the
# confirmation page then says the complaint was sent and its answers cannot be changed.
ALREADY_SENT_KEY = "complaint_already_sent"
WARNING_BEFORE_SECONDS = 5 * 60


def _timeout_context() -> dict:
    """What the timeout warning needs: the session lives this long after the last request."""
    return {
        "timeout_seconds": settings.SESSION_COOKIE_AGE,
        "timeout_warning_seconds": min(WARNING_BEFORE_SECONDS, settings.SESSION_COOKIE_AGE // 2),
        "timeout_minutes": settings.SESSION_COOKIE_AGE // 60,
    }


# ---------------------------------------------------------------------------------------
# Start, and the interruption page about the quick exit
# ---------------------------------------------------------------------------------------


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    about = request.GET.get("about", "")
    if about in {value for value, _label in routing.ORG_TYPE_CHOICES}:
        # Kept in the session, not passed on in URLs, until the journey begins.
        request.session[ABOUT_KEY] = about
    elif ABOUT_KEY in request.session:
        # Arriving without one (from the tool, or the start page itself): an older guidance
        # page's choice must not override the tool's more recent answers.
        del request.session[ABOUT_KEY]
    return render(request, "complaints/start.html", _timeout_context())


@require_http_methods(["GET", "POST"])
def before_you_start(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        journey = Journey(request.session)
        if not journey.exists:
            journey.start()
            # A cheap moment to delete files left by sessions that ended without submitting.
            uploads.pending_sweep()
        else:
            journey.prefill_unanswered()
        step = journey.first_incomplete() or journey.applicable()[0]
        return redirect(step.url())
    return render(request, "complaints/before_you_start.html")


# ---------------------------------------------------------------------------------------
# Question pages
# ---------------------------------------------------------------------------------------


def _step_context(journey: Journey, step: Step, form, change: bool) -> dict:
    return {
        "form": form,
        "step": step,
        "change": change,
        "back_url": journey.back_url(step, change=change),
        "uploads_here": journey.uploads(step.upload_kind) if step.upload_kind else [],
        "max_uploads": MAX_UPLOADS.get(step.upload_kind, 0),
        "time_limit": journey.time_limit() if step.slug == "late" else None,
        "date_error_parts": getattr(form, "date_error_parts", set()),
        "date_fields": [
            (form[name], width)
            for name, width in zip(forms.DecisionDateForm.PARTS, (2, 2, 4), strict=True)
        ]
        if isinstance(form, forms.DecisionDateForm)
        else [],
        "request_kind": journey.route().kind,
        "is_complaint": journey.route().is_complaint,
        "tool_answers": journey.tool_summary(step),
        **_timeout_context(),
    }


def _handle_uploads(request, journey: Journey, step: Step, form) -> bool:
    """Check and keep any files posted on an upload page; False if one was refused."""
    field = "files" if step.upload_kind == "evidence" else "permission_file"
    files = request.FILES.getlist(field)
    if not files:
        return True
    already = len(journey.uploads(step.upload_kind))
    limit = MAX_UPLOADS[step.upload_kind]
    if already + len(files) > limit:
        form.add_error(
            field,
            _("You can upload up to %(limit)s files. Remove a file to add another")
            % {"limit": limit},
        )
        return False
    uploads.pending_sweep()
    for upload in files:
        try:
            pending = uploads.pending_save(
                folder=journey.folder,
                name=upload.name,
                handle=upload,
                size=upload.size,
                kind=step.upload_kind,
            )
        except uploads.UploadRejected as error:
            # The message names the problem; it never repeats the file's name or contents.
            form.add_error(field, str(error))
            return False
        journey.add_upload(pending)
    return True


@ratelimit("journey")
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    step = STEPS_BY_SLUG.get(slug)
    if step is None:
        raise Http404
    journey = Journey(request.session)
    change = request.GET.get("change") == "1"

    if not journey.exists:
        if journey.submitted:
            # Sent already: Back from the confirmation, or a second tab's Continue. Never
            # "session timed out" or "not sent", and never a new complaint over the sent one.
            request.session[ALREADY_SENT_KEY] = True
            return redirect("complaints:confirmation")
        if request.method == "GET":
            return redirect("complaints:session_ended")
        # The session ended while this page was open. Keep what was typed on it, if it is
        # valid, in a fresh session, and explain.
        journey.start()
        form = step.form_class(request.POST, context=journey.answers)
        if form.is_valid() and not step.upload_kind:
            journey.save_step(step, form.answers())
        request.session["complaint_kept"] = True
        return redirect("complaints:session_ended")

    if journey.answered_by_tool(step):
        # A "Change" link next to an answer given in the tool: ask it here after all.
        journey.ask_again(step)
    if step not in journey.applicable():
        return redirect(journey.next_url(step))
    uploads.pending_touch(folder=journey.folder)

    if request.method == "POST":
        form = step.form_class(
            request.POST, request.FILES, initial=journey.initial_for(step), context=journey.answers
        )
        if step.upload_kind:
            action = request.POST.get("action", "continue")
            if action.startswith("remove:"):
                journey.remove_upload(action.removeprefix("remove:"))
                return redirect(step.url(change=change))
            if form.is_valid() and _handle_uploads(request, journey, step, form):
                if action == "upload":
                    return redirect(step.url(change=change))
                journey.save_step(step, {})
                return redirect(journey.next_url(step, change=change))
        elif form.is_valid():
            journey.save_step(step, form.answers())
            return redirect(journey.next_url(step, change=change))
    else:
        form = step.form_class(initial=journey.initial_for(step), context=journey.answers)
    return render(request, step.template, _step_context(journey, step, form, change))


# ---------------------------------------------------------------------------------------
# Check your answers, submit, confirmation
# ---------------------------------------------------------------------------------------


def missing_upload_message(pending: uploads.PendingUpload) -> str:
    # The row of the check-answers page where the file was listed (Journey.summary).
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
        if form.is_valid():
            try:
                # Everything that reads the database is inside the try: a failure anywhere
                # here means nothing was committed.
                result = services.complaint_submit(
                    idempotency_key=journey.idempotency_key,
                    fields=journey.complaint_fields(),
                    rights=journey.rights(),
                    attachments=journey.uploads_to_send(),
                    upload_folder=journey.folder,
                    language=get_language(),
                )
            except (OperationalError, InterfaceError):
                # Nothing was committed. Say so plainly, and keep the answers: Django does
                # not save the session on a 5xx, and the answers were saved before.
                logger.warning("Complaint not submitted: database unavailable", exc_info=True)
                return render(request, "complaints/submit_unavailable.html", status=503)
            except uploads.PendingUploadMissing as gone:
                # Nothing was stored. Take the file off the list and say so: sending again
                # without it, or after uploading it again, then works.
                logger.warning("Complaint not submitted: an unsent upload was missing")
                journey.remove_upload(gone.pending.id)
                form.add_error(None, missing_upload_message(gone.pending))
            else:
                if result.created:
                    logger.info("Complaint submitted")
                uploads.pending_discard(folder=journey.folder)
                journey.mark_submitted(reference=result.complaint.reference)
                return redirect("complaints:confirmation")
    return render(
        request,
        "complaints/check_answers.html",
        {
            "form": form,
            "cards": journey.summary(),
            # Back to the last question, as on any other page of the journey.
            "back_url": journey.applicable()[-1].url(),
            **_timeout_context(),
        },
    )


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
        {"kept": kept, "has_journey": journey.exists, **_timeout_context()},
    )


# ---------------------------------------------------------------------------------------
# A copy to print or save: before sending (from check your answers) and after
# ---------------------------------------------------------------------------------------


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
            **_timeout_context(),
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


# ---------------------------------------------------------------------------------------
# Check progress
# ---------------------------------------------------------------------------------------


@ratelimit("progress_check")
@require_http_methods(["GET", "POST"])
def progress_start(request: HttpRequest) -> HttpResponse:
    form = forms.ProgressCheckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_bot():
            return redirect("complaints:progress_sent")
        if form.is_valid():
            # The lookup runs in the worker: the same work here, and the same page, whether
            # or not the details match.
            tasks.progress_link_request.enqueue(
                reference=form.cleaned_data["reference"], email=form.cleaned_data["email"]
            )
            return redirect("complaints:progress_sent")
    return render(request, "complaints/progress_start.html", {"form": form})


@require_GET
def progress_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "complaints/progress_sent.html")


@ratelimit("progress_link")
@require_http_methods(["GET", "POST"])
def progress_link(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link. GET only shows a button: some email systems open every link in a
    message to scan it, which must not spend the person's one-time link."""
    if request.method == "POST":
        complaint_id = services.progress_link_use(token=token)
        if complaint_id is not None:
            request.session.cycle_key()
            request.session[PROGRESS_SESSION_KEY] = complaint_id
            return redirect("complaints:progress_status")
        return render(request, "complaints/progress_link_invalid.html", status=410)
    if not services.progress_link_is_valid(token=token):
        return render(request, "complaints/progress_link_invalid.html", status=410)
    return render(request, "complaints/progress_link.html")


@require_GET
def progress_status(request: HttpRequest) -> HttpResponse:
    complaint_id = request.session.get(PROGRESS_SESSION_KEY)
    view = selectors.complaint_progress(complaint_id=complaint_id) if complaint_id else None
    if view is None:
        return redirect("complaints:progress_start")
    return _progress_page(request, view)


def _progress_page(request: HttpRequest, view, reply_form=None, status: int = 200) -> HttpResponse:
    waiting = selectors.information_request_waiting(complaint_id=view.complaint.pk)
    if waiting is not None and reply_form is None:
        reply_form = progress_forms.InformationReplyForm()
    return render(
        request,
        "complaints/progress_status.html",
        {
            "view": view,
            "complaint": view.complaint,
            "status_text": STATUS_TEXT.get(view.complaint.status, ""),
            "is_closed": view.complaint.status == Status.CLOSED,
            "information_request": waiting,
            "reply_form": reply_form if waiting is not None else None,
            "replied": request.session.pop(PROGRESS_REPLIED_KEY, ""),
            "shared_files": staff_file_selectors.staff_files_shared(complaint_id=view.complaint.pk),
            **_timeout_context(),
        },
        status=status,
    )


PROGRESS_REPLIED_KEY = "complaint_progress_replied"


@ratelimit("journey")
@require_POST
def progress_reply(request: HttpRequest) -> HttpResponse:
    """The complainant answers the organisation's question: text, files or both."""
    complaint_id = request.session.get(PROGRESS_SESSION_KEY)
    view = selectors.complaint_progress(complaint_id=complaint_id) if complaint_id else None
    if view is None:
        return redirect("complaints:progress_start")
    form = progress_forms.InformationReplyForm(request.POST, request.FILES)
    waiting = selectors.information_request_waiting(complaint_id=view.complaint.pk)
    if waiting is None or str(waiting.pk) != request.POST.get("request", ""):
        # Answered already (a second tab, a second click): nothing more to store.
        if waiting is None:
            request.session[PROGRESS_REPLIED_KEY] = "already"
            return redirect("complaints:progress_status")
        form = progress_forms.InformationReplyForm()
        form.add_error(None, _("The question has changed since you opened the page. Reply again"))
        return _progress_page(request, view, form, status=409)
    if not form.is_valid():
        return _progress_page(request, view, form, status=400)
    try:
        services.information_request_reply(
            complaint_id=view.complaint.pk,
            request_id=waiting.pk,
            text=form.cleaned_data["reply"],
            files=form.cleaned_data["files"],
        )
    except services.TransitionError as error:
        form.add_error(None, str(error))
        return _progress_page(request, view, form, status=409)
    request.session[PROGRESS_REPLIED_KEY] = "sent"
    return redirect("complaints:progress_status")


@require_POST
def progress_finish(request: HttpRequest) -> HttpResponse:
    request.session.pop(PROGRESS_SESSION_KEY, None)
    return redirect(reverse("complaints:progress_start"))


STATUS_TEXT = {
    Status.RECEIVED: _(
        "We have your complaint. The organisation has not yet told us it has started on it."
    ),
    Status.ACKNOWLEDGED: _("The organisation has your complaint and is working on it."),
    Status.UNDER_INVESTIGATION: _("The organisation is looking into your complaint."),
    Status.RESPONSE_SENT: _(
        "The organisation has sent you its response. If you have not received it, contact them."
    ),
    Status.CLOSED: _("The organisation has finished dealing with your complaint."),
    Status.TRANSFERRED: _(
        "Your complaint has been passed to the organisation that can deal with it."
    ),
    Status.WITHDRAWN: _("Your complaint has been withdrawn."),
    Status.ESCALATED: _("Your complaint has gone to the next organisation for review."),
    Status.REOPENED: _("The organisation is looking at your complaint again."),
    Status.MERGED: _("Your complaint has been merged with another complaint about the same thing."),
}
