"""Every change to a complaint happens here: atomic, row-locked, and written to history."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import routing, selectors, workflow
from complaints.models import Complaint, Organisation, StatusChange, VictimsCodeRight
from complaints.workflow import Status

# No 0/O or 1/I/L: a reference read aloud over the phone or copied from a letter stays
# unambiguous. 31 symbols ** 8 is about 850 billion references: not guessable, never sequential.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8


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


def complaint_submit(
    *,
    idempotency_key: str,
    fields: dict,
    rights: list[int] | None = None,
) -> SubmittedComplaint:
    """Store a complaint, route it and record its first status, in one transaction.

    `fields` are Complaint field values from the check-answers page. A second call with
    the same `idempotency_key` returns the complaint the first call stored.
    """
    existing = Complaint.objects.filter(idempotency_key=idempotency_key).first()
    if existing:
        return SubmittedComplaint(complaint=existing, created=False)

    rules, organisations, triage_id = selectors.routing_inputs()
    decision = routing.route(
        routing.Answers(
            org_type=fields.get("about_org_type", ""),
            subject=fields.get("about_subject", ""),
            organisation_id=getattr(fields.get("named_organisation"), "pk", None),
        ),
        rules=rules,
        organisations=organisations,
        triage_id=triage_id,
    )
    now = timezone.now()
    try:
        with transaction.atomic():
            complaint = Complaint(
                **fields,
                idempotency_key=idempotency_key,
                reference=reference_generate(),
                received_at=now,
                status=Status.RECEIVED,
                organisation=Organisation.objects.get(pk=decision.organisation_id),
                routing_reason=decision.reason,
                routing_rule_id=decision.rule_id,
                declaration_at=now,
            )
            _set_deadlines(complaint, timezone.localdate(now))
            complaint.save()
            if rights:
                complaint.rights_not_met.set(VictimsCodeRight.objects.filter(number__in=rights))
            StatusChange.objects.create(
                complaint=complaint,
                created_at=now,
                from_status="",
                to_status=Status.RECEIVED,
                organisation=complaint.organisation,
                note=decision.reason,
            )
    except IntegrityError:
        # Two identical POSTs raced; the other one committed first. Return its complaint.
        existing = Complaint.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return SubmittedComplaint(complaint=existing, created=False)
    return SubmittedComplaint(complaint=complaint, created=True)


def complaint_transition(
    *,
    complaint_id: int,
    to_status: str,
    actor,
    note: str = "",
    visible_to_complainant: bool = False,
) -> Complaint:
    """Move a complaint to a new status, or refuse with a message staff can act on."""
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
        if not workflow.can_transition(complaint.status, to_status):
            raise TransitionError(
                _("A complaint that is “%(from)s” cannot be marked “%(to)s”.")
                % {"from": Status(complaint.status).label, "to": Status(to_status).label}
            )
        now = timezone.now()
        from_status = complaint.status
        complaint.status = to_status
        if to_status == Status.ACKNOWLEDGED:
            complaint.acknowledged_at = now
        elif to_status == Status.RESPONSE_SENT:
            complaint.responded_at = now
        elif to_status == Status.CLOSED:
            complaint.closed_at = now
        elif to_status == Status.REOPENED:
            complaint.closed_at = None
        complaint.save()
        StatusChange.objects.create(
            complaint=complaint,
            created_at=now,
            actor=actor,
            from_status=from_status,
            to_status=to_status,
            organisation=complaint.organisation,
            note=note,
            visible_to_complainant=visible_to_complainant,
        )
    return complaint
