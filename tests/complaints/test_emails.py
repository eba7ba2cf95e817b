"""The outbox: retries with back-off, the sweeper, and failures staff can see."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from complaints import emails, selectors, services
from complaints.models import OutboundEmail
from tests.complaints.builders import complaint_build, organisation_build, staff_build
from tests.complaints.triage_setup import handler_build

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down: every connection is refused."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused by mail.example.org for x@y")


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "tests.complaints.test_emails.RefusingBackend"


@pytest.fixture
def organisation():
    return organisation_build()


def queue(organisation, django_capture_on_commit_callbacks, **kwargs) -> OutboundEmail:
    complaint = complaint_build(organisation)
    with django_capture_on_commit_callbacks(execute=True):
        email = emails.email_queue(
            to="person@example.com",
            kind="test",
            subject="Subject",
            body="Body",
            complaint=complaint,
            organisation=organisation,
            **kwargs,
        )
    email.refresh_from_db()
    return email


def sweep_later(minutes: int) -> int:
    return emails.email_sweep(now=timezone.now() + timedelta(minutes=minutes))


def test_a_refused_connection_is_retried_later(
    mail_server_down, organisation, django_capture_on_commit_callbacks, mailoutbox
):
    email = queue(organisation, django_capture_on_commit_callbacks)
    assert email.state == OutboundEmail.State.QUEUED
    assert email.attempts == 1
    # The error's class only: its message can quote an address.
    assert email.last_error == "ConnectionRefusedError"
    assert email.next_attempt_at > timezone.now()
    assert mailoutbox == []


def test_failed_after_the_last_retry_and_visible_to_its_staff(
    mail_server_down, organisation, django_capture_on_commit_callbacks
):
    email = queue(organisation, django_capture_on_commit_callbacks)
    waits = []
    while email.state == OutboundEmail.State.QUEUED:
        waits.append(email.next_attempt_at)
        # The sweeper finds the email due again and re-queues it.
        assert sweep_later(60) == 1
        email.refresh_from_db()
    assert email.state == OutboundEmail.State.FAILED
    assert email.attempts == emails.MAX_ATTEMPTS
    assert email.next_attempt_at is None
    # Back-off: each wait is longer than the one before.
    gaps = [b - a for a, b in zip(waits, waits[1:], strict=False)]
    assert len(waits) == emails.MAX_ATTEMPTS - 1
    assert all(gap > timedelta(0) for gap in gaps)

    own_staff = staff_build(organisation)
    other_staff = staff_build(organisation_build())
    assert list(selectors.emails_failed_for_user(own_staff)) == [email]
    assert list(selectors.emails_failed_for_user(other_staff)) == []
    # Nothing more is attempted for a failed email.
    assert sweep_later(600) == 0


def test_a_retry_succeeds_when_the_server_is_back(
    settings, mail_server_down, organisation, django_capture_on_commit_callbacks, mailoutbox
):
    email = queue(organisation, django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert sweep_later(60) == 1
    email.refresh_from_db()
    assert email.state == OutboundEmail.State.SENT
    assert email.attempts == 2
    assert [m.to for m in mailoutbox] == [["person@example.com"]]


def test_the_sweeper_requeues_an_email_whose_task_was_lost(organisation, mailoutbox):
    complaint = complaint_build(organisation)
    # Queued but never handed to a worker (say the worker died before the task ran).
    lost = OutboundEmail.objects.create(
        to_address="person@example.com",
        kind="test",
        subject="Subject",
        body="Body",
        complaint=complaint,
        created_at=timezone.now() - timedelta(hours=1),
        next_attempt_at=timezone.now() - timedelta(hours=1),
    )
    # One that is due only just now may still have a task about to run: left alone.
    recent = OutboundEmail.objects.create(
        to_address="other@example.com",
        kind="test",
        subject="Subject",
        body="Body",
        complaint=complaint,
        created_at=timezone.now(),
        next_attempt_at=timezone.now(),
    )
    out = StringIO()
    call_command("email_sweep", stdout=out)
    assert "Re-queued 1 email(s)." in out.getvalue()
    lost.refresh_from_db()
    recent.refresh_from_db()
    assert lost.state == OutboundEmail.State.SENT
    assert recent.state == OutboundEmail.State.QUEUED
    assert [m.to for m in mailoutbox] == [["person@example.com"]]


def test_the_sweeper_leaves_sent_emails_alone(
    organisation, django_capture_on_commit_callbacks, mailoutbox
):
    email = queue(organisation, django_capture_on_commit_callbacks)
    assert email.state == OutboundEmail.State.SENT
    assert sweep_later(600) == 0
    assert len(mailoutbox) == 1


def test_sending_twice_sends_once(organisation, django_capture_on_commit_callbacks, mailoutbox):
    email = queue(organisation, django_capture_on_commit_callbacks)
    assert emails.email_send(email_id=email.pk) is None
    assert len(mailoutbox) == 1


def test_a_one_time_link_is_not_kept_in_the_outbox_once_sent(
    organisation, django_capture_on_commit_callbacks, mailoutbox
):
    """The person gets the link; the outbox keeps only the fact that it went."""
    complaint = complaint_build(organisation)
    with django_capture_on_commit_callbacks(execute=True):
        for kind in (OutboundEmail.Kind.PROGRESS_LINK, "acknowledged"):
            emails.email_queue(
                to="person@example.com",
                kind=kind,
                subject="Subject",
                body="Open https://example.org/complaints/check/link/SECRET/",
                complaint=complaint,
            )
    assert all("SECRET" in message.body for message in mailoutbox)
    kept = dict(OutboundEmail.objects.values_list("kind", "body"))
    assert kept[OutboundEmail.Kind.PROGRESS_LINK] == emails.BODY_REMOVED
    assert "SECRET" in kept["acknowledged"]


def _failed(organisation, **fields) -> OutboundEmail:
    return OutboundEmail.objects.create(
        complaint=complaint_build(organisation),
        organisation=organisation,
        kind="received",
        to_address="person@example.com",
        subject="Subject",
        body="Body",
        created_at=timezone.now(),
        state=fields.pop("state", OutboundEmail.State.FAILED),
        attempts=emails.MAX_ATTEMPTS,
        last_error="ConnectionRefusedError",
        **fields,
    )


def test_staff_can_send_a_failed_email_again_once_the_server_is_back(
    organisation, django_capture_on_commit_callbacks, mailoutbox
):
    failed = _failed(organisation)
    sent = _failed(organisation, state=OutboundEmail.State.SENT)
    staff = staff_build(organisation)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_retry(email_ids=[failed.pk, sent.pk], actor=staff) == 1
    failed.refresh_from_db()
    assert failed.state == OutboundEmail.State.SENT
    assert failed.attempts == 1  # a full set of attempts again
    assert [m.to for m in mailoutbox] == [["person@example.com"]]  # the sent one not twice


def test_staff_cannot_resend_another_organisation_s_email(
    organisation, django_capture_on_commit_callbacks, mailoutbox
):
    theirs = _failed(organisation_build())
    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_retry(email_ids=[theirs.pk], actor=staff_build(organisation)) == 0
    theirs.refresh_from_db()
    assert theirs.state == OutboundEmail.State.FAILED
    assert mailoutbox == []


def test_the_admin_action_resends_and_says_what_it_did(
    client, staff_login, organisation, django_capture_on_commit_callbacks, mailoutbox
):
    from django.urls import reverse

    from tests.complaints.triage_setup import handler_build

    failed = _failed(organisation)
    queued = _failed(organisation, state=OutboundEmail.State.QUEUED)
    staff_login(handler_build(organisation))
    url = reverse("admin:complaints_outboundemail_changelist")
    assert "Try sending the selected failed emails again" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"action": "retry_selected", "_selected_action": [failed.pk, queued.pk]},
            follow=True,
        )
    html = response.content.decode()
    assert "1 email will be sent again." in html
    assert "1 email was not failed, so it was left alone." in html
    failed.refresh_from_db()
    assert failed.state == OutboundEmail.State.SENT


def test_every_notification_kind_has_its_email_and_staff_see_what_each_email_was(
    client, staff_login, organisation
):
    from django.template.loader import get_template

    links = {OutboundEmail.Kind.PROGRESS_LINK, OutboundEmail.Kind.STAFF_ENROLMENT}
    for kind in set(OutboundEmail.Kind) - links:
        get_template(f"emails/notify_{kind}.txt")
    _failed(organisation)
    staff_login(handler_build(organisation))
    page = client.get("/staff/complaints/outboundemail/").content.decode()
    assert "Complaint received" in page
