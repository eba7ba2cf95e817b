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


# Where a complaint may go next from each status. A transfer is recorded as a move to
# TRANSFERRED at the new organisation, which then acknowledges it afresh.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset(
        {Status.ACKNOWLEDGED, Status.TRANSFERRED, Status.WITHDRAWN, Status.CLOSED}
    ),
    Status.TRANSFERRED: frozenset(
        {Status.ACKNOWLEDGED, Status.TRANSFERRED, Status.WITHDRAWN, Status.CLOSED}
    ),
    Status.ACKNOWLEDGED: frozenset(
        {Status.UNDER_INVESTIGATION, Status.RESPONSE_SENT, Status.TRANSFERRED, Status.WITHDRAWN}
    ),
    Status.UNDER_INVESTIGATION: frozenset(
        {Status.RESPONSE_SENT, Status.TRANSFERRED, Status.WITHDRAWN}
    ),
    Status.RESPONSE_SENT: frozenset({Status.CLOSED, Status.ESCALATED, Status.REOPENED}),
    Status.CLOSED: frozenset({Status.REOPENED, Status.ESCALATED}),
    Status.ESCALATED: frozenset({Status.REOPENED, Status.CLOSED}),
    Status.WITHDRAWN: frozenset({Status.REOPENED}),
    Status.REOPENED: frozenset(
        {Status.UNDER_INVESTIGATION, Status.RESPONSE_SENT, Status.TRANSFERRED, Status.WITHDRAWN}
    ),
}

OPEN_STATUSES = frozenset(
    {
        Status.RECEIVED,
        Status.TRANSFERRED,
        Status.ACKNOWLEDGED,
        Status.UNDER_INVESTIGATION,
        Status.REOPENED,
    }
)
AWAITING_ACKNOWLEDGEMENT = frozenset({Status.RECEIVED, Status.TRANSFERRED})


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
        "start": start.strftime("%-d %B %Y"),
    }
    if skipped:
        explanation += _(" or these bank holidays: %(holidays)s") % {
            "holidays": ", ".join(d.strftime("%-d %B %Y") for d in skipped)
        }
    return Deadline(due=due, explanation=str(explanation) + ".")
