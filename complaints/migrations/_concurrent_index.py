"""Rebuilding an index with other included columns (migrations 0023 and 0025), or building
a new one (0028), on PostgreSQL, while complaints keep arriving. Not a migration: Django's
loader skips modules whose names start with an underscore.

The new index is built CONCURRENTLY beside the old one, the old one is dropped the same
way, and the new one takes its name; so a migration using this is not atomic, and each
step first waits for the transactions already open on the table (a CSV export holds one
until its download ends). Run again after a failure, it picks up where it stopped, and
builds again a new index left invalid. SQLite ignores `include`, so there nothing changes.

Applied migrations run this code as it stands: change what it does only by adding a new
function for the migrations after.
"""


def _drop_if_invalid(schema_editor, name):
    """A build that failed or was cancelled leaves an invalid index, which PostgreSQL
    never uses: drop it, so the build runs again rather than finding it there."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " WHERE c.relname = %s",
            [name],
        )
        found = cursor.fetchone()
    if found and not found[0]:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY {name}")


def create(schema_editor, *, table, name, definition):
    """A new index, built CONCURRENTLY (migration 0028); run again after a failure, it
    builds again an index left invalid. PostgreSQL only."""
    if schema_editor.connection.vendor != "postgresql":
        return
    _drop_if_invalid(schema_editor, name)
    schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {table} {definition}")


def rebuild(schema_editor, *, table, name, columns, include):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Not put in place of the old one if left invalid: built again.
    _drop_if_invalid(schema_editor, f"{name}_new")
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name}_new ON {table} "
        f"({', '.join(columns)}) INCLUDE ({', '.join(include)})"
    )
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")
    schema_editor.execute(f"ALTER INDEX {name}_new RENAME TO {name}")
