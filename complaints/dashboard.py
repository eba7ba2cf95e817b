"""The managers' dashboard: reads only (its CSV export is in `complaints.dashboard_export`).

Everything is scoped exactly as the complaint list is (`selectors.complaints_for_user`): a
member of staff counts only their own organisations' complaints, the central triage team
also those waiting to be passed on, and a superuser every one. Figures over a period count
the complaints *received* in it (UK dates). Each figure is one grouped query, so the
number of queries is the same for ten complaints as for a million; what grows with the
rows is the work inside each query, which the indexes in migration 0015 keep to the
period asked for.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    Count,
    F,
    Q,
    QuerySet,
)
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from complaints import workflow
from complaints.models import Complaint
from complaints.selectors import (
    complaints_for_user,
    complaints_with_next_due,
)
from directory import routes

# The Victims' Code: a complaint is acknowledged (or answered) within 10 working days.
CODE_ACKNOWLEDGE_WORKING_DAYS = 10
# The dashboard shows the longest overdue, and links to the list of all of them (sorted
# the same way): a manager's view, not a work queue, so it stays short at any size.
OVERDUE_LIMIT = 10


# ---------------------------------------------------------------------------------------
# The period.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both included, as UK calendar dates."""

    start: date
    end: date

    def bounds(self) -> tuple[datetime, datetime]:
        """The first moment of `start` and of the day after `end`, in UK time."""
        zone = timezone.get_default_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=zone),
        )

    def months(self) -> list[date]:
        """The first day of every month the period touches, oldest first."""
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months


def period_default(*, today: date) -> Period:
    """The last 12 months: this month so far and the 11 before it."""
    index = today.year * 12 + today.month - 1 - 11
    return Period(start=date(index // 12, index % 12 + 1, 1), end=today)


def complaints_in_period(*, user: Any, period: Period) -> QuerySet[Complaint]:
    """Everything this member of staff may see that was received in the period."""
    start, end = period.bounds()
    return complaints_for_user(user).filter(received_at__gte=start, received_at__lt=end).order_by()


# ---------------------------------------------------------------------------------------
# Working days, worked out once per date rather than once per complaint.
# ---------------------------------------------------------------------------------------


class WorkingDays:
    """Working days between dates (England and Wales), from a running count per date."""

    def __init__(self) -> None:
        self._count: dict[date, int] = {}
        self._first: date | None = None
        self._last: date | None = None

    def _cover(self, day: date) -> None:
        if self._first is None or self._last is None:
            self._first = self._last = day
            self._count[day] = 0
        while day < self._first:
            # Going back: the count at the earlier day is one less if the later is worked.
            earlier = self._first - timedelta(days=1)
            later_worked = workflow.is_working_day(self._first)
            self._count[earlier] = self._count[self._first] - (1 if later_worked else 0)
            self._first = earlier
        while day > self._last:
            later = self._last + timedelta(days=1)
            self._count[later] = self._count[self._last] + (
                1 if workflow.is_working_day(later) else 0
            )
            self._last = later

    def between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (`workflow` rule)."""
        if end <= start:
            return 0
        self._cover(start)
        self._cover(end)
        return self._count[end] - self._count[start]


def _median(histogram: dict[int, int]) -> float | None:
    """The median of values given as {value: how many times}."""
    total = sum(histogram.values())
    if not total:
        return None
    wanted = ((total - 1) // 2, total // 2)
    found: list[int] = []
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        while len(found) < 2 and wanted[len(found)] < seen:
            found.append(value)
    return (found[0] + found[1]) / 2


# ---------------------------------------------------------------------------------------
# Figures over a period.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodFigures:
    """What happened to the complaints received in a period. Breakdowns are (key, count),
    largest first; the admin gives each key its words."""

    period: Period
    received: int  # complaints
    requests: int  # requests that are not complaints (a review, a VRR request, ...)
    acknowledged: int
    acknowledged_in_time: int  # within the Code's 10 working days of receipt
    acknowledgement_owed: int  # acknowledged, or still waiting past the 10 working days
    responded_in_time: int  # on or before the organisation's response date
    response_owed: int  # responded, or still open past the response date
    median_days_to_acknowledge: float | None
    median_days_to_respond: float | None
    by_kind: list[tuple[str, int]]
    by_subject: list[tuple[tuple[str, str], int]]  # ((org type, subject), count)
    by_right: list[tuple[int, int]]  # (right number, complaints saying it was not met)
    by_channel: list[tuple[str, int]]
    by_status: list[tuple[str, int]]
    by_organisation: list[tuple[str, int]]
    by_month: list[tuple[date, int]]  # every month of the period, oldest first

    @property
    def is_empty(self) -> bool:
        return not (self.received or self.requests)

    @property
    def acknowledged_in_time_percent(self) -> int | None:
        return _percent(self.acknowledged_in_time, self.acknowledgement_owed)

    @property
    def responded_in_time_percent(self) -> int | None:
        return _percent(self.responded_in_time, self.response_owed)


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _counts(rows: QuerySet[Complaint], *fields: str) -> list[tuple[Any, int]]:
    grouped = rows.values_list(*fields).annotate(n=Count("pk")).values_list(*fields, "n")
    found = [((row[0] if len(fields) == 1 else tuple(row[:-1])), row[-1]) for row in grouped]
    return sorted(found, key=lambda item: (-item[1], str(item[0])))


def _acknowledgement(
    complaints: QuerySet[Complaint], today: date, days: WorkingDays
) -> tuple[int, int, int, float | None]:
    """(acknowledged, in time, owed, median working days), against the Code's 10 days."""
    pairs = (
        complaints.filter(
            Q(acknowledged_at__isnull=False) | Q(status__in=workflow.AWAITING_ACKNOWLEDGEMENT)
        )
        .annotate(r=TruncDate("received_at"), a=TruncDate("acknowledged_at"))
        .values_list("r", "a")
        .annotate(n=Count("pk"))
        .values_list("r", "a", "n")
    )
    histogram: dict[int, int] = {}
    acknowledged = in_time = late_waiting = 0
    for received, acknowledged_on, n in pairs:
        if acknowledged_on is None:
            due = workflow.add_working_days(received, CODE_ACKNOWLEDGE_WORKING_DAYS)
            late_waiting += n if due < today else 0
            continue
        taken = days.between(received, acknowledged_on)
        histogram[taken] = histogram.get(taken, 0) + n
        acknowledged += n
        in_time += n if taken <= CODE_ACKNOWLEDGE_WORKING_DAYS else 0
    return acknowledged, in_time, acknowledged + late_waiting, _median(histogram)


def _response(
    complaints: QuerySet[Complaint], today: date, days: WorkingDays
) -> tuple[int, int, float | None]:
    """(in time, owed, median working days to respond), against each response date."""
    totals = complaints.annotate(responded_on=TruncDate("responded_at")).aggregate(
        in_time=Count(
            "pk",
            filter=Q(responded_at__isnull=False, responded_on__lte=F("response_due")),
        ),
        responded=Count("pk", filter=Q(responded_at__isnull=False, response_due__isnull=False)),
        late_waiting=Count(
            "pk",
            filter=Q(
                responded_at__isnull=True,
                status__in=workflow.OPEN_STATUSES,
                response_due__lt=today,
            ),
        ),
    )
    pairs = (
        complaints.filter(responded_at__isnull=False)
        .annotate(r=TruncDate("received_at"), s=TruncDate("responded_at"))
        .values_list("r", "s")
        .annotate(n=Count("pk"))
        .values_list("r", "s", "n")
    )
    histogram: dict[int, int] = {}
    for received, responded_on, n in pairs:
        taken = days.between(received, responded_on)
        histogram[taken] = histogram.get(taken, 0) + n
    owed = totals["responded"] + totals["late_waiting"]
    return totals["in_time"], owed, _median(histogram)


def _by_month(complaints: QuerySet[Complaint], period: Period) -> list[tuple[date, int]]:
    months = dict.fromkeys(period.months(), 0)
    grouped = (
        complaints.annotate(month=TruncMonth("received_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    for month, n in grouped:
        day = timezone.localtime(month).date() if isinstance(month, datetime) else month
        months[day.replace(day=1)] = months.get(day.replace(day=1), 0) + n
    return list(months.items())


def _by_right(complaints: QuerySet[Complaint]) -> list[tuple[int, int]]:
    # From the complaints to their rights (a join on the rights table's complaint index),
    # so the work follows the complaints in the period, not every right ever named.
    grouped = (
        complaints.filter(rights_not_met__isnull=False)
        .values_list("rights_not_met__number")
        .annotate(n=Count("pk"))
        .values_list("rights_not_met__number", "n")
    )
    return sorted(grouped, key=lambda item: (-item[1], item[0]))


def dashboard_period_figures(
    *, user: Any, period: Period, today: date | None = None
) -> PeriodFigures:
    """The figures for the complaints received in `period` (eleven queries, at any size)."""
    today = today or timezone.localdate()
    received = complaints_in_period(user=user, period=period)
    complaints = received.filter(request_kind=routes.COMPLAINT)
    days = WorkingDays()
    by_kind = _counts(received, "request_kind")
    acknowledged, ack_in_time, ack_owed, ack_median = _acknowledgement(complaints, today, days)
    response_in_time, response_owed, response_median = _response(complaints, today, days)
    total = sum(n for _kind, n in by_kind)
    complaint_count = dict(by_kind).get(routes.COMPLAINT, 0)
    return PeriodFigures(
        period=period,
        received=complaint_count,
        requests=total - complaint_count,
        acknowledged=acknowledged,
        acknowledged_in_time=ack_in_time,
        acknowledgement_owed=ack_owed,
        responded_in_time=response_in_time,
        response_owed=response_owed,
        median_days_to_acknowledge=ack_median,
        median_days_to_respond=response_median,
        by_kind=by_kind,
        by_subject=_counts(complaints, "about_org_type", "about_subject"),
        by_right=_by_right(complaints),
        by_channel=_counts(complaints, "channel"),
        by_status=_counts(complaints, "status"),
        by_organisation=_counts(complaints, "organisation__name"),
        by_month=_by_month(complaints, period),
    )


# ---------------------------------------------------------------------------------------
# What needs doing now (whenever the complaints were received).
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenCounts:
    """Open requests, and of those overdue and due soon, on a given day."""

    open: int
    overdue: int
    due_soon: int


@dataclass(frozen=True)
class DashboardFigures:
    open_count: int
    overdue_count: int
    due_soon_count: int
    overdue: list[Complaint]  # the oldest overdue first, at most OVERDUE_LIMIT


@contextlib.contextmanager
def _without_parallel_workers() -> Iterator[None]:
    """PostgreSQL would split the open counts' one pass between parallel workers, which
    take longer to start (about 5 ms) than they save: off in a transaction of their own.
    Not on SQLite, where a transaction here takes the write lock (BEGIN IMMEDIATE), nor
    inside a caller's transaction, which the setting would outlive."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        yield


def due_soon_until(*, today: date) -> date:
    """The last day a deadline counts as due soon, read on `today`."""
    return workflow.add_working_days(today, workflow.DUE_SOON_WORKING_DAYS)


def _open_counts(complaints: QuerySet[Complaint], today: date) -> OpenCounts:
    # An organisation's counts, and the national ones while the months' totals cannot give
    # them (`dashboard_totals.dashboard_now_figures`): tens of thousands are open
    # nationally at a million complaints. The three counts are
    # one pass over the `complaint_open` index (open complaints by organisation and the
    # deadline being worked to now), which holds the date ready: comparing it is cheaper
    # than working out `overdue_q` for every open complaint, and one pass reads each entry
    # once rather than three times. The same sets as overdue_q and due_soon_q. Django
    # filters no COUNT(*): status is never empty, and in the index.
    open_complaints = complaints_with_next_due(complaints.filter(status__in=workflow.OPEN_STATUSES))
    with _without_parallel_workers():
        counts = open_complaints.aggregate(
            open=Count("*"),
            overdue=Count("status", filter=Q(next_due__lt=today)),
            due_soon=Count(
                "status", filter=Q(next_due__range=(today, due_soon_until(today=today)))
            ),
        )
    return OpenCounts(open=counts["open"], overdue=counts["overdue"], due_soon=counts["due_soon"])


def dashboard_figures(
    *, user: Any, today: date | None = None, counts: OpenCounts | None = None
) -> DashboardFigures:
    """Open, overdue and due-soon complaints for this member of staff (two queries, and
    one more on PostgreSQL), or one query given the `counts` already
    (`dashboard_totals.dashboard_now_figures` adds a superuser's up from the months)."""
    today = today or timezone.localdate()
    complaints = complaints_for_user(user).order_by()
    if counts is None:
        counts = _open_counts(complaints, today)
    return DashboardFigures(
        open_count=counts.open,
        overdue_count=counts.overdue,
        due_soon_count=counts.due_soon,
        # Longest overdue first: by the deadline missed, which is the staff list's order and
        # index (`complaint_next_due`), so the first few are read without sorting every
        # overdue complaint (tens of thousands, nationally, at a million complaints).
        overdue=list(
            complaints_with_next_due(complaints)
            # The same as overdue_q, in the index's own terms. django-stubs cannot see a
            # name made by annotate() in another function.
            .filter(next_due__lt=today)  # type: ignore[misc]
            .select_related("organisation", "assigned_to")
            .order_by(F("next_due").asc(nulls_last=True), F("received_at").desc())[:OVERDUE_LIMIT]
        ),
    )
