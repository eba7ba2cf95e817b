"""Staff sending failed emails again, once they know the mail server is back."""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from complaints import selectors
from complaints.emails import send_email
from complaints.models import OutboundEmail

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)


def email_retry(*, email_ids: list[int], actor: User) -> int:
    """Send failed emails again from the start, when staff know the mail server is back.

    Only emails the member of staff may see (`selectors.emails_for_user`) and only failed
    ones: a queued email is already being tried and a sent one must not go twice. Each
    gets its full set of attempts again. Returns how many were queued.
    """
    now = timezone.now()
    with transaction.atomic():
        failed = list(
            selectors.emails_for_user(actor)
            # Only the email rows: scoping joins the complaint, which may be absent (an
            # inbox email), and PostgreSQL cannot lock the missing side of an outer join.
            .select_for_update(of=("self",))
            .filter(pk__in=email_ids, state=OutboundEmail.State.FAILED)
        )
        for email in failed:
            email.state = OutboundEmail.State.QUEUED
            email.attempts = 0
            email.last_error = ""
            email.next_attempt_at = now
            email.save(update_fields=["state", "attempts", "last_error", "next_attempt_at"])
            transaction.on_commit(functools.partial(send_email.enqueue, email_id=email.pk))
    if failed:
        # Who asked, and how many: no address, no subject.
        logger.info("Staff user %s queued %s failed emails again", actor.pk, len(failed))
    return len(failed)
