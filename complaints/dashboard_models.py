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
    # figures["complaints"] again, as a column the months' index carries: the national
    # dashboard adds up each organisation's complaints from the index alone.
    # db_default too: a server of the release before 0022 inserts cells without it.
    complaints = models.PositiveIntegerField(default=0, db_default=0)
    # A large cell's figures by day received (ISO date -> figures, only what is not
    # empty), so a refresh after a change counts again only that day; None for the cells
    # of a month with fewer than PARTS_FROM requests when last worked out whole, and
    # for those written by a release before 0026 (`complaints.dashboard_parts`).
    parts = models.JSONField(null=True, blank=True)
    refreshed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month", "passing_on"], name="one_dashboard_month"
            )
        ]
        indexes = [
            # The national dashboard's fingerprint of a month's cells (their count and id
            # sum, `DashboardServiceMonth`) and its organisations' complaints, from the
            # index alone on PostgreSQL.
            models.Index(
                fields=["month", "organisation"],
                name="dashboard_month_month",
                include=["id", "complaints"],
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m}"


class DashboardMonthChange(models.Model):
    """A complaint of this organisation received in this month may have changed: its cell
    is stale until the next refresh deletes this row. Only ever inserted (never updated),
    so marking takes no lock another change could wait for."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    # The changed complaint's day received: a cell that keeps its figures by day counts
    # again only the days its marks name. None: the whole month (marking everything, or
    # a server of a release before 0026).
    day = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["month", "organisation"], name="dashboard_change_month")]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m}"


class DashboardServiceMonth(models.Model):
    """Every organisation's cells of one month added up: the national dashboard reads 12
    of these rather than thousands of cells' figures (it reads only the cells' ids and
    counts, from their index, for the fingerprint and the organisation chart).

    A refresh that replaces a cell applies the change to its month's total in the same
    transaction, and a reader that adds a month up from its cells does so in one, both
    with the month's row locked, so neither writes over the other; a refresh that finds
    no total for a month makes it from the month's cells. `cells` and `cells_id_sum` (the
    count and the id sum of the cells the total came from) catch what the locks cannot:
    cells written outside the services, or by a release before refreshes made a month's
    first total. A replaced cell
    always gets a larger id, so one such change always changes the fingerprint; a reader
    that finds it different from the cells adds the month up again
    (`complaints.dashboard_months`), and the nightly refresh adds up every month.
    """

    month = models.DateField(unique=True)  # the first day, UK calendar
    cells = models.PositiveIntegerField()
    cells_id_sum = models.BigIntegerField()
    figures = models.JSONField(default=dict)  # as a DashboardMonth's
    # No longer read or kept up to date (complaints by organisation now come from the
    # cells, migration 0022). Kept one release so that a server of the release before,
    # still running while the servers are rolled, finds the column; drop it after.
    organisations = models.JSONField(default=dict)
    refreshed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"
