"""Retention: closed complaints are anonymised RETENTION_YEARS after they were closed.

What is kept is what anonymous statistics need: status, dates, deadlines, organisation,
routing, the rights not met and the shape of the history (who on the staff side did what,
when). Everything the complainant told us, every free-text note, every uploaded file and
every email body and address goes. The privacy notice promises this; `anonymise_closed`
(run daily from cron) does it.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from complaints import uploads, workflow
from complaints.dashboard_months import dashboard_months_mark_complaint
from complaints.models import (
    Attachment,
    Complaint,
    InformationRequest,
    InternalNote,
    OutboundEmail,
    ProgressLink,
    StatusChange,
)
from complaints.workflow import Status
from victims_service import dates

# Complaint fields that hold what the person told us about themselves or what happened.
PERSONAL_TEXT_FIELDS = (
    "full_name",
    "email",
    "phone",
    "address",
    "what_happened",
    "who_was_involved",
    "outcome_wanted",
    "relationship",
    "affected_person_name",
    "permission_other",
    "crime_reference",
    "late_reason",
    "times_to_avoid",
    "accessibility_needs",
    "adjustments",
    "language",
    # Written by staff when transferring, so it may quote the complaint.
    "routing_reason",
)


def retention_cutoff(*, now: datetime | None = None, years: int | None = None) -> datetime:
    """Complaints closed before this moment are due for anonymising."""
    now = now or timezone.now()
    years = settings.RETENTION_YEARS if years is None else years
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February, and the year `years` ago has none
        return now.replace(year=now.year - years, day=28)


def complaints_due_for_anonymising(*, cutoff: datetime) -> QuerySet[Complaint]:
    """Closed, withdrawn, escalated or merged before the cutoff, and not yet anonymised.

    Read through the partial index of complaints not yet anonymised (migration 0015), so
    the daily run costs what the complaints it changes cost, not the size of the table.
    """
    history = StatusChange.objects.filter(complaint=OuterRef("pk"))
    return (
        Complaint.objects.filter(anonymised_at__isnull=True)
        .filter(
            # The services set `closed_at` when a complaint reaches a finished status.
            Q(status__in=workflow.FINISHED_STATUSES, closed_at__lt=cutoff)
            # Withdrawn or escalated before they did so: the last change is their end.
            | (
                Q(status__in=[Status.WITHDRAWN, Status.ESCALATED], closed_at__isnull=True)
                & Exists(history)
                & ~Exists(history.filter(created_at__gte=cutoff))
            )
        )
        .order_by("pk")
    )


def complaint_anonymise(*, complaint_id: int, now: datetime | None = None) -> bool:
    """Remove everything personal from one complaint. Returns False if already done."""
    now = now or timezone.now()
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
        if complaint.anonymised_at is not None:
            return False
        dashboard_months_mark_complaint(complaint=complaint)
        for field in PERSONAL_TEXT_FIELDS:
            setattr(complaint, field, "")
        complaint.anonymised_at = now
        complaint.save(update_fields=[*PERSONAL_TEXT_FIELDS, "anonymised_at"])

        InternalNote.objects.filter(complaint=complaint).update(text="")
        # A question and its answer are about the complaint too.
        InformationRequest.objects.filter(complaint=complaint).update(
            question="", reason="", reply_text=""
        )
        # History is append-only except here: the notes may quote the complaint, while
        # the rows themselves (who, when, from, to) are kept for statistics.
        StatusChange.objects.filter(complaint=complaint).update(note="")
        ProgressLink.objects.filter(complaint=complaint).delete()
        OutboundEmail.objects.filter(complaint=complaint).update(body="", to_address="")

        attachments = Attachment.objects.filter(complaint=complaint)
        stored_names = list(attachments.values_list("stored_name", flat=True))
        attachments.delete()
        # Files go only once the rows are gone for good, so a rollback leaves both.
        transaction.on_commit(lambda: uploads.attachment_delete_files(stored_names=stored_names))
    return True


def anonymise_closed(*, cutoff: datetime, dry_run: bool = False) -> list[int]:
    """Anonymise every complaint due. Returns the ids done (or that would be)."""
    ids = list(complaints_due_for_anonymising(cutoff=cutoff).values_list("pk", flat=True))
    if dry_run:
        return ids
    return [pk for pk in ids if complaint_anonymise(complaint_id=pk)]


def format_cutoff(cutoff: datetime) -> str:
    return dates.long_date(cutoff)
