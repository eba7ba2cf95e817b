"""The dashboard's figures over a period, added up from the monthly cells.

The cells (`complaints.dashboard_months`) hold each organisation's complaints received in
a month. A member of staff's dashboard adds up their organisations' cells of the period;
the national one (a superuser's) adds up the whole service's months
(`DashboardServiceMonth`), 12 rows rather than one per organisation and month, and takes
the organisation chart from the cells' counts in their index. Days at
the edges of a period that does not start on the first of a month (or ends before the
month does) are counted from the complaints. `dashboard.dashboard_period_figures` stays
the reference the tests compare with.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Q, Sum
from django.utils import timezone

from complaints import workflow
from complaints.dashboard import (
    CODE_ACKNOWLEDGE_WORKING_DAYS,
    DashboardFigures,
    OpenCounts,
    Period,
    PeriodFigures,
    _median,
    complaints_in_period,
    dashboard_figures,
)
from complaints.dashboard_cells import MonthFigures, RowCounter, counted_rows, figures_sum
from complaints.dashboard_months import (
    REFRESH_CHUNK,
    dashboard_months_refresh,
    dashboard_service_months,
    month_period,
)
from complaints.models import (
    Complaint,
    DashboardMonth,
    DashboardMonthChange,
    DashboardServiceMonth,
)
from directory import routes
from directory.models import Organisation, VictimsCodeRight
from directory.selectors import in_central_triage, organisation_ids_for_user

logger = logging.getLogger(__name__)


@dataclass
class Parts:
    """What a period adds up: figures as stored, by month, and complaints by organisation."""

    months: list[tuple[date, dict[str, Any]]] = field(default_factory=list)
    by_organisation: Counter[str] = field(default_factory=Counter)

    def add(self, *, name: str, month: date, figures: dict[str, Any]) -> None:
        self.months.append((month, figures))
        self.by_organisation[name] += figures["complaints"]


def _split(period: Period) -> tuple[list[date], list[Period]]:
    """Months the cells cover whole, and the days at the edges counted directly. Nothing
    is received after today, so a month running from its first day to today is whole."""
    now = timezone.localdate()
    whole: list[date] = []
    edges: list[Period] = []
    for month in period.months():
        last = month_period(month).end
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


def _edges(*, user: Any, edges: list[Period], into: Parts) -> None:
    """The days at the edges of the period, counted from the complaints (two queries)."""
    if not edges:
        return
    found = complaints_in_period(user=user, period=edges[0])
    for edge in edges[1:]:
        found = found | complaints_in_period(user=user, period=edge)
    counter = RowCounter()
    parts: dict[tuple[str, date], MonthFigures] = {}
    by_pk: dict[int, MonthFigures] = {}
    for name, *row in counted_rows(found, "organisation__name"):
        key = (name, row[1].replace(day=1))
        figures = parts.get(key)
        if figures is None:  # not setdefault, which makes a MonthFigures for every row
            figures = parts[key] = MonthFigures()
        counter.add(figures, tuple(row))
        by_pk[row[0]] = figures
    through = Complaint.rights_not_met.through
    rights = through.objects.filter(
        complaint__in=found.filter(request_kind=routes.COMPLAINT)
    ).values_list("complaint_id", "victimscoderight_id")
    for complaint_id, right_id in rights:
        by_pk[complaint_id].rights[right_id] += 1
    for (name, month), figures in parts.items():
        into.add(name=name, month=month, figures=figures.to_json())


def _cells(*, user: Any, months: list[date], into: Parts) -> None:
    """The cells of these months this member of staff counts, refreshed if stale."""
    if not months:
        return
    scopes = _scopes(user)
    changes = DashboardMonthChange.objects.filter(month__in=months)
    if scopes is None:
        dashboard_months_refresh(changes=changes)
        _service(months=months, into=into)
        return
    cells = DashboardMonth.objects.filter(month__in=months).filter(scopes[0])
    dashboard_months_refresh(changes=changes.filter(scopes[1]))
    for name, month, figures in cells.values_list("organisation__name", "month", "figures"):
        into.add(name=name, month=month, figures=figures)


def _service(*, months: list[date], into: Parts) -> None:
    """Every organisation's months (the national dashboard): a row a month, and each
    organisation's complaints, added up by the database from the cells' counts in the
    months' index (about 500 organisations and 6,000 cells a year nationally)."""
    for row in dashboard_service_months(months=months):
        into.months.append((row.month, row.figures))
    for name, n in _organisation_totals(months):
        into.by_organisation[name] += n


def _organisation_totals(months: list[date]) -> list[tuple[str, int]]:
    """(name, complaints) of each organisation with cells in these months. Added up by
    organisation first, then named: PostgreSQL does not add up before a join, and naming
    6,000 cells before adding them up took twice as long (one query either way)."""
    if not months:  # an empty IN () cannot be written as SQL
        return []
    totals = (
        DashboardMonth.objects.filter(month__in=months)
        .order_by()
        .values("organisation_id")
        .annotate(n=Sum("complaints"))
        .values_list("organisation_id", "n")
    )
    sql, params = totals.query.sql_with_params()
    organisations = Organisation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT o.name, t.n FROM ({sql}) t JOIN {organisations} o"  # noqa: S608 - ours
            " ON o.id = t.organisation_id",
            params,
        )
        return list(cursor.fetchall())


def _sorted(counts: Counter[Any]) -> list[tuple[Any, int]]:
    return sorted(
        ((k, n) for k, n in counts.items() if n), key=lambda item: (-item[1], str(item[0]))
    )


def _assemble(*, period: Period, parts: Parts, today: date) -> PeriodFigures:
    total = figures_sum(figures for _month, figures in parts.months)
    by_month = dict.fromkeys(period.months(), 0)
    for month, figures in parts.months:
        by_month[month] += figures["complaints"]
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
        by_organisation=_sorted(parts.by_organisation),
        by_month=list(by_month.items()),
    )


def dashboard_months_period_figures(
    *, user: Any, period: Period, today: date | None = None
) -> PeriodFigures:
    """The same figures as `dashboard.dashboard_period_figures`, added up from the cells.

    Queries: the marks and the cells of the period (for a superuser, the whole service's
    months, their fingerprints and the organisations' complaints), the rights' numbers; a
    refresh adds a few per 100 stale cells, adding up a month again one, and days at the
    edges of the period two more.
    """
    today = today or timezone.localdate()
    whole, edges = _split(period)
    parts = Parts()
    _cells(user=user, months=whole, into=parts)
    _edges(user=user, edges=edges, into=parts)
    return _assemble(period=period, parts=parts, today=today)


# ---------------------------------------------------------------------------------------
# What needs doing now, nationally.
# ---------------------------------------------------------------------------------------


def _service_open_counts(*, today: date) -> OpenCounts | None:
    """The whole service's open, overdue and due-soon requests, added up from every
    month's total (72 rows for six years), or None if a total cannot tell: one with
    cells of a release before the open counts. Call after refreshing every stale cell.

    Each total is trusted as it stands: checking every month's fingerprint against its
    cells reads every cell's index entry (36,000 at a million complaints, about as long
    as counting the open complaints themselves). A refresh in this release gives a month
    with cells its total and keeps it right; what can leave a total behind (cells
    written outside the services, an organisation deleted with a stale cell, a server of
    an earlier release still running) is put right by `dashboard_months_refresh`, which
    adds up every month again nightly, and by `--all` (docs/operations.md).

    Reading the open complaints' index instead took 6 ms at a million, and 16 ms once
    the open complaints, the ones that change, had made their pages need checking in the
    table.
    """
    rows = list(
        DashboardServiceMonth.objects.values_list(
            "cells", "figures__open_counted", "figures__open_due"
        )
    )
    # A month with no cells left has nothing open, whichever release added it up.
    if any(cells and counted != cells for cells, counted, _due in rows):
        logger.info("National open counts read from the complaints: a total predates them.")
        return None
    by_due: Counter[str] = Counter()
    for _cells, _counted, month_by_due in rows:
        by_due.update(month_by_due or {})
    # The staff list's own rule, once per deadline (a few hundred), not per complaint.
    overdue = due_soon = 0
    for key, n in by_due.items():
        due = date.fromisoformat(key) if key else None  # "": no deadline
        overdue += n if workflow.is_overdue(due, today) else 0
        due_soon += n if workflow.is_due_soon(due, today) else 0
    return OpenCounts(open=sum(by_due.values()), overdue=overdue, due_soon=due_soon)


# More stale cells than this (after a bulk change, `--all`, or with the task worker
# stopped) are left to the worker and the refresh command, and a superuser's counts are
# read from the open complaints meanwhile: the page must not work out a backlog.
STALE_LIMIT = REFRESH_CHUNK


def dashboard_now_figures(*, user: Any, today: date | None = None) -> DashboardFigures:
    """What needs doing now (`dashboard.dashboard_figures`). A superuser's counts are added
    up from the months' totals, after refreshing every stale cell (any month may hold
    open complaints); anyone else's come from their organisations' open complaints,
    whose index their own organisations keep small."""
    today = today or timezone.localdate()
    counts = None
    if _scopes(user) is None:
        stale = DashboardMonthChange.objects.values_list("organisation_id", "month")
        if len(stale.distinct().order_by()[: STALE_LIMIT + 1]) <= STALE_LIMIT:
            dashboard_months_refresh()
            counts = _service_open_counts(today=today)
        else:
            logger.info("National open counts read from the complaints: cells are stale.")
    return dashboard_figures(user=user, today=today, counts=counts)
