"""Staff files end to end in Chromium: staff add an outcome letter on the complaint page and
share it; the complainant sees it on their progress page and downloads it.

axe (zero violations) runs on the complainant's progress page with the document listed, and
on the staff pages: the complaint page with its staff files and the page that asks before
sharing.
"""

from __future__ import annotations

from playwright.sync_api import expect

from complaints.models import Attachment, OutboundEmail
from tests.browser.helpers import assert_accessible
from tests.browser.test_admin_triage import _sign_in
from tests.browser.test_information_request import _as_complainant
from tests.complaints import files
from tests.complaints.builders import complaint_build, organisation_build
from tests.complaints.triage_setup import handler_build

LETTER = "Outcome letter.pdf"


def test_staff_share_an_outcome_letter_and_the_complainant_downloads_it(browser, site):
    org = organisation_build(name="Alpha Police")
    user = handler_build(org, username="sjones", first_name="Sam", last_name="Jones")
    complaint = complaint_build(org)

    staff = browser.new_context()
    staff_page = staff.new_page()
    _sign_in(staff_page, site, user)
    staff_page.goto(f"{site}/staff/complaints/complaint/{complaint.pk}/change/")
    staff_page.get_by_label("Add a file, for example the outcome letter").set_input_files(
        {"name": LETTER, "mimeType": "application/pdf", "buffer": files.PDF}
    )
    staff_page.get_by_role("button", name="Add file").click()
    section = staff_page.locator("#staff-files")
    expect(section).to_contain_text(LETTER)
    expect(section).to_contain_text("Cannot see it")
    expect(staff_page.locator("#timeline")).to_contain_text(f"{LETTER} added by Sam Jones")

    assert_accessible(staff_page)
    section.get_by_role("link", name=f"Share with the complainant: {LETTER}").click()
    expect(staff_page.get_by_text("They will get one email")).to_be_visible()
    assert_accessible(staff_page)
    staff_page.get_by_role("button", name="Share with the complainant").click()
    expect(staff_page.get_by_text(f"{LETTER} is shared")).to_be_visible()
    expect(staff_page.locator("#staff-files")).to_contain_text("Can download it")
    assert OutboundEmail.objects.filter(complaint=complaint, kind="staff_file_shared").count() == 1

    person = browser.new_context()
    page = person.new_page()
    _as_complainant(person, site, complaint)
    page.goto(f"{site}/complaints/check/status/")
    expect(page.get_by_role("heading", name="Documents from the organisation")).to_be_visible()
    link = page.get_by_role("link", name=LETTER)
    expect(link).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == LETTER
    with open(download.value.path(), "rb") as handle:
        assert handle.read() == files.PDF
    assert Attachment.objects.get(complaint=complaint).shared_with_complainant_at is not None
    staff.close()
    person.close()
