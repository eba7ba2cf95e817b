"""Staff triage: status changes, transfer, passing on, assignment, notes, deadlines, flags."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import notifications, selectors, workflow
from complaints.dashboard_months import dashboard_months_mark_complaint
from complaints.models import (
    QUESTION_WAITING,
    Complaint,
    InternalNote,
    PassOn,
    PassOnMethod,
    StatusChange,
)
from complaints.services.base import (
    ActionRefused,
    InvalidInput,
    _complaint_lock,
    _history_note,
    _response_clock_resume,
    _set_deadlines,
    _status_change,
)
from complaints.workflow import Status
from directory import cache as directory_cache
from directory import routes, routing
from directory.models import Organisation, OrganisationType
from victims_service import dates

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def complaint_transition(
    *,
    complaint_id: int,
    to_status: str,
    actor: User | None,
    note: str = "",
    visible_to_complainant: bool = False,
) -> Complaint:
    """Move a complaint to a new status, or refuse with a message staff can act on.

    The one guarded path for a change of status: the named services below call it.
    Transfers also change the organisation, so they go through `complaint_transfer`.
    """
    if to_status == Status.TRANSFERRED:
        raise ActionRefused(_("Use “Transfer” to send a complaint to another organisation."))
    if to_status == Status.MERGED:
        raise ActionRefused(_("Use “Merge into another complaint” to merge a duplicate."))
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


def complaint_acknowledge(*, complaint_id: int, actor: User | None, note: str = "") -> Complaint:
    return complaint_transition(
        complaint_id=complaint_id,
        to_status=Status.ACKNOWLEDGED,
        actor=actor,
        note=note,
        visible_to_complainant=bool(note.strip()),
    )


def complaint_start_investigation(
    *, complaint_id: int, actor: User | None, note: str = ""
) -> Complaint:
    return complaint_transition(
        complaint_id=complaint_id, to_status=Status.UNDER_INVESTIGATION, actor=actor, note=note
    )


def complaint_record_response(
    *, complaint_id: int, actor: User | None, note: str, visible_to_complainant: bool = True
) -> Complaint:
    """The organisation has sent its response; `note` summarises it."""
    if not note.strip():
        raise InvalidInput(_("Enter a short summary of the response you sent."))
    return complaint_transition(
        complaint_id=complaint_id,
        to_status=Status.RESPONSE_SENT,
        actor=actor,
        note=note,
        visible_to_complainant=visible_to_complainant,
    )


def complaint_close(*, complaint_id: int, actor: User | None, note: str = "") -> Complaint:
    return complaint_transition(
        complaint_id=complaint_id, to_status=Status.CLOSED, actor=actor, note=note
    )


def complaint_reopen(*, complaint_id: int, actor: User | None, reason: str) -> Complaint:
    if not reason.strip():
        raise InvalidInput(_("Enter why the complaint is being reopened."))
    return complaint_transition(
        complaint_id=complaint_id, to_status=Status.REOPENED, actor=actor, note=reason
    )


def complaint_withdraw(*, complaint_id: int, actor: User | None, note: str = "") -> Complaint:
    """The complainant has told us they no longer want the complaint looked at."""
    return complaint_transition(
        complaint_id=complaint_id, to_status=Status.WITHDRAWN, actor=actor, note=note
    )


def complaint_escalate(
    *,
    complaint_id: int,
    actor: User | None,
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
    actor: User | None,
    to_organisation_id: int,
    reason: str,
    visible_to_complainant: bool = False,
) -> Complaint:
    """Send a complaint to another organisation, which then handles it from the start.

    Its deadlines are worked out again from today at the new organisation, it is no longer
    assigned to anyone, and both the new organisation and the complainant are told.
    """
    if not reason.strip():
        raise InvalidInput(_("Enter why the complaint is being transferred."))
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=actor)
        target = Organisation.objects.filter(pk=to_organisation_id, is_active=True).first()
        if target is None:
            raise InvalidInput(_("Choose an organisation that is in the directory."))
        if target.pk == complaint.organisation_id:
            raise InvalidInput(
                _("The complaint is already with %(organisation)s.") % {"organisation": target.name}
            )
        from_organisation = complaint.organisation
        now = timezone.now()
        # The new organisation starts the clocks afresh: a question still waiting no
        # longer holds the old organisation's deadline (and cannot hold the new one).
        _response_clock_resume(complaint=complaint, now=now)
        complaint.organisation = target
        dashboard_months_mark_complaint(complaint=complaint)  # and the new organisation's
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
    *,
    complaint_id: int,
    actor: User | None,
    how: str,
    to: str,
    passed_on_at: datetime | None = None,
    note: str = "",
) -> Complaint:
    """The central triage team passed a complaint on to an organisation nobody here reads.

    `how` is a PassOnMethod; `to` the published address, email or number used. The
    complainant is told (by a safe channel) who has their complaint now.
    """
    if how not in PassOnMethod.values:
        raise InvalidInput(_("Choose how you passed the complaint on."))
    if not to.strip():
        raise InvalidInput(_("Enter the address, email or phone number you used."))
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=actor)
        if complaint.pass_on != PassOn.TO_PASS_ON:
            raise ActionRefused(_("This complaint is not waiting to be passed on."))
        now = timezone.now()
        complaint.pass_on = PassOn.PASSED_ON
        complaint.passed_on_at = passed_on_at or now
        complaint.passed_on_how = how
        complaint.passed_on_to = to.strip()[:300]
        complaint.save(update_fields=["pass_on", "passed_on_at", "passed_on_how", "passed_on_to"])
        words = _("Passed on (%(how)s, %(to)s) on %(date)s.") % {
            "how": PassOnMethod(how).label.lower(),
            "to": complaint.passed_on_to,
            "date": dates.long_date(complaint.passed_on_at),
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


def complaint_assign(*, complaint_id: int, actor: User | None, assignee: User | None) -> Complaint:
    """Give the complaint to a member of its organisation's staff (or to no one)."""
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=actor)
        if complaint.status not in workflow.OPEN_STATUSES:
            raise ActionRefused(
                _("A complaint that is “%(status)s” cannot be assigned.")
                % {"status": Status(complaint.status).label}
            )
        if assignee is not None and not (
            selectors.colleagues_for_complaint(complaint=complaint).filter(pk=assignee.pk).exists()
        ):
            raise InvalidInput(
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


def note_add(*, complaint_id: int, author: User, text: str) -> InternalNote:
    """An internal note: for staff only, never shown or sent to the complainant."""
    if not text.strip():
        raise InvalidInput(_("Enter the note."))
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=author)
        return InternalNote.objects.create(
            complaint=complaint, author=author, created_at=timezone.now(), text=text.strip()
        )


# ---------------------------------------------------------------------------------------
# Deadlines staff control.
# ---------------------------------------------------------------------------------------


def complaint_deadline_extend(
    *, complaint_id: int, actor: User | None, new_due: date, reason: str
) -> Complaint:
    """Move the response deadline later, with a reason the complainant sees.

    The progress page shows the new date, and the history entry (visible to the
    complainant) says why. Only later, only while a response is owed.
    """
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Enter why the response will take longer"))
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=actor)
        if complaint.status not in workflow.OPEN_STATUSES:
            raise ActionRefused(_("Only an open complaint's deadline can be extended."))
        if (
            complaint.response_due is None
            and complaint.information_requests.filter(
                QUESTION_WAITING, due_when_paused__isnull=False
            ).exists()
        ):
            raise ActionRefused(
                _(
                    "The response clock is paused until the complainant replies. You can "
                    "extend the deadline once they have."
                )
            )
        current = complaint.response_due
        if current is not None and new_due <= current:
            raise InvalidInput(
                _("The new date must be after the current deadline, %(date)s")
                % {"date": dates.long_date(current)}
            )
        if new_due <= timezone.localdate():
            raise InvalidInput(_("The new date must be in the future"))
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
            % {"date": dates.long_date(new_due), "reason": reason},
            visible_to_complainant=True,
        )
    return complaint


def complaint_flags_set(
    *, complaint_id: int, actor: User | None, priority: bool, safeguarding: bool, note: str = ""
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
