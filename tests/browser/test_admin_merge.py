"""A member of staff merges a duplicate in a real browser; the complainant's progress page
then points to the complaint that carries on. Axe on every page touched, no CSP errors.

Also the transfer page's search step, which replaced a 170-option drop-down.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from playwright.sync_api import expect

from complaints import services
from complaints.views import PROGRESS_SESSION_KEY
from complaints.workflow import Status
from tests.browser.helpers import assert_accessible, check_page
from tests.browser.test_admin_triage import _check, _sign_in, csp_errors  # noqa: F401
from tests.complaints.builders import complaint_build, organisation_build
from tests.complaints.triage_setup import handler_build


def test_staff_merge_a_duplicate_and_the_complainant_is_pointed_on(page, site, csp_errors):  # noqa: F811
    org = organisation_build(name="Alpha Police")
    organisation_build(name="Bravo Police")
    user = handler_build(org, username="alice")
    duplicate = complaint_build(org, full_name="Sam Duplicate")
    kept = complaint_build(org, full_name="Sam Kept")
    services.note_add(complaint_id=duplicate.pk, author=user, text="Spoke to Sam on Monday.")
    _sign_in(page, site, user)

    page.goto(f"{site}/staff/complaints/complaint/{duplicate.pk}/change/")
    page.get_by_role("link", name="Merge into another complaint").click()
    _check(page, csp_errors)
    page.get_by_role("button", name="Find the complaint").click()  # nothing typed
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    page.get_by_role("link", name="Enter the reference of the complaint to merge this").click()
    expect(page.get_by_label("Reference of the complaint to keep")).to_be_focused()
    _check(page, csp_errors)

    page.get_by_label("Reference of the complaint to keep").fill(kept.reference.lower())
    page.get_by_role("button", name="Find the complaint").click()
    expect(page.get_by_role("heading", name="Check before you merge")).to_be_visible()
    expect(page.get_by_text("Sam Kept")).to_be_visible()
    _check(page, csp_errors)
    page.get_by_role("button", name=f"Merge {duplicate.reference} into {kept.reference}").click()

    page.wait_for_load_state("load")
    assert page.url.endswith(f"/complaint/{kept.pk}/change/#merged")
    expect(page.get_by_text(f"{duplicate.reference} merged into {kept.reference}.")).to_be_visible()
    section = page.locator("#merged")
    expect(section.get_by_text("Spoke to Sam on Monday.")).to_be_visible()
    _check(page, csp_errors)
    section.get_by_role("link", name=duplicate.reference, exact=True).click()
    expect(
        page.get_by_role("heading", name="Merged into another complaint", exact=True)
    ).to_be_visible()
    _check(page, csp_errors)
    duplicate.refresh_from_db()
    assert duplicate.status == Status.MERGED and duplicate.merged_into == kept

    # The transfer page's search step (GET), then its short list of matches.
    page.goto(f"{site}/staff/complaints/complaint/{kept.pk}/act/transfer/")
    page.get_by_label("Name or place").fill("bravo")
    page.get_by_role("button", name="Search the directory").click()
    expect(page.get_by_label("Bravo Police (Police force)")).to_be_visible()
    _check(page, csp_errors)

    # The complainant's progress page, with the session a one-time link gives.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[PROGRESS_SESSION_KEY] = duplicate.pk
    store.create()
    public = page.context.browser.new_page()
    public.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "url": site}]
    )
    check_page(public, f"{site}/complaints/check/status/")
    expect(public.get_by_text(f"part of complaint {kept.reference}")).to_be_visible()
    assert_accessible(public)
    public.close()
