"""The staff dashboard's reads: figures for the organisations a member of staff works for.

Reads only, scoped exactly as the complaint list is (`selectors.complaints_for_user`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from complaints import workflow
from complaints.models import Complaint
from complaints.selectors import complaints_for_user, due_soon_q, overdue_q
from complaints.workflow import Status
from directory import routes


@dataclass(frozen=True)
class DashboardFigures:
    total: int
    by_status: list[tuple[str, int]]  # (status label, count), in workflow order
    by_organisation: list[tuple[str, int]]  # (organisation name, count), largest first
    open_count: int
    overdue_count: int
    due_soon_count: int
    overdue: list[Complaint]  # the oldest overdue first, at most OVERDUE_LIMIT
    acknowledged_on_time: int
    acknowledgement_owed: int  # acknowledged, or not acknowledged and past the due date
    # Requests that are not complaints (a Victims' Right to Review request, a review of a
    # complaint's outcome, a CICA or Parole Board decision): never counted as complaints.
    requests_count: int = 0

    @property
    def acknowledged_on_time_percent(self) -> int | None:
        if not self.acknowledgement_owed:
            return None
        return round(100 * self.acknowledged_on_time / self.acknowledgement_owed)


OVERDUE_LIMIT = 50


def dashboard_figures(*, user: object, today: date | None = None) -> DashboardFigures:
    """The dashboard's numbers for the organisations this member of staff works for."""
    today = today or timezone.localdate()
    complaints = complaints_for_user(user)
    status_counts = dict(
        complaints.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    by_status = [(str(status.label), status_counts.get(status.value, 0)) for status in Status]
    by_organisation = list(
        complaints.order_by()
        .values_list("organisation__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__name")
        .values_list("organisation__name", "n")
    )
    overdue = complaints.filter(overdue_q(today))
    # On time: acknowledged on or before the due date (in UK time). Owed: every complaint
    # that has been acknowledged, plus those still waiting whose due date has passed, so a
    # complaint nobody acknowledged counts against the figure rather than being left out.
    kinds = dict(
        complaints.order_by()
        .values_list("request_kind")
        .annotate(n=Count("pk"))
        .values_list("request_kind", "n")
    )
    ack = (
        complaints.filter(request_kind=routes.COMPLAINT)
        .order_by()
        .annotate(acknowledged_date=TruncDate("acknowledged_at"))
        .aggregate(
            on_time=Count(
                "pk",
                filter=Q(
                    acknowledged_at__isnull=False,
                    acknowledged_date__lte=F("acknowledgement_due"),
                ),
            ),
            owed=Count(
                "pk",
                filter=Q(acknowledged_at__isnull=False)
                | Q(
                    status__in=workflow.AWAITING_ACKNOWLEDGEMENT,
                    acknowledgement_due__lt=today,
                ),
            ),
        )
    )
    return DashboardFigures(
        total=kinds.get(routes.COMPLAINT, 0),
        requests_count=sum(kinds.values()) - kinds.get(routes.COMPLAINT, 0),
        by_status=by_status,
        by_organisation=by_organisation,
        open_count=sum(status_counts.get(s, 0) for s in workflow.OPEN_STATUSES),
        overdue_count=overdue.count(),
        due_soon_count=complaints.filter(due_soon_q(today)).count(),
        overdue=list(
            overdue.select_related("organisation", "assigned_to").order_by(
                "acknowledgement_due", "response_due"
            )[:OVERDUE_LIMIT]
        ),
        acknowledged_on_time=ack["on_time"],
        acknowledgement_owed=ack["owed"],
    )
