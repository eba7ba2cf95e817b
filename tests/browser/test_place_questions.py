"""The complaint form's "which organisation?" question and "Find your local police" find the
organisation by a place in Chromium, with JavaScript (the autocomplete) and without (the
place search, the regions and "I do not know"). axe finds nothing on each page state.

Each test waits on a named element, never on the network going quiet. axe needs scripts,
which a page without JavaScript cannot run (it waits for ever): a no-JavaScript state is
checked by loading the same HTML, without its scripts and with its <noscript> styles, into
a page that can run axe."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import assert_accessible

WAIT_MS = 20_000
LOOKUP = "/find-your-local-police/"


@pytest.fixture
def js_page(page):
    page.set_default_timeout(WAIT_MS)
    return page


@pytest.fixture
def nojs(no_js_page):
    no_js_page.set_default_timeout(WAIT_MS)
    return no_js_page


@pytest.fixture
def axe_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    yield page
    context.close()


def assert_accessible_as_shown(nojs_page, axe_page) -> None:
    """axe on the page as a browser without JavaScript shows it."""
    html = nojs_page.content()
    html = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)
    html = html.replace("<noscript>", "").replace("</noscript>", "")
    origin = re.match(r"https?://[^/]+", nojs_page.url).group(0)
    html = html.replace("<head>", f'<head><base href="{origin}/">', 1)
    axe_page.set_content(html, wait_until="load")
    assert axe_page.locator(".app-js-only").count() == 0 or not (
        axe_page.locator(".app-js-only").first.is_visible()
    )
    assert_accessible(axe_page)


def _continue(page) -> None:
    with page.expect_navigation():
        page.locator("main button.govuk-button:not(.govuk-button--secondary)").first.click()


def _to_the_force_question(page, site: str) -> None:
    page.goto(site + "/complaints/before-you-start/")
    with page.expect_navigation():
        page.click("main button")
    page.check("#id_role_1")
    _continue(page)
    page.check("input[name=org_type][value=police_force]")
    _continue(page)
    page.check("input[name=subject][value=service]")
    _continue(page)
    page.locator("h1", has_text="Which police force?").wait_for()


def test_the_journey_s_force_question_finds_a_force_by_place_with_javascript(
    js_page, shipped_directory
):
    page = js_page
    _to_the_force_question(page, shipped_directory)
    field = page.locator("input#id_organisation")
    field.fill("Leeds")
    options = page.get_by_role("option")
    page.get_by_role("option", name="West Yorkshire Police (Leeds)").wait_for()
    assert options.first.inner_text() == "West Yorkshire Police (Leeds)"
    assert options.last.inner_text() == "I do not know"  # always offered
    assert_accessible(page)
    options.first.click()
    _continue(page)
    assert page.url.endswith("/question/rights/")


def test_the_journey_s_force_question_without_javascript(nojs, axe_page, shipped_directory):
    page = nojs
    _to_the_force_question(page, shipped_directory)
    # No 45-name scroll: the list is hidden; a place search, regions and "I do not know".
    assert not page.locator("select#id_organisation").is_visible()
    assert page.locator("#place").is_visible()
    assert_accessible_as_shown(page, axe_page)
    page.fill("#place", "London")
    with page.expect_navigation():
        page.get_by_role("button", name="Search by place").click()
    labels = page.locator(".govuk-radios__label")
    labels.first.wait_for()
    assert labels.first.inner_text() == "Metropolitan Police Service (London)"
    assert "Square Mile" in page.locator("main .govuk-inset-text").inner_text()
    assert labels.last.inner_text() == "I do not know"
    assert_accessible_as_shown(page, axe_page)
    # Continue with nothing chosen: the results again, with the error.
    _continue(page)
    page.locator(".govuk-error-summary").wait_for()
    assert_accessible_as_shown(page, axe_page)
    page.check("#id_organisation")
    _continue(page)
    assert page.url.endswith("/question/rights/")


def test_the_journey_s_no_match_and_region_pages_without_javascript(
    nojs, axe_page, shipped_directory
):
    page = nojs
    _to_the_force_question(page, shipped_directory)
    page.goto(page.url + "?place=Qwxzzy")
    page.locator("h1", has_text="We could not find").wait_for()
    assert_accessible_as_shown(page, axe_page)
    with page.expect_navigation():
        page.get_by_role("link", name="Wales", exact=True).click()
    page.get_by_label("South Wales Police").wait_for()
    assert_accessible_as_shown(page, axe_page)


def test_the_lookup_finds_a_force_by_place_with_javascript(js_page, shipped_directory):
    page = js_page
    page.goto(shipped_directory + LOOKUP)
    field = page.locator("input#force")
    field.fill("Leeds")
    page.get_by_role("option", name="West Yorkshire Police (Leeds)").wait_for()
    assert page.get_by_role("option").last.inner_text() == "I do not know"
    assert_accessible(page)
    page.get_by_role("option", name="West Yorkshire Police (Leeds)").click()
    page.get_by_role("button", name="Find my local services").click()
    page.wait_for_url("**/find-your-local-police/west-yorkshire-police/")
    assert_accessible(page)


def test_the_lookup_without_javascript(nojs, axe_page, shipped_directory):
    page = nojs
    page.goto(shipped_directory + LOOKUP)
    assert not page.locator("select#force").is_visible()
    assert_accessible_as_shown(page, axe_page)
    page.fill("#place", "Newport")
    with page.expect_navigation():
        page.get_by_role("button", name="Search by place").click()
    page.locator("h1", has_text="Which one do you mean by").wait_for()
    assert_accessible_as_shown(page, axe_page)
    with page.expect_navigation():
        page.get_by_role("link", name="Gwent Police (Newport)").click()
    page.locator("h1", has_text="Gwent").wait_for()
    assert_accessible_as_shown(page, axe_page)
    page.goto(shipped_directory + LOOKUP + "?place=Qwxzzy")
    page.locator("h1", has_text="We could not find").wait_for()
    assert_accessible_as_shown(page, axe_page)
    with page.expect_navigation():
        page.get_by_role("link", name="I do not know").first.click()
    page.locator("h1", has_text="If you do not know your police force").wait_for()
    assert_accessible_as_shown(page, axe_page)
