"""A dashboard cell's complaints are read from the organisation's index alone (issue 17).

Working a cell out again reads one organisation's month. Its complaints' passing-on
flag was not in `complaint_org_received`, so PostgreSQL could not answer from that index
alone, and read the month through the `received_at` index instead, passing every other
organisation's complaints: 14,000 rows for 1,100 at a million complaints (6 ms of a
refresh's 31). The index now carries the flag too.

On PostgreSQL the new index is built CONCURRENTLY beside the old one (1.9 s on the
benchmark's million rows, while complaints keep arriving), the old one is dropped the
same way, and the new one takes its name; so this migration is not atomic, and each step
first waits for the transactions already open on the table (a CSV export holds one until
its download ends). Run again after a failure, it picks up where it stopped, and builds
again a new index left invalid. SQLite ignores `include`, so there its index is the same
and nothing changes.
"""

from django.db import migrations, models

TABLE = "complaints_complaint"
NAME = "complaint_org_received"
BEFORE = (
    "id",
    "request_kind",
    "status",
    "channel",
    "about_org_type",
    "about_subject",
    "acknowledged_at",
    "responded_at",
    "response_due",
)
AFTER = (*BEFORE, "pass_on")


def _rebuild(schema_editor, include):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " WHERE c.relname = %s",
            [f"{NAME}_new"],
        )
        found = cursor.fetchone()
    if found and not found[0]:
        # A build that failed or was cancelled leaves an invalid index, which PostgreSQL
        # never uses: build it again rather than put it in place of the old one.
        schema_editor.execute(f"DROP INDEX CONCURRENTLY {NAME}_new")
    columns = ", ".join(include)
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {NAME}_new ON {TABLE} "
        f"(organisation_id, received_at) INCLUDE ({columns})"
    )
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {NAME}")
    schema_editor.execute(f"ALTER INDEX {NAME}_new RENAME TO {NAME}")


def forwards(apps, schema_editor):
    _rebuild(schema_editor, AFTER)


def backwards(apps, schema_editor):
    _rebuild(schema_editor, BEFORE)


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [
        ("complaints", "0022_dashboard_organisations_counted_from_the_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="complaint", name=NAME),
                migrations.AddIndex(
                    model_name="complaint",
                    index=models.Index(
                        fields=["organisation", "received_at"], include=AFTER, name=NAME
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(forwards, backwards, elidable=False)],
        ),
    ]
