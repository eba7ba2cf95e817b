"""What autovacuum would have done by now, for the scale benchmark (bench/scale_worker.py).

This machine's PostgreSQL runs with autovacuum off (a CI setting). Without vacuuming,
every index-only read goes back to the table for the pages changed since the seed, more
of them each round: no service with autovacuum on is in that state. Between rounds the
worker vacuums, untimed, each table autovacuum would have vacuumed by now, by
PostgreSQL's own rule and each table's settings.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

# What each round changes: retention's complaints and the dashboard's cells, marks and
# months.
VACUUMED = (
    "complaints_complaint",
    "complaints_dashboardmonth",
    "complaints_dashboardmonthchange",
    "complaints_dashboardservicemonth",
)
_TABLE_STATE = """
SELECT s.n_dead_tup, s.n_ins_since_vacuum, greatest(c.reltuples, 0), c.reloptions
FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = %s
"""


def _autovacuum_due(cursor: Any, table: str) -> bool:
    """PostgreSQL's rule: past the dead rows' or the inserted rows' threshold, with the
    table's own settings (migration 0021's) or the server's."""
    cursor.execute("SELECT pg_stat_clear_snapshot()")
    cursor.execute(_TABLE_STATE, [table])
    dead, inserted, rows, options = cursor.fetchone()
    own = dict(option.split("=", 1) for option in options or [])

    def setting(name: str) -> float:
        if name not in own:
            cursor.execute(f"SHOW {name}")
            return float(cursor.fetchone()[0])
        return float(own[name])

    dead_limit = setting("autovacuum_vacuum_threshold") + rows * setting(
        "autovacuum_vacuum_scale_factor"
    )
    inserted_limit = setting("autovacuum_vacuum_insert_threshold") + rows * setting(
        "autovacuum_vacuum_insert_scale_factor"
    )
    return dead > dead_limit or inserted > inserted_limit


def vacuum(*, everything: bool = False) -> dict:
    """Vacuum, untimed, each table autovacuum would have vacuumed by now. At 1,000
    complaints retention's round passes the complaints table's threshold; at a million it
    never does, while the dashboard's tables pass theirs (500 rows) every few rounds at
    either size. `everything` vacuums them all: a run starts from tables autovacuum has
    just visited, whatever earlier runs changed, so runs can be compared."""
    done = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")  # this process's own changes
        for table in VACUUMED:
            if everything or _autovacuum_due(cursor, table):
                cursor.execute(f"VACUUM {table}")
                done.append(table)
    return {"vacuumed": done}
