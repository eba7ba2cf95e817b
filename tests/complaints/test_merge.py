# ruff: noqa: F811 (the two_orgs fixture is imported)
"""Merging a duplicate into another complaint: the service, the admin pages, the
complainant's email and progress page, and every way it can be refused."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints import retention, services, workflow
from complaints.models import (
    AccessLog,
    Attachment,
    Complaint,
    InternalNote,
    OutboundEmail,
    StatusChange,
)
from complaints.services import MergeError
from complaints.views import PROGRESS_SESSION_KEY
from complaints.workflow import Status
from directory.models import VictimsCodeRight
from tests.complaints.builders import complaint_build, organisation_build
from tests.complaints.triage_setup import CANARY, two_orgs  # noqa: F401
from tests.concurrency import run_at_once

pytestmark = pytest.mark.django_db


def _merge(duplicate: Complaint, into: str, actor) -> Complaint:
    return services.complaint_merge(complaint_id=duplicate.pk, into_reference=into, actor=actor)


def _snapshot(*complaints: Complaint) -> tuple:
    """Everything a refused merge must leave as it was."""
    rows = [
        Complaint.objects.values_list("status", "merged_into_id", "closed_at").get(pk=c.pk)
        for c in complaints
    ]
    return (rows, StatusChange.objects.count(), OutboundEmail.objects.count())


# -- the service ---------------------------------------------------------------------------


def test_a_duplicate_is_merged_with_history_on_both(two_orgs):
    duplicate = two_orgs.complaint_a
    kept = complaint_build(two_orgs.org_a, status=Status.ACKNOWLEDGED)
    before = timezone.now()

    result = _merge(duplicate, kept.reference, two_orgs.staff_a)

    duplicate.refresh_from_db()
    assert result.pk == duplicate.pk
    assert duplicate.status == Status.MERGED and duplicate.merged_into == kept
    assert duplicate.closed_at is not None  # finished: retention counts from here
    moved = StatusChange.objects.get(complaint=duplicate)
    assert (moved.from_status, moved.to_status) == (Status.RECEIVED, Status.MERGED)
    assert moved.note == f"Merged into {kept.reference}."
    assert moved.actor == two_orgs.staff_a and moved.created_at >= before
    told = StatusChange.objects.get(complaint=kept)
    assert told.note == f"{duplicate.reference} merged into this complaint."
    assert (told.from_status, told.to_status) == (Status.ACKNOWLEDGED, Status.ACKNOWLEDGED)
    assert told.actor == two_orgs.staff_a
    kept.refresh_from_db()
    assert kept.status == Status.ACKNOWLEDGED  # the kept complaint carries on as it was


def test_the_reference_may_be_typed_loosely(two_orgs):
    kept = complaint_build(two_orgs.org_a)
    _merge(two_orgs.complaint_a, f"  {kept.reference.lower().replace('-', ' ')} ", None)
    two_orgs.complaint_a.refresh_from_db()
    assert two_orgs.complaint_a.merged_into == kept


def test_the_complainant_is_emailed_once_when_both_complaints_share_an_address(two_orgs):
    address = "same.person@example.net"
    duplicate = complaint_build(two_orgs.org_a, email=address, safe_by_email=True)
    kept = complaint_build(two_orgs.org_a, email=address, safe_by_email=True)

    _merge(duplicate, kept.reference, two_orgs.staff_a)

    sent = OutboundEmail.objects.filter(kind=OutboundEmail.Kind.MERGED)
    assert sent.count() == 1 == OutboundEmail.objects.count()
    email = sent.get()
    assert email.to_address == address and email.complaint == duplicate
    # The references in the body, never in the subject; nothing about either complaint.
    assert duplicate.reference not in email.subject and kept.reference not in email.subject
    assert duplicate.reference in email.body and kept.reference in email.body
    for private in (duplicate.what_happened, duplicate.full_name, kept.who_was_involved):
        assert private not in email.body


def test_the_email_is_in_the_language_the_complainant_used(two_orgs):
    duplicate = complaint_build(two_orgs.org_a, service_language="cy")
    kept = complaint_build(two_orgs.org_a)
    _merge(duplicate, kept.reference, two_orgs.staff_a)
    email = OutboundEmail.objects.get(kind=OutboundEmail.Kind.MERGED)
    assert email.subject == "Mae eich cwyn wedi’i chyfuno â chwyn arall"
    assert "Helo" in email.body and f"wedi’i chyfuno â chwyn {kept.reference}" in email.body


def test_no_email_when_email_is_not_a_safe_channel(two_orgs):
    duplicate = complaint_build(two_orgs.org_a, safe_by_email=False)
    kept = complaint_build(two_orgs.org_a)
    _merge(duplicate, kept.reference, two_orgs.staff_a)
    assert not OutboundEmail.objects.exists()


def test_complaints_merged_into_the_duplicate_follow_it_to_the_kept_one(two_orgs):
    earlier = complaint_build(two_orgs.org_a)
    duplicate = complaint_build(two_orgs.org_a)
    kept = complaint_build(two_orgs.org_a)
    _merge(earlier, duplicate.reference, two_orgs.staff_a)

    _merge(duplicate, kept.reference, two_orgs.staff_a)

    earlier.refresh_from_db()
    assert earlier.merged_into == kept and earlier.status == Status.MERGED
    assert f"Now part of {kept.reference}" in earlier.history.last().note
    assert earlier.reference in kept.history.last().note


@pytest.mark.django_db(transaction=True)
def test_two_merges_of_one_pair_in_opposite_directions_do_not_deadlock():
    """Both rows are locked lowest id first, so the second merge waits, then sees the first
    (a cycle) and is refused; without that order the two would wait for each other."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no race")
    org = organisation_build(name="Alpha Police")
    outcomes: list[str] = []
    for _round in range(5):
        first, second = complaint_build(org), complaint_build(org)
        directions = [(first, second), (second, first)]
        guard = threading.Lock()

        def merge_one(directions: list = directions, guard: threading.Lock = guard) -> None:
            with guard:
                duplicate, kept = directions.pop()
            try:
                _merge(duplicate, kept.reference, None)
                outcomes.append("merged")
            except MergeError:
                outcomes.append("refused")

        run_at_once(merge_one, threads=2)
        assert (
            Complaint.objects.filter(pk__in=[first.pk, second.pk], status=Status.MERGED).count()
            == 1
        )
    assert sorted(outcomes) == ["merged"] * 5 + ["refused"] * 5


def _refusal_cases(two_orgs):
    """(what was typed, the duplicate) for every merge that must be refused."""
    org_a = two_orgs.org_a
    cycle_source = complaint_build(org_a)
    cycle_member = complaint_build(org_a)
    services.complaint_merge(
        complaint_id=cycle_member.pk, into_reference=cycle_source.reference, actor=None
    )
    already_merged = complaint_build(org_a)
    services.complaint_merge(
        complaint_id=already_merged.pk,
        into_reference=complaint_build(org_a).reference,
        actor=None,
    )
    finished = complaint_build(org_a, status=Status.CLOSED)
    open_one = two_orgs.complaint_a
    return {
        "itself": (open_one.reference, open_one, "is this complaint"),
        "another organisation": (two_orgs.complaint_b.reference, open_one, "There is no"),
        "already merged": (already_merged.reference, open_one, "already been merged into"),
        "a cycle": (cycle_member.reference, cycle_source, "has been merged into this"),
        "a finished duplicate": (complaint_build(org_a).reference, finished, "is “Closed”"),
        "does not exist": ("VC-22222222", open_one, "There is no complaint"),
        "malformed": ("VC-12", open_one, "right format"),
        "empty": ("", open_one, "right format"),
        "wrong letters": ("VC-IIIIOOOO", open_one, "right format"),
    }


CASES = [
    "itself",
    "another organisation",
    "already merged",
    "a cycle",
    "a finished duplicate",
    "does not exist",
    "malformed",
    "empty",
    "wrong letters",
]


@pytest.mark.parametrize("case", CASES)
def test_every_bad_merge_is_refused_clearly_and_changes_nothing(two_orgs, case):
    typed, duplicate, words = _refusal_cases(two_orgs)[case]
    everyone = list(Complaint.objects.all())
    before = _snapshot(*everyone)

    with pytest.raises(MergeError) as refused:
        _merge(duplicate, typed, two_orgs.staff_a)

    assert words in str(refused.value)
    assert "This field is required" not in str(refused.value)
    assert _snapshot(*everyone) == before


def test_another_organisations_complaint_reads_exactly_as_not_found(two_orgs):
    theirs = two_orgs.complaint_b.reference
    with pytest.raises(MergeError) as other:
        _merge(two_orgs.complaint_a, theirs, two_orgs.staff_a)
    Complaint.objects.filter(pk=two_orgs.complaint_b.pk).update(reference="VC-33333333")
    with pytest.raises(MergeError) as missing:
        _merge(two_orgs.complaint_a, theirs, two_orgs.staff_a)
    assert str(other.value) == str(missing.value)
    assert other.value.field == missing.value.field == "reference"
    assert "Bravo" not in str(other.value) and CANARY not in str(other.value)


def test_staff_of_two_organisations_cannot_merge_across_them(two_orgs):
    two_orgs.staff_a.memberships.create(organisation=two_orgs.org_b)
    with pytest.raises(MergeError, match="There is no complaint"):
        _merge(two_orgs.complaint_a, two_orgs.complaint_b.reference, two_orgs.staff_a)


def test_staff_cannot_merge_a_complaint_they_cannot_see(two_orgs):
    kept = complaint_build(two_orgs.org_a)
    with pytest.raises(PermissionDenied):
        _merge(two_orgs.complaint_a, kept.reference, two_orgs.staff_b)
    two_orgs.complaint_a.refresh_from_db()
    assert two_orgs.complaint_a.status == Status.RECEIVED


def test_merged_is_only_reached_through_a_merge_and_is_final(two_orgs):
    with pytest.raises(services.ActionRefused, match="Merge into another complaint"):
        services.complaint_transition(
            complaint_id=two_orgs.complaint_a.pk, to_status=Status.MERGED, actor=None
        )
    assert workflow.TRANSITIONS[Status.MERGED] == frozenset()
    assert Status.MERGED in workflow.FINISHED_STATUSES
    assert Status.MERGED not in workflow.OPEN_STATUSES
    for status in workflow.OPEN_STATUSES:
        assert workflow.can_transition(status, Status.MERGED)


def test_a_merged_duplicate_is_anonymised_like_any_finished_complaint(two_orgs):
    kept = complaint_build(two_orgs.org_a)
    _merge(two_orgs.complaint_a, kept.reference, None)
    Complaint.objects.filter(pk=two_orgs.complaint_a.pk).update(
        closed_at=timezone.now() - timedelta(days=365 * 7)
    )
    cutoff = retention.retention_cutoff()
    due = retention.complaints_due_for_anonymising(cutoff=cutoff)
    assert list(due.values_list("pk", flat=True)) == [two_orgs.complaint_a.pk]


# -- the admin -------------------------------------------------------------------------------


def _merge_url(complaint: Complaint) -> str:
    return reverse("admin:complaints_complaint_merge", args=[complaint.pk])


def _change_url(complaint: Complaint) -> str:
    return reverse("admin:complaints_complaint_change", args=[complaint.pk])


def test_staff_find_check_and_confirm_a_merge(client, staff_login, two_orgs):
    duplicate = two_orgs.complaint_a
    kept = complaint_build(two_orgs.org_a, full_name="Kept Person")
    staff_login(two_orgs.staff_a)

    page = client.get(_change_url(duplicate)).content.decode()
    assert "Merge into another complaint" in page and _merge_url(duplicate) in page

    form = client.get(_merge_url(duplicate)).content.decode()
    assert "Reference of the complaint to keep" in form

    check = client.post(_merge_url(duplicate), {"reference": kept.reference.lower()})
    body = check.content.decode()
    assert check.status_code == 200 and "Check before you merge" in body
    assert "Kept Person" in body and f"Merge {duplicate.reference} into {kept.reference}" in body
    duplicate.refresh_from_db()
    assert duplicate.status == Status.RECEIVED  # nothing changes before the confirmation

    done = client.post(_merge_url(duplicate), {"reference": kept.reference, "confirm": "yes"})
    assert done.status_code == 302 and done["Location"] == _change_url(kept) + "#merged"
    duplicate.refresh_from_db()
    assert duplicate.status == Status.MERGED and duplicate.merged_into == kept
    changed = set(AccessLog.objects.filter(action="changed").values_list("complaint", flat=True))
    assert changed == {duplicate.pk, kept.pk}
    shown = client.get(done["Location"]).content.decode()
    assert f"{duplicate.reference} merged into {kept.reference}." in shown


def test_the_kept_complaint_shows_the_duplicates_notes_files_and_rights(
    client, staff_login, two_orgs
):
    duplicate = two_orgs.complaint_a
    kept = complaint_build(two_orgs.org_a)
    services.note_add(
        complaint_id=duplicate.pk, author=two_orgs.staff_a, text="Rang them on Tuesday."
    )
    file = Attachment.objects.create(
        complaint=duplicate,
        original_name="letter-from-police.pdf",
        stored_name="0" * 32,
        content_type="application/pdf",
        size=1234,
        sha256="0" * 64,
        uploaded_at=timezone.now(),
    )
    right = VictimsCodeRight.objects.get_or_create(
        number=6, defaults={"title": "To be provided with information about the investigation"}
    )[0]
    duplicate.rights_not_met.add(right)
    _merge(duplicate, kept.reference, two_orgs.staff_a)
    staff_login(two_orgs.staff_a)

    page = client.get(_change_url(kept)).content.decode()
    section = page[page.index('id="merged"') :]
    assert _change_url(duplicate) in section
    assert "Rang them on Tuesday." in section
    assert "letter-from-police.pdf" in section
    assert reverse("admin:complaints_complaint_attachment", args=[duplicate.pk, file.pk]) in section
    assert right.title in section
    # The duplicate's own page says where work goes on, and offers no more actions.
    own = client.get(_change_url(duplicate)).content.decode()
    assert "Merged into another complaint" in own and _change_url(kept) in own
    assert _merge_url(duplicate) not in own
    assert client.get(_merge_url(duplicate))["Location"] == _change_url(duplicate)


def test_the_kept_page_reads_duplicates_in_a_fixed_number_of_queries(client, staff_login, two_orgs):
    kept = complaint_build(two_orgs.org_a)
    staff_login(two_orgs.staff_a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_change_url(kept)).status_code == 200
        return len(captured)

    _merge(complaint_build(two_orgs.org_a), kept.reference, None)
    queries()  # the first request fills this process's caches (the directory)
    one = queries()
    for n in range(3):
        duplicate = complaint_build(two_orgs.org_a)
        InternalNote.objects.create(
            complaint=duplicate, author=two_orgs.staff_a, created_at=timezone.now(), text=f"{n}"
        )
        _merge(duplicate, kept.reference, None)
    assert queries() == one


def test_a_duplicate_another_organisation_holds_is_not_shown(client, staff_login, two_orgs):
    """The kept complaint moved to another organisation: its duplicate stays behind."""
    duplicate = complaint_build(two_orgs.org_a)
    services.note_add(complaint_id=duplicate.pk, author=two_orgs.staff_a, text=CANARY)
    kept = two_orgs.complaint_a
    _merge(duplicate, kept.reference, two_orgs.staff_a)
    services.complaint_transfer(
        complaint_id=kept.pk,
        actor=two_orgs.staff_a,
        to_organisation_id=two_orgs.org_b.pk,
        reason="Theirs.",
    )
    staff_login(two_orgs.staff_b)
    page = client.get(_change_url(kept)).content.decode()
    assert CANARY not in page and _change_url(duplicate) not in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the reference of the complaint to merge this one into"),
        ("not a reference", "Enter a reference in the right format, like VC-2345ABCD"),
        ("VC-" + "2" * 40, "Enter a reference in the right format, like VC-2345ABCD"),
        ("VC-22222222", "There is no complaint with the reference VC-22222222 at Alpha Police"),
    ],
)
def test_bad_references_get_a_clear_error_summary(client, staff_login, two_orgs, typed, message):
    staff_login(two_orgs.staff_a)
    for data in ({"reference": typed}, {"reference": typed, "confirm": "yes"}):
        page = client.post(_merge_url(two_orgs.complaint_a), data).content.decode()
        assert "There is a problem" in page and message in page
        assert 'href="#id_reference"' in page
        assert "This field is required" not in page
    two_orgs.complaint_a.refresh_from_db()
    assert two_orgs.complaint_a.status == Status.RECEIVED


def test_another_organisations_reference_is_not_found_in_admin(client, staff_login, two_orgs):
    staff_login(two_orgs.staff_a)
    theirs = two_orgs.complaint_b.reference
    for data in ({"reference": theirs}, {"reference": theirs, "confirm": "yes"}):
        page = client.post(_merge_url(two_orgs.complaint_a), data).content.decode()
        assert f"There is no complaint with the reference {theirs} at Alpha Police" in page
        assert CANARY not in page and "Bravo" not in page
    two_orgs.complaint_a.refresh_from_db()
    assert two_orgs.complaint_a.status == Status.RECEIVED


def test_staff_cannot_open_another_organisations_merge_page(client, staff_login, two_orgs):
    staff_login(two_orgs.staff_b)
    assert client.get(_merge_url(two_orgs.complaint_a)).status_code == 404
    kept = complaint_build(two_orgs.org_a)
    response = client.post(
        _merge_url(two_orgs.complaint_a), {"reference": kept.reference, "confirm": "yes"}
    )
    assert response.status_code == 404
    two_orgs.complaint_a.refresh_from_db()
    assert two_orgs.complaint_a.status == Status.RECEIVED


def test_the_merge_is_not_offered_on_a_finished_complaint(client, staff_login, two_orgs):
    closed = complaint_build(two_orgs.org_a, status=Status.CLOSED)
    staff_login(two_orgs.staff_a)
    assert _merge_url(closed) not in client.get(_change_url(closed)).content.decode()
    response = client.get(_merge_url(closed), follow=True)
    assert "is “Closed”, so it cannot be merged into another complaint" in (
        response.content.decode()
    )


def test_the_list_counts_a_merged_duplicate_as_finished(client, staff_login, two_orgs):
    today = timezone.localdate()
    duplicate = complaint_build(two_orgs.org_a, acknowledgement_due=today - timedelta(days=5))
    _merge(duplicate, two_orgs.complaint_a.reference, None)
    staff_login(two_orgs.staff_a)
    changelist = reverse("admin:complaints_complaint_changelist")
    finished = client.get(changelist, {"open": "no"}).content.decode()
    still_open = client.get(changelist, {"open": "yes"}).content.decode()
    overdue = client.get(changelist, {"deadline": "overdue"}).content.decode()
    assert duplicate.reference in finished
    assert duplicate.reference not in still_open and duplicate.reference not in overdue


# -- the complainant's progress page ------------------------------------------------------------


def _progress(client, complaint: Complaint, prefix: str = "") -> str:
    session = client.session
    session[PROGRESS_SESSION_KEY] = complaint.pk
    session.save()
    return client.get(f"{prefix}/complaints/check/status/").content.decode()


def test_the_duplicates_progress_page_points_to_the_kept_reference(client, two_orgs):
    kept = complaint_build(two_orgs.org_a)
    _merge(two_orgs.complaint_a, kept.reference, two_orgs.staff_a)
    page = _progress(client, two_orgs.complaint_a)
    assert "Your complaint has been merged with another complaint about the same thing." in page
    assert f"It is being dealt with as part of complaint {kept.reference}." in page
    assert "Merged into another complaint" in page  # the history says when
    assert "Response expected by" not in page and "Should be acknowledged by" not in page
    assert f"Merged into {kept.reference}." not in page  # the staff note stays with staff


def test_the_progress_page_says_it_in_welsh(client, two_orgs):
    duplicate = complaint_build(two_orgs.org_a, service_language="cy")
    kept = complaint_build(two_orgs.org_a)
    _merge(duplicate, kept.reference, two_orgs.staff_a)
    page = _progress(client, duplicate, prefix="/cy")
    assert kept.reference in page
    assert "It is being dealt with as part of complaint" not in page
    assert "Mae eich cwyn wedi’i chyfuno â chwyn arall am yr un peth." in page
    assert f"Mae’n cael ei thrin fel rhan o gŵyn {kept.reference}." in page
