# ruff: noqa: F811 (the two_orgs fixture is imported)
"""One timeline on the complaint page: history, notes, emails, requests, replies, access."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints import selectors, services
from tests.complaints.triage_setup import CANARY, two_orgs  # noqa: F401

pytestmark = pytest.mark.django_db


def _busy(complaint, staff, rounds: int) -> None:
    for n in range(rounds):
        services.note_add(complaint_id=complaint.pk, author=staff, text=f"Note {n}")
        services.access_log_record(user=staff, complaint_id=complaint.pk, action="viewed")
    request = services.information_request_ask(
        complaint_id=complaint.pk, actor=staff, question="Which station?", reason="To find it"
    )
    services.information_request_reply(
        complaint_id=complaint.pk, request_id=request.pk, text="Northgate"
    )


def test_the_timeline_holds_every_kind_in_time_order_with_who(two_orgs):
    complaint = two_orgs.complaint_a
    services.complaint_acknowledge(complaint_id=complaint.pk, actor=two_orgs.staff_a)
    _busy(complaint, two_orgs.staff_a, 1)
    timeline = selectors.complaint_timeline(complaint=complaint)
    kinds = {entry.kind for entry in timeline}
    assert kinds == {"history", "note", "email", "request", "reply", "access"}
    assert [e.at for e in timeline] == sorted(e.at for e in timeline)
    note = next(e for e in timeline if e.kind == "note")
    assert note.who == "alice" and note.text == "Note 0"


def test_the_timeline_costs_the_same_queries_however_long(two_orgs, django_assert_num_queries):
    short, long_ = two_orgs.complaint_a, two_orgs.complaint_b
    _busy(short, two_orgs.staff_a, 1)
    _busy(long_, two_orgs.staff_b, 8)
    with django_assert_num_queries(5):
        selectors.complaint_timeline(complaint=short)
    with django_assert_num_queries(5):
        selectors.complaint_timeline(complaint=long_)


def test_the_complaint_page_shows_its_timeline_and_nothing_of_another(
    client, staff_login, two_orgs
):
    _busy(two_orgs.complaint_a, two_orgs.staff_a, 1)
    services.note_add(
        complaint_id=two_orgs.complaint_b.pk, author=two_orgs.staff_b, text=f"Secret {CANARY}"
    )
    staff_login(two_orgs.staff_a)
    body = client.get(
        reverse("admin:complaints_complaint_change", args=[two_orgs.complaint_a.pk])
    ).content.decode()
    assert "Timeline (oldest first)" in body
    assert "Asked the complainant: Which station?" in body and "Replied: Northgate" in body
    assert CANARY not in body
