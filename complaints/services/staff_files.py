"""Files staff add to a complaint (the outcome letter, say), and sharing them.

A staff file is private to the organisation handling the complaint. It passes the same
checks as a complainant's file (the caller inspects it with `uploads.upload_inspect`) and
is stored under a random name. Staff may share one with the complainant, who then sees it
on their progress page and is told by email (which names neither the file nor anything
else about the complaint); they may stop sharing it again. Each step locks the complaint's
row, runs in one transaction and writes a row to the complaint's history.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import notifications, uploads
from complaints.models import Attachment, Complaint
from complaints.services.base import (
    ActionRefused,
    InvalidInput,
    _complaint_lock,
    _history_note,
)

# At most this many files in one upload (as many as a complainant may send), and this
# many staff files on one complaint.
STAFF_FILES_PER_UPLOAD = uploads.MAX_FILES
STAFF_FILES_MAX = 20


def _who(actor: User) -> str:
    return actor.get_full_name() or actor.get_username()


def _open_complaint(*, complaint_id: int, actor: User) -> Complaint:
    """The complaint, locked, if the actor may see it and its details are still kept."""
    complaint = _complaint_lock(complaint_id=complaint_id, actor=actor)
    if complaint.anonymised_at is not None:
        raise ActionRefused(_("This complaint has been anonymised: its files were deleted."))
    return complaint


def _staff_file_lock(*, complaint: Complaint, attachment_id: int) -> Attachment:
    """A staff file of this (locked) complaint, locked too; refused if it is not one."""
    attachment = (
        Attachment.objects.select_for_update()
        .filter(pk=attachment_id, complaint=complaint, kind=Attachment.Kind.STAFF)
        .first()
    )
    if attachment is None:
        raise ActionRefused(_("This file could not be found on this complaint."))
    return attachment


def staff_files_add(
    *, complaint_id: int, actor: User, files: Sequence[uploads.CheckedUpload]
) -> list[Attachment]:
    """Keep files a member of staff added; each gets a row in the history.

    `files` have passed `uploads.upload_inspect`. Refused (nothing stored) when there is no
    file, too many at once, or more than the complaint may hold.
    """
    if not files:
        raise InvalidInput(_("Select a file to add"))
    if len(files) > STAFF_FILES_PER_UPLOAD:
        raise InvalidInput(
            _("Add %(max)s files or fewer at a time") % {"max": STAFF_FILES_PER_UPLOAD}
        )
    stored: list[str] = []
    added: list[Attachment] = []
    try:
        with transaction.atomic():
            complaint = _open_complaint(complaint_id=complaint_id, actor=actor)
            already = Attachment.objects.filter(
                complaint=complaint, kind=Attachment.Kind.STAFF
            ).count()
            if already + len(files) > STAFF_FILES_MAX:
                raise ActionRefused(
                    _(
                        "A complaint can have up to %(max)s files added by staff. This one "
                        "has %(count)s already."
                    )
                    % {"max": STAFF_FILES_MAX, "count": already}
                )
            now = timezone.now()
            for checked in files:
                attachment = uploads.attachment_store_checked(
                    complaint=complaint,
                    checked=checked,
                    kind=Attachment.Kind.STAFF,
                    uploaded_by=actor,
                )
                stored.append(attachment.stored_name)
                added.append(attachment)
                _history_note(
                    complaint=complaint,
                    actor=actor,
                    now=now,
                    note=_("%(file)s added by %(who)s")
                    % {"file": attachment.original_name, "who": _who(actor)},
                )
    except BaseException:
        uploads.attachment_delete_files(stored_names=stored)
        raise
    return added


def staff_file_share(*, complaint_id: int, attachment_id: int, actor: User) -> Attachment:
    """Let the complainant download a staff file from their progress page, and tell them.

    The email says only that there is a document and where to find it. Sharing a file
    that is shared already is refused, so the complainant is told once.
    """
    with transaction.atomic():
        complaint = _open_complaint(complaint_id=complaint_id, actor=actor)
        attachment = _staff_file_lock(complaint=complaint, attachment_id=attachment_id)
        if attachment.shared_with_complainant_at is not None:
            raise ActionRefused(
                _("“%(file)s” is already shared with the complainant.")
                % {"file": attachment.original_name}
            )
        now = timezone.now()
        attachment.shared_with_complainant_at = now
        attachment.save(update_fields=["shared_with_complainant_at"])
        _history_note(
            complaint=complaint,
            actor=actor,
            now=now,
            note=_("%(file)s shared with the complainant by %(who)s")
            % {"file": attachment.original_name, "who": _who(actor)},
        )
        notifications.notify_staff_file_shared(complaint=complaint)
    return attachment


def staff_file_unshare(*, complaint_id: int, attachment_id: int, actor: User) -> Attachment:
    """Take a shared staff file off the complainant's progress page. Nobody is emailed."""
    with transaction.atomic():
        complaint = _complaint_lock(complaint_id=complaint_id, actor=actor)
        attachment = _staff_file_lock(complaint=complaint, attachment_id=attachment_id)
        if attachment.shared_with_complainant_at is None:
            raise ActionRefused(
                _("“%(file)s” is not shared with the complainant.")
                % {"file": attachment.original_name}
            )
        attachment.shared_with_complainant_at = None
        attachment.save(update_fields=["shared_with_complainant_at"])
        _history_note(
            complaint=complaint,
            actor=actor,
            now=timezone.now(),
            note=_("%(file)s no longer shared with the complainant, by %(who)s")
            % {"file": attachment.original_name, "who": _who(actor)},
        )
    return attachment
