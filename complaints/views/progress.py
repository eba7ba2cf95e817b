"""Checking a complaint's progress: the emailed one-time link, the status, and replies."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from complaints import forms, progress_forms, selectors, services, staff_file_selectors, tasks
from complaints.views.common import timeout_context
from complaints.workflow import Status
from victims_service.ratelimit import ratelimit

PROGRESS_SESSION_KEY = "complaint_progress"


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
            **timeout_context(),
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
    except (services.ActionRefused, services.InvalidInput) as error:
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
