"""The dashboard's tables are vacuumed after every 500 changed rows, not 20 % of the table.

Every refresh deletes a cell and inserts it again, and every mark is inserted then deleted,
so these tables fill with dead rows quickly. With PostgreSQL's defaults the cells of a
million complaints (about 37,000) are vacuumed only after 7,400 dead rows; until then each
national dashboard reads past them, and its reads from the indexes alone go back to the
table (bench/NOTES.md). Nothing to do on SQLite.
"""

from django.db import migrations

TABLES = (
    "complaints_dashboardmonth",
    "complaints_dashboardmonthchange",
    "complaints_dashboardservicemonth",
)
SETTINGS = (
    "autovacuum_vacuum_scale_factor",
    "autovacuum_vacuum_threshold",
    "autovacuum_analyze_scale_factor",
    "autovacuum_analyze_threshold",
)


def vacuum_often(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"ALTER TABLE {table} SET (autovacuum_vacuum_scale_factor = 0, "
            "autovacuum_vacuum_threshold = 500, autovacuum_analyze_scale_factor = 0, "
            "autovacuum_analyze_threshold = 500)"
        )


def vacuum_as_default(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} RESET ({', '.join(SETTINGS)})")


class Migration(migrations.Migration):
    dependencies = [("complaints", "0020_open_complaints_index")]

    operations = [migrations.RunPython(vacuum_often, vacuum_as_default, elidable=False)]
