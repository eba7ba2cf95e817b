"""The active organisations, routing rules and rights, kept in each process as plain values.

Routing a complaint, the journey's time-limit check and "which force?" question, and the
"who should I complain to?" tool all read the same small, rarely edited data: about 170
organisations, a few dozen rules, the 12 Victims' Code rights and which organisations have
staff or an inbox here. Building model objects for all of it on every read would cost
more than the work that reads it, and one complaint submission reads it three times. So
each process keeps one copy, as plain values, and loads it again (four small queries)
once it is `RECHECK_SECONDS` old, whatever wrote to the tables and however (admin, the
loader, `update()`, a migration). A save in admin or by the loader also drops the saving
process's copy, so there the edit shows at once; in other processes within the interval.

The copy decides; the database has the last word. `services.complaint_submit` reads the
organisation it routed to from the database and, if that has been retired since the copy
was loaded, drops the copy and routes again.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from django.db import transaction

from directory import routing
from directory.models import (
    Organisation,
    OrganisationType,
    RoutingRule,
    StaffMembership,
    VictimsCodeRight,
)


@dataclass(frozen=True)
class Directory:
    # Shared by every thread of the process: read-only mappings, so no caller can change it.
    rules: tuple[routing.Rule, ...]
    # Active organisations only, by id.
    organisations: Mapping[int, routing.Org]
    details: Mapping[int, routing.OrgDetails]
    # (id, name) by organisation type, in name order: the choices of a "which one?" question.
    choices: Mapping[str, tuple[tuple[int, str], ...]]
    triage_id: int | None
    # Victims' Code right number -> row id, for linking a complaint to the rights it names.
    right_ids: Mapping[int, int]
    # Victims' Code right number -> title, in number order, for summaries of answers.
    right_titles: Mapping[int, str]
    # English name -> Welsh name, for organisations that have one (directory.names).
    welsh_names: Mapping[str, str]
    # Organisations someone on this site will see a complaint for: an active member of
    # staff, or an inbox address. The others are "not connected" (directory.decide).
    connected_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class _Held:
    directory: Directory
    loaded_at: float


# As for guidance pages (guidance/views.py): an edit reaches every process within this.
# A load is four small queries, so one every 2 seconds per process at most costs little.
RECHECK_SECONDS = 2

_held: _Held | None = None
_lock = threading.Lock()


def _load() -> Directory:
    # routing.Rule's fields are RoutingRule's column names, so each row maps straight on.
    rule_fields = [field.name for field in dataclasses.fields(routing.Rule)]
    rules = tuple(
        routing.Rule(**row)
        for row in RoutingRule.objects.filter(is_active=True)
        .order_by("priority", "id")
        .values(*rule_fields)
    )
    rows = list(
        Organisation.objects.filter(is_active=True)
        .order_by("name", "id")
        .values(
            "id",
            "name",
            "name_cy",
            "org_type",
            "parent_id",
            "time_limit_months",
            "acknowledge_working_days",
            "response_working_days",
            "escalation_body__name",
            "inbox_email",
        )
    )
    staffed = set(
        StaffMembership.objects.filter(user__is_active=True, user__is_staff=True)
        .order_by()
        .values_list("organisation_id", flat=True)
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
    right_rows = list(
        VictimsCodeRight.objects.order_by("number").values_list("number", "id", "title")
    )
    return Directory(
        rules=rules,
        organisations=MappingProxyType(organisations),
        details=MappingProxyType(details),
        choices=MappingProxyType({kind: tuple(pairs) for kind, pairs in choices.items()}),
        triage_id=triage_id,
        right_ids=MappingProxyType({number: pk for number, pk, _title in right_rows}),
        right_titles=MappingProxyType({number: title for number, _pk, title in right_rows}),
        welsh_names=MappingProxyType(
            {row["name"]: row["name_cy"] for row in rows if row["name_cy"]}
        ),
        connected_ids=frozenset(
            row["id"] for row in rows if row["inbox_email"] or row["id"] in staffed
        ),
    )


def directory() -> Directory:
    """This process's copy of the directory, at most `RECHECK_SECONDS` old."""
    global _held
    held = _held
    now = time.monotonic()
    if held is not None and now - held.loaded_at < RECHECK_SECONDS:
        return held.directory
    with _lock:
        held = _held
        if held is not None and now - held.loaded_at < RECHECK_SECONDS:
            return held.directory  # another thread loaded it while this one waited
        _held = _Held(_load(), now)
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
