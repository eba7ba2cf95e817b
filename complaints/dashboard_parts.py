"""A large dashboard cell's figures by day received, so a refresh after a change counts
again only the day of the complaint that changed.

A refresh works a stale cell out from its complaints. For the largest organisation's
month at a million complaints (about 1,100) that took 25 to 30 ms, against 7 for a small
cell, and a member of staff whose page finds the cell stale (the task worker not done
yet) waits for it. So a cell of at least `PARTS_FROM` complaints also keeps its figures
by day (`DashboardMonth.parts`), and each mark names the day received of the complaint
that changed (`DashboardMonthChange.day`). A refresh then reads only the marked days'
complaints, puts their figures in place of those days' parts, and adds the cell up again
from its parts: a day of the largest organisation holds about 40 complaints.

Each part is worked out from its complaints, never adjusted by a difference, so it is
right whatever happened between a change and its refresh, as a whole cell is: a refresh
that reads a change whose mark it has not locked counts the day again next time, and
gets the same figures. A cell is worked out whole, as before, when any of its marks
names no day (marking everything, or a server of the release before 0026), or any of its
cells keeps no parts (small, or written by that release).

Apart from `complaints.dashboard_months` only to keep each module small; it holds no
queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from complaints.dashboard_cells import MonthFigures, RowCounter, figures_sum

# From this many requests of every kind in an organisation's month (its cells together,
# passing on or not), its cells keep their figures by day; they keep them while worked
# out a day at a time, whatever the number falls to, until a whole recount decides again.
# 294 of 36,801 cells at a million complaints (the largest organisations'), with about
# 19 KB of parts each against 0.8 KB of figures. Parts for every cell would make the
# cells' table several times larger, for refreshes that are already quick.
PARTS_FROM = 200
# A cell with more days marked than this is worked out whole: after a bulk change (a
# day's retention, say) a day at a time would read most of the month anyway, through one
# range of the query per day.
PARTS_DAYS_MAX = 10

Key = tuple[int, date]  # (organisation id, first day of the month)
CellKey = tuple[int, date, bool]  # and passing on
Mark = tuple[int, date, date | None]  # (organisation id, month, day received; None: all)
OldCell = tuple[int, date, bool, dict[str, Any] | None]  # a cell's key and its parts


@dataclass
class Plan:
    """What a refresh counts again: whole months, or only some days of months whose
    cells keep parts (with the parts of the other days, kept as they are)."""

    whole: list[Key] = field(default_factory=list)
    days: dict[Key, list[date]] = field(default_factory=dict)
    kept: dict[CellKey, dict[str, Any]] = field(default_factory=dict)  # ISO day -> figures


def dashboard_parts_plan(*, marks: Iterable[Mark], cells: Iterable[OldCell]) -> Plan:
    """What to count again for these marks, given the marked months' cells as stored."""
    marked: dict[Key, set[date | None]] = defaultdict(set)
    for organisation_id, month, day in marks:
        marked[(organisation_id, month)].add(day)
    stored: dict[Key, list[OldCell]] = defaultdict(list)
    for cell in cells:
        stored[(cell[0], cell[1])].append(cell)
    plan = Plan()
    for key, days in sorted(marked.items()):
        found = stored.get(key, [])
        # Whole: a mark names no day; no cell yet (the month's first complaints, all of
        # them marked); a cell keeps no parts (small, or of the release before); or many
        # days are marked.
        if (
            None in days
            or not found
            or any(parts is None for *_key, parts in found)
            or len(days) > PARTS_DAYS_MAX
        ):
            plan.whole.append(key)
            continue
        plan.days[key] = sorted(d for d in days if d is not None)
        again = {d.isoformat() for d in plan.days[key]}
        for organisation_id, month, passing_on, parts in found:
            plan.kept[(organisation_id, month, passing_on)] = {
                day: figures for day, figures in (parts or {}).items() if day not in again
            }
    return plan


def _compact(figures: MonthFigures) -> dict[str, Any]:
    """A part's figures without what is empty: most of a day's counters are (`figures_sum`
    reads a missing one as empty)."""
    return {name: value for name, value in figures.to_json().items() if value}


def dashboard_parts_count(
    *, plan: Plan, rows: Iterable[tuple[Any, ...]], rights: Iterable[tuple[int, int]]
) -> dict[CellKey, tuple[MonthFigures, dict[str, Any] | None]]:
    """Each cell's figures and parts (None: not kept), from `rows` (organisation id, pass
    on, then `dashboard_cells.ROW_FIELDS`) and `rights` ((complaint id, right id) of the
    complaints among them) of the plan's months and days."""
    by_key: dict[Key, list[tuple[bool, tuple[Any, ...]]]] = defaultdict(list)
    for organisation_id, pass_on, *row in rows:
        by_key[(organisation_id, row[1].replace(day=1))].append((bool(pass_on), tuple(row)))
    counter = RowCounter()
    counted: dict[tuple[CellKey, str | None], MonthFigures] = {}  # None: the whole cell
    by_pk: dict[int, MonthFigures] = {}
    for key, found in by_key.items():
        by_day = key in plan.days or len(found) >= PARTS_FROM
        for passing_on, complaint in found:
            into = ((*key, passing_on), complaint[1].isoformat() if by_day else None)
            figures = counted.get(into)
            if figures is None:  # not setdefault: a MonthFigures for every row cost a third
                figures = counted[into] = MonthFigures()
            by_pk[complaint[0]] = figures
            counter.add(figures, complaint)
    for complaint_id, right_id in rights:
        # A complaint received since the rows were read is in neither count: its new mark
        # leaves the cell stale for the next reader.
        if complaint_id in by_pk:
            by_pk[complaint_id].rights[right_id] += 1
    cells: dict[CellKey, tuple[MonthFigures, dict[str, Any] | None]] = {}
    parted = {cell: dict(parts) for cell, parts in plan.kept.items()}
    for (cell, day), figures in counted.items():
        if day is None:
            figures.open_counted = 1
            cells[cell] = (figures, None)
        else:
            parted.setdefault(cell, {})[day] = _compact(figures)
    for cell, parts in parted.items():
        if parts:  # none left: its complaints have moved to another cell
            total = figures_sum(parts[day] for day in sorted(parts))
            total.open_counted = 1
            cells[cell] = (total, dict(sorted(parts.items())))
    return cells
