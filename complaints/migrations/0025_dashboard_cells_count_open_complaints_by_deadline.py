"""A dashboard cell counts its open complaints by deadline, from the index alone (issue 17).

The national "needs doing now" counts (open, overdue, due soon) read every open
complaint's entry in `complaint_open`: 36,000 at a million complaints, and in service the
open complaints are the ones that change, so many of those entries are checked in the table
too (16 ms after the benchmark's changes, 6 ms freshly vacuumed). Each cell now keeps its
open complaints by the deadline worked to now, so those counts add up a row a month. A
complaint still to be acknowledged is worked to its acknowledgement date, which
`complaint_org_received` did not carry: without it a cell's refresh would read the table
for every complaint of its month. The index now carries it too.

Built CONCURRENTLY beside the old one, as 0023 did (`_concurrent_index`), so this migration
is not atomic. SQLite ignores `include`, so there nothing changes.
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
    "pass_on",
)
AFTER = (*BEFORE, "acknowledgement_due")


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
        ("complaints", "0024_complaints_vacuumed_after_one_percent_changes"),
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
