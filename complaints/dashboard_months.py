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
dashboard refreshes the stale cells of its period before adding them up (a superuser's,
every stale cell, up to 100, for the national open counts); each refresh reads
only the complaints of its organisation-months (the (organisation, received_at) index), in
a fixed number of queries per 100 cells, and the task worker does the same soon after each
change commits. A large cell keeps its figures by day too, and a mark names the changed
complaint's day, so its refresh reads only that day's complaints
(`complaints.dashboard_parts`). Each month of the whole service keeps a total
(`DashboardServiceMonth`) that every refresh updates with the cells it replaces (or
makes, for a month's first cells), so the national dashboard reads a row a month. What
a cell holds is in `complaints.dashboard_cells`; `complaints.dashboard_totals` adds up a
period.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django_tasks import task

from complaints.dashboard import Period
from complaints.dashboard_cells import MonthFigures, counted_rows, figures_sum
from complaints.dashboard_parts import (
    CellKey,
    Key,
    Plan,
    dashboard_parts_count,
    dashboard_parts_plan,
)
from complaints.models import (
    Complaint,
    DashboardMonth,
    DashboardMonthChange,
    DashboardServiceMonth,
)
from directory import routes

REFRESH_CHUNK = 100


def day_of(moment: datetime) -> date:
    """The UK calendar day a moment falls in (the default time zone)."""
    return moment.astimezone(timezone.get_default_timezone()).date()


def month_of(moment: datetime) -> date:
    """The first day of the UK calendar month a moment falls in."""
    return day_of(moment).replace(day=1)


def month_period(month: date) -> Period:
    following = (month + timedelta(days=32)).replace(day=1)
    return Period(start=month, end=following - timedelta(days=1))


# ---------------------------------------------------------------------------------------
# Marking cells stale (in the caller's transaction).
# ---------------------------------------------------------------------------------------


def dashboard_months_mark(*, cells: Iterable[tuple[int, datetime]]) -> None:
    """Mark stale the cells of complaints, given as (organisation id, received at), that
    the caller's transaction may change. One insert, whatever the number."""
    marked = sorted({(organisation_id, day_of(received)) for organisation_id, received in cells})
    if not marked:
        return
    # The day too: a cell that keeps its figures by day counts again only that day's
    # complaints (`complaints.dashboard_parts`).
    DashboardMonthChange.objects.bulk_create(
        [
            DashboardMonthChange(organisation_id=org, month=day.replace(day=1), day=day)
            for org, day in marked
        ]
    )
    keys = sorted({(org, day.replace(day=1)) for org, day in marked})
    # Worked out again by the task worker once the change is committed, so the next reader
    # finds the cells fresh rather than paying for them (it still refreshes any it finds
    # stale: the worker may be behind, or stopped). Robust: the change is committed by
    # now, so failing to queue this must neither fail the request nor stop the callbacks
    # after it (the complainant's email is one).
    payload = [[org, month.isoformat()] for org, month in keys]
    transaction.on_commit(
        lambda: dashboard_months_refresh_marked.enqueue(keys=payload), robust=True
    )


# Below every email (priority 0): after the worker was stopped, or a bulk change, a backlog
# of refreshes must never hold a complainant's email back.
REFRESH_PRIORITY = -50


@task(priority=REFRESH_PRIORITY)
def dashboard_months_refresh_marked(keys: list[list[Any]]) -> None:
    """Refresh the cells a committed change marked (in the task worker)."""
    wanted = [(int(org), date.fromisoformat(month)) for org, month in keys]
    dashboard_months_refresh(changes=DashboardMonthChange.objects.filter(_cells_q(wanted)))


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


def dashboard_months_mark_outdated() -> int:
    """Mark the cells worked out by a release before the open counts (migration 0025),
    which keep none: while one is left, the national counts are read from the open
    complaints. The nightly refresh runs this, so a cell a server of that release wrote
    while the servers were rolled is worked out again. Returns how many were marked."""
    keys = sorted(
        set(
            DashboardMonth.objects.exclude(figures__has_key="open_counted")
            .order_by()
            .values_list("organisation_id", "month")
        )
    )
    DashboardMonthChange.objects.bulk_create(
        [DashboardMonthChange(organisation_id=org, month=month) for org, month in keys],
        batch_size=1000,
    )
    return len(keys)


# ---------------------------------------------------------------------------------------
# Refreshing stale cells.
# ---------------------------------------------------------------------------------------


def _received_q(periods: Iterable[tuple[int, Period]], *, prefix: str = "") -> Q:
    """Complaints received by these organisations in these periods."""
    where = Q(pk__in=[])
    for organisation_id, period in periods:
        start, end = period.bounds()
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


def _compute(plan: Plan) -> dict[CellKey, tuple[MonthFigures, dict[str, Any] | None]]:
    """The figures (and parts) of the plan's cells, split by passing on (two queries)."""
    periods = [(org, month_period(month)) for org, month in plan.whole] + [
        (org, Period(start=day, end=day)) for (org, _m), days in plan.days.items() for day in days
    ]
    rows = counted_rows(
        Complaint.objects.filter(_received_q(periods)).order_by(), "organisation_id", "pass_on"
    )
    through = Complaint.rights_not_met.through
    rights = (
        through.objects.filter(_received_q(periods, prefix="complaint__"))
        .filter(complaint__request_kind=routes.COMPLAINT)
        .values_list("complaint_id", "victimscoderight_id")
    )
    return dashboard_parts_count(plan=plan, rows=rows, rights=rights)


def _refresh_chunk(keys: list[Key]) -> None:
    with transaction.atomic():
        # Lock the marks first: a second refresh of the same cells waits, then finds them
        # gone, so an older count never overwrites a newer one (nor a day's part another
        # refresh has just worked out: it reads the cells only once it holds the marks).
        # A mark made while this runs is not locked, not deleted, and leaves the cell
        # stale for the next reader.
        marks = list(
            DashboardMonthChange.objects.select_for_update()
            .filter(_cells_q(keys))
            .order_by("pk")
            .values_list("pk", "organisation_id", "month", "day")
        )
        locked = sorted({(org, month) for _pk, org, month, _day in marks})
        if not locked:
            return
        replaced = DashboardMonth.objects.filter(_cells_q(locked))
        removed = list(
            replaced.values_list("pk", "organisation_id", "month", "passing_on", "figures", "parts")
        )
        plan = dashboard_parts_plan(
            marks=[(org, month, day) for _pk, org, month, day in marks],
            cells=[
                (org, month, passing_on, parts)
                for _pk, org, month, passing_on, _figures, parts in removed
            ],
        )
        cells = _compute(plan)
        now = timezone.now()
        replaced.delete()
        added = DashboardMonth.objects.bulk_create(
            [
                DashboardMonth(
                    organisation_id=org,
                    month=month,
                    passing_on=passing_on,
                    figures=figures.to_json(),
                    parts=parts,
                    complaints=figures.complaints,
                    refreshed_at=now,
                )
                for (org, month, passing_on), (figures, parts) in sorted(cells.items())
            ]
        )
        _service_months_apply(
            removed=[
                (pk, month, figures) for pk, _org, month, _passing_on, figures, _parts in removed
            ],
            added=[(c.pk, c.month, c.figures) for c in added],
        )
        DashboardMonthChange.objects.filter(pk__in=[pk for pk, *_mark in marks]).delete()


def dashboard_months_refresh(*, changes: QuerySet[DashboardMonthChange] | None = None) -> int:
    """Work out again the cells with a mark (of `changes`, or all). Returns how many."""
    changes = DashboardMonthChange.objects.all() if changes is None else changes
    keys = sorted(
        set(changes.order_by().values_list("organisation_id", "month").distinct()),
        # Month first: each chunk of cells then changes one or two months' totals, not
        # up to 100. By organisation, refreshing every cell of a million complaints
        # wrote about 27,000 versions of the 72 totals (now 508), which left their table
        # 9.6 MB long: 1,225 pages read by every national read of them.
        key=lambda key: (key[1], key[0]),
    )
    for start in range(0, len(keys), REFRESH_CHUNK):
        _refresh_chunk(keys[start : start + REFRESH_CHUNK])
    return len(keys)


# ---------------------------------------------------------------------------------------
# Every organisation's cells of a month added up, for the national dashboard.
# ---------------------------------------------------------------------------------------

SERVICE_MONTH_FIELDS = ("cells", "cells_id_sum", "figures", "refreshed_at")


def _service_month_rows() -> QuerySet[DashboardServiceMonth]:
    """The months' totals without their old complaints by organisation, which are kept
    for one release only and never read (about 5 KB of JSON a month nationally)."""
    return DashboardServiceMonth.objects.defer("organisations")


# The id sum of a total not added up yet: never that of real cells, so a reader that finds
# one adds its month up (its fingerprint differs), as does the refresh that made it.
NOT_ADDED_UP = -1


def _service_months_locked(months: list[date]) -> dict[date, DashboardServiceMonth]:
    """These months' totals, locked in month order; made, not yet added up, if missing.

    The missing rows are inserted before any row is locked, in one statement and in month
    order: a refresh and a reader that both make a month's first total then wait for each
    other in one order, never in a cycle (one holding a month's lock while inserting a
    row the other has inserted and is waiting to lock behind it).
    """
    months = sorted(months)
    now = timezone.now()
    # Totals are never deleted, so one found here is still there when locked below; only
    # the missing are inserted (an insert of every month burnt a sequence number each).
    found = set(DashboardServiceMonth.objects.filter(month__in=months).values_list("month"))
    missing = [month for month in months if (month,) not in found]
    if missing:
        DashboardServiceMonth.objects.bulk_create(
            [
                DashboardServiceMonth(
                    month=month, cells=0, cells_id_sum=NOT_ADDED_UP, refreshed_at=now
                )
                for month in missing
            ],
            ignore_conflicts=True,
        )
    return {
        row.month: row
        for row in _service_month_rows()
        .select_for_update()
        .filter(month__in=months)
        .order_by("month")
    }


def _service_months_add_up(rows: list[DashboardServiceMonth]) -> None:
    """Add up again, from their cells, these locked months' totals (two queries). Each
    keeps the count and id sum of the cells it came from, read in the same query."""
    now = timezone.now()
    cells: dict[date, list[tuple[int, dict[str, Any]]]] = {row.month: [] for row in rows}
    for pk, month, data in DashboardMonth.objects.filter(month__in=list(cells)).values_list(
        "pk", "month", "figures"
    ):
        cells[month].append((pk, data))
    for row in rows:
        found = cells[row.month]
        row.cells = len(found)
        row.cells_id_sum = sum(pk for pk, _data in found)
        row.figures = figures_sum(data for _pk, data in found).to_json()
        row.refreshed_at = now
    DashboardServiceMonth.objects.bulk_update(rows, fields=SERVICE_MONTH_FIELDS)


def _service_months_make(months: list[date]) -> dict[date, DashboardServiceMonth]:
    """Add up these months' cells (five queries, however many months). The months' rows
    are locked first, so no refresh applies a change between this read of the cells and
    this write, and none is written over."""
    with transaction.atomic():
        made = _service_months_locked(months)
        _service_months_add_up(list(made.values()))
    return made


Cell = tuple[int, date, dict[str, Any]]  # (id, month, figures)


def _service_months_apply(*, removed: list[Cell], added: list[Cell]) -> None:
    """In a refresh's transaction: take the replaced cells out of their months' totals and
    put the new ones in, so the national dashboard need not add the month up again.

    Each month's row is locked (in month order) so concurrent refreshes apply one after
    the other. The fingerprint changes by exactly the cells taken out and put in: a total
    that was right stays right, and one that was already behind stays behind (its
    fingerprint still differs) until a reader adds its month up again. A month with no
    total yet (its first cells) is added up from its cells, these included, so the
    national open counts (`dashboard_totals`) find it.
    """
    months = sorted({cell[1] for cell in removed} | {cell[1] for cell in added})
    rows = _service_months_locked(months).values()
    first = [row for row in rows if row.cells_id_sum == NOT_ADDED_UP]
    changed = [row for row in rows if row.cells_id_sum != NOT_ADDED_UP]
    for row in changed:
        plus = [cell for cell in added if cell[1] == row.month]
        minus = [cell for cell in removed if cell[1] == row.month]
        row.figures = figures_sum(
            [row.figures, *(cell[2] for cell in plus)], minus=[cell[2] for cell in minus]
        ).to_json()
        row.cells += len(plus) - len(minus)
        row.cells_id_sum += sum(cell[0] for cell in plus) - sum(cell[0] for cell in minus)
        row.refreshed_at = timezone.now()
    DashboardServiceMonth.objects.bulk_update(changed, fields=SERVICE_MONTH_FIELDS)
    if first:
        _service_months_add_up(first)


def dashboard_service_months(*, months: list[date]) -> list[DashboardServiceMonth]:
    """Every organisation's figures for these months (call after refreshing their stale
    cells). Two queries, and five more if any month's cells changed since it was last
    added up."""
    current = {
        month: (n, total or 0)
        for month, n, total in DashboardMonth.objects.filter(month__in=months)
        .order_by()
        .values("month")
        .annotate(n=Count("pk"), total=Sum("pk"))
        .values_list("month", "n", "total")
    }
    stored = {row.month: row for row in _service_month_rows().filter(month__in=months)}
    empty = MonthFigures().to_json()
    stale = []
    for month in months:
        if month in stored:
            fresh = (stored[month].cells, stored[month].cells_id_sum) == current.get(month, (0, 0))
            stale += [] if fresh else [month]
        elif month in current:
            stale.append(month)
        else:  # no complaints received that month: nothing to keep
            stored[month] = DashboardServiceMonth(month=month, figures=empty)
    if stale:
        stored.update(_service_months_make(stale))
    return [stored[month] for month in months]


def dashboard_service_months_all() -> int:
    """Add up every month that has cells again (the nightly refresh). Returns how many."""
    months = sorted(set(DashboardMonth.objects.order_by().values_list("month", flat=True)))
    for start in range(0, len(months), 12):
        _service_months_make(months[start : start + 12])
    return len(months)
