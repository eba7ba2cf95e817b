"""The complaint form's "which organisation?" question uses the place index, as the tool does:
a place or council name finds the organisation, "I do not know" is always its own answer,
and without JavaScript the page searches by place or lists a region, never a long scroll.
A council complaint is asked which council, by place, and goes to it."""

from __future__ import annotations

import html

import pytest

from complaints.journey import SESSION_KEY
from complaints.models import Complaint
from directory.data.loader import directory_load
from directory.models import Organisation
from tests.complaints.journey_support import journey_begin, step_url

pytestmark = pytest.mark.django_db

ORGANISATION = step_url("organisation")


@pytest.fixture(autouse=True)
def loaded():
    directory_load()


def _at_the_question(client, org_type="police_force", subject="service"):
    journey_begin(client)
    client.post(step_url("who"), {"role": "self"})
    client.post(step_url("about"), {"org_type": org_type})
    assert client.post(step_url("subject"), {"subject": subject}).status_code == 302


def _page(client, **params) -> str:
    response = client.get(ORGANISATION, params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _labels(page: str) -> list[str]:
    return [
        part.split(">", 1)[1].split("</label>")[0].strip()
        for part in page.split('class="govuk-label govuk-radios__label"')[1:]
    ]


def test_the_list_carries_its_places_and_is_hidden_without_javascript(client):
    _at_the_question(client)
    page = _page(client)
    force = Organisation.objects.get(name="West Yorkshire Police")
    assert f'<option value="{force.pk}" data-places="Bradford|' in page
    assert '<option value="unknown" data-always="true"' in page
    assert "app-js-only" in page.split("<select")[1].split(">")[0]
    assert '<noscript><link rel="stylesheet" href="/static/css/no-js.css"></noscript>' in page
    # Without JavaScript: a place search, a short list of regions, and "I do not know".
    assert '<form method="get" novalidate class="app-place-search">' in page
    assert page.count("?region=") == 12
    assert '<input type="hidden" name="organisation" value="unknown">' in page


@pytest.mark.parametrize(
    ("place", "first"),
    [
        ("Leeds", "West Yorkshire Police (Leeds)"),
        ("Camden", "Metropolitan Police Service (Camden)"),
        ("Cardiff", "South Wales Police (Cardiff)"),
        ("Leeds City Council", "West Yorkshire Police (Leeds)"),
        ("Birmingham", "West Midlands Police (Birmingham)"),
    ],
)
def test_a_place_or_council_offers_its_force_first_with_the_place_shown(client, place, first):
    _at_the_question(client)
    labels = _labels(_page(client, place=place))
    assert labels[0] == first
    assert labels[-1] == "I do not know"


def test_london_offers_the_met_first_and_explains_the_square_mile(client):
    _at_the_question(client)
    page = _page(client, place="London")
    assert _labels(page)[:2] == [
        "Metropolitan Police Service (London)",
        "City of London Police (City of London)",
    ]
    assert "the ‘Square Mile’ in the centre of London, has its own police force" in page


def test_choosing_from_the_results_answers_the_question(client):
    _at_the_question(client)
    force = Organisation.objects.get(name="West Yorkshire Police")
    response = client.post(ORGANISATION + "?place=Leeds", {"organisation": str(force.pk)})
    assert response.status_code == 302
    assert client.session[SESSION_KEY]["answers"]["organisation_id"] == force.pk


def test_an_ambiguous_place_asks_which_one_and_an_empty_choice_asks_again(client):
    _at_the_question(client)
    page = _page(client, place="Newport")
    assert "Which one do you mean by ‘Newport’?" in page
    assert _labels(page)[0] == "Gwent Police (Newport)"
    assert "Hampshire and Isle of Wight Constabulary (Newport, Isle of Wight)" in page
    response = client.post(ORGANISATION + "?place=Newport", {})
    again = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert 'href="#id_organisation"' in again and 'id="id_organisation"' in again
    assert "Which one do you mean by ‘Newport’?" in again


def test_i_do_not_know_is_its_own_answer(client):
    _at_the_question(client)
    response = client.post(ORGANISATION, {"organisation": "unknown"})
    assert response.status_code == 302
    assert client.session[SESSION_KEY]["answers"]["organisation_id"] is None


def test_a_place_that_matches_nothing_lists_the_regions_and_i_do_not_know(client):
    _at_the_question(client)
    page = _page(client, place="Qwxzzy")
    assert "We could not find ‘Qwxzzy’" in page
    assert "?region=Yorkshire%20and%20the%20Humber" in page
    assert '<input type="hidden" name="organisation" value="unknown">' in page
    regional = _page(client, region="Yorkshire and the Humber")
    assert "West Yorkshire Police" in regional and "Kent Police" not in regional


def test_an_empty_search_asks_for_a_place(client):
    _at_the_question(client)
    page = _page(client, place="  ")
    assert "<title>Error:" in page
    assert 'href="#place"' in page and 'id="place"' in page
    assert "Enter a town, city or council, or choose a region" in page


def test_when_changing_the_answer_the_search_keeps_to_the_change(client):
    _at_the_question(client)
    page = _page(client, change="1")
    assert '<input type="hidden" name="change" value="1">' in page
    assert "&change=1" in _page(client, place="Qwxzzy", change="1")


def _rest_of_the_journey(client):
    for slug, data in [
        ("rights", {}),
        ("when", {"day": "1", "month": "2", "year": "2026"}),
        ("reference", {}),
        ("what-happened", {"what_happened": "Words."}),
        ("who-was-involved", {}),
        ("outcome", {}),
        ("evidence", {"action": "continue"}),
        ("name", {"full_name": "A"}),
        ("contact", {"methods": ["post"], "address": "Somewhere"}),
        ("support", {}),
    ]:
        assert client.post(step_url(slug), data).status_code == 302, slug


def test_a_council_complaint_asks_which_council_by_place_and_goes_to_it(client):
    _at_the_question(client, "council", "children")
    page = _page(client)
    assert "<h1" in page and "Which council?" in page
    labels = _labels(_page(client, place="Morley"))
    assert labels[0] == "Leeds City Council (Morley, Leeds)"
    leeds = Organisation.objects.get(name="Leeds City Council")
    client.post(ORGANISATION + "?place=Morley", {"organisation": str(leeds.pk)})
    _rest_of_the_journey(client)
    check = client.get("/complaints/check-your-answers/").content.decode()
    assert "Leeds City Council" in check
    client.post("/complaints/check-your-answers/", {"declaration": "on"})
    complaint = Complaint.objects.get()
    assert complaint.organisation == leeds
    assert complaint.named_organisation == leeds


def test_a_search_never_loses_an_answer_typed_earlier(client):
    _at_the_question(client)
    force = Organisation.objects.get(name="Kent Police")
    client.post(ORGANISATION, {"organisation": str(force.pk)})
    _rest_of_the_journey(client)
    _page(client, place="Leeds", change="1")
    _page(client, place="Qwxzzy")
    answers = client.session[SESSION_KEY]["answers"]
    assert answers["organisation_id"] == force.pk and answers["what_happened"] == "Words."
    # The answer kept is chosen when it is among the results.
    page = _page(client, region="Kent, Surrey and Sussex")
    assert f'value="{force.pk}" checked' in page


def test_a_welsh_page_shows_the_welsh_name_and_still_finds_it_by_place(client):
    _at_the_question(client, "council", "wales")
    response = client.get("/cy" + ORGANISATION, {"place": "Cardiff"})
    page = html.unescape(response.content.decode())
    assert "Cyngor Caerdydd (Cardiff Council) (Cardiff)" in page
    options = html.unescape(client.get("/cy" + ORGANISATION).content.decode())
    assert "Cyngor Caerdydd (Cardiff Council)</option>" in options
    assert 'data-places="Cardiff|' in options


def test_without_javascript_the_answer_already_given_is_shown_to_keep(client):
    _at_the_question(client)
    force = Organisation.objects.get(name="Kent Police")
    client.post(ORGANISATION, {"organisation": str(force.pk)})
    page = _page(client)
    kept = page.split("<noscript>\n<form")[1].split("</noscript>")[0]
    assert f'name="organisation" value="{force.pk}"' in kept
    assert "Your answer: <strong>Kent Police</strong>" in kept
