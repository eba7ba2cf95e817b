"""The pages that fill the gaps a victim ran into: who speaks up for victims, where to get
help, what to do about a prisoner or a parole decision, the two Right to Review schemes,
complaints about a commissioner, and the Welsh ombudsman. Each says the facts a person
acts on, and can be found from the page where they would look."""

from __future__ import annotations

import pytest

from tests.guidance.test_shipped_content import _main


def main_text(client, path: str) -> str:
    response = client.get(f"/{path}/")
    assert response.status_code == 200, path
    return " ".join(_main(response.content.decode()).split())


def test_the_victims_commissioner_does_not_take_individual_complaints(client, shipped_pages):
    text = main_text(client, "support/victims-commissioner")
    assert "does not take or look into complaints from one person" in text
    assert "monitors how the Victims' Code is working" in text
    assert 'href="/complain-about/"' in text


def test_victim_support_and_the_witness_service(client, shipped_pages):
    text = main_text(client, "support/victim-support-and-the-witness-service")
    assert "08 08 16 89 111" in text  # checked: directory/data/contacts.csv
    assert "You do not have to report the crime to get help" in text
    assert "Citizens Advice runs it in every criminal court in England and Wales" in text


def test_domestic_abuse_help_gives_the_national_helpline(client, shipped_pages):
    text = main_text(client, "support/domestic-abuse")
    assert "0808 2000 247" in text  # checked: directory/data/contacts.csv
    assert "call 999" in text and "press 55" in text
    assert 'href="/staying-safe-online/"' in text


def test_unwanted_prisoner_contact_says_who_can_ask(client, shipped_pages):
    text = main_text(client, "support/unwanted-contact-from-a-prisoner")
    assert "Unwanted Prisoner Contact Service" in text
    assert "HM Prison and Probation Service" in text
    assert "the police" in text and "a victims' support service" in text


def test_parole_reconsideration_is_asked_through_the_victim_liaison_officer(client, shipped_pages):
    text = main_text(client, "support/parole-board-decisions")
    assert "within 21 days of the decision" in text
    assert "ask the Secretary of State to think about applying" in text
    assert "Ask through your victim liaison officer" in text
    assert "summary" in text


def test_both_right_to_review_schemes_side_by_side(client, shipped_pages):
    html = main_text(client, "making-a-complaint/right-to-review")
    assert '<table class="govuk-table">' in html
    assert "Police scheme" in html and "CPS scheme" in html
    assert "Within 3 months of being told" in html
    assert "Within 10 working days for a quick review" in html
    assert "up to 3 months after" in html
    assert "offered no evidence in court, the case cannot be started again" in html


def test_the_cps_page_gives_the_cps_review_limits(client, shipped_pages):
    text = main_text(client, "complain-about/cps")
    assert "Ask within 10 working days" in text
    assert "usually ask within 3 months" not in text
    assert 'href="/making-a-complaint/right-to-review/"' in text


def test_complaints_about_a_commissioner_go_to_the_panel(client, shipped_pages):
    text = main_text(client, "complain-about/police-and-crime-commissioner")
    assert "Police and Crime Panel" in text
    assert "London Assembly's Police and Crime Committee" in text
    assert 'href="/complain-about/police/"' in text


def test_the_welsh_ombudsman_page(client, shipped_pages):
    text = main_text(client, "making-a-complaint/public-services-ombudsman-for-wales")
    assert "not the Local Government and Social Care Ombudsman" in text
    assert "10 working days" in text and "25 working days" in text


def test_restorative_justice_is_a_choice(client, shipped_pages):
    text = main_text(client, "support/restorative-justice")
    assert "only happens if you want it, and if the offender agrees" in text


@pytest.mark.parametrize(
    ("path", "href"),
    [
        ("complain-about", "/complain-about/police-and-crime-commissioner/"),
        ("complain-about", "/making-a-complaint/right-to-review/"),
        ("complain-about/police", "/complain-about/police-and-crime-commissioner/"),
        ("complain-about/police", "/making-a-complaint/right-to-review/"),
        ("complain-about/prisons", "/support/unwanted-contact-from-a-prisoner/"),
        ("complain-about/parole-board", "/support/parole-board-decisions/"),
        (
            "complain-about/council-social-services",
            "/making-a-complaint/public-services-ombudsman-for-wales/",
        ),
        (
            "complain-about/youth-offending-teams",
            "/making-a-complaint/public-services-ombudsman-for-wales/",
        ),
        (
            "making-a-complaint/if-you-are-unhappy-with-the-answer",
            "/making-a-complaint/public-services-ombudsman-for-wales/",
        ),
        ("making-a-complaint", "/making-a-complaint/right-to-review/"),
        ("victims-code/support-services", "/support/"),
        ("victims-code/victim-contact-scheme", "/support/parole-board-decisions/"),
        ("contact", "/support/"),
        ("support", "/support/victims-commissioner/"),
        ("support", "/support/domestic-abuse/"),
    ],
)
def test_each_new_page_is_linked_where_a_victim_would_look(client, shipped_pages, path, href):
    assert f'href="{href}"' in main_text(client, path)


def test_the_home_page_links_to_help_and_support(client, shipped_pages):
    assert 'href="/support/"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("path", "number"),
    [
        ("support/domestic-abuse", "tel:08082000247"),
        ("support/victim-support-and-the-witness-service", "tel:08081689111"),
    ],
)
def test_support_line_numbers_can_be_tapped_to_call(client, shipped_pages, path, number):
    response = client.get(f"/{path}/")
    assert f'href="{number}"' in response.content.decode()
