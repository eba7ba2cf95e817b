"""Find the organisations for a place a person names: "Leeds", "Camden", "St Ives".

Pure: reads the shipped `directory/data/places.csv` once (one row per local authority
district in England and Wales) and answers from memory. No database, no network, no
Django. `lookup(text)` never raises, whatever it is given.

Each district row names its police force, local policing body, CPS Area, probation region,
council with social services, youth justice service and Witness Care Unit, and the places
people name for it. A place can be:

- the district itself ("Leeds") or its council ("Leeds City Council"),
- a town or well-known area in it ("Morley", "Hampstead"),
- a wider area that covers several districts ("London", "Kent", "West Yorkshire").

A town found in two districts ("Richmond": the London borough, and the town in North
Yorkshire) gives one match for each, so the caller can ask which one the person means.
"""

from __future__ import annotations

import csv
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "places.csv"

# Longer input than this is cut before it is looked at: no place name is near this long.
MAX_INPUT = 100
MAX_MATCHES = 8
# A place listed for this many districts or more ("London") is an area, not a town; so is
# a county ("Kent", listed for each of its districts). A town name found in two or three
# districts ("Newport") is a town in each, and the person is asked which.
AREA_AT_LEAST = 5

CITY_OF_LONDON_NOTE = (
    "The City of London, the 'Square Mile' in the centre of London, has its own police "
    "force: the City of London Police. Everywhere else in London is covered by the "
    "Metropolitan Police Service."
)

# Kinds of place, best first when several match equally well.
DISTRICT, COUNCIL, AREA, TOWN = "district", "council", "area", "town"
_KIND_ORDER = {DISTRICT: 0, COUNCIL: 1, AREA: 2, TOWN: 3}


@dataclass(frozen=True)
class District:
    code: str
    name: str
    nation: str
    district_type: str
    council_code: str
    council: str
    ombudsman: str
    police_area: str
    police_force: str
    police_force_slug: str
    local_policing_body: str
    local_policing_body_kind: str
    local_policing_body_slug: str
    cps_area: str
    cps_area_slug: str
    probation_region: str
    probation_region_slug: str
    youth_justice_service: str
    witness_care_unit: str
    places: tuple[str, ...]


@dataclass(frozen=True)
class PlaceMatch:
    """One answer: a place as we know it, and the district or districts it covers.

    Fields that differ between the districts covered (a council, in "London") are None:
    the caller asks a narrower question to find them.
    """

    place: str
    kind: str
    districts: tuple[District, ...]
    note: str = ""

    def _common(self, field: str) -> str | None:
        values = {getattr(district, field) for district in self.districts}
        return values.pop() if len(values) == 1 else None

    @property
    def district(self) -> District | None:
        return self.districts[0] if len(self.districts) == 1 else None

    @property
    def police_force(self) -> str | None:
        return self._common("police_force")

    @property
    def police_force_slug(self) -> str | None:
        return self._common("police_force_slug")

    @property
    def local_policing_body(self) -> str | None:
        return self._common("local_policing_body")

    @property
    def cps_area(self) -> str | None:
        return self._common("cps_area")

    @property
    def probation_region(self) -> str | None:
        return self._common("probation_region")

    @property
    def council(self) -> str | None:
        return self._common("council")

    @property
    def youth_justice_service(self) -> str | None:
        return self._common("youth_justice_service")

    @property
    def witness_care_unit(self) -> str | None:
        return self._common("witness_care_unit")

    @property
    def nation(self) -> str | None:
        return self._common("nation")

    @property
    def label(self) -> str:
        """What to show a person: "West Yorkshire Police (Leeds)"."""
        force = self.police_force
        if force is None:
            return self.place
        where = self.place
        district = self.district
        if self.kind == TOWN and district is not None and district.name != self.place:
            where = f"{self.place}, {district.name}"
        return f"{force} ({where})"


# Words that name a council rather than a place: "Oxford City Council" is Oxford.
_COUNCIL_WORDS = re.compile(
    r"\b(metropolitan borough council|metropolitan district council|county borough council|"
    r"borough council|district council|city council|county council|city and county council|"
    r"council|corporation|mbc|the london borough of|london borough of|royal borough of)\b"
)
_SAINT = re.compile(r"\bst\b")


def normalise(text: object) -> str:
    """Lower case, no accents or punctuation, "St." and "Saint" the same, "&" as "and".

    "St. Helen's" -> "saint helens"; "Ynys Môn" -> "ynys mon"; anything that is not a
    string -> "".
    """
    if not isinstance(text, str):
        return ""
    text = text[: MAX_INPUT * 2]
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.casefold()
    text = re.sub(r"['\u2019\u2018`]", "", text)  # apostrophes join: King's -> kings
    text = text.replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = _SAINT.sub("saint", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:MAX_INPUT].strip()


def _without_council_words(key: str) -> str:
    """ "leeds city council" -> "leeds"; "bristol city of" -> "bristol"; the City of
    London keeps its name (it is not London)."""
    stripped = re.sub(r"\s+", " ", _COUNCIL_WORDS.sub(" ", key)).strip()
    if stripped.startswith("city of london") or stripped.endswith("city of london"):
        return "city of london"
    stripped = re.sub(r"^(the )?(city|county|city and county) of ", "", stripped)
    stripped = re.sub(r" (city|county) of$", "", stripped)
    return stripped.strip()


def _read(path: Path) -> tuple[District, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(
        District(
            code=row["district_code"],
            name=row["district_name"],
            nation=row["nation"],
            district_type=row["district_type"],
            council_code=row["council_code"],
            council=row["council"],
            ombudsman=row["ombudsman"],
            police_area=row["police_area"],
            police_force=row["police_force"],
            police_force_slug=row["police_force_slug"],
            local_policing_body=row["local_policing_body"],
            local_policing_body_kind=row["local_policing_body_kind"],
            local_policing_body_slug=row["local_policing_body_slug"],
            cps_area=row["cps_area"],
            cps_area_slug=row["cps_area_slug"],
            probation_region=row["probation_region"],
            probation_region_slug=row["probation_region_slug"],
            youth_justice_service=row["youth_justice_service"],
            witness_care_unit=row["witness_care_unit"],
            places=tuple(p.strip() for p in row["places"].split(";") if p.strip()),
        )
        for row in rows
    )


@functools.cache
def districts() -> tuple[District, ...]:
    """Every district in the shipped data, in code order."""
    return _read(DATA_FILE)


# key -> [(label, kind, district)]
_Index = dict[str, list[tuple[str, str, District]]]


def _place_kinds(
    district: District, *, councils: dict[str, list[District]], listed: dict[str, int]
) -> list[tuple[str, str]]:
    """(place, kind) for each place named for a district: its own name first, then places
    that cover more than it (a county, or a name listed for several districts), then towns."""
    kinds = []
    for position, place in enumerate(district.places):
        if position == 0:
            kind = DISTRICT
        elif normalise(place) != normalise(district.name) and (
            f"{place} County Council" in councils or listed[normalise(place)] >= AREA_AT_LEAST
        ):
            kind = AREA
        else:
            kind = TOWN
        kinds.append((place, kind))
    return kinds


def _one_each(entries: list[tuple[str, str, District]]) -> list[tuple[str, str, District]]:
    """One entry for each (label, district): a place can be reached by two spellings."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for entry in sorted(entries, key=lambda e: _KIND_ORDER[e[1]]):
        marker = (normalise(entry[0]), entry[2].code)
        if marker not in seen:
            seen.add(marker)
            unique.append(entry)
    return unique


@functools.cache
def _index() -> _Index:
    index: _Index = {}

    def add(label: str, kind: str, district: District, *, name: str = "") -> None:
        name = normalise(name or label)
        for key in {name, _without_council_words(name)}:
            if key:
                index.setdefault(key, []).append((label, kind, district))

    councils: dict[str, list[District]] = {}
    for district in districts():
        councils.setdefault(district.council, []).append(district)
    listed: dict[str, int] = {}
    for district in districts():
        for place in district.places[1:]:
            listed[normalise(place)] = listed.get(normalise(place), 0) + 1
    for district in districts():
        for place, kind in _place_kinds(district, councils=councils, listed=listed):
            add(place, kind, district)
        add(district.council, COUNCIL if len(councils[district.council]) == 1 else AREA, district)
        add(district.police_area, AREA, district)
        add(district.police_area, AREA, district, name=district.police_force)
    return {key: _one_each(entries) for key, entries in index.items()}


def _group(entries: Iterable[tuple[str, str, District]]) -> list[PlaceMatch]:
    """Entries -> matches: an area gives one match per police force; anything else one
    match per district (so "Richmond" asks which Richmond). A district reached by two
    names (its own and its council's) gives one match, under its best name."""
    groups: dict[tuple[str, ...], list[tuple[str, str, District]]] = {}
    for entry in sorted(entries, key=lambda e: _KIND_ORDER[e[1]]):
        _label, kind, district = entry
        key = ("area", district.police_force_slug) if kind == AREA else ("one", district.code)
        groups.setdefault(key, []).append(entry)
    matches = []
    covered_singly = {key[1] for key in groups if key[0] == "one"}
    for key, members in groups.items():
        label, kind, district = members[0]
        covered = tuple(sorted({m[2] for m in members}, key=lambda d: d.code))
        if key[0] == "area" and len(covered) == 1 and covered[0].code in covered_singly:
            continue  # the district itself is already a match
        if kind == COUNCIL or (key[0] == "area" and len(covered) == 1):
            label = covered[0].name
        note = ""
        if district.police_force_slug == "metropolitan-police" and len(covered) > 1:
            note = CITY_OF_LONDON_NOTE
        matches.append(PlaceMatch(place=label, kind=kind, districts=covered, note=note))
    matches.sort(key=lambda m: (_KIND_ORDER[m.kind], -len(m.districts), m.label))
    return matches


def lookup(text: object, *, limit: int = MAX_MATCHES) -> list[PlaceMatch]:
    """Matches for what a person typed, best first; [] when nothing fits.

    Exact names first (a district, a council, an area, a town); failing that, names that
    start with what was typed ("Brigh" finds Brighton); failing that, close spellings
    ("Leeeds"). Never raises.
    """
    try:
        return _lookup(text, limit=max(1, int(limit)))
    except Exception:  # noqa: BLE001 - a lookup must never break the page that calls it
        return []


def _lookup(text: object, *, limit: int) -> list[PlaceMatch]:
    key = normalise(text)
    if not key:
        return []
    index = _index()
    for candidate in (key, _without_council_words(key)):
        if candidate and candidate in index:
            return _group(index[candidate])[:limit]
    key = _without_council_words(key) or key
    within = _names_within(key, index)
    if within:
        return _group(within)[:limit]
    if len(key) >= 3:
        starts = [k for k in index if k.startswith(key) or f" {key}" in f" {k}"]
        if starts:
            starts.sort(key=lambda k: (not k.startswith(key), len(k), k))
            entries = [entry for k in starts[: limit * 3] for entry in index[k]]
            return _group(entries)[:limit]
    close = difflib.get_close_matches(key, list(index), n=limit, cutoff=0.85)
    entries = [entry for k in close for entry in index[k]]
    return _group(entries)[:limit]


# Words that are never a place on their own, so "I live in Leeds" does not match "In",
# and place names that are also everyday words, so "High Street, Harrogate" is not read as
# the town of Street. Typed alone, these names are still found.
_NOT_PLACES = frozenset({"i", "in", "live", "near", "the", "of", "and", "at", "from", "my"})
_EVERYDAY_WORDS = frozenset(
    {"street", "stone", "eye", "hook", "deal", "battle", "march", "sandy", "ware", "bow"}
)
_MAX_WORDS = 12


def _names_within(key: str, index: _Index) -> list[tuple[str, str, District]]:
    """Entries for a known name inside what was typed: "I live in Leeds" and "Camden Town,
    NW1" find Leeds and Camden Town. The longest name wins ("Newcastle upon Tyne" is not
    "Newcastle"); between names of the same length, the last one, as an address ends with
    its town ("London Road, Brighton" is in Brighton)."""
    words = key.split()[:_MAX_WORDS]
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size, -1, -1):
            name = " ".join(words[start : start + size])
            if name not in index:
                continue
            if size == 1 and (name in _NOT_PLACES or name in _EVERYDAY_WORDS or len(name) < 3):
                continue
            return index[name]
    return []


def police_forces() -> dict[str, str]:
    """Force slug -> force name, for the 43 territorial forces in the data."""
    return {d.police_force_slug: d.police_force for d in districts()}


@functools.cache
def _nations_by_name() -> dict[str, str]:
    nations: dict[str, str] = {}
    for district in districts():
        nations[district.council] = district.nation
        nations[district.youth_justice_service] = district.nation
    return nations


def nation_of(organisation_name: str) -> str | None:
    """ "England" or "Wales" for a council or youth justice service in the index, by name."""
    return _nations_by_name().get(organisation_name)
