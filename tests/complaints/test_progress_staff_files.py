# ruff: noqa: F811 (the two_orgs fixture is imported)
"""The complainant's progress page lists the files staff shared with them, and only those,
and they download them through their progress session only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints import services, uploads
from complaints.views import PROGRESS_SESSION_KEY
from tests.complaints import files
from tests.complaints.builders import complaint_build
from tests.complaints.test_staff_files import checked
from tests.complaints.triage_setup import CANARY, two_orgs  # noqa: F401

pytestmark = pytest.mark.django_db

PROGRESS = "/complaints/check/status/"


def _as_complainant(client, complaint) -> None:
    session = client.session
    session[PROGRESS_SESSION_KEY] = complaint.pk
    session.save()


def _shared(complaint, actor, name: str, *, share: bool = True):
    [attachment] = services.staff_files_add(
        complaint_id=complaint.pk, actor=actor, files=[checked(name)]
    )
    if share:
        services.staff_file_share(
            complaint_id=complaint.pk, attachment_id=attachment.pk, actor=actor
        )
    return attachment


def _file_url(attachment) -> str:
    return reverse("complaints:progress_file", args=[attachment.pk])


def test_the_progress_page_lists_only_the_files_shared_with_this_complainant(client, two_orgs):
    a = two_orgs.complaint_a
    letter = _shared(a, two_orgs.staff_a, "Outcome letter.pdf")
    private = _shared(a, two_orgs.staff_a, "Investigating officer notes.pdf", share=False)
    uploads.attachment_store_checked(complaint=a, checked=checked("my-photo.pdf"), kind="evidence")
    theirs = _shared(two_orgs.complaint_b, two_orgs.staff_b, f"{CANARY}.pdf")
    _as_complainant(client, a)

    page = client.get(PROGRESS).content.decode()
    assert "Documents from the organisation" in page
    assert f'href="{_file_url(letter)}"' in page and "Outcome letter.pdf" in page
    for hidden in ("Investigating officer notes.pdf", "my-photo.pdf", CANARY):
        assert hidden not in page
    for other in (private, theirs):
        assert _file_url(other) not in page


def test_no_section_when_nothing_is_shared(client, two_orgs):
    _shared(two_orgs.complaint_a, two_orgs.staff_a, "Draft.pdf", share=False)
    _as_complainant(client, two_orgs.complaint_a)
    assert "Documents from the organisation" not in client.get(PROGRESS).content.decode()


def test_a_shared_file_downloads_through_the_progress_session(client, two_orgs):
    letter = _shared(two_orgs.complaint_a, two_orgs.staff_a, "Outcome letter.pdf")
    _as_complainant(client, two_orgs.complaint_a)
    response = client.get(_file_url(letter))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Outcome letter.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == files.PDF


def test_without_a_progress_session_the_address_opens_nothing(client, two_orgs):
    letter = _shared(two_orgs.complaint_a, two_orgs.staff_a, "Outcome letter.pdf")
    response = client.get(_file_url(letter))
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:progress_start")


def test_another_complaints_file_and_an_unshared_file_are_not_found(client, two_orgs):
    theirs = _shared(two_orgs.complaint_b, two_orgs.staff_b, f"{CANARY}.pdf")
    mine_private = _shared(two_orgs.complaint_a, two_orgs.staff_a, "Notes.pdf", share=False)
    other_complaint = complaint_build(two_orgs.org_a)
    same_org_other = _shared(other_complaint, two_orgs.staff_a, "Someone else.pdf")
    _as_complainant(client, two_orgs.complaint_a)
    for attachment in (theirs, mine_private, same_org_other):
        response = client.get(_file_url(attachment))
        assert response.status_code == 404
        assert CANARY.encode() not in response.content


def test_a_file_no_longer_shared_is_gone_from_the_page_and_the_address(client, two_orgs):
    letter = _shared(two_orgs.complaint_a, two_orgs.staff_a, "Outcome letter.pdf")
    services.staff_file_unshare(
        complaint_id=two_orgs.complaint_a.pk, attachment_id=letter.pk, actor=two_orgs.staff_a
    )
    _as_complainant(client, two_orgs.complaint_a)
    assert "Outcome letter.pdf" not in client.get(PROGRESS).content.decode()
    assert client.get(_file_url(letter)).status_code == 404


def test_the_section_is_in_welsh_on_the_welsh_page(client, two_orgs):
    letter = _shared(two_orgs.complaint_a, two_orgs.staff_a, "Llythyr canlyniad.pdf")
    _as_complainant(client, two_orgs.complaint_a)
    page = client.get("/cy/complaints/check/status/").content.decode()
    assert "Dogfennau gan y sefydliad" in page
    assert f'href="/cy/complaints/check/files/{letter.pk}/"' in page
    assert "Documents from the organisation" not in page


def test_the_progress_page_costs_the_same_queries_with_more_shared_files(client, two_orgs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    complaint = two_orgs.complaint_a
    _shared(complaint, two_orgs.staff_a, "first.pdf")
    _as_complainant(client, complaint)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PROGRESS).status_code == 200
        return len(captured)

    few = queries()
    for n in range(5):
        _shared(complaint, two_orgs.staff_a, f"letter-{n}.pdf")
    assert queries() == few


def test_a_shared_file_missing_from_storage_is_not_found(client, two_orgs):
    letter = _shared(two_orgs.complaint_a, two_orgs.staff_a, "Outcome letter.pdf")
    uploads.attachment_path(stored_name=letter.stored_name).unlink()
    _as_complainant(client, two_orgs.complaint_a)
    assert client.get(_file_url(letter)).status_code == 404
    assert client.post(_file_url(letter)).status_code == 405
