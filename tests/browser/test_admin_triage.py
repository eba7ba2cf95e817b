"""A member of staff acknowledges a complaint in admin, in a real browser.

Checks axe (WCAG 2.2 AA) on the admin pages staff use for triage (home, changelist, change
view, action page, history, dashboard) and that nothing on them is blocked by the Content
Security Policy.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from complaints.workflow import Status
from tests.browser.helpers import assert_accessible
from tests.complaints.builders import complaint_build, organisation_build
from tests.complaints.triage_setup import handler_build
from tests.staff_auth import login_verified


def _sign_in(page, site, user) -> None:
    """Sign in by cookie: the session a verified staff login makes, handed to the browser."""
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


def _check(page, csp_errors: list[str]) -> None:
    """No CSP errors while the page loaded, then no axe violations.

    CSP errors are checked before axe runs: axe injects styles of its own, which the policy
    rightly blocks.
    """
    page.wait_for_load_state("load")
    assert csp_errors == [], f"CSP blocked something on {page.url}"
    assert_accessible(page)
    csp_errors.clear()


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


def test_staff_acknowledge_a_complaint(page, site, csp_errors):
    org = organisation_build(name="Alpha Police")
    user = handler_build(org, username="alice", first_name="Alice", last_name="Adams")
    today = timezone.localdate()
    complaint = complaint_build(
        org,
        acknowledgement_due=today + timedelta(days=1),
        response_due=today + timedelta(days=28),
        no_letters_home=True,
    )
    complaint_build(org, acknowledgement_due=today - timedelta(days=2))
    _sign_in(page, site, user)

    page.goto(f"{site}/staff/complaints/complaint/")
    expect(page.get_by_role("link", name=complaint.reference)).to_be_visible()
    _check(page, csp_errors)

    page.get_by_role("link", name=complaint.reference).click()
    expect(page.get_by_text("Do not send letters to the home address.")).to_be_visible()
    _check(page, csp_errors)

    page.get_by_role("link", name="Acknowledge", exact=True).click()
    _check(page, csp_errors)
    page.get_by_label("Message for the complainant (optional)").fill("We have your complaint.")
    page.get_by_role("button", name="Acknowledge").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text(f"{complaint.reference}: Acknowledge – done.")).to_be_visible()
    _check(page, csp_errors)
    complaint.refresh_from_db()
    assert complaint.status == Status.ACKNOWLEDGED
    assert complaint.history.get().note == "We have your complaint."

    page.goto(f"{site}/staff/complaints/complaint/{complaint.pk}/history/")
    _check(page, csp_errors)

    page.goto(f"{site}/staff/")
    _check(page, csp_errors)
    page.get_by_role("link", name="Triage dashboard").click()
    expect(page.get_by_role("img", name="Complaints by status")).to_be_visible()
    _check(page, csp_errors)
