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

# What the tool and the complaint form say under, and when nothing is chosen for, that question.
DIRECTORY_ERRORS = {
    "police_force": gettext_lazy("Select the police force, or ‘I do not know’"),
    "witness_care": gettext_lazy("Select the police force area, or ‘I do not know’"),
    "cps": gettext_lazy("Select the CPS Area, or ‘I do not know’"),
    "probation": gettext_lazy("Select the probation region, or ‘I do not know’"),
}
DIRECTORY_HINTS = {
    "police_force": gettext_lazy(
        "This is usually the force for the area where it happened. British Transport Police "
        "deal with crime on the railways."
    ),
    "witness_care": gettext_lazy("This is usually the area where the crime happened."),
    "cps": gettext_lazy(
        "This is the CPS Area that dealt with the case, usually where the crime happened."
    ),
    "probation": gettext_lazy("This is the region where the person is supervised by probation."),
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


def steps_for(org_type: str, *, directory_counts: Mapping[str, int]) -> list[str]:
    """The question pages, in order, for someone who chose `org_type`."""
    steps = [STEP_ORG_TYPE]
    if asks_subject(org_type):
        steps.append(STEP_SUBJECT)
    if asks_organisation(org_type, directory_counts=directory_counts):
        steps.append(STEP_ORGANISATION)
    return steps


def implied_subject(org_type: str) -> str:
    """The subject when it is not asked: the only one there is, or none."""
    choices = subject_choices(org_type)
    return str(choices[0][0]) if len(choices) == 1 else ""


# ---------------------------------------------------------------------------------------
# What to tell the person: a Decision plus what the directory says about the organisation.
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


# Kinds of result, for templates and tests.
KIND_COMPLAINT = "complaint"
KIND_CHIEF_CONSTABLE = "chief_constable"
KIND_RIGHT_TO_REVIEW = "right_to_review"
KIND_JUDGE = "judge"
KIND_REVIEW = "review"  # unhappy with how a complaint was handled
KIND_COUNCIL = "council"
KIND_UNKNOWN = "unknown"


@dataclass(frozen=True)
class Advice:
    kind: str
    organisation_id: int
    organisation_name: str
    time_limit: str
    what_happens_next: list[str]
    next_step: str
    guidance_path: str


def _months(n: int) -> str:
    from django.utils.translation import ngettext

    return ngettext("%(n)d month", "%(n)d months", n) % {"n": n}


def _time_limit(org: OrgDetails) -> str:
    if not org.time_limit_months:
        return _(
            "There is no fixed time limit, but complain as soon as you can, while people "
            "still remember what happened."
        )
    return _(
        "Complain within %(months)s of what happened. If you could not complain sooner, say "
        "why: a late complaint can still be looked at in exceptional circumstances."
    ) % {"months": _months(org.time_limit_months)}


def _acknowledge(org: OrgDetails) -> str:
    return _(
        "%(name)s should reply, or tell you they have your complaint and when to expect a "
        "full answer, within %(days)d working days."
    ) % {"name": org.name, "days": org.acknowledge_working_days}


_PHSO_DIRECT = gettext_lazy(
    "If you are still unhappy after their final reply, you can ask the Parliamentary and "
    "Health Service Ombudsman to look at it. Since 29 January 2025 you can go to the "
    "Ombudsman directly, without asking your MP first."
)


def advise(answers: Answers, decision: Decision, *, organisation: OrgDetails) -> Advice:
    """Turn a routing decision into what the person needs to know, in plain words.

    `organisation` is the one the decision names. The special cases come first: a chief
    constable, a CPS decision (the Victims' Right to Review), a judge or magistrate, a
    complaint about how a complaint was handled, councils and "I don't know".
    """
    org_type, subject = answers.org_type, answers.subject
    org = organisation
    path = guidance_path(org_type)

    def result(
        kind: str, time_limit: str, steps: list[str], next_step: str, name: str = ""
    ) -> Advice:
        return Advice(
            kind=kind,
            organisation_id=decision.organisation_id,
            organisation_name=name or org.name,
            time_limit=time_limit,
            what_happens_next=steps,
            next_step=next_step,
            guidance_path=path,
        )

    if org_type in ("", UNKNOWN):
        return result(
            KIND_UNKNOWN,
            _("Time limits depend on the organisation. Most are 6 or 12 months."),
            [
                _(
                    "That is fine. Tell us what happened and we will pass it to a team who "
                    "will find the right organisation and send your complaint to them."
                ),
                _("We will tell you who has your complaint."),
            ],
            _("The organisation's reply will tell you where to go next if you are unhappy."),
        )

    if org_type in ("council", "youth_offending") and subject == COMPLAINT_HANDLING:
        # Councils are not in the directory: the central team passes complaints on, but the
        # person's next step is the council's last stage and then the Ombudsman.
        return result(
            KIND_REVIEW,
            _(
                "Go to the Ombudsman normally within 12 months of finding out about the "
                "problem. It usually expects you to finish the council's complaints process "
                "first."
            ),
            [
                _(
                    "If the council has more stages in its complaints process, ask for the "
                    "next stage first. Its reply should say how."
                ),
                _(
                    "If you have had the council's final reply, the Local Government and "
                    "Social Care Ombudsman can look at your complaint."
                ),
            ],
            _(
                "If you think the Ombudsman's decision is wrong, get legal advice: you may be "
                "able to ask a court to review it."
            ),
            name=_("Local Government and Social Care Ombudsman"),
        )

    if org_type in ("council", "youth_offending"):
        steps = [
            _(
                "Complaints about this go to the council that runs the service. We will find "
                "the right council and pass your complaint to them."
            )
        ]
        if subject == "adults":
            steps.append(_("The council should acknowledge your complaint within 3 working days."))
        elif subject == "children":
            steps.append(
                _(
                    "For services for children, the council should reply within 10 working "
                    "days (up to 20 if it is complicated). If you are unhappy, it looks again "
                    "in more depth, and then a review panel can look at it."
                )
            )
        return result(
            KIND_COUNCIL,
            _(
                "Complain within 12 months of what happened, or of when you found out about "
                "it. A late complaint can still be looked at if there was a good reason."
            ),
            steps,
            _(
                "If you are unhappy with the council's final reply, you can go to the Local "
                "Government and Social Care Ombudsman, normally within 12 months."
            ),
        )

    if org_type == "police_force" and subject == "chief_constable":
        return result(
            KIND_CHIEF_CONSTABLE,
            _time_limit(org),
            [
                _(
                    "Complaints about a chief constable do not go to the police force. They "
                    "go to the force's local policing body: %(name)s."
                )
                % {"name": org.name},
                _acknowledge(org),
            ],
            _(
                "If you are unhappy with how %(name)s dealt with it, you can ask the "
                "Independent Office for Police Conduct (IOPC) to review it."
            )
            % {"name": org.name},
        )

    if org_type == "police_force" and subject == COMPLAINT_HANDLING:
        return result(
            KIND_REVIEW,
            _("Ask for a review usually within 28 days of the date on the outcome letter."),
            [
                _(
                    "You can ask for a review of the outcome. Most reviews are done by the "
                    "force's local policing body: %(name)s. The Independent Office for Police "
                    "Conduct (IOPC) reviews some more serious cases. Your outcome letter says "
                    "which."
                )
                % {"name": org.name},
            ],
            _(
                "The review is the last step in the police complaints system. If you think "
                "the review was handled wrongly, get legal advice."
            ),
        )

    if org_type == "cps" and subject == "decision":
        return result(
            KIND_RIGHT_TO_REVIEW,
            _(
                "Ask for a review within 3 months of being told about the decision. Ask as "
                "soon as you can: a quick request gives the best chance of the case being "
                "started again if the decision was wrong."
            ),
            [
                _(
                    "A decision not to charge someone, to stop a case or to offer no evidence "
                    "is not dealt with as a complaint. You can ask for it to be looked at "
                    "again under the Victims' Right to Review scheme."
                ),
                _("A different prosecutor at %(name)s looks at the decision again.")
                % {"name": org.name},
            ],
            _(
                "If you are unhappy with the result, the CPS will tell you whether anything "
                "else can be done."
            ),
        )

    if org_type == "cps" and subject == COMPLAINT_HANDLING:
        return result(
            KIND_REVIEW,
            _(
                "Ask %(name)s for stage 2 within one month of its stage 1 reply. After stage "
                "2, go to the Independent Assessor of Complaints within one month."
            )
            % {"name": org.name},
            [
                _("%(name)s should reply to stage 2 within 20 working days.") % {"name": org.name},
                _(
                    "The Independent Assessor of Complaints is independent of the CPS. It "
                    "looks at service complaints, not legal decisions, and replies within 40 "
                    "working days."
                ),
            ],
            str(_PHSO_DIRECT),
        )

    if org_type == "courts" and subject == "judge":
        return result(
            KIND_JUDGE,
            _(
                "Complain as soon as you can. The Judicial Conduct Investigations Office will "
                "tell you if it is too late."
            ),
            [
                _(
                    "Complaints about how a judge or magistrate behaved are not dealt with by "
                    "the court. They go to the Judicial Conduct Investigations Office (JCIO)."
                ),
                _(
                    "The JCIO looks at personal conduct, such as rudeness. It cannot change a "
                    "judge's decision or sentence: for that, get legal advice about an appeal."
                ),
            ],
            _("The JCIO's reply will tell you what you can do if you are unhappy."),
        )

    if subject == COMPLAINT_HANDLING:
        return result(
            KIND_REVIEW,
            _(
                "Go to the Ombudsman once you have the organisation's final reply. Do not "
                "wait too long: the Ombudsman usually expects you to come within 12 months."
            ),
            [
                _(
                    "If %(name)s has more stages in its complaints process, ask for the next "
                    "stage first. Its reply should say how."
                )
                % {"name": org.name},
            ],
            str(_PHSO_DIRECT),
        )

    steps = [_acknowledge(org)]
    next_step = str(_PHSO_DIRECT)
    if org_type == "police_force":
        steps.insert(
            0,
            _(
                "Complain to %(name)s. Its professional standards department deals with "
                "complaints about officers, staff and the service."
            )
            % {"name": org.name},
        )
        next_step = _(
            "If you are unhappy with the outcome, you can ask for a review, usually within "
            "28 days of the outcome letter. The local policing body or the Independent "
            "Office for Police Conduct (IOPC) does the review; the letter says which."
        )
    elif org_type == "witness_care":
        steps.insert(
            0,
            _(
                "Witness Care Units are run by the police and the CPS. Your complaint goes to "
                "%(name)s first, which passes it to the CPS if that is where it belongs."
            )
            % {"name": org.name},
        )
        next_step = _(
            "If you are unhappy with the reply, the next steps are the same as for a "
            "complaint about the police or the CPS."
        )
    elif org_type == "cps":
        steps = [
            _("Stage 1: %(name)s should reply within %(days)d working days.")
            % {"name": org.name, "days": org.response_working_days},
            _(
                "If you are unhappy with the reply, ask for stage 2 within one month. The "
                "stage 2 reply should come within 20 working days."
            ),
        ]
        next_step = _(
            "After stage 2 you can go to the Independent Assessor of Complaints within one "
            "month, and then to the Parliamentary and Health Service Ombudsman."
        )
    elif org_type == "courts":
        steps = [
            _("The court or tribunal should reply within %(days)d working days.")
            % {"days": org.response_working_days},
            _(
                "If you are unhappy, a senior manager can look at it again (10 working days), "
                "and then HMCTS customer investigations (15 working days)."
            ),
        ]
    elif org_type == "probation":
        next_step = _(
            "If you are still unhappy after the final reply, you can go to the Parliamentary "
            "and Health Service Ombudsman directly (since 29 January 2025). The Prisons and "
            "Probation Ombudsman looks at some matters."
        )
    elif org_type == "this_service":
        next_step = _("Our reply will tell you what you can do if you are still unhappy.")
    return result(KIND_COMPLAINT, _time_limit(org), steps, next_step)
