"""Contact routes checked against the organisations' own public pages.

Pure: reads the shipped `directory/data/contacts.csv` once. Every value in it was seen on
the organisation's own page, which is stored beside it with the date (see
`directory/data/README.md`). Nothing here builds an address or number.
"""

from __future__ import annotations

import csv
import datetime
import functools
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "contacts.csv"

# The national lines a victim may need, in the order a support page shows them: any
# crime first, then particular crimes, then Samaritans for anyone struggling to cope.
SUPPORT_LINES = (
    "Victim Support",
    "National Domestic Abuse Helpline (run by Refuge)",
    "Rape Crisis 24/7 Support Line (run by Rape Crisis England & Wales)",
    "Galop (National LGBT+ Domestic Abuse Helpline)",
    "Karma Nirvana (Honour Based Abuse Helpline)",
    "Samaritans",
)


@dataclass(frozen=True)
class Contact:
    organisation: str
    kind: str  # "web" or "phone"
    value: str
    source_page_url: str
    checked_on: str
    notes: str

    @property
    def checked_date(self) -> datetime.date | None:
        """The day it was checked, to show beside it ("Checked on 1 December 2026")."""
        return _date(self.checked_on)


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


@functools.cache
def contacts() -> tuple[Contact, ...]:
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(Contact(**row) for row in csv.DictReader(handle))


@dataclass(frozen=True)
class SupportLine:
    organisation: str
    phone: str
    web: str
    checked_on: str = ""  # the day its phone number and website were last checked

    @property
    def checked_date(self) -> datetime.date | None:
        return _date(self.checked_on)


def support_lines() -> list[SupportLine]:
    """The SUPPORT_LINES (Victim Support, the National Domestic Abuse Helpline, Rape
    Crisis, Galop, Karma Nirvana and Samaritans), each with its checked phone number and
    website; a line with neither is left out."""
    lines = []
    for organisation in SUPPORT_LINES:
        rows = [c for c in contacts() if c.organisation == organisation]
        phone = next((c for c in rows if c.kind == "phone"), None)
        web = next((c for c in rows if c.kind == "web"), None)
        shown = [c for c in (phone, web) if c is not None]
        if shown:
            lines.append(
                SupportLine(
                    organisation=organisation,
                    phone=phone.value if phone else "",
                    web=web.value if web else "",
                    # The older of the two: the line is as fresh as its oldest detail.
                    checked_on=min(c.checked_on for c in shown),
                )
            )
    return lines


def _bare(name: str) -> str:
    """A name without a bracketed short form: "Parole Board", not "Parole Board (PB)"."""
    return name.split(" (")[0].strip().casefold()


def contacts_for(organisation_name: str) -> list[Contact]:
    """The checked contacts of one organisation, by its name (a short form in brackets,
    "(CICA)", may differ). Never a value that is not in the shipped file."""
    wanted = _bare(organisation_name)
    return [c for c in contacts() if wanted and _bare(c.organisation) == wanted]
