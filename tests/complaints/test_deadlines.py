"""Working-day deadlines with England and Wales bank holidays."""

from __future__ import annotations

from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from complaints import selectors, services, workflow
from complaints.models import StatusChange
from complaints.workflow import Status
from tests.complaints.builders import complaint_build, organisation_build
from tests.complaints.triage_setup import handler_build

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # An ordinary week: Monday + 5 working days is the next Monday.
        (date(2026, 11, 16), 5, date(2026, 11, 23)),
        # Friday + 1 skips the weekend.
        (date(2026, 11, 20), 1, date(2026, 11, 23)),
        # Christmas 2026: Fri 25 Dec, Boxing Day on a Saturday is observed on Mon 28 Dec.
        (date(2026, 12, 24), 1, date(2026, 12, 29)),
        # Christmas 2025: Thu 25 and Fri 26 December.
        (date(2025, 12, 24), 1, date(2025, 12, 29)),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April.
        (date(2026, 4, 2), 1, date(2026, 4, 7)),
        # Late-May bank holiday 2026: Monday 25 May.
        (date(2026, 5, 22), 1, date(2026, 5, 26)),
        # The late-May bank holiday 2025: Monday 26 May.
        (date(2025, 5, 23), 1, date(2025, 5, 27)),
    ],
)
def test_add_working_days_skips_weekends_and_bank_holidays(start, days, due):
    assert workflow.add_working_days(start, days) == due


def test_acknowledgement_over_christmas_and_new_year():
    # Received Friday 18 December 2026: 10 working days, not counting 25 and 28 December
    # or 1 January 2027, ends on Wednesday 6 January 2027.
    deadline = workflow.deadline(date(2026, 12, 18), 10, "Acknowledgement due")
    assert deadline.due == date(2027, 1, 6)
    assert "18 December 2026" in deadline.explanation
    assert "10 working days" in deadline.explanation
    for holiday in ("25 December 2026", "28 December 2026", "1 January 2027"):
        assert holiday in deadline.explanation


def test_cps_stage_one_response_over_easter():
    # 20 working days from Monday 30 March 2026 skip Good Friday and Easter Monday.
    deadline = workflow.deadline(date(2026, 3, 30), 20, "Response due")
    assert deadline.due == date(2026, 4, 29)
    assert "3 April 2026" in deadline.explanation and "6 April 2026" in deadline.explanation


def test_explanation_without_bank_holidays_says_so_plainly():
    deadline = workflow.deadline(date(2026, 11, 16), 10, "Acknowledgement due")
    assert deadline.explanation == (
        "Acknowledgement due: 10 working days after 16 November 2026, not counting weekends."
    )


@pytest.mark.parametrize(
    ("due", "today", "overdue", "soon"),
    [
        (date(2026, 11, 20), date(2026, 11, 23), True, False),
        (date(2026, 11, 23), date(2026, 11, 23), False, True),
        # Friday: two working days ahead is Tuesday.
        (date(2026, 11, 24), date(2026, 11, 20), False, True),
        (date(2026, 11, 25), date(2026, 11, 20), False, False),
        (None, date(2026, 11, 20), False, False),
    ],
)
def test_overdue_and_due_soon(due, today, overdue, soon):
    assert workflow.is_overdue(due, today) is overdue
    assert workflow.is_due_soon(due, today) is soon


def test_pending_due_follows_the_status():
    ack, response = date(2026, 1, 5), date(2026, 2, 5)
    kwargs = {"acknowledgement_due": ack, "response_due": response}
    assert workflow.pending_due(status=Status.RECEIVED, **kwargs) == ack
    assert workflow.pending_due(status=Status.TRANSFERRED, **kwargs) == ack
    assert workflow.pending_due(status=Status.UNDER_INVESTIGATION, **kwargs) == response
    assert workflow.pending_due(status=Status.CLOSED, **kwargs) is None


def test_working_days_between():
    assert workflow.working_days_between(date(2026, 12, 24), date(2026, 12, 29)) == 1
    assert workflow.working_days_between(date(2026, 12, 29), date(2026, 12, 24)) == 0


def test_transfer_recomputes_deadlines_from_the_day_of_transfer(db, settings):
    org = organisation_build(response_working_days=20)
    cps = organisation_build(response_working_days=20, acknowledge_working_days=10)
    actor = handler_build(org)
    complaint = complaint_build(
        org,
        received_at=datetime(2026, 3, 2, 10, tzinfo=LONDON),
        acknowledgement_due=date(2026, 3, 16),
        response_due=date(2026, 3, 30),
    )
    with mock.patch(
        "django.utils.timezone.now", return_value=datetime(2026, 3, 20, 9, tzinfo=LONDON)
    ):
        services.complaint_transfer(
            complaint_id=complaint.pk, actor=actor, to_organisation_id=cps.pk, reason="CPS case."
        )
    complaint.refresh_from_db()
    # From Friday 20 March 2026: 10 working days is 3 April (Good Friday), so 7 April.
    assert complaint.acknowledgement_due == date(2026, 4, 7)
    # 20 working days: skips Good Friday and Easter Monday, ending 21 April.
    assert complaint.response_due == date(2026, 4, 21)

    deadlines = selectors.complaint_deadlines(
        complaint=complaint, history=list(StatusChange.objects.filter(complaint=complaint))
    )
    assert deadlines.acknowledgement.due == date(2026, 4, 7)
    assert "20 March 2026" in deadlines.acknowledgement.explanation
    assert "3 April 2026" in deadlines.acknowledgement.explanation
    assert deadlines.response.due == date(2026, 4, 21)


def test_reopening_gives_a_fresh_response_deadline(db):
    org = organisation_build(response_working_days=20)
    actor = handler_build(org)
    complaint = complaint_build(org, status=Status.CLOSED, response_due=date(2026, 1, 1))
    with mock.patch(
        "django.utils.timezone.now", return_value=datetime(2026, 5, 15, 9, tzinfo=LONDON)
    ):
        services.complaint_reopen(complaint_id=complaint.pk, actor=actor, reason="New evidence.")
    complaint.refresh_from_db()
    # From Friday 15 May 2026, 20 working days skip the late-May bank holiday (25 May).
    assert complaint.response_due == date(2026, 6, 15)
