"""Read queries. Nothing here writes."""

from __future__ import annotations

from complaints import routing
from complaints.models import Organisation, OrganisationType, RoutingRule


def central_triage() -> Organisation:
    return Organisation.objects.get(org_type=OrganisationType.CENTRAL_TRIAGE)


def routing_inputs() -> tuple[list[routing.Rule], dict[int, routing.Org], int]:
    """The data `routing.route` needs, in two queries."""
    rules = [
        routing.Rule(
            id=r.id,
            priority=r.priority,
            org_type=r.org_type,
            subject=r.subject,
            chosen_organisation_id=r.chosen_organisation_id,
            target=r.target,
            target_organisation_id=r.target_organisation_id,
            reason=r.reason,
        )
        for r in RoutingRule.objects.filter(is_active=True)
    ]
    organisations = {
        o.id: routing.Org(id=o.id, name=o.name, org_type=o.org_type, parent_id=o.parent_id)
        for o in Organisation.objects.filter(is_active=True).only(
            "id", "name", "org_type", "parent_id"
        )
    }
    triage_id = next(
        (o.id for o in organisations.values() if o.org_type == OrganisationType.CENTRAL_TRIAGE),
        None,
    )
    if triage_id is None:
        raise Organisation.DoesNotExist("The central triage team is missing from the directory.")
    return rules, organisations, triage_id
