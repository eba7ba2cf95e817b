"""Requests that are not complaints are recognised, stored with their own clock and words,
and never acknowledged or counted as complaints."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints import dashboard
from complaints.models import Complaint
from directory.models import Organisation
from tests.complaints.builders import complaint_build, staff_build
from tests.complaints.journey_support import directory_create, journey_complete, step_url

pytestmark = pytest.mark.django_db
CHECK = "/complaints/check-your-answers/"


@pytest.fixture
def directory():
    made = directory_create()
    Organisation.objects.filter(pk=made["north"].pk).update(inbox_email="north@example.org")
    return made


def _date(day) -> dict:
    return {"decision_day": day.day, "decision_month": day.month, "decision_year": day.year}


def _walk(client, directory, subject: str, decided, *, late_reason: str | None = None):
    journey_complete(client, directory["north"].id)
    client.post(step_url("about") + "?change=1", {"org_type": "police_force"})
    response = client.post(step_url("subject") + "?change=1", {"subject": subject})
    if response["Location"].startswith(step_url("organisation")):
        response = client.post(
            step_url("organisation") + "?change=1", {"organisation": str(directory["north"].id)}
        )
    assert response["Location"] == step_url("decision-date") + "?change=1"
    return client.post(step_url("decision-date") + "?change=1", _date(decided))


def test_a_late_outcome_review_says_so_names_the_reviewer_and_never_blocks(
    client, directory, mailoutbox, django_capture_on_commit_callbacks
):
    letter = timezone.localdate() - timedelta(days=40)
    response = _walk(client, directory, "complaint_handling", letter)
    assert response["Location"] == step_url("late") + "?change=1"
    late = client.get(step_url("late") + "?change=1").content.decode()
    assert "More than 28 days have passed since the date on the letter" in late
    assert "usually Northshire Commissioner" in late  # the reviewer, by name
    assert "You can still send your request" in late
    client.post(step_url("late") + "?change=1", {"late_reason": "I was in hospital."})
    assert "Date of the decision letter" in client.get(CHECK).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHECK, {"declaration": "on"})
    complaint = Complaint.objects.get()
    assert complaint.request_kind == "outcome_review"
    assert complaint.decision_date == letter
    assert complaint.request_due == letter + timedelta(days=28)
    assert complaint.late_reason == "I was in hospital."
    page = client.get("/complaints/complaint-sent/").content.decode()
    assert "Request sent" in page and "not dealt with as a complaint" in page
    [received] = [m for m in mailoutbox if m.to == [complaint.email]]
    assert received.subject == "We have received your request"


def test_a_police_no_further_action_decision_is_a_victims_right_to_review_request(
    client, directory, mailoutbox, django_capture_on_commit_callbacks
):
    _walk(client, directory, "no_further_action", timezone.localdate() - timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHECK, {"declaration": "on"})
    complaint = Complaint.objects.get()
    assert complaint.request_kind == "vrr" and complaint.organisation == directory["north"]
    [received] = [m for m in mailoutbox if m.to == [complaint.email]]
    assert received.subject == "We have received your request"
    assert "We have received your complaint" not in received.body
    assert "Victims' Right to Review request" in received.body


def test_staff_see_kinds_late_and_review_flags_and_requests_are_not_counted_as_complaints(
    client, staff_login, directory
):
    north = directory["north"]
    staff = staff_build(north)
    from complaints.services import complaint_handlers_group_ensure

    staff.groups.add(complaint_handlers_group_ensure())
    today = timezone.localdate()
    review = complaint_build(
        north, request_kind="outcome_review", request_due=today - timedelta(days=5)
    )
    vrr = complaint_build(north, request_kind="vrr")
    plain = complaint_build(north)
    figures = dashboard.dashboard_period_figures(
        user=staff, period=dashboard.period_default(today=today)
    )
    assert figures.received == 1 and figures.requests == 2
    staff_login(staff)
    listing = client.get("/staff/complaints/complaint/").content.decode()
    row = listing[listing.index(review.reference) :][:3000]
    assert "Review" in row and "Late" in row
    only_vrr = client.get("/staff/complaints/complaint/?request_kind__exact=vrr").content.decode()
    assert vrr.reference in only_vrr and plain.reference not in only_vrr


# Welsh month names, January first.
WELSH_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf")
WELSH_MONTHS += ("Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr")


def test_the_welsh_check_your_answers_page_gives_the_decision_letters_date_in_welsh(
    client, directory
):
    letter = timezone.localdate() - timedelta(days=3)
    _walk(client, directory, "complaint_handling", letter)
    page = client.get("/cy" + CHECK).content.decode()
    assert f"{letter.day} {WELSH_MONTHS[letter.month - 1]} {letter.year}" in page
