"""Guidance pages in Chromium: axe, the quick exit, no JavaScript, and print."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from guidance.models import Page
from tests.browser.helpers import check_page


@pytest.fixture
def content(site):
    # Browser tests run on a flushed database: load the shipped pages for each test.
    call_command("load_content", verbosity=0)
    return list(Page.objects.published().order_by("path"))


def test_home_page_passes_the_checks(page, site, content):
    check_page(page, site + "/")


def test_search_results_pass_the_checks_and_highlight_matches(page, site, content):
    check_page(page, site + "/search/?q=police")
    assert page.locator(".app-search-results mark").count() > 0
    assert page.locator(".app-search-results li").count() > 0


def test_every_content_page_passes_the_checks(page, site, content):
    assert content
    for guidance_page in content:
        check_page(page, site + guidance_page.get_absolute_url())


def test_searching_from_the_header_works_without_javascript(no_js_page, site, content):
    no_js_page.goto(site + "/victims-code/")
    assert no_js_page.locator("h1").count() == 1
    no_js_page.fill("#site-search-q", "compensation")
    no_js_page.get_by_role("button", name="Search").click()
    no_js_page.wait_for_url("**/search/?q=compensation")
    assert no_js_page.locator(".app-search-results mark").count() > 0
    # No axe here: it runs as JavaScript in the page, which would wait for ever.


def test_a_page_prints_without_the_exit_button_search_or_navigation(page, site, content):
    page.goto(site + "/complain-about/police/")
    page.emulate_media(media="print")
    for selector in (
        ".govuk-exit-this-page",
        ".govuk-service-navigation",
        ".app-search--header",
        ".govuk-footer",
    ):
        assert not page.locator(selector).first.is_visible(), f"{selector} shows in print"
    assert page.locator("h1").is_visible()
    assert page.locator("main").get_by_text("Last reviewed").is_visible()


NEW_HELP_PAGES = [
    "/support/",
    "/support/victim-support-and-the-witness-service/",
    "/support/domestic-abuse/",
    "/support/restorative-justice/",
    "/support/unwanted-contact-from-a-prisoner/",
    "/support/parole-board-decisions/",
    "/support/victims-commissioner/",
    "/complain-about/police-and-crime-commissioner/",
    "/making-a-complaint/right-to-review/",
    "/making-a-complaint/public-services-ombudsman-for-wales/",
]


def test_the_help_pages_read_in_full_without_javascript(no_js_page, site, content):
    for path in NEW_HELP_PAGES:
        response = no_js_page.goto(site + path)
        assert response is not None and response.status == 200, path
        assert no_js_page.locator("h1").count() == 1, path
        assert no_js_page.locator("main h2").count() >= 2, path
        assert no_js_page.locator(".govuk-exit-this-page__button").count() == 1, path
    # The side-by-side table is plain HTML: both schemes show without scripts.
    no_js_page.goto(site + "/making-a-complaint/right-to-review/")
    assert no_js_page.locator("table th", has_text="CPS scheme").is_visible()
