"""Tampered answers get the GOV.UK error for that question; an organisation retired while
someone is answering is asked about again; nothing gives a 500 and no answer is lost."""

from __future__ import annotations

import pytest

from complaints.journey import SESSION_KEY
from complaints.models import Complaint
from directory import cache as directory_cache
from directory.data.loader import directory_load
from directory.models import Organisation
from tests.complaints.journey_support import (
    directory_create,
    journey_begin,
    journey_complete,
    step_url,
)

pytestmark = pytest.mark.django_db
TOOL = "/who-should-i-complain-to/"


@pytest.mark.parametrize(
    ("setup", "step", "data", "message"),
    [
        ([], "about", {"org_type": "police_force'--"}, "Select who"),
        ([("about", {"org_type": "police_force"})], "subject", {"subject": "nonsense"}, "Select"),
        (
            [("about", {"org_type": "police_force"}), ("subject", {"subject": "service"})],
            "organisation",
            {"organisation": "99999999"},
            "Select the police force",
        ),
        (
            [("about", {"org_type": "police_force"}), ("subject", {"subject": "service"})],
            "organisation",
            {"organisation": "1e9"},
            "Select the police force",
        ),
    ],
)
def test_tampered_journey_answers_get_that_question_s_error(client, setup, step, data, message):
    directory_create()
    journey_begin(client)
    for slug, values in setup:
        client.post(step_url(slug), values)
    response = client.post(step_url(step), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and message in html


@pytest.mark.parametrize(
    ("step", "value"),
    [("about", "iopc"), ("about", "central_triage"), ("subject", "magistrate")],
)
def test_tampered_tool_answers_get_that_question_s_error(client, step, value):
    directory_load()
    if step == "subject":
        client.post(TOOL + "about/", {"answer": "police_force"})
    response = client.post(TOOL + f"{step}/", {"answer": value})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_a_force_retired_during_the_tool_is_asked_about_again(client):
    directory_load()
    kent = Organisation.objects.get(slug="kent-police")
    client.post(TOOL + "about/", {"answer": "police_force"})
    client.post(TOOL + "subject/", {"answer": "service"})
    client.post(TOOL + "organisation/", {"answer": str(kent.pk)})
    assert client.get(TOOL + "result/").status_code == 200
    Organisation.objects.filter(pk=kent.pk).update(is_active=False)
    directory_cache.clear()
    response = client.get(TOOL + "result/")
    assert response["Location"] == TOOL + "organisation/"
    assert client.session["routing_answers"]["subject"] == "service"  # kept


def test_a_force_retired_during_the_journey_is_asked_about_again_and_nothing_is_lost(client):
    directory = directory_create()
    journey_complete(client, directory["north"].id)
    Organisation.objects.filter(pk=directory["north"].pk).update(is_active=False)
    directory_cache.clear()
    response = client.get("/complaints/check-your-answers/")
    assert response["Location"].startswith(step_url("organisation"))
    page = client.get(step_url("organisation"))
    assert page.status_code == 200 and "Northshire Police" not in page.content.decode()
    sent = client.post("/complaints/check-your-answers/", {"declaration": "on"})
    assert sent.status_code == 302 and not Complaint.objects.exists()
    assert client.session[SESSION_KEY]["answers"]["what_happened"]  # kept
    client.post(step_url("organisation"), {"organisation": str(directory["south"].id)})
    assert client.get("/complaints/check-your-answers/").status_code == 200


# ---------------------------------------------------------------------------------------
# A place typed into any "which organisation?" question: the complaint form, the tool and
# "Find your local police". Nothing typed gives a 500, nothing typed is echoed unescaped.
# ---------------------------------------------------------------------------------------

ODD_PLACES = [
    "<script>alert(1)</script>",
    "Leeds'; DROP TABLE directory_organisation;--",
    "' OR '1'='1",
    "🙂🙂🙂",
    "Caerdydd 🏴󠁧󠁢󠁷󠁬󠁳󠁿",
    "\x00\x1f\x7f",
    "%00%27%22",
    "../../etc/passwd",
    "Ｌｅｅｄｓ",  # fullwidth letters
    "x" * 5000,
    "Leeds " * 900,
]


def _place_question(client, where: str) -> str:
    """The URL of a "which organisation?" page, reached as a person would."""
    if where == "tool":
        client.post(TOOL + "about/", {"answer": "police_force"})
        client.post(TOOL + "subject/", {"answer": "service"})
        return TOOL + "organisation/"
    if where == "journey":
        journey_begin(client)
        client.post(step_url("who"), {"role": "self"})
        client.post(step_url("about"), {"org_type": "council"})
        client.post(step_url("subject"), {"subject": "adults"})
        return step_url("organisation")
    return "/find-your-local-police/"


@pytest.mark.parametrize("where", ["tool", "journey", "lookup"])
@pytest.mark.parametrize("place", ODD_PLACES, ids=range(len(ODD_PLACES)))
def test_odd_or_very_long_places_never_break_a_place_question(client, where, place):
    directory_load()
    url = _place_question(client, where)
    response = client.get(url, {"place": place})
    assert response.status_code in (200, 302)
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    if response.status_code == 200:
        # What the page shows again is cut to a place name's length.
        assert "x" * 101 not in page.split("<main")[1]


@pytest.mark.parametrize("where", ["tool", "journey", "lookup"])
def test_a_region_that_is_not_one_lists_the_real_regions(client, where):
    directory_load()
    url = _place_question(client, where)
    response = client.get(url, {"region": "Atlantis'--"})
    assert response.status_code == 200
    assert "?region=Wales" in response.content.decode()


@pytest.mark.parametrize("where", ["tool", "journey", "lookup"])
def test_a_place_that_matches_nothing_says_so_with_the_regions_and_i_do_not_know(client, where):
    directory_load()
    url = _place_question(client, where)
    page = client.get(url, {"place": "Zzyzx"}).content.decode()
    assert "We could not find ‘Zzyzx’" in page
    assert page.count("?region=") == 12
    assert "I do not know" in page


@pytest.mark.parametrize("where", ["tool", "journey", "lookup"])
def test_a_town_in_two_counties_asks_which_one(client, where):
    directory_load()
    url = _place_question(client, where)
    page = client.get(url, {"place": "Newport"}).content.decode()
    assert "Which one do you mean by ‘Newport’?" in page
    assert "Isle of Wight" in page and "Newport" in page
    assert "I do not know" in page


@pytest.mark.parametrize("where", ["tool", "journey"])
def test_a_tampered_choice_from_the_results_gets_the_question_s_error(client, where):
    directory_load()
    url = _place_question(client, where)
    field = "answer" if where == "tool" else "organisation"
    response = client.post(url + "?place=Newport", {field: "1 OR 1=1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Which one do you mean by" in page
