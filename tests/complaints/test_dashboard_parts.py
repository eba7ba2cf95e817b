"""A large dashboard cell keeps its figures by day received: a refresh after a change
counts again only that day's complaints, and the figures stay those of counting every
complaint. (`test_dashboard_months` runs its random mix of changes this way too.)"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints import dashboard, dashboard_months, dashboard_parts, services
from complaints.dashboard_months import dashboard_months_refresh
from complaints.dashboard_totals import dashboard_months_period_figures
from complaints.models import DashboardMonth, DashboardMonthChange
from complaints.workflow import Status
from tests.complaints.builders import complaint_build, organisation_build, staff_build

LONDON = ZoneInfo("Europe/London")
DAYS = (1, 2, 3, 9, 9)  # two complaints on the 9th


def _last_month() -> date:
    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


@pytest.fixture
def month(db, monkeypatch):
    """Five complaints of one force received last month, on four days; cells of four
    complaints or more keep parts."""
    monkeypatch.setattr(dashboard_parts, "PARTS_FROM", 4)
    force = organisation_build(name="Alpha Police")
    first = _last_month()
    complaints = [
        complaint_build(
            force, received_at=datetime(first.year, first.month, day, 10, tzinfo=LONDON)
        )
        for day in DAYS
    ]
    dashboard_months_refresh()
    superuser = staff_build(username="root", is_superuser=True)
    return force, superuser, complaints


@pytest.fixture
def rows_read(monkeypatch) -> list[int]:
    """How many complaints each refresh reads."""
    read: list[int] = []
    count = dashboard_months.dashboard_parts_count

    def counting(*, plan, rows, rights):
        rows = list(rows)
        read.append(len(rows))
        return count(plan=plan, rows=rows, rights=rights)

    monkeypatch.setattr(dashboard_months, "dashboard_parts_count", counting)
    return read


def _assert_same(user) -> None:
    today = timezone.localdate()
    for period in (
        dashboard.period_default(today=today),
        dashboard.Period(start=_last_month(), end=today),
    ):
        direct = dashboard.dashboard_period_figures(user=user, period=period)
        assert dashboard_months_period_figures(user=user, period=period) == direct


def _cell(force) -> DashboardMonth:
    return DashboardMonth.objects.get(organisation=force, month=_last_month())


def test_a_large_cell_keeps_its_figures_by_day(month):
    force, superuser, _complaints = month
    cell = _cell(force)
    first = _last_month()
    assert list(cell.parts) == [first.replace(day=d).isoformat() for d in (1, 2, 3, 9)]
    assert [part["complaints"] for part in cell.parts.values()] == [1, 1, 1, 2]
    assert cell.figures["complaints"] == 5
    _assert_same(superuser)


def test_a_change_counts_again_only_the_complaints_of_its_day(month, rows_read):
    force, superuser, complaints = month
    services.complaint_acknowledge(complaint_id=complaints[3].pk, actor=superuser)
    assert DashboardMonthChange.objects.get().day == _last_month().replace(day=9)
    dashboard_months_refresh()
    assert rows_read == [2]  # the two complaints of the 9th, not the month's five
    ninth = _cell(force).parts[_last_month().replace(day=9).isoformat()]
    assert ninth["statuses"] == {Status.ACKNOWLEDGED: 1, Status.RECEIVED: 1}
    _assert_same(superuser)


def test_a_small_cell_keeps_no_parts_and_is_counted_whole(month, rows_read, monkeypatch):
    force, superuser, complaints = month
    monkeypatch.setattr(dashboard_parts, "PARTS_FROM", 6)
    DashboardMonthChange.objects.create(organisation=force, month=_last_month())
    dashboard_months_refresh()
    assert _cell(force).parts is None
    services.complaint_acknowledge(complaint_id=complaints[0].pk, actor=superuser)
    dashboard_months_refresh()
    assert rows_read == [5, 5]
    _assert_same(superuser)


def test_a_mark_naming_no_day_counts_the_whole_month(month, rows_read):
    """As marking everything does, and a server of the release before 0026."""
    force, superuser, complaints = month
    services.complaint_acknowledge(complaint_id=complaints[0].pk, actor=superuser)
    DashboardMonthChange.objects.create(organisation=force, month=_last_month())
    dashboard_months_refresh()
    assert rows_read == [5]
    assert len(_cell(force).parts) == 4
    _assert_same(superuser)


def test_a_cell_written_without_parts_is_counted_whole_then_by_day(month, rows_read):
    """A cell a server of the release before 0026 wrote keeps no parts: the next change
    counts its whole month, and gives it parts for the one after."""
    force, superuser, complaints = month
    DashboardMonth.objects.update(parts=None)
    services.complaint_acknowledge(complaint_id=complaints[0].pk, actor=superuser)
    dashboard_months_refresh()
    assert len(_cell(force).parts) == 4
    services.complaint_acknowledge(complaint_id=complaints[1].pk, actor=superuser)
    dashboard_months_refresh()
    assert rows_read == [5, 1]
    _assert_same(superuser)


def test_a_day_whose_complaints_all_move_away_loses_its_part(month, rows_read):
    force, superuser, complaints = month
    bravo = organisation_build(name="Bravo Police")
    services.complaint_transfer(
        complaint_id=complaints[0].pk,
        actor=superuser,
        to_organisation_id=bravo.pk,
        reason="Theirs.",
    )
    dashboard_months_refresh()
    assert rows_read == [1]  # the 1st: nothing left of Alpha's, and Bravo's first cell
    assert _last_month().isoformat() not in _cell(force).parts
    assert _cell(force).figures["complaints"] == 4
    assert DashboardMonth.objects.get(organisation=bravo).figures["complaints"] == 1
    _assert_same(superuser)


def test_a_cell_whose_complaints_all_move_away_is_removed(month):
    force, superuser, complaints = month
    bravo = organisation_build(name="Bravo Police")
    for complaint in complaints:
        services.complaint_transfer(
            complaint_id=complaint.pk,
            actor=superuser,
            to_organisation_id=bravo.pk,
            reason="Theirs.",
        )
    dashboard_months_refresh()
    assert not DashboardMonth.objects.filter(organisation=force).exists()
    assert DashboardMonth.objects.get(organisation=bravo).figures["complaints"] == 5
    _assert_same(superuser)


def _refresh_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        assert dashboard_months_refresh() == 1
    return len(queries.captured_queries)


def test_a_refresh_by_day_takes_as_many_queries_as_a_whole_month(month, monkeypatch):
    """The benchmark compares the same page at 1,000 complaints (cells counted whole)
    and at a million (the largest by day): the queries must not differ."""
    force, superuser, complaints = month
    services.complaint_acknowledge(complaint_id=complaints[0].pk, actor=superuser)
    by_day = _refresh_queries()
    monkeypatch.setattr(dashboard_parts, "PARTS_FROM", 6)
    DashboardMonthChange.objects.create(organisation=force, month=_last_month())
    dashboard_months_refresh()  # now without parts
    services.complaint_acknowledge(complaint_id=complaints[1].pk, actor=superuser)
    assert _refresh_queries() == by_day


def test_more_days_marked_than_the_limit_count_the_whole_month(month, rows_read, monkeypatch):
    force, superuser, complaints = month
    monkeypatch.setattr(dashboard_parts, "PARTS_DAYS_MAX", 1)
    for complaint in complaints[:2]:  # the 1st and the 2nd
        services.complaint_acknowledge(complaint_id=complaint.pk, actor=superuser)
    dashboard_months_refresh()
    assert rows_read == [5]
    _assert_same(superuser)


def test_a_cell_keeps_its_days_when_it_shrinks_until_worked_out_whole(month, rows_read):
    force, superuser, complaints = month
    bravo = organisation_build(name="Bravo Police")
    for complaint in complaints[3:]:  # the two of the 9th: three are left, fewer than 4
        services.complaint_transfer(
            complaint_id=complaint.pk,
            actor=superuser,
            to_organisation_id=bravo.pk,
            reason="Theirs.",
        )
    dashboard_months_refresh()
    assert len(_cell(force).parts) == 3
    _assert_same(superuser)
    DashboardMonthChange.objects.create(organisation=force, month=_last_month())
    dashboard_months_refresh()
    assert _cell(force).parts is None
    _assert_same(superuser)


def test_a_day_is_the_uk_day_at_midnight_in_summer_time(db, rows_read, monkeypatch):
    """00:30 on 15 July in London is 23:30 on the 14th in UTC: the mark (Python) and the
    cell's days (the database) must both call it the 15th, or a change would count the
    wrong day again."""
    monkeypatch.setattr(dashboard_parts, "PARTS_FROM", 4)
    force = organisation_build(name="Alpha Police")
    moments = [
        datetime(2026, 7, 14, 23, 30, tzinfo=LONDON),
        datetime(2026, 7, 15, 0, 30, tzinfo=LONDON),
        datetime(2026, 7, 15, 12, 0, tzinfo=LONDON),
        datetime(2026, 7, 16, 10, 0, tzinfo=LONDON),
    ]
    complaints = [complaint_build(force, received_at=moment) for moment in moments]
    dashboard_months_refresh()
    cell = DashboardMonth.objects.get(organisation=force, month=date(2026, 7, 1))
    days = {day: part["complaints"] for day, part in cell.parts.items()}
    assert days == {"2026-07-14": 1, "2026-07-15": 2, "2026-07-16": 1}
    superuser = staff_build(username="root", is_superuser=True)
    services.complaint_acknowledge(complaint_id=complaints[1].pk, actor=superuser)
    assert DashboardMonthChange.objects.get().day == date(2026, 7, 15)
    dashboard_months_refresh()
    assert rows_read[-1] == 2
    period = dashboard.Period(start=date(2026, 7, 1), end=date(2026, 7, 31))
    direct = dashboard.dashboard_period_figures(user=superuser, period=period)
    assert dashboard_months_period_figures(user=superuser, period=period) == direct
