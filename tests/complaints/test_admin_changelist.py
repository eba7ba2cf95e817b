"""The complaints list staff work from: columns, filters, search and a constant query count."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints import reference
from complaints.models import Complaint
from complaints.workflow import Status
from directory import selectors as directory_selectors
from directory.models import VictimsCodeRight
from tests.complaints.builders import complaint_build, organisation_build
from tests.complaints.triage_setup import handler_build

CHANGELIST = "admin:complaints_complaint_changelist"


@pytest.fixture
def org(db):
    return organisation_build(name="Alpha Police")


@pytest.fixture
def alice(org):
    return handler_build(org, username="alice")


def _page(client, query: str = "") -> str:
    response = client.get(reverse(CHANGELIST) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_columns_show_deadlines_flags_and_safe_contact(client, staff_login, org, alice):
    today = timezone.localdate()
    overdue = complaint_build(
        org, acknowledgement_due=today - timedelta(days=3), response_due=today + timedelta(20)
    )
    staff_login(alice)
    page = _page(client)
    for heading in (
        "Reference",
        "Handled by",
        "Status",
        "Received",
        "Deadline",
        "Assigned to",
        "Safe to contact by",
    ):
        assert heading in page
    assert overdue.reference in page
    assert "Overdue" in page
    assert "Email; no messages" in page


def _bulk(org, n: int, **fields) -> None:
    now = timezone.now()
    Complaint.objects.bulk_create(
        [
            Complaint(
                reference=reference.generate(),
                idempotency_key=uuid.uuid4().hex,
                received_at=now - timedelta(hours=i),
                organisation=org,
                role=Complaint.Role.SELF,
                full_name="Someone",
                what_happened="Something.",
                acknowledgement_due=date(2020, 1, 1),
                response_due=date(2020, 2, 1),
                **fields,
            )
            for i in range(n)
        ]
    )


def _count_queries(client) -> tuple[int, int]:
    """(queries, rows shown): the rows prove the page really listed the complaints."""
    with CaptureQueriesContext(connection) as queries:
        page = _page(client)
    return len(queries), page.count('name="_selected_action"')


def test_query_count_is_the_same_for_10_and_1000_complaints(client, staff_login, org, alice):
    staff_login(alice)
    _bulk(org, 10, assigned_to=alice)
    at_ten, rows_at_ten = _count_queries(client)
    _bulk(org, 990, assigned_to=alice)
    assert Complaint.objects.count() == 1000
    at_thousand, rows_at_thousand = _count_queries(client)
    assert (rows_at_ten, rows_at_thousand) == (10, 100)  # one full page of 100
    assert at_ten > 0 and at_thousand == at_ten


def test_search_by_reference(client, staff_login, org, alice):
    one = complaint_build(org)
    two = complaint_build(org)
    staff_login(alice)
    page = _page(client, f"?q={one.reference.lower()}")
    assert one.reference in page and two.reference not in page


def test_search_by_reference_as_read_off_a_letter(client, staff_login, org, alice):
    one = complaint_build(org)
    two = complaint_build(org)
    staff_login(alice)
    spaced = " ".join([one.reference[:2], one.reference[3:7], one.reference[7:]]).lower()
    page = _page(client, "?" + urlencode({"q": spaced}))
    assert one.reference in page and two.reference not in page


def test_filters(client, staff_login, org, alice):
    today = timezone.localdate()
    overdue = complaint_build(org, acknowledgement_due=today - timedelta(days=1))
    due_today = complaint_build(org, acknowledgement_due=today)
    later = complaint_build(org, acknowledgement_due=today + timedelta(days=30))
    mine = complaint_build(org, assigned_to=alice, acknowledgement_due=today + timedelta(30))
    closed = complaint_build(
        org, status=Status.CLOSED, acknowledgement_due=today - timedelta(days=30)
    )
    right = VictimsCodeRight.objects.get(number=4)
    later.rights_not_met.add(right)
    staff_login(alice)

    page = _page(client, "?deadline=overdue")
    assert overdue.reference in page
    assert due_today.reference not in page and closed.reference not in page

    page = _page(client, "?deadline=soon")
    assert due_today.reference in page and overdue.reference not in page

    page = _page(client, "?mine=yes")
    assert mine.reference in page and later.reference not in page

    page = _page(client, f"?status__exact={Status.CLOSED}")
    assert closed.reference in page and later.reference not in page

    page = _page(client, f"?rights_not_met__id__exact={right.pk}")
    assert later.reference in page and mine.reference not in page

    page = _page(client, "?open=yes")
    assert closed.reference not in page and later.reference in page

    page = _page(client, f"?organisation__id__exact={org.pk}")
    assert later.reference in page


def test_due_this_week_filter(client, staff_login, org, alice):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    this_week = complaint_build(org, acknowledgement_due=monday + timedelta(days=4))
    next_week = complaint_build(org, acknowledgement_due=monday + timedelta(days=9))
    staff_login(alice)
    page = _page(client, "?deadline=week")
    assert this_week.reference in page and next_week.reference not in page


def test_organisation_filter_lists_only_the_users_organisations(client, staff_login, org, alice):
    other = organisation_build(name="Zulu Constabulary")
    complaint_build(other)
    complaint_build(org)
    staff_login(alice)
    page = _page(client)
    assert "Zulu Constabulary" not in page


def test_staff_of_two_organisations_can_filter_by_each(client, staff_login, org):
    beta = organisation_build(name="Beta Police")
    outsider = organisation_build(name="Zulu Constabulary")
    in_alpha, in_beta = complaint_build(org), complaint_build(beta)
    outsiders = complaint_build(outsider)
    both = handler_build(org, username="both")
    both.memberships.create(organisation=beta)
    staff_login(both)

    page = _page(client)
    assert f"?organisation__id__exact={org.pk}" in page
    assert f"?organisation__id__exact={beta.pk}" in page
    assert f"?organisation__id__exact={outsider.pk}" not in page
    page = _page(client, f"?organisation__id__exact={beta.pk}")
    assert in_beta.reference in page and in_alpha.reference not in page
    # Asking for another organisation's complaints by URL shows none of them.
    page = _page(client, f"?organisation__id__exact={outsider.pk}")
    assert outsiders.reference not in page and "Zulu Constabulary" not in page


def test_assigned_to_filter_names_colleagues_only(client, staff_login, org, alice):
    bob = handler_build(org, username="bob", first_name="Bob", last_name="Colleague")
    outsider_org = organisation_build(name="Zulu Constabulary")
    handler_build(outsider_org, username="zed", first_name="Zed", last_name="Elsewhere")
    handler_build(org, username="gone", first_name="Gone", last_name="Leaver", is_active=False)
    assigned = complaint_build(org, assigned_to=bob)
    other = complaint_build(org)
    staff_login(alice)

    page = _page(client)
    assert "Bob Colleague" in page and "Zed Elsewhere" not in page
    assert "Gone Leaver" not in page  # left the organisation: nothing to filter by
    page = _page(client, f"?assigned_to__id__exact={bob.pk}")
    assert assigned.reference in page and other.reference not in page


def test_the_filters_do_not_scan_the_complaints(client, staff_login, org, alice):
    """At 100,000 complaints a DISTINCT scan per filter took longer than the page itself."""
    complaint_build(org)
    staff_login(alice)
    with CaptureQueriesContext(connection) as captured:
        _page(client)
    assert not [
        q for q in captured if "DISTINCT" in q["sql"] and "complaints_complaint" in q["sql"]
    ]


def test_nobody_can_add_or_delete_complaints(client, staff_login, org, alice):
    complaint_build(org)
    staff_login(alice)
    assert client.get(reverse("admin:complaints_complaint_add")).status_code == 403
    page = _page(client)
    assert "delete_selected" not in page


def test_central_triage_team_sees_the_complaints_routed_to_it(client, staff_login, org):
    triage = directory_selectors.central_triage()
    unrouted = complaint_build(triage, routing_reason="No rule matched these answers.")
    elsewhere = complaint_build(org)
    triager = handler_build(triage, username="tara")
    staff_login(triager)
    page = _page(client)
    assert unrouted.reference in page and elsewhere.reference not in page
    change = client.get(reverse("admin:complaints_complaint_change", args=[unrouted.pk]))
    assert "No rule matched these answers." in change.content.decode()


def test_one_deadline_column_says_what_is_owed_by_when(client, staff_login, org, alice):
    today = timezone.localdate()
    waiting = complaint_build(org, acknowledgement_due=today + timedelta(days=30))
    working = complaint_build(
        org, status=Status.ACKNOWLEDGED, response_due=today + timedelta(days=40)
    )
    vrr = complaint_build(org, request_kind="vrr", acknowledgement_due=today + timedelta(50))
    staff_login(alice)
    page = _page(client)

    def row(complaint) -> str:
        start = page.index(complaint.reference)
        return page[start : page.index("</tr>", start)]

    due = today + timedelta(days=30)
    assert f"{due.day} {due:%b %Y}" in row(waiting) and "acknowledge" in row(waiting)
    assert "respond" in row(working)
    assert "VRR" in row(vrr) and "Victims&#x27; Right to Review request" not in row(vrr)
