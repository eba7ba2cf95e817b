"""After sending, in Chromium: two tabs, Back and refresh all show the confirmation with the
reference; the printable copy passes axe, prints without the exit, and works without JS."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from complaints.models import Complaint
from tests.browser.helpers import assert_accessible, assert_quick_exit
from tests.complaints.journey_support import directory_create, journey_complete

NOT_SENT = re.compile(r"not been sent|Start again|session ended|timed out", re.I)


@pytest.fixture
def answered(site, context):
    """A complaint answered up to check your answers, in the browser's session."""
    directory = directory_create()
    client = Client()
    journey_complete(client, directory["north"].id)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )
    return site


def _send(page, site) -> str:
    page.goto(site + "/complaints/check-your-answers/")
    page.check("input[name=declaration]")
    with page.expect_navigation():
        page.get_by_role("button", name="Send complaint").click()
    assert page.url == site + "/complaints/complaint-sent/"
    return Complaint.objects.get().reference


def _assert_confirmation(page, reference: str) -> None:
    assert page.url.endswith("/complaints/complaint-sent/")
    assert page.locator("h1").inner_text() == "Complaint sent"
    main = page.locator("main").inner_text()
    assert reference in main
    assert "What happens next" in main
    assert not NOT_SENT.search(main), main


def test_a_second_tab_continuing_a_sent_complaint_is_told_it_was_sent(context, answered):
    site = answered
    first, second = context.new_page(), context.new_page()
    second.goto(site + "/complaints/question/what-happened/")
    reference = _send(first, site)

    # The other tab, still on "What happened", adds a line and presses Continue.
    second.locator("textarea[name=what_happened]").fill("One more thing.")
    with second.expect_navigation():
        second.get_by_role("button", name="Continue").click()
    _assert_confirmation(second, reference)
    assert "You have already sent this complaint" in second.locator("main").inner_text()
    assert_accessible(second)

    # The first tab's refresh still shows its reference; nothing new was begun.
    first.reload()
    _assert_confirmation(first, reference)
    assert Complaint.objects.count() == 1


def test_back_and_refresh_after_sending_show_the_confirmation(page, answered):
    site = answered
    page.goto(site + "/complaints/question/support/")
    reference = _send(page, site)
    page.reload()
    _assert_confirmation(page, reference)
    for _ in range(2):  # check your answers, then the last question
        page.go_back()
        page.wait_for_load_state()
        _assert_confirmation(page, reference)


def test_the_copy_before_and_after_sending_passes_axe_and_prints_only_the_complaint(page, answered):
    site = answered
    page.goto(site + "/complaints/check-your-answers/")
    with page.expect_navigation():
        page.get_by_role("link", name="Print or save a copy of your complaint").click()
    assert page.locator("h1").inner_text() == "A copy of your complaint"
    assert "You have not sent this complaint yet" in page.locator("main").inner_text()
    assert_accessible(page)
    assert_quick_exit(page)

    reference = _send(page, site)
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Print or save a copy of your complaint").click()
    assert page.url == site + "/complaints/complaint-sent/copy/"
    main = page.locator("main")
    assert reference in main.inner_text()
    assert "They did not tell me about the court date." in main.inner_text()
    assert_accessible(page)
    print_button = page.get_by_role("button", name="Print this page")
    assert print_button.is_visible()

    # On paper: the complaint, its reference and what happens next; nothing to press.
    page.emulate_media(media="print")
    for selector in (
        ".app-exit-bar",
        ".govuk-exit-this-page__button",
        "header.govuk-template__header",
        ".govuk-phase-banner",
        ".govuk-footer",
        ".govuk-back-link",
    ):
        assert not page.locator(selector).first.is_visible(), f"{selector} prints"
    assert not print_button.is_visible()
    assert page.locator("h1").is_visible()
    assert page.get_by_text(reference).first.is_visible()
    assert page.get_by_role("heading", name="What happens next").is_visible()


def test_the_copy_works_without_javascript(browser, site):
    directory = directory_create()
    client = Client()
    journey_complete(client, directory["north"].id)
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )
    page = context.new_page()
    try:
        page.goto(site + "/complaints/check-your-answers/")
        page.get_by_role("link", name="Print or save a copy of your complaint").click()
        page.wait_for_url("**/check-your-answers/copy/")
        assert page.locator("h1").inner_text() == "A copy of your complaint"
        assert "They did not tell me about the court date." in page.locator("main").inner_text()
        # The print button needs JavaScript, so without it the page says how to print instead.
        assert not page.get_by_role("button", name="Print this page").is_visible()
        assert "print option" in page.locator("main").inner_text()
        assert page.locator(".govuk-exit-this-page__button").is_visible()
    finally:
        context.close()
