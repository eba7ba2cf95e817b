"""What keeps the staff pages as fast at a million complaints as at a thousand.

The figures are in bench/RESULTS.md (`bench/run.py --only scale`, PostgreSQL); these tests
hold the pieces in place on any database.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from complaints import retention, selectors
from complaints.admin import paginator
from complaints.models import Complaint
from complaints.workflow import Status
from directory.models import OrganisationType
from tests.complaints.builders import complaint_build, organisation_build
from tests.complaints.triage_setup import handler_build

CHANGELIST = "admin:complaints_complaint_changelist"


def _index_sql(name: str) -> str:
    index = next(i for i in Complaint._meta.indexes if i.name == name)
    # Not entered: only its SQL is wanted, nothing is run.
    return str(index.create_sql(Complaint, connection.schema_editor())).replace("'", "")


@contextlib.contextmanager
def _queries_and_transactions():
    """Each query run inside, with whether it ran in a transaction."""
    seen: list[tuple[str, bool]] = []

    def record(execute, sql, params, many, context):
        seen.append((sql, connection.in_atomic_block))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


def _plan_alone(sql: str) -> str:
    """PostgreSQL's plan for this query, with the table vacuumed first (its visibility
    map then says an index that holds every column asked for is enough) and read neither
    whole nor by bitmap, as a table this small would be. Index scans stay allowed:
    turning them off turns off index-only scans too, and the choice is then arbitrary.
    Rewritten first (VACUUM FULL): the rows rolled back by earlier tests leave pages
    before this test's rows, and a table of 54 pages for 3 rows made PostgreSQL choose
    another index, depending on which tests ran before."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM FULL complaints_complaint")
        cursor.execute("VACUUM ANALYZE complaints_complaint")
    with transaction.atomic(), connection.cursor() as cursor:
        for way in ("seqscan", "bitmapscan"):
            cursor.execute(f"SET LOCAL enable_{way} = off")
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_list_sorts_by_the_indexed_expression(db):
    """The planner uses an expression index only for the very same expression: the
    statuses are in a fixed order in both, whatever order Python keeps a set in."""
    listing = str(
        selectors.complaints_with_next_due(Complaint.objects.all()).order_by("next_due").query
    )
    # The index names columns bare; the query names them with their table.
    case = listing[listing.index("CASE WHEN") : listing.index("END") + 3]
    case = case.replace('"complaints_complaint".', "")
    assert "IN (received, transferred)" in case
    assert case in _index_sql("complaint_next_due")
    assert case in _index_sql("complaint_org_next_due")


def test_a_long_list_stops_counting_at_the_limit(client, staff_login, db, monkeypatch):
    monkeypatch.setattr(paginator, "COUNT_LIMIT", 3)
    org = organisation_build(name="Alpha Police")
    user = handler_build(org)
    for _ in range(5):
        complaint_build(org)
    staff_login(user)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "more than 3 complaints" in page
    # Searched or filtered down below the limit, the count is exact again.
    two = client.get(reverse(CHANGELIST) + "?status__exact=acknowledged").content.decode()
    assert "0 complaints" in two


def test_a_short_list_is_counted_exactly(client, staff_login, db):
    org = organisation_build()
    user = handler_build(org)
    complaint_build(org)
    complaint_build(org)
    staff_login(user)
    assert "2 complaints" in client.get(reverse(CHANGELIST)).content.decode()


def test_scoping_asks_the_database_about_triage_only_for_the_triage_team(db):
    """Everyone else's list reads by organisation alone, so its indexes serve it."""
    org = organisation_build()
    other = organisation_build()
    waiting = complaint_build(other, pass_on="to_pass_on")
    mine = complaint_build(org)
    staff = handler_build(org)
    assert list(selectors.complaints_for_user(staff)) == [mine]
    assert "pass_on" not in str(selectors.complaints_for_user(staff).query).split("WHERE")[1]
    triage = handler_build(
        organisation_build(name="Triage", org_type=OrganisationType.CENTRAL_TRIAGE)
    )
    assert list(selectors.complaints_for_user(triage)) == [waiting]


def test_retention_finds_the_due_complaints_through_the_partial_index(db):
    org = organisation_build()
    long_ago = timezone.now() - timedelta(days=365 * 7)
    due = complaint_build(org, status=Status.CLOSED, closed_at=long_ago)
    complaint_build(org, status=Status.CLOSED, closed_at=timezone.now())
    done = complaint_build(org, status=Status.CLOSED, closed_at=long_ago, anonymised_at=long_ago)
    # Withdrawn before `closed_at` was set: its last change is its end.
    old_withdrawn = complaint_build(org, status=Status.WITHDRAWN)
    old_withdrawn.history.create(created_at=long_ago, to_status=Status.WITHDRAWN, organisation=org)
    recent_withdrawn = complaint_build(org, status=Status.WITHDRAWN)
    recent_withdrawn.history.create(
        created_at=long_ago, to_status=Status.RECEIVED, organisation=org
    )
    recent_withdrawn.history.create(
        created_at=timezone.now(), to_status=Status.WITHDRAWN, organisation=org
    )
    cutoff = retention.retention_cutoff()
    found = list(retention.complaints_due_for_anonymising(cutoff=cutoff))
    assert found == [due, old_withdrawn]
    assert done not in found
    assert "anonymised_at" in _index_sql("complaint_not_anonymised")


@pytest.mark.django_db(transaction=True)  # VACUUM runs outside a transaction
def test_the_dashboards_open_counts_come_from_the_open_complaints_index_alone():
    """The three counts are one pass over index entries only, never the table: at a
    million complaints the open ones are tens of thousands. Overdue and due soon are
    ranges of the deadline kept in `complaint_open`."""
    if connection.vendor != "postgresql":
        pytest.skip("index-only scans are PostgreSQL's")
    from django.test.utils import CaptureQueriesContext

    from complaints import dashboard

    org = organisation_build()
    today = timezone.localdate()
    for status in (Status.RECEIVED, Status.ACKNOWLEDGED, Status.CLOSED):
        complaint_build(org, status=status, acknowledgement_due=today, response_due=today)
    user = handler_build(org)
    with CaptureQueriesContext(connection) as queries:
        figures = dashboard.dashboard_figures(user=user)
    assert (figures.open_count, figures.overdue_count, figures.due_soon_count) == (2, 0, 2)
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]]
    assert len(counts) == 1
    plan = _plan_alone(counts[0])
    assert "Index Only Scan using complaint_open" in plan, plan


@pytest.mark.django_db(transaction=True)  # VACUUM runs outside a transaction
def test_a_dashboard_cell_reads_its_complaints_from_the_organisations_index_alone():
    """Working a cell out again reads one organisation's month. Without every column it
    reads in `complaint_org_received`, PostgreSQL read the month through the received_at
    index and passed every other organisation's complaints (14,000 for 1,100 at a
    million)."""
    if connection.vendor != "postgresql":
        pytest.skip("index-only scans are PostgreSQL's")
    from django.test.utils import CaptureQueriesContext

    from complaints import dashboard_months

    org = organisation_build()
    complaint = complaint_build(org)
    with transaction.atomic():  # else the task queued on commit refreshes it first
        dashboard_months.dashboard_months_mark_complaint(complaint=complaint)
        with CaptureQueriesContext(connection) as queries:
            assert dashboard_months.dashboard_months_refresh() == 1
    read = next(
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and 'FROM "complaints_complaint" WHERE' in q["sql"]
    )
    plan = _plan_alone(read)
    assert "Index Only Scan using complaint_org_received" in plan, plan


@pytest.mark.django_db(transaction=True)  # CREATE INDEX CONCURRENTLY: no transaction
def test_an_index_rebuild_run_again_builds_again_an_index_left_invalid():
    """A concurrent build that fails leaves an invalid index PostgreSQL never uses; run
    again, the migration (0025, and 0023 before it, through `_concurrent_index`) must not
    rename it into the old one's place."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent index builds are PostgreSQL's")
    import importlib

    migration = importlib.import_module(
        "complaints.migrations.0025_dashboard_cells_count_open_complaints_by_deadline"
    )
    with connection.cursor() as cursor:
        cursor.execute("CREATE INDEX complaint_org_received_new ON complaints_complaint (id)")
        cursor.execute(
            "UPDATE pg_index SET indisvalid = false"
            " WHERE indexrelid = 'complaint_org_received_new'::regclass"
        )
    with connection.schema_editor(atomic=False) as editor:
        migration.forwards(None, editor)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, i.indisvalid, pg_get_indexdef(i.indexrelid) FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid"
            " WHERE c.relname LIKE 'complaint_org_received%%'"
        )
        ((name, valid, definition),) = cursor.fetchall()
    assert (name, valid) == ("complaint_org_received", True)
    assert "(organisation_id, received_at) INCLUDE (" in definition
    assert definition.endswith("response_due, pass_on, acknowledgement_due)")


@pytest.mark.django_db(transaction=True)  # the counts' transaction is the outermost
def test_the_open_counts_run_without_parallel_workers_and_take_no_lock():
    """On PostgreSQL, starting parallel workers for the national counts (tens of
    thousands of index entries at a million complaints) took longer than the pass they
    shared: the counts turn them off in their own transaction, and the setting does not
    outlive it. On SQLite a transaction would take the write lock for a read."""
    from complaints import dashboard
    from tests.complaints.builders import staff_build

    complaint_build(organisation_build())
    user = staff_build(username="root", is_superuser=True)
    with _queries_and_transactions() as seen:
        assert dashboard.dashboard_figures(user=user).open_count == 1
    counted_in_transaction = next(atomic for sql, atomic in seen if 'AS "open"' in sql)
    if connection.vendor != "postgresql":
        assert not counted_in_transaction
        return
    assert ("SET LOCAL max_parallel_workers_per_gather = 0", True) in seen
    assert counted_in_transaction
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")  # only for the counts
        assert cursor.fetchone()[0] != "0"


@pytest.mark.django_db(transaction=True)  # the export's transaction is the outermost
def test_the_export_asks_postgresql_not_to_compile_its_query_and_locks_nothing():
    """Compiling the query of a national year held the download's first bytes back by
    0.2 to 0.4 s at a million complaints; the export turns it off for its own transaction.
    On SQLite it opens none: there a transaction takes the write lock, and a long download
    would hold every new complaint back."""
    from complaints import dashboard, dashboard_export
    from tests.complaints.builders import staff_build

    complaint_build(organisation_build())
    user = staff_build(username="root", is_superuser=True)
    period = dashboard.period_default(today=timezone.localdate())
    with _queries_and_transactions() as seen:
        rows = list(dashboard_export.export_rows(user=user, period=period))
    assert len(rows) == 1
    read_in_transaction = next(atomic for sql, atomic in seen if '"reference"' in sql)
    if connection.vendor != "postgresql":
        assert not read_in_transaction
        return
    assert ("SET LOCAL jit = off", True) in seen
    assert read_in_transaction
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")  # only for the export's transaction
        assert cursor.fetchone()[0] == "on"


def test_the_dashboards_tables_are_vacuumed_after_500_changed_rows(db):
    if connection.vendor != "postgresql":
        pytest.skip("autovacuum is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname LIKE 'complaints_dashboard%%'"
            " AND relkind = 'r'"
        )
        options = dict(cursor.fetchall())
    assert set(options) == {
        "complaints_dashboardmonth",
        "complaints_dashboardmonthchange",
        "complaints_dashboardservicemonth",
    }
    for table_options in options.values():
        assert "autovacuum_vacuum_threshold=500" in table_options
        assert "autovacuum_vacuum_scale_factor=0" in table_options


def test_the_complaints_table_is_vacuumed_after_one_percent_of_it_changes(db):
    """So the open counts' index-only reads find most pages marked all visible at a
    million complaints (PostgreSQL's default waits for a fifth: 200,000 rows)."""
    if connection.vendor != "postgresql":
        pytest.skip("autovacuum is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'complaints_complaint'")
        (options,) = cursor.fetchone()
    assert "autovacuum_vacuum_scale_factor=0.01" in options
    assert "autovacuum_vacuum_insert_scale_factor=0.01" in options


def test_a_cells_dates_are_the_uk_dates_and_not_converted_again(db):
    """The database gives each moment's UK date; Django's own conversion of every value
    read (turning a datetime into a date) only cost time on a cell's 1,100 rows."""
    from datetime import UTC, datetime

    from django.db.models.functions import TruncDate

    from complaints.dashboard_cells import UKDate, counted_rows

    uk = timezone.get_default_timezone()
    own = [
        converter
        for expression in (TruncDate("received_at", tzinfo=uk), UKDate("received_at", tzinfo=uk))
        for converter in expression.get_db_converters(connection)
        if getattr(converter, "__func__", None) is TruncDate.convert_value
    ]
    assert len(own) == 1  # TruncDate's, never UKDate's
    # 23:30 on 30 June in UTC is 00:30 on 1 July in the UK (summer time).
    complaint_build(organisation_build(), received_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    (row,) = counted_rows(Complaint.objects.all())
    assert row[1] == datetime(2026, 7, 1).date()


@pytest.mark.django_db(transaction=True)
def test_a_phone_search_reads_the_national_digits_index_not_the_table():
    """At a million complaints, a search by phone number written another way reads
    `complaint_phone_national` (migration 0028), which holds the very expression the
    search asks for; with another expression PostgreSQL would read every complaint."""
    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm is PostgreSQL's")
    from complaints import phone_search

    mine = complaint_build(organisation_build(), phone="+44 (0)7700-900456")
    found = phone_search.complaints_with_phone(Complaint.objects.all(), digits="7700900456")
    assert list(found) == [mine]
    sql, params = found.order_by().query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # as a table of a million would
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "complaint_phone_national" in plan, plan
