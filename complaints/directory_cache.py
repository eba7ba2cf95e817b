"""The active organisations, routing rules and rights, kept in each process as plain values.

Routing a complaint, the journey's time-limit check and "which force?" question, and the
"who should I complain to?" tool all read the same small, rarely edited data: about 170
organisations, a few dozen rules and the 12 Victims' Code rights. Building model objects
for all of it took about 7 ms a time, and one complaint submission needed it three times.
So each process keeps one copy and asks the database whether the directory changed at
most every `RECHECK_SECONDS` (one query comparing row counts and last-changed times; any
edit, deactivation or deletion changes one of them). A save in admin or by the loader also
drops the saving process's copy, so there the edit shows at once; in other processes it
shows within the re-check interval.

Code that must act on a row as it is now (the organisation a complaint is stored against)
still reads that row from the database; this copy only decides which row.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.db import connection, transaction

from complaints import routing
from complaints.models import Organisation, OrganisationType, RoutingRule, VictimsCodeRight


@dataclass(frozen=True)
class Directory:
    rules: tuple[routing.Rule, ...]
    # Active organisations only, by id.
    organisations: dict[int, routing.Org]
    details: dict[int, routing.OrgDetails]
    # (id, name) by organisation type, in name order: the choices of a "which one?" question.
    choices: dict[str, tuple[tuple[int, str], ...]]
    triage_id: int | None
    # Victims' Code right number -> row id, for linking a complaint to the rights it names.
    right_ids: dict[int, int]


@dataclass(frozen=True)
class _Held:
    directory: Directory
    version: tuple
    checked_at: float


# As for guidance pages (guidance/views.py): an edit reaches every process within this.
RECHECK_SECONDS = 2

_held: _Held | None = None
_lock = threading.Lock()


def _version() -> tuple:
    """Counts and last-changed times of the directory's tables, in one query."""
    org, rule, right = (
        connection.ops.quote_name(model._meta.db_table)
        for model in (Organisation, RoutingRule, VictimsCodeRight)
    )
    # Table names come from the models, never from input. Rights are never edited in
    # place (loading the content updates a right by its number), so count and newest id
    # are enough to notice one added or removed.
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {org}), (SELECT MAX(updated_at) FROM {org}), "  # noqa: S608
        f"(SELECT COUNT(*) FROM {rule}), (SELECT MAX(updated_at) FROM {rule}), "
        f"(SELECT COUNT(*) FROM {right}), (SELECT MAX(id) FROM {right})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


def _load() -> Directory:
    rules = tuple(
        routing.Rule(
            id=r["id"],
            priority=r["priority"],
            org_type=r["org_type"],
            subject=r["subject"],
            chosen_organisation_id=r["chosen_organisation_id"],
            target=r["target"],
            target_organisation_id=r["target_organisation_id"],
            reason=r["reason"],
        )
        for r in RoutingRule.objects.filter(is_active=True)
        .order_by("priority", "id")
        .values(
            "id",
            "priority",
            "org_type",
            "subject",
            "chosen_organisation_id",
            "target",
            "target_organisation_id",
            "reason",
        )
    )
    rows = list(
        Organisation.objects.filter(is_active=True)
        .order_by("name", "id")
        .values(
            "id",
            "name",
            "org_type",
            "parent_id",
            "time_limit_months",
            "acknowledge_working_days",
            "response_working_days",
            "escalation_body__name",
        )
    )
    organisations = {
        row["id"]: routing.Org(
            id=row["id"], name=row["name"], org_type=row["org_type"], parent_id=row["parent_id"]
        )
        for row in rows
    }
    details = {
        row["id"]: routing.OrgDetails(
            id=row["id"],
            name=row["name"],
            org_type=row["org_type"],
            time_limit_months=row["time_limit_months"],
            acknowledge_working_days=row["acknowledge_working_days"],
            response_working_days=row["response_working_days"],
            escalation_name=row["escalation_body__name"] or "",
        )
        for row in rows
    }
    choices: dict[str, list[tuple[int, str]]] = {}
    for row in rows:  # already in name order
        choices.setdefault(row["org_type"], []).append((row["id"], row["name"]))
    triage_id = next(
        (row["id"] for row in rows if row["org_type"] == OrganisationType.CENTRAL_TRIAGE), None
    )
    return Directory(
        rules=rules,
        organisations=organisations,
        details=details,
        choices={org_type: tuple(pairs) for org_type, pairs in choices.items()},
        triage_id=triage_id,
        right_ids=dict(VictimsCodeRight.objects.order_by().values_list("number", "id")),
    )


def directory() -> Directory:
    """This process's copy of the directory, re-checked at most every few seconds."""
    global _held
    held = _held
    now = time.monotonic()
    if held is not None and now - held.checked_at < RECHECK_SECONDS:
        return held.directory
    with _lock:
        held = _held
        if held is not None and now - held.checked_at < RECHECK_SECONDS:
            return held.directory  # another thread re-checked while this one waited
        # The version is read before the rows: an edit committed in between makes the
        # next re-check see a newer version and load again, never the reverse.
        version = _version()
        if held is not None and held.version == version:
            _held = _Held(held.directory, version, now)
        else:
            _held = _Held(_load(), version, now)
        return _held.directory


def forget() -> None:
    """Drop this process's copy now and again after the current transaction commits.

    Called by code that edits organisations or routing rules. Dropping it now means the
    rest of the saving request sees the edit; dropping it again after commit means a copy
    loaded mid-transaction, before the edit was visible to others, is not kept.
    """
    clear()
    transaction.on_commit(clear)


def clear() -> None:
    """Drop this process's copy; the next read loads the directory again."""
    global _held
    _held = None
