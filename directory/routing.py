"""Where a complaint goes, and why: one pure function over the complainant's answers.

The "who should I complain to?" tool and the complaint form ask these questions.
`route()` takes plain data (no database access) so every rule can be tested on its own;
`directory.selectors.routing_inputs()` loads that data from the RoutingRule table. Nobody
calls `route()` but `directory.decide.decide()`, the one decision everything else reads.
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

# Where the "who should I complain to?" tool keeps its answers in the session:
# {"org_type", "subject", "organisation_id"}. The complaint form reads them to skip the
# questions the tool has asked already.
ANSWERS_SESSION_KEY = "routing_answers"

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

_ORG_TYPES = frozenset(value for value, _label in ORG_TYPE_CHOICES)


def is_org_type(value: object) -> bool:
    """Whether `value` is one of the answers to "who is the complaint about?"."""
    return isinstance(value, str) and value in _ORG_TYPES


SERVICE = "service"
COMPLAINT_HANDLING = "complaint_handling"

_HANDLING = (COMPLAINT_HANDLING, gettext_lazy("How they dealt with a complaint you already made"))

_HANDLING_WALES = (
    "complaint_handling_wales",
    gettext_lazy("How a council in Wales dealt with a complaint you already made"),
)
_HANDLING_ENGLAND = (
    COMPLAINT_HANDLING,
    gettext_lazy("How a council in England dealt with a complaint you already made"),
)

# Every (type, subject) here has exactly one row in `directory.routes` (a test checks).
SUBJECT_CHOICES: dict[str, list[tuple[str, object]]] = {
    "police_force": [
        (
            SERVICE,
            gettext_lazy(
                "How an officer or member of police staff treated you, or the service you got"
            ),
        ),
        (
            "chief_constable",
            gettext_lazy(
                "The chief officer: the chief constable, or the Commissioner of the Met or the "
                "City of London Police"
            ),
        ),
        (
            "commissioner",
            gettext_lazy("The police and crime commissioner or mayor themselves"),
        ),
        (
            "no_further_action",
            gettext_lazy(
                "A decision to take no further action or not to charge someone, after they "
                "were interviewed under caution"
            ),
        ),
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
        ("judge", gettext_lazy("How a judge behaved (not their decision)")),
        ("magistrate", gettext_lazy("How a magistrate behaved (not their decision)")),
        ("tribunal_or_coroner", gettext_lazy("How a tribunal member or a coroner behaved")),
        _HANDLING,
    ],
    "parole_board": [
        (SERVICE, gettext_lazy("The service you got")),
        ("decision", gettext_lazy("A decision to release someone")),
        _HANDLING,
    ],
    "cica": [
        (SERVICE, gettext_lazy("The service you got")),
        ("decision", gettext_lazy("A decision on a compensation claim")),
        _HANDLING,
    ],
    "youth_offending": [
        (SERVICE, gettext_lazy("A youth offending team in England")),
        ("service_wales", gettext_lazy("A youth offending team in Wales")),
        _HANDLING_ENGLAND,
        _HANDLING_WALES,
    ],
    "council": [
        ("adults", gettext_lazy("Social care for adults, in England")),
        ("children", gettext_lazy("Services for children, in England")),
        ("wales", gettext_lazy("Social services in Wales, for adults or children")),
        _HANDLING_ENGLAND,
        _HANDLING_WALES,
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
    "council": ("council", gettext_lazy("Which council?")),
    "youth_offending": (
        "youth_offending",
        gettext_lazy("Which council's youth justice service?"),
    ),
}

# What the tool and the complaint form say under, and when nothing is chosen for, that question.
DIRECTORY_ERRORS = {
    "police_force": gettext_lazy("Select the police force, or ‘I do not know’"),
    "witness_care": gettext_lazy("Select the police force area, or ‘I do not know’"),
    "cps": gettext_lazy("Select the CPS Area, or ‘I do not know’"),
    "probation": gettext_lazy("Select the probation region, or ‘I do not know’"),
    "council": gettext_lazy("Select the council, or ‘I do not know’"),
    "youth_offending": gettext_lazy("Select the council, or ‘I do not know’"),
}
DIRECTORY_HINTS = {
    "police_force": gettext_lazy(
        "This is usually the force for the area where it happened. In London it is the "
        "Metropolitan Police, except in the City of London (the ‘Square Mile’), which has its "
        "own force. British Transport Police deal with crime on the railways."
    ),
    "witness_care": gettext_lazy("This is usually the area where the crime happened."),
    "cps": gettext_lazy(
        "This is the CPS Area that dealt with the case, usually where the crime happened."
    ),
    "probation": gettext_lazy("This is the region where the person is supervised by probation."),
    "council": gettext_lazy(
        "This is the council for the area where you live or where the service was given. "
        "You can type a town or city to find it."
    ),
    "youth_offending": gettext_lazy(
        "Youth justice services are run by the council for the area where the young person "
        "lives. You can type a town or city to find it."
    ),
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


# ---------------------------------------------------------------------------------------
# Which questions apply. Pure, so the tool and the complaint form skip the same ones.
# ---------------------------------------------------------------------------------------

STEP_ORG_TYPE = "about"
STEP_SUBJECT = "subject"
STEP_ORGANISATION = "organisation"


def subject_choices(org_type: str) -> list[tuple[str, object]]:
    return SUBJECT_CHOICES.get(org_type, [])


def asks_subject(org_type: str) -> bool:
    """Whether to ask what the complaint is about. With one possible answer, we don't."""
    return len(subject_choices(org_type)) > 1


def directory_type(org_type: str) -> str | None:
    """The directory type the person chooses from for this org type, if there is a choice."""
    question = DIRECTORY_QUESTIONS.get(org_type)
    return question[0] if question else None


def asks_organisation(org_type: str, *, directory_counts: Mapping[str, int]) -> bool:
    """Whether to ask which organisation: only where the directory holds more than one."""
    kind = directory_type(org_type)
    return kind is not None and directory_counts.get(kind, 0) > 1


def steps_for(
    org_type: str, *, directory_counts: Mapping[str, int], organisation_retired: bool = False
) -> list[str]:
    """The question pages, in order, for someone who chose `org_type`: the one answer to
    "which questions apply", for the tool and the complaint form alike.

    `organisation_retired`: the organisation chosen has left the directory since, so the
    complaint form asks again, even where one is left to choose.
    """
    steps = [STEP_ORG_TYPE]
    if asks_subject(org_type):
        steps.append(STEP_SUBJECT)
    if asks_organisation(org_type, directory_counts=directory_counts) or organisation_retired:
        steps.append(STEP_ORGANISATION)
    return steps


def implied_subject(org_type: str) -> str:
    """The subject when it is not asked: the only one there is, or none."""
    choices = subject_choices(org_type)
    return str(choices[0][0]) if len(choices) == 1 else ""


# ---------------------------------------------------------------------------------------
# Where the guidance lives. What to tell the person is in `directory.routes` and
# `directory.decide`.
# ---------------------------------------------------------------------------------------

# The complain-about guidance page for each type, under /complain-about/<slug>/
# (guidance/content/pages/complain-about__<slug>.md).
GUIDANCE_SLUGS: dict[str, str] = {
    "police_force": "police",
    "witness_care": "witness-care",
    "cps": "cps",
    "courts": "courts",
    "probation": "probation",
    "prisons": "prisons",
    "parole_board": "parole-board",
    "cica": "cica",
    "youth_offending": "youth-offending-teams",
    "council": "council-social-services",
    "this_service": "this-website",
}


def guidance_path(org_type: str) -> str:
    """Where the guidance about complaining to this type of organisation lives."""
    slug = GUIDANCE_SLUGS.get(org_type)
    return f"/complain-about/{slug}/" if slug else "/making-a-complaint/"


@dataclass(frozen=True)
class OrgDetails:
    """What the advice needs to know about the organisation a complaint goes to."""

    id: int
    name: str
    org_type: str
    time_limit_months: int | None = None
    acknowledge_working_days: int = 10
    response_working_days: int = 20
    escalation_name: str = ""
