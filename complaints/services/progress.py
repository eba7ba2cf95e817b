"""The complainant's progress page: a one-time link, emailed, that expires."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import time_format
from django.utils.translation import gettext as _

from complaints import notifications, selectors
from complaints import reference as complaint_reference
from complaints.emails import (
    ONE_TIME_LINK,
    ONE_TIME_LINK_EXPIRES,
    email_queue,
)
from complaints.models import (
    Complaint,
    OutboundEmail,
    ProgressLink,
)
from complaints.services.base import _token_hash

PROGRESS_LINK_LIFETIME = timedelta(hours=1)


# At most this many progress-link emails to one complaint in any 24 hours, whoever asks.
PROGRESS_LINKS_PER_DAY = 3


def progress_link_create(*, reference: str, email: str) -> None:
    """Email a one-time progress link if the reference and email match a complaint.

    Returns nothing, whether or not they match, so the caller cannot tell a stranger
    whether a reference exists. The token is made only when the email is sent
    (`progress_link_make`) and only its SHA-256 is kept, so nothing stored holds it.
    """
    stored = complaint_reference.normalise(reference)
    if stored is None:
        return
    with transaction.atomic():
        complaint = (
            Complaint.objects.filter(
                reference=stored,
                email__iexact=email.strip(),
                safe_by_email=True,
                anonymised_at__isnull=True,
            )
            .exclude(email="")
            .select_for_update()
            .first()
        )
        if complaint is None:
            return
        now = timezone.now()
        sent = selectors.progress_links_sent_since(
            complaint=complaint, since=now - timedelta(hours=24)
        )
        if sent >= PROGRESS_LINKS_PER_DAY:
            # Enough links already: an inbox someone else may watch must not fill up with
            # them. The person who asked sees the same page as always.
            return
        # No token yet: the link is made when the email is sent (progress_link_make), so a
        # queued or failed email in the outbox holds nothing that opens the complaint.
        # In the language the complainant used, like every email to them.
        with translation.override(complaint.service_language):
            body = render_to_string(
                "emails/complaint_progress_link.txt",
                {
                    "url": ONE_TIME_LINK,
                    "expires_at": ONE_TIME_LINK_EXPIRES,
                    "site_url": notifications.site_url_in_active_language(),
                    "service_name": settings.SERVICE_NAME,
                },
            )
            # Never the reference: subjects show on lock screens and in shared inboxes.
            subject = str(_("Your link to check your complaint"))
        email_queue(
            to=complaint.email,
            kind=OutboundEmail.Kind.PROGRESS_LINK,
            subject=subject,
            body=body,
            complaint=complaint,
        )


def progress_link_make(*, email: OutboundEmail) -> tuple[str, str]:
    """Make the one-time link of a progress email as it is sent (complaints.emails).

    Returns the link and when it stops working, as the email says it. Only the token's
    hash is stored; if sending fails, the caller's savepoint takes the link away again.
    """
    complaint = (
        Complaint.objects.filter(pk=email.complaint_id, anonymised_at__isnull=True).first()
        if email.complaint_id is not None
        else None
    )
    if complaint is None:
        raise ValueError("The complaint has gone: no link to make.")
    now = timezone.now()
    token = secrets.token_urlsafe(32)
    link = ProgressLink.objects.create(
        complaint=complaint,
        token_hash=_token_hash(token),
        created_at=now,
        expires_at=now + PROGRESS_LINK_LIFETIME,
    )
    with translation.override(complaint.service_language):
        path = reverse("complaints:progress_link", kwargs={"token": token})
        expires = time_format(timezone.localtime(link.expires_at), "g:ia")
    return settings.SITE_URL + path, expires


def progress_link_use(*, token: str) -> int | None:
    """Spend a progress link once; return its complaint's id, or None if it cannot be used."""
    if not token or len(token) > 100:
        return None
    with transaction.atomic():
        link = (
            ProgressLink.objects.select_for_update()
            .filter(token_hash=_token_hash(token), used_at__isnull=True)
            .first()
        )
        now = timezone.now()
        if link is None or link.expires_at <= now:
            return None
        link.used_at = now
        link.save(update_fields=["used_at"])
        return link.complaint_id


def progress_link_is_valid(*, token: str) -> bool:
    """Whether a link could be used now (for the page before the person confirms)."""
    if not token or len(token) > 100:
        return False
    return ProgressLink.objects.filter(
        token_hash=_token_hash(token), used_at__isnull=True, expires_at__gt=timezone.now()
    ).exists()
