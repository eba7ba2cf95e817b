"""Merging a duplicate complaint into the complaint that carries on.

The duplicate keeps its own row, history, notes and files, moves to the final status
"merged" and points at the kept complaint (`Complaint.merged_into`), whose staff read it
from there. Both rows are locked, lowest id first, so two merges of the same pair in
opposite directions wait for each other instead of deadlocking; the checks in
`merge_selectors.merge_refusal` run again under the locks.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import notifications, selectors
from complaints.dashboard_months import dashboard_months_mark
from complaints.merge_selectors import (
    merge_reference_clean,
    merge_refusal,
)
from complaints.models import Complaint
from complaints.services.base import ActionRefused, _history_note, _status_change
from complaints.workflow import Status

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class MergeError(ActionRefused):
    """A merge that cannot be made. `field` is "reference" when the reference is the problem."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _lock_pair(*, complaint_id: int, reference: str) -> tuple[Complaint, Complaint | None]:
    """The duplicate and the complaint with `reference` (if any), locked lowest id first."""
    target_id = Complaint.objects.filter(reference=reference).values_list("pk", flat=True).first()
    ids = sorted({complaint_id, *([target_id] if target_id is not None else [])})
    locked = {
        complaint.pk: complaint
        for complaint in Complaint.objects.select_for_update()
        .filter(pk__in=ids)
        .select_related("organisation")
        .order_by("pk")
    }
    if complaint_id not in locked:
        raise Complaint.DoesNotExist
    dashboard_months_mark(cells=[(c.organisation_id, c.received_at) for c in locked.values()])
    target = locked.get(target_id) if target_id is not None else None
    if target is not None and target.merged_into_id is not None:
        # Only to name it in the refusal; it is not changed, so it needs no lock.
        target.merged_into = Complaint.objects.get(pk=target.merged_into_id)
    return locked[complaint_id], target


def _earlier_duplicates_follow(
    *, duplicate: Complaint, kept: Complaint, actor: User | None, now: datetime
) -> list[str]:
    """Complaints merged into the duplicate before now point at the kept complaint too,
    so a complaint is never more than one step from the one that carries on."""
    moved: list[str] = []
    # Nobody else can change these: every merge into `duplicate` holds its lock, as we do.
    for earlier in (
        Complaint.objects.select_for_update().filter(merged_into=duplicate).order_by("pk")
    ):
        earlier.merged_into = kept
        earlier.save(update_fields=["merged_into"])
        _history_note(
            complaint=earlier,
            actor=actor,
            now=now,
            note=_(
                "Now part of %(kept)s: %(duplicate)s, which this was merged into, was merged "
                "into it."
            )
            % {"kept": kept.reference, "duplicate": duplicate.reference},
        )
        moved.append(earlier.reference)
    return moved


def complaint_merge(*, complaint_id: int, into_reference: str, actor: User | None) -> Complaint:
    """Merge the complaint `complaint_id` (a duplicate) into the one with `into_reference`.

    Refused with a `MergeError` for a malformed or unknown reference, a complaint of
    another organisation or one the member of staff may not see (both read as not found),
    the complaint itself, a complaint already merged (including one merged into this one)
    and a duplicate that is not open. Writes a history row on both (and on any complaint
    merged into the duplicate before, which now points at the kept one) and emails the
    duplicate's complainant once, by a safe channel. Returns the duplicate.
    """
    reference = merge_reference_clean(into_reference)
    if reference is None:
        raise MergeError(
            _("Enter a reference in the right format, like VC-2345ABCD"), field="reference"
        )
    with transaction.atomic():
        duplicate, target = _lock_pair(complaint_id=complaint_id, reference=reference)
        if actor is not None and not selectors.complaint_visible_to(
            complaint=duplicate, user=actor
        ):
            raise PermissionDenied
        refusal = merge_refusal(
            duplicate=duplicate, target=target, reference=reference, actor=actor
        )
        if refusal is not None:
            raise MergeError(refusal.message, field=refusal.field)
        assert target is not None  # merge_refusal refuses a reference that found nothing
        now = timezone.now()
        duplicate.merged_into = target
        _status_change(
            complaint=duplicate,
            to_status=Status.MERGED,
            actor=actor,
            note=_("Merged into %(kept)s.") % {"kept": target.reference},
            visible_to_complainant=False,
            now=now,
        )
        moved = _earlier_duplicates_follow(duplicate=duplicate, kept=target, actor=actor, now=now)
        note = _("%(duplicate)s merged into this complaint.") % {"duplicate": duplicate.reference}
        if moved:
            note += " " + _("So were the complaints merged into it before: %(references)s.") % {
                "references": ", ".join(moved)
            }
        _history_note(complaint=target, actor=actor, note=note, now=now)
        notifications.notify_merged(complaint=duplicate, into=target)
    return duplicate
