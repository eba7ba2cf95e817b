"""The quick exit, in a real browser: click, Shift three times, Escape, and without JS."""

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore

from tests.browser.helpers import assert_accessible, assert_quick_exit

CANARY = "canary-4f1e-private-words"
NEUTRAL = "/healthz"  # QUICK_EXIT_URL in the test settings


def _session_ended(key: str) -> bool:
    """The exit sends a beacon to end the session and leaves at once, without waiting for
    it: the server may end the session a moment after the neutral page shows."""
    deadline = time.monotonic() + 5
    while SessionStore().exists(key) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not SessionStore().exists(key)


def _type_something_private(page, site):
    page.goto(site + "/")
    page.goto(site + "/search/")
    page.fill("input[name=q]", CANARY)


def _assert_left_and_nothing_shows(page, site):
    page.wait_for_url(f"**{NEUTRAL}")
    # location.replace: Back skips the page the person was on.
    page.go_back()
    page.wait_for_load_state()
    assert page.url == site + "/"
    assert CANARY not in page.content()


def _session_cookie(page, site) -> str:
    store = SessionStore()
    store["answers"] = {"what_happened": CANARY}
    store.create()
    page.context.add_cookies([{"name": "sessionid", "value": store.session_key, "url": site}])
    return store.session_key


def test_home_page_is_accessible_and_has_the_exit_first(page, site):
    page.goto(site + "/")
    assert_accessible(page)
    assert_quick_exit(page)


def test_click_leaves_and_ends_the_session(page, site):
    key = _session_cookie(page, site)
    _type_something_private(page, site)
    page.click(".govuk-exit-this-page__button")
    _assert_left_and_nothing_shows(page, site)
    assert _session_ended(key)


def test_shift_three_times_leaves(page, site):
    key = _session_cookie(page, site)
    _type_something_private(page, site)
    page.locator("main").click(position={"x": 1, "y": 1})
    for _ in range(3):
        page.keyboard.press("Shift")
    _assert_left_and_nothing_shows(page, site)
    assert _session_ended(key)


def test_escape_on_the_page_leaves(page, site):
    _type_something_private(page, site)
    # Escape pressed on the page itself (not in a text box) leaves.
    page.locator("main").click(position={"x": 1, "y": 1})
    page.keyboard.press("Escape")
    _assert_left_and_nothing_shows(page, site)


def test_escape_on_a_link_or_button_leaves(page, site):
    page.goto(site + "/search/")
    page.locator("footer a").first.focus()
    page.keyboard.press("Escape")
    page.wait_for_url(f"**{NEUTRAL}")


def _journey_session(page, site) -> str:
    """A complaint begun in this browser, so its question pages can be opened directly."""
    from complaints.journey import Journey

    store = SessionStore()
    Journey(store).start()
    store.create()
    page.context.add_cookies([{"name": "sessionid", "value": store.session_key, "url": site}])
    return store.session_key


def test_escape_while_typing_what_happened_does_not_leave_or_lose_the_text(page, site):
    """People press Escape to dismiss a spelling or autofill pop-up while they type."""
    key = _journey_session(page, site)
    page.goto(site + "/complaints/question/what-happened/")
    box = page.locator("textarea[name=what_happened]")
    box.click()
    page.keyboard.type("The officer never called me back")
    page.keyboard.press("Escape")
    page.keyboard.type(" about the court date.")
    page.wait_for_timeout(300)
    assert page.url == site + "/complaints/question/what-happened/"
    assert box.input_value() == "The officer never called me back about the court date."
    assert SessionStore().exists(key)


def test_escape_in_the_search_box_does_not_leave_or_lose_the_text(page, site):
    page.goto(site + "/search/")
    box = page.locator("main input[name=q]")
    box.click()
    page.keyboard.type("compensation")
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == site + "/search/"
    assert box.input_value() == "compensation"


def test_escape_in_the_header_search_box_does_not_leave(page, site):
    page.goto(site + "/victims-code/")
    page.locator("#site-search-q").click()
    page.keyboard.type("police")
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == site + "/victims-code/"
    assert page.locator("#site-search-q").input_value() == "police"


def test_escape_already_used_by_the_page_does_not_leave(page, site):
    page.goto(site + "/search/")
    page.evaluate(
        """() => document.addEventListener('keydown', (e) => {
          if (e.key === 'Escape') e.preventDefault();
        }, {capture: true})"""
    )
    page.locator("main").click(position={"x": 1, "y": 1})
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == site + "/search/"


def test_shift_three_times_in_a_text_area_leaves_and_ends_the_session(page, site):
    """GOV.UK's shortcut works everywhere, even while typing."""
    key = _journey_session(page, site)
    page.goto(site + "/complaints/question/what-happened/")
    page.locator("textarea[name=what_happened]").click()
    page.keyboard.type(CANARY)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(f"**{NEUTRAL}")
    assert _session_ended(key)


def test_escape_used_by_an_open_dialog_does_not_leave(page, site):
    page.goto(site + "/search/")
    page.evaluate(
        """() => {
          const d = document.createElement('dialog');
          d.innerHTML = '<p>Are you sure?</p><button>Close</button>';
          document.querySelector('main').appendChild(d);
          d.showModal();
        }"""
    )
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == site + "/search/"


def test_escape_used_by_an_open_autocomplete_list_does_not_leave(page, site):
    page.goto(site + "/search/")
    page.evaluate(
        """() => {
          const input = document.querySelector('input[name=q]');
          input.setAttribute('role', 'combobox');
          input.setAttribute('aria-expanded', 'true');
          input.focus();
        }"""
    )
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == site + "/search/"


def test_shift_while_typing_capitals_does_not_leave(page, site):
    page.goto(site + "/search/")
    page.click("input[name=q]")
    page.keyboard.type("Hello Over There")
    page.wait_for_timeout(300)
    assert page.url == site + "/search/"


def test_without_javascript_the_button_is_a_link_that_ends_the_session(no_js_page, site):
    key = _session_cookie(no_js_page, site)
    no_js_page.goto(site + "/search/")
    button = no_js_page.locator(".govuk-exit-this-page__button")
    assert button.get_attribute("rel") == "nofollow noreferrer"
    button.click()
    no_js_page.wait_for_url(f"**{NEUTRAL}")
    assert _session_ended(key)


@pytest.mark.parametrize("width", [320, 1280])
def test_exit_button_visible_at_every_width(page, site, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site + "/")
    assert page.locator(".govuk-exit-this-page__button").is_visible()
