"""Read queries. Nothing here writes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints import notifications, workflow
from complaints.models import (
    QUESTION_WAITING,
    AccessLog,
    Attachment,
    Complaint,
    InformationRequest,
    InternalNote,
    OutboundEmail,
    ResponseTemplate,
    StaffEnrolment,
    StatusChange,
    next_due_expression,
)
from complaints.right_titles import right_title
from complaints.workflow import Status
from directory import cache as directory_cache
from directory import decide, routes, routing
from directory.models import Organisation, OrganisationType, StaffMembership

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# The journey's questions read the directory through these names (directory.selectors).
from directory.selectors import directory_choices as directory_choices
from directory.selectors import directory_counts as directory_counts
from directory.selectors import in_central_triage as in_central_triage
from directory.selectors import organisation_ids_for_user as organisation_ids_for_user

# ---------------------------------------------------------------------------------------
# Staff scoping. Every admin page, download and export reads complaints through these, so
# a member of staff sees only their own organisations' complaints (superusers see all).
# ---------------------------------------------------------------------------------------


def organisations_for_user(user: User | AnonymousUser) -> QuerySet[Organisation]:
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisation_ids_for_user(user))


def organisation_choices_for_user(user: User | AnonymousUser) -> list[tuple[int, str]]:
    """(id, name) of the organisations whose complaints this member of staff sees."""
    return list(organisations_for_user(user).order_by("name").values_list("pk", "name"))


def colleague_choices_for_user(user: User | AnonymousUser) -> list[tuple[int, str]]:
    """(id, name) of staff at this member of staff's organisations (all staff, for a
    superuser): the people a complaint they can see may be assigned to."""
    users = get_user_model().objects.filter(is_staff=True, is_active=True)
    if not user.is_superuser:
        users = users.filter(memberships__organisation_id__in=organisation_ids_for_user(user))
    return [
        (pk, " ".join(filter(None, (first, last))) or username)
        for pk, first, last, username in users.distinct()
        .order_by("first_name", "last_name", "username")
        .values_list("pk", "first_name", "last_name", "username")
    ]


def _in_triage_team(user_id: int) -> Exists:
    # In SQL, so scoping a list costs no extra query.
    return Exists(
        StaffMembership.objects.filter(
            user_id=user_id, organisation__org_type=OrganisationType.CENTRAL_TRIAGE
        )
    )


def passes_on_for_user(user: User | AnonymousUser) -> bool:
    """Whether this member of staff is in the central triage team, which passes on the
    complaints of organisations nobody here reads ("not connected")."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return StaffMembership.objects.filter(_in_triage_team(user.pk)).exists()


def complaints_for_user(user: User | AnonymousUser) -> QuerySet[Complaint]:
    if user.is_active and user.is_superuser:
        return Complaint.objects.all()
    visible = Q(organisation_id__in=organisation_ids_for_user(user))
    # The central triage team also sees every complaint waiting to be passed on. Decided
    # here, from the memberships already read, rather than in SQL: an OR the database
    # cannot rule out stops it using the organisation's indexes for everyone else.
    if in_central_triage(user):
        visible |= ~Q(pass_on="")
    return Complaint.objects.filter(visible)


def complaint_visible_to(*, complaint: Complaint, user: User | AnonymousUser) -> bool:
    """The same rule as `complaints_for_user`, for one complaint already loaded."""
    if user.is_active and user.is_superuser:
        return True
    if complaint.organisation_id in organisation_ids_for_user(user):
        return True
    return bool(complaint.pass_on) and passes_on_for_user(user)


def attachment_for_user(
    *, user: User | AnonymousUser, complaint_id: int, attachment_id: int
) -> Attachment | None:
    return (
        Attachment.objects.filter(
            pk=attachment_id,
            complaint_id=complaint_id,
            complaint__in=complaints_for_user(user),
        )
        .select_related("complaint")
        .first()
    )


def colleagues_for_complaint(*, complaint: Complaint) -> QuerySet[User]:
    """Who a complaint may be assigned to: active staff of the organisation handling it."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True, is_staff=True, memberships__organisation_id=complaint.organisation_id
        )
        .order_by("first_name", "last_name", "username")
    )


# ---------------------------------------------------------------------------------------
# Deadlines as database filters (the same rules as `workflow.pending_due`).
# ---------------------------------------------------------------------------------------

_AWAITING_RESPONSE = workflow.OPEN_STATUSES - workflow.AWAITING_ACKNOWLEDGEMENT


def due_between_q(start: date, end: date) -> Q:
    """Complaints whose current deadline falls between two dates, inclusive."""
    return Q(
        status__in=workflow.AWAITING_ACKNOWLEDGEMENT,
        acknowledgement_due__range=(start, end),
    ) | Q(status__in=_AWAITING_RESPONSE, response_due__range=(start, end))


def overdue_q(today: date) -> Q:
    return Q(status__in=workflow.AWAITING_ACKNOWLEDGEMENT, acknowledgement_due__lt=today) | Q(
        status__in=_AWAITING_RESPONSE, response_due__lt=today
    )


def due_soon_q(today: date) -> Q:
    return due_between_q(today, workflow.add_working_days(today, workflow.DUE_SOON_WORKING_DAYS))


def due_this_week_q(today: date) -> Q:
    monday = today - timedelta(days=today.weekday())
    return due_between_q(monday, monday + timedelta(days=6))


_ACK_WHAT = _("Acknowledgement due")
_RESPONSE_WHAT = _("Response due")


@dataclass(frozen=True)
class ComplaintDeadlines:
    acknowledgement: workflow.Deadline | None
    response: workflow.Deadline | None


def complaint_deadlines(*, complaint: Complaint, history: list[StatusChange]) -> ComplaintDeadlines:
    """Each due date with how it was worked out, from the events that set it.

    The acknowledgement clock starts at receipt or the latest transfer; the response clock
    also restarts when a complaint is reopened. `history` is the complaint's StatusChange
    rows, oldest first (the admin has them loaded already).
    """
    ack_start = timezone.localdate(complaint.received_at)
    response_start = ack_start
    for change in history:
        if change.from_status == change.to_status:
            continue
        if change.to_status == Status.TRANSFERRED:
            ack_start = response_start = timezone.localdate(change.created_at)
        elif change.to_status == Status.REOPENED:
            response_start = timezone.localdate(change.created_at)
    org = complaint.organisation
    ack = response = None
    if complaint.acknowledgement_due:
        ack = workflow.deadline(ack_start, org.acknowledge_working_days, str(_ACK_WHAT))
    if complaint.response_due:
        response = workflow.deadline(response_start, org.response_working_days, str(_RESPONSE_WHAT))
    # Deadlines are stored when they are set; if the organisation's policy has changed
    # since, the stored date stands and the explanation says what it was based on.
    if ack and complaint.acknowledgement_due and ack.due != complaint.acknowledgement_due:
        ack = workflow.Deadline(due=complaint.acknowledgement_due, explanation=ack.explanation)
    if response and complaint.response_due and response.due != complaint.response_due:
        response = workflow.Deadline(due=complaint.response_due, explanation=response.explanation)
    return ComplaintDeadlines(acknowledgement=ack, response=response)


def emails_for_user(user: User | AnonymousUser) -> QuerySet[OutboundEmail]:
    """Emails to the staff member's organisations' inboxes, and emails to complainants
    about the complaints those organisations hold now.

    An email to an inbox stays with that inbox's organisation after its complaint is
    transferred: it holds that organisation's private address, and a failure is theirs to
    fix. An email to a complainant follows the complaint, because whoever holds it now must
    reach the person another safe way if the email failed.
    """
    emails = OutboundEmail.objects.all()
    if user.is_active and user.is_superuser:
        return emails
    organisation_ids = organisation_ids_for_user(user)
    to_inbox = Q(kind__in=OutboundEmail.INBOX_KINDS) | Q(complaint__isnull=True)
    return emails.filter(
        (to_inbox & Q(organisation_id__in=organisation_ids))
        | (~to_inbox & Q(complaint__organisation_id__in=organisation_ids))
    )


def emails_failed_for_user(user: User | AnonymousUser) -> QuerySet[OutboundEmail]:
    """Emails that failed after every retry, about the staff member's organisations.

    Staff see these in admin and contact the person another safe way, or fix the address.
    """
    return (
        emails_for_user(user)
        .filter(state=OutboundEmail.State.FAILED)
        .select_related("complaint", "organisation")
    )


# ---------------------------------------------------------------------------------------
# The public complaint journey and the complainant's progress page.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoutePreview:
    """What the journey says about time limits, from the one decision (`directory.decide`)."""

    name: str
    time_limit_months: int | None
    stages: tuple[str, ...] = ()
    # Who will have it: the organisation's usual days to acknowledge, or, when nobody
    # there reads this site, the central team's days to pass it on.
    acknowledge_working_days: int | None = None
    passes_on: bool = False
    pass_on_days: int = decide.PASS_ON_WORKING_DAYS


def complaint_route_preview(
    *, org_type: str, subject: str, organisation_id: int | None
) -> RoutePreview | None:
    """Who a complaint with these answers would go to now, and its usual time limit.

    When the person does not know which organisation, the name is the kind of body in
    words and the limit is that type's. None when the directory cannot say (no central
    triage team yet): the journey then does not mention a time limit rather than guess one.
    """
    try:
        outcome = decide.decide(
            routing.Answers(org_type=org_type, subject=subject, organisation_id=organisation_id)
        )
    except Organisation.DoesNotExist:
        return None
    limit = outcome.route.limit
    # Only a complaint's limit counts from what happened; a request's counts from a
    # decision or an outcome letter, which the late question does not ask about.
    counts_from_incident = outcome.route.kind == routes.COMPLAINT
    months = limit.months if limit and not limit.days and counts_from_incident else None
    details = directory_cache.directory().details.get(outcome.organisation_id or 0)
    return RoutePreview(
        name=outcome.organisation_name,
        time_limit_months=months,
        stages=tuple(outcome.stages),
        acknowledge_working_days=details.acknowledge_working_days if details else None,
        passes_on=outcome.passes_on,
    )


def rights_titles() -> list[tuple[int, str]]:
    """(number, title) of the Victims' Code rights, from this process's copy of the directory,
    in the active language."""
    titles = directory_cache.directory().right_titles.items()
    return [(number, right_title(number, title)) for number, title in titles]


def complaint_for_confirmation(*, reference: str, idempotency_key: str) -> Complaint | None:
    """The complaint this browser just sent: both values come from its own session."""
    return (
        Complaint.objects.filter(reference=reference, idempotency_key=idempotency_key)
        .select_related("organisation")
        .first()
    )


@dataclass(frozen=True)
class ProgressView:
    complaint: Complaint
    history: list[StatusChange]
    escalation_deadline: date | None
    next_step: notifications.NextStep | None = None
    holder_name: str = ""


def complaint_progress(*, complaint_id: int) -> ProgressView | None:
    """What the complainant may see about their complaint (two queries)."""
    complaint = (
        Complaint.objects.filter(pk=complaint_id, anonymised_at__isnull=True)
        .select_related("organisation", "organisation__escalation_body", "merged_into")
        .first()
    )
    if complaint is None:
        return None
    history = list(
        StatusChange.objects.filter(complaint=complaint)
        # A merge is shown as the move only: its note names a complaint for staff.
        .filter(
            Q(visible_to_complainant=True)
            | Q(from_status="")
            | (Q(to_status=Status.MERGED) & ~Q(from_status=Status.MERGED))
        )
        .select_related("organisation")
        .order_by("created_at", "id")
    )
    step = None
    if complaint.status == Status.CLOSED and complaint.closed_at:
        step = notifications.next_step(complaint)
    return ProgressView(
        complaint=complaint,
        history=history,
        escalation_deadline=step.deadline if step else None,
        next_step=step,
        holder_name=notifications.complaint_holder_name(complaint),
    )


def staff_enrolment_usable(
    *, token: str | None = None, enrolment_id: int | None = None
) -> StaffEnrolment | None:
    """A set-up link that can still be used (not used, not expired), by its token or id."""
    links = StaffEnrolment.objects.filter(
        used_at__isnull=True, expires_at__gt=timezone.now(), token_hash__isnull=False
    ).select_related("user")
    if token is not None:
        if not isinstance(token, str) or not token or len(token) > 100:
            return None
        links = links.filter(token_hash=hashlib.sha256(token.encode()).hexdigest())
    elif enrolment_id is not None:
        links = links.filter(pk=enrolment_id)
    else:
        return None
    enrolment = links.first()
    if enrolment is None or not (enrolment.user.is_active and enrolment.user.is_staff):
        return None
    return enrolment


def staff_enrolment_device(*, enrolment: StaffEnrolment | None, device_id: object) -> Any:
    """The unconfirmed authenticator app being set up with this link, if it is still there."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if enrolment is None or not isinstance(device_id, int):
        return None
    return TOTPDevice.objects.filter(
        pk=device_id, user_id=enrolment.user_id, confirmed=False
    ).first()


def progress_links_sent_since(*, complaint: Complaint, since: datetime) -> int:
    """How many progress-link emails have been queued for a complaint since a moment."""
    return OutboundEmail.objects.filter(
        complaint=complaint, kind=OutboundEmail.Kind.PROGRESS_LINK, created_at__gt=since
    ).count()


# ---------------------------------------------------------------------------------------
# Requests for information.
# ---------------------------------------------------------------------------------------


def information_request_waiting(*, complaint_id: int) -> InformationRequest | None:
    """The question waiting for the complainant's answer, if there is one (not one the
    organisation stopped waiting for: it answered, closed or passed on the complaint)."""
    return InformationRequest.objects.filter(QUESTION_WAITING, complaint_id=complaint_id).first()


def information_requests_for_complaint(*, complaint: Complaint) -> list[InformationRequest]:
    """Every request on a complaint with who asked and the reply's files (three queries)."""
    return list(
        InformationRequest.objects.filter(complaint=complaint)
        .select_related("asked_by")
        .prefetch_related("reply_attachments")
        .order_by("asked_at", "id")
    )


def complaints_with_next_due(queryset: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """Annotate `next_due`: the deadline being worked to now (None once nothing is owed).

    The same rule as `workflow.pending_due`, in SQL, so the list sorts by it.
    """
    return queryset.annotate(next_due=next_due_expression())


# ---------------------------------------------------------------------------------------
# One timeline of a complaint for staff.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # "history", "note", "email", "request", "reply", "access"
    who: str
    text: str


def _name(user: User | None) -> str:
    return user.get_username() if user is not None else ""


def complaint_timeline(*, complaint: Complaint) -> list[TimelineEntry]:
    """History, notes, emails, requests and replies, and the access log, oldest first.

    Five queries however long the timeline is (one per source, each joined to its user).
    """
    system = str(_("The service"))
    entries: list[TimelineEntry] = []
    for change in StatusChange.objects.filter(complaint=complaint).select_related("actor"):
        text = (
            str(_("Status: %(from)s to %(to)s"))
            % {"from": change.get_from_status_display(), "to": change.get_to_status_display()}
            if change.from_status and change.from_status != change.to_status
            else (change.get_to_status_display() if not change.from_status else "")
        )
        if change.note:
            text = f"{text}. {change.note}" if text else change.note
        entries.append(
            TimelineEntry(change.created_at, "history", _name(change.actor) or system, text)
        )
    for note in InternalNote.objects.filter(complaint=complaint).select_related("author"):
        entries.append(
            TimelineEntry(note.created_at, "note", _name(note.author) or system, note.text)
        )
    for email in OutboundEmail.objects.filter(complaint=complaint).only(
        "created_at", "subject", "state", "to_address", "kind"
    ):
        entries.append(
            TimelineEntry(
                email.created_at,
                "email",
                system,
                str(_("Email “%(subject)s”: %(state)s"))
                % {"subject": email.subject, "state": email.get_state_display()},
            )
        )
    for request in InformationRequest.objects.filter(complaint=complaint).select_related(
        "asked_by"
    ):
        entries.append(
            TimelineEntry(
                request.asked_at,
                "request",
                _name(request.asked_by) or system,
                str(_("Asked the complainant: %(question)s")) % {"question": request.question},
            )
        )
        if request.replied_at:
            entries.append(
                TimelineEntry(
                    request.replied_at,
                    "reply",
                    str(_("The complainant")),
                    str(_("Replied: %(text)s")) % {"text": request.reply_text or "-"},
                )
            )
    for entry in AccessLog.objects.filter(complaint=complaint).select_related("user"):
        entries.append(TimelineEntry(entry.at, "access", _name(entry.user) or system, entry.action))
    entries.sort(key=lambda e: e.at)
    return entries


def response_templates_for_user(user: User | AnonymousUser) -> QuerySet[ResponseTemplate]:
    """The response templates of the user's organisations (all for a superuser)."""
    templates = ResponseTemplate.objects.select_related("organisation")
    if user.is_superuser:
        return templates
    return templates.filter(organisation_id__in=organisation_ids_for_user(user))
