"""Making a complaint: the start page, the page before it, and the question pages.

A form checks what was typed, `journey.Journey` keeps it in the session. Nothing personal
goes into a URL or a log line.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from complaints import forms, uploads
from complaints.journey import ABOUT_KEY, MAX_UPLOADS, STEPS_BY_SLUG, Journey, Step
from complaints.views.common import ALREADY_SENT_KEY, timeout_context
from directory import routing
from victims_service.ratelimit import ratelimit


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    about = request.GET.get("about", "")
    if routing.is_org_type(about):
        # Kept in the session, not passed on in URLs, until the journey begins.
        request.session[ABOUT_KEY] = about
    elif ABOUT_KEY in request.session:
        # Arriving without one (from the tool, or the start page itself): an older guidance
        # page's choice must not override the tool's more recent answers.
        del request.session[ABOUT_KEY]
    return render(request, "complaints/start.html", timeout_context())


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
        **timeout_context(),
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
        return _no_journey(request, journey, step)

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
        post = _upload_post if step.upload_kind else _answer_post
        if (done := post(request, journey, step, form, change)) is not None:
            return done
    else:
        form = step.form_class(initial=journey.initial_for(step), context=journey.answers)
    return render(request, step.template, _step_context(journey, step, form, change))


def _no_journey(request: HttpRequest, journey: Journey, step: Step) -> HttpResponse:
    """A question page opened or posted without a complaint in the session."""
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


def _answer_post(
    request: HttpRequest, journey: Journey, step: Step, form: forms.JourneyForm, change: bool
) -> HttpResponse | None:
    """Save a question page's answers and go on; None to show the page with its errors."""
    if not form.is_valid():
        return None
    journey.save_step(step, form.answers())
    return redirect(journey.next_url(step, change=change))


def _upload_post(
    request: HttpRequest, journey: Journey, step: Step, form: forms.JourneyForm, change: bool
) -> HttpResponse | None:
    """Remove a file, upload one, or go on; None to show the page with its errors."""
    action = request.POST.get("action", "continue")
    if action.startswith("remove:"):
        journey.remove_upload(action.removeprefix("remove:"))
        return redirect(step.url(change=change))
    if not (form.is_valid() and _handle_uploads(request, journey, step, form)):
        return None
    if action == "upload":
        return redirect(step.url(change=change))
    journey.save_step(step, {})
    return redirect(journey.next_url(step, change=change))
