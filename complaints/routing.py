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
from django.utils.translation import gettext_lazy

# ---------------------------------------------------------------------------------------
# The questions. The tool and the complaint form ask exactly these, in this order:
#   1. ORG_TYPE_CHOICES: who is the complaint about?
#   2. SUBJECT_CHOICES[org_type]: what is it about? (skipped where there is one subject)
#   3. DIRECTORY_QUESTIONS[org_type]: which one? chosen from the directory (skipped where
#      the type has no entry here, or the directory holds only one organisation of it).
# ---------------------------------------------------------------------------------------

UNKNOWN = "unknown"

ORG_TYPE_CHOICES: list[tuple[str, object]] = [
    ("police_force", gettext_lazy("The police")),
    ("witness_care", gettext_lazy("A Witness Care Unit")),
    ("cps", gettext_lazy("The Crown Prosecution Service (CPS)")),
    ("courts", gettext_lazy("A court or tribunal")),
    ("probation", gettext_lazy("The Probation Service, including the Victim Contact Scheme")),
    ("prisons", gettext_lazy("A prison")),
    ("parole_board", gettext_lazy("The Parole Board")),
    ("cica", gettext_lazy("The Criminal Injuries Compensation Authority (CICA)")),
    ("youth_offending", gettext_lazy("A youth offending team")),
    ("council", gettext_lazy("Council social services")),
    ("this_service", gettext_lazy("This website")),
    (UNKNOWN, gettext_lazy("I do not know")),
]

SERVICE = "service"
COMPLAINT_HANDLING = "complaint_handling"

_HANDLING = (COMPLAINT_HANDLING, gettext_lazy("How they dealt with a complaint you already made"))

SUBJECT_CHOICES: dict[str, list[tuple[str, object]]] = {
    "police_force": [
        (
            SERVICE,
            gettext_lazy(
                "How an officer or member of police staff treated you, or the service you got"
            ),
        ),
        ("chief_constable", gettext_lazy("The chief constable (the head of the force)")),
        _HANDLING,
    ],
    "cps": [
        (SERVICE, gettext_lazy("How the CPS treated you, or the service you got")),
        (
            "decision",
            gettext_lazy(
                "A decision not to charge someone, to stop a case or to offer no evidence"
            ),
        ),
        _HANDLING,
    ],
    "courts": [
        (SERVICE, gettext_lazy("Court or tribunal staff, or the service you got")),
        ("judge", gettext_lazy("How a judge or magistrate behaved")),
        _HANDLING,
    ],
    "council": [
        ("adults", gettext_lazy("Social care for adults")),
        ("children", gettext_lazy("Services for children")),
        _HANDLING,
    ],
}
for _org_type, _label in ORG_TYPE_CHOICES:
    if _org_type not in SUBJECT_CHOICES and _org_type not in (UNKNOWN, "this_service"):
        SUBJECT_CHOICES[_org_type] = [(SERVICE, gettext_lazy("The service you got")), _HANDLING]

# For these types the person chooses one organisation from the directory. The value is the
# directory type to choose from: a Witness Care Unit is chosen by its police force area.
DIRECTORY_QUESTIONS: dict[str, tuple[str, object]] = {
    "police_force": ("police_force", gettext_lazy("Which police force?")),
    "witness_care": (
        "police_force",
        gettext_lazy("Which police force area is the Witness Care Unit in?"),
    ),
    "cps": ("cps", gettext_lazy("Which CPS Area?")),
    "probation": ("probation", gettext_lazy("Which probation region?")),
}


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
    if answers.org_type in ("", UNKNOWN):
        reason = _("The person did not know which organisation to complain about.")
    else:
        reason = _("No routing rule matched these answers, so the central triage team decides.")
    return Decision(organisation_id=triage_id, reason=reason)
