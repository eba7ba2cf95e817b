"""The feedback form in Chromium: axe, the quick exit, errors and sending, with and
without JavaScript."""

from __future__ import annotations

from feedback.models import Feedback
from tests.browser.helpers import assert_accessible, check_page


def test_the_feedback_form_its_errors_and_thank_you_page_pass_the_checks(page, site):
    check_page(page, site + "/")
    page.locator(".govuk-phase-banner a", has_text="feedback").click()
    page.wait_for_url("**/feedback/")
    check_page(page, site + "/feedback/")
    page.fill("#id_problem", "The map did not load")
    page.fill("#id_email", "not-an-email")
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_load_state("load")
    assert "There is a problem" in page.inner_text(".govuk-error-summary")
    assert_accessible(page)
    # The summary's links go to the fields, and what was typed is still there.
    page.locator(".govuk-error-summary a", has_text="Enter what you were doing").click()
    assert page.evaluate("document.activeElement.id") == "id_doing"
    assert page.input_value("#id_problem") == "The map did not load"
    page.fill("#id_doing", "Finding my local police")
    page.fill("#id_email", "")
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url("**/feedback/thank-you/")
    assert "Thank you for your feedback" in page.inner_text("h1")
    check_page(page, page.url)
    assert Feedback.objects.get().doing == "Finding my local police"


def test_feedback_can_be_sent_without_javascript(no_js_page, site):
    no_js_page.goto(site + "/feedback/")
    no_js_page.fill("#id_doing", "Reading about my rights")
    no_js_page.fill("#id_problem", "A link was broken")
    no_js_page.get_by_role("button", name="Send feedback").click()
    no_js_page.wait_for_url("**/feedback/thank-you/")
    assert Feedback.objects.get().problem == "A link was broken"
