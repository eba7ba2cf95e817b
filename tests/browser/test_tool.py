"""The "who should I complain to?" tool in Chromium: axe on every step, and without JS."""

from __future__ import annotations

from tests.browser.helpers import assert_accessible, check_page

START = "/who-should-i-complain-to/"


def _continue(page):
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("load")


def test_every_step_is_accessible_including_errors(page, shipped_directory):
    site = shipped_directory
    check_page(page, site + START)
    page.get_by_role("button", name="Start now").click()

    # Question 1, first with nothing chosen: the error summary takes focus.
    _continue(page)
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.evaluate("document.activeElement.closest('.govuk-error-summary') !== null")
    assert_accessible(page)
    page.locator(".govuk-error-summary a").click()
    assert page.evaluate("document.activeElement.id") == "answer-police_force"
    page.get_by_label("The police").check()
    _continue(page)

    check_page(page, page.url)
    _continue(page)
    assert_accessible(page)  # error state
    page.get_by_label("The chief constable").check()
    _continue(page)

    # The long list: an accessible autocomplete over the select.
    check_page(page, page.url)
    _continue(page)
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    field = page.locator("input#answer")
    field.fill("Kent")
    page.get_by_role("option", name="Kent Police").click()
    _continue(page)

    check_page(page, page.url)
    assert page.locator("h1").inner_text() == "Police and Crime Commissioner for Kent"
    assert page.get_by_role("button", name="Start your complaint").is_visible()


def test_the_tool_works_without_javascript_and_back_keeps_answers(no_js_page, shipped_directory):
    page, site = no_js_page, shipped_directory
    page.goto(site + START)
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("The Crown Prosecution Service (CPS)").check()
    _continue(page)
    page.get_by_label("A decision not to charge someone").check()
    _continue(page)
    # The list of CPS Areas is hidden without JavaScript: the place search finds one.
    assert not page.locator("select#answer").is_visible()
    page.fill("#place", "CPS Wessex")
    page.get_by_role("button", name="Search by place").click()
    assert page.get_by_label("CPS Wessex").is_checked()  # the only match
    _continue(page)
    assert page.url.endswith("/who-should-i-complain-to/result/")
    assert "Ask for the decision to be reviewed" in page.locator("h1").inner_text()
    assert "3 months" in page.content()

    page.get_by_role("link", name="Back", exact=True).click()
    assert "Your answer: CPS Wessex" in page.locator("main").inner_text()
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.get_by_label("A decision not to charge someone").is_checked()
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.get_by_label("The Crown Prosecution Service (CPS)").is_checked()


def test_escape_in_an_open_list_closes_it_and_does_not_leave(page, shipped_directory):
    site = shipped_directory
    page.goto(site + START)
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("The police").check()
    _continue(page)
    page.get_by_label("How an officer or member of police staff").check()
    _continue(page)
    url = page.url
    field = page.locator("input#answer")
    field.fill("West")
    assert field.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == url
    assert field.get_attribute("aria-expanded") == "false"
