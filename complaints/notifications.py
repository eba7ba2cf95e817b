"""Who is told what, and by which safe channel. Every email goes through `emails.email_queue`.

Call these inside the transaction that made the change; the emails go after commit.
(Stub: the staff-security helper fills these in; callers may rely on the signatures.)
"""

from __future__ import annotations

from complaints.models import Complaint, Organisation, StatusChange


def notify_complaint_received(*, complaint: Complaint) -> None:
    """Acknowledgement to the complainant (only by a safe channel) and a note to the inbox."""


def notify_transferred(*, complaint: Complaint, from_organisation: Organisation) -> None:
    """Tell the receiving organisation, and the complainant by a safe channel."""


def notify_status_changed(*, complaint: Complaint, change: StatusChange) -> None:
    """Acknowledged, response sent, closed: tell the complainant by a safe channel."""
