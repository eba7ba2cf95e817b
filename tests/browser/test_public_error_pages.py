"""The pages a person meets when something goes wrong: styled, accessible, quick exit first."""

from __future__ import annotations

from unittest import mock

from tests.browser.helpers import assert_accessible, assert_quick_exit


def _check(page) -> None:
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert_quick_exit(page)


def test_page_not_found_is_styled_accessible_and_has_a_way_back(page, site):
    response = page.goto(site + "/no-such-page/")
    assert response.status == 404
    _check(page)
    assert page.locator("main a[href='/']").count() >= 1


def test_too_many_requests_page_is_friendly_and_accessible(page, site):
    page.goto(site + "/complaints/check/")
    with (
        mock.patch("victims_service.ratelimit.limit_wait", return_value=600),
        page.expect_response("**/complaints/check/") as info,
    ):
        page.locator("main button.govuk-button").click()
    assert info.value.status == 429
    assert "Please wait a few minutes" in page.inner_text("h1")
    _check(page)


def test_session_ended_page_is_accessible(page, site):
    response = page.goto(site + "/complaints/session-ended/")
    assert response.status == 200
    assert "Your answers have been deleted" in page.inner_text("main")
    _check(page)


def test_out_of_date_form_page_is_accessible_and_never_says_reload(page, site):
    """A form sent without its CSRF cookie (cleared, as when a browser blocks it)."""
    page.goto(site + "/complaints/check/")
    page.fill("input[name=reference]", "VC-ABCDEFGH")
    page.context.clear_cookies()
    with page.expect_response("**/complaints/check/") as info:
        page.locator("main button.govuk-button").click()
    assert info.value.status == 403
    assert page.inner_text("h1") == "Your page was out of date"
    assert "reload" not in page.inner_text("main").lower()
    _check(page)
