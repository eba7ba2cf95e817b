"""Reads of the files staff add to a complaint. Nothing here writes.

Staff read them through the complaints they can see (`selectors.complaints_for_user`);
the complainant reads only the ones shared with them, of the complaint their progress
session is for.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from complaints import selectors
from complaints.models import Attachment, Complaint


def staff_files_for_complaint(*, complaint: Complaint) -> list[Attachment]:
    """Every staff file on a complaint the caller may see, with who added it (one query)."""
    return list(
        Attachment.objects.filter(complaint=complaint, kind=Attachment.Kind.STAFF)
        .select_related("uploaded_by")
        .order_by("uploaded_at", "id")
    )


def staff_file_for_user(
    *, user: User | AnonymousUser, complaint_id: int, attachment_id: int
) -> Attachment | None:
    """A staff file of a complaint this member of staff can see; None for anyone else's."""
    return (
        Attachment.objects.filter(
            pk=attachment_id,
            complaint_id=complaint_id,
            kind=Attachment.Kind.STAFF,
            complaint__in=selectors.complaints_for_user(user),
        )
        .select_related("complaint")
        .first()
    )


def _shared_files(complaint_id: int) -> QuerySet[Attachment]:
    return Attachment.objects.filter(
        complaint_id=complaint_id,
        complaint__anonymised_at__isnull=True,
        kind=Attachment.Kind.STAFF,
        shared_with_complainant_at__isnull=False,
    )


def staff_files_shared(*, complaint_id: int) -> list[Attachment]:
    """The staff files the complainant may download from their progress page, oldest first."""
    return list(_shared_files(complaint_id).order_by("shared_with_complainant_at", "id"))


def staff_file_shared(*, complaint_id: int, attachment_id: int) -> Attachment | None:
    """One file shared with the complainant of this complaint; None for any other file."""
    return _shared_files(complaint_id).filter(pk=attachment_id).first()
