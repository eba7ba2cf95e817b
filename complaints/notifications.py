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

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from complaints.emails import email_queue
from complaints.models import Complaint, OutboundEmail, StatusChange
from complaints.workflow import Status
from directory import decide, routes
from directory.models import Organisation, OrganisationType
from victims_service import dates

Kind = OutboundEmail.Kind


@dataclass(frozen=True)
class NextStep:
    """What the complainant can do after the organisation's final reply (directory.routes)."""

    body: str  # who reviews or investigates next, in words ("" when nobody does)
    words: str
    deadline: date | None  # the last day to ask, where the rules fix one


def complaint_route(complaint: Complaint) -> routes.Route:
    """The row of the routes table stored when the complaint was sent (or passed on)."""
    if complaint.route_key:
        return routes.route_by_key(complaint.route_key)
    if complaint.about_org_type:  # stored before the routes table
        return routes.route_for(complaint.about_org_type, complaint.about_subject)
    # Made by staff or a script with only an organisation: that type's ordinary route.
    return routes.default_route_for_type(complaint.organisation.org_type) or routes.route_by_key("")


def complaint_holder_name(complaint: Complaint) -> str:
    """Who deals with it: the organisation, or the kind of body while central triage has it."""
    if complaint.organisation.org_type == OrganisationType.CENTRAL_TRIAGE:
        return routes.words(complaint_route(complaint).body)
    return complaint.organisation.shown_name


def _policing_body(complaint: Complaint) -> str:
    return decide.policing_body_name(complaint.named_organisation_id or complaint.organisation_id)


def _fill(text: str, complaint: Complaint) -> str:
    return routes.fill(
        text,
        organisation=routes.in_sentence(complaint_holder_name(complaint)),
        policing_body=_policing_body(complaint),
    )


def next_step(complaint: Complaint) -> NextStep:
    """From the routes table only: the same body and deadline wherever it is shown."""
    route = complaint_route(complaint)
    closed = timezone.localdate(complaint.closed_at or timezone.now())
    return NextStep(
        # Mid-sentence ("Who to ask next: the ..."), so not capitalised.
        body=routes.words(route.next_body).replace(
            "{policing_body}", routes.words(_policing_body(complaint))
        ),
        words=_fill(route.next_words, complaint),
        deadline=route.next_deadline(closed),
    )


def complainant_can_be_emailed(complaint: Complaint) -> bool:
    return bool(complaint.email) and complaint.safe_by_email and complaint.anonymised_at is None


def admin_change_url(complaint: Complaint) -> str:
    try:
        path = reverse("admin:complaints_complaint_change", args=[complaint.pk])
    except NoReverseMatch:  # the complaint admin is not registered (e.g. a trimmed test site)
        path = f"{reverse('admin:index')}complaints/complaint/{complaint.pk}/change/"
    return settings.SITE_URL + path


def review_deadline(complaint: Complaint) -> date | None:
    """The last day to ask the next body to look at it after closure, where one is fixed."""
    return next_step(complaint).deadline


def site_url_in_active_language() -> str:
    """The site's address in the active language: SITE_URL, or SITE_URL/cy/ in Welsh."""
    home = reverse("guidance:home")
    return settings.SITE_URL + (home if home != "/" else "")


def _dates_formatted(context: dict) -> dict:
    return {
        key: dates.long_date(value) if isinstance(value, date) or value is None else value
        for key, value in context.items()
    }


def _email_complainant(*, complaint: Complaint, kind: str, subject, context: dict) -> None:
    """Written in the language the complainant used on the site, whoever makes the change
    (a member of staff works in English; the complainant may have written in Welsh)."""
    if not complainant_can_be_emailed(complaint):
        return
    with translation.override(complaint.service_language):
        body = render_to_string(
            f"emails/notify_{kind}.txt",
            {
                "reference": complaint.reference,
                "organisation": complaint.organisation,
                "site_url": site_url_in_active_language(),
                "service_name": settings.SERVICE_NAME,
                **_dates_formatted(context),
            },
        )
        subject = str(subject)
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
    # Staff work in English, even when the complaint was made in Welsh.
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            f"emails/notify_{kind}.txt",
            {
                "reference": complaint.reference,
                "organisation": organisation,
                "admin_url": admin_change_url(complaint),
                "acknowledgement_due": dates.long_date(complaint.acknowledgement_due),
                "response_due": dates.long_date(complaint.response_due),
                **context,
            },
        )
        subject = str(_("A complaint has been sent to %(organisation)s")) % {
            "organisation": organisation
        }
    email_queue(
        to=organisation.inbox_email,
        kind=kind,
        subject=subject,
        body=body,
        complaint=complaint,
        organisation=organisation,
    )


def received_context(complaint: Complaint) -> dict:
    """What the confirmation page and the first email say about who has it: the truth."""
    route = complaint_route(complaint)
    return {
        "holder_name": complaint_holder_name(complaint),
        "passes_on": bool(complaint.pass_on),
        "holder_known": complaint.organisation.org_type != OrganisationType.CENTRAL_TRIAGE,
        "pass_on_days": decide.PASS_ON_WORKING_DAYS,
        "is_complaint": route.is_complaint,
        "request_kind": complaint.request_kind,
        "request_kind_label": complaint.get_request_kind_display(),
        # What happens now it is sent: never the advice to complain (again).
        "stages": [
            _fill(stage, complaint)
            for stage in (route.stages if route.after_sending is None else route.after_sending)
        ],
    }


def notify_complaint_received(*, complaint: Complaint) -> None:
    """Acknowledgement to the complainant (only by a safe channel) and a note to the inbox."""
    with translation.override(complaint.service_language):
        context = received_context(complaint)
    _email_complainant(
        complaint=complaint,
        kind=Kind.RECEIVED,
        subject=_("We have received your complaint")
        if context["is_complaint"]
        else _("We have received your request"),
        context={"acknowledgement_due": complaint.acknowledgement_due, **context},
    )
    _email_inbox(complaint=complaint, kind=Kind.INBOX_ROUTED, context={})


def notify_transferred(*, complaint: Complaint, from_organisation: Organisation) -> None:
    """Tell the receiving organisation, and the complainant by a safe channel."""
    _email_complainant(
        complaint=complaint,
        kind=Kind.TRANSFERRED,
        subject=_("Your complaint has been passed to another organisation"),
        context={
            "from_organisation": from_organisation,
            "acknowledgement_due": complaint.acknowledgement_due,
            # Nobody at the new organisation reads this site: say who really has it.
            "passes_on": bool(complaint.pass_on),
            "pass_on_days": decide.PASS_ON_WORKING_DAYS,
        },
    )
    _email_inbox(
        complaint=complaint,
        kind=Kind.INBOX_TRANSFERRED,
        context={"from_organisation": from_organisation},
    )


def notify_passed_on(*, complaint: Complaint) -> None:
    """The central team passed the complaint on: tell the complainant who has it now."""
    _email_complainant(
        complaint=complaint,
        kind=Kind.PASSED_ON,
        subject=_("Your complaint has been passed on"),
        context={"holder_name": complaint_holder_name(complaint)},
    )


def notify_status_changed(*, complaint: Complaint, change: StatusChange) -> None:
    """Acknowledged, response sent, closed: tell the complainant by a safe channel."""
    if change.to_status == Status.ACKNOWLEDGED:
        is_complaint = complaint_route(complaint).is_complaint
        _email_complainant(
            complaint=complaint,
            kind=Kind.ACKNOWLEDGED,
            subject=_("Your complaint has been acknowledged")
            if is_complaint
            else _("Your request is being looked at"),
            context={
                "response_due": complaint.response_due,
                "is_complaint": is_complaint,
            },
        )
    elif change.to_status == Status.RESPONSE_SENT:
        _email_complainant(
            complaint=complaint,
            kind=Kind.RESPONSE_SENT,
            subject=_("A response to your complaint has been sent"),
            context={},
        )
    elif change.to_status == Status.CLOSED:
        step = next_step(complaint)
        is_complaint = complaint_route(complaint).is_complaint
        _email_complainant(
            complaint=complaint,
            kind=Kind.CLOSED,
            subject=_("Your complaint has been closed")
            if is_complaint
            else _("We have finished dealing with your request"),
            context={
                "is_complaint": is_complaint,
                "next_step": step,
                "review_deadline": step.deadline,
            },
        )
    # Other moves (investigation started, withdrawn, escalated, reopened) send nothing
    # automatically: staff tell the person themselves if they need to.


def _progress_url(complaint: Complaint) -> str:
    """The "check a complaint" page in the complainant's language."""
    with translation.override(complaint.service_language):
        return settings.SITE_URL + reverse("complaints:progress_start")


def notify_information_requested(*, complaint: Complaint) -> None:
    """Staff have a question: say only that, and where to read it (never the question)."""
    _email_complainant(
        complaint=complaint,
        kind=Kind.INFORMATION_REQUESTED,
        subject=_("A question about your complaint"),
        context={"progress_url": _progress_url(complaint)},
    )


def notify_information_chased(*, complaint: Complaint) -> None:
    """The question has waited 20 working days: one reminder, with no details either."""
    _email_complainant(
        complaint=complaint,
        kind=Kind.INFORMATION_CHASED,
        subject=_("Reminder: a question about your complaint"),
        context={"progress_url": _progress_url(complaint)},
    )


def notify_staff_file_shared(*, complaint: Complaint) -> None:
    """Staff shared a document (an outcome letter, say): say only that, and where to get it.

    Never the file's name: that can say what the complaint is about.
    """
    _email_complainant(
        complaint=complaint,
        kind=Kind.STAFF_FILE_SHARED,
        subject=_("A document about your complaint"),
        context={"progress_url": _progress_url(complaint)},
    )


def notify_merged(*, complaint: Complaint, into: Complaint) -> None:
    """A duplicate was merged into another complaint: tell its complainant, once, which
    reference carries on. One email, to the duplicate's address only, so a complainant who
    made both complaints with one address hears once; nothing about either complaint."""
    _email_complainant(
        complaint=complaint,
        kind=Kind.MERGED,
        subject=_("Your complaint has been merged with another complaint"),
        context={"kept_reference": into.reference},
    )
