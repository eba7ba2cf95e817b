"""What every service shares: its two errors, the row lock, history rows.

Every change to a complaint happens in a service: atomic, row-locked, written to history.
The staff-triage services lock the complaint's row, check that the member of staff may act
on it (their organisation, or a superuser; `actor=None` is the system), write an
append-only StatusChange and register notifications, in one transaction.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import selectors, workflow
from complaints.dashboard_months import dashboard_months_mark_complaint
from complaints.models import (
    QUESTION_WAITING,
    Complaint,
    InformationRequest,
    StatusChange,
)
from complaints.workflow import Status

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)


class ActionRefused(Exception):
    """The action cannot be done to the complaint as it is now: its status does not allow
    it, or it was done already. The message says why, for whoever asked."""


class InvalidInput(Exception):
    """What was entered cannot be used: a blank reason, a date in the past, an organisation
    not in the directory. The message says what to enter instead, as a form error would."""


def _set_deadlines(complaint: Complaint, start: date) -> None:
    org = complaint.organisation
    complaint.acknowledgement_due = workflow.add_working_days(start, org.acknowledge_working_days)
    complaint.response_due = workflow.add_working_days(start, org.response_working_days)


def _complaint_lock(*, complaint_id: int, actor: User | None) -> Complaint:
    """The complaint, locked until the transaction ends; refused if the actor may not see it.

    The admin already scopes what staff see; checking again here means no future view,
    command or API can act on another organisation's complaint by mistake.
    """
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
    if actor is not None and not selectors.complaint_visible_to(complaint=complaint, user=actor):
        raise PermissionDenied
    # Whatever the service changes, the dashboard's cell for it is worked out again.
    dashboard_months_mark_complaint(complaint=complaint)
    return complaint


def _question_waited(request: InformationRequest, *, until: datetime) -> int:
    """The working days a question to the complainant waited, from the day it was asked
    to `until`: what its complaint's response deadline moves on by."""
    return workflow.working_days_between(
        timezone.localdate(request.asked_at), timezone.localdate(until)
    )


def _response_clock_resume(*, complaint: Complaint, now: datetime) -> None:
    """A locked complaint leaves the open statuses or changes hands while a question
    waits: the organisation stops waiting for the answer. The question no longer holds
    the response deadline, which is set again, moved on by the working days it waited, as
    a reply would have set it; the response is judged against that date. The question is
    then no longer waiting (`paused_working_days` is set): the progress page stops asking
    it, nobody chases it, another may be asked, and an answer that still comes is kept
    but moves no date."""
    request = (
        InformationRequest.objects.select_for_update()
        .filter(QUESTION_WAITING, complaint=complaint)
        .first()
    )
    if request is None:
        return
    paused = _question_waited(request, until=now)
    if request.due_when_paused is not None:
        complaint.response_due = workflow.add_working_days(request.due_when_paused, paused)
        request.paused_working_days = paused
    else:  # asked by a release before 0027: the deadline stayed on the complaint
        request.paused_working_days = 0
    request.due_when_paused = None
    request.save(update_fields=["due_when_paused", "paused_working_days"])


def _status_change(
    *,
    complaint: Complaint,
    to_status: str,
    actor: User | None,
    note: str,
    visible_to_complainant: bool,
    now: datetime,
) -> StatusChange:
    """Apply a move the workflow allows to a locked complaint and record it."""
    if not workflow.can_transition(complaint.status, to_status):
        raise ActionRefused(
            _("A complaint that is “%(from)s” cannot be marked “%(to)s”.")
            % {"from": Status(complaint.status).label, "to": Status(to_status).label}
        )
    from_status = complaint.status
    if to_status not in workflow.OPEN_STATUSES:
        _response_clock_resume(complaint=complaint, now=now)
    complaint.status = to_status
    today = timezone.localdate(now)
    if to_status == Status.ACKNOWLEDGED:
        complaint.acknowledged_at = now
    elif to_status == Status.RESPONSE_SENT:
        complaint.responded_at = now
    elif to_status in workflow.FINISHED_STATUSES:
        # Retention counts from the day the organisation stopped handling the complaint.
        complaint.closed_at = complaint.closed_at or now
    elif to_status == Status.REOPENED:
        complaint.closed_at = None
        # A reopened complaint needs a fresh response, to the organisation's usual timescale.
        complaint.response_due = workflow.add_working_days(
            today, complaint.organisation.response_working_days
        )
    complaint.save()
    return StatusChange.objects.create(
        complaint=complaint,
        created_at=now,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        organisation=complaint.organisation,
        note=note,
        visible_to_complainant=visible_to_complainant,
    )


def _history_note(
    *, complaint: Complaint, actor: User | None, note: str, now: datetime
) -> StatusChange:
    """A history row that records an event without changing the status."""
    return StatusChange.objects.create(
        complaint=complaint,
        created_at=now,
        actor=actor,
        from_status=complaint.status,
        to_status=complaint.status,
        organisation=complaint.organisation,
        note=note,
    )


# Only a hash of a one-time link's token is stored: a copy of the database opens nothing.
def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
