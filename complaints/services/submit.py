"""A complaint sent from the public journey: routed once, stored once, acknowledged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from complaints import notifications, reference, uploads
from complaints.dashboard_months import dashboard_months_mark_complaint
from complaints.models import (
    Channel,
    Complaint,
    PassOn,
    StatusChange,
)
from complaints.services.base import (
    _set_deadlines,
    logger,
)
from complaints.workflow import Status
from directory import cache as directory_cache
from directory import decide, routing
from directory import selectors as directory_selectors
from directory.models import Organisation


@dataclass(frozen=True)
class SubmittedComplaint:
    complaint: Complaint
    created: bool


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


# How the history's first line says a complaint staff recorded came in. Staff pages and
# the history are in English.
RECORDED_FROM: dict[str, str] = {
    Channel.PHONE: "from a phone call",
    Channel.LETTER: "from a letter",
    Channel.IN_PERSON: "in person",
}


def _recorded_note(*, recorded_by: User | None, channel: str, reason: str) -> str:
    if recorded_by is None:
        return reason
    name = recorded_by.get_full_name() or recorded_by.get_username()
    return f"Recorded by {name} {RECORDED_FROM[channel]}. {reason}"


def _check_recorded(*, channel: str, recorded_by: User | None) -> None:
    """A complaint received by phone, letter or in person, which a member of staff recorded
    through the same questions (assisted digital), names both: it is routed like any
    other, and the history's first line says who recorded it and how it came in."""
    if channel not in Channel.values or (channel != Channel.ONLINE) != (recorded_by is not None):
        raise ValueError("A complaint recorded by staff needs both who recorded it and how.")


def _complaint_new(
    *,
    fields: dict[str, Any],
    outcome: decide.Outcome,
    organisation: Organisation,
    now: datetime,
    idempotency_key: str,
    language: str,
    channel: str,
    recorded_by: User | None,
) -> Complaint:
    """The complaint as routed, with its deadlines, not yet saved."""
    complaint = Complaint(
        **fields,
        idempotency_key=idempotency_key,
        reference=reference.generate(),
        received_at=now,
        status=Status.RECEIVED,
        organisation=organisation,
        routing_reason=outcome.reason,
        routing_rule_id=outcome.rule_id,
        request_kind=outcome.request_kind,
        route_key=outcome.route.key,
        pass_on=PassOn.TO_PASS_ON if outcome.passes_on else "",
        declaration_at=now,
        service_language=language,
        channel=channel,
        recorded_by=recorded_by,
    )
    _set_deadlines(complaint, timezone.localdate(now))
    if complaint.decision_date and outcome.route.limit:
        complaint.request_due = outcome.route.limit.after(complaint.decision_date)
    return complaint


def _complaint_store(
    *,
    answers: routing.Answers,
    fields: dict[str, Any],
    rights: list[int],
    attachments: list[uploads.PendingUpload],
    upload_folder: str,
    stored: list[str],
    idempotency_key: str,
    language: str,
    channel: str,
    recorded_by: User | None,
) -> Complaint:
    """Route, save, link, record the first status and copy the files; inside the caller's
    transaction. Each copied file's name is added to `stored` as it is copied."""
    named_id = answers.organisation_id
    now = timezone.now()
    outcome, found = _decide_and_read(answers=answers, named_id=named_id)
    complaint = _complaint_new(
        fields={**fields, "named_organisation_id": named_id if named_id in found else None},
        outcome=outcome,
        organisation=found[outcome.holder_id],
        now=now,
        idempotency_key=idempotency_key,
        language=language,
        channel=channel,
        recorded_by=recorded_by,
    )
    complaint.save()
    dashboard_months_mark_complaint(complaint=complaint)
    if rights:
        _rights_link(complaint=complaint, numbers=rights)
    StatusChange.objects.create(
        complaint=complaint,
        created_at=now,
        actor=recorded_by,
        from_status="",
        to_status=Status.RECEIVED,
        organisation=complaint.organisation,
        note=_recorded_note(recorded_by=recorded_by, channel=channel, reason=outcome.reason),
    )
    # After the complaint's row is written: a racing duplicate POST stops at that
    # insert (unique idempotency key) before it touches the files.
    for pending in attachments or []:
        attachment = uploads.attachment_store(
            complaint=complaint, folder=upload_folder, pending=pending
        )
        stored.append(attachment.stored_name)
    notifications.notify_complaint_received(complaint=complaint)
    return complaint


def complaint_submit(
    *,
    idempotency_key: str,
    fields: dict[str, Any],
    rights: list[int] | None = None,
    attachments: list[uploads.PendingUpload] | None = None,
    upload_folder: str = "",
    language: str = settings.LANGUAGE_CODE,
    channel: str = Channel.ONLINE,
    recorded_by: User | None = None,
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
    to them is in it and staff know to reply in it. `channel` and `recorded_by`: see
    `_check_recorded`.
    """
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    _check_recorded(channel=channel, recorded_by=recorded_by)
    named_id = fields.get("named_organisation_id")
    answers = routing.Answers(
        org_type=fields.get("about_org_type", ""),
        subject=fields.get("about_subject", ""),
        organisation_id=named_id,
    )
    stored: list[str] = []
    try:
        with transaction.atomic():
            complaint = _complaint_store(
                answers=answers,
                fields=fields,
                rights=rights or [],
                attachments=attachments or [],
                upload_folder=upload_folder,
                stored=stored,
                idempotency_key=idempotency_key,
                language=language,
                channel=channel,
                recorded_by=recorded_by,
            )
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
