"""The whole complaint journey in Chromium, by keyboard only, with axe on every page."""

from __future__ import annotations

import re

import pytest

from complaints.models import Complaint
from tests.browser.helpers import assert_accessible, check_page
from tests.complaints import files
from tests.complaints.journey_support import directory_create


@pytest.fixture
def directory(site):
    return directory_create()


def focused(page, selector: str) -> bool:
    return page.evaluate(
        "(s) => document.activeElement && document.activeElement.matches(s)", selector
    )


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        if focused(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Could not reach {selector} with Tab on {page.url}")


def press_continue(page, label: str = "Continue") -> None:
    tab_to(page, "main button.govuk-button:not(.govuk-button--secondary)")
    text = page.evaluate("document.activeElement.textContent").strip()
    assert label in text, text
    with page.expect_navigation():
        page.keyboard.press("Enter")


def start_at_top(page) -> None:
    # Focus the document itself, as after a page load, so Tab order starts at the top.
    page.evaluate("document.activeElement && document.activeElement.blur()")


def choose_radio(page, name: str, value: str) -> None:
    start_at_top(page)
    tab_to(page, f"input[type=radio][name={name}]")
    for _ in range(20):
        if focused(page, f"input[name={name}][value='{value}']"):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert page.is_checked(f"input[name={name}][value='{value}']")


def tick(page, selector: str) -> None:
    start_at_top(page)
    tab_to(page, selector)
    page.keyboard.press("Space")
    assert page.is_checked(selector)


def type_into(page, selector: str, text: str) -> None:
    start_at_top(page)
    tab_to(page, selector)
    page.keyboard.type(text)


def assert_error_state(page, message: str) -> None:
    """The error summary has focus, names the problem, and its link lands on the field."""
    page.wait_for_selector(".govuk-error-summary")
    assert message in page.inner_text(".govuk-error-summary")
    assert page.title().startswith("Error:")
    assert_accessible(page)
    link = page.locator(".govuk-error-summary__list a").first
    target = link.get_attribute("href").lstrip("#")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(id) => document.activeElement && document.activeElement.id === id", arg=target
    )


def test_whole_journey_by_keyboard_with_axe_on_every_page(page, site, directory):
    check_page(page, site + "/complaints/")
    start_at_top(page)
    tab_to(page, "a.govuk-button--start")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/complaints/before-you-start/")
    assert_accessible(page)
    press_continue(page)

    # Who is complaining: an error first, then the answer.
    assert page.url.endswith("/question/who/")
    assert_accessible(page)
    press_continue(page)
    assert_error_state(page, "Select who is making this complaint")
    choose_radio(page, "role", "self")
    press_continue(page)

    # About: the same questions as the tool.
    assert_accessible(page)
    press_continue(page)
    assert_error_state(page, "Select who your complaint is about")
    choose_radio(page, "org_type", "police_force")
    press_continue(page)
    assert_accessible(page)
    choose_radio(page, "subject", "service")
    press_continue(page)

    assert page.url.endswith("/question/organisation/")
    assert_accessible(page)
    start_at_top(page)
    tab_to(page, "select#id_organisation")
    page.keyboard.type("Northshire")
    assert (
        page.evaluate("document.activeElement.selectedOptions[0].textContent")
        == "Northshire Police"
    )
    press_continue(page)

    # Rights (optional checkboxes).
    assert_accessible(page)
    tick(page, "#id_rights_6")
    press_continue(page)

    # When: errors, then a date.
    assert_accessible(page)
    type_into(page, "#id_day", "31")
    type_into(page, "#id_month", "2")
    type_into(page, "#id_year", "2025")
    press_continue(page)
    assert_error_state(page, "The date it happened must be a real date")
    page.fill("#id_day", "")  # clearing is not part of the test; retype by keyboard
    type_into(page, "#id_day", "3")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("2026")
    press_continue(page)

    # The optional crime reference or case number.
    assert page.url.endswith("/question/reference/")
    assert_accessible(page)
    type_into(page, "#id_crime_reference", "NS/12345/26")
    press_continue(page)

    # What happened: the character count is wired up.
    assert page.url.endswith("/question/what-happened/")
    assert_accessible(page)
    press_continue(page)
    assert_error_state(page, "Enter what happened")
    type_into(page, "#id_what_happened", "Nobody told me the trial date had changed.")
    assert "You have 4,958 characters remaining" in page.inner_text(
        ".govuk-character-count__status"
    )
    press_continue(page)

    for slug, field, text in [
        ("who-was-involved", "#id_who_was_involved", "The officer in the case."),
        ("outcome", "#id_outcome_wanted", "An apology and an explanation."),
    ]:
        assert page.url.endswith(f"/question/{slug}/")
        assert_accessible(page)
        type_into(page, field, text)
        press_continue(page)

    # Evidence is optional.
    assert page.url.endswith("/question/evidence/")
    assert_accessible(page)
    start_at_top(page)
    tab_to(page, "button[value=continue]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith("/question/name/")
    assert_accessible(page)
    press_continue(page)
    assert_error_state(page, "Enter your name")
    type_into(page, "#id_full_name", "Siân O’Brien")
    press_continue(page)

    # Safe contact: conditional reveals open by keyboard.
    assert page.url.endswith("/question/contact/")
    assert_accessible(page)
    assert not page.is_visible("#id_email")
    tick(page, "#id_methods_1")
    assert page.is_visible("#id_email")
    press_continue(page)
    assert_error_state(page, "Enter your email address")
    type_into(page, "#id_email", "sian@example.com")
    # Times to avoid are on the same page: safe contact is asked once.
    type_into(page, "#id_times_to_avoid", "Not after 5pm")
    press_continue(page)

    assert page.url.endswith("/question/support/")
    assert_accessible(page)
    tick(page, "#id_needs_interpreter")
    press_continue(page)
    assert_error_state(page, "Enter the language you need")
    type_into(page, "#id_language", "Welsh")
    press_continue(page)

    # Check answers: change a value and come back.
    assert page.url.endswith("/check-your-answers/")
    assert_accessible(page)
    start_at_top(page)
    tab_to(page, "a[href='/complaints/question/outcome/?change=1']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    start_at_top(page)
    tab_to(page, "#id_outcome_wanted")
    page.keyboard.press("Control+A")
    page.keyboard.type("A written apology.")
    press_continue(page)
    assert page.url.endswith("/check-your-answers/")
    assert "A written apology." in page.inner_text("main")

    press_continue(page, "Send complaint")
    assert_error_state(page, "Confirm that the information you have given is true")
    tick(page, "#id_declaration")
    press_continue(page, "Send complaint")

    # Confirmation.
    assert page.url.endswith("/complaints/complaint-sent/")
    assert_accessible(page)
    complaint = Complaint.objects.get()
    assert complaint.reference in page.inner_text(".govuk-panel")
    assert complaint.outcome_wanted == "A written apology."
    assert complaint.language == "Welsh"
    # Returning to check answers shows the same confirmation, not a second complaint.
    page.goto(site + "/complaints/check-your-answers/")
    assert page.url.endswith("/complaints/complaint-sent/")
    assert Complaint.objects.count() == 1


def test_progress_pages_are_accessible(page, site, directory):
    check_page(page, site + "/complaints/check/")
    press_continue(page, "Email me a link")
    assert_error_state(page, "Enter your complaint reference")
    type_into(page, "#id_reference", "VC-22222222")
    type_into(page, "#id_email", "someone@example.com")
    press_continue(page, "Email me a link")
    assert page.url.endswith("/complaints/check/email-sent/")
    assert_accessible(page)


def test_pages_work_without_javascript(no_js_page, site, directory):
    page = no_js_page
    page.goto(site + "/complaints/before-you-start/")
    page.click("main button")
    page.check("#id_role_1")
    page.click("main button")
    assert page.url.endswith("/question/about/")
    # Without JavaScript the revealed fields are simply shown.
    page.goto(site + "/complaints/question/contact/")
    assert page.is_visible("#id_email")


def test_timeout_warning_is_a_dialog_that_escape_does_not_exit(page, site, directory, settings):
    settings.SESSION_COOKIE_AGE = 14  # the warning opens after 7 seconds
    page.goto(site + "/complaints/before-you-start/")
    page.click("main button")
    page.wait_for_selector("dialog.app-timeout-warning__dialog[open]", timeout=15000)
    assert_accessible(page)
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    assert re.search(r"We will delete them in", page.inner_text("dialog"))
    # Escape closes the warning and keeps the person here (not the quick exit).
    with page.expect_request("**/complaints/keep-alive/"):
        page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url.endswith("/question/who/")
    assert not page.is_visible("dialog")
    # The next warning: Continue by keyboard.
    page.wait_for_selector("dialog.app-timeout-warning__dialog[open]", timeout=15000)
    tab_to(page, "dialog [data-timeout-continue]")
    with page.expect_request("**/complaints/keep-alive/"):
        page.keyboard.press("Enter")
    assert page.url.endswith("/question/who/")


def test_when_time_runs_out_the_page_says_the_answers_were_deleted(page, site, directory, settings):
    settings.SESSION_COOKIE_AGE = 4
    page.goto(site + "/complaints/before-you-start/")
    page.click("main button")
    page.wait_for_url("**/complaints/session-ended/", timeout=15000)
    assert "Your answers have been deleted" in page.inner_text("main")
    assert_accessible(page)


def test_other_pages_and_their_error_states_are_accessible(page, site, directory, tmp_path):
    page.goto(site + "/complaints/before-you-start/")
    page.click("main button")
    page.check("#id_role_2")
    page.click("main button.govuk-button")
    assert page.url.endswith("/question/on-behalf/")
    assert_accessible(page)
    page.click("main button.govuk-button")
    assert_error_state(page, "Enter the name of the person affected")
    # Every link in the error summary lands on a field that exists.
    for href in page.locator(".govuk-error-summary__list a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    ):
        assert page.locator(href).count() == 1, href
    # "Something else" reveals its box (with JavaScript) and needs it filled in.
    assert not page.is_visible("#id_permission_other")
    page.check("#id_permission_5")
    assert page.is_visible("#id_permission_other")
    page.fill("#id_affected_person_name", "Ana Lopez")
    page.fill("#id_relationship", "Mother")
    page.click("main button.govuk-button")
    assert_error_state(page, "Enter why you can complain for them")
    assert page.is_visible("#id_permission_other")
    page.check("#id_permission_1")
    page.click("main button.govuk-button")

    # The optional upload of their permission, with a refused file.
    assert page.url.endswith("/question/permission/")
    assert_accessible(page)
    svg = tmp_path / "picture.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    page.set_input_files("#id_permission_file", str(svg))
    page.click("button[value=upload]")
    assert_error_state(page, "The selected file must be a PDF, JPG, PNG, HEIC, DOCX or TXT.")
    pdf = tmp_path / "permission.pdf"
    pdf.write_bytes(files.PDF)
    page.set_input_files("#id_permission_file", str(pdf))
    page.click("button[value=upload]")
    assert "permission.pdf" in page.inner_text(".govuk-summary-list")
    assert_accessible(page)
    page.click("button[value=continue]")

    # A date past the usual time limit: the explanation page.
    page.check("#id_org_type_1")
    page.click("main button.govuk-button")
    page.check("#id_subject_1")
    page.click("main button.govuk-button")
    page.select_option("#id_organisation", label="Northshire Police")
    page.click("main button.govuk-button")
    page.click("main button.govuk-button")
    page.fill("#id_day", "1")
    page.fill("#id_month", "1")
    page.fill("#id_year", "2019")
    page.click("main button.govuk-button")
    assert page.url.endswith("/question/late/")
    assert "usually looks at complaints made within 12 months" in page.inner_text("main")
    assert_accessible(page)
    page.fill("#id_late_reason", "x" * 2001)
    page.click("main button.govuk-button")
    assert_error_state(page, "Your answer must be 2,000 characters or fewer")


def test_a_long_list_of_forces_is_an_accessible_autocomplete(page, site, directory):
    """As in the tool: type part of a name, pick it from the list; the select still sends."""
    from directory.models import Organisation, OrganisationType

    for n in range(1, 11):
        Organisation.objects.create(
            name=f"Shire {n:02d} Police", slug=f"shire-{n}", org_type=OrganisationType.POLICE_FORCE
        )
    page.goto(site + "/complaints/before-you-start/")
    page.click("main button")
    page.check("#id_role_1")
    page.click("main button.govuk-button")
    page.check("#id_org_type_1")
    page.click("main button.govuk-button")
    page.check("#id_subject_1")
    page.click("main button.govuk-button")

    assert page.url.endswith("/question/organisation/")
    field = page.locator("input#id_organisation")  # the select is now an autocomplete
    field.wait_for()
    assert_accessible(page)
    # Nothing chosen: the error summary's link lands on the autocomplete's input.
    page.click("main button.govuk-button")
    assert_error_state(page, "Select")
    field.fill("North")
    page.get_by_role("option", name="Northshire Police").click()
    page.click("main button.govuk-button")
    assert page.url.endswith("/question/rights/")
    # Back on the page, the answer kept in the session shows in the field.
    page.goto(site + "/complaints/question/organisation/")
    assert page.locator("input#id_organisation").input_value() == "Northshire Police"


def test_a_whole_date_typed_into_day_gives_one_error_that_lands_on_day(page, site, directory):
    page.goto(site + "/complaints/before-you-start/")
    page.click("main button")
    page.goto(site + "/complaints/question/when/")
    page.fill("#id_day", "27/3/2025")
    page.click("main button.govuk-button")
    assert page.locator(".govuk-error-summary__list li").count() == 1
    assert page.locator("main .govuk-error-message").count() == 1
    assert_error_state(page, "Enter the day, month and year in their own boxes")
    # A month name is fine.
    page.fill("#id_day", "27")
    page.fill("#id_month", "March")
    page.fill("#id_year", "2025")
    page.click("main button.govuk-button")
    assert not page.url.endswith("/question/when/")


def test_the_character_count_counts_an_emoji_as_one_like_the_server(page, site, directory):
    page.goto(site + "/complaints/before-you-start/")
    page.click("main button")
    page.goto(site + "/complaints/question/what-happened/")
    page.fill("#id_what_happened", "\N{GRINNING FACE}" * 10 + "\n" + "é")
    page.wait_for_timeout(100)
    # 12 code points: 10 emoji, a new line, a letter (the server's len()).
    assert "You have 4,988 characters remaining" in page.inner_text(
        ".govuk-character-count__status"
    )


def test_something_else_shows_its_box_without_javascript(no_js_page, site, directory):
    page = no_js_page
    page.goto(site + "/complaints/before-you-start/")
    page.click("main button")
    page.check("#id_role_2")
    page.click("main button")
    assert page.url.endswith("/question/on-behalf/")
    assert page.is_visible("#id_permission_other")
    page.fill("#id_affected_person_name", "Ana Lopez")
    page.fill("#id_relationship", "Aunt")
    page.check("#id_permission_5")
    page.fill("#id_permission_other", "I look after her affairs")
    page.click("main button.govuk-button")
    assert page.url.endswith("/question/about/")


def test_tool_answers_are_summarised_not_asked_again(page, site, directory):
    """Issue 13: the tool's answers skip their pages; the summary and its links pass axe."""
    tool = site + "/who-should-i-complain-to/"
    page.goto(tool + "about/")
    page.check("input[value=police_force]")
    page.click("main button.govuk-button")
    page.check("input[value=service]")
    page.click("main button.govuk-button")
    field = page.locator("input#answer")  # the tool's accessible autocomplete
    field.fill("North")
    page.get_by_role("option", name="Northshire Police").click()
    page.click("main button.govuk-button")
    assert page.url.endswith("/result/")
    page.goto(site + "/complaints/before-you-start/")
    page.click("main button")
    page.check("#id_role_1")
    page.click("main button.govuk-button")
    assert page.url.endswith("/question/rights/")
    summary = page.inner_text("#tool-answers")
    assert "The police" in summary and "Northshire Police" in summary
    assert_accessible(page)
    # Change one: that page is asked after all.
    page.click("#tool-answers a[href='/complaints/question/organisation/']")
    assert page.url.endswith("/question/organisation/")
    # Now the first page asked: it summarises the other two answers.
    assert "The police" in page.inner_text("#tool-answers")
    assert_accessible(page)
    page.select_option("#id_organisation", label="Southshire Police")
    page.click("main button.govuk-button")
    assert page.url.endswith("/question/rights/")


def test_a_complaint_about_this_website_goes_from_about_to_when(page, site, directory):
    page.goto(site + "/complaints/before-you-start/")
    page.click("main button")
    page.check("#id_role_1")
    page.click("main button.govuk-button")
    page.check("input[value=this_service]")
    page.click("main button.govuk-button")
    # No "which rights were not met?" about this website.
    assert page.url.endswith("/question/when/")
    assert_accessible(page)


def test_a_request_s_decision_date_and_late_pages_are_accessible(page, site, directory):
    """An outcome review: the letter's date (with its error state), then the late page."""
    page.goto(site + "/complaints/before-you-start/")
    page.click("main button")
    page.check("#id_role_1")
    page.click("main button.govuk-button")
    page.check("#id_org_type_1")  # the police
    page.click("main button.govuk-button")
    page.check("input[name=subject][value=complaint_handling]")
    page.click("main button.govuk-button")
    page.select_option("#id_organisation", label="Northshire Police")
    page.click("main button.govuk-button")
    assert page.url.endswith("/question/decision-date/")
    check_page(page, page.url)
    page.click("main button.govuk-button")
    assert_error_state(page, "Enter the date on the letter, as it is written")
    page.fill("#id_decision_day", "1")
    page.fill("#id_decision_month", "1")
    page.fill("#id_decision_year", "2020")
    page.click("main button.govuk-button")
    assert page.url.endswith("/question/rights/")
    page.click("main button.govuk-button")
    page.fill("#id_day", "1")
    page.fill("#id_month", "12")
    page.fill("#id_year", "2019")
    page.click("main button.govuk-button")
    assert page.url.endswith("/question/late/")
    text = page.inner_text("main")
    assert "More than 28 days have passed" in text and "Northshire Commissioner" in text
    assert_accessible(page)
