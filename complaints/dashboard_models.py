"""The dashboard's monthly figures per organisation (DashboardMonth) and the marks that
say one is stale (DashboardMonthChange); worked out in `complaints.dashboard_months`.

Part of `complaints.models`, which imports them; apart only to keep that module small.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from directory.models import Organisation


class DashboardMonth(models.Model):
    """The dashboard's figures for one organisation's complaints received in one month.

    Worked out in advance (`complaints.dashboard_months`) so the dashboard adds up a few
    cells instead of reading every complaint of its period. `passing_on` splits the
    complaints waiting to be (or already) passed on, which the central triage team also
    sees. A cell is stale while a `DashboardMonthChange` names its organisation and month.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day, UK calendar
    passing_on = models.BooleanField(default=False)
    figures = models.JSONField(default=dict)
    refreshed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month", "passing_on"], name="one_dashboard_month"
            )
        ]
        indexes = [models.Index(fields=["month", "organisation"], name="dashboard_month_month")]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m}"


class DashboardMonthChange(models.Model):
    """A complaint of this organisation received in this month may have changed: its cell
    is stale until the next refresh deletes this row. Only ever inserted (never updated),
    so marking takes no lock another change could wait for."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["month", "organisation"], name="dashboard_change_month")]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m}"
