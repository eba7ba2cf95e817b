"""Find an organisation by a place: the one index behind every "which organisation?" question.

Pure, on the shipped place index (`directory/places.py`). For the kind of organisation a
question asks for (a police force, a CPS Area, a probation region, a council or its youth
justice service), it gives:

- `terms(kind)`: the place names each organisation covers, for the autocomplete to search
  ("Leeds" finds West Yorkshire Police);
- `search(kind, text)`: the organisations for what a person typed, best first, each with
  the place shown ("West Yorkshire Police (Leeds)"), or none, or several to choose from;
- `regions()` and `in_region(kind, region)`: a short list of regions for someone whose
  place matched nothing, and the organisations in one.

Organisations are named as the directory names them; the caller maps names to its choices.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from directory import places

_NAME: dict[str, Callable[[places.District], str]] = {
    "police_force": lambda d: d.police_force,
    "cps": lambda d: d.cps_area,
    "probation": lambda d: f"Probation Service: {d.probation_region}",
    "council": lambda d: d.council,
    "youth_offending": lambda d: d.youth_justice_service,
}
KINDS = frozenset(_NAME)
MAX_OPTIONS = 8


@functools.cache
def terms(kind: str) -> dict[str, tuple[str, ...]]:
    """Organisation name -> the places it covers (district, council and place names)."""
    name_of = _NAME.get(kind)
    if name_of is None:
        return {}
    found: dict[str, dict[str, None]] = {}
    for district in places.districts():
        bucket = found.setdefault(name_of(district), {})
        for term in (district.name, *district.places, district.council):
            bucket[term] = None
    return {name: tuple(bucket) for name, bucket in found.items()}


@dataclass(frozen=True)
class Option:
    organisation: str  # the directory's name for it
    label: str  # what the person sees: "West Yorkshire Police (Leeds)"
    where: str = ""  # the place shown in brackets: "Leeds"


@dataclass(frozen=True)
class Search:
    options: tuple[Option, ...]
    note: str = ""  # the City of London's square mile, when London was typed

    @property
    def ambiguous(self) -> bool:
        return len(self.options) > 1


# Words in many organisations' names: typed alone they name none of them.
_NAME_WORDS = frozenset(
    {"police", "constabulary", "service", "council", "cps", "crown", "prosecution", "probation"}
    | {"youth", "justice", "county", "city", "borough", "the", "of", "and", "for", "force"}
)


def search(kind: str, text: object) -> Search:
    """The organisations of `kind` for a place typed; never raises."""
    name_of = _NAME.get(kind)
    if name_of is None or not set(places.normalise(text).split()) - _NAME_WORDS:
        return Search(())  # nothing typed, or only "police" or "council"
    options: dict[str, Option] = {}
    note = ""
    for match in places.lookup(text):
        note = note or match.note
        for district in match.districts:
            name = name_of(district)
            if name in options:
                continue
            where = match.place
            if match.kind == places.TOWN and district.name != match.place:
                where = f"{match.place}, {district.name}"
            elif len(match.districts) > 1 and kind in ("council", "youth_offending"):
                where = district.name
            options[name] = Option(organisation=name, label=f"{name} ({where})", where=where)
            if len(options) >= MAX_OPTIONS:
                break
        if len(options) >= MAX_OPTIONS:
            break
    if not options:
        options = {o.organisation: o for o in _by_name(kind, text)}
    if note and kind == "police_force":
        # "London": the Met first; the City of London Police after it, with the reason.
        ordered = sorted(options.values(), key=lambda o: "City of London" in o.organisation)
        options = {o.organisation: o for o in ordered}
    return Search(tuple(options.values()), note=note if kind == "police_force" else "")


def _by_name(kind: str, text: object) -> list[Option]:
    """Organisations of `kind` whose own name has every telling word typed: "CPS Wessex",
    "Wales" (North Wales Police and South Wales Police). Nothing for "police" alone."""
    words = [w for w in places.normalise(text).split() if w not in _NAME_WORDS][:6]
    if not words or sum(len(w) for w in words) < 3:
        return []
    found = []
    for name in terms(kind):
        key = f" {places.normalise(name)} "
        if all(f" {word} " in key for word in words):
            found.append(Option(organisation=name, label=name))
    return found[:MAX_OPTIONS]


@functools.cache
def regions() -> tuple[str, ...]:
    """A short list of regions (the Probation Service's 12: 11 in England, and Wales)."""
    return tuple(sorted({d.probation_region for d in places.districts()}))


def in_region(kind: str, region: str) -> tuple[str, ...]:
    """The organisations of `kind` with districts in the region, by name."""
    name_of = _NAME.get(kind)
    if name_of is None:
        return ()
    names = {name_of(d) for d in places.districts() if d.probation_region == region}
    return tuple(sorted(names))
