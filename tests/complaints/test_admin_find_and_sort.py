# ruff: noqa: F811 (the two_orgs fixture is imported)
"""Staff find a complaint without its reference, and the list puts the nearest deadline first."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import AccessLog
from complaints.workflow import Status
from tests.complaints.builders import complaint_build
from tests.complaints.triage_setup import CANARY, two_orgs  # noqa: F401

pytestmark = pytest.mark.django_db
LIST = "admin:complaints_complaint_changelist"


@pytest.mark.parametrize(
    "term", ["Robin Example", "robin.example@example.net", "07700 900123", "VC-"]
)
def test_staff_find_their_complaint_by_name_email_phone_or_reference(
    client,
    staff_login,
    two_orgs,
    term,
):
    mine = complaint_build(
        two_orgs.org_a,
        full_name="Robin Example",
        email="robin.example@example.net",
        phone="07700 900123",
    )
    complaint_build(
        two_orgs.org_b,
        full_name=f"Robin Example {CANARY}",
        email="robin.example@example.net",
        phone="07700 900123",
    )
    staff_login(two_orgs.staff_a)
    page = client.get(reverse(LIST), {"q": term})
    body = page.content.decode()
    assert mine.reference in body
    assert CANARY not in body and two_orgs.complaint_b.reference not in body


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("07700 900456", "07700900456"),
        ("07700 900456", "+44 7700 900456"),
        ("07700 900456", "(07700) 900-456"),
        ("+44 7700 900456", "07700900456"),
        ("+44 (0)7700-900456", "07700 900 456"),
        ("07700900456", "0044 7700 900456"),
    ],
)
def test_staff_find_a_phone_number_however_it_was_written(
    client, staff_login, two_orgs, stored, typed
):
    mine = complaint_build(two_orgs.org_a, phone=stored)
    complaint_build(two_orgs.org_b, full_name=f"Robin {CANARY}", phone=stored)
    complaint_build(two_orgs.org_a, phone="07700 900999")  # another number (as are the
    # fixture's own complaints')
    staff_login(two_orgs.staff_a)
    body = client.get(reverse(LIST), {"q": typed}).content.decode()
    assert mine.reference in body
    assert body.count('name="_selected_action"') == 1
    assert CANARY not in body


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("07700 900123", "7700900123"),
        ("+44 7700 900123", "7700900123"),
        ("0161 496 0000", "1614960000"),
        ("0161 4960", None),  # not a whole number: found as written, if at all
        ("Robin 07700", None),
        ("VC-7KQ4M2XP", None),
        ("", None),
    ],
)
def test_what_looks_like_a_phone_number(typed, digits):
    from complaints.phone_search import phone_search_digits

    assert phone_search_digits(typed) == digits


def test_each_search_is_logged_without_the_words(client, staff_login, two_orgs):
    staff_login(two_orgs.staff_a)
    client.get(reverse(LIST))
    assert not AccessLog.objects.filter(action="searched complaints").exists()
    client.get(reverse(LIST), {"q": "Robin Example"})
    entry = AccessLog.objects.get(action="searched complaints")
    assert entry.user == two_orgs.staff_a and entry.complaint is None
    assert not AccessLog.objects.filter(action__icontains="Robin").exists()


def test_the_list_puts_the_nearest_deadline_first(client, staff_login, two_orgs):
    today = timezone.localdate()
    later = complaint_build(
        two_orgs.org_a, status=Status.ACKNOWLEDGED, response_due=today + timedelta(days=20)
    )
    sooner = complaint_build(two_orgs.org_a, acknowledgement_due=today + timedelta(days=2))
    finished = complaint_build(two_orgs.org_a, status=Status.CLOSED)
    staff_login(two_orgs.staff_a)
    body = client.get(reverse(LIST)).content.decode()
    assert (
        body.index(sooner.reference) < body.index(later.reference) < body.index(finished.reference)
    )


def test_the_complaint_page_is_titled_by_its_reference_and_close_is_named(
    client,
    staff_login,
    two_orgs,
):
    from complaints import services

    complaint = two_orgs.complaint_a
    services.complaint_acknowledge(complaint_id=complaint.pk, actor=two_orgs.staff_a)
    services.complaint_record_response(
        complaint_id=complaint.pk, actor=two_orgs.staff_a, note="Sent our reply."
    )
    staff_login(two_orgs.staff_a)
    body = client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk])).content
    body = body.decode()
    title = body.split("<title>")[1].split("</title>")[0]
    assert f"Complaint {complaint.reference}" in title
    assert "Change complaint" not in body
    assert "Close the complaint" in body
    # Django's own "Close" link is named for where it goes, apart from the action.
    assert ">Close<" not in body
    assert "Back to the complaint list" in body
