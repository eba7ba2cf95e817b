"""The tool's "which organisation?" question accepts a place, with and without JavaScript."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from directory.data.loader import directory_load
from directory.models import Organisation

pytestmark = pytest.mark.django_db

ORGANISATION = reverse("guidance:tool_step", args=["organisation"])


@pytest.fixture(autouse=True)
def loaded():
    directory_load()


def _at_the_question(client, org_type="police_force", subject="service"):
    client.post(reverse("guidance:tool_step", args=["about"]), {"answer": org_type})
    client.post(reverse("guidance:tool_step", args=["subject"]), {"answer": subject})


def _page(client, **params) -> str:
    response = client.get(ORGANISATION, params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_each_option_carries_the_places_it_covers_and_i_do_not_know_is_always_there(client):
    _at_the_question(client)
    page = _page(client)
    west_yorkshire = Organisation.objects.get(name="West Yorkshire Police")
    assert f'<option value="{west_yorkshire.pk}" data-places="Bradford|' in page
    assert "|Leeds|" in page
    assert '<option value="unknown" data-always="true"' in page


@pytest.mark.parametrize(
    ("place", "first"),
    [
        ("Leeds", "West Yorkshire Police (Leeds)"),
        ("Camden", "Metropolitan Police Service (Camden)"),
        ("Cardiff", "South Wales Police (Cardiff)"),
        ("Brighton", "Sussex Police (Brighton"),
        ("Birmingham", "West Midlands Police (Birmingham)"),
        ("Oxford", "Thames Valley Police (Oxford)"),
    ],
)
def test_searching_by_a_place_without_javascript_offers_the_right_force_first(client, place, first):
    _at_the_question(client)
    page = _page(client, place=place)
    labels = page.split('class="govuk-label govuk-radios__label"')
    assert first in labels[1]
    assert "I do not know" in page


def test_london_offers_the_met_first_and_explains_the_square_mile(client):
    _at_the_question(client)
    page = _page(client, place="London")
    labels = page.split('class="govuk-label govuk-radios__label"')
    assert "Metropolitan Police Service (London)" in labels[1]
    assert "City of London Police" in labels[2]
    assert "Square Mile" in page


def test_choosing_a_place_s_force_answers_the_question(client):
    _at_the_question(client)
    force = Organisation.objects.get(name="West Yorkshire Police")
    response = client.post(ORGANISATION, {"answer": str(force.pk)})
    assert response.status_code == 302
    assert client.session["routing_answers"]["organisation_id"] == force.pk


def test_an_ambiguous_place_asks_which_one(client):
    _at_the_question(client, "council", "adults")
    page = _page(client, place="Richmond")
    assert "Which one do you mean by ‘Richmond’?" in page
    assert "London Borough of Richmond upon Thames" in page
    assert "North Yorkshire Council" in page


def test_a_place_that_matches_nothing_offers_the_regions_and_i_do_not_know(client):
    _at_the_question(client)
    page = _page(client, place="Qwxzzy")
    assert "We could not find ‘Qwxzzy’" in page
    assert "?region=Yorkshire%20and%20the%20Humber" in page
    assert 'value="unknown"' in page and "I do not know" in page
    regional = _page(client, region="Yorkshire and the Humber")
    assert "West Yorkshire Police" in regional and "Kent Police" not in regional


@pytest.mark.parametrize("place", ["<script>alert(1)</script>", "x" * 10_000, "\x00%%'\";--", "🙂"])
def test_odd_or_very_long_input_never_breaks_the_page(client, place):
    _at_the_question(client)
    response = client.get(ORGANISATION, {"place": place})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_council_is_found_by_a_town_in_it(client):
    _at_the_question(client, "council", "children")
    page = _page(client, place="Morley")
    assert "Leeds City Council (Morley, Leeds)" in page


def _result(client, org_type, subject, name=None) -> str:
    _at_the_question(client, org_type, subject)
    if name:
        chosen = Organisation.objects.get(name=name)
        client.post(ORGANISATION, {"answer": str(chosen.pk)})
    return html.unescape(client.get(reverse("guidance:tool_result")).content.decode())


def test_the_result_shows_checked_contacts_and_the_support_lines(client):
    page = _result(client, "cica", "service")
    assert "data-contacts" in page
    assert "Victim Support" in page and "National Domestic Abuse Helpline" in page


def test_where_no_contact_is_checked_the_result_gives_the_central_team_s_route(client):
    # A council with no checked contact (its own complaints page was not found).
    page = _result(client, "council", "children", "Rotherham Council")
    assert "data-central-route" in page
    assert "search for their name" not in page.lower()


def test_without_javascript_the_long_list_gives_way_to_a_search_regions_and_i_do_not_know(client):
    _at_the_question(client)
    page = _page(client)
    assert '<select class="govuk-select app-js-only"' in page
    assert '<noscript><link rel="stylesheet" href="/static/css/no-js.css"></noscript>' in page
    assert '<form method="post" novalidate class="app-js-submit">' in page
    assert page.count("?region=") == 12
    assert '<input type="hidden" name="answer" value="unknown">' in page


def test_an_empty_search_asks_for_a_place_with_the_error_summary(client):
    _at_the_question(client)
    page = _page(client, place="")
    assert "<title>Error:" in page
    assert 'href="#place"' in page and "Enter a town, city or council, or choose a region" in page


def test_continuing_from_the_results_without_a_choice_shows_them_again_with_the_error(client):
    _at_the_question(client)
    response = client.post(ORGANISATION + "?place=Newport", {})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Which one do you mean by ‘Newport’?" in page
    assert 'href="#answer"' in page and 'id="answer"' in page
    assert "Select the police force, or ‘I do not know’" in page


def test_a_youth_justice_service_shows_its_council_s_checked_complaints_page(client):
    page = _result(
        client, "youth_offending", "service", "Youth justice service (Leeds City Council)"
    )
    assert "Complaints about it go through Leeds City Council:" in page
    leeds = page.split("data-contacts>")[1].split("</dl>")[0]
    assert "Checked on" in leeds
    assert "data-central-route" not in page


def test_a_witness_care_unit_complaint_shows_its_police_force_s_checked_complaints_page(client):
    # Run by the police with the CPS: a police complaint, to the force chosen.
    page = _result(client, "witness_care", "service", "West Yorkshire Police")
    assert 'href="https://westyorkshire.police.uk/contact-us/making-complaint-appeals"' in page
