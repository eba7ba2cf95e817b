"""The email outbox: queue an email inside a transaction; it is sent after commit.

`email_queue` writes an OutboundEmail row in the caller's transaction and enqueues the
`send_email` task on commit, so an email is never sent for a change that rolled back and
never lost for one that committed. The task retries with back-off; `email_sweep` (run by
the worker's schedule or cron) re-queues anything stuck; after MAX_ATTEMPTS the row is
marked failed, which staff see in admin.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from complaints.models import Complaint, OutboundEmail
from directory.models import Organisation

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Wait 1, 2, 4, 8 minutes between attempts.
BACKOFF = timedelta(minutes=1)


def email_queue(
    *,
    to: str,
    kind: str,
    subject: str,
    body: str,
    complaint: Complaint | None = None,
    organisation: Organisation | None = None,
) -> OutboundEmail:
    email = OutboundEmail.objects.create(
        to_address=to,
        kind=kind,
        subject=subject,
        body=body,
        complaint=complaint,
        organisation=organisation,
        created_at=timezone.now(),
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: send_email.enqueue(email_id=email.pk))
    return email


# The progress check's email holds a one-time link (complaints.services.progress_link_create),
# and so does a member of staff's authenticator set-up email. The outbox never holds the
# link: the body is queued with the placeholders below, and the link is made (and only its
# hash stored) at the moment of sending, inside a savepoint that takes it away again if
# sending fails. A queued or failed email, which staff can see in admin, opens nothing.
ONE_TIME_LINK = "[one-time link, made when this email is sent]"
ONE_TIME_LINK_EXPIRES = "[when the link stops working]"
ONE_TIME_LINK_MAKERS = {
    OutboundEmail.Kind.PROGRESS_LINK: "complaints.services.progress_link_make",
    OutboundEmail.Kind.STAFF_ENROLMENT: "complaints.services.staff_enrolment_link_make",
}
# After sending, the outbox keeps the fact of sending, not even the email's wording.
BODY_NOT_KEPT_AFTER_SENDING = frozenset(ONE_TIME_LINK_MAKERS)
BODY_REMOVED = "(Not kept after sending: it held a one-time link.)"


def _body_to_send(email: OutboundEmail) -> str:
    if ONE_TIME_LINK not in email.body:
        return email.body
    url, expires = import_string(ONE_TIME_LINK_MAKERS[email.kind])(email=email)
    return email.body.replace(ONE_TIME_LINK, url).replace(ONE_TIME_LINK_EXPIRES, expires)


@task()
def send_email(email_id: int) -> None:
    email = email_send(email_id=email_id)
    # Try again later. Backends that cannot defer (the test backend) leave it to the
    # sweeper, which re-queues every email whose next attempt is due.
    retry = email is not None and email.state == OutboundEmail.State.QUEUED
    if retry and send_email.get_backend().supports_defer:
        send_email.using(run_after=email.next_attempt_at).enqueue(email_id=email_id)


def email_send(*, email_id: int) -> OutboundEmail | None:
    """Try to send one email once; record the outcome. Safe to call twice."""
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update()
            .filter(pk=email_id, state=OutboundEmail.State.QUEUED)
            .first()
        )
        if email is None:
            return None
        email.attempts += 1
        try:
            with transaction.atomic():  # a link made for an email that did not go is undone
                EmailMessage(
                    subject=email.subject,
                    body=_body_to_send(email),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[email.to_address],
                ).send()
        except Exception as error:  # the mail server's failures are many and varied
            # The error class only: its message may quote the address.
            email.last_error = type(error).__name__
            if email.attempts >= MAX_ATTEMPTS:
                email.state = OutboundEmail.State.FAILED
                email.next_attempt_at = None
                logger.error("Email %s failed after %s attempts", email.pk, email.attempts)
            else:
                email.next_attempt_at = timezone.now() + BACKOFF * 2 ** (email.attempts - 1)
                logger.warning("Email %s attempt %s failed; will retry", email.pk, email.attempts)
        else:
            email.state = OutboundEmail.State.SENT
            email.sent_at = timezone.now()
            email.next_attempt_at = None
            if email.kind in BODY_NOT_KEPT_AFTER_SENDING:
                email.body = BODY_REMOVED
        email.save()
    return email


# A queued email this long past its next attempt has lost its task (a worker stopped, or
# the backend cannot defer a retry). Waiting a little first keeps the sweeper from racing
# a task that is about to run, which would spend the email's attempts twice as fast.
STUCK_AFTER = timedelta(minutes=5)


def email_sweep(*, now=None, stuck_after: timedelta = STUCK_AFTER) -> int:
    """Re-queue emails whose next attempt is overdue (after a failure, or a lost task)."""
    now = now or timezone.now()
    due = list(
        OutboundEmail.objects.filter(
            state=OutboundEmail.State.QUEUED, next_attempt_at__lte=now - stuck_after
        ).values_list("pk", flat=True)
    )
    for pk in due:
        send_email.enqueue(email_id=pk)
    return len(due)
