"""Reads for merging a duplicate complaint into another. Nothing here writes.

Staff find the complaint to keep by its reference. Only a complaint of the duplicate's own
organisation that they may see can be found: any other reference reads as "not found", so
the page never says whether another organisation holds a complaint with that reference.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _

from complaints import reference as complaint_reference
from complaints import selectors, workflow
from complaints.models import Complaint, InternalNote
from complaints.workflow import Status

# A member of staff as the request has them (signed in, so never anonymous in practice).
StaffUser = User | AnonymousUser
# The most staff may type in the reference box (a reference with spaces in it fits).
REFERENCE_MAX_LENGTH = 20


def merge_reference_clean(value: str) -> str | None:
    """ "vc-2345 abcd" or "2345ABCD" as "VC-2345ABCD"; None when it cannot be a reference."""
    return complaint_reference.normalise(value)


def merge_target_find(*, reference: str) -> Complaint | None:
    """The complaint with this reference, whoever holds it: `merge_refusal` decides whether
    the member of staff may merge into it (and says "not found" when they may not see it)."""
    return (
        Complaint.objects.filter(reference=reference)
        .select_related("organisation", "merged_into")
        .first()
    )


@dataclass(frozen=True)
class MergeRefusal:
    message: str
    # "reference" when what was typed is the problem; None when the duplicate is.
    field: str | None


def _target_hidden(
    *, duplicate: Complaint, target: Complaint | None, actor: StaffUser | None
) -> bool:
    if target is None or target.organisation_id != duplicate.organisation_id:
        return True
    return actor is not None and not selectors.complaint_visible_to(complaint=target, user=actor)


def _target_refusal(*, duplicate: Complaint, target: Complaint) -> MergeRefusal | None:
    """Why nothing can be merged into `target` as it is now, or None."""
    if target.merged_into_id == duplicate.pk:
        return MergeRefusal(
            _(
                "%(reference)s has been merged into this complaint, so this complaint cannot "
                "be merged into it"
            )
            % {"reference": target.reference},
            "reference",
        )
    if target.status == Status.MERGED:
        return MergeRefusal(_merged_already(target=target, duplicate=duplicate), "reference")
    if target.anonymised_at is not None:
        return MergeRefusal(
            _(
                "The details of %(reference)s have been removed under the retention policy, "
                "so nothing can be merged into it"
            )
            % {"reference": target.reference},
            "reference",
        )
    return None


def merge_refusal(
    *, duplicate: Complaint, target: Complaint | None, reference: str, actor: StaffUser | None
) -> MergeRefusal | None:
    """Why `duplicate` cannot be merged into `target` (found by `reference`), or None.

    `actor` is the member of staff (None for the system). The same checks run on the
    confirmation page and again under the row locks in `services.complaint_merge`.
    """
    if not workflow.can_transition(duplicate.status, Status.MERGED):
        return MergeRefusal(
            _(
                "%(reference)s is “%(status)s”, so it cannot be merged into another "
                "complaint. Only an open complaint can be merged"
            )
            % {"reference": duplicate.reference, "status": Status(duplicate.status).label},
            None,
        )
    if target is not None and target.pk == duplicate.pk:
        return MergeRefusal(
            _("Enter the reference of the other complaint. %(reference)s is this complaint")
            % {"reference": duplicate.reference},
            "reference",
        )
    if _target_hidden(duplicate=duplicate, target=target, actor=actor) or target is None:
        return MergeRefusal(
            _(
                "There is no complaint with the reference %(reference)s at %(organisation)s. "
                "Check the reference"
            )
            % {"reference": reference, "organisation": duplicate.organisation.name},
            "reference",
        )
    return _target_refusal(duplicate=duplicate, target=target)


def _merged_already(*, target: Complaint, duplicate: Complaint) -> str:
    kept = target.merged_into
    if kept is not None and kept.organisation_id == duplicate.organisation_id:
        return _(
            "%(reference)s has already been merged into %(kept)s. Enter %(kept)s to merge "
            "into the complaint that carries on"
        ) % {"reference": target.reference, "kept": kept.reference}
    return _("%(reference)s has already been merged into another complaint") % {
        "reference": target.reference
    }


def merged_duplicates_for(*, complaint: Complaint, user: StaffUser) -> list[Complaint]:
    """The complaints merged into this one that the member of staff may see, oldest first,
    each with its internal notes (and their authors), files and rights not met.

    Four queries however many there are; one when there are none.
    """
    duplicates = list(
        selectors.complaints_for_user(user)
        .filter(merged_into=complaint)
        .order_by("received_at", "pk")
    )
    if not duplicates:
        return []
    prefetch_related_objects(
        duplicates,
        Prefetch("notes", queryset=InternalNote.objects.select_related("author")),
        "attachments",
        "rights_not_met",
    )
    return duplicates
