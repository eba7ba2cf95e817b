"""Ask and answer, end to end in Chromium: staff ask from the complaint page, the
complainant reads the question on the progress page and replies with text and a file,
staff see the reply; the response clock is paused meanwhile and the deadline comes back
moved on by the working days it waited. Every step is on the complaint's timeline.

axe (zero violations) runs on the complainant's pages: the question, an error, the reply.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from playwright.sync_api import expect

from complaints import workflow
from complaints.models import InformationRequest, OutboundEmail, StatusChange
from complaints.views import PROGRESS_SESSION_KEY
from tests.browser.helpers import assert_accessible
from tests.browser.test_admin_triage import _sign_in
from tests.complaints import files
from tests.complaints.builders import complaint_build, organisation_build
from tests.complaints.triage_setup import handler_build
from victims_service import dates

QUESTION = "Which station did you visit, and on what day?"


def _as_complainant(context, site, complaint) -> None:
    """The session a used progress link makes, handed to the browser."""
    store = SessionStore()
    store[PROGRESS_SESSION_KEY] = complaint.pk
    store.save()
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "url": site}]
    )


def test_staff_ask_the_complainant_replies_and_staff_see_the_reply(browser, site):
    org = organisation_build(name="Alpha Police")
    user = handler_build(org, username="alice")
    today = timezone.localdate()
    due = today + timedelta(days=28)
    complaint = complaint_build(org, response_due=due)

    staff = browser.new_context()
    staff_page = staff.new_page()
    _sign_in(staff_page, site, user)
    staff_page.goto(f"{site}/staff/complaints/complaint/{complaint.pk}/change/")
    staff_page.get_by_role("link", name="Ask the complainant for information").click()
    staff_page.get_by_label("What do you need from the complainant?").fill(QUESTION)
    staff_page.get_by_label("Why the response clock is paused").fill("Need the station")
    staff_page.get_by_role("button", name="Ask the complainant for information").click()
    expect(
        staff_page.get_by_text("Waiting for a reply: the response clock is paused")
    ).to_be_visible()
    email = OutboundEmail.objects.get(complaint=complaint, kind="information_requested")
    assert QUESTION not in email.body
    # Paused: no deadline to be overdue against, the one it had kept for the reply.
    expect(staff_page.get_by_text(f"It was due {dates.long_date(due)}")).to_be_visible()
    expect(staff_page.locator("#timeline")).to_contain_text(
        "Asked the complainant for more information by email"
    )

    person = browser.new_context()
    page = person.new_page()
    _as_complainant(person, site, complaint)
    page.goto(f"{site}/complaints/check/status/")
    expect(page.get_by_text(QUESTION)).to_be_visible()
    expect(page.get_by_text("Response expected by")).to_have_count(0)
    expect(page.get_by_text("is paused until you answer")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Send your reply").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter your reply or choose a file to send"
    )
    page.locator(".govuk-error-summary a").first.click()
    expect(page.get_by_label("Your reply")).to_be_focused()
    assert_accessible(page)

    page.get_by_label("Your reply").fill("Northgate station, 3 February")
    page.get_by_label("Upload a file (optional)").set_input_files(
        {"name": "ticket.png", "mimeType": "image/png", "buffer": files.png()}
    )
    page.get_by_role("button", name="Send your reply").click()
    expect(page.get_by_text("Your reply has been sent to the organisation.")).to_be_visible()
    expect(page.get_by_text(QUESTION)).to_have_count(0)
    assert_accessible(page)

    staff_page.reload()
    expect(staff_page.locator("#requests")).to_contain_text("Northgate station, 3 February")
    expect(staff_page.locator("#requests")).to_contain_text("ticket.png")
    expect(staff_page.locator("#timeline")).to_contain_text("Replied: Northgate station")
    request = InformationRequest.objects.get(complaint=complaint)
    assert request.replied_at is not None
    assert request.reply_attachments.count() == 1
    assert StatusChange.objects.filter(complaint=complaint, note__contains="replied").exists()
    # The clock runs again: asked and answered today, so the deadline is the one it had.
    complaint.refresh_from_db()
    assert complaint.response_due == workflow.add_working_days(due, request.paused_working_days)
    expect(staff_page.get_by_text(f"It was due {dates.long_date(due)}")).to_have_count(0)
    staff.close()
    person.close()
