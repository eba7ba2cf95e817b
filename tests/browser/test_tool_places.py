"""The tool's "which organisation?" question finds the organisation by a place, in Chromium,
with JavaScript (the autocomplete searches the places). The place search without JavaScript
is tested through Django's test client in tests/guidance/test_tool_places.py."""

from __future__ import annotations

from tests.browser.helpers import assert_accessible

START = "/who-should-i-complain-to/"


def _continue(page):
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("load")


def _to_the_force_question(page, site):
    page.goto(site + START)
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("The police").check()
    _continue(page)
    page.get_by_label("The service you got").first.check()
    _continue(page)


def test_typing_a_place_offers_its_force_first_with_the_place_shown(page, shipped_directory):
    _to_the_force_question(page, shipped_directory)
    field = page.locator("input#answer")
    field.fill("Leeds")
    options = page.get_by_role("option")
    options.first.wait_for()
    assert options.first.inner_text() == "West Yorkshire Police (Leeds)"
    # "I do not know" is always offered, not only when "know" is typed.
    assert options.last.inner_text() == "I do not know"
    assert_accessible(page)
    field.fill("London")
    page.get_by_role("option", name="Metropolitan Police Service (London)").wait_for()
    assert options.first.inner_text() == "Metropolitan Police Service (London)"
    options.first.click()
    _continue(page)
    assert page.url.endswith("/who-should-i-complain-to/result/")
    assert page.locator("h1").inner_text() == "Metropolitan Police Service"
