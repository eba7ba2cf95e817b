"""directory/data/contacts.csv: contact routes checked against the organisations' own pages.

Each row must say where it was seen and when, so staff can check it again; a web address
must be a full https address and a phone number only digits and spaces: an 11-digit UK
number, or a 6-digit 116 number (the free helplines of European social value, such as
Samaritans' 116 123).
"""

from __future__ import annotations

import csv
import datetime
import re
from pathlib import Path

import pytest

CONTACTS = Path(__file__).resolve().parents[2] / "directory" / "data" / "contacts.csv"
COLUMNS = ["organisation", "kind", "value", "source_page_url", "checked_on", "notes"]


def rows():
    with CONTACTS.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def test_the_file_has_the_agreed_columns_and_rows():
    assert len(rows()) >= 10


@pytest.mark.parametrize("row", rows(), ids=lambda row: f"{row['organisation']} {row['kind']}")
def test_each_contact_says_where_and_when_it_was_seen(row):
    assert all(row[column].strip() for column in COLUMNS), row
    assert row["kind"] in {"web", "phone"}
    assert re.fullmatch(r"https?://\S+", row["source_page_url"])
    checked = datetime.date.fromisoformat(row["checked_on"])
    assert datetime.date(2020, 1, 1) <= checked <= datetime.date(2027, 12, 31)
    if row["kind"] == "web":
        assert re.fullmatch(r"https://\S+", row["value"]), row["value"]
    elif row["value"].startswith("116"):
        assert re.fullmatch(r"116 \d{3}", row["value"]), row["value"]
    else:
        assert re.fullmatch(r"0[0-9 ]{9,15}", row["value"]), row["value"]
        assert len(row["value"].replace(" ", "")) == 11, row["value"]


def test_no_contact_is_listed_twice():
    keys = [(row["organisation"], row["kind"], row["value"]) for row in rows()]
    assert len(keys) == len(set(keys))


def test_the_national_support_lines_a_victim_needs_are_there():
    values = {(row["organisation"], row["kind"]): row["value"] for row in rows()}
    assert values[("Victim Support", "phone")] == "08 08 16 89 111"
    assert values[("National Domestic Abuse Helpline (run by Refuge)", "phone")] == "0808 2000 247"
    assert values[("Samaritans", "phone")] == "116 123"


def test_the_stale_cps_london_number_is_not_shipped():
    from directory import contacts

    # It came from a CPS London page older than the 2017 split into North and South.
    assert not any(c.value == "020 3357 7000" for c in contacts.contacts())


def test_every_contact_belongs_to_an_organisation_in_the_directory_or_a_support_line():
    """A row whose name differs from the directory's by a word is never shown anywhere."""
    from directory.contacts import SUPPORT_LINES, contacts
    from directory.data.directory import organisations

    known = {org["name"] for org in organisations()} | set(SUPPORT_LINES)
    # Shown on its own help page, not a body a complaint goes to.
    known.add("Victims' Commissioner for England and Wales")
    assert {row.organisation for row in contacts()} - known == set()
