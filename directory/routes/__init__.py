"""What happens to a complaint, and what the person can do next: data, not branches.

One row for each answer to "who is it about?" and "what is it about?" and, where the route
differs, the nation (England or Wales). Each row holds the request kind (a complaint, or a
request that is not a complaint), who deals with it first (in words, for when the person
does not know which one), the usual time limit, the reply times and stages, and who
reviews or investigates next and by when. The tool's result, the journey, the
confirmation, every email, the progress page and the staff page read these rows through
`directory.decide`; `docs/routes.md` is generated from them (`manage.py routes_doc`).

Facts come from ../shared/facts.md unless a row's `source` says otherwise. Sentences are
the site's own. "{organisation}" in a sentence becomes the organisation's name (or the
kind of body in words); "{policing_body}" the force's local policing body.

The rows are in modules by kind of organisation: `justice` (police, Witness Care Units,
the CPS, courts), `national` (probation, prisons, the Parole Board, CICA), `councils` and
`others` (this website, "I do not know"); `rows` defines a row and `wording` the words
several rows share. Everything is read from `directory.routes`.
"""

from __future__ import annotations

from django.utils.translation import get_language

from directory.routes import councils, justice, national, others
from directory.routes.rows import (
    CICA_REVIEW,
    COMPLAINT,
    ENGLAND,
    NATIONS,
    NOT_COMPLAINTS,
    OUTCOME_REVIEW,
    PAROLE_RECONSIDERATION,
    REQUEST_KINDS,
    VRR,
    WALES,
    Limit,
    Route,
    words,
)
from directory.routes.wording import (
    D21,
    D28,
    D90,
    JACO,
    JACO_SOURCE,
    LATE,
    LGSCO,
    M1,
    M3,
    M6,
    M12,
    NEXT_STAGE_SENT,
    PHSO,
    PHSO_WORDS,
    POLICE_BODY,
    POLICE_FIRST,
    POLICE_NEXT_BODY,
    POLICE_NEXT_WORDS,
    PSOW,
    PSOW_SOURCE,
    TEN_DAYS,
)

# In this order in docs/routes.md; the first row of a type is its ordinary complaint.
ROUTES: tuple[Route, ...] = (
    *justice.ROUTES,
    *national.ROUTES,
    *councils.ROUTES,
    *others.ROUTES,
)

BY_KEY: dict[str, Route] = {route.key: route for route in ROUTES}
assert len(BY_KEY) == len(ROUTES), "two routes share a key"

# Subjects whose route is Welsh; every other subject of a type with Welsh rows is English.
WELSH_SUBJECTS = frozenset({"wales", "service_wales", "complaint_handling_wales"})


def shown_name(name: str) -> str:
    """An organisation's name for a public page: on a Welsh page, with its Welsh name from
    this process's copy of the directory (the kind of body in words has none)."""
    if get_language() != "cy":
        return name
    from directory import cache
    from directory.names import shown_name as organisation_name

    return organisation_name(name, cache.directory().welsh_names.get(name, ""))


def fill(text: str, *, organisation: str, policing_body: str) -> str:
    """A row's words, in the active language, with the names put in; a sentence that
    starts with one (the kind of body in words, "the police force for the area...")
    starts with a capital."""
    filled = (
        words(text)
        .replace("{organisation}", shown_name(words(organisation)))
        .replace("{policing_body}", words(policing_body))
    )
    return filled[:1].upper() + filled[1:]


def nation_for(org_type: str, subject: str) -> str:
    """The nation part of the key: only types whose route differs in Wales have one."""
    if not any(r.org_type == org_type and r.nation for r in ROUTES):
        return ""
    return WALES if subject in WELSH_SUBJECTS else ENGLAND


# A council's (or its youth justice service's) own nation decides the row, whatever nation
# the subject the person picked implies: (org_type, nation) -> {subject picked: subject}.
_NATION_SUBJECTS: dict[tuple[str, str], dict[str, str]] = {
    ("council", WALES): {
        "": "wales",
        "adults": "wales",
        "children": "wales",
        "complaint_handling": "complaint_handling_wales",
    },
    # Which English row (adults or children) cannot be known from "in Wales": adults' one
    # stage, the shorter promise, is used, and the council's reply gives its own stages.
    ("council", ENGLAND): {"wales": "adults", "complaint_handling_wales": "complaint_handling"},
    ("youth_offending", WALES): {
        "": "service_wales",
        "service": "service_wales",
        "complaint_handling": "complaint_handling_wales",
    },
    ("youth_offending", ENGLAND): {
        "service_wales": "service",
        "complaint_handling_wales": "complaint_handling",
    },
}


def subject_for_nation(org_type: str, subject: str, nation: str | None) -> str:
    """The subject whose row fits the nation of the body chosen ("England" or "Wales")."""
    if not nation:
        return subject
    return _NATION_SUBJECTS.get((org_type, nation.lower()), {}).get(subject, subject)


def route_for(org_type: str, subject: str) -> Route:
    """The row for these answers: a subject the questions never give gets the type's
    ordinary complaint row, and a type they never give the "I do not know" row."""
    key = "/".join((org_type, subject, nation_for(org_type, subject)))
    return BY_KEY.get(key) or default_route_for_type(org_type) or BY_KEY["unknown//"]


def route_by_key(key: str) -> Route:
    return BY_KEY.get(key) or BY_KEY["unknown//"]


def default_route_for_type(org_type: str) -> Route | None:
    """The first row of a type (its ordinary complaint), for a complaint passed on to it."""
    return next((r for r in ROUTES if r.org_type == org_type), None)


# Names that read with "the" in the middle of a sentence ("pass it to the Parole Board").
# Names of forces, CPS Areas and councils do not ("pass it to Kent Police").
_NAMES_WITH_THE = (
    "Police and Crime Commissioner",
    "Police, Fire and Crime Commissioner",
    "Mayor of ",
    "Mayor's Office",
    "British Transport Police Authority",
    "Ministry of Defence Police Committee",
    "City of London Corporation",
    "Metropolitan Police Service",
    "Independent ",
    "Parliamentary and Health Service Ombudsman",
    "Local Government and Social Care Ombudsman",
    "Public Services Ombudsman",
    "Judicial ",
    "Prisons and Probation Ombudsman",
    "Parole Board",
    "Criminal Injuries Compensation",
    "Central triage team",
    "Probation Service",
    "Crown Prosecution Service",
)


def in_sentence(name: str) -> str:
    """An organisation's name as it reads mid-sentence: "the Parole Board", "Kent Police";
    the kind of body in words ("the police force for ...") is left as it is. Welsh
    names need no article added."""
    if get_language() == "cy":
        return name
    if name.startswith(_NAMES_WITH_THE):
        return "the " + name
    return name


__all__ = [
    "BY_KEY",
    "CICA_REVIEW",
    "COMPLAINT",
    "D21",
    "D28",
    "D90",
    "ENGLAND",
    "JACO",
    "JACO_SOURCE",
    "LATE",
    "LGSCO",
    "Limit",
    "M1",
    "M12",
    "M3",
    "M6",
    "NATIONS",
    "NEXT_STAGE_SENT",
    "NOT_COMPLAINTS",
    "OUTCOME_REVIEW",
    "PAROLE_RECONSIDERATION",
    "PHSO",
    "PHSO_WORDS",
    "POLICE_BODY",
    "POLICE_FIRST",
    "POLICE_NEXT_BODY",
    "POLICE_NEXT_WORDS",
    "PSOW",
    "PSOW_SOURCE",
    "REQUEST_KINDS",
    "ROUTES",
    "Route",
    "TEN_DAYS",
    "VRR",
    "WALES",
    "WELSH_SUBJECTS",
    "default_route_for_type",
    "fill",
    "in_sentence",
    "nation_for",
    "route_by_key",
    "route_for",
    "shown_name",
    "subject_for_nation",
    "words",
]
