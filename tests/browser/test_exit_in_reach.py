"""The quick exit stays on screen and usable however far a long page is scrolled, on a
phone and on a desktop, without covering the page or making it scroll sideways."""

from __future__ import annotations

import pytest
from django.core.management import call_command

LONG_PAGES = ["/victims-code/", "/complain-about/police/", "/search/?q=police"]

# Where the button is, and what a tap at its centre would hit.
BUTTON_STATE = """() => {
  const button = document.querySelector('.govuk-exit-this-page__button');
  const r = button.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {
    top: r.top, bottom: r.bottom, left: r.left, right: r.right,
    hitsButton: Boolean(hit && hit.closest('.govuk-exit-this-page__button') === button),
    scrollY: window.scrollY, innerHeight: window.innerHeight, innerWidth: window.innerWidth,
  };
}"""


@pytest.fixture
def content(site):
    call_command("load_content", verbosity=0)


def _assert_in_view_and_clickable(page, url, width):
    state = page.evaluate(BUTTON_STATE)
    where = f"{url} at {width} px, scrolled {state['scrollY']} px"
    assert state["top"] >= 0 and state["bottom"] <= state["innerHeight"], f"off screen: {where}"
    assert state["left"] >= 0 and state["right"] <= state["innerWidth"], f"off screen: {where}"
    assert state["hitsButton"], f"something covers the button: {where}"


@pytest.mark.parametrize("width", [320, 375, 1280])
@pytest.mark.parametrize("url", LONG_PAGES)
def test_the_exit_stays_in_view_and_clickable_while_scrolling(page, site, content, url, width):
    page.set_viewport_size({"width": width, "height": 640})
    page.goto(site + url)
    height = page.evaluate("document.scrollingElement.scrollHeight")
    assert height > 2 * 640, f"{url} is not long enough to test scrolling"
    for _ in range(6):
        page.mouse.wheel(0, 600)
        page.wait_for_function("() => true")  # let the scroll land
        _assert_in_view_and_clickable(page, url, width)
    page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
    _assert_in_view_and_clickable(page, url, width)
    assert page.evaluate("window.scrollY") > 1200


@pytest.mark.parametrize("width", [375, 1280])
def test_the_exit_still_works_after_scrolling(page, site, content, width):
    page.set_viewport_size({"width": width, "height": 640})
    page.goto(site + "/victims-code/")
    page.mouse.wheel(0, 1500)
    page.wait_for_function("() => window.scrollY > 1000")
    # A real click at the point where the button is drawn (not a scripted one).
    box = page.locator(".govuk-exit-this-page__button").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/healthz")


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_exit_is_above_the_header_and_phase_banner_and_covers_nothing(
    page, site, content, width
):
    page.set_viewport_size({"width": width, "height": 640})
    page.goto(site + "/victims-code/")
    bar = page.locator(".app-exit-bar").bounding_box()
    header = page.locator("header.govuk-template__header").bounding_box()
    banner = page.locator(".govuk-phase-banner").bounding_box()
    assert bar["y"] == 0
    assert bar["y"] + bar["height"] <= header["y"] + 0.5
    assert header["y"] < banner["y"]
    # A link followed by keyboard lands below the bar, not under it: go to the end of the
    # page and Shift+Tab back up through the links.
    page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
    page.locator("footer a").last.focus()
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        focused = page.evaluate(
            "() => { const el = document.activeElement, r = el.getBoundingClientRect();"
            " return {top: r.top, inBar: Boolean(el.closest('.app-exit-bar'))}; }"
        )
        if focused["inBar"]:
            break
        bar_bottom = page.locator(".app-exit-bar").bounding_box()["height"]
        assert focused["top"] >= bar_bottom, "a focused link is hidden under the exit bar"


@pytest.mark.parametrize("width", [320, 375])
def test_no_page_scrolls_sideways_on_a_phone(page, site, content, width):
    page.set_viewport_size({"width": width, "height": 640})
    for url in ["/", *LONG_PAGES, "/complaints/", "/complaints/check/", "/no-such-page/"]:
        page.goto(site + url)
        page.wait_for_load_state("load")
        scroll_width, inner_width = page.evaluate(
            "[document.scrollingElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner_width, f"{url} scrolls sideways at {width} px"
