# ruff: noqa: F811 (the two_orgs fixture is imported)
"""Transfer finds the organisation by type and a search, without JavaScript, and never
offers a support service."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from complaints.workflow import Status
from directory.models import OrganisationType
from tests.complaints.builders import organisation_build
from tests.complaints.triage_setup import two_orgs  # noqa: F401

pytestmark = pytest.mark.django_db


def _url(complaint, **search) -> str:
    url = reverse("admin:complaints_complaint_act", args=[complaint.pk, "transfer"])
    return f"{url}?{urlencode(search)}" if search else url


def _radios(page: str) -> list[str]:
    """The names of the organisations offered as choices (the radios' labels)."""
    offered = []
    for chunk in page.split('type="radio"')[1:]:
        label = chunk.split(">", 1)[1].split("</label>", 1)[0]
        offered.append(label.strip())
    return offered


def test_the_page_starts_with_a_search_and_offers_nothing_yet(client, staff_login, two_orgs):
    staff_login(two_orgs.staff_a)
    page = client.get(_url(two_orgs.complaint_a)).content.decode()
    assert 'method="get"' in page and "Type of organisation" in page and "Name or place" in page
    assert "<select" in page  # the type filter, not a list of every organisation
    assert _radios(page) == []
    assert "Search above, then choose from what it finds." in page
    assert "Local victims&#x27; support service" not in page.split("Name or place")[0]


def test_a_search_by_type_and_name_offers_a_short_list(client, staff_login, two_orgs):
    organisation_build(name="Bravo Victim Support", org_type=OrganisationType.VICTIMS_SERVICE)
    organisation_build(name="Bravo Crown Court", org_type=OrganisationType.COURTS)
    staff_login(two_orgs.staff_a)

    by_name = client.get(_url(two_orgs.complaint_a, q="bravo")).content.decode()
    assert _radios(by_name) == [
        "Bravo Crown Court (HM Courts &amp; Tribunals Service)",
        "Bravo Police (Police force)",
    ]
    assert "2 organisations match." in by_name

    by_type = client.get(
        _url(two_orgs.complaint_a, org_type=OrganisationType.POLICE_FORCE, q="bravo")
    ).content.decode()
    assert _radios(by_type) == ["Bravo Police (Police force)"]
    # The complaint's own organisation is never offered.
    own = client.get(_url(two_orgs.complaint_a, q="alpha")).content.decode()
    assert _radios(own) == [] and "No organisation matches." in own


def test_a_support_service_is_never_offered_even_by_name(client, staff_login, two_orgs):
    organisation_build(name="Alpha Victim Support", org_type=OrganisationType.VICTIMS_SERVICE)
    staff_login(two_orgs.staff_a)
    page = client.get(_url(two_orgs.complaint_a, q="victim support")).content.decode()
    assert _radios(page) == []
    typed = client.get(
        _url(two_orgs.complaint_a, org_type=OrganisationType.VICTIMS_SERVICE)
    ).content.decode()
    assert "Select a type of organisation from the list" in typed and _radios(typed) == []


def test_a_long_list_is_cut_short_with_a_hint(client, staff_login, two_orgs):
    for n in range(30):
        organisation_build(name=f"Force {n:02d} Police")
    staff_login(two_orgs.staff_a)
    page = client.get(
        _url(two_orgs.complaint_a, org_type=OrganisationType.POLICE_FORCE)
    ).content.decode()
    assert len(_radios(page)) == 25
    assert "Showing the first 25 of 31 organisations that match." in page


def test_a_welsh_name_finds_the_organisation(client, staff_login, two_orgs):
    organisation_build(name="South Wales Police", name_cy="Heddlu De Cymru")
    staff_login(two_orgs.staff_a)
    page = client.get(_url(two_orgs.complaint_a, q="heddlu")).content.decode()
    assert _radios(page) == ["South Wales Police (Police force)"]


def test_choosing_from_the_matches_transfers_through_the_same_service(
    client, staff_login, two_orgs
):
    staff_login(two_orgs.staff_a)
    url = _url(two_orgs.complaint_a, q="bravo")
    # A missing reason: the page comes back with the search and the choice kept.
    again = client.post(url, {"organisation": two_orgs.org_b.pk, "note": ""}).content.decode()
    assert "Enter why the complaint is being transferred" in again
    assert "Bravo Police (Police force)" in _radios(again)
    assert re.search(rf'value="{two_orgs.org_b.pk}"[^>]*checked', again)
    done = client.post(url, {"organisation": two_orgs.org_b.pk, "note": "Theirs to deal with."})
    assert done.status_code == 302
    two_orgs.complaint_a.refresh_from_db()
    assert two_orgs.complaint_a.organisation == two_orgs.org_b
    assert two_orgs.complaint_a.status == Status.TRANSFERRED


def test_search_errors_are_specific(client, staff_login, two_orgs):
    staff_login(two_orgs.staff_a)
    page = client.get(_url(two_orgs.complaint_a, q="x" * 101)).content.decode()
    assert "The name or place must be 100 characters or fewer" in page
    assert "Ensure this value" not in page
