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
