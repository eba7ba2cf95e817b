"""Statuses, the transitions allowed between them, and working-day deadlines.

This module is pure: no database access, so the rules can be read and tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.db import models
from django.utils.translation import gettext_lazy as _

from victims_service import dates


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    UNDER_INVESTIGATION = "under_investigation", _("Under investigation")
    RESPONSE_SENT = "response_sent", _("Response sent")
    CLOSED = "closed", _("Closed")
    TRANSFERRED = "transferred", _("Transferred")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ESCALATED = "escalated", _("Escalated")
    REOPENED = "reopened", _("Reopened")
    MERGED = "merged", _("Merged into another complaint")


# Where a complaint may go next from each status. Anything not listed is refused.
# - A transfer is recorded as a move to TRANSFERRED at the new organisation, which then
#   acknowledges it afresh (and may pass it on again if it came to the wrong place too).
# - Closing straight from received is for duplicates and complaints sent in error; a
#   complaint that has been acknowledged is closed only after a response has been sent.
# - Escalated means the complainant told us they have gone to the next body (IOPC, IAC,
#   LGSCO, PHSO, ...); the organisation may reopen it if that body asks it to look again.
# - Withdrawn, closed and escalated complaints can be reopened; a reopened complaint needs
#   a fresh response, so it cannot go straight back to closed.
# - An open complaint that duplicates another is merged into it (services.complaint_merge):
#   final, because the other complaint carries on with everything it held.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset(
        {Status.ACKNOWLEDGED, Status.TRANSFERRED, Status.WITHDRAWN, Status.CLOSED, Status.MERGED}
    ),
    Status.TRANSFERRED: frozenset(
        {Status.ACKNOWLEDGED, Status.TRANSFERRED, Status.WITHDRAWN, Status.CLOSED, Status.MERGED}
    ),
    Status.ACKNOWLEDGED: frozenset(
        {
            Status.UNDER_INVESTIGATION,
            Status.RESPONSE_SENT,
            Status.TRANSFERRED,
            Status.WITHDRAWN,
            Status.MERGED,
        }
    ),
    Status.UNDER_INVESTIGATION: frozenset(
        {Status.RESPONSE_SENT, Status.TRANSFERRED, Status.WITHDRAWN, Status.MERGED}
    ),
    Status.RESPONSE_SENT: frozenset({Status.CLOSED, Status.ESCALATED, Status.REOPENED}),
    Status.CLOSED: frozenset({Status.REOPENED, Status.ESCALATED}),
    Status.ESCALATED: frozenset({Status.REOPENED, Status.CLOSED}),
    Status.WITHDRAWN: frozenset({Status.REOPENED}),
    Status.REOPENED: frozenset(
        {
            Status.UNDER_INVESTIGATION,
            Status.RESPONSE_SENT,
            Status.TRANSFERRED,
            Status.WITHDRAWN,
            Status.MERGED,
        }
    ),
    Status.MERGED: frozenset(),
}

# Statuses in which the organisation still owes the complainant a response.
OPEN_STATUSES = frozenset(
    {
        Status.RECEIVED,
        Status.TRANSFERRED,
        Status.ACKNOWLEDGED,
        Status.UNDER_INVESTIGATION,
        Status.REOPENED,
    }
)
# Statuses in which the organisation has finished with a complaint: retention counts from
# its `closed_at`, and the progress page shows no deadline.
FINISHED_STATUSES = frozenset({Status.CLOSED, Status.WITHDRAWN, Status.ESCALATED, Status.MERGED})
# Statuses in which the organisation has not yet told the complainant it has the complaint.
AWAITING_ACKNOWLEDGEMENT = frozenset({Status.RECEIVED, Status.TRANSFERRED})
# Within this many working days of a deadline, staff see it flagged as due soon.
DUE_SOON_WORKING_DAYS = 2


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    # England and Wales share one list of bank holidays (Scotland and Northern Ireland differ).
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the day of receipt does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


@dataclass(frozen=True)
class Deadline:
    due: date
    explanation: str


def deadline(start: date, working_days: int, what: str) -> Deadline:
    due = add_working_days(start, working_days)
    skipped = [
        d
        for d in (start + timedelta(days=i) for i in range(1, (due - start).days + 1))
        if d.weekday() < 5 and not is_working_day(d)
    ]
    explanation = _("%(what)s: %(days)s working days after %(start)s, not counting weekends") % {
        "what": what,
        "days": working_days,
        "start": dates.long_date(start),
    }
    if skipped:
        explanation += _(" or these bank holidays: %(holidays)s") % {
            "holidays": ", ".join(dates.long_date(d) for d in skipped)
        }
    return Deadline(due=due, explanation=str(explanation) + ".")


def pending_due(
    *, status: str, acknowledgement_due: date | None, response_due: date | None
) -> date | None:
    """The deadline the organisation is working to now, or None once nothing is owed."""
    if status in AWAITING_ACKNOWLEDGEMENT:
        return acknowledgement_due
    if status in OPEN_STATUSES:
        return response_due
    return None


def is_overdue(due: date | None, today: date) -> bool:
    return due is not None and due < today


def is_due_soon(due: date | None, today: date) -> bool:
    """Due today or within the next two working days, and not yet overdue."""
    return due is not None and today <= due <= add_working_days(today, DUE_SOON_WORKING_DAYS)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 if `end` is not later)."""
    return sum(
        1 for i in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=i))
    )
