"""The access log and the staff group that may handle complaints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from complaints.models import (
    AccessLog,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

COMPLAINT_HANDLERS_GROUP = "Complaint handlers"


def access_log_record(*, user: User, complaint_id: int, action: str) -> AccessLog:
    """Who viewed or changed which complaint: the audit trail staff security relies on."""
    return AccessLog.objects.create(
        user=user, complaint_id=complaint_id, action=action, at=timezone.now()
    )


def access_log_record_many(*, user: User, complaint_ids: list[int], action: str) -> None:
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


ACCESS_SEARCHED = "searched complaints"


def access_log_search_record(*, user: User) -> AccessLog:
    """A member of staff searched the complaints: who and when, never what they typed."""
    return AccessLog.objects.create(user=user, action=ACCESS_SEARCHED, at=timezone.now())
