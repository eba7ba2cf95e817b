"""Records of staff access: who viewed or changed which complaint (AccessLog), and the
one-time links that set up a member of staff's authenticator app (StaffEnrolment).

Part of `complaints.models`, which imports them; apart only to keep that module small.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    """Which staff member viewed or changed which complaint, and when.

    Also what was done to a member of staff's sign-in (an authenticator set-up link sent,
    an app set up, an app removed): then `staff_member` says whose, and there is no
    complaint. Only superusers see those entries (AccessLogAdmin is scoped by complaint).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    complaint = models.ForeignKey(
        "complaints.Complaint", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("about staff member"),
    )
    action = models.CharField(max_length=40)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("access log entry")

    def __str__(self) -> str:
        return f"{self.user_id} {self.action} {self.complaint_id}"


class StaffEnrolment(models.Model):
    """A one-time link a superuser sends a member of staff to set up their authenticator app.

    The token is made when the email is sent (complaints.emails) and only its SHA-256 is
    kept; the link works for 24 hours from then, once.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.OneToOneField(
        "complaints.OutboundEmail",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("authenticator set-up link")

    def __str__(self) -> str:
        return f"Set-up link {self.pk}"
