"""Who is told what, and by which safe channel. Every email goes through `emails.email_queue`.

Call these inside the transaction that made the change; the emails go after commit.

Rules that hold for every message here:
- The complainant hears from us only by email, and only when they gave an email address
  AND said email is safe. Post and phone are never used automatically: a letter or a call
  at the wrong moment can put someone at risk, so staff make those contacts themselves,
  following the safe-contact preferences shown in admin.
- No email holds what the complaint is about, who is involved or any note. The reference
  may appear in the body, never in the subject (subjects show on lock screens).
- Organisation inboxes get no personal details at all: a reference and a link to admin,
  where staff sign in to read the complaint.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.emails import email_queue
from complaints.models import Complaint, StatusChange
from complaints.workflow import Status
from directory.models import Organisation, OrganisationType

# Email kinds, stored on OutboundEmail.kind.
KIND_RECEIVED = "received"
KIND_ACKNOWLEDGED = "acknowledged"
KIND_TRANSFERRED = "transferred"
KIND_RESPONSE_SENT = "response_sent"
KIND_CLOSED = "closed"
KIND_INBOX_ROUTED = "inbox_routed"
KIND_INBOX_TRANSFERRED = "inbox_transferred"
# Emails to an organisation's own inbox (selectors.emails_for_user scopes them by it).
INBOX_KINDS = frozenset({KIND_INBOX_ROUTED, KIND_INBOX_TRANSFERRED})


@dataclass(frozen=True)
class ReviewTimeLimit:
    days: int = 0
    months: int = 0


# How long someone usually has to ask the next body to review a complaint once the
# organisation has closed it (facts.md, "Complaint routes by organisation"). Where the
# limit is not fixed, the closure email says "as soon as you can" instead of a date.
REVIEW_TIME_LIMITS: dict[str, ReviewTimeLimit] = {
    OrganisationType.POLICE_FORCE: ReviewTimeLimit(days=28),
    OrganisationType.CPS: ReviewTimeLimit(months=1),
    OrganisationType.COUNCIL: ReviewTimeLimit(months=12),
    OrganisationType.YOUTH_OFFENDING: ReviewTimeLimit(months=12),
}


def complainant_can_be_emailed(complaint: Complaint) -> bool:
    return bool(complaint.email) and complaint.safe_by_email and complaint.anonymised_at is None


def admin_change_url(complaint: Complaint) -> str:
    try:
        path = reverse("admin:complaints_complaint_change", args=[complaint.pk])
    except NoReverseMatch:  # the complaint admin is not registered (e.g. a trimmed test site)
        path = f"{reverse('admin:index')}complaints/complaint/{complaint.pk}/change/"
    return settings.SITE_URL + path


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_deadline(complaint: Complaint) -> date | None:
    """The last day to ask for a review after closure, where the rules fix one."""
    limit = REVIEW_TIME_LIMITS.get(complaint.organisation.org_type)
    if limit is None:
        return None
    closed = timezone.localdate(complaint.closed_at or timezone.now())
    return _add_months(closed, limit.months) + timedelta(days=limit.days)


def _format_date(day: date | None) -> str:
    return day.strftime("%-d %B %Y") if day else ""


def _email_complainant(*, complaint: Complaint, kind: str, subject: str, context: dict) -> None:
    if not complainant_can_be_emailed(complaint):
        return
    body = render_to_string(
        f"emails/notify_{kind}.txt",
        {
            "reference": complaint.reference,
            "organisation": complaint.organisation,
            "site_url": settings.SITE_URL,
            "service_name": settings.SERVICE_NAME,
            **context,
        },
    )
    email_queue(
        to=complaint.email,
        kind=kind,
        subject=subject,
        body=body,
        complaint=complaint,
        organisation=complaint.organisation,
    )


def _email_inbox(*, complaint: Complaint, kind: str, context: dict) -> None:
    organisation = complaint.organisation
    if not organisation.inbox_email:
        # Staff still see the complaint in admin; there is just no inbox to tell.
        return
    body = render_to_string(
        f"emails/notify_{kind}.txt",
        {
            "reference": complaint.reference,
            "organisation": organisation,
            "admin_url": admin_change_url(complaint),
            "acknowledgement_due": _format_date(complaint.acknowledgement_due),
            "response_due": _format_date(complaint.response_due),
            **context,
        },
    )
    email_queue(
        to=organisation.inbox_email,
        kind=kind,
        subject=_("A complaint has been sent to %(organisation)s") % {"organisation": organisation},
        body=body,
        complaint=complaint,
        organisation=organisation,
    )


def notify_complaint_received(*, complaint: Complaint) -> None:
    """Acknowledgement to the complainant (only by a safe channel) and a note to the inbox."""
    _email_complainant(
        complaint=complaint,
        kind=KIND_RECEIVED,
        subject=_("We have received your complaint"),
        context={"acknowledgement_due": _format_date(complaint.acknowledgement_due)},
    )
    _email_inbox(complaint=complaint, kind=KIND_INBOX_ROUTED, context={})


def notify_transferred(*, complaint: Complaint, from_organisation: Organisation) -> None:
    """Tell the receiving organisation, and the complainant by a safe channel."""
    _email_complainant(
        complaint=complaint,
        kind=KIND_TRANSFERRED,
        subject=_("Your complaint has been passed to another organisation"),
        context={
            "from_organisation": from_organisation,
            "acknowledgement_due": _format_date(complaint.acknowledgement_due),
        },
    )
    _email_inbox(
        complaint=complaint,
        kind=KIND_INBOX_TRANSFERRED,
        context={"from_organisation": from_organisation},
    )


def notify_status_changed(*, complaint: Complaint, change: StatusChange) -> None:
    """Acknowledged, response sent, closed: tell the complainant by a safe channel."""
    if change.to_status == Status.ACKNOWLEDGED:
        _email_complainant(
            complaint=complaint,
            kind=KIND_ACKNOWLEDGED,
            subject=_("Your complaint has been acknowledged"),
            context={"response_due": _format_date(complaint.response_due)},
        )
    elif change.to_status == Status.RESPONSE_SENT:
        _email_complainant(
            complaint=complaint,
            kind=KIND_RESPONSE_SENT,
            subject=_("A response to your complaint has been sent"),
            context={},
        )
    elif change.to_status == Status.CLOSED:
        deadline = review_deadline(complaint)
        _email_complainant(
            complaint=complaint,
            kind=KIND_CLOSED,
            subject=_("Your complaint has been closed"),
            context={
                "escalation_body": complaint.organisation.escalation_body,
                "review_deadline": _format_date(deadline),
            },
        )
    # Other moves (investigation started, withdrawn, escalated, reopened) send nothing
    # automatically: staff tell the person themselves if they need to.
