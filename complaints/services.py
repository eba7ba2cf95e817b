"""Every change to a complaint happens here: atomic, row-locked, and written to history."""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY as SESSION_USER_KEY
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import time_format
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaints import notifications, selectors, uploads, workflow
from complaints.emails import (
    ONE_TIME_LINK,
    ONE_TIME_LINK_EXPIRES,
    PROGRESS_LINK_KIND,
    STAFF_ENROLMENT_KIND,
    email_queue,
)
from complaints.models import (
    AccessLog,
    Attachment,
    Complaint,
    InformationRequest,
    InternalNote,
    OutboundEmail,
    PassOn,
    PassOnMethod,
    ProgressLink,
    ResponseTemplate,
    StaffEnrolment,
    StatusChange,
)
from complaints.workflow import Status
from directory import cache as directory_cache
from directory import decide, routes, routing
from directory import selectors as directory_selectors
from directory.models import Organisation, OrganisationType

# No 0/O or 1/I/L: a reference read aloud over the phone or copied from a letter stays
# unambiguous. 31 symbols ** 8 is about 850 billion references: not guessable, never sequential.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8

COMPLAINT_HANDLERS_GROUP = "Complaint handlers"

logger = logging.getLogger(__name__)


class TransitionError(Exception):
    """A change of status that the workflow does not allow. The message is for staff."""


def reference_generate() -> str:
    return "VC-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


@dataclass(frozen=True)
class SubmittedComplaint:
    complaint: Complaint
    created: bool


def _set_deadlines(complaint: Complaint, start: date) -> None:
    org = complaint.organisation
    complaint.acknowledgement_due = workflow.add_working_days(start, org.acknowledge_working_days)
    complaint.response_due = workflow.add_working_days(start, org.response_working_days)


def _decide_and_read(
    *, answers: routing.Answers, named_id: int | None
) -> tuple[decide.Outcome, dict[int, Organisation]]:
    """Decide with this process's copy of the directory, then read the rows as they are now.

    The organisation it goes to and the one named are read in one query. If the copy was
    older than the retirement or deletion of the organisation it chose (at most a couple
    of seconds), the copy is dropped and the complaint routed again with a fresh one.
    A named organisation deleted since the person chose it is left out, not refused.
    """
    for attempt in range(2):
        outcome = decide.decide(answers)
        found = Organisation.objects.in_bulk({outcome.holder_id, named_id} - {None})
        routed = found.get(outcome.holder_id)
        if routed is not None and routed.is_active:
            return outcome, found
        if attempt == 0:
            directory_cache.clear()
    raise Organisation.DoesNotExist("Routing chose an organisation that is not active.")


def _rights_link(*, complaint: Complaint, numbers: list[int]) -> None:
    """Link the complaint to the Victims' Code rights it names, by their numbers.

    Straight into the link table with ids from the process's copy of the directory:
    `.set()` would first read the rights and the existing links. Each number once, as
    `.set()` did: a repeated one (a hand-made POST) would break the link table's
    uniqueness and lose the complaint.
    """
    wanted = sorted(set(numbers))
    ids = directory_selectors.right_ids()
    if any(number not in ids for number in wanted):
        directory_cache.clear()  # a right added since the copy was loaded
        ids = directory_selectors.right_ids()
    unknown = [number for number in wanted if number not in ids]
    if unknown:
        logger.warning("Complaint names Victims' Code rights that do not exist: %s", unknown)
    link = Complaint.rights_not_met.through
    link.objects.bulk_create(
        link(complaint_id=complaint.pk, victimscoderight_id=ids[number])
        for number in wanted
        if number in ids
    )


def complaint_submit(
    *,
    idempotency_key: str,
    fields: dict,
    rights: list[int] | None = None,
    attachments: list[uploads.PendingUpload] | None = None,
    upload_folder: str = "",
    language: str = settings.LANGUAGE_CODE,
) -> SubmittedComplaint:
    """Store a complaint, route it and record its first status, in one transaction.

    `fields` are Complaint field values from the check-answers page. A second call with
    the same `idempotency_key` returns the complaint the first call stored.
    `attachments` are files checked earlier and waiting in the session's private
    `upload_folder`; they are copied into private storage in the same transaction.

    There is no "already stored?" read first: a repeat is rare (the view answers a resent
    POST from the session), and the unique key stops it at the complaint's insert, so the
    common case saves a query.

    `language` is the language the complainant used (en-gb or cy): stored, so every email
    to them is in it and staff know to reply in it.
    """
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    named_id = fields.get("named_organisation_id")
    answers = routing.Answers(
        org_type=fields.get("about_org_type", ""),
        subject=fields.get("about_subject", ""),
        organisation_id=named_id,
    )
    now = timezone.now()
    stored: list[str] = []
    try:
        with transaction.atomic():
            outcome, found = _decide_and_read(answers=answers, named_id=named_id)
            complaint = Complaint(
                **{**fields, "named_organisation_id": named_id if named_id in found else None},
                idempotency_key=idempotency_key,
                reference=reference_generate(),
                received_at=now,
                status=Status.RECEIVED,
                organisation=found[outcome.holder_id],
                routing_reason=outcome.reason,
                routing_rule_id=outcome.rule_id,
                request_kind=outcome.request_kind,
                route_key=outcome.route.key,
                pass_on=PassOn.TO_PASS_ON if outcome.passes_on else "",
                declaration_at=now,
                service_language=language,
            )
            _set_deadlines(complaint, timezone.localdate(now))
            if complaint.decision_date and outcome.route.limit:
                complaint.request_due = outcome.route.limit.after(complaint.decision_date)
            complaint.save()
            if rights:
                _rights_link(complaint=complaint, numbers=rights)
            StatusChange.objects.create(
                complaint=complaint,
                created_at=now,
                from_status="",
                to_status=Status.RECEIVED,
                organisation=complaint.organisation,
                note=outcome.reason,
            )
            # After the complaint's row is written: a racing duplicate POST stops at that
            # insert (unique idempotency key) before it touches the files.
            for pending in attachments or []:
                attachment = uploads.attachment_store(
                    complaint=complaint, folder=upload_folder, pending=pending
                )
                stored.append(attachment.stored_name)
            notifications.notify_complaint_received(complaint=complaint)
    except IntegrityError:
        uploads.attachment_delete_files(stored_names=stored)
        # Sent before, or two identical POSTs raced and the other committed first: the
        # complaint's insert met the unique key. Return the stored complaint.
        existing = Complaint.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return SubmittedComplaint(complaint=existing, created=False)
    except BaseException:
        # Nothing was saved, so no copied file may stay behind.
        uploads.attachment_delete_files(stored_names=stored)
        raise
    return SubmittedComplaint(complaint=complaint, created=True)


# ---------------------------------------------------------------------------------------
# Staff triage. Every function below locks the complaint's row, checks that the member of
# staff may act on it (their organisation, or a superuser; `actor=None` is the system),
# writes an append-only StatusChange and registers notifications, in one transaction.
# ---------------------------------------------------------------------------------------


def _complaint_lock(*, complaint_id: int, actor) -> Complaint:
    """The complaint, locked until the transaction ends; refused if the actor may not see it.

    The admin already scopes what staff see; checking again here means no future view,
    command or API can act on another organisation's complaint by mistake.
    """
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
    if actor is not None and not selectors.complaint_visible_to(complaint=complaint, user=actor):
        raise PermissionDenied
    return complaint


def _status_change(
    *,
    complaint: Complaint,
    to_status: str,
    actor,
    note: str,
    visible_to_complainant: bool,
    now,
) -> StatusChange:
    """Apply a move the workflow allows to a locked complaint and record it."""
    if not workflow.can_transition(complaint.status, to_status):
        raise TransitionError(
            _("A complaint that is “%(from)s” cannot be marked “%(to)s”.")
            % {"from": Status(complaint.status).label, "to": Status(to_status).label}
        )
    from_status = complaint.status
    complaint.status = to_status
    today = timezone.localdate(now)
    if to_status == Status.ACKNOWLEDGED:
        complaint.acknowledged_at = now
    elif to_status == Status.RESPONSE_SENT:
        complaint.responded_at = now
    elif to_status in (Status.CLOSED, Status.WITHDRAWN, Status.ESCALATED):
        # Retention counts from the day the organisation stopped handling the complaint.
        complaint.closed_at = complaint.closed_at or now
    elif to_status == Status.REOPENED:
        complaint.closed_at = None
        # A reopened complaint needs a fresh response, to the organisation's usual timescale.
        complaint.response_due = workflow.add_working_days(
            today, complaint.organisation.response_working_days
        )
    complaint.save()
    return StatusChange.objects.create(
        complaint=complaint,
        created_at=now,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        organisation=complaint.organisation,
        note=note,
        visible_to_complainant=visible_to_complainant,
    )


def complaint_transition(
    *,
    complaint_id: int,
    to_status: str,
    actor,
    note: str = "",
    visible_to_complainant: bool = False,
) -> Complaint:
    """Move a complaint to a new status, or refuse with a message staff can act on.

    The one guarded path for a change of status: the named services below call it.
    Transfers also change the organisation, so they go through `complaint_transfer`.
    """
    if to_status == Status.TRANSFERRED:
        raise TransitionError(_("Use “Transfer” to send a complaint to another organisation."))
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=actor)
        change = _status_change(
            complaint=complaint,
            to_status=to_status,
            actor=actor,
            note=note.strip(),
            visible_to_complainant=visible_to_complainant,
            now=timezone.now(),
        )
        notifications.notify_status_changed(complaint=complaint, change=change)
    return complaint


def complaint_acknowledge(*, complaint_id: int, actor, note: str = "") -> Complaint:
    return complaint_transition(
        complaint_id=complaint_id,
        to_status=Status.ACKNOWLEDGED,
        actor=actor,
        note=note,
        visible_to_complainant=bool(note.strip()),
    )


def complaint_start_investigation(*, complaint_id: int, actor, note: str = "") -> Complaint:
    return complaint_transition(
        complaint_id=complaint_id, to_status=Status.UNDER_INVESTIGATION, actor=actor, note=note
    )


def complaint_record_response(
    *, complaint_id: int, actor, note: str, visible_to_complainant: bool = True
) -> Complaint:
    """The organisation has sent its response; `note` summarises it."""
    if not note.strip():
        raise TransitionError(_("Enter a short summary of the response you sent."))
    return complaint_transition(
        complaint_id=complaint_id,
        to_status=Status.RESPONSE_SENT,
        actor=actor,
        note=note,
        visible_to_complainant=visible_to_complainant,
    )


def complaint_close(*, complaint_id: int, actor, note: str = "") -> Complaint:
    return complaint_transition(
        complaint_id=complaint_id, to_status=Status.CLOSED, actor=actor, note=note
    )


def complaint_reopen(*, complaint_id: int, actor, reason: str) -> Complaint:
    if not reason.strip():
        raise TransitionError(_("Enter why the complaint is being reopened."))
    return complaint_transition(
        complaint_id=complaint_id, to_status=Status.REOPENED, actor=actor, note=reason
    )


def complaint_withdraw(*, complaint_id: int, actor, note: str = "") -> Complaint:
    """The complainant has told us they no longer want the complaint looked at."""
    return complaint_transition(
        complaint_id=complaint_id, to_status=Status.WITHDRAWN, actor=actor, note=note
    )


def complaint_escalate(
    *,
    complaint_id: int,
    actor,
    to_organisation: Organisation | None = None,
    note: str = "",
) -> Complaint:
    """The complainant has told us they have taken the complaint to the next body."""
    if to_organisation is not None:
        prefix = _("Escalated to %(organisation)s.") % {"organisation": to_organisation.name}
        note = f"{prefix} {note.strip()}".strip()
    return complaint_transition(
        complaint_id=complaint_id, to_status=Status.ESCALATED, actor=actor, note=note
    )


def complaint_transfer(
    *,
    complaint_id: int,
    actor,
    to_organisation_id: int,
    reason: str,
    visible_to_complainant: bool = False,
) -> Complaint:
    """Send a complaint to another organisation, which then handles it from the start.

    Its deadlines are worked out again from today at the new organisation, it is no longer
    assigned to anyone, and both the new organisation and the complainant are told.
    """
    if not reason.strip():
        raise TransitionError(_("Enter why the complaint is being transferred."))
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=actor)
        target = Organisation.objects.filter(pk=to_organisation_id, is_active=True).first()
        if target is None:
            raise TransitionError(_("Choose an organisation that is in the directory."))
        if target.pk == complaint.organisation_id:
            raise TransitionError(
                _("The complaint is already with %(organisation)s.") % {"organisation": target.name}
            )
        from_organisation = complaint.organisation
        now = timezone.now()
        complaint.organisation = target
        complaint.assigned_to = None
        complaint.acknowledged_at = None
        complaint.routing_rule = None
        # Nobody here reads the new organisation's complaints: central triage passes it on.
        complaint.pass_on = (
            "" if target.pk in directory_cache.directory().connected_ids else PassOn.TO_PASS_ON
        )
        complaint.passed_on_at = None
        complaint.passed_on_how = complaint.passed_on_to = ""
        if routes.route_by_key(complaint.route_key).org_type == routing.UNKNOWN:
            # The person did not know who it was about; now it is known, so is what follows.
            known = routes.default_route_for_type(target.org_type)
            complaint.route_key = known.key if known else complaint.route_key
        complaint.routing_reason = _("Transferred by %(organisation)s: %(reason)s") % {
            "organisation": from_organisation.name,
            "reason": reason.strip(),
        }
        _set_deadlines(complaint, timezone.localdate(now))
        _status_change(
            complaint=complaint,
            to_status=Status.TRANSFERRED,
            actor=actor,
            note=reason.strip(),
            visible_to_complainant=visible_to_complainant,
            now=now,
        )
        notifications.notify_transferred(complaint=complaint, from_organisation=from_organisation)
    return complaint


def complaint_pass_on_record(
    *, complaint_id: int, actor, how: str, to: str, passed_on_at=None, note: str = ""
) -> Complaint:
    """The central triage team passed a complaint on to an organisation nobody here reads.

    `how` is a PassOnMethod; `to` the published address, email or number used. The
    complainant is told (by a safe channel) who has their complaint now.
    """
    if how not in PassOnMethod.values:
        raise TransitionError(_("Choose how you passed the complaint on."))
    if not to.strip():
        raise TransitionError(_("Enter the address, email or phone number you used."))
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=actor)
        if complaint.pass_on != PassOn.TO_PASS_ON:
            raise TransitionError(_("This complaint is not waiting to be passed on."))
        now = timezone.now()
        complaint.pass_on = PassOn.PASSED_ON
        complaint.passed_on_at = passed_on_at or now
        complaint.passed_on_how = how
        complaint.passed_on_to = to.strip()[:300]
        complaint.save(update_fields=["pass_on", "passed_on_at", "passed_on_how", "passed_on_to"])
        words = _("Passed on (%(how)s, %(to)s) on %(date)s.") % {
            "how": PassOnMethod(how).label.lower(),
            "to": complaint.passed_on_to,
            "date": timezone.localdate(complaint.passed_on_at).strftime("%-d %B %Y"),
        }
        if complaint.organisation.org_type != OrganisationType.CENTRAL_TRIAGE:
            words = (
                _("Passed on to %(organisation)s.") % {"organisation": complaint.organisation.name}
                + " "
                + words
            )
        StatusChange.objects.create(
            complaint=complaint,
            created_at=now,
            actor=actor,
            from_status=complaint.status,
            to_status=complaint.status,
            organisation=complaint.organisation,
            note=f"{words} {note.strip()}".strip(),
            visible_to_complainant=True,
        )
        notifications.notify_passed_on(complaint=complaint)
    return complaint


def complaint_assign(*, complaint_id: int, actor, assignee) -> Complaint:
    """Give the complaint to a member of its organisation's staff (or to no one)."""
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=actor)
        if complaint.status not in workflow.OPEN_STATUSES:
            raise TransitionError(
                _("A complaint that is “%(status)s” cannot be assigned.")
                % {"status": Status(complaint.status).label}
            )
        if assignee is not None and not (
            selectors.colleagues_for_complaint(complaint=complaint).filter(pk=assignee.pk).exists()
        ):
            raise TransitionError(
                _("%(name)s does not work for %(organisation)s.")
                % {"name": assignee.get_username(), "organisation": complaint.organisation.name}
            )
        if assignee is not None and complaint.assigned_to_id == assignee.pk:
            return complaint
        complaint.assigned_to = assignee
        complaint.save(update_fields=["assigned_to"])
        StatusChange.objects.create(
            complaint=complaint,
            created_at=timezone.now(),
            actor=actor,
            from_status=complaint.status,
            to_status=complaint.status,
            organisation=complaint.organisation,
            note=(
                _("Assigned to %(name)s.") % {"name": assignee.get_username()}
                if assignee is not None
                else _("No longer assigned to anyone.")
            ),
        )
    return complaint


def note_add(*, complaint_id: int, author, text: str) -> InternalNote:
    """An internal note: for staff only, never shown or sent to the complainant."""
    if not text.strip():
        raise TransitionError(_("Enter the note."))
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=author)
        return InternalNote.objects.create(
            complaint=complaint, author=author, created_at=timezone.now(), text=text.strip()
        )


def access_log_record(*, user, complaint_id: int, action: str) -> AccessLog:
    """Who viewed or changed which complaint: the audit trail staff security relies on."""
    return AccessLog.objects.create(
        user=user, complaint_id=complaint_id, action=action, at=timezone.now()
    )


def access_log_record_many(*, user, complaint_ids: list[int], action: str) -> None:
    """The same as `access_log_record` for many complaints at once (an export), in one query."""
    now = timezone.now()
    AccessLog.objects.bulk_create(
        [AccessLog(user=user, complaint_id=pk, action=action, at=now) for pk in complaint_ids]
    )


def complaint_handlers_group_ensure() -> Group:
    """The "Complaint handlers" group: what a member of an organisation's staff may do.

    Safe to call again (it resets the group's permissions to this list). Scoping to the
    member's own organisations is done by StaffMembership, not by these permissions.
    """
    group, _created = Group.objects.get_or_create(name=COMPLAINT_HANDLERS_GROUP)
    wanted = [
        ("complaint", "view"),
        ("complaint", "change"),
        ("statuschange", "view"),
        ("attachment", "view"),
        ("internalnote", "view"),
        ("internalnote", "add"),
        ("organisation", "view"),
        ("outboundemail", "view"),
        ("responsetemplate", "view"),
        ("responsetemplate", "add"),
        ("responsetemplate", "change"),
        ("responsetemplate", "delete"),
    ]
    permissions = Permission.objects.filter(
        # Organisations are in the directory app (moved from complaints).
        content_type__app_label__in=["complaints", "directory"],
        codename__in=[f"{action}_{model}" for model, action in wanted],
    )
    group.permissions.set(permissions)
    return group


# ---------------------------------------------------------------------------------------
# The complainant's progress page: a one-time link, emailed, that expires.
# ---------------------------------------------------------------------------------------

PROGRESS_LINK_LIFETIME = timedelta(hours=1)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# At most this many progress-link emails to one complaint in any 24 hours, whoever asks.
PROGRESS_LINKS_PER_DAY = 3


def progress_link_create(*, reference: str, email: str) -> None:
    """Email a one-time progress link if the reference and email match a complaint.

    Returns nothing, whether or not they match, so the caller cannot tell a stranger
    whether a reference exists. The token is made only when the email is sent
    (`progress_link_make`) and only its SHA-256 is kept, so nothing stored holds it.
    """
    with transaction.atomic():
        complaint = (
            Complaint.objects.filter(
                reference=reference.strip().upper(),
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
            kind=PROGRESS_LINK_KIND,
            subject=subject,
            body=body,
            complaint=complaint,
        )


def progress_link_make(*, email) -> tuple[str, str]:
    """Make the one-time link of a progress email as it is sent (complaints.emails).

    Returns the link and when it stops working, as the email says it. Only the token's
    hash is stored; if sending fails, the caller's savepoint takes the link away again.
    """
    complaint = Complaint.objects.filter(pk=email.complaint_id, anonymised_at__isnull=True).first()
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


# ---------------------------------------------------------------------------------------
# Staff authenticator apps: a one-time set-up link, and removal when a phone is lost.
# ---------------------------------------------------------------------------------------

STAFF_ENROLMENT_LIFETIME = timedelta(hours=24)
TOTP_NAME = "Authenticator app"
TOTP_NAME_PENDING = "Authenticator app (being set up)"

# What the access log records about staff sign-in. Plain words: auditors read these.
ACCESS_ENROLMENT_SENT = "sent authenticator set-up link"
ACCESS_ENROLMENT_DONE = "set up authenticator app"
ACCESS_AUTHENTICATOR_REMOVED = "removed authenticator app"


class EnrolmentError(Exception):
    """Why a set-up link could not be sent: shown to the superuser who asked."""


def staff_access_record(*, user, staff_member, action: str) -> AccessLog:
    return AccessLog.objects.create(
        user=user, staff_member=staff_member, action=action, at=timezone.now()
    )


def _staff_enrolments_unused_delete(*, user) -> None:
    """Earlier links stop working, and an email of theirs not sent yet is not sent at all."""
    unused = StaffEnrolment.objects.filter(user=user, used_at__isnull=True)
    OutboundEmail.objects.filter(
        pk__in=unused.exclude(email=None).values("email"), state=OutboundEmail.State.QUEUED
    ).delete()
    unused.delete()


def staff_enrolment_send(*, user_id: int, actor) -> StaffEnrolment:
    """Email a member of staff a one-time link to set up their authenticator app.

    Superusers only. Any earlier link of theirs that was not used stops working. The link
    itself is made when the email is sent (`staff_enrolment_link_make`).
    """
    if not (actor.is_active and actor.is_superuser):
        raise PermissionDenied
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model.objects.select_for_update().filter(pk=user_id).first()
        if user is None or not user.is_active or not user.is_staff:
            raise EnrolmentError(_("Only active members of staff can set up an authenticator app."))
        if not user.email:
            raise EnrolmentError(_("%(username)s has no email address.") % {"username": user})
        _staff_enrolments_unused_delete(user=user)
        body = render_to_string(
            "emails/staff_enrolment.txt",
            {
                "url": ONE_TIME_LINK,
                "expires_at": ONE_TIME_LINK_EXPIRES,
                "username": user.get_username(),
                "site_url": settings.SITE_URL,
                "service_name": settings.SERVICE_NAME,
            },
        )
        email = email_queue(
            to=user.email,
            kind=STAFF_ENROLMENT_KIND,
            subject=_("Set up your authenticator app"),
            body=body,
        )
        enrolment = StaffEnrolment.objects.create(
            user=user, email=email, created_by=actor, created_at=timezone.now()
        )
        staff_access_record(user=actor, staff_member=user, action=ACCESS_ENROLMENT_SENT)
    return enrolment


def staff_enrolment_link_make(*, email) -> tuple[str, str]:
    """Make a set-up email's one-time link as it is sent (complaints.emails)."""
    enrolment = (
        StaffEnrolment.objects.select_for_update().filter(email=email, used_at__isnull=True).first()
    )
    if enrolment is None:
        raise ValueError("The set-up link was replaced or used: no link to make.")
    token = secrets.token_urlsafe(32)
    enrolment.token_hash = _token_hash(token)
    enrolment.expires_at = timezone.now() + STAFF_ENROLMENT_LIFETIME
    enrolment.save(update_fields=["token_hash", "expires_at"])
    url = settings.SITE_URL + reverse("staff_enrolment", kwargs={"token": token})
    when = timezone.localtime(enrolment.expires_at)
    return url, f"{time_format(when, 'g:ia')} on {date_format(when, 'j F Y')}"


def staff_enrolment_device_start(*, enrolment_id: int) -> TOTPDevice:
    """The new, unconfirmed authenticator app of a set-up in progress (one per member).

    It cannot be used to sign in until `staff_enrolment_complete` confirms it.
    """
    with transaction.atomic():
        enrolment = StaffEnrolment.objects.select_for_update().get(pk=enrolment_id)
        TOTPDevice.objects.filter(user_id=enrolment.user_id, confirmed=False).delete()
        return TOTPDevice.objects.create(
            user_id=enrolment.user_id, name=TOTP_NAME_PENDING, confirmed=False
        )


def staff_enrolment_complete(*, enrolment_id: int, device_id: int, code: str):
    """Confirm a new authenticator app with a code from it; spend the link. Returns the
    device, or None if the code is wrong or the link can no longer be used.

    The member's other authenticator apps are removed: a set-up link replaces a lost or
    old phone. django-otp's throttle applies to the codes tried here too.
    """
    now = timezone.now()
    with transaction.atomic():
        enrolment = (
            StaffEnrolment.objects.select_for_update()
            .filter(pk=enrolment_id, used_at__isnull=True, expires_at__gt=now)
            .first()
        )
        device = TOTPDevice.objects.filter(
            pk=device_id, user_id=getattr(enrolment, "user_id", None), confirmed=False
        ).first()
        if enrolment is None or device is None:
            return None
        allowed, _extra = device.verify_is_allowed()
        if not allowed or not device.verify_token(code):
            return None
        TOTPDevice.objects.filter(user_id=enrolment.user_id).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.name = TOTP_NAME
        device.save(update_fields=["confirmed", "name"])
        enrolment.used_at = now
        enrolment.save(update_fields=["used_at"])
        user = get_user_model().objects.get(pk=enrolment.user_id)
        staff_access_record(user=user, staff_member=user, action=ACCESS_ENROLMENT_DONE)
    return device


def staff_sessions_end(*, user_id: int) -> int:
    """Delete every session signed in as this user. Returns how many went.

    Sessions are read one by one (their contents are signed, not searchable): this is
    for the rare moment a phone is lost, not for a page.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    model = store.get_model_class()
    ended = []
    for key, data in model.objects.filter(expire_date__gt=timezone.now()).values_list(
        "session_key", "session_data"
    ):
        if store().decode(data).get(SESSION_USER_KEY) == str(user_id):
            ended.append(key)
    model.objects.filter(session_key__in=ended).delete()
    return len(ended)


def staff_authenticator_revoke(*, user_id: int, actor) -> None:
    """A lost phone: remove the member's authenticator apps and unused set-up links, and
    end every session they are signed in with. Superusers only."""
    if not (actor.is_active and actor.is_superuser):
        raise PermissionDenied
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user_id)
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        _staff_enrolments_unused_delete(user=user)
        staff_sessions_end(user_id=user.pk)
        staff_access_record(user=actor, staff_member=user, action=ACCESS_AUTHENTICATOR_REMOVED)


# ---------------------------------------------------------------------------------------
# Requests for information: staff ask, the complainant answers on the progress page.
# The response clock pauses while a request waits and moves on by the working days it
# was paused when the reply comes. Each step is a row in the complaint's history.
# ---------------------------------------------------------------------------------------

# After this many working days without a reply: a reminder and a note for staff.
INFORMATION_CHASE_WORKING_DAYS = 20
REPLY_MAX_CHARS = 5000
REPLY_MAX_FILES = 5


def _history_note(*, complaint: Complaint, actor, note: str, now) -> StatusChange:
    """A history row that records an event without changing the status."""
    return StatusChange.objects.create(
        complaint=complaint,
        created_at=now,
        actor=actor,
        from_status=complaint.status,
        to_status=complaint.status,
        organisation=complaint.organisation,
        note=note,
    )


def information_request_ask(
    *, complaint_id: int, actor, question: str, reason: str
) -> InformationRequest:
    """Ask the complainant for information, by email only, and pause the response clock.

    The email says only that there is a question and where to read it: the question is
    shown on the progress page, which only the complainant can open. Refused when email
    is not a channel they marked safe (staff never post or phone automatically), when the
    complaint is not open, or while an earlier question waits for a reply.
    """
    question, reason = question.strip(), reason.strip()
    if not question:
        raise TransitionError(_("Enter what you need from the complainant"))
    if not reason:
        raise TransitionError(_("Enter why the response clock is paused"))
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=actor)
        if complaint.status not in workflow.OPEN_STATUSES:
            raise TransitionError(
                _("You can only ask for information while the complaint is open.")
            )
        if not notifications.complainant_can_be_emailed(complaint):
            raise TransitionError(
                _(
                    "The complainant has not said email is safe, so the request was not sent. "
                    "Contact them another way they marked safe, and add a note."
                )
            )
        if InformationRequest.objects.filter(complaint=complaint, replied_at__isnull=True).exists():
            raise TransitionError(
                _("A question to the complainant is already waiting for a reply.")
            )
        now = timezone.now()
        request = InformationRequest.objects.create(
            complaint=complaint, asked_by=actor, asked_at=now, question=question, reason=reason
        )
        _history_note(
            complaint=complaint,
            actor=actor,
            now=now,
            note=_(
                "Asked the complainant for more information by email. The response clock is "
                "paused. Why: %(reason)s"
            )
            % {"reason": reason},
        )
        notifications.notify_information_requested(complaint=complaint)
    return request


def information_request_reply(
    *,
    complaint_id: int,
    request_id: int,
    text: str,
    files: list[uploads.CheckedUpload] | None = None,
) -> InformationRequest:
    """The complainant's answer (text, files or both): the response clock starts again.

    `files` have passed `uploads.upload_inspect`. A request answered already is refused
    with a message for the complainant, and nothing is stored twice.
    """
    text = text.strip()
    files = files or []
    if not text and not files:
        raise TransitionError(_("Enter your reply or choose a file to send"))
    if len(text) > REPLY_MAX_CHARS:
        raise TransitionError(
            _("Your reply must be %(max)s characters or fewer") % {"max": f"{REPLY_MAX_CHARS:,}"}
        )
    if len(files) > REPLY_MAX_FILES:
        raise TransitionError(
            _("Send %(max)s files or fewer with your reply") % {"max": REPLY_MAX_FILES}
        )
    stored: list[str] = []
    try:
        with transaction.atomic():
            complaint = Complaint.objects.select_for_update().get(
                pk=complaint_id, anonymised_at__isnull=True
            )
            request = (
                InformationRequest.objects.select_for_update()
                .filter(pk=request_id, complaint=complaint)
                .first()
            )
            if request is None:
                raise TransitionError(_("This question could not be found"))
            if request.replied_at is not None:
                raise TransitionError(
                    _("You have already replied to this question. We have your reply.")
                )
            now = timezone.now()
            paused = workflow.working_days_between(
                timezone.localdate(request.asked_at), timezone.localdate(now)
            )
            note = _("The complainant replied to the request for information.")
            if complaint.response_due and paused:
                complaint.response_due = workflow.add_working_days(complaint.response_due, paused)
                complaint.save(update_fields=["response_due"])
                note += " " + _(
                    "The response clock was paused for %(days)s working days; the response "
                    "is now due by %(date)s."
                ) % {"days": paused, "date": date_format(complaint.response_due, "j F Y")}
            for checked in files:
                attachment = uploads.attachment_store_checked(
                    complaint=complaint, checked=checked, kind=Attachment.Kind.REPLY
                )
                stored.append(attachment.stored_name)
                request.reply_attachments.add(attachment)
            request.reply_text = text
            request.replied_at = now
            request.paused_working_days = paused
            request.save(update_fields=["reply_text", "replied_at", "paused_working_days"])
            _history_note(complaint=complaint, actor=None, now=now, note=note)
    except BaseException:
        uploads.attachment_delete_files(stored_names=stored)
        raise
    return request


def information_requests_chase(*, today: date | None = None) -> int:
    """Remind complainants who have not replied after 20 working days, once, with a note.

    Run daily (`manage.py chase_information_requests`). Returns how many were chased.
    """
    today = today or timezone.localdate()
    # 20 working days are at least 28 calendar days: only older requests can be due.
    candidates = InformationRequest.objects.filter(
        replied_at__isnull=True,
        chased_at__isnull=True,
        asked_at__date__lte=today - timedelta(days=28),
        complaint__anonymised_at__isnull=True,
    ).values_list("pk", "asked_at")
    chased = 0
    for pk, asked_at in list(candidates):
        waited = workflow.working_days_between(timezone.localdate(asked_at), today)
        if waited < INFORMATION_CHASE_WORKING_DAYS:
            continue
        with transaction.atomic():
            request = (
                InformationRequest.objects.select_for_update()
                .select_related("complaint", "complaint__organisation")
                .filter(pk=pk, replied_at__isnull=True, chased_at__isnull=True)
                .first()
            )
            if request is None:
                continue
            complaint = request.complaint
            now = timezone.now()
            text = _(
                "No reply to the request for information after %(days)s working days. A "
                "reminder was sent. The response clock stays paused: consider contacting the "
                "complainant another way they marked safe."
            ) % {"days": waited}
            InternalNote.objects.create(complaint=complaint, author=None, created_at=now, text=text)
            _history_note(complaint=complaint, actor=None, now=now, note=text)
            notifications.notify_information_chased(complaint=complaint)
            request.chased_at = now
            request.save(update_fields=["chased_at"])
            chased += 1
    return chased


# ---------------------------------------------------------------------------------------
# Deadlines staff control.
# ---------------------------------------------------------------------------------------


def complaint_deadline_extend(*, complaint_id: int, actor, new_due: date, reason: str) -> Complaint:
    """Move the response deadline later, with a reason the complainant sees.

    The progress page shows the new date, and the history entry (visible to the
    complainant) says why. Only later, only while a response is owed.
    """
    reason = reason.strip()
    if not reason:
        raise TransitionError(_("Enter why the response will take longer"))
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=actor)
        if complaint.status not in workflow.OPEN_STATUSES:
            raise TransitionError(_("Only an open complaint's deadline can be extended."))
        current = complaint.response_due
        if current is not None and new_due <= current:
            raise TransitionError(
                _("The new date must be after the current deadline, %(date)s")
                % {"date": date_format(current, "j F Y")}
            )
        if new_due <= timezone.localdate():
            raise TransitionError(_("The new date must be in the future"))
        complaint.response_due = new_due
        complaint.save(update_fields=["response_due"])
        StatusChange.objects.create(
            complaint=complaint,
            created_at=timezone.now(),
            actor=actor,
            from_status=complaint.status,
            to_status=complaint.status,
            organisation=complaint.organisation,
            note=_("The response is now expected by %(date)s. %(reason)s")
            % {"date": date_format(new_due, "j F Y"), "reason": reason},
            visible_to_complainant=True,
        )
    return complaint


ACCESS_SEARCHED = "searched complaints"


def access_log_search_record(*, user) -> AccessLog:
    """A member of staff searched the complaints: who and when, never what they typed."""
    return AccessLog.objects.create(user=user, action=ACCESS_SEARCHED, at=timezone.now())


def complaint_flags_set(
    *, complaint_id: int, actor, priority: bool, safeguarding: bool, note: str = ""
) -> Complaint:
    """Mark a complaint as a priority or as raising a safeguarding concern (or clear them)."""
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=actor)
        if (complaint.is_priority, complaint.has_safeguarding_concern) == (priority, safeguarding):
            return complaint
        complaint.is_priority = priority
        complaint.has_safeguarding_concern = safeguarding
        complaint.save(update_fields=["is_priority", "has_safeguarding_concern"])
        words = [
            _("Priority: %(state)s") % {"state": _("yes") if priority else _("no")},
            _("Safeguarding concern: %(state)s") % {"state": _("yes") if safeguarding else _("no")},
        ]
        text = ". ".join(words) + "."
        if note.strip():
            text += " " + note.strip()
        _history_note(complaint=complaint, actor=actor, note=text, now=timezone.now())
    return complaint


def response_template_save(*, template: ResponseTemplate, actor) -> ResponseTemplate:
    """Save an organisation's response template; only its own staff (or a superuser) may."""
    if not actor.is_superuser and template.organisation_id not in (
        selectors.organisation_ids_for_user(actor)
    ):
        raise PermissionDenied
    template.updated_at = timezone.now()
    template.updated_by = actor
    template.save()
    return template
