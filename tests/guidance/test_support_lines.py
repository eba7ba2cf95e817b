"""The national support lines on the "Find your local police" result: only numbers and
addresses checked on the organisations' own pages (directory/data/contacts.csv), and no
more sending people to a search engine where nothing is checked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from directory.contacts import contacts, support_lines

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def loaded():
    from django.core.management import call_command

    call_command("load_directory", verbosity=0)


def result(client, slug="west-yorkshire-police") -> str:
    response = client.get(reverse("guidance:directory_result", args=[slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_result_lists_the_checked_national_support_lines(client):
    html = result(client)
    assert "Free support lines" in html
    assert "Victim Support" in html and "08 08 16 89 111" in html
    assert "National Domestic Abuse Helpline" in html and "0808 2000 247" in html
    assert 'href="https://www.nationaldahelpline.org.uk/"' in html
    assert 'href="/support/"' in html


def test_the_lines_for_particular_crimes_and_samaritans_are_listed_too(client):
    html = result(client)
    assert "Rape Crisis 24/7 Support Line" in html
    assert 'href="https://247sexualabusesupport.org.uk/faqs/"' in html
    assert "Galop" in html and 'href="tel:08009995428"' in html
    assert "Karma Nirvana" in html and 'href="tel:08005999247"' in html
    assert "Samaritans" in html and 'href="tel:116123"' in html
    # Any crime first, Samaritans last.
    assert html.index("Victim Support") < html.index("Rape Crisis") < html.index("Samaritans")


def test_every_line_shown_is_in_the_checked_contacts():
    checked = {(c.organisation, c.value) for c in contacts()}
    for line in support_lines():
        for value in (line.phone, line.web):
            if value:
                assert (line.organisation, value) in checked


def test_where_nothing_is_checked_the_page_offers_this_sites_team_not_a_search(client):
    html = result(client, "kent-police")
    assert "Search for their name" not in html
    assert "send your complaint to them through this site</a>" in html
    assert "Our central team will pass it on and tell you who has it." in html
    assert f'href="{reverse("complaints:start")}"' in html


@pytest.mark.parametrize(
    "path",
    [
        "complain-about/police",
        "complain-about/cps",
        "complain-about/courts",
        "complain-about/council-social-services",
        "complain-about/youth-offending-teams",
        "making-a-complaint/if-you-are-unhappy-with-the-answer",
    ],
)
def test_complaint_pages_no_longer_send_people_to_a_search_engine(client, shipped_pages, path):
    html = client.get(f"/{path}/").content.decode()
    assert "Search online for" not in html


def test_checked_addresses_are_linked_on_the_complaint_pages(client, shipped_pages):
    police = client.get("/complain-about/police/").content.decode()
    assert 'href="https://policeconduct.gov.uk/complaints/submit-a-complaint"' in police
    courts = client.get("/complain-about/courts/").content.decode()
    assert 'href="https://judicialconduct.judiciary.gov.uk/making-a-complaint/"' in courts


def test_the_support_line_numbers_can_be_tapped_to_call(client):
    html = result(client)
    assert 'href="tel:08081689111"' in html
    assert 'href="tel:08082000247"' in html


@pytest.mark.parametrize(
    "path",
    [
        "victims-code/information-about-compensation",
        "victims-code/victim-contact-scheme",
        "privacy",
        "accessibility",
        "cy/victims-code/information-about-compensation",
        "cy/victims-code/victim-contact-scheme",
        "cy/privacy",
        "cy/accessibility",
    ],
)
def test_no_page_sends_people_to_a_search_engine_for_an_organisation(client, shipped_pages, path):
    html = client.get(f"/{path}/").content.decode()
    assert "Search online for" not in html
    assert "ar-lein i gael gwybod" not in html and "chwiliwch ar-lein" not in html.lower()
