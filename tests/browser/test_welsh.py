"""The Welsh site in Chromium: every page passes axe and keeps the quick exit, the whole
complaint can be made in Welsh (with a Welsh email), and it all works without JavaScript."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command

from complaints.models import Complaint
from guidance.models import Page
from tests.browser.helpers import assert_accessible, check_page
from tests.browser.test_complaint_journey import (
    choose_radio,
    press_continue,
    tick,
    type_into,
)
from tests.complaints.journey_support import directory_create


@pytest.fixture
def content(site):
    call_command("load_content", verbosity=0)
    return list(Page.objects.published().order_by("path"))


@pytest.fixture
def directory(site):
    return directory_create()


def assert_welsh(page) -> None:
    assert page.get_attribute("html", "lang") == "cy", page.url
    assert "Gadael y dudalen hon" in page.inner_text(".govuk-exit-this-page")


def test_every_welsh_guidance_page_passes_the_checks(page, site, content):
    assert content
    for url in ["/cy/", "/cy/search/?q=heddlu", "/cy/no-such-page/"]:
        response = page.goto(site + url)
        assert_accessible(page)
        assert_welsh(page)
    assert response.status == 404
    for guidance_page in content:
        check_page(page, site + "/cy" + guidance_page.get_absolute_url())
        assert_welsh(page)


def test_the_switch_moves_between_languages_on_the_same_page(page, site, content):
    page.goto(site + "/victims-code/")
    page.get_by_role("link", name="Cymraeg").click()
    page.wait_for_url("**/cy/victims-code/")
    assert_welsh(page)
    assert page.inner_text("h1") == "Y Cod Dioddefwyr"
    assert page.get_attribute("a[hreflang=cy]", "aria-current") == "true"
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/victims-code/")
    assert page.get_attribute("html", "lang") == "en-gb"


def test_the_whole_complaint_in_welsh_with_a_welsh_email(page, site, directory):
    mail.outbox.clear()
    check_page(page, site + "/cy/complaints/")
    assert_welsh(page)
    page.click("a.govuk-button--start")
    page.wait_for_url("**/cy/complaints/before-you-start/")
    assert_accessible(page)
    press_continue(page, "Yn eich blaen")

    assert page.url.endswith("/cy/complaints/question/who/")
    press_continue(page, "Yn eich blaen")
    assert_error_state_welsh(page, "Dewiswch pwy sy’n gwneud y gŵyn hon")
    choose_radio(page, "role", "self")
    press_continue(page, "Yn eich blaen")
    choose_radio(page, "org_type", "police_force")
    press_continue(page, "Yn eich blaen")
    choose_radio(page, "subject", "service")
    press_continue(page, "Yn eich blaen")
    assert_accessible(page)
    page.select_option("select#id_organisation", label="Northshire Police")
    press_continue(page, "Yn eich blaen")

    assert_accessible(page)
    assert "1. Gallu deall a chael eich deall" in page.inner_text("main")
    tick(page, "#id_rights_6")
    press_continue(page, "Yn eich blaen")

    assert_accessible(page)
    type_into(page, "#id_day", "3")
    type_into(page, "#id_month", "2")
    type_into(page, "#id_year", "2026")
    press_continue(page, "Yn eich blaen")

    # The rest, page by page until check your answers, with axe on each.
    filled = {
        "what-happened": ("#id_what_happened", "Ni ddywedodd neb wrthyf fod y dyddiad wedi newid."),
        "name": ("#id_full_name", "Siân ap Rhys"),
    }
    for _ in range(15):
        if page.url.endswith("/check-your-answers/"):
            break
        assert "/cy/complaints/question/" in page.url, page.url
        assert_welsh(page)
        assert_accessible(page)
        slug = page.url.rstrip("/").rsplit("/", 1)[1]
        if slug in filled:
            selector, text = filled[slug]
            type_into(page, selector, text)
        if slug == "what-happened":
            # The character count counts in Welsh.
            assert "nod yn weddill" in page.inner_text(".govuk-character-count__status")
        if slug == "evidence":
            page.click("button[value=continue]")
            page.wait_for_load_state("load")
            continue
        if slug == "contact":
            tick(page, "#id_methods_1")
            type_into(page, "#id_email", "sian@example.com")
        press_continue(page, "Yn eich blaen")

    assert page.url.endswith("/cy/complaints/check-your-answers/")
    assert_accessible(page)
    assert "Gwiriwch eich atebion" in page.inner_text("h1")
    tick(page, "#id_declaration")
    press_continue(page, "Anfon y gŵyn")

    assert page.url.endswith("/cy/complaints/complaint-sent/")
    assert_accessible(page)
    assert_welsh(page)
    complaint = Complaint.objects.get()
    assert complaint.service_language == "cy"
    assert complaint.reference in page.inner_text(".govuk-panel")
    assert "Cwyn wedi’i hanfon" in page.inner_text(".govuk-panel")

    [email] = [m for m in mail.outbox if m.to == ["sian@example.com"]]
    assert email.subject == "Rydym wedi cael eich cwyn"
    assert f"Eich cyfeirnod yw {complaint.reference}" in email.body


def assert_error_state_welsh(page, message: str) -> None:
    # The English helper expects "Error:" in the title; a Welsh page says "Gwall:".
    page.wait_for_selector(".govuk-error-summary")
    assert message in page.inner_text(".govuk-error-summary")
    assert page.title().startswith("Gwall:")
    assert_accessible(page)


def test_switching_to_welsh_halfway_keeps_the_answers(page, site, directory):
    page.goto(site + "/complaints/before-you-start/")
    page.click("main button")
    page.check("#id_role_1")
    page.click("main button")
    page.wait_for_url("**/question/about/")
    page.get_by_role("link", name="Cymraeg").click()
    page.wait_for_url("**/cy/complaints/question/about/")
    assert_welsh(page)
    page.goto(site + "/cy/complaints/question/who/")
    assert page.is_checked("#id_role_1")


def test_the_welsh_site_works_without_javascript(no_js_page, site, content, directory):
    page = no_js_page
    page.goto(site + "/cy/victims-code/")
    assert page.get_attribute("html", "lang") == "cy"
    page.fill("#site-search-q", "iawndal")
    page.get_by_role("button", name="Chwilio").click()
    page.wait_for_url("**/cy/search/?q=iawndal")
    assert page.locator(".app-search-results mark").count() > 0
    page.goto(site + "/cy/complaints/before-you-start/")
    page.click("main button")
    page.click("main button")
    assert "Dewiswch pwy sy’n gwneud y gŵyn hon" in page.inner_text(".govuk-error-summary")
    page.check("#id_role_1")
    page.click("main button")
    assert page.url.endswith("/cy/complaints/question/about/")
    # The quick exit is a plain link to /exit/ without JavaScript.
    assert page.get_attribute(".govuk-exit-this-page__button", "href") == "/exit/"
