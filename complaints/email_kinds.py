"""Which email an outbox row is (`OutboundEmail.Kind`), stored in `OutboundEmail.kind`."""

from django.db import models


class EmailKind(models.TextChoices):
    """Which email it is. Each complainant's kind has its template, `notify_<kind>.txt`.

    The labels are for staff only (admin is in English), so they are not translated.
    """

    RECEIVED = "received", "Complaint received"
    ACKNOWLEDGED = "acknowledged", "Complaint acknowledged"
    TRANSFERRED = "transferred", "Complaint transferred"
    RESPONSE_SENT = "response_sent", "Response sent"
    CLOSED = "closed", "Complaint closed"
    PASSED_ON = "passed_on", "Complaint passed on"
    MERGED = "merged", "Complaint merged into another"
    STAFF_FILE_SHARED = "staff_file_shared", "Document shared with the complainant"
    INFORMATION_REQUESTED = "information_requested", "Question for the complainant"
    INFORMATION_CHASED = "information_chased", "Reminder of a question"
    PROGRESS_LINK = "progress_link", "Progress page link"
    INBOX_ROUTED = "inbox_routed", "To an organisation's inbox: new complaint"
    INBOX_TRANSFERRED = "inbox_transferred", "To an organisation's inbox: transferred to it"
    STAFF_ENROLMENT = "staff_enrolment", "Staff authenticator set-up link"
