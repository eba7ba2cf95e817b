"""Whether the usual time limit has passed, for the late page and its question."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from complaints import selectors
from complaints.journey.steps import _asks_decision_date

if TYPE_CHECKING:
    from complaints.journey.session import Journey


def journey_time_limit(journey: Journey) -> dict[str, Any] | None:
    """The usual time limit of the organisation that will handle it, if there is one.

    For a request that is not a complaint, the limit runs from the decision or outcome
    letter; passing it never blocks the request: the person is asked why it took longer.
    """
    if _asks_decision_date(journey):
        return _request_limit(journey)
    return _complaint_limit(journey)


def _preview(journey: Journey) -> selectors.RoutePreview | None:
    return selectors.complaint_route_preview(
        org_type=journey.answers.get("org_type", ""),
        subject=journey.answers.get("subject", ""),
        organisation_id=journey.answers.get("organisation_id"),
    )


def _request_limit(journey: Journey) -> dict[str, Any] | None:
    route, decided = journey.route(), journey.decision_date()
    if not (decided and route.limit):
        return None
    ends = route.limit.after(decided)
    preview = _preview(journey)
    return {
        "request": True,
        "organisation": preview,
        "limit": route.limit.words(),
        "stages": preview.stages if preview else [],
        "ends": ends,
        "passed": ends < timezone.localdate(),
    }


def _complaint_limit(journey: Journey) -> dict[str, Any] | None:
    incident = journey.incident_date()
    organisation = _preview(journey)
    # The limit comes from the routes table, like every other place that states one (a
    # judge's or magistrate's conduct: 3 months; the directory's own figure knew only 6
    # and 12).
    limit = journey.route().limit
    if not (incident and limit and limit.months and not limit.days):
        return None
    ends = limit.after(incident)
    return {
        "organisation": organisation,
        "months": limit.months,
        "ends": ends,
        "passed": ends < timezone.localdate(),
    }
