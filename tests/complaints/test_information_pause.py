"""While a question to the complainant waits, the response clock is paused: the complaint
has no response deadline, so nothing calls it overdue or due soon, and the deadline comes
back, moved on by the working days it waited, when they reply, or when the complaint is
answered, withdrawn, closed or transferred first."""

from __future__ import annotations

from datetime import date, datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from complaints import services, workflow
from complaints.dashboard_totals import dashboard_now_figures
from complaints.models import InformationRequest
from complaints.views import PROGRESS_SESSION_KEY
from complaints.workflow import Status
from tests.complaints.builders import complaint_build, staff_build
from tests.complaints.triage_setup import two_orgs  # noqa: F401

pytestmark = pytest.mark.django_db

DUE = date(2027, 3, 10)  # a Wednesday
MONDAY = timezone.make_aware(datetime(2027, 3, 1, 10))
THURSDAY = timezone.make_aware(datetime(2027, 3, 4, 10))  # 3 working days after MONDAY
LATER = date(2027, 4, 20)  # long after DUE
LATE = timezone.make_aware(datetime(2027, 4, 20, 10))
PROGRESS = "/complaints/check/status/"


def _waiting(two_orgs, *, before=None):  # noqa: F811
    complaint = complaint_build(two_orgs.org_a, status=Status.UNDER_INVESTIGATION, response_due=DUE)
    if before:
        before()
    with mock.patch("django.utils.timezone.now", return_value=MONDAY):
        request = services.information_request_ask(
            complaint_id=complaint.pk,
            actor=two_orgs.staff_a,
            question="Which station?",
            reason="Need the station",
        )
    complaint.refresh_from_db()
    return complaint, request


def _counts(users) -> list[tuple[int, int, int]]:
    """Open, overdue and due soon on a day long after the deadline, for each member of
    staff (a superuser's from the dashboard's monthly totals)."""
    found = []
    for user in users:
        figures = dashboard_now_figures(user=user, today=LATER)
        found.append((figures.open_count, figures.overdue_count, figures.due_soon_count))
    return found


def test_a_waiting_question_holds_the_deadline_and_nothing_calls_it_overdue(two_orgs):  # noqa: F811
    users = [two_orgs.staff_a, staff_build(username="root", is_superuser=True)]
    before: list = []
    complaint, request = _waiting(two_orgs, before=lambda: before.extend(_counts(users)))
    assert complaint.response_due is None
    assert request.due_when_paused == DUE
    # Still open, no longer overdue.
    assert _counts(users) == [(n, late - 1, soon) for n, late, soon in before]
    figures = dashboard_now_figures(user=two_orgs.staff_a, today=LATER)
    assert complaint.pk not in [c.pk for c in figures.overdue]


def test_the_reply_sets_the_deadline_again_moved_on_by_the_days_it_waited(two_orgs):  # noqa: F811
    complaint, request = _waiting(two_orgs)
    with mock.patch("django.utils.timezone.now", return_value=THURSDAY):
        services.information_request_reply(
            complaint_id=complaint.pk, request_id=request.pk, text="Northgate"
        )
    complaint.refresh_from_db()
    request.refresh_from_db()
    assert complaint.response_due == workflow.add_working_days(DUE, 3)
    assert (request.due_when_paused, request.paused_working_days) == (None, 3)


@pytest.mark.parametrize(
    "act",
    [
        lambda c, staff: services.complaint_record_response(
            complaint_id=c.pk, actor=staff, note="Sent."
        ),
        lambda c, staff: services.complaint_withdraw(complaint_id=c.pk, actor=staff),
    ],
    ids=["answered", "withdrawn"],
)
def test_answering_or_withdrawing_first_sets_the_deadline_again_once(two_orgs, act):  # noqa: F811
    """The response is judged against the date moved on by the wait; a reply that comes
    after does not move it again."""
    complaint, request = _waiting(two_orgs)
    with mock.patch("django.utils.timezone.now", return_value=THURSDAY):
        act(complaint, two_orgs.staff_a)
    complaint.refresh_from_db()
    assert complaint.response_due == workflow.add_working_days(DUE, 3)
    with mock.patch("django.utils.timezone.now", return_value=LATE):  # a second move shows
        services.information_request_reply(
            complaint_id=complaint.pk, request_id=request.pk, text="Late answer"
        )
    complaint.refresh_from_db()
    request.refresh_from_db()
    assert complaint.response_due == workflow.add_working_days(DUE, 3)
    assert request.paused_working_days == 3


def test_a_transfer_while_waiting_starts_the_new_organisations_clock(two_orgs):  # noqa: F811
    complaint, request = _waiting(two_orgs)
    services.complaint_transfer(
        complaint_id=complaint.pk,
        actor=two_orgs.staff_a,
        to_organisation_id=two_orgs.org_b.pk,
        reason="Theirs.",
    )
    complaint.refresh_from_db()
    fresh = complaint.response_due
    assert fresh is not None and fresh != DUE
    with mock.patch("django.utils.timezone.now", return_value=LATE):  # a move would show
        services.information_request_reply(
            complaint_id=complaint.pk, request_id=request.pk, text="Northgate"
        )
    complaint.refresh_from_db()
    assert complaint.response_due == fresh


def test_extending_a_paused_deadline_is_refused_clearly(two_orgs):  # noqa: F811
    complaint, _request = _waiting(two_orgs)
    with pytest.raises(services.ActionRefused, match="paused until the complainant replies"):
        services.complaint_deadline_extend(
            complaint_id=complaint.pk,
            actor=two_orgs.staff_a,
            new_due=date(2099, 1, 5),
            reason="Waiting for a statement.",
        )
    complaint.refresh_from_db()
    assert complaint.response_due is None


def test_staff_see_paused_in_the_list_and_when_it_was_due_on_the_complaint(
    client,
    staff_login,
    two_orgs,  # noqa: F811
):
    complaint, _request = _waiting(two_orgs)
    staff_login(two_orgs.staff_a)
    listing = client.get(reverse("admin:complaints_complaint_changelist")).content.decode()
    assert "Paused" in listing
    page = client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk]))
    body = page.content.decode()
    assert "Paused" in body and "It was due 10 March 2027" in body


def test_a_reply_to_a_question_asked_by_the_release_before_moves_the_deadline_on(two_orgs):  # noqa: F811
    """Asked by a server of the release before 0027: the deadline stayed on the complaint."""
    complaint = complaint_build(two_orgs.org_a, status=Status.UNDER_INVESTIGATION, response_due=DUE)
    request = InformationRequest.objects.create(
        complaint=complaint, asked_at=MONDAY, question="Which station?", reason="Need it"
    )
    with mock.patch("django.utils.timezone.now", return_value=THURSDAY):
        services.information_request_reply(
            complaint_id=complaint.pk, request_id=request.pk, text="Northgate"
        )
    complaint.refresh_from_db()
    assert complaint.response_due == workflow.add_working_days(DUE, 3)


def _as_old_release(complaint, request, **changes) -> None:
    """What a server of the release before 0027 did, while the servers were rolled: it
    knew nothing of the deadline the question holds."""
    InformationRequest.objects.filter(pk=request.pk).update(
        **{k: v for k, v in changes.items() if k != "status"}
    )
    if "status" in changes:
        type(complaint).objects.filter(pk=complaint.pk).update(
            status=changes["status"], closed_at=THURSDAY
        )


@pytest.mark.parametrize(
    "changes",
    [
        {"replied_at": THURSDAY, "reply_text": "Northgate", "paused_working_days": 3},
        {"status": Status.WITHDRAWN},
    ],
    ids=["it took the reply", "it withdrew the complaint"],
)
def test_the_daily_repair_sets_again_a_deadline_the_release_before_left_held(
    two_orgs,  # noqa: F811
    changes,
):
    complaint, request = _waiting(two_orgs)
    _as_old_release(complaint, request, **changes)
    call_command("chase_information_requests")
    complaint.refresh_from_db()
    request.refresh_from_db()
    assert complaint.response_due == workflow.add_working_days(DUE, 3)
    assert (request.due_when_paused, request.paused_working_days) == (None, 3)
    assert services.information_requests_repair() == 0  # once


def test_once_the_organisation_stops_waiting_nobody_asks_or_chases_the_question(
    client,
    two_orgs,  # noqa: F811
):
    complaint, request = _waiting(two_orgs)
    services.complaint_transfer(
        complaint_id=complaint.pk,
        actor=two_orgs.staff_a,
        to_organisation_id=two_orgs.org_b.pk,
        reason="Theirs.",
    )
    session = client.session
    session[PROGRESS_SESSION_KEY] = complaint.pk
    session.save()
    page = client.get(PROGRESS).content.decode()
    assert "Which station?" not in page and "is paused until you answer" not in page
    with mock.patch("django.utils.timezone.now", return_value=LATE):
        assert services.information_requests_chase(today=LATER) == 0
    # The new organisation may ask its own, which holds its fresh deadline.
    complaint.refresh_from_db()
    fresh = complaint.response_due
    second = services.information_request_ask(
        complaint_id=complaint.pk,
        actor=two_orgs.staff_b,
        question="Which day?",
        reason="Need the day",
    )
    assert fresh is not None and second.due_when_paused == fresh


def test_a_question_of_the_release_before_moves_no_date_once_the_complaint_is_answered(
    two_orgs,  # noqa: F811
):
    """Asked by a server of the release before 0027 (the deadline stayed on the
    complaint), answered by staff first: a late reply must not move the date on."""
    complaint = complaint_build(two_orgs.org_a, status=Status.UNDER_INVESTIGATION, response_due=DUE)
    request = InformationRequest.objects.create(
        complaint=complaint, asked_at=MONDAY, question="Which station?", reason="Need it"
    )
    services.complaint_record_response(
        complaint_id=complaint.pk, actor=two_orgs.staff_a, note="Sent."
    )
    with mock.patch("django.utils.timezone.now", return_value=LATE):
        services.information_request_reply(
            complaint_id=complaint.pk, request_id=request.pk, text="Northgate"
        )
    complaint.refresh_from_db()
    assert complaint.response_due == DUE
