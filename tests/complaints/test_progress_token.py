"""The progress token is in no field staff can query: it is made when the email is sent."""

from __future__ import annotations

import re

import pytest

from complaints import services
from complaints.emails import email_send
from complaints.models import OutboundEmail, ProgressLink
from tests.complaints.triage_setup import two_orgs  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_failed_progress_email_holds_no_usable_token(two_orgs, settings, mailoutbox):  # noqa: F811
    """The token is made when the email is sent, and only its hash is ever stored."""
    complaint = two_orgs.complaint_a
    complaint.email = "alex@example.com"
    complaint.safe_by_email = True
    complaint.save()
    settings.EMAIL_BACKEND = "tests.complaints.test_progress_token.RefusingBackend"
    services.progress_link_create(reference=complaint.reference, email="alex@example.com")
    email = OutboundEmail.objects.get(kind=OutboundEmail.Kind.PROGRESS_LINK)
    for _ in range(5):
        email_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.state == OutboundEmail.State.FAILED
    assert "/complaints/check/link/" not in email.body
    assert not ProgressLink.objects.filter(token_hash__isnull=False).exists()
    # Sent once the mail server is back: the link works, and nothing stored holds it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboundEmail.objects.filter(pk=email.pk).update(state=OutboundEmail.State.QUEUED)
    email_send(email_id=email.pk)
    token = re.search(r"/complaints/check/link/([A-Za-z0-9_\-]+)/", mailoutbox[-1].body).group(1)
    email.refresh_from_db()
    assert token not in email.body
    for row in OutboundEmail.objects.values():
        assert token not in str(row)
    for row in ProgressLink.objects.values():
        assert token not in str(row)
    assert services.progress_link_use(token=token) == complaint.pk


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError
