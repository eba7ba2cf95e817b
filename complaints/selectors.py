"""Read queries. Nothing here writes."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints import directory_cache, notifications, routing, workflow
from complaints.emails import PROGRESS_LINK_KIND
from complaints.models import (
    Attachment,
    Complaint,
    Organisation,
    OrganisationType,
    OutboundEmail,
    StatusChange,
)
from complaints.workflow import Status


def central_triage() -> Organisation:
    return Organisation.objects.get(org_type=OrganisationType.CENTRAL_TRIAGE)


def routing_inputs() -> tuple[list[routing.Rule], Mapping[int, routing.Org], int]:
    """The data `routing.route` needs, from this process's copy of the directory."""
    current = directory_cache.directory()
    if current.triage_id is None:
        raise Organisation.DoesNotExist("The central triage team is missing from the directory.")
    return list(current.rules), current.organisations, current.triage_id


# ---------------------------------------------------------------------------------------
# Staff scoping. Every admin page, download and export reads complaints through these, so
# a member of staff sees only their own organisations' complaints (superusers see all).
# ---------------------------------------------------------------------------------------


def organisation_ids_for_user(user) -> frozenset[int]:
    """The organisations a member of staff works for.

    Cached on the user object, which lives for one request; code that changes memberships
    and reuses the same object (a script, a test) should fetch the user again.
    """
    cached = getattr(user, "_organisation_ids", None)
    if cached is None:
        if not (user.is_authenticated and user.is_active and user.is_staff):
            cached = frozenset()
        else:
            cached = frozenset(user.memberships.values_list("organisation_id", flat=True))
        user._organisation_ids = cached
    return cached


def organisations_for_user(user) -> QuerySet[Organisation]:
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisation_ids_for_user(user))


def organisation_choices_for_user(user) -> list[tuple[int, str]]:
    """(id, name) of the organisations whose complaints this member of staff sees."""
    return list(organisations_for_user(user).order_by("name").values_list("pk", "name"))


def colleague_choices_for_user(user) -> list[tuple[int, str]]:
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


def complaints_for_user(user) -> QuerySet[Complaint]:
    if user.is_active and user.is_superuser:
        return Complaint.objects.all()
    return Complaint.objects.filter(organisation_id__in=organisation_ids_for_user(user))


def attachment_for_user(*, user, complaint_id: int, attachment_id: int) -> Attachment | None:
    return (
        Attachment.objects.filter(
            pk=attachment_id,
            complaint_id=complaint_id,
            complaint__in=complaints_for_user(user),
        )
        .select_related("complaint")
        .first()
    )


def colleagues_for_complaint(*, complaint: Complaint):
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
    if ack and ack.due != complaint.acknowledgement_due:
        ack = workflow.Deadline(due=complaint.acknowledgement_due, explanation=ack.explanation)
    if response and response.due != complaint.response_due:
        response = workflow.Deadline(due=complaint.response_due, explanation=response.explanation)
    return ComplaintDeadlines(acknowledgement=ack, response=response)


# ---------------------------------------------------------------------------------------
# The staff dashboard.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardFigures:
    total: int
    by_status: list[tuple[str, int]]  # (status label, count), in workflow order
    by_organisation: list[tuple[str, int]]  # (organisation name, count), largest first
    open_count: int
    overdue_count: int
    due_soon_count: int
    overdue: list[Complaint]  # the oldest overdue first, at most OVERDUE_LIMIT
    acknowledged_on_time: int
    acknowledgement_owed: int  # acknowledged, or not acknowledged and past the due date

    @property
    def acknowledged_on_time_percent(self) -> int | None:
        if not self.acknowledgement_owed:
            return None
        return round(100 * self.acknowledged_on_time / self.acknowledgement_owed)


OVERDUE_LIMIT = 50


def dashboard_figures(*, user, today: date | None = None) -> DashboardFigures:
    """The dashboard's numbers for the organisations this member of staff works for."""
    today = today or timezone.localdate()
    complaints = complaints_for_user(user)
    status_counts = dict(
        complaints.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    by_status = [(str(status.label), status_counts.get(status.value, 0)) for status in Status]
    by_organisation = list(
        complaints.order_by()
        .values_list("organisation__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__name")
        .values_list("organisation__name", "n")
    )
    overdue = complaints.filter(overdue_q(today))
    # On time: acknowledged on or before the due date (in UK time). Owed: every complaint
    # that has been acknowledged, plus those still waiting whose due date has passed, so a
    # complaint nobody acknowledged counts against the figure rather than being left out.
    ack = (
        complaints.order_by()
        .annotate(acknowledged_date=TruncDate("acknowledged_at"))
        .aggregate(
            on_time=Count(
                "pk",
                filter=Q(
                    acknowledged_at__isnull=False,
                    acknowledged_date__lte=F("acknowledgement_due"),
                ),
            ),
            owed=Count(
                "pk",
                filter=Q(acknowledged_at__isnull=False)
                | Q(
                    status__in=workflow.AWAITING_ACKNOWLEDGEMENT,
                    acknowledgement_due__lt=today,
                ),
            ),
        )
    )
    return DashboardFigures(
        total=sum(status_counts.values()),
        by_status=by_status,
        by_organisation=by_organisation,
        open_count=sum(status_counts.get(s, 0) for s in workflow.OPEN_STATUSES),
        overdue_count=overdue.count(),
        due_soon_count=complaints.filter(due_soon_q(today)).count(),
        overdue=list(
            overdue.select_related("organisation", "assigned_to").order_by(
                "acknowledgement_due", "response_due"
            )[:OVERDUE_LIMIT]
        ),
        acknowledged_on_time=ack["on_time"],
        acknowledgement_owed=ack["owed"],
    )


def emails_for_user(user) -> QuerySet[OutboundEmail]:
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
    to_inbox = Q(kind__in=notifications.INBOX_KINDS) | Q(complaint__isnull=True)
    return emails.filter(
        (to_inbox & Q(organisation_id__in=organisation_ids))
        | (~to_inbox & Q(complaint__organisation_id__in=organisation_ids))
    )


def emails_failed_for_user(user) -> QuerySet[OutboundEmail]:
    """Emails that failed after every retry, about the staff member's organisations.

    Staff see these in admin and contact the person another safe way, or fix the address.
    """
    return (
        emails_for_user(user)
        .filter(state=OutboundEmail.State.FAILED)
        .select_related("complaint", "organisation")
    )


# ---------------------------------------------------------------------------------------
# The organisation directory: the public lookup and the "who should I complain to?" tool.
# ---------------------------------------------------------------------------------------


def police_areas() -> QuerySet[Organisation]:
    """Territorial police forces: the ones with a local victims' service, by area name.

    British Transport Police and the Ministry of Defence Police cover no home area, so a
    person choosing where they live does not see them.
    """
    return (
        Organisation.objects.filter(
            org_type=OrganisationType.POLICE_FORCE,
            is_active=True,
            parent__children__org_type=OrganisationType.VICTIMS_SERVICE,
        )
        .distinct()
        .only("id", "slug", "name", "area")
        .order_by("area", "name")
    )


@dataclass(frozen=True)
class PoliceArea:
    force: Organisation
    policing_body: Organisation | None
    victims_services: list[Organisation]


def police_area(slug: str) -> PoliceArea | None:
    """A police force area with its local policing body and victims' services (2 queries)."""
    force = (
        Organisation.objects.filter(
            slug=slug, org_type=OrganisationType.POLICE_FORCE, is_active=True
        )
        .select_related("parent")
        .first()
    )
    if force is None:
        return None
    body = force.parent if force.parent and force.parent.is_active else None
    services = (
        list(
            Organisation.objects.filter(
                parent_id=body.id, org_type=OrganisationType.VICTIMS_SERVICE, is_active=True
            ).order_by("name")
        )
        if body
        else []
    )
    return PoliceArea(force=force, policing_body=body, victims_services=services)


def right_ids() -> Mapping[int, int]:
    """Victims' Code right number -> row id."""
    return directory_cache.directory().right_ids


def directory_counts() -> dict[str, int]:
    """How many active organisations of each type the directory holds."""
    return {org_type: len(pairs) for org_type, pairs in directory_cache.directory().choices.items()}


def directory_choices(org_type: str) -> list[tuple[int, str]]:
    """(id, name) of the active organisations of one type, by name, for a question."""
    return list(directory_cache.directory().choices.get(org_type, ()))


def organisation_details(organisation_id: int) -> routing.OrgDetails | None:
    """What `routing.advise` needs about one active organisation."""
    return directory_cache.directory().details.get(organisation_id)


# ---------------------------------------------------------------------------------------
# The public complaint journey and the complainant's progress page.
# ---------------------------------------------------------------------------------------


def complaint_route_preview(
    *, org_type: str, subject: str, organisation_id: int | None
) -> routing.OrgDetails | None:
    """The organisation a complaint with these answers would go to now (for time limits).

    None when the directory cannot say (no central triage team yet): the journey then does
    not mention a time limit rather than guess one.
    """
    try:
        rules, organisations, triage_id = routing_inputs()
    except Organisation.DoesNotExist:
        return None
    decision = routing.route(
        routing.Answers(org_type=org_type, subject=subject, organisation_id=organisation_id),
        rules=rules,
        organisations=organisations,
        triage_id=triage_id,
    )
    return organisation_details(decision.organisation_id)


def rights_titles() -> list[tuple[int, str]]:
    """(number, title) of the Victims' Code rights, from this process's copy of the directory."""
    return list(directory_cache.directory().right_titles.items())


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


def complaint_progress(*, complaint_id: int) -> ProgressView | None:
    """What the complainant may see about their complaint (two queries)."""
    complaint = (
        Complaint.objects.filter(pk=complaint_id, anonymised_at__isnull=True)
        .select_related("organisation", "organisation__escalation_body")
        .first()
    )
    if complaint is None:
        return None
    history = list(
        StatusChange.objects.filter(complaint=complaint)
        .filter(Q(visible_to_complainant=True) | Q(from_status=""))
        .select_related("organisation")
        .order_by("created_at", "id")
    )
    escalation_deadline = None
    if complaint.status == Status.CLOSED and complaint.closed_at:
        from complaints.notifications import review_deadline

        escalation_deadline = review_deadline(complaint)
    return ProgressView(
        complaint=complaint, history=history, escalation_deadline=escalation_deadline
    )


def staff_enrolment_usable(*, token: str | None = None, enrolment_id: int | None = None):
    """A set-up link that can still be used (not used, not expired), by its token or id."""
    from complaints.models import StaffEnrolment

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


def staff_enrolment_device(*, enrolment, device_id):
    """The unconfirmed authenticator app being set up with this link, if it is still there."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if enrolment is None or not isinstance(device_id, int):
        return None
    return TOTPDevice.objects.filter(
        pk=device_id, user_id=enrolment.user_id, confirmed=False
    ).first()


def progress_links_sent_since(*, complaint: Complaint, since) -> int:
    """How many progress-link emails have been queued for a complaint since a moment."""
    return OutboundEmail.objects.filter(
        complaint=complaint, kind=PROGRESS_LINK_KIND, created_at__gt=since
    ).count()
