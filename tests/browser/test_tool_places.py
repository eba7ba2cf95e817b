"""The tool's "which organisation?" question finds the organisation by a place, in Chromium,
with JavaScript (the autocomplete searches the places) and without (a place search)."""

from __future__ import annotations

from tests.browser.helpers import assert_accessible, check_page

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


def test_without_javascript_a_place_search_finds_the_force(no_js_page, shipped_directory):
    page = no_js_page
    _to_the_force_question(page, shipped_directory)
    page.get_by_label("Or search by where you live").fill("Camden")
    page.get_by_role("button", name="Search by place").click()
    check_page(page, page.url)
    page.get_by_label("Metropolitan Police Service (Camden)").check()
    _continue(page)
    assert page.locator("h1").inner_text() == "Metropolitan Police Service"


def test_without_javascript_no_match_offers_regions_and_i_do_not_know(
    no_js_page, shipped_directory
):
    page = no_js_page
    _to_the_force_question(page, shipped_directory)
    page.get_by_label("Or search by where you live").fill("Nowhereville")
    page.get_by_role("button", name="Search by place").click()
    check_page(page, page.url)
    page.get_by_role("link", name="Wales").click()
    check_page(page, page.url)
    page.get_by_label("South Wales Police").check()
    _continue(page)
    assert page.locator("h1").inner_text() == "South Wales Police"
