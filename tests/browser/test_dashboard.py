"""A manager opens the dashboard in a real browser: axe finds nothing, and at 1280 px wide
the page, charts and tables included, fits without scrolling sideways."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from complaints.models import Channel
from complaints.workflow import Status
from directory.models import OrganisationType
from tests.browser.helpers import assert_accessible
from tests.browser.test_admin_triage import _sign_in
from tests.complaints.builders import complaint_build, organisation_build
from tests.complaints.triage_setup import handler_build


def _fits(page) -> None:
    scroll, inner = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{page.url}: {scroll} px wide in a {inner} px window"


def test_manager_opens_the_dashboard(page, site):
    org = organisation_build(name="Alpha Police")
    user = handler_build(org, username="manager")
    now = timezone.now()
    for n in range(24):
        complaint_build(
            org,
            received_at=now - timedelta(days=14 * n),
            status=[Status.RECEIVED, Status.ACKNOWLEDGED, Status.CLOSED][n % 3],
            acknowledged_at=now - timedelta(days=14 * n - 3) if n % 3 else None,
            channel=list(Channel)[n % 4],
            about_org_type=OrganisationType.POLICE_FORCE,
            about_subject=["service", "chief_constable", "no_further_action"][n % 3],
        )
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security" in m.text else None)
    page.set_viewport_size({"width": 1280, "height": 900})
    _sign_in(page, site, user)

    page.goto(f"{site}/staff/complaints/complaint/dashboard/")
    expect(page.get_by_role("img", name="Complaints received by month")).to_be_visible()
    expect(page.get_by_role("table", name="Complaints by subject: the figures")).to_be_visible()
    expect(page.get_by_role("link", name="Download these complaints as CSV")).to_be_visible()
    assert errors == []
    _fits(page)
    assert_accessible(page)

    # A date that is not one: the error summary, its link going to the field.
    page.get_by_role("group", name="From").get_by_label("Day").fill("31")
    page.get_by_role("group", name="From").get_by_label("Month").fill("2")
    page.get_by_role("button", name="Show figures").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("The start date must be a real date")
    summary.get_by_role("link").click()
    expect(page.locator("#id_from_day")).to_be_focused()
    _fits(page)
    assert_accessible(page)
