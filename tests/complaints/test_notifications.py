"""Who is told what: only through safe channels, only after commit, never the details."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.utils import timezone

from complaints import notifications, services
from complaints.models import Complaint, OutboundEmail
from directory.models import OrganisationType
from tests.complaints.builders import complaint_build, organisation_build, staff_build

pytestmark = pytest.mark.django_db

PRIVATE_DETAILS = [
    "Alex",
    "Private-Name",
    "alex.private@example.com",
    "07700 900123",
    "Hidden Lane",
    "private account",
    "Secretperson",
    "apology",
]


def assert_nothing_private(message) -> None:
    text = f"{message.subject}\n{message.body}"
    for detail in PRIVATE_DETAILS:
        assert detail not in text, detail


def to(mailoutbox, address: str) -> list:
    return [m for m in mailoutbox if m.to == [address]]


@pytest.fixture
def iopc():
    return organisation_build(
        name="Review Body", org_type=OrganisationType.IOPC, website="https://review.example.org/"
    )


@pytest.fixture
def police(iopc):
    return organisation_build(name="Testshire Police", escalation_body=iopc)


@pytest.fixture
def cps():
    return organisation_build(name="CPS Testshire", org_type=OrganisationType.CPS)


@pytest.fixture
def staff(police, cps):
    return staff_build(police, cps)


def test_received_emails_the_complainant_and_the_inbox(
    police, mailoutbox, django_capture_on_commit_callbacks
):
    complaint = complaint_build(police)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify_complaint_received(complaint=complaint)

    [to_person] = to(mailoutbox, "alex.private@example.com")
    assert complaint.reference in to_person.body
    assert complaint.reference not in to_person.subject
    assert "Testshire Police" in to_person.body
    assert_nothing_private(to_person)

    [to_inbox] = to(mailoutbox, police.inbox_email)
    assert complaint.reference in to_inbox.body
    assert complaint.reference not in to_inbox.subject
    assert f"http://testserver/staff/complaints/complaint/{complaint.pk}/change/" in to_inbox.body
    assert_nothing_private(to_inbox)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver"


@pytest.mark.parametrize(
    "contact",
    [
        {"safe_by_email": False, "safe_by_post": True, "safe_by_phone": True},
        {"email": "", "safe_by_email": True},
        {"safe_by_email": False, "safe_by_post": False, "safe_by_phone": False},
    ],
    ids=["email-not-safe", "no-email", "no-safe-channel"],
)
def test_no_email_to_the_complainant_unless_email_is_safe(
    police, contact, mailoutbox, django_capture_on_commit_callbacks
):
    complaint = complaint_build(police, **contact)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify_complaint_received(complaint=complaint)
    # Only the organisation's inbox hears: nothing by post or phone is automatic either.
    assert [m.to for m in mailoutbox] == [[police.inbox_email]]
    assert OutboundEmail.objects.filter(complaint=complaint).count() == 1


def test_no_email_after_anonymising(police, mailoutbox, django_capture_on_commit_callbacks):
    complaint = complaint_build(police, anonymised_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify_complaint_received(complaint=complaint)
    assert to(mailoutbox, "alex.private@example.com") == []


def test_an_organisation_without_an_inbox_gets_nothing(
    mailoutbox, django_capture_on_commit_callbacks
):
    complaint = complaint_build(organisation_build(inbox_email=""))
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify_complaint_received(complaint=complaint)
    assert [m.to for m in mailoutbox] == [["alex.private@example.com"]]


def test_nothing_is_sent_before_commit(police, mailoutbox, django_capture_on_commit_callbacks):
    complaint = complaint_build(police)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notifications.notify_complaint_received(complaint=complaint)
        # The outbox rows are written in the transaction; the sending waits for commit.
        assert OutboundEmail.objects.filter(state=OutboundEmail.State.QUEUED).count() == 2
    assert mailoutbox == []
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 2
    assert set(OutboundEmail.objects.values_list("state", flat=True)) == {"sent"}


def test_nothing_is_queued_or_sent_for_a_change_that_rolls_back(
    police, mailoutbox, django_capture_on_commit_callbacks
):
    complaint = complaint_build(police)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notifications.notify_complaint_received(complaint=complaint)
        raise RuntimeError("the change failed")
    assert callbacks == []
    assert mailoutbox == []
    assert not OutboundEmail.objects.exists()


def test_acknowledgement_gives_the_reply_date(
    police, staff, mailoutbox, django_capture_on_commit_callbacks
):
    complaint = complaint_build(police, response_due=date(2026, 12, 18))
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_acknowledge(complaint_id=complaint.pk, actor=staff)
    [email] = to(mailoutbox, "alex.private@example.com")
    assert email.subject == "Your complaint has been acknowledged"
    assert "18 December 2026" in email.body
    assert_nothing_private(email)


def test_response_sent_and_closure_say_where_to_go_next_and_by_when(
    police, staff, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    complaint = complaint_build(police, status="acknowledged")
    closed_at = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_record_response(
            complaint_id=complaint.pk, actor=staff, note="Private summary of the reply."
        )
        monkeypatch.setattr(timezone, "now", lambda: closed_at)
        services.complaint_close(complaint_id=complaint.pk, actor=staff, note="Private note.")
    response_email, closure = to(mailoutbox, "alex.private@example.com")
    assert response_email.subject == "A response to your complaint has been sent"
    assert "Private summary" not in response_email.body
    assert closure.subject == "Your complaint has been closed"
    # A police complaint: the outcome letter names the reviewer, usually the local policing
    # body; the IOPC only for the complaints it must review. Never "the IOPC" for everyone.
    assert "the local policing body" in closure.body
    assert "the IOPC for the complaints it must review" in closure.body
    assert "Review Body" not in closure.body
    # A review is asked for within 28 days of the outcome letter's date, which the site
    # does not know: no date counted from the closure is given.
    assert "within 28 days of the date on the outcome letter" in closure.body
    assert "18 December 2026" not in closure.body
    assert "Private note" not in closure.body
    assert_nothing_private(closure)


def test_cps_closure_points_to_the_independent_assessor_within_a_month(
    cps, staff, mailoutbox, django_capture_on_commit_callbacks
):
    complaint = complaint_build(cps, status="response_sent")
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_close(complaint_id=complaint.pk, actor=staff)
    [closure] = to(mailoutbox, "alex.private@example.com")
    assert "Independent Assessor of Complaints" in closure.body
    deadline = notifications.review_deadline(Complaint.objects.get(pk=complaint.pk))
    assert deadline is not None
    # CPS: one month from the stage 2 reply's date, not from the day it was closed here.
    assert deadline.strftime("%-d %B %Y") not in closure.body
    assert "Count the time from the date on the letter or final reply" in closure.body


def test_other_changes_send_nothing(police, staff, mailoutbox, django_capture_on_commit_callbacks):
    complaint = complaint_build(police, status="acknowledged")
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_start_investigation(complaint_id=complaint.pk, actor=staff)
    assert mailoutbox == []


def test_transfer_tells_the_new_organisation_and_the_complainant(
    police, cps, staff, mailoutbox, django_capture_on_commit_callbacks
):
    complaint = complaint_build(police)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_transfer(
            complaint_id=complaint.pk,
            actor=staff,
            to_organisation_id=cps.pk,
            reason="About a charging decision, private detail.",
        )
    [person] = to(mailoutbox, "alex.private@example.com")
    assert "Testshire Police" in person.body and "CPS Testshire" in person.body
    assert "private detail" not in person.body
    assert_nothing_private(person)
    [inbox] = to(mailoutbox, cps.inbox_email)
    assert "Testshire Police" in inbox.body
    assert "private detail" not in inbox.body
    assert f"/staff/complaints/complaint/{complaint.pk}/change/" in inbox.body
    assert to(mailoutbox, police.inbox_email) == []


def test_transfer_to_someone_not_safe_by_email_tells_only_the_inbox(
    police, cps, staff, mailoutbox, django_capture_on_commit_callbacks
):
    complaint = complaint_build(police, safe_by_email=False, safe_by_post=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_transfer(
            complaint_id=complaint.pk, actor=staff, to_organisation_id=cps.pk, reason="Wrong body."
        )
    assert [m.to for m in mailoutbox] == [[cps.inbox_email]]


def test_review_deadline_by_organisation_type(police, cps):
    closed = datetime(2027, 1, 31, 12, tzinfo=ZoneInfo("Europe/London"))
    assert notifications.review_deadline(
        complaint_build(police, closed_at=closed)
    ) == closed.date() + timedelta(days=28)
    # One month after 31 January is the last day of February.
    cps_complaint = complaint_build(cps, closed_at=closed)
    assert notifications.review_deadline(cps_complaint) == date(2027, 2, 28)
    courts = organisation_build(org_type=OrganisationType.COURTS)
    # HMCTS: then the Ombudsman, normally within 12 months.
    assert notifications.review_deadline(complaint_build(courts, closed_at=closed)) == date(
        2028, 1, 31
    )
    jcio = organisation_build(org_type=OrganisationType.JCIO)
    judge = complaint_build(jcio, closed_at=closed, about_org_type="courts", about_subject="judge")
    assert notifications.review_deadline(judge) is None  # no limit confirmed: none shown


@pytest.mark.parametrize(
    "contact",
    [
        {"safe_by_email": False, "safe_by_post": True, "safe_by_phone": True},
        {"email": "", "safe_by_email": True},
    ],
    ids=["email-not-safe", "no-email"],
)
def test_no_step_of_the_journey_emails_a_complainant_for_whom_email_is_not_safe(
    police, cps, staff, contact, mailoutbox, django_capture_on_commit_callbacks
):
    """Acknowledged, response sent, closed, reopened, transferred: none reaches the person."""
    complaint = complaint_build(police, **contact)
    steps = [
        lambda: services.complaint_acknowledge(complaint_id=complaint.pk, actor=staff, note="Hi"),
        lambda: services.complaint_record_response(
            complaint_id=complaint.pk, actor=staff, note="We replied."
        ),
        lambda: services.complaint_close(complaint_id=complaint.pk, actor=staff),
        lambda: services.complaint_reopen(complaint_id=complaint.pk, actor=staff, reason="Asked."),
        lambda: services.complaint_transfer(
            complaint_id=complaint.pk, actor=staff, to_organisation_id=cps.pk, reason="CPS."
        ),
    ]
    for step in steps:
        with django_capture_on_commit_callbacks(execute=True):
            step()
    assert complaint.history.count() == len(steps)
    # Only the receiving organisation's inbox heard anything.
    assert [m.to for m in mailoutbox] == [[cps.inbox_email]]
    assert not OutboundEmail.objects.filter(to_address="alex.private@example.com").exists()


def test_the_same_journey_does_email_a_complainant_who_marked_email_safe(
    police, cps, staff, mailoutbox, django_capture_on_commit_callbacks
):
    """The control for the test above: the steps really do send when email is safe."""
    complaint = complaint_build(police)
    for step in (
        lambda: services.complaint_acknowledge(complaint_id=complaint.pk, actor=staff),
        lambda: services.complaint_record_response(
            complaint_id=complaint.pk, actor=staff, note="We replied."
        ),
        lambda: services.complaint_close(complaint_id=complaint.pk, actor=staff),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            step()
    assert len(to(mailoutbox, "alex.private@example.com")) == 3
