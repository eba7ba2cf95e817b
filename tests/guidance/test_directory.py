"""Find your local police force, commissioner and victims' service (no JavaScript)."""

from __future__ import annotations

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


def test_the_lookup_lists_every_police_force_area_with_its_places(client):
    response = client.get(LOOKUP)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get"' in html
    assert html.count("<option value=") == 44  # 43 areas and "Choose your area"
    assert "Avon and Somerset (Bristol," in html
    assert 'value="british-transport-police"' not in html
    assert 'data-module="app-autocomplete"' in html


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
    # No contact details have been checked, so none are shown.
    assert "We do not have checked contact details" in html
    local = html.split("Free support lines")[0]
    assert "govuk-summary-list__key" not in local


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
