"""One dashboard cell's figures: what a cell holds, how complaints are added to it, and
how cells are added up (`complaints.dashboard_months` keeps the cells; the national
totals and the dashboard's reads add them up).

Apart from `complaints.dashboard_months` only to keep each module small.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from complaints import workflow
from complaints.dashboard import CODE_ACKNOWLEDGE_WORKING_DAYS, WorkingDays
from complaints.models import Complaint
from directory import routes


@dataclass
class MonthFigures:
    kinds: Counter[str] = field(default_factory=Counter)
    complaints: int = 0
    subjects: Counter[tuple[str, str]] = field(default_factory=Counter)
    rights: Counter[int] = field(default_factory=Counter)  # right id -> complaints
    channels: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    ack_days: Counter[int] = field(default_factory=Counter)  # working days -> complaints
    ack_waiting: Counter[date] = field(default_factory=Counter)  # by the Code's due date
    resp_days: Counter[int] = field(default_factory=Counter)
    resp_in_time: int = 0
    resp_with_due: int = 0  # responded, with a response date to be late against
    resp_waiting: Counter[date] = field(default_factory=Counter)  # open, by response date
    # Open requests of every kind by the deadline worked to now (`workflow.pending_due`;
    # None: none), whatever they were received: the national "needs doing now" counts add
    # these up, a row a month, rather than reading every open complaint. `open_counted`
    # is how many cells were counted this way (1 in a cell, their number in a month's
    # total): a cell written by an earlier release has neither, and its month's total is
    # then not used for those counts until it is worked out again.
    open_due: Counter[date | None] = field(default_factory=Counter)
    open_counted: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "kinds": dict(self.kinds),
            "complaints": self.complaints,
            "subjects": [[t, s, n] for (t, s), n in sorted(self.subjects.items())],
            "rights": {str(k): n for k, n in self.rights.items()},
            "channels": dict(self.channels),
            "statuses": dict(self.statuses),
            "ack_days": {str(k): n for k, n in self.ack_days.items()},
            "ack_waiting": {k.isoformat(): n for k, n in self.ack_waiting.items()},
            "resp_days": {str(k): n for k, n in self.resp_days.items()},
            "resp_in_time": self.resp_in_time,
            "resp_with_due": self.resp_with_due,
            "resp_waiting": {k.isoformat(): n for k, n in self.resp_waiting.items()},
            # ISO dates; "" for no deadline.
            "open_due": {(k.isoformat() if k else ""): n for k, n in self.open_due.items()},
            "open_counted": self.open_counted,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MonthFigures:
        def days(name: str) -> Counter[date]:
            return Counter({date.fromisoformat(k): n for k, n in data[name].items()})

        return cls(
            kinds=Counter(data["kinds"]),
            complaints=data["complaints"],
            subjects=Counter({(t, s): n for t, s, n in data["subjects"]}),
            rights=Counter({int(k): n for k, n in data["rights"].items()}),
            channels=Counter(data["channels"]),
            statuses=Counter(data["statuses"]),
            ack_days=Counter({int(k): n for k, n in data["ack_days"].items()}),
            ack_waiting=days("ack_waiting"),
            resp_days=Counter({int(k): n for k, n in data["resp_days"].items()}),
            resp_in_time=data["resp_in_time"],
            resp_with_due=data["resp_with_due"],
            resp_waiting=days("resp_waiting"),
            open_due=Counter(
                {
                    (date.fromisoformat(k) if k else None): n
                    for k, n in data.get("open_due", {}).items()
                }
            ),
            open_counted=data.get("open_counted", 0),
        )


COUNTERS = (
    "kinds",
    "subjects",
    "rights",
    "channels",
    "statuses",
    "ack_days",
    "ack_waiting",
    "resp_days",
    "resp_waiting",
    "open_due",
)
# Served from the (organisation, received_at) index alone on PostgreSQL (migrations 0023
# and 0025).
ROW_FIELDS = (
    "pk",
    "received_on",
    "request_kind",
    "about_org_type",
    "about_subject",
    "channel",
    "status",
    "acknowledged_on",
    "responded_on",
    "response_due",
    "acknowledgement_due",
)


class UKDate(TruncDate):
    """The UK date of a moment, worked out by the database, without TruncDate's own
    conversion of every value read: it turns a datetime into a date, and the database
    already gives a date (PostgreSQL), or a string its backend's own converter reads
    (SQLite). TruncDate's converter passed every row of a cell's refresh through
    Django's converters: reading a month of 1,100 complaints took 6.8 ms, and takes 5.5."""

    def get_db_converters(self, connection: BaseDatabaseWrapper) -> list[Any]:
        own = self.convert_value
        return [c for c in super().get_db_converters(connection) if c != own]


def counted_rows(complaints: QuerySet[Complaint], *first: str) -> QuerySet[Any, tuple[Any, ...]]:
    """`first`, then the ROW_FIELDS a RowCounter adds up, with the moments as UK dates
    worked out by the database: loading 3,300 moments with their time zones and
    converting them took a fifth of a cell's refresh (1,100 complaints)."""
    uk = timezone.get_default_timezone()
    return complaints.annotate(
        received_on=UKDate("received_at", tzinfo=uk),
        acknowledged_on=UKDate("acknowledged_at", tzinfo=uk),
        responded_on=UKDate("responded_at", tzinfo=uk),
    ).values_list(*first, *ROW_FIELDS)


class RowCounter:
    """Adds complaints to figures, by the same rules as `dashboard.dashboard_period_figures`."""

    def __init__(self) -> None:
        self.days = WorkingDays()
        self.code_due: dict[date, date] = {}

    def add(self, figures: MonthFigures, row: tuple[Any, ...]) -> None:
        (
            _pk,
            received_on,
            kind,
            org_type,
            subject,
            channel,
            status,
            ack_on,
            resp_on,
            due,
            ack_due,
        ) = row
        figures.kinds[kind] += 1
        if status in workflow.OPEN_STATUSES:
            pending = workflow.pending_due(
                status=status, acknowledgement_due=ack_due, response_due=due
            )
            figures.open_due[pending] += 1
        if kind != routes.COMPLAINT:
            return
        figures.complaints += 1
        figures.subjects[(org_type, subject)] += 1
        figures.channels[channel] += 1
        figures.statuses[status] += 1
        if ack_on is not None:
            figures.ack_days[self.days.between(received_on, ack_on)] += 1
        elif status in workflow.AWAITING_ACKNOWLEDGEMENT:
            figures.ack_waiting[self._code_due(received_on)] += 1
        if resp_on is not None:
            figures.resp_days[self.days.between(received_on, resp_on)] += 1
            if due is not None:
                figures.resp_with_due += 1
                figures.resp_in_time += 1 if resp_on <= due else 0
        elif due is not None and status in workflow.OPEN_STATUSES:
            figures.resp_waiting[due] += 1

    def _code_due(self, received_on: date) -> date:
        if received_on not in self.code_due:
            self.code_due[received_on] = workflow.add_working_days(
                received_on, CODE_ACKNOWLEDGE_WORKING_DAYS
            )
        return self.code_due[received_on]


SCALARS = ("complaints", "resp_in_time", "resp_with_due", "open_counted")


def figures_sum(
    stored: Iterable[dict[str, Any]], *, minus: Iterable[dict[str, Any]] = ()
) -> MonthFigures:
    """Cells' figures added up as stored (plain dictionaries: a month of the whole service
    adds hundreds), less those in `minus`, then read once."""
    sums: dict[str, dict[str, int]] = {name: {} for name in COUNTERS if name != "subjects"}
    scalars = dict.fromkeys(SCALARS, 0)
    subjects: dict[tuple[str, str], int] = {}
    signed = [(data, 1) for data in stored] + [(data, -1) for data in minus]
    for data, sign in signed:
        # `get`: a cell of a release before the open counts has neither open_due nor
        # open_counted, and its month's total counts it as not counted that way; a day's
        # part (`dashboard_parts`) keeps only what is not empty.
        for name, into in sums.items():
            for key, n in data.get(name, {}).items():
                into[key] = into.get(key, 0) + sign * n
        for name in SCALARS:
            scalars[name] += sign * data.get(name, 0)
        for org_type, subject, n in data.get("subjects", ()):
            subjects[(org_type, subject)] = subjects.get((org_type, subject), 0) + sign * n
    kept = {name: {k: n for k, n in into.items() if n} for name, into in sums.items()}
    listed = [[t, s, n] for (t, s), n in subjects.items() if n]
    return MonthFigures.from_json({**kept, **scalars, "subjects": listed})
