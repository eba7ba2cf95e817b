"""Find your local police: accessible, works without JS, autocomplete without CSP errors."""

from __future__ import annotations

from tests.browser.helpers import assert_accessible, check_page

LOOKUP = "/find-your-local-police/"


def _watch_console(page) -> list[str]:
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_autocomplete_finds_an_area_by_a_place_in_it(page, shipped_directory):
    problems = _watch_console(page)
    check_page(page, shipped_directory + LOOKUP)
    field = page.locator("input#force")
    assert field.get_attribute("role") == "combobox"
    field.fill("Bristol")
    assert field.get_attribute("aria-expanded") == "true"
    assert_accessible(page)  # with the list open
    # The first suggestion is already highlighted ("I do not know" is always offered after
    # it), so Enter picks it.
    page.get_by_role("option", name="Avon and Somerset Police (Bristol)").wait_for()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Find my local services").click()
    page.wait_for_url("**/find-your-local-police/avon-and-somerset-police/")
    check_page(page, page.url)
    assert page.locator("h1").inner_text() == "Avon and Somerset"
    assert "Police and Crime Commissioner for Avon and Somerset" in page.content()
    assert not problems, problems  # no CSP violations or script errors


def test_error_state_is_accessible(page, shipped_directory):
    page.goto(shipped_directory + LOOKUP)
    page.get_by_role("button", name="Find my local services").click()
    page.wait_for_load_state("load")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    page.locator(".govuk-error-summary a").click()
    assert page.evaluate("document.activeElement.id") == "force"


def test_escape_closes_the_list_and_does_not_leave(page, shipped_directory):
    page.goto(shipped_directory + LOOKUP)
    field = page.locator("input#force")
    field.fill("Lon")
    assert field.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url.endswith(LOOKUP)
    assert field.get_attribute("aria-expanded") == "false"
    # With the list closed, Escape in the box still does not leave: the person may be
    # typing. Shift three times does.
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url.endswith(LOOKUP)
    assert field.input_value() == "Lon"
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("**/healthz")


def test_lookup_works_without_javascript(no_js_page, shipped_directory):
    page = no_js_page
    page.goto(shipped_directory + LOOKUP)
    # The list of 43 forces is hidden without JavaScript: the place search finds the force.
    assert not page.locator("select#force").is_visible()
    page.fill("#place", "Leeds")
    page.get_by_role("button", name="Search by place").click()
    page.wait_for_url("**/find-your-local-police/west-yorkshire-police/")
    assert "Mayor of West Yorkshire" in page.content()
    assert "victims&#x27; support service" in page.content() or "victims' support service" in (
        page.content()
    )
    # The checked national support lines are there without JavaScript too.
    assert "08 08 16 89 111" in page.content()
    assert "0808 2000 247" in page.content()
