# ruff: noqa: F811 (the two_orgs fixture is imported)
"""Staff files (the outcome letter, say): kept privately with the same checks as a
complainant's, written to the history, shared with the complainant only on purpose and
only once, and never reachable from another organisation."""

from __future__ import annotations

import io
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from complaints import retention, services, staff_file_selectors, uploads
from complaints.models import Attachment, OutboundEmail, StatusChange
from tests.complaints import files
from tests.complaints.builders import complaint_build
from tests.complaints.triage_setup import CANARY, handler_build, two_orgs  # noqa: F401

pytestmark = pytest.mark.django_db

LETTER = "Outcome letter.pdf"


def checked(name: str = LETTER, data: bytes = files.PDF) -> uploads.CheckedUpload:
    return uploads.upload_inspect(name=name, handle=io.BytesIO(data), size=len(data))


@pytest.fixture
def sam(two_orgs):
    return handler_build(two_orgs.org_a, username="sjones", first_name="Sam", last_name="Jones")


def _add(complaint, actor, *uploaded: uploads.CheckedUpload) -> list[Attachment]:
    return services.staff_files_add(
        complaint_id=complaint.pk, actor=actor, files=list(uploaded) or [checked()]
    )


def _stored_files() -> list:
    folder = uploads.attachment_path(stored_name="0" * 32).parent
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_staff_file_is_kept_privately_under_a_random_name_with_a_history_row(two_orgs, sam):
    complaint = two_orgs.complaint_a
    [letter] = _add(complaint, sam)

    assert letter.kind == Attachment.Kind.STAFF
    assert letter.uploaded_by == sam and letter.original_name == LETTER
    assert letter.content_type == "application/pdf"
    assert letter.shared_with_complainant_at is None
    assert LETTER not in letter.stored_name and len(letter.stored_name) == 32
    assert uploads.attachment_path(stored_name=letter.stored_name).read_bytes() == files.PDF
    row = StatusChange.objects.filter(complaint=complaint).latest("id")
    assert row.note == "Outcome letter.pdf added by Sam Jones"
    assert row.actor == sam and not row.visible_to_complainant
    # Nobody is told: the file is the organisation's until someone shares it.
    assert not OutboundEmail.objects.filter(complaint=complaint).exists()


def test_the_history_names_staff_without_a_full_name_by_username(two_orgs):
    _add(two_orgs.complaint_a, two_orgs.staff_a)
    row = StatusChange.objects.filter(complaint=two_orgs.complaint_a).latest("id")
    assert row.note == "Outcome letter.pdf added by alice"


def test_staff_cannot_add_a_file_to_another_organisations_complaint(two_orgs):
    with pytest.raises(PermissionDenied):
        _add(two_orgs.complaint_b, two_orgs.staff_a)
    assert not Attachment.objects.exists()
    assert _stored_files() == []


def test_no_file_and_too_many_at_once_are_refused(two_orgs, sam):
    with pytest.raises(services.InvalidInput, match="Select a file to add"):
        services.staff_files_add(complaint_id=two_orgs.complaint_a.pk, actor=sam, files=[])
    six = [checked(f"letter-{n}.pdf") for n in range(services.STAFF_FILES_PER_UPLOAD + 1)]
    with pytest.raises(services.InvalidInput, match="5 files or fewer at a time"):
        _add(two_orgs.complaint_a, sam, *six)
    assert not Attachment.objects.exists()


def test_a_complaint_holds_at_most_the_staff_file_limit_and_nothing_is_lost(
    two_orgs, sam, monkeypatch
):
    monkeypatch.setattr("complaints.services.staff_files.STAFF_FILES_MAX", 3)
    _add(two_orgs.complaint_a, sam, checked("a.pdf"), checked("b.pdf"))
    with pytest.raises(services.ActionRefused, match="up to 3 files added by staff"):
        _add(two_orgs.complaint_a, sam, checked("c.pdf"), checked("d.pdf"))
    kept = Attachment.objects.filter(complaint=two_orgs.complaint_a)
    assert sorted(kept.values_list("original_name", flat=True)) == ["a.pdf", "b.pdf"]
    assert len(_stored_files()) == 2
    # A complainant's files do not count towards the staff limit.
    _add(two_orgs.complaint_a, sam, checked("c.pdf"))


def test_a_failure_part_way_stores_nothing_and_leaves_no_file_behind(two_orgs, sam):
    real = services.staff_files._history_note
    calls = []

    def fail_second(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real(**kwargs)

    with (
        mock.patch("complaints.services.staff_files._history_note", side_effect=fail_second),
        pytest.raises(RuntimeError),
    ):
        _add(two_orgs.complaint_a, sam, checked("a.pdf"), checked("b.pdf"))
    assert not Attachment.objects.exists()
    assert _stored_files() == []


def test_sharing_tells_the_complainant_once_without_any_details(two_orgs, sam):
    complaint = two_orgs.complaint_a
    [letter] = _add(complaint, sam)
    services.staff_file_share(complaint_id=complaint.pk, attachment_id=letter.pk, actor=sam)

    letter.refresh_from_db()
    assert letter.shared_with_complainant_at is not None
    email = OutboundEmail.objects.get(complaint=complaint)
    assert email.kind == "staff_file_shared" and email.to_address == complaint.email
    assert "/complaints/check/" in email.body and complaint.reference in email.body
    assert complaint.reference not in email.subject
    for detail in (LETTER, "Outcome letter", complaint.what_happened, complaint.full_name):
        assert detail not in email.body and detail not in email.subject
    row = StatusChange.objects.filter(complaint=complaint).latest("id")
    assert row.note == "Outcome letter.pdf shared with the complainant by Sam Jones"

    with pytest.raises(services.ActionRefused, match="already shared"):
        services.staff_file_share(complaint_id=complaint.pk, attachment_id=letter.pk, actor=sam)
    assert OutboundEmail.objects.filter(complaint=complaint).count() == 1


def test_the_email_is_in_the_language_the_complainant_used(two_orgs, sam):
    complaint = complaint_build(two_orgs.org_a, service_language="cy")
    [letter] = _add(complaint, sam)
    with translation.override("en"):
        services.staff_file_share(complaint_id=complaint.pk, attachment_id=letter.pk, actor=sam)
    email = OutboundEmail.objects.get(complaint=complaint)
    assert email.subject == "Dogfen am eich cwyn"
    assert "/cy/complaints/check/" in email.body and "Helo" in email.body


def test_sharing_when_email_is_not_safe_shares_and_sends_nothing(two_orgs, sam):
    complaint = complaint_build(two_orgs.org_a, safe_by_email=False, safe_by_post=True)
    [letter] = _add(complaint, sam)
    services.staff_file_share(complaint_id=complaint.pk, attachment_id=letter.pk, actor=sam)
    assert staff_file_selectors.staff_files_shared(complaint_id=complaint.pk) == [letter]
    assert not OutboundEmail.objects.filter(complaint=complaint).exists()


def test_unsharing_takes_it_off_the_progress_page_with_a_history_row_and_no_email(two_orgs, sam):
    complaint = two_orgs.complaint_a
    [letter] = _add(complaint, sam)
    services.staff_file_share(complaint_id=complaint.pk, attachment_id=letter.pk, actor=sam)
    services.staff_file_unshare(complaint_id=complaint.pk, attachment_id=letter.pk, actor=sam)
    assert staff_file_selectors.staff_files_shared(complaint_id=complaint.pk) == []
    row = StatusChange.objects.filter(complaint=complaint).latest("id")
    assert row.note == "Outcome letter.pdf no longer shared with the complainant, by Sam Jones"
    assert OutboundEmail.objects.filter(complaint=complaint).count() == 1
    with pytest.raises(services.ActionRefused, match="not shared"):
        services.staff_file_unshare(complaint_id=complaint.pk, attachment_id=letter.pk, actor=sam)


def test_another_organisations_file_cannot_be_shared_or_unshared(two_orgs, sam):
    [theirs] = _add(two_orgs.complaint_b, two_orgs.staff_b, checked(f"{CANARY}.pdf"))
    for call in (services.staff_file_share, services.staff_file_unshare):
        with pytest.raises(PermissionDenied):
            call(complaint_id=two_orgs.complaint_b.pk, attachment_id=theirs.pk, actor=sam)
        # Nor through a complaint of one's own.
        with pytest.raises(services.ActionRefused, match="could not be found"):
            call(complaint_id=two_orgs.complaint_a.pk, attachment_id=theirs.pk, actor=sam)
    theirs.refresh_from_db()
    assert theirs.shared_with_complainant_at is None
    assert not OutboundEmail.objects.exists()


def test_a_complainants_own_file_is_not_a_staff_file_to_share(two_orgs, sam):
    evidence = uploads.attachment_store_checked(
        complaint=two_orgs.complaint_a, checked=checked("photo.pdf"), kind="evidence"
    )
    with pytest.raises(services.ActionRefused, match="could not be found"):
        services.staff_file_share(
            complaint_id=two_orgs.complaint_a.pk, attachment_id=evidence.pk, actor=sam
        )


def test_an_anonymised_complaint_takes_no_files_and_shares_none(two_orgs, sam):
    complaint = two_orgs.complaint_a
    [letter] = _add(complaint, sam)
    retention.complaint_anonymise(complaint_id=complaint.pk)
    assert not Attachment.objects.filter(complaint=complaint).exists()
    with pytest.raises(services.ActionRefused, match="anonymised"):
        _add(complaint, sam)
    with pytest.raises(services.ActionRefused):
        services.staff_file_share(complaint_id=complaint.pk, attachment_id=letter.pk, actor=sam)


def test_the_complainant_reads_only_shared_staff_files_of_their_own_complaint(two_orgs, sam):
    a, b = two_orgs.complaint_a, two_orgs.complaint_b
    shared, private = _add(a, sam, checked("shared.pdf"), checked("private.pdf"))
    uploads.attachment_store_checked(complaint=a, checked=checked("evidence.pdf"), kind="evidence")
    [theirs] = _add(b, two_orgs.staff_b)
    services.staff_file_share(complaint_id=a.pk, attachment_id=shared.pk, actor=sam)
    services.staff_file_share(complaint_id=b.pk, attachment_id=theirs.pk, actor=two_orgs.staff_b)

    assert staff_file_selectors.staff_files_shared(complaint_id=a.pk) == [shared]
    assert staff_file_selectors.staff_file_shared(complaint_id=a.pk, attachment_id=shared.pk)
    for other in (private, theirs):
        assert not staff_file_selectors.staff_file_shared(complaint_id=a.pk, attachment_id=other.pk)


def test_staff_read_only_their_organisations_staff_files(two_orgs, sam):
    [ours] = _add(two_orgs.complaint_a, sam)
    [theirs] = _add(two_orgs.complaint_b, two_orgs.staff_b)
    find = staff_file_selectors.staff_file_for_user
    assert find(user=sam, complaint_id=two_orgs.complaint_a.pk, attachment_id=ours.pk) == ours
    assert find(user=sam, complaint_id=two_orgs.complaint_b.pk, attachment_id=theirs.pk) is None
    assert find(user=sam, complaint_id=two_orgs.complaint_a.pk, attachment_id=theirs.pk) is None
