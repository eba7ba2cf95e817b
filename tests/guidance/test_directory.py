"""Find your local police force, commissioner and victims' service (no JavaScript)."""

from __future__ import annotations

import html as html_module

import pytest
from django.urls import reverse

from directory.data.loader import directory_load
from directory.models import Organisation

pytestmark = pytest.mark.django_db

LOOKUP = reverse("guidance:directory")


@pytest.fixture(autouse=True)
def loaded():
    directory_load()


def result_url(slug: str) -> str:
    return reverse("guidance:directory_result", args=[slug])


def test_the_lookup_lists_every_police_force_with_the_places_it_covers(client):
    response = client.get(LOOKUP)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get"' in html
    # 43 forces, "Choose your area" and "I do not know" (always offered).
    assert html.count("<option value=") == 45
    assert '<option value="avon-and-somerset-police" data-places="Bath and North East' in html
    assert '<option value="unknown" data-always="true">I do not know</option>' in html
    assert 'value="british-transport-police"' not in html
    assert 'data-module="app-autocomplete"' in html
    # Without JavaScript the list is hidden; the place search and regions take its place.
    assert 'class="govuk-select app-js-only"' in html
    assert '<noscript><link rel="stylesheet" href="/static/css/no-js.css"></noscript>' in html
    assert 'id="place" name="place"' in html and html.count("?region=") == 12


def test_choosing_an_area_goes_to_its_result(client):
    response = client.get(LOOKUP, {"force": "kent-police"})
    assert response.status_code == 302
    assert response["Location"] == result_url("kent-police")


@pytest.mark.parametrize("value", ["", "no-such-place", "british-transport-police"])
def test_no_choice_or_a_bad_one_shows_the_error_summary(client, value):
    html = client.get(LOOKUP, {"force": value}).content.decode()
    assert "There is a problem" in html
    assert 'href="#force"' in html
    assert "Select the area where you live" in html
    assert "<title>Error:" in html


def test_the_result_names_the_force_its_policing_body_and_victims_service(client):
    html = client.get(result_url("metropolitan-police")).content.decode()
    assert "Metropolitan Police Service" in html
    assert "Mayor&#x27;s Office for Policing and Crime (MOPAC)" in html
    assert "Local victims&#x27; support service paid for by the Mayor" in html
    assert 'href="/complain-about/police/"' in html
    assert f'href="{reverse("complaints:start")}"' in html
    # The force's and MOPAC's checked pages are shown, each with the day it was checked.
    local = html.split("Free support lines")[0]
    assert (
        'href="https://www.met.police.uk/advice-and-information/complaints-about-the-met/' in local
    )
    assert "Checked on" in local
    # None is checked for the local victims' service: Victim Support's line instead.
    assert "Victim Support’s free line, below" in html


def test_where_nothing_is_checked_the_result_gives_this_site_s_route(client):
    html = client.get(result_url("kent-police")).content.decode()
    force = html.split("Police force</h2>")[1].split("<h2")[0]
    assert "send your complaint to them through this site" in force
    assert "govuk-summary-list__key" not in force


def test_the_result_shows_contact_details_staff_have_added(client):
    Organisation.objects.filter(slug="kent-police").update(
        website="https://police.example.org/", phone="01234 567890"
    )
    html = client.get(result_url("kent-police")).content.decode()
    assert 'href="https://police.example.org/"' in html
    assert "01234 567890" in html


def test_an_unknown_area_is_not_found(client):
    assert client.get(result_url("atlantis-police")).status_code == 404


def test_the_result_page_is_cheap(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert client.get(result_url("kent-police")).status_code == 200


def _lookup(client, **params) -> str:
    response = client.get(LOOKUP, params)
    assert response.status_code == 200
    return html_module.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("place", "slug"),
    [
        ("Leeds", "west-yorkshire-police"),
        ("Camden", "metropolitan-police"),
        ("Cardiff", "south-wales-police"),
        ("Oxford", "thames-valley-police"),
        ("Brighton and Hove City Council", "sussex-police"),
        ("I live in Birmingham", "west-midlands-police"),
    ],
)
def test_a_place_with_one_force_goes_straight_to_it(client, place, slug):
    response = client.get(LOOKUP, {"place": place})
    assert response.status_code == 302
    assert response["Location"] == result_url(slug)


def test_london_offers_the_met_first_and_explains_the_square_mile(client):
    page = _lookup(client, place="London")
    links = page.split("data-place-results>")[1].split("</ul>")[0]
    met = links.index("Metropolitan Police Service (London)")
    assert met < links.index("City of London Police")
    assert f'href="{result_url("metropolitan-police")}"' in links
    assert "has its own police force: the City of London Police" in page
    unknown = '<li><a class="govuk-link" href="?force=unknown">I do not know</a></li>'
    assert links.rstrip().endswith(unknown)


def test_a_town_in_two_counties_asks_which_one(client):
    page = _lookup(client, place="Newport")
    assert "Which one do you mean by ‘Newport’?" in page
    assert "Gwent Police (Newport)" in page
    assert "Hampshire and Isle of Wight Constabulary (Newport, Isle of Wight)" in page


def test_a_place_that_matches_nothing_lists_the_regions_and_i_do_not_know(client):
    page = _lookup(client, place="Qwxzzy")
    assert "We could not find ‘Qwxzzy’" in page
    assert "<title>No match found" in page
    assert "Choose a region" in page and "?region=Wales" in page
    assert 'href="?force=unknown">I do not know</a>' in page
    wales = _lookup(client, region="Wales")
    assert "Dyfed-Powys Police" in wales and "Kent Police" not in wales


def test_an_empty_search_asks_for_a_place(client):
    page = _lookup(client, place="   ")
    assert "<title>Error:" in page and 'href="#place"' in page


def test_i_do_not_know_gives_the_central_team_s_route_and_the_support_lines(client):
    page = _lookup(client, force="unknown")
    assert "If you do not know your police force" in page
    assert f'href="{reverse("complaints:start")}"' in page
    assert "08 08 16 89 111" in page
    assert "search for" not in page.lower()


def test_checked_contacts_show_with_the_day_they_were_checked(client, monkeypatch):
    from directory import contacts

    checked = contacts.Contact(
        organisation="Kent Police",
        kind="phone",
        value="01234 567890",  # made up for this test; never shipped
        source_page_url="https://police.example.org/contact",
        checked_on="2026-11-30",
        notes="",
    )
    shipped = contacts.contacts()
    monkeypatch.setattr(contacts, "contacts", lambda: (*shipped, checked))
    page = html_module.unescape(client.get(result_url("kent-police")).content.decode())
    force = page.split('<h2 class="govuk-heading-m">Police force</h2>')[1].split("<h2")[0]
    assert 'href="tel:01234567890"' in force and "Checked on 30 November 2026" in force
    assert "send your complaint to them through this site" not in force
    assert "Checked on 1 December 2026" in page.split("Free support lines")[1]


def test_the_tool_result_shows_checked_contacts_with_the_day_they_were_checked(client):
    client.post(reverse("guidance:tool_step", args=["about"]), {"answer": "cica"})
    client.post(reverse("guidance:tool_step", args=["subject"]), {"answer": "service"})
    page = html_module.unescape(client.get(reverse("guidance:tool_result")).content.decode())
    contacts_shown = page.split("data-contacts>")[1].split("</dl>")[0]
    assert "https://www.gov.uk/government/organisations/criminal-injuries-compensation" in (
        contacts_shown
    )
    assert "Checked on 1 December 2026" in contacts_shown


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"place": "London"},
        {"place": "Newport"},
        {"place": "Qwxzzy"},
        {"region": "Wales"},
        {"force": "unknown"},
    ],
)
def test_every_state_of_the_lookup_reads_as_welsh(client, params):
    from tests.welsh_text import english_paragraphs, page_blocks

    html = client.get("/cy" + LOOKUP, params).content.decode()
    assert '<html lang="cy"' in html
    names = (*Organisation.objects.values_list("name", flat=True), "Qwxzzy")
    assert english_paragraphs(page_blocks(html), allowed=names) == []


def test_the_tool_s_place_results_read_as_welsh(client):
    from tests.welsh_text import english_paragraphs, page_blocks

    client.post("/cy/who-should-i-complain-to/about/", {"answer": "police_force"})
    client.post("/cy/who-should-i-complain-to/subject/", {"answer": "service"})
    names = (*Organisation.objects.values_list("name", flat=True), "Qwxzzy")
    for params in ({}, {"place": "London"}, {"place": "Qwxzzy"}, {"region": "Wales"}):
        html = client.get("/cy/who-should-i-complain-to/organisation/", params).content.decode()
        assert english_paragraphs(page_blocks(html), allowed=names) == [], params
