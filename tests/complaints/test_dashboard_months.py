"""The dashboard's monthly cells: the same figures as counting every complaint, after any
mix of changes, on any later day, for every kind of member of staff."""

from __future__ import annotations

import contextlib
import random
import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints import dashboard, dashboard_months, dashboard_parts, services
from complaints.dashboard_months import (
    dashboard_months_mark_all,
    dashboard_months_refresh,
    month_of,
)
from complaints.dashboard_totals import dashboard_months_period_figures, dashboard_now_figures
from complaints.models import Channel, DashboardMonth, DashboardMonthChange, DashboardServiceMonth
from complaints.services import ActionRefused, InvalidInput
from complaints.workflow import Status
from directory.models import OrganisationType, VictimsCodeRight
from tests.complaints.builders import complaint_build, organisation_build, staff_build
from tests.complaints.triage_setup import handler_build

LONDON = ZoneInfo("Europe/London")
SUBJECTS = ["service", "commissioner", "no_further_action"]


def _received(rng: random.Random, today: date) -> datetime:
    """A moment in the last 14 months, sometimes right at a month's edge."""
    day = today - timedelta(days=rng.randrange(0, 420))
    if rng.random() < 0.2:
        day = day.replace(day=1)
        return datetime(day.year, day.month, 1, 0, 5, tzinfo=LONDON)
    return datetime(day.year, day.month, day.day, rng.randrange(0, 24), tzinfo=LONDON)


def _build(rng: random.Random, organisations: list, rights: list, today: date):
    complaint = complaint_build(
        rng.choice(organisations),
        received_at=min(_received(rng, today), timezone.now()),
        request_kind="complaint" if rng.random() < 0.85 else "vrr",
        channel=rng.choice(list(Channel)),
        about_org_type=OrganisationType.POLICE_FORCE,
        about_subject=rng.choice(SUBJECTS),
        acknowledgement_due=today + timedelta(days=rng.randrange(-60, 20)),
        response_due=today + timedelta(days=rng.randrange(-60, 40)),
        pass_on="to_pass_on" if rng.random() < 0.1 else "",
    )
    complaint.rights_not_met.set(rng.sample(rights, min(len(rights), rng.randrange(0, 3))))
    return complaint


def _operate(rng: random.Random, complaint, others: list, organisations: list, actor) -> None:
    """One service operation, chosen at random; refusals are part of the mix."""
    pk = complaint.pk
    operations = [
        lambda: services.complaint_acknowledge(complaint_id=pk, actor=actor),
        lambda: services.complaint_start_investigation(complaint_id=pk, actor=actor),
        lambda: services.complaint_record_response(complaint_id=pk, actor=actor, note="Sent."),
        lambda: services.complaint_close(complaint_id=pk, actor=actor),
        lambda: services.complaint_reopen(complaint_id=pk, actor=actor, reason="More."),
        lambda: services.complaint_withdraw(complaint_id=pk, actor=actor),
        lambda: services.complaint_transfer(
            complaint_id=pk,
            actor=actor,
            to_organisation_id=rng.choice(organisations).pk,
            reason="Theirs.",
        ),
        lambda: services.complaint_merge(
            complaint_id=pk, into_reference=rng.choice(others).reference, actor=actor
        ),
        lambda: services.complaint_deadline_extend(
            complaint_id=pk,
            actor=actor,
            new_due=timezone.localdate() + timedelta(days=rng.randrange(1, 60)),
            reason="Waiting for a statement.",
        ),
        lambda: _ask_and_maybe_reply(rng, pk, actor),
    ]
    with contextlib.suppress(ActionRefused, InvalidInput):
        rng.choice(operations)()


def _ask_and_maybe_reply(rng: random.Random, pk: int, actor) -> None:
    request = services.information_request_ask(
        complaint_id=pk, actor=actor, question="Which day?", reason="We need the date."
    )
    if rng.random() < 0.6:
        services.information_request_reply(
            complaint_id=pk, request_id=request.pk, text="The Tuesday."
        )


def _periods(today: date) -> list[dashboard.Period]:
    month = today.replace(day=1)
    return [
        dashboard.period_default(today=today),
        dashboard.Period(start=month, end=today),  # this month so far
        dashboard.Period(start=today - timedelta(days=200), end=today - timedelta(days=17)),
        dashboard.Period(start=date(today.year - 2, 1, 1), end=today + timedelta(days=30)),
    ]


@pytest.fixture
def mixed(db):
    rng = random.Random(20261201)  # noqa: S311 - a repeatable mix, not a secret
    alpha = organisation_build(name="Alpha Police")
    bravo = organisation_build(name="Bravo Police")
    charlie = organisation_build(name="Charlie Council", org_type=OrganisationType.COUNCIL)
    triage = organisation_build(name="Triage", org_type=OrganisationType.CENTRAL_TRIAGE)
    organisations = [alpha, bravo, charlie]
    rights = [
        VictimsCodeRight.objects.get_or_create(number=n, defaults={"title": f"Right {n}"})[0]
        for n in range(1, 7)
    ]
    today = timezone.localdate()
    complaints = [_build(rng, organisations, rights, today) for _n in range(60)]
    superuser = staff_build(username="root", is_superuser=True)
    users = {
        "superuser": superuser,
        "alpha": handler_build(alpha, username="alice"),
        "alpha and bravo": handler_build(alpha, bravo, username="ab"),
        "triage": handler_build(triage, username="tri"),
        "inactive superuser": staff_build(username="gone", is_superuser=True, is_active=False),
    }
    return rng, organisations, complaints, superuser, users


def _assert_same(users: dict, today: date) -> None:
    for name, user in users.items():
        for period in _periods(timezone.localdate()):
            direct = dashboard.dashboard_period_figures(user=user, period=period, today=today)
            rolled = dashboard_months_period_figures(user=user, period=period, today=today)
            assert rolled == direct, (name, period, today)


def _assert_open_same(superuser, today: date) -> None:
    """The national open, overdue and due-soon counts added up from the months' totals
    equal a count of the open complaints themselves, and read none of them."""
    with CaptureQueriesContext(connection) as queries:
        rolled = dashboard_now_figures(user=superuser, today=today)
    direct = dashboard.dashboard_figures(user=superuser, today=today)
    assert rolled == direct, today
    assert not [q for q in queries.captured_queries if 'AS "open"' in q["sql"]]


def _parts_from(monkeypatch, parts_from: int | None) -> list[dashboard_parts.Plan]:
    """Cells keep parts from this many complaints (None: as in service, which the tests'
    few complaints never reach). Returns the refreshes' plans, as they are made."""
    plans: list[dashboard_parts.Plan] = []
    if parts_from is not None:
        monkeypatch.setattr(dashboard_parts, "PARTS_FROM", parts_from)

    def planned(**kwargs):
        plans.append(dashboard_parts.dashboard_parts_plan(**kwargs))
        return plans[-1]

    monkeypatch.setattr(dashboard_months, "dashboard_parts_plan", planned)
    return plans


@pytest.mark.parametrize("parts_from", [None, 1], ids=["whole months", "large cells by day"])
def test_cells_equal_the_direct_count_after_a_random_mix_of_changes(mixed, monkeypatch, parts_from):
    plans = _parts_from(monkeypatch, parts_from)
    rng, organisations, complaints, superuser, users = mixed
    today = timezone.localdate()
    _assert_same(users, today)  # cells worked out for the first time
    _assert_open_same(superuser, today)
    for round_number in range(4):
        for complaint in rng.sample(complaints, 25):
            others = [c for c in complaints if c.pk != complaint.pk]
            _operate(rng, complaint, others, organisations, superuser)
        if round_number == 2:
            # More complaints arrive, some in cells already worked out.
            complaints += [_build(rng, organisations, [], today) for _n in range(10)]
        if round_number == 1:  # the open counts first: they refresh any month's cells
            _assert_open_same(superuser, today)
        _assert_same(users, today)
        _assert_open_same(superuser, today)
    assert not DashboardMonthChange.objects.exists()
    # Days later, with nothing refreshed: what is late now differs, and still agrees.
    for later in (today + timedelta(days=9), today + timedelta(days=45)):
        _assert_same(users, later)
        _assert_open_same(superuser, later)
    assert not DashboardMonthChange.objects.exists()
    # Each change was counted again for its day alone once its cell kept parts.
    by_day = sum(len(plan.days) for plan in plans)  # cells counted again by day
    assert (by_day > 20) if parts_from else by_day == 0
    if parts_from:
        assert all(cell.parts for cell in DashboardMonth.objects.all())


def test_the_open_counts_include_every_month_and_every_kind_of_request(db):
    """Open requests of any kind count, however long ago they were received (long
    before the dashboard's period), and those with no deadline count as open only."""
    org = organisation_build()
    superuser = staff_build(username="root", is_superuser=True)
    today = timezone.localdate()
    long_ago = timezone.now() - timedelta(days=3 * 365)
    complaint_build(org, received_at=long_ago, acknowledgement_due=today - timedelta(days=1))
    complaint_build(
        org,
        received_at=long_ago,
        request_kind="vrr",
        status=Status.ACKNOWLEDGED,
        response_due=today,
    )
    complaint_build(org, status=Status.ACKNOWLEDGED, response_due=None)
    complaint_build(org, status=Status.CLOSED, response_due=today)
    figures = dashboard_now_figures(user=superuser, today=today)
    assert (figures.open_count, figures.overdue_count, figures.due_soon_count) == (3, 1, 1)
    _assert_open_same(superuser, today)


def test_a_months_first_cells_give_it_a_total_in_the_same_refresh(db):
    """So every month with cells has a total for the national open counts to add up,
    even a month no dashboard's period has read."""
    org = organisation_build()
    received = timezone.now() - timedelta(days=5 * 365)
    complaint = complaint_build(org, received_at=received)
    dashboard_months_refresh()
    total = DashboardServiceMonth.objects.get(month=month_of(received))
    cell = DashboardMonth.objects.get(month=total.month)
    assert (total.cells, total.cells_id_sum) == (1, cell.pk)
    assert total.figures["open_counted"] == 1
    assert sum(total.figures["open_due"].values()) == 1
    services.complaint_withdraw(complaint_id=complaint.pk, actor=staff_build(is_superuser=True))
    dashboard_months_refresh()
    total.refresh_from_db()
    assert (total.figures["open_counted"], total.figures["open_due"]) == (1, {})


def test_totals_with_cells_of_the_release_before_are_not_used_for_the_open_counts(mixed):
    """A cell worked out before the open counts were kept has none: until it is worked
    out again its month's total cannot say how many are open, and the counts are read
    from the open complaints as before. The nightly refresh works such cells out again."""
    from django.core.management import call_command

    from complaints.dashboard_months import dashboard_service_months_all

    _rng, _organisations, _complaints, superuser, _users = mixed
    today = timezone.localdate()
    dashboard_months_refresh()
    old = DashboardMonth.objects.order_by("month").first()
    old.figures = {k: v for k, v in old.figures.items() if k not in ("open_due", "open_counted")}
    old.save()
    dashboard_service_months_all()  # its month added up again, old cell and all
    with CaptureQueriesContext(connection) as queries:
        rolled = dashboard_now_figures(user=superuser, today=today)
    assert rolled == dashboard.dashboard_figures(user=superuser, today=today)
    assert [q for q in queries.captured_queries if 'AS "open"' in q["sql"]]  # the fallback
    call_command("dashboard_months_refresh")  # nightly, without --all
    _assert_open_same(superuser, today)


def test_an_empty_months_total_of_the_release_before_is_no_reason_to_fall_back(db):
    """A month whose cells have all gone has nothing open, whichever release added it up."""
    org = organisation_build()
    superuser = staff_build(username="root", is_superuser=True)
    complaint_build(org, acknowledgement_due=timezone.localdate())
    dashboard_months_refresh()
    DashboardServiceMonth.objects.create(
        month=date(2020, 1, 1), cells=0, cells_id_sum=0, figures={}, refreshed_at=timezone.now()
    )
    _assert_open_same(superuser, timezone.localdate())


def test_a_backlog_of_stale_cells_is_left_to_the_worker_not_the_page(db, monkeypatch):
    """After a bulk change or with the worker stopped, a superuser's page reads the open
    counts from the complaints rather than working out every stale cell first."""
    from complaints import dashboard_totals

    monkeypatch.setattr(dashboard_totals, "STALE_LIMIT", 2)
    superuser = staff_build(username="root", is_superuser=True)
    for n in range(3):
        received = timezone.now() - timedelta(days=400 + 31 * n)  # before the period
        complaint_build(organisation_build(name=f"Force {n}"), received_at=received)
    with CaptureQueriesContext(connection) as queries:
        rolled = dashboard_now_figures(user=superuser)
    assert rolled.open_count == 3
    assert [q for q in queries.captured_queries if 'AS "open"' in q["sql"]]
    assert DashboardMonthChange.objects.count() == 3  # left for the worker


def test_a_change_marks_only_its_cells_and_a_read_refreshes_them(mixed):
    _rng, organisations, complaints, superuser, users = mixed
    dashboard_months_refresh()
    assert not DashboardMonthChange.objects.exists()
    complaint = next(c for c in complaints if c.status == Status.RECEIVED)
    target = next(o for o in organisations if o.pk != complaint.organisation_id)
    services.complaint_transfer(
        complaint_id=complaint.pk, actor=superuser, to_organisation_id=target.pk, reason="Theirs."
    )
    marked = set(DashboardMonthChange.objects.values_list("organisation_id", flat=True))
    assert marked == {complaint.organisation_id, target.pk}
    _assert_same(users, timezone.localdate())
    assert not DashboardMonthChange.objects.exists()


def test_marking_everything_after_a_bulk_load_gives_the_same_figures(mixed):
    _rng, _organisations, _complaints, _superuser, users = mixed
    dashboard_months_refresh()
    DashboardMonth.objects.all().delete()  # as if loaded outside the services
    assert dashboard_months_mark_all() > 0
    assert dashboard_months_refresh() > 0
    _assert_same(users, timezone.localdate())


def _count_queries(user, period: dashboard.Period) -> int:
    with CaptureQueriesContext(connection) as queries:
        dashboard_months_period_figures(user=user, period=period)
    return len(queries.captured_queries)


@pytest.mark.parametrize("who", ["superuser", "alpha and bravo", "triage"])
def test_queries_do_not_grow_with_complaints_or_stale_cells(mixed, who):
    rng, organisations, complaints, _superuser, users = mixed
    user = users[who]
    today = timezone.localdate()
    period = dashboard.period_default(today=today)
    dashboard_months_refresh()
    _count_queries(user, period)  # the memberships, read once per request
    fresh = _count_queries(user, period)
    complaint_build(organisations[0], received_at=timezone.now())  # one stale cell
    one_stale = _count_queries(user, period)
    assert _count_queries(user, period) == fresh
    for _n in range(80):
        _build(rng, organisations, list(VictimsCodeRight.objects.all()[:3]), today)
    assert DashboardMonthChange.objects.values("organisation", "month").distinct().count() > 10
    # No more than for one stale cell (fewer for a superuser when that cell was the first
    # of its month: the month's national total was then added up whole, two queries).
    assert _count_queries(user, period) <= one_stale
    assert _count_queries(user, period) == fresh


def test_a_period_with_edges_counts_the_edge_days_directly(mixed):
    _rng, _organisations, _complaints, _superuser, users = mixed
    today = timezone.localdate()
    edges = dashboard.Period(start=today - timedelta(days=200), end=today - timedelta(days=17))
    whole = dashboard.Period(start=edges.start.replace(day=1), end=today)
    user = users["alpha"]
    dashboard_months_period_figures(user=user, period=whole)  # refresh
    # Two more queries for the edges (their complaints and their rights), whatever the size.
    assert _count_queries(user, edges) == _count_queries(user, whole) + 2


def test_the_refresh_command_works_out_every_month(mixed):
    from django.core.management import call_command

    _rng, _organisations, _complaints, _superuser, users = mixed
    DashboardMonth.objects.all().delete()
    DashboardMonthChange.objects.all().delete()  # nothing marked: as after a bulk load
    call_command("dashboard_months_refresh", "--all")
    assert not DashboardMonthChange.objects.exists()
    assert DashboardMonth.objects.exists()
    _assert_same(users, timezone.localdate())


def test_the_national_dashboard_reads_a_row_a_month_not_a_cell_per_organisation(mixed):
    _rng, _organisations, _complaints, superuser, users = mixed
    period = dashboard.period_default(today=timezone.localdate())
    dashboard_months_period_figures(user=superuser, period=period)
    # Every month of the period with complaints; an empty month keeps no row.
    with_cells = set(DashboardMonth.objects.values_list("month", flat=True))
    months = set(DashboardServiceMonth.objects.values_list("month", flat=True))
    assert months == with_cells & set(period.months())
    with CaptureQueriesContext(connection) as queries:
        dashboard_months_period_figures(user=superuser, period=period)
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "complaints_dashboardservicemonth" in read
    # The organisations' cells are only counted (their fingerprint), never read whole,
    # and the months' old complaints by organisation (kept one release) are never read.
    assert '"complaints_dashboardmonth"."figures"' not in read
    assert '"complaints_dashboardservicemonth"."organisations"' not in read
    _assert_same(users, timezone.localdate())


def _adds_up_a_month(sql: str) -> bool:
    """Whether this query reads a whole month's cells' figures, to add the month up."""
    return (
        sql.startswith("SELECT")
        and '"complaints_dashboardmonth"."figures"' in sql
        and '"complaints_dashboardmonth"."month" IN' in sql
    )


def test_a_refresh_by_any_member_of_staff_keeps_the_national_totals_right(mixed):
    _rng, organisations, _complaints, superuser, users = mixed
    today = timezone.localdate()
    period = dashboard.period_default(today=today)
    received = timezone.now() - timedelta(days=20)
    complaint_build(organisations[0], received_at=received)
    dashboard_months_period_figures(user=superuser, period=period)
    complaint_build(organisations[0], received_at=received)
    complaint_build(organisations[1], received_at=received)
    # Alpha's member of staff reads first: refreshing their cell puts the change into the
    # month's national total too (Bravo's cell is still stale).
    dashboard_months_period_figures(user=users["alpha"], period=period)
    with CaptureQueriesContext(connection) as queries:
        figures = dashboard_months_period_figures(user=superuser, period=period)
    # Bravo's cell refreshed likewise; the month was never added up again from its cells.
    assert not any(_adds_up_a_month(q["sql"]) for q in queries)
    assert figures == dashboard.dashboard_period_figures(user=superuser, period=period)
    _assert_same(users, today)


def test_a_total_written_last_from_older_cells_is_not_trusted(mixed):
    """Two readers add up the same month at once and the one that read the older cells
    writes last: its fingerprint no longer matches the cells, so the next read adds the
    month up again rather than showing the older total."""
    _rng, _organisations, complaints, superuser, users = mixed
    today = timezone.localdate()
    period = dashboard.period_default(today=today)
    dashboard_months_period_figures(user=superuser, period=period)
    complaint = next(c for c in complaints if c.received_at >= timezone.now() - timedelta(days=60))
    month = complaint.received_at.astimezone(LONDON).date().replace(day=1)
    older = DashboardServiceMonth.objects.get(month=month)
    complaint_build(complaint.organisation, received_at=complaint.received_at)
    dashboard_months_period_figures(user=superuser, period=period)
    newer = DashboardServiceMonth.objects.get(month=month)
    assert newer.figures["kinds"] != older.figures["kinds"]
    older.save()  # the slow reader's older total lands last
    _assert_same(users, today)
    assert DashboardServiceMonth.objects.get(month=month).figures == newer.figures


def test_the_refresh_command_adds_up_every_month_of_the_service(mixed):
    from django.core.management import call_command

    _rng, _organisations, _complaints, superuser, users = mixed
    call_command("dashboard_months_refresh")
    months = set(DashboardMonth.objects.values_list("month", flat=True))
    assert set(DashboardServiceMonth.objects.values_list("month", flat=True)) == months
    period = dashboard.period_default(today=timezone.localdate())
    with CaptureQueriesContext(connection) as queries:
        dashboard_months_period_figures(user=superuser, period=period)
    # Fresh totals: nothing is added up again (no upsert) on the first read.
    assert not any("INSERT" in q["sql"] for q in queries.captured_queries)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("parts_from", [None, 1], ids=["whole months", "large cells by day"])
def test_refreshes_of_one_month_at_once_keep_the_national_total_right(monkeypatch, parts_from):
    """Four organisations' cells of a month, and of a month with no total yet, refreshed
    at the same moment while the national dashboard is read: each refresh waits for the
    month's row in turn, and none deadlocks or loses another's change."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no race")
    plans = _parts_from(monkeypatch, parts_from)
    from tests.concurrency import run_at_once

    organisations = [organisation_build(name=f"Force {n}") for n in range(4)]
    superuser = staff_build(username="root", is_superuser=True)
    period = dashboard.period_default(today=timezone.localdate())
    received = timezone.now() - timedelta(days=20)
    for organisation in organisations:
        complaint_build(organisation, received_at=received)
    dashboard_months_period_figures(user=superuser, period=period)
    errors: list[BaseException] = []
    for round_number in range(3):
        # And a month with no total yet: each refresh makes it while holding the first
        # month's, and the reader makes it too; they must not wait for each other.
        first_of_a_month = received - timedelta(days=31 * (round_number + 1))
        for organisation in organisations:
            complaint_build(organisation, received_at=received)
            complaint_build(organisation, received_at=first_of_a_month)
        queue = [*organisations, None]  # None: the superuser reads the dashboard
        guard = threading.Lock()

        def refresh_one(queue: list = queue, guard: threading.Lock = guard) -> None:
            with guard:
                organisation = queue.pop()
            try:
                if organisation is None:
                    dashboard_months_period_figures(user=superuser, period=period)
                else:
                    marks = DashboardMonthChange.objects.filter(organisation=organisation)
                    dashboard_months_refresh(changes=marks)
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)

        run_at_once(refresh_one, threads=5)
        assert errors == []
        # Right as stored, not repaired by the next read: the month's total still matches
        # its cells (count and id sum), so no change was written over.
        for moment in (received, first_of_a_month):
            total = DashboardServiceMonth.objects.get(month=month_of(moment))
            cells = DashboardMonth.objects.filter(month=total.month).values_list("pk", flat=True)
            assert (total.cells, total.cells_id_sum) == (len(cells), sum(cells))
        _assert_open_same(superuser, timezone.localdate())
        assert dashboard_months_period_figures(
            user=superuser, period=period
        ) == dashboard.dashboard_period_figures(user=superuser, period=period)
    # With every cell kept by day, the later rounds' refreshes read only their days.
    assert any(plan.days for plan in plans) == bool(parts_from)


def test_once_a_change_is_committed_the_task_worker_works_its_cells_out(
    mixed, django_capture_on_commit_callbacks
):
    _rng, organisations, complaints, superuser, users = mixed
    dashboard_months_refresh()
    complaint = next(c for c in complaints if c.status == Status.RECEIVED)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_acknowledge(complaint_id=complaint.pk, actor=superuser)
    # The test task backend runs the task at once; in production the worker does, soon after.
    assert not DashboardMonthChange.objects.exists()
    cell = DashboardMonth.objects.get(
        organisation_id=complaint.organisation_id,
        month=complaint.received_at.astimezone(LONDON).date().replace(day=1),
        passing_on=bool(complaint.pass_on),
    )
    assert cell.figures["statuses"].get(Status.ACKNOWLEDGED, 0) >= 1
    _assert_same(users, timezone.localdate())


def test_the_worker_sends_emails_before_it_refreshes_the_dashboard():
    """After the worker was stopped, or a bulk change, refreshes must wait behind emails."""
    from complaints import dashboard_months
    from complaints.emails import send_email

    assert dashboard_months.dashboard_months_refresh_marked.priority < send_email.priority


def test_the_cells_made_before_counts_were_kept_get_their_count_from_their_figures(db):
    """Migration 0022 fills in the new column of cells already made, or the national
    organisation chart would show none of their complaints until they next changed."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "complaints.migrations.0022_dashboard_organisations_counted_from_the_index"
    )
    org = organisation_build()
    month = date(2026, 1, 1)
    cell = DashboardMonth.objects.create(
        organisation=org, month=month, figures={"complaints": 3}, refreshed_at=timezone.now()
    )
    assert cell.complaints == 0
    migration.fill_counts(apps, None)
    cell.refresh_from_db()
    assert cell.complaints == 3


def test_a_server_of_the_release_before_can_still_make_cells_and_read_totals(db):
    """While the servers are rolled, one of the release before 0022 inserts cells without
    their count (the database fills in 0; the next refresh of the cell counts it) and
    reads the months' totals with their old column."""
    org = organisation_build()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO complaints_dashboardmonth"
            " (organisation_id, month, passing_on, figures, refreshed_at)"
            " VALUES (%s, %s, %s, %s, %s)",
            [org.pk, date(2026, 1, 1), False, '{"complaints": 2}', timezone.now()],
        )
    assert DashboardMonth.objects.get(organisation=org).complaints == 0
    assert "organisations" in {f.name for f in DashboardServiceMonth._meta.fields}


def test_a_refresh_works_out_cells_month_by_month(db, monkeypatch):
    """Each chunk of cells then changes one or two months' totals: chunks by organisation
    each changed up to 100, and a refresh of every cell wrote thousands of versions of
    the totals' rows."""
    from complaints import dashboard_months

    organisations = [organisation_build(name=f"Force {n}") for n in range(3)]
    for months_ago in range(3):
        for organisation in organisations:
            received = timezone.now() - timedelta(days=2 + 31 * months_ago)
            complaint_build(organisation, received_at=received)
    chunks: list[list] = []
    monkeypatch.setattr(dashboard_months, "REFRESH_CHUNK", 3)
    monkeypatch.setattr(dashboard_months, "_refresh_chunk", chunks.append)
    assert dashboard_months.dashboard_months_refresh() == 9
    assert [len({month for _org, month in chunk}) for chunk in chunks] == [1, 1, 1]
