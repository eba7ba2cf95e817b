"""Where a complaint goes, and why: one pure function over the complainant's answers.

The "who should I complain to?" tool, the complaint form and the routing of stored
complaints all use this module, so there is one set of questions and one set of decisions.
`route()` takes plain data (no database access) so every rule can be tested on its own;
`complaints.selectors.routing_inputs()` loads that data from the RoutingRule table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Answers:
    """What the person told us. Empty strings mean "I don't know" or "not asked"."""

    org_type: str = ""
    subject: str = ""
    organisation_id: int | None = None


@dataclass(frozen=True)
class Org:
    id: int
    name: str
    org_type: str
    parent_id: int | None = None


@dataclass(frozen=True)
class Rule:
    id: int
    priority: int
    org_type: str
    subject: str  # "" matches any subject
    chosen_organisation_id: int | None  # None matches any
    target: str  # "chosen", "chosen_parent" or "fixed"
    target_organisation_id: int | None
    reason: str


@dataclass(frozen=True)
class Decision:
    organisation_id: int
    reason: str
    rule_id: int | None = None


def _specificity(rule: Rule) -> tuple[int, int, int]:
    # More specific rules win; among equals, the lower priority number wins.
    return (
        -(rule.chosen_organisation_id is not None),
        -(rule.subject != ""),
        rule.priority,
    )


def route(
    answers: Answers,
    *,
    rules: Sequence[Rule],
    organisations: Mapping[int, Org],
    triage_id: int,
) -> Decision:
    chosen = organisations.get(answers.organisation_id) if answers.organisation_id else None
    candidates = [
        rule
        for rule in rules
        if rule.org_type == answers.org_type
        and rule.subject in ("", answers.subject)
        and rule.chosen_organisation_id in (None, answers.organisation_id)
    ]
    for rule in sorted(candidates, key=_specificity):
        target_id: int | None = None
        if rule.target == "fixed":
            target_id = rule.target_organisation_id
        elif rule.target == "chosen" and chosen is not None:
            target_id = chosen.id
        elif rule.target == "chosen_parent" and chosen is not None:
            target_id = chosen.parent_id
        if target_id is not None and target_id in organisations:
            name = chosen.name if chosen else ""
            return Decision(
                organisation_id=target_id,
                reason=rule.reason.replace("{organisation}", name),
                rule_id=rule.id,
            )
    if not answers.org_type:
        reason = _("The person did not know which organisation to complain about.")
    else:
        reason = _("No routing rule matched these answers, so the central triage team decides.")
    return Decision(organisation_id=triage_id, reason=reason)
