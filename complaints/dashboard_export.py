"""The dashboard's CSV export: handling facts only, never a name, contact detail or free
text. Scoped and dated exactly as the dashboard's figures (`complaints.dashboard`)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import Aggregate, CharField, OuterRef, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from complaints import workflow
from complaints.dashboard import (
    CODE_ACKNOWLEDGE_WORKING_DAYS,
    Period,
    WorkingDays,
    complaints_in_period,
)
from complaints.models import Complaint
from directory import routes
from directory.models import VictimsCodeRight

# Rows read from the database at a time, and sent as one batch of CSV: the download
# starts once its first batch is read. With 2,000 read for batches of 500, one
# organisation's national year (about 1 in 11 of the rows its date index passes) waited
# for 2,000 rows before its first 500 went out.
EXPORT_CHUNK_SIZE = 500


class _RightNumbers(Aggregate):
    """The rights (ids) of one complaint, space-separated (any order; sorted later)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ' ')"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(CAST(%(expressions)s AS text), ' ')",
            **extra,
        )


EXPORT_FIELDS = (
    "reference",
    "received_on",
    "acknowledgement_due",
    "acknowledged_on",
    "response_due",
    "responded_on",
    "closed_on",
    "status",
    "organisation__name",
    "about_org_type",
    "about_subject",
    "request_kind",
    "rights",
    "channel",
)


@dataclass(frozen=True)
class ExportRow:
    reference: str
    received_on: date
    acknowledgement_due: date | None
    acknowledged_on: date | None
    response_due: date | None
    responded_on: date | None
    closed_on: date | None
    status: str
    organisation: str
    about_org_type: str
    about_subject: str
    request_kind: str
    rights: tuple[int, ...]
    channel: str
    acknowledged_in_time: bool | None  # None: not acknowledged and not yet late
    responded_in_time: bool | None  # None: not responded and not yet late


def _deadline_met(done_on: date | None, due: date | None, today: date) -> bool | None:
    if done_on is not None:
        return True if due is None else done_on <= due
    if due is not None and due < today:
        return False
    return None


def _export_queryset(*, user: Any, period: Period) -> QuerySet[Complaint, tuple[Any, ...]]:
    through = Complaint.rights_not_met.through
    rights = (
        through.objects.filter(complaint_id=OuterRef("pk"))
        .order_by()
        .values("complaint_id")
        .annotate(numbers=_RightNumbers("victimscoderight_id"))
        # django-stubs cannot see a name made by annotate() in the values() after it.
        .values("numbers")  # type: ignore[misc]
    )
    return (
        complaints_in_period(user=user, period=period)
        .annotate(
            received_on=TruncDate("received_at"),
            acknowledged_on=TruncDate("acknowledged_at"),
            responded_on=TruncDate("responded_at"),
            closed_on=TruncDate("closed_at"),
            rights=Subquery(rights, output_field=CharField()),
        )
        # The received_at index gives this order as the rows are read: the download
        # starts at once rather than after sorting the whole period.
        .order_by("received_at")
        .values_list(*EXPORT_FIELDS)
    )


def export_rows(
    *, user: Any, period: Period, today: date | None = None, chunk_size: int = EXPORT_CHUNK_SIZE
) -> Iterator[ExportRow]:
    """The period's complaints, oldest first, read in chunks (one query, a server-side
    cursor on PostgreSQL): memory stays flat however many there are."""
    today = today or timezone.localdate()
    numbers = dict(VictimsCodeRight.objects.values_list("pk", "number"))
    # On PostgreSQL in a transaction, so its server-side cursor is declared WITHOUT HOLD:
    # in autocommit Django declares it WITH HOLD, and PostgreSQL then works out every row
    # of the period before sending the first. Read only; it ends with the download. Not
    # on SQLite, where a transaction takes the write lock (BEGIN IMMEDIATE) and would
    # hold every new complaint back until the download ended.
    postgresql = connection.vendor == "postgresql"
    with transaction.atomic() if postgresql else contextlib.nullcontext():
        if postgresql:
            # A national year (155,000 rows) costs enough that PostgreSQL compiles the
            # query before its first row: 0.2 to 0.4 s before the download starts, and no
            # faster after (bench/NOTES.md). For this transaction only.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        rows: Iterable[tuple[Any, ...]] = _export_queryset(user=user, period=period).iterator(
            chunk_size=chunk_size
        )
        yield from _export_rows_made(rows, numbers=numbers, today=today)


def _export_rows_made(
    rows: Iterable[tuple[Any, ...]], *, numbers: dict[int, int], today: date
) -> Iterator[ExportRow]:
    days = WorkingDays()
    for row in rows:
        values = dict(zip(EXPORT_FIELDS, row, strict=True))
        received_on = values["received_on"]
        code_due = (
            workflow.add_working_days(received_on, CODE_ACKNOWLEDGE_WORKING_DAYS)
            if values["request_kind"] == routes.COMPLAINT
            else None
        )
        acknowledged_on = values["acknowledged_on"]
        acknowledged_in_time = (
            None
            if code_due is None
            else (
                days.between(received_on, acknowledged_on) <= CODE_ACKNOWLEDGE_WORKING_DAYS
                if acknowledged_on is not None
                else (False if code_due < today else None)
            )
        )
        yield ExportRow(
            reference=values["reference"],
            received_on=received_on,
            acknowledgement_due=values["acknowledgement_due"],
            acknowledged_on=acknowledged_on,
            response_due=values["response_due"],
            responded_on=values["responded_on"],
            closed_on=values["closed_on"],
            status=values["status"],
            organisation=values["organisation__name"],
            about_org_type=values["about_org_type"],
            about_subject=values["about_subject"],
            request_kind=values["request_kind"],
            rights=tuple(sorted(numbers[int(pk)] for pk in (values["rights"] or "").split())),
            channel=values["channel"],
            acknowledged_in_time=acknowledged_in_time,
            responded_in_time=_deadline_met(values["responded_on"], values["response_due"], today),
        )


def period_has_complaints(*, user: Any, period: Period) -> bool:
    return complaints_in_period(user=user, period=period).exists()
