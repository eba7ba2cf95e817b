"""Requests for information: staff ask, the complainant answers on the progress page.

The response clock pauses while a request waits: the complaint has no response deadline,
so it is never overdue or due soon meanwhile, and the request holds the date. The reply
sets it again, moved on by the working days it waited, as does the complaint leaving the
open statuses or changing hands first (`services.base._response_clock_resume`). Each step
is a row in the complaint's history.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import notifications, selectors, uploads, workflow
from complaints.dashboard_months import dashboard_months_mark_complaint
from complaints.models import (
    QUESTION_WAITING,
    Attachment,
    Complaint,
    InformationRequest,
    InternalNote,
    ResponseTemplate,
)
from complaints.services.base import (
    ActionRefused,
    InvalidInput,
    _complaint_lock,
    _history_note,
    _question_waited,
)
from victims_service import dates

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# After this many working days without a reply: a reminder and a note for staff.
INFORMATION_CHASE_WORKING_DAYS = 20
REPLY_MAX_CHARS = 5000
REPLY_MAX_FILES = 5


def information_request_ask(
    *, complaint_id: int, actor: User | None, question: str, reason: str
) -> InformationRequest:
    """Ask the complainant for information, by email only, and pause the response clock.

    The email says only that there is a question and where to read it: the question is
    shown on the progress page, which only the complainant can open. Refused when email
    is not a channel they marked safe (staff never post or phone automatically), when the
    complaint is not open, or while an earlier question waits for a reply.
    """
    question, reason = question.strip(), reason.strip()
    if not question:
        raise InvalidInput(_("Enter what you need from the complainant"))
    if not reason:
        raise InvalidInput(_("Enter why the response clock is paused"))
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=actor)
        if complaint.status not in workflow.OPEN_STATUSES:
            raise ActionRefused(_("You can only ask for information while the complaint is open."))
        if not notifications.complainant_can_be_emailed(complaint):
            raise ActionRefused(
                _(
                    "The complainant has not said email is safe, so the request was not sent. "
                    "Contact them another way they marked safe, and add a note."
                )
            )
        if InformationRequest.objects.filter(QUESTION_WAITING, complaint=complaint).exists():
            raise ActionRefused(_("A question to the complainant is already waiting for a reply."))
        now = timezone.now()
        request = InformationRequest.objects.create(
            complaint=complaint,
            asked_by=actor,
            asked_at=now,
            question=question,
            reason=reason,
            due_when_paused=complaint.response_due,
        )
        # No deadline while paused: the staff list, the overdue counts and the dashboard
        # all read the complaint's own deadline, and none should chase a waiting answer.
        complaint.response_due = None
        complaint.save(update_fields=["response_due"])
        _history_note(
            complaint=complaint,
            actor=actor,
            now=now,
            note=_(
                "Asked the complainant for more information by email. The response clock is "
                "paused. Why: %(reason)s"
            )
            % {"reason": reason},
        )
        notifications.notify_information_requested(complaint=complaint)
    return request


def _deadline_resume(complaint: Complaint, request: InformationRequest, *, now: datetime) -> str:
    """On the reply, set the response deadline again, moved on by the working days the
    question waited; what the history says of it, if anything."""
    paused = _question_waited(request, until=now)
    # The question holds the deadline; or, asked by a release before 0027, the deadline
    # stayed on the complaint. Neither once the clock resumed without a reply
    # (paused_working_days is then set already, and stays).
    held = request.due_when_paused
    if held is None and request.paused_working_days is None:
        held = complaint.response_due
    if request.paused_working_days is None:
        request.paused_working_days = paused
    if held is None:
        return ""
    moved = workflow.add_working_days(held, paused)
    # A date set meanwhile (by a server of the release before, which did not know the
    # clock was paused) stands if it is later.
    if request.due_when_paused is not None and complaint.response_due:
        moved = max(moved, complaint.response_due)
    complaint.response_due = moved
    complaint.save(update_fields=["response_due"])
    if not paused:
        return ""
    return _(
        "The response clock was paused for %(days)s working days; the response is now due "
        "by %(date)s."
    ) % {"days": paused, "date": dates.long_date(complaint.response_due)}


def information_request_reply(
    *,
    complaint_id: int,
    request_id: int,
    text: str,
    files: list[uploads.CheckedUpload] | None = None,
) -> InformationRequest:
    """The complainant's answer (text, files or both): the response clock starts again.

    `files` have passed `uploads.upload_inspect`. A request answered already is refused
    with a message for the complainant, and nothing is stored twice.
    """
    text = text.strip()
    files = files or []
    if not text and not files:
        raise InvalidInput(_("Enter your reply or choose a file to send"))
    if len(text) > REPLY_MAX_CHARS:
        raise InvalidInput(
            _("Your reply must be %(max)s characters or fewer") % {"max": f"{REPLY_MAX_CHARS:,}"}
        )
    if len(files) > REPLY_MAX_FILES:
        raise InvalidInput(
            _("Send %(max)s files or fewer with your reply") % {"max": REPLY_MAX_FILES}
        )
    stored: list[str] = []
    try:
        with transaction.atomic():
            complaint = Complaint.objects.select_for_update().get(
                pk=complaint_id, anonymised_at__isnull=True
            )
            dashboard_months_mark_complaint(complaint=complaint)
            request = (
                InformationRequest.objects.select_for_update()
                .filter(pk=request_id, complaint=complaint)
                .first()
            )
            if request is None:
                raise ActionRefused(_("This question could not be found"))
            if request.replied_at is not None:
                raise ActionRefused(
                    _("You have already replied to this question. We have your reply.")
                )
            now = timezone.now()
            note = _("The complainant replied to the request for information.")
            note = " ".join(filter(None, [note, _deadline_resume(complaint, request, now=now)]))
            for checked in files:
                attachment = uploads.attachment_store_checked(
                    complaint=complaint, checked=checked, kind=Attachment.Kind.REPLY
                )
                stored.append(attachment.stored_name)
                request.reply_attachments.add(attachment)
            request.reply_text = text
            request.replied_at = now
            request.due_when_paused = None
            request.save(
                update_fields=["reply_text", "replied_at", "paused_working_days", "due_when_paused"]
            )
            _history_note(complaint=complaint, actor=None, now=now, note=note)
    except BaseException:
        uploads.attachment_delete_files(stored_names=stored)
        raise
    return request


def information_requests_chase(*, today: date | None = None) -> int:
    """Remind complainants who have not replied after 20 working days, once, with a note.

    Run daily (`manage.py chase_information_requests`). Returns how many were chased.
    """
    today = today or timezone.localdate()
    # 20 working days are at least 28 calendar days: only older requests can be due.
    candidates = InformationRequest.objects.filter(
        QUESTION_WAITING,
        chased_at__isnull=True,
        asked_at__date__lte=today - timedelta(days=28),
        complaint__anonymised_at__isnull=True,
    ).values_list("pk", "asked_at")
    chased = 0
    for pk, asked_at in list(candidates):
        waited = workflow.working_days_between(timezone.localdate(asked_at), today)
        if waited < INFORMATION_CHASE_WORKING_DAYS:
            continue
        with transaction.atomic():
            request = (
                InformationRequest.objects.select_for_update()
                .select_related("complaint", "complaint__organisation")
                .filter(QUESTION_WAITING, pk=pk, chased_at__isnull=True)
                .first()
            )
            if request is None:
                continue
            complaint = request.complaint
            now = timezone.now()
            text = _(
                "No reply to the request for information after %(days)s working days. A "
                "reminder was sent. The response clock stays paused: consider contacting the "
                "complainant another way they marked safe."
            ) % {"days": waited}
            InternalNote.objects.create(complaint=complaint, author=None, created_at=now, text=text)
            _history_note(complaint=complaint, actor=None, now=now, note=text)
            notifications.notify_information_chased(complaint=complaint)
            request.chased_at = now
            request.save(update_fields=["chased_at"])
            chased += 1
    return chased


def information_requests_repair() -> int:
    """Set again the deadlines a server of the release before 0027 left held by a
    question, while the servers were rolled: it took the reply, or answered, closed or
    passed on the complaint, without knowing the question held the deadline. Run daily
    with the chase (`manage.py chase_information_requests`). Returns how many."""
    held = InformationRequest.objects.filter(due_when_paused__isnull=False).filter(
        Q(replied_at__isnull=False) | ~Q(complaint__status__in=workflow.OPEN_STATUSES)
    )
    repaired = 0
    for pk, complaint_id in list(held.values_list("pk", "complaint_id")):
        with transaction.atomic():
            complaint = _complaint_lock(complaint_id=complaint_id, actor=None)
            request = InformationRequest.objects.select_for_update().get(pk=pk)
            if request.due_when_paused is None:  # done meanwhile
                continue
            paused = _question_waited(
                request, until=request.replied_at or complaint.closed_at or timezone.now()
            )
            if complaint.response_due is None:
                complaint.response_due = workflow.add_working_days(request.due_when_paused, paused)
                complaint.save(update_fields=["response_due"])
            request.paused_working_days = paused
            request.due_when_paused = None
            request.save(update_fields=["due_when_paused", "paused_working_days"])
            repaired += 1
    return repaired


def response_template_save(*, template: ResponseTemplate, actor: User) -> ResponseTemplate:
    """Save an organisation's response template; only its own staff (or a superuser) may."""
    if not actor.is_superuser and template.organisation_id not in (
        selectors.organisation_ids_for_user(actor)
    ):
        raise PermissionDenied
    template.updated_at = timezone.now()
    template.updated_by = actor
    template.save()
    return template
