"""The dashboard's figures per organisation and month, worked out in advance.

At a million complaints, counting every complaint of a 12-month period on each visit takes
time that grows with the complaints in it (bench/RESULTS.md). Instead each organisation's
complaints received in a month (UK calendar) have one cell (`DashboardMonth`) holding
everything the dashboard adds up: counts by kind, subject, right, channel and status, and
histograms of working days to acknowledge and to respond, so medians stay exact when cells
are summed. What depends on today (still waiting past the date) is kept as counts by due
date and decided when the dashboard is read, so a cell stays right the next day.

Keeping it right: every service that may change a complaint marks its cell stale in the
same transaction (`dashboard_months_mark`: where a complaint row is locked, a new
complaint, a transfer's new organisation). A mark is a row inserted in
`DashboardMonthChange`, never an update, so changes never wait for each other. The
dashboard refreshes the stale cells of its period before adding them up; each refresh reads
only the complaints of its organisation-months (the (organisation, received_at) index), in
a fixed number of queries per 100 cells. Days at the edges of a period that does not
start on the first of a month (or ends before the month does) are counted directly.
`dashboard.dashboard_period_figures` stays the reference the tests compare with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from complaints import workflow
from complaints.dashboard import (
    CODE_ACKNOWLEDGE_WORKING_DAYS,
    Period,
    PeriodFigures,
    WorkingDays,
    _median,
    complaints_in_period,
)
from complaints.models import Complaint, DashboardMonth, DashboardMonthChange
from directory import routes
from directory.models import VictimsCodeRight
from directory.selectors import in_central_triage, organisation_ids_for_user

REFRESH_CHUNK = 100
Key = tuple[int, date]  # (organisation id, first day of the month)


def month_of(moment: datetime) -> date:
    """The first day of the UK calendar month a moment falls in."""
    day: date = timezone.localtime(moment).date()
    return day.replace(day=1)


def _month_period(month: date) -> Period:
    following = (month + timedelta(days=32)).replace(day=1)
    return Period(start=month, end=following - timedelta(days=1))


# ---------------------------------------------------------------------------------------
# Marking cells stale (in the caller's transaction).
# ---------------------------------------------------------------------------------------


def dashboard_months_mark(*, cells: Iterable[tuple[int, datetime]]) -> None:
    """Mark stale the cells of complaints, given as (organisation id, received at), that
    the caller's transaction may change. One insert, whatever the number."""
    keys = sorted({(organisation_id, month_of(received)) for organisation_id, received in cells})
    DashboardMonthChange.objects.bulk_create(
        [DashboardMonthChange(organisation_id=org, month=month) for org, month in keys]
    )


def dashboard_months_mark_complaint(*, complaint: Complaint) -> None:
    dashboard_months_mark(cells=[(complaint.organisation_id, complaint.received_at)])


def dashboard_months_mark_all() -> int:
    """Mark every organisation-month that has complaints: after complaints were written
    outside the services (a bulk load, the demo data). Returns how many were marked."""
    grouped = (
        Complaint.objects.annotate(month=TruncMonth("received_at"))
        .values_list("organisation_id", "month")
        .distinct()
        .order_by()
    )
    keys = sorted(
        {
            (org, timezone.localtime(m).date() if isinstance(m, datetime) else m)
            for org, m in grouped
        }
    )
    DashboardMonthChange.objects.bulk_create(
        [DashboardMonthChange(organisation_id=org, month=month) for org, month in keys],
        batch_size=1000,
    )
    return len(keys)


# ---------------------------------------------------------------------------------------
# One cell's figures.
# ---------------------------------------------------------------------------------------


@dataclass
class MonthFigures:
    kinds: Counter[str] = field(default_factory=Counter)
    complaints: int = 0
    subjects: Counter[tuple[str, str]] = field(default_factory=Counter)
    rights: Counter[int] = field(default_factory=Counter)  # right id -> complaints
    channels: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    ack_days: Counter[int] = field(default_factory=Counter)  # working days -> complaints
    ack_waiting: Counter[date] = field(default_factory=Counter)  # by the Code's due date
    resp_days: Counter[int] = field(default_factory=Counter)
    resp_in_time: int = 0
    resp_with_due: int = 0  # responded, with a response date to be late against
    resp_waiting: Counter[date] = field(default_factory=Counter)  # open, by response date

    def to_json(self) -> dict[str, Any]:
        return {
            "kinds": dict(self.kinds),
            "complaints": self.complaints,
            "subjects": [[t, s, n] for (t, s), n in sorted(self.subjects.items())],
            "rights": {str(k): n for k, n in self.rights.items()},
            "channels": dict(self.channels),
            "statuses": dict(self.statuses),
            "ack_days": {str(k): n for k, n in self.ack_days.items()},
            "ack_waiting": {k.isoformat(): n for k, n in self.ack_waiting.items()},
            "resp_days": {str(k): n for k, n in self.resp_days.items()},
            "resp_in_time": self.resp_in_time,
            "resp_with_due": self.resp_with_due,
            "resp_waiting": {k.isoformat(): n for k, n in self.resp_waiting.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MonthFigures:
        def days(name: str) -> Counter[date]:
            return Counter({date.fromisoformat(k): n for k, n in data[name].items()})

        return cls(
            kinds=Counter(data["kinds"]),
            complaints=data["complaints"],
            subjects=Counter({(t, s): n for t, s, n in data["subjects"]}),
            rights=Counter({int(k): n for k, n in data["rights"].items()}),
            channels=Counter(data["channels"]),
            statuses=Counter(data["statuses"]),
            ack_days=Counter({int(k): n for k, n in data["ack_days"].items()}),
            ack_waiting=days("ack_waiting"),
            resp_days=Counter({int(k): n for k, n in data["resp_days"].items()}),
            resp_in_time=data["resp_in_time"],
            resp_with_due=data["resp_with_due"],
            resp_waiting=days("resp_waiting"),
        )


COUNTERS = (
    "kinds",
    "subjects",
    "rights",
    "channels",
    "statuses",
    "ack_days",
    "ack_waiting",
    "resp_days",
    "resp_waiting",
)
# Served from the (organisation, received_at) index on PostgreSQL, but for pass_on.
ROW_FIELDS = (
    "pk",
    "received_at",
    "request_kind",
    "about_org_type",
    "about_subject",
    "channel",
    "status",
    "acknowledged_at",
    "responded_at",
    "response_due",
)


class _RowCounter:
    """Adds complaints to figures, by the same rules as `dashboard.dashboard_period_figures`."""

    def __init__(self) -> None:
        self.days = WorkingDays()
        self.code_due: dict[date, date] = {}

    def add(self, figures: MonthFigures, row: tuple[Any, ...]) -> None:
        _pk, received_at, kind, org_type, subject, channel, status, ack_at, resp_at, due = row
        figures.kinds[kind] += 1
        if kind != routes.COMPLAINT:
            return
        received_on = timezone.localtime(received_at).date()
        figures.complaints += 1
        figures.subjects[(org_type, subject)] += 1
        figures.channels[channel] += 1
        figures.statuses[status] += 1
        if ack_at is not None:
            taken = self.days.between(received_on, timezone.localtime(ack_at).date())
            figures.ack_days[taken] += 1
        elif status in workflow.AWAITING_ACKNOWLEDGEMENT:
            figures.ack_waiting[self._code_due(received_on)] += 1
        if resp_at is not None:
            responded_on = timezone.localtime(resp_at).date()
            figures.resp_days[self.days.between(received_on, responded_on)] += 1
            if due is not None:
                figures.resp_with_due += 1
                figures.resp_in_time += 1 if responded_on <= due else 0
        elif due is not None and status in workflow.OPEN_STATUSES:
            figures.resp_waiting[due] += 1

    def _code_due(self, received_on: date) -> date:
        if received_on not in self.code_due:
            self.code_due[received_on] = workflow.add_working_days(
                received_on, CODE_ACKNOWLEDGE_WORKING_DAYS
            )
        return self.code_due[received_on]


# ---------------------------------------------------------------------------------------
# Refreshing stale cells.
# ---------------------------------------------------------------------------------------


def _keys_q(keys: Iterable[Key], *, prefix: str = "") -> Q:
    """Complaints received by these organisations in these months."""
    where = Q(pk__in=[])
    for organisation_id, month in keys:
        start, end = _month_period(month).bounds()
        where |= Q(
            **{
                f"{prefix}organisation_id": organisation_id,
                f"{prefix}received_at__gte": start,
                f"{prefix}received_at__lt": end,
            }
        )
    return where


def _cells_q(keys: Iterable[Key]) -> Q:
    where = Q(pk__in=[])
    for organisation_id, month in keys:
        where |= Q(organisation_id=organisation_id, month=month)
    return where


def _compute(keys: list[Key]) -> dict[tuple[int, date, bool], MonthFigures]:
    """The figures of these organisation-months, split by passing on (two queries)."""
    rows = (
        Complaint.objects.filter(_keys_q(keys))
        .order_by()
        .values_list("organisation_id", "pass_on", *ROW_FIELDS)
    )
    counter = _RowCounter()
    cells: dict[tuple[int, date, bool], MonthFigures] = {}
    for organisation_id, pass_on, *row in rows:
        key = (organisation_id, month_of(row[1]), bool(pass_on))
        counter.add(cells.setdefault(key, MonthFigures()), tuple(row))
    through = Complaint.rights_not_met.through
    rights = (
        through.objects.filter(_keys_q(keys, prefix="complaint__"))
        .filter(complaint__request_kind=routes.COMPLAINT)
        .values_list(
            "complaint__organisation_id",
            "complaint__received_at",
            "complaint__pass_on",
            "victimscoderight_id",
        )
    )
    for organisation_id, received_at, pass_on, right_id in rights:
        cells[(organisation_id, month_of(received_at), bool(pass_on))].rights[right_id] += 1
    return cells


def _refresh_chunk(keys: list[Key]) -> None:
    with transaction.atomic():
        # Lock the marks first: a second refresh of the same cells waits, then finds them
        # gone, so an older count never overwrites a newer one. A mark made while this
        # runs is not locked, not deleted, and leaves the cell stale for the next reader.
        marks = list(
            DashboardMonthChange.objects.select_for_update()
            .filter(_cells_q(keys))
            .order_by("pk")
            .values_list("pk", "organisation_id", "month")
        )
        locked = sorted({(org, month) for _pk, org, month in marks})
        if not locked:
            return
        cells = _compute(locked)
        now = timezone.now()
        DashboardMonth.objects.filter(_cells_q(locked)).delete()
        DashboardMonth.objects.bulk_create(
            [
                DashboardMonth(
                    organisation_id=org,
                    month=month,
                    passing_on=passing_on,
                    figures=figures.to_json(),
                    refreshed_at=now,
                )
                for (org, month, passing_on), figures in sorted(cells.items())
            ]
        )
        DashboardMonthChange.objects.filter(pk__in=[pk for pk, _org, _m in marks]).delete()


def dashboard_months_refresh(*, changes: QuerySet[DashboardMonthChange] | None = None) -> int:
    """Work out again the cells with a mark (of `changes`, or all). Returns how many."""
    changes = DashboardMonthChange.objects.all() if changes is None else changes
    keys = sorted(set(changes.order_by().values_list("organisation_id", "month").distinct()))
    for start in range(0, len(keys), REFRESH_CHUNK):
        _refresh_chunk(keys[start : start + REFRESH_CHUNK])
    return len(keys)


# ---------------------------------------------------------------------------------------
# The dashboard's figures, from the cells.
# ---------------------------------------------------------------------------------------


def _split(period: Period) -> tuple[list[date], list[Period]]:
    """Months the cells cover whole, and the days at the edges counted directly. Nothing
    is received after today, so a month running from its first day to today is whole."""
    now = timezone.localdate()
    whole: list[date] = []
    edges: list[Period] = []
    for month in period.months():
        last = _month_period(month).end
        start, end = max(period.start, month), min(period.end, last)
        if start == month and (end == last or end >= now):
            whole.append(month)
        else:
            edges.append(Period(start=start, end=end))
    return whole, edges


def _scopes(user: Any) -> tuple[Q, Q] | None:
    """(cells, marks) this member of staff counts; None for everything (a superuser). The
    same rule as `selectors.complaints_for_user`."""
    if user.is_active and user.is_superuser:
        return None
    ids = organisation_ids_for_user(user)
    cells = Q(organisation_id__in=ids)
    if in_central_triage(user):
        # Complaints waiting to be passed on may belong to any organisation.
        return cells | Q(passing_on=True), Q()
    return cells, Q(organisation_id__in=ids)


Part = tuple[str, date, dict[str, Any]]  # (organisation name, month, figures as stored)


def _edges(*, user: Any, edges: list[Period]) -> list[Part]:
    """The days at the edges of the period, counted from the complaints (two queries)."""
    if not edges:
        return []
    found = complaints_in_period(user=user, period=edges[0])
    for edge in edges[1:]:
        found = found | complaints_in_period(user=user, period=edge)
    counter = _RowCounter()
    parts: dict[tuple[str, date], MonthFigures] = {}
    by_pk: dict[int, MonthFigures] = {}
    for name, *row in found.values_list("organisation__name", *ROW_FIELDS):
        figures = parts.setdefault((name, month_of(row[1])), MonthFigures())
        counter.add(figures, tuple(row))
        by_pk[row[0]] = figures
    through = Complaint.rights_not_met.through
    rights = through.objects.filter(
        complaint__in=found.filter(request_kind=routes.COMPLAINT)
    ).values_list("complaint_id", "victimscoderight_id")
    for complaint_id, right_id in rights:
        by_pk[complaint_id].rights[right_id] += 1
    return [(name, month, figures.to_json()) for (name, month), figures in parts.items()]


def _cells(*, user: Any, months: list[date]) -> list[Part]:
    """The cells of these months this member of staff counts, refreshed if stale."""
    if not months:
        return []
    scopes = _scopes(user)
    cells = DashboardMonth.objects.filter(month__in=months)
    changes = DashboardMonthChange.objects.filter(month__in=months)
    if scopes is not None:
        cells, changes = cells.filter(scopes[0]), changes.filter(scopes[1])
    dashboard_months_refresh(changes=changes)
    return [
        (name, month, figures)
        for name, month, figures in cells.values_list("organisation__name", "month", "figures")
    ]


SCALARS = ("complaints", "resp_in_time", "resp_with_due")


def _sum(parts: list[Part]) -> MonthFigures:
    """All the cells added up as stored (plain dictionaries: a national dashboard adds
    thousands), then read once."""
    sums: dict[str, dict[str, int]] = {name: {} for name in COUNTERS if name != "subjects"}
    scalars = dict.fromkeys(SCALARS, 0)
    subjects: dict[tuple[str, str], int] = {}
    for _name, _month, data in parts:
        for name, into in sums.items():
            for key, n in data[name].items():
                into[key] = into.get(key, 0) + n
        for name in SCALARS:
            scalars[name] += data[name]
        for org_type, subject, n in data["subjects"]:
            subjects[(org_type, subject)] = subjects.get((org_type, subject), 0) + n
    listed = [[t, s, n] for (t, s), n in subjects.items()]
    return MonthFigures.from_json({**sums, **scalars, "subjects": listed})


def _sorted(counts: Counter[Any]) -> list[tuple[Any, int]]:
    return sorted(
        ((k, n) for k, n in counts.items() if n), key=lambda item: (-item[1], str(item[0]))
    )


def _assemble(*, period: Period, parts: list[Part], today: date) -> PeriodFigures:
    total = _sum(parts)
    by_organisation: Counter[str] = Counter()
    by_month = dict.fromkeys(period.months(), 0)
    for name, month, data in parts:
        by_organisation[name] += data["complaints"]
        by_month[month] += data["complaints"]
    by_right: Counter[int] = Counter()
    numbers = dict(VictimsCodeRight.objects.values_list("pk", "number"))  # always: flat
    for right_id, n in total.rights.items():
        by_right[numbers[right_id]] += n
    acknowledged = sum(total.ack_days.values())
    late_acknowledging = sum(n for due, n in total.ack_waiting.items() if due < today)
    late_responding = sum(n for due, n in total.resp_waiting.items() if due < today)
    return PeriodFigures(
        period=period,
        received=total.complaints,
        requests=sum(total.kinds.values()) - total.complaints,
        acknowledged=acknowledged,
        acknowledged_in_time=sum(
            n for days, n in total.ack_days.items() if days <= CODE_ACKNOWLEDGE_WORKING_DAYS
        ),
        acknowledgement_owed=acknowledged + late_acknowledging,
        responded_in_time=total.resp_in_time,
        response_owed=total.resp_with_due + late_responding,
        median_days_to_acknowledge=_median(dict(total.ack_days)),
        median_days_to_respond=_median(dict(total.resp_days)),
        by_kind=_sorted(total.kinds),
        by_subject=_sorted(total.subjects),
        by_right=sorted(((k, n) for k, n in by_right.items() if n), key=lambda i: (-i[1], i[0])),
        by_channel=_sorted(total.channels),
        by_status=_sorted(total.statuses),
        by_organisation=_sorted(by_organisation),
        by_month=list(by_month.items()),
    )


def dashboard_months_period_figures(
    *, user: Any, period: Period, today: date | None = None
) -> PeriodFigures:
    """The same figures as `dashboard.dashboard_period_figures`, added up from the cells.

    Queries: the marks and the cells of the period, the rights' numbers; a refresh adds a
    few per 100 stale cells, and days at the edges of the period two more.
    """
    today = today or timezone.localdate()
    whole, edges = _split(period)
    parts = _cells(user=user, months=whole) + _edges(user=user, edges=edges)
    return _assemble(period=period, parts=parts, today=today)
