"""Load the shipped directory and routing rules into the database. Safe to run again.

Organisations are keyed by slug. The seeded fields (name, type, area, overseeing body,
where to go next, time limits, reply times and policy) follow `directory/data/directory.py`
(and the modules it reads), so a fix there reaches every site on the next load.
Contact details and staff inboxes are never overwritten: staff fill those in admin, and a
blank in the data never wipes what they entered.

Routing rules are created once. After that they belong to staff (who may edit or disable
them in admin), so a later load leaves an existing rule alone unless `reset_rules` is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from directory import cache as directory_cache
from directory.data import directory, routing_rules
from directory.models import Organisation, RoutingRule

SEEDED_FIELDS = (
    "name",
    "name_cy",
    "org_type",
    "area",
    "time_limit_months",
    "acknowledge_working_days",
    "response_working_days",
    "response_policy",
)
CONTACT_FIELDS = ("website", "phone", "email")


@dataclass(frozen=True)
class LoadResult:
    organisations_created: int
    organisations_updated: int
    rules_created: int
    rules_updated: int


def _organisation_fill(org: Organisation, row: dict[str, Any]) -> None:
    """The seeded fields from the data; contact details only where staff left a blank."""
    for field in SEEDED_FIELDS:
        default = Organisation._meta.get_field(field).get_default()
        setattr(org, field, row.get(field, default if default is not None else None))
    if org.area is None:
        org.area = ""
    if org.response_policy is None:
        org.response_policy = ""
    for field in CONTACT_FIELDS:
        if row.get(field) and not getattr(org, field):
            setattr(org, field, row[field])


def _organisations_save(rows: list[dict[str, Any]]) -> tuple[int, int]:
    """Every organisation in the data, created or updated. Returns (created, updated)."""
    existing = {o.slug: o for o in Organisation.objects.filter(slug__in=[r["slug"] for r in rows])}
    created = updated = 0
    for row in rows:
        org = existing.get(row["slug"])
        if org is None:
            org = Organisation(slug=row["slug"])
            created += 1
        else:
            updated += 1
        _organisation_fill(org, row)
        org.save()
        existing[org.slug] = org
    return created, updated


def _links_save(rows: list[dict[str, Any]], by_slug: dict[str, Organisation]) -> None:
    """Overseeing bodies and where to go next, once every row exists (a row may point at
    one loaded later)."""
    for row in rows:
        org = by_slug[row["slug"]]
        parent = by_slug[row["parent"]] if row.get("parent") else None
        escalation = by_slug[row["escalation"]] if row.get("escalation") else None
        if (org.parent_id, org.escalation_body_id) != (
            parent.id if parent else None,
            escalation.id if escalation else None,
        ):
            org.parent = parent
            org.escalation_body = escalation
            org.save(update_fields=["parent", "escalation_body"])


def _rules_save(*, by_slug: dict[str, Organisation], reset_rules: bool) -> tuple[int, int]:
    """The shipped routing rules: created once, then left to staff unless reset (or a rule
    is exactly one the data has since replaced). Returns (created, updated)."""
    created = updated = 0
    for priority, spec in enumerate(routing_rules.RULES, start=1):
        target_slug = spec.get("target_organisation")
        values = {
            "priority": priority * 10,
            "target": spec["target"],
            "target_organisation": by_slug[target_slug] if target_slug else None,
            "reason": spec["reason"],
            "is_active": True,
        }
        rule = RoutingRule.objects.filter(
            org_type=spec["org_type"], subject=spec["subject"], chosen_organisation=None
        ).first()
        superseded = rule is not None and any(
            (rule.org_type, rule.subject, rule.target, rule.reason) == old
            for old in routing_rules.SUPERSEDED
        )
        if rule is None:
            RoutingRule.objects.create(org_type=spec["org_type"], subject=spec["subject"], **values)
            created += 1
        elif reset_rules or superseded:
            for field, value in values.items():
                setattr(rule, field, value)
            rule.save()
            updated += 1
    return created, updated


@transaction.atomic
def directory_load(*, reset_rules: bool = False) -> LoadResult:
    rows = directory.organisations()
    created, updated = _organisations_save(rows)
    by_slug = {o.slug: o for o in Organisation.objects.all()}
    _links_save(rows, by_slug)
    rules_created, rules_updated = _rules_save(by_slug=by_slug, reset_rules=reset_rules)
    directory_cache.forget()
    return LoadResult(created, updated, rules_created, rules_updated)
