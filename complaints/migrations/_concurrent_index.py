"""Rebuilding an index with other included columns, on PostgreSQL, while complaints keep
arriving (migrations 0023 and 0025). Not a migration: Django's loader skips modules whose
names start with an underscore.

The new index is built CONCURRENTLY beside the old one, the old one is dropped the same
way, and the new one takes its name; so a migration using this is not atomic, and each
step first waits for the transactions already open on the table (a CSV export holds one
until its download ends). Run again after a failure, it picks up where it stopped, and
builds again a new index left invalid. SQLite ignores `include`, so there nothing changes.

Applied migrations run this code as it stands: change what it does only by adding a new
function for the migrations after.
"""


def rebuild(schema_editor, *, table, name, columns, include):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " WHERE c.relname = %s",
            [f"{name}_new"],
        )
        found = cursor.fetchone()
    if found and not found[0]:
        # A build that failed or was cancelled leaves an invalid index, which PostgreSQL
        # never uses: build it again rather than put it in place of the old one.
        schema_editor.execute(f"DROP INDEX CONCURRENTLY {name}_new")
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name}_new ON {table} "
        f"({', '.join(columns)}) INCLUDE ({', '.join(include)})"
    )
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")
    schema_editor.execute(f"ALTER INDEX {name}_new RENAME TO {name}")
