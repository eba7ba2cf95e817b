"""The complaints table is vacuumed after 1 % of it changes, not a fifth (issue 17).

The dashboard's open, overdue and due-soon counts read the open complaints from an index
alone (`complaint_open`), but only for rows on pages the last vacuum marked all visible;
for every other page PostgreSQL looks in the table too. The open complaints are the rows
that change, and new complaints arrive on new pages, so with PostgreSQL's default
(vacuum after a fifth of the table has changed: 200,000 rows at a million) most of those
counts' reads would go back to the table (bench/NOTES.md). After 1 % (10,000 rows at a
million), a vacuum visits only the pages changed since the last one. Nothing to do on
SQLite.
"""

from django.db import migrations

TABLE = "complaints_complaint"
SETTINGS = ("autovacuum_vacuum_scale_factor", "autovacuum_vacuum_insert_scale_factor")


def vacuum_often(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE {TABLE} SET (autovacuum_vacuum_scale_factor = 0.01, "
        "autovacuum_vacuum_insert_scale_factor = 0.01)"
    )


def vacuum_as_default(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} RESET ({', '.join(SETTINGS)})")


class Migration(migrations.Migration):
    dependencies = [("complaints", "0023_dashboard_cells_read_from_the_index_alone")]

    operations = [migrations.RunPython(vacuum_often, vacuum_as_default, elidable=False)]
