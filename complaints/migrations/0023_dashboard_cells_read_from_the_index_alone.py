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

from complaints.migrations._concurrent_index import rebuild

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
    rebuild(
        schema_editor,
        table=TABLE,
        name=NAME,
        columns=("organisation_id", "received_at"),
        include=include,
    )


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
