# ruff: noqa: F811 (the two_orgs fixture is imported)
"""Staff files on the complaint page: add, share, stop sharing and download, each scoped
to the organisation, with specific errors and an error summary for every bad input."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints import services, uploads
from complaints.models import AccessLog, Attachment, OutboundEmail
from tests.complaints import files
from tests.complaints.builders import staff_build
from tests.complaints.test_staff_files import LETTER, checked
from tests.complaints.triage_setup import CANARY, handler_build, two_orgs  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam(two_orgs):
    return handler_build(two_orgs.org_a, username="sjones", first_name="Sam", last_name="Jones")


def _change(complaint) -> str:
    return reverse("admin:complaints_complaint_change", args=[complaint.pk])


def _add_url(complaint) -> str:
    return reverse("admin:complaints_complaint_staff_file_add", args=[complaint.pk])


def _sharing_url(complaint, attachment, change: str = "share") -> str:
    return reverse(
        "admin:complaints_complaint_staff_file_sharing", args=[complaint.pk, attachment.pk, change]
    )


def _download_url(complaint, attachment) -> str:
    return reverse("admin:complaints_complaint_attachment", args=[complaint.pk, attachment.pk])


def _pdf(name: str = LETTER, data: bytes = files.PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _staff_file(complaint, actor, name: str = LETTER) -> Attachment:
    [attachment] = services.staff_files_add(
        complaint_id=complaint.pk, actor=actor, files=[checked(name)]
    )
    return attachment


def _summary_lands_on_the_field(body: str) -> None:
    summary = body[body.index("There is a problem") :]
    summary = summary[: summary.index("</ul>")]
    targets = re.findall(r'<a href="#([^"]+)"', summary)
    assert targets == ["id_upload"]
    assert 'id="id_upload"' in body


def test_staff_add_an_outcome_letter_from_the_complaint_page(client, staff_login, two_orgs, sam):
    complaint = two_orgs.complaint_a
    staff_login(sam)
    page = client.get(_change(complaint)).content.decode()
    assert "Files added by staff" in page and "No files have been added by staff." in page
    assert f'action="{_add_url(complaint)}"' in page and 'enctype="multipart/form-data"' in page

    response = client.post(_add_url(complaint), {"upload": [_pdf()]})
    assert response.status_code == 302
    assert response["Location"] == _change(complaint) + "#staff-files"
    page = client.get(_change(complaint)).content.decode()
    assert "Outcome letter.pdf added. Only staff can see it until you share it." in page
    section = page[page.index('id="staff-files"') : page.index('id="timeline"')]
    letter = Attachment.objects.get(complaint=complaint, kind=Attachment.Kind.STAFF)
    assert _download_url(complaint, letter) in section
    assert "Sam Jones" in section and "Cannot see it" in section
    timeline = page[page.index('id="timeline"') :]
    assert "Outcome letter.pdf added by Sam Jones" in timeline
    assert AccessLog.objects.filter(user=sam, action="added staff file").count() == 1
    # The complainant's own files are listed apart from staff files.
    inline = page[page.index("Files the complainant sent") : page.index('id="staff-files"')]
    assert _download_url(complaint, letter) not in inline


def test_staff_download_their_organisations_staff_file(client, staff_login, two_orgs, sam):
    letter = _staff_file(two_orgs.complaint_a, sam)
    staff_login(two_orgs.staff_a)
    response = client.get(_download_url(two_orgs.complaint_a, letter))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == files.PDF


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("Outcome letter.pdf", b"MZ\x90\x00 a program", "application/pdf"),
            "The selected file is not what its name says",
        ),
        (
            SimpleUploadedFile("setup.exe", b"MZ\x90\x00 a program", "application/octet-stream"),
            "The selected file must be a PDF, JPG, PNG, HEIC, DOCX or TXT.",
        ),
        (
            SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * uploads.MAX_BYTES, "application/pdf"),
            "The selected file must be smaller than 10MB.",
        ),
        (
            SimpleUploadedFile("script.pdf", files.active_pdfs()["javascript"], "application/pdf"),
            "script.pdf: ",
        ),
        (SimpleUploadedFile("empty.pdf", b"", "application/pdf"), "The selected file is empty"),
    ],
    ids=["renamed-executable", "wrong-type", "too-big", "pdf-with-javascript", "empty"],
)
def test_a_bad_file_is_refused_with_an_error_summary_and_nothing_stored(
    client, staff_login, two_orgs, sam, upload, message
):
    staff_login(sam)
    response = client.post(_add_url(two_orgs.complaint_a), {"upload": [upload]})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "This field is required" not in body
    _summary_lands_on_the_field(body)
    assert not Attachment.objects.exists()


def test_no_file_and_too_many_files_are_refused_with_specific_messages(
    client, staff_login, two_orgs, sam
):
    staff_login(sam)
    none = client.post(_add_url(two_orgs.complaint_a), {})
    assert none.status_code == 400
    assert "Select a file to add" in none.content.decode()
    _summary_lands_on_the_field(none.content.decode())
    six = [_pdf(f"letter-{n}.pdf") for n in range(6)]
    many = client.post(_add_url(two_orgs.complaint_a), {"upload": six})
    assert many.status_code == 400
    assert "Add 5 files or fewer at a time" in many.content.decode()
    assert not Attachment.objects.exists()


def test_a_complaint_at_its_staff_file_limit_says_so_and_keeps_what_it_has(
    client, staff_login, two_orgs, sam, monkeypatch
):
    monkeypatch.setattr("complaints.services.staff_files.STAFF_FILES_MAX", 1)
    _staff_file(two_orgs.complaint_a, sam, "first.pdf")
    staff_login(sam)
    response = client.post(_add_url(two_orgs.complaint_a), {"upload": [_pdf("second.pdf")]})
    assert response.status_code == 400
    assert "A complaint can have up to 1 files added by staff" in response.content.decode()
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["first.pdf"]


def test_sharing_asks_first_then_shares_and_tells_the_complainant_once(
    client, staff_login, two_orgs, sam
):
    complaint = two_orgs.complaint_a
    letter = _staff_file(complaint, sam)
    staff_login(sam)
    page = client.get(_change(complaint)).content.decode()
    assert _sharing_url(complaint, letter) in page

    ask = client.get(_sharing_url(complaint, letter))
    assert ask.status_code == 200
    body = ask.content.decode()
    assert LETTER in body and "progress page" in body
    assert "one email saying that a document has been added" in body
    assert 'value="Share with the complainant"' in body
    letter.refresh_from_db()
    assert letter.shared_with_complainant_at is None  # nothing happens until they confirm

    done = client.post(_sharing_url(complaint, letter))
    assert done.status_code == 302
    letter.refresh_from_db()
    assert letter.shared_with_complainant_at is not None
    page = client.get(_change(complaint)).content.decode()
    assert "is shared: the complainant can download it." in page
    assert "Outcome letter.pdf shared with the complainant by Sam Jones" in page
    assert _sharing_url(complaint, letter, "stop-sharing") in page
    assert AccessLog.objects.filter(action="shared staff file with complainant").count() == 1

    again = client.get(_sharing_url(complaint, letter)).content.decode()
    assert "is already shared with the complainant" in again
    assert 'value="Share with the complainant"' not in again
    twice = client.post(_sharing_url(complaint, letter))
    assert twice.status_code == 409
    assert "There is a problem" in twice.content.decode()
    assert OutboundEmail.objects.filter(complaint=complaint, kind="staff_file_shared").count() == 1


def test_the_share_page_warns_when_email_is_not_safe(client, staff_login, two_orgs, sam):
    complaint = two_orgs.complaint_a
    complaint.safe_by_email = False
    complaint.safe_by_phone = True
    complaint.save()
    letter = _staff_file(complaint, sam)
    staff_login(sam)
    body = client.get(_sharing_url(complaint, letter)).content.decode()
    assert "Email is not marked safe for this complainant" in body
    assert "Safe contact: read before you contact this person" in body


def test_stop_sharing_asks_first_then_takes_it_off(client, staff_login, two_orgs, sam):
    complaint = two_orgs.complaint_a
    letter = _staff_file(complaint, sam)
    services.staff_file_share(complaint_id=complaint.pk, attachment_id=letter.pk, actor=sam)
    staff_login(sam)
    url = _sharing_url(complaint, letter, "stop-sharing")
    assert "taken off the complainant" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    letter.refresh_from_db()
    assert letter.shared_with_complainant_at is None
    page = client.get(_change(complaint)).content.decode()
    assert "is no longer shared with the complainant" in page
    assert "no longer shared with the complainant, by Sam Jones" in page
    refused = client.post(url)
    assert refused.status_code == 409
    assert "is not shared with the complainant" in refused.content.decode()


def test_nothing_of_another_organisation_is_shown_added_shared_or_downloaded(
    client, staff_login, two_orgs, sam
):
    theirs = _staff_file(two_orgs.complaint_b, two_orgs.staff_b, f"{CANARY}.pdf")
    ours = _staff_file(two_orgs.complaint_a, sam)
    staff_login(sam)
    page = client.get(_change(two_orgs.complaint_a)).content.decode()
    assert CANARY not in page

    b = two_orgs.complaint_b
    assert client.get(_add_url(b)).status_code == 404
    assert client.post(_add_url(b), {"upload": [_pdf()]}).status_code == 404
    for change in ("share", "stop-sharing"):
        assert client.get(_sharing_url(b, theirs, change)).status_code == 404
        assert client.post(_sharing_url(b, theirs, change)).status_code == 404
        # Their file under our complaint's address is not found either.
        assert client.post(_sharing_url(two_orgs.complaint_a, theirs, change)).status_code == 404
    assert client.get(_download_url(b, theirs)).status_code == 404
    assert client.get(_download_url(two_orgs.complaint_a, theirs)).status_code == 404
    # A complainant's file is not a staff file to share.
    evidence = uploads.attachment_store_checked(
        complaint=two_orgs.complaint_a, checked=checked("photo.pdf"), kind="evidence"
    )
    assert client.post(_sharing_url(two_orgs.complaint_a, evidence)).status_code == 404
    assert client.get(_sharing_url(two_orgs.complaint_a, ours, "delete")).status_code == 404

    theirs.refresh_from_db()
    assert theirs.shared_with_complainant_at is None
    assert Attachment.objects.filter(complaint=b).count() == 1
    assert not OutboundEmail.objects.exists()


def test_viewers_without_change_permission_can_download_but_not_add_or_share(
    client, staff_login, two_orgs, sam
):
    letter = _staff_file(two_orgs.complaint_a, sam)
    viewer = staff_build(two_orgs.org_a, username="viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_complaint"))
    staff_login(viewer)
    page = client.get(_change(two_orgs.complaint_a)).content.decode()
    assert LETTER in page
    assert _add_url(two_orgs.complaint_a) not in page
    assert _sharing_url(two_orgs.complaint_a, letter) not in page
    assert client.get(_download_url(two_orgs.complaint_a, letter)).status_code == 200
    assert client.post(_add_url(two_orgs.complaint_a), {"upload": [_pdf()]}).status_code == 403
    assert client.post(_sharing_url(two_orgs.complaint_a, letter)).status_code == 403
    assert Attachment.objects.count() == 1


def test_the_complaint_page_costs_the_same_queries_with_more_staff_files(
    client, staff_login, two_orgs, sam
):
    complaint = two_orgs.complaint_a

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(_change(complaint))
        assert response.status_code == 200
        return len(captured)

    _staff_file(complaint, sam, "first.pdf")
    staff_login(two_orgs.staff_a)
    queries()  # warms the per-process caches (content types, permissions)
    few = queries()
    for n in range(8):
        letter = _staff_file(complaint, sam if n % 2 else two_orgs.staff_a, f"letter-{n}.pdf")
        if n % 3 == 0:
            services.staff_file_share(complaint_id=complaint.pk, attachment_id=letter.pk, actor=sam)
    page = client.get(_change(complaint)).content.decode()
    assert "letter-7.pdf" in page and "Sam Jones" in page
    assert queries() == few


def test_only_get_and_post_are_allowed(client, staff_login, two_orgs, sam):
    letter = _staff_file(two_orgs.complaint_a, sam)
    staff_login(sam)
    assert client.put(_add_url(two_orgs.complaint_a)).status_code == 405
    assert client.delete(_sharing_url(two_orgs.complaint_a, letter)).status_code == 405
    add_page = client.get(_add_url(two_orgs.complaint_a))
    assert (
        add_page.status_code == 200 and 'enctype="multipart/form-data"' in add_page.content.decode()
    )


def test_a_refusal_from_the_service_is_shown_in_the_error_summary(
    client, staff_login, two_orgs, sam, monkeypatch
):
    """Another member of staff got there first, between the page and the click."""
    letter = _staff_file(two_orgs.complaint_a, sam)

    def refuse(**kwargs):
        raise services.ActionRefused("“Outcome letter.pdf” is already shared with the complainant.")

    monkeypatch.setattr(services, "staff_file_share", refuse)
    staff_login(sam)
    response = client.post(_sharing_url(two_orgs.complaint_a, letter))
    assert response.status_code == 409
    body = response.content.decode()
    assert "There is a problem" in body and "is already shared with the complainant" in body
    assert not OutboundEmail.objects.exists()
