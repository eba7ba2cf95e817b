"""A complaint handler records a complaint received by phone, in a real browser: the public
questions on one page, the questions the answers bring, check the answers, the reference.
Each page passes axe (WCAG 2.2 AA) with nothing blocked by the Content Security Policy."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from complaints.models import Channel, Complaint, StatusChange
from tests.browser.helpers import assert_accessible
from tests.complaints.journey_support import directory_create
from tests.complaints.triage_setup import handler_build
from tests.staff_auth import login_verified


@pytest.fixture
def csp_errors(page):
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return errors


def _checked(page, csp_errors: list[str]) -> None:
    page.wait_for_load_state("load")
    assert csp_errors == [], f"CSP blocked something on {page.url}"
    assert_accessible(page)
    # axe injects styles of its own, which the policy rightly blocks.
    csp_errors.clear()


def test_staff_record_a_complaint_received_by_phone(page, site, csp_errors):
    directory = directory_create()
    user = handler_build(directory["north"], first_name="Jo", last_name="Bloggs")
    client = Client()
    login_verified(client, user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site,
            }
        ]
    )

    page.goto(f"{site}/staff/complaints/complaint/")
    page.get_by_role("link", name="Record a complaint received by phone or letter").click()
    expect(page.get_by_role("heading", name="Record a complaint received by phone or letter"))
    _checked(page, csp_errors)

    # Sent with nothing filled in: GOV.UK-style messages, each linked to its question.
    page.get_by_role("button", name="Continue").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Select how the complaint came in")
    summary.get_by_role("link", name="Enter what happened").click()
    expect(page.locator("#id_what-happened-what_happened")).to_be_focused()
    _checked(page, csp_errors)

    page.get_by_label("Phone call", exact=True).check()
    page.get_by_label("I am the person affected").check()
    page.get_by_label("The police", exact=True).check()
    page.get_by_label("Day", exact=True).fill("3")
    page.get_by_label("Month", exact=True).fill("2")
    page.get_by_label("Year", exact=True).fill("2026")
    page.get_by_label("What happened?").fill("Nobody told me the trial date.")
    page.get_by_label("What is your name?").fill("Sam Caller")
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Phone number").fill("07700 900982")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue").click()

    # The type of organisation brings two questions, marked new, with the answers kept.
    expect(page.get_by_role("status")).to_contain_text("These answers bring more questions")
    expect(page.get_by_label("What happened?")).to_have_value("Nobody told me the trial date.")
    _checked(page, csp_errors)
    page.locator("#q-subject").get_by_label(
        "How an officer or member of police staff treated you, or the service you got"
    ).check()
    page.get_by_label("Which police force?").select_option(label="Northshire Police")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Check the answers before you record the complaint"))
    expect(page.get_by_text("Nobody told me the trial date.")).to_be_visible()
    expect(page.locator(".app-record-section").first).to_contain_text("Northshire Police")
    _checked(page, csp_errors)
    page.get_by_label(
        "I have read these answers back to the person, or checked them against their letter"
    ).check()
    page.get_by_role("button", name="Record the complaint").click()

    complaint = Complaint.objects.get()
    expect(page.get_by_role("heading", name="Give the person this reference")).to_be_visible()
    expect(page.get_by_text(complaint.reference, exact=True)).to_be_visible()
    expect(page.get_by_text("No email has been sent")).to_be_visible()
    _checked(page, csp_errors)
    assert complaint.channel == Channel.PHONE and complaint.recorded_by == user
    assert complaint.organisation == directory["north"]
    assert StatusChange.objects.get(complaint=complaint).note.startswith(
        "Recorded by Jo Bloggs from a phone call."
    )

    page.get_by_role("link", name=f"Open the complaint {complaint.reference}").click()
    expect(page.get_by_text("Recorded by Jo Bloggs from a phone call").first).to_be_visible()
