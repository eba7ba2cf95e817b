"""The managers' dashboard and its CSV export: reads only.

Everything is scoped exactly as the complaint list is (`selectors.complaints_for_user`): a
member of staff counts only their own organisations' complaints, the central triage team
also those waiting to be passed on, and a superuser every one. Figures over a period count
the complaints *received* in it (UK dates). Each figure is one grouped query, so the
number of queries is the same for ten complaints as for a million; what grows with the
rows is the work inside each query, which the indexes in migration 0015 keep to the
period asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import (
    Aggregate,
    CharField,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from complaints import workflow
from complaints.models import Complaint
from complaints.selectors import complaints_for_user, due_soon_q, overdue_q
from directory import routes
from directory.models import VictimsCodeRight

# The Victims' Code: a complaint is acknowledged (or answered) within 10 working days.
CODE_ACKNOWLEDGE_WORKING_DAYS = 10
OVERDUE_LIMIT = 50
EXPORT_CHUNK_SIZE = 2000


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
class DashboardFigures:
    open_count: int
    overdue_count: int
    due_soon_count: int
    overdue: list[Complaint]  # the oldest overdue first, at most OVERDUE_LIMIT


def dashboard_figures(*, user: Any, today: date | None = None) -> DashboardFigures:
    """Open, overdue and due-soon complaints for this member of staff (four queries)."""
    today = today or timezone.localdate()
    complaints = complaints_for_user(user).order_by()
    overdue = complaints.filter(overdue_q(today))
    return DashboardFigures(
        open_count=complaints.filter(status__in=workflow.OPEN_STATUSES).count(),
        overdue_count=overdue.count(),
        due_soon_count=complaints.filter(due_soon_q(today)).count(),
        overdue=list(
            overdue.select_related("organisation", "assigned_to").order_by(
                "acknowledgement_due", "response_due"
            )[:OVERDUE_LIMIT]
        ),
    )


# ---------------------------------------------------------------------------------------
# The CSV export: handling facts only, never a name, contact detail or free text.
# ---------------------------------------------------------------------------------------


class _RightNumbers(Aggregate):
    """The rights (ids) of one complaint, space-separated (any order; sorted later)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ' ')"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(CAST(%(expressions)s AS text), ' ')",
            **extra,
        )


EXPORT_FIELDS = (
    "reference",
    "received_on",
    "acknowledgement_due",
    "acknowledged_on",
    "response_due",
    "responded_on",
    "closed_on",
    "status",
    "organisation__name",
    "about_org_type",
    "about_subject",
    "request_kind",
    "rights",
    "channel",
)


@dataclass(frozen=True)
class ExportRow:
    reference: str
    received_on: date
    acknowledgement_due: date | None
    acknowledged_on: date | None
    response_due: date | None
    responded_on: date | None
    closed_on: date | None
    status: str
    organisation: str
    about_org_type: str
    about_subject: str
    request_kind: str
    rights: tuple[int, ...]
    channel: str
    acknowledged_in_time: bool | None  # None: not acknowledged and not yet late
    responded_in_time: bool | None  # None: not responded and not yet late


def _deadline_met(done_on: date | None, due: date | None, today: date) -> bool | None:
    if done_on is not None:
        return True if due is None else done_on <= due
    if due is not None and due < today:
        return False
    return None


def _export_queryset(*, user: Any, period: Period) -> QuerySet[Complaint, tuple[Any, ...]]:
    through = Complaint.rights_not_met.through
    rights = (
        through.objects.filter(complaint_id=OuterRef("pk"))
        .order_by()
        .values("complaint_id")
        .annotate(numbers=_RightNumbers("victimscoderight_id"))
        # django-stubs cannot see a name made by annotate() in the values() after it.
        .values("numbers")  # type: ignore[misc]
    )
    return (
        complaints_in_period(user=user, period=period)
        .annotate(
            received_on=TruncDate("received_at"),
            acknowledged_on=TruncDate("acknowledged_at"),
            responded_on=TruncDate("responded_at"),
            closed_on=TruncDate("closed_at"),
            rights=Subquery(rights, output_field=CharField()),
        )
        # The received_at index gives this order as the rows are read: the download
        # starts at once rather than after sorting the whole period.
        .order_by("received_at")
        .values_list(*EXPORT_FIELDS)
    )


def export_rows(
    *, user: Any, period: Period, today: date | None = None, chunk_size: int = EXPORT_CHUNK_SIZE
) -> Iterator[ExportRow]:
    """The period's complaints, oldest first, read in chunks (one query, a server-side
    cursor on PostgreSQL): memory stays flat however many there are."""
    today = today or timezone.localdate()
    numbers = dict(VictimsCodeRight.objects.values_list("pk", "number"))
    # In a transaction, so PostgreSQL's server-side cursor is declared WITHOUT HOLD: in
    # autocommit Django declares it WITH HOLD, and PostgreSQL then works out every row of
    # the period before sending the first. Read only; it ends with the download.
    with transaction.atomic():
        rows: Iterable[tuple[Any, ...]] = _export_queryset(user=user, period=period).iterator(
            chunk_size=chunk_size
        )
        yield from _export_rows_made(rows, numbers=numbers, today=today)


def _export_rows_made(
    rows: Iterable[tuple[Any, ...]], *, numbers: dict[int, int], today: date
) -> Iterator[ExportRow]:
    days = WorkingDays()
    for row in rows:
        values = dict(zip(EXPORT_FIELDS, row, strict=True))
        received_on = values["received_on"]
        code_due = (
            workflow.add_working_days(received_on, CODE_ACKNOWLEDGE_WORKING_DAYS)
            if values["request_kind"] == routes.COMPLAINT
            else None
        )
        acknowledged_on = values["acknowledged_on"]
        acknowledged_in_time = (
            None
            if code_due is None
            else (
                days.between(received_on, acknowledged_on) <= CODE_ACKNOWLEDGE_WORKING_DAYS
                if acknowledged_on is not None
                else (False if code_due < today else None)
            )
        )
        yield ExportRow(
            reference=values["reference"],
            received_on=received_on,
            acknowledgement_due=values["acknowledgement_due"],
            acknowledged_on=acknowledged_on,
            response_due=values["response_due"],
            responded_on=values["responded_on"],
            closed_on=values["closed_on"],
            status=values["status"],
            organisation=values["organisation__name"],
            about_org_type=values["about_org_type"],
            about_subject=values["about_subject"],
            request_kind=values["request_kind"],
            rights=tuple(sorted(numbers[int(pk)] for pk in (values["rights"] or "").split())),
            channel=values["channel"],
            acknowledged_in_time=acknowledged_in_time,
            responded_in_time=_deadline_met(values["responded_on"], values["response_due"], today),
        )


def period_has_complaints(*, user: Any, period: Period) -> bool:
    return complaints_in_period(user=user, period=period).exists()
