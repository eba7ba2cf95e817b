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
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

# Request kinds. Only a complaint is acknowledged and counted as a complaint.
COMPLAINT = "complaint"
VRR = "vrr"  # Victims' Right to Review request (CPS, or police no further action)
OUTCOME_REVIEW = "outcome_review"  # review of the outcome of a complaint already made
CICA_REVIEW = "cica_review"  # disagreement with a CICA decision on a claim
PAROLE_RECONSIDERATION = "parole_reconsideration"  # a Parole Board release decision

REQUEST_KINDS: list[tuple[str, object]] = [
    (COMPLAINT, _("Complaint")),
    (VRR, _("Victims' Right to Review request")),
    (OUTCOME_REVIEW, _("Request to review a complaint outcome")),
    (CICA_REVIEW, _("Disagreement with a CICA decision")),
    (PAROLE_RECONSIDERATION, _("Parole Board decision")),
]
# Never acknowledged or counted as a complaint. A review of a complaint's outcome is a
# request about a complaint already made, not a new one.
NOT_COMPLAINTS = frozenset({VRR, CICA_REVIEW, PAROLE_RECONSIDERATION, OUTCOME_REVIEW})

ENGLAND = "england"
WALES = "wales"
NATIONS = {"": _("England and Wales"), ENGLAND: _("England"), WALES: _("Wales")}


@dataclass(frozen=True)
class Limit:
    """A time limit: months and days after the event that starts it."""

    months: int = 0
    days: int = 0

    def after(self, day: date) -> date:
        index = day.month - 1 + self.months
        year, month = day.year + index // 12, index % 12 + 1
        moved = date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
        return moved + timedelta(days=self.days)

    def words(self) -> str:
        """ "12 months", "28 days": in the active language."""
        if self.months and not self.days:
            return ngettext("%(n)d month", "%(n)d months", self.months) % {"n": self.months}
        return ngettext("%(n)d day", "%(n)d days", self.days) % {"n": self.days}


@dataclass(frozen=True)
class Route:
    org_type: str
    subject: str
    nation: str = ""
    kind: str = COMPLAINT
    # Who deals with it first, in words, used when the person does not know which one.
    body: str = ""
    # The usual time limit to complain (or to ask), and its words.
    limit: Limit | None = None
    limit_words: str = ""
    # Reply times and stages, in order.
    stages: tuple[str, ...] = ()
    # Who reviews or investigates next, how long the person has after the final reply
    # (None: no fixed limit), and what to tell them.
    next_body: str = ""
    next_within: Limit | None = None
    next_words: str = ""
    # Where the words come from, when not from facts.md.
    source: str = ""
    # Extra words for the tool's result ("this is not a complaint" and so on).
    notes: tuple[str, ...] = field(default=())
    # What the confirmation and the first email say happens now it is sent, where the
    # stages would tell the person to complain again (None: the stages say it).
    after_sending: tuple[str, ...] | None = None

    @property
    def key(self) -> str:
        return "/".join((self.org_type, self.subject, self.nation))

    @property
    def shown_notes(self) -> list[str]:
        """The tool's extra words, in the active language."""
        return [words(note) for note in self.notes]

    @property
    def shown_limit_words(self) -> str:
        return words(self.limit_words)

    @property
    def shown_body(self) -> str:
        return words(self.body)

    @property
    def is_complaint(self) -> bool:
        return self.kind not in NOT_COMPLAINTS

    def next_deadline(self, final_reply: date) -> date | None:
        return self.next_within.after(final_reply) if self.next_within else None


LATE = (
    "If you could not complain sooner, say why: a late complaint can still be looked at in "
    "exceptional circumstances."
)
PHSO = "the Parliamentary and Health Service Ombudsman"
PHSO_WORDS = (
    "If you are still unhappy after the final reply, you can ask the Parliamentary and Health "
    "Service Ombudsman to look at it, normally within 12 months. Since 29 January 2025 you can "
    "go to the Ombudsman directly, without asking your MP first (you still can if you prefer)."
)
POLICE_NEXT_BODY = "{policing_body}, or the IOPC for the complaints it must review"
POLICE_NEXT_WORDS = (
    "If you are unhappy with the outcome, you can ask for a review within 28 days of the date "
    "on the outcome letter. The letter says who reviews it: usually {policing_body}; the "
    "Independent Office for Police Conduct (IOPC) reviews some complaints, for example about "
    "senior officers or serious matters."
)
POLICE_FIRST = (
    "Complain to {organisation}. Its professional standards department deals with complaints "
    "about officers, staff, volunteers and contractors. You can also use the IOPC's online "
    "form: the IOPC passes the complaint to the force."
)
POLICE_BODY = "the police force for the area where it happened"
TEN_DAYS = (
    "{organisation} should reply, or tell you they have your complaint and when to expect a "
    "full answer, within 10 working days."
)
LGSCO = "the Local Government and Social Care Ombudsman"
PSOW = "the Public Services Ombudsman for Wales"
PSOW_SOURCE = (
    "Public Services Ombudsman (Wales) Act 2019 s.8(1)(c), "
    "https://www.legislation.gov.uk/anaw/2019/3/section/8/enacted, and "
    "https://www.ombudsman.wales/fact-sheets/complaints-against-public-bodies-our-procedure/ "
    "(checked 2026-12-01): within one year of first knowing about the matter."
)
JACO = "the Judicial Appointments and Conduct Ombudsman"
JACO_SOURCE = (
    "http://judicialconduct.judiciary.gov.uk/making-a-complaint/not-satisfied-with-our-service/ "
    "(checked 2026-12-01): the Ombudsman looks at how the JCIO, a tribunal president or a "
    "magistrates' Advisory Committee handled a complaint, once it is concluded. The 3-month "
    "limit for conduct complaints comes from facts.md; this page confirms only the "
    "Ombudsman step."
)

M12 = Limit(months=12)
M6 = Limit(months=6)
M3 = Limit(months=3)
M1 = Limit(months=1)
D28 = Limit(days=28)
D90 = Limit(days=90)
D21 = Limit(days=21)


def _within(limit: Limit, what: str) -> str:
    return f"Complain within {limit.words()} of {what}."


ROUTES: tuple[Route, ...] = (
    # Police.
    Route(
        "police_force",
        "service",
        body=POLICE_BODY,
        limit=M12,
        limit_words=_within(M12, "what happened") + " " + LATE,
        stages=(POLICE_FIRST, TEN_DAYS),
        after_sending=(
            "The professional standards department at {organisation} will deal with it.",
            TEN_DAYS,
        ),
        next_body=POLICE_NEXT_BODY,
        next_within=D28,
        next_words=POLICE_NEXT_WORDS,
    ),
    Route(
        "police_force",
        "chief_constable",
        body="the local policing body for the force (the police and crime commissioner, "
        "mayor or equivalent)",
        limit=M12,
        limit_words=_within(M12, "what happened") + " " + LATE,
        stages=(
            "Complaints about a chief officer (a chief constable, or the Commissioner of the "
            "Met or the City of London Police) do not go to the force. They go to its local "
            "policing body: {organisation}.",
            TEN_DAYS,
        ),
        next_body="the Independent Office for Police Conduct (IOPC)",
        next_within=D28,
        next_words="If you are unhappy with how {organisation} dealt with it, you can ask the "
        "Independent Office for Police Conduct (IOPC) to review it, within 28 days of the "
        "outcome letter.",
    ),
    Route(
        "police_force",
        "commissioner",
        body="the Police and Crime Panel for the area (in London, the London Assembly's "
        "Police and Crime Committee)",
        limit_words="Complain as soon as you can.",
        stages=(
            "Complaints about a police and crime commissioner or mayor themselves do not go "
            "to the force or to their office. They go to the Police and Crime Panel for the "
            "area. Panels are not in our directory, so our central team passes it on.",
        ),
        next_words="The panel's reply will tell you what you can do if you are still unhappy.",
    ),
    Route(
        "police_force",
        "no_further_action",
        kind=VRR,
        body=POLICE_BODY,
        limit=M3,
        limit_words="Ask within 3 months of being told about the decision. If you could not "
        "ask sooner, say why: a late request can still be looked at in exceptional "
        "circumstances.",
        stages=(
            "A decision to take no further action, or not to charge, after a suspect was "
            "interviewed under caution is not dealt with as a complaint. You can ask for it to "
            "be looked at again under the police Victims' Right to Review scheme, through "
            "{organisation}.",
            "Someone who did not make the decision looks at it again.",
        ),
        after_sending=("Someone who did not make the decision will look at it again.",),
        next_body="",
        next_words="The force's reply will say whether anything else can be done.",
    ),
    Route(
        "police_force",
        "complaint_handling",
        kind=OUTCOME_REVIEW,
        body="the local policing body (the police and crime commissioner, mayor or "
        "equivalent), or the IOPC",
        limit=D28,
        limit_words="Ask for a review within 28 days of the date on the outcome letter. If "
        "more time has passed, you can still ask: say why it took longer.",
        stages=(
            "Your outcome letter says who reviews it: usually {policing_body}; the Independent "
            "Office for Police Conduct (IOPC) reviews some complaints, for example about senior "
            "officers or serious matters.",
        ),
        next_body="",
        next_words="The review is the last step in the police complaints system. If you think "
        "the review was handled wrongly, get legal advice.",
    ),
    # Witness Care Units: a police complaint.
    Route(
        "witness_care",
        "service",
        body="the police force for the area where the Witness Care Unit is",
        limit=M12,
        limit_words=_within(M12, "what happened") + " " + LATE,
        stages=(
            "Witness Care Units are run by the police, with the CPS. A complaint about one is "
            "a police complaint: it goes to {organisation}.",
            TEN_DAYS,
        ),
        next_body=POLICE_NEXT_BODY,
        next_within=D28,
        next_words=POLICE_NEXT_WORDS,
    ),
    Route(
        "witness_care",
        "complaint_handling",
        kind=OUTCOME_REVIEW,
        body="the local policing body (the police and crime commissioner, mayor or "
        "equivalent), or the IOPC",
        limit=D28,
        limit_words="Ask for a review within 28 days of the date on the outcome letter. If "
        "more time has passed, you can still ask: say why it took longer.",
        stages=(
            "A complaint about a Witness Care Unit is a police complaint. Your outcome letter "
            "says who reviews it: usually {policing_body}; the IOPC reviews some complaints.",
        ),
        next_words="The review is the last step in the police complaints system.",
    ),
    # Crown Prosecution Service.
    Route(
        "cps",
        "service",
        body="the CPS Area that dealt with the case",
        limit=M6,
        limit_words=_within(M6, "what happened") + " " + LATE,
        stages=(
            "Stage 1: {organisation} should reply within 20 working days.",
            "If you are unhappy with the reply, ask for stage 2 within one month. The stage 2 "
            "reply should come within 20 working days.",
        ),
        next_body="the Independent Assessor of Complaints for the CPS",
        next_within=M1,
        next_words="After stage 2 you can go to the Independent Assessor of Complaints within "
        "one month (service complaints only, not legal decisions). It replies within 40 "
        "working days. After that, you can go to the Parliamentary and Health Service "
        "Ombudsman.",
    ),
    Route(
        "cps",
        "decision",
        kind=VRR,
        body="the CPS Area that dealt with the case",
        limit=M3,
        limit_words="Ask within 10 working days of being told about the decision for a prompt "
        "review. Requests are accepted up to 3 months after it, and later only in exceptional "
        "circumstances.",
        stages=(
            "A decision not to charge someone, to stop a case or to offer no evidence is not "
            "dealt with as a complaint. You can ask for it to be looked at again under the "
            "CPS Victims' Right to Review scheme.",
            "A prosecutor who did not make the decision looks at it again. A decision to offer "
            "no evidence cannot be reversed: you get an explanation and an apology.",
        ),
        after_sending=(
            "A prosecutor who did not make the decision will look at it again. A decision to "
            "offer no evidence cannot be reversed: if that was the decision, you will get an "
            "explanation and an apology.",
        ),
        next_words="Legal decisions never go to the Independent Assessor of Complaints. The "
        "CPS will tell you whether anything else can be done.",
    ),
    Route(
        "cps",
        "complaint_handling",
        kind=OUTCOME_REVIEW,
        body="the CPS Area that dealt with the case",
        limit=M1,
        limit_words="Ask for stage 2 within one month of the stage 1 reply.",
        stages=("Stage 2: {organisation} should reply within 20 working days.",),
        next_body="the Independent Assessor of Complaints for the CPS",
        next_within=M1,
        next_words="After stage 2 you can go to the Independent Assessor of Complaints within "
        "one month (service complaints only). It replies within 40 working days; then the "
        "Parliamentary and Health Service Ombudsman.",
    ),
    # Courts.
    Route(
        "courts",
        "service",
        body="HM Courts & Tribunals Service",
        limit_words="There is no fixed time limit, but complain as soon as you can.",
        stages=(
            "The court or tribunal should reply within 10 working days.",
            "If you are unhappy, a senior manager looks at it again (10 working days), and then "
            "HMCTS customer investigations (15 working days).",
        ),
        next_body=PHSO,
        next_within=M12,
        next_words=PHSO_WORDS,
    ),
    Route(
        "courts",
        "judge",
        body="the Judicial Conduct Investigations Office (JCIO)",
        limit=M3,
        limit_words=_within(M3, "the conduct") + " " + LATE,
        stages=(
            "Complaints about a judge's personal conduct (not their decisions) go to the "
            "Judicial Conduct Investigations Office (JCIO), not to the court.",
            "The JCIO cannot change a decision or a sentence: for that, get legal advice "
            "about an appeal.",
        ),
        next_body=JACO,
        next_words="If you are unhappy with how the JCIO dealt with your complaint, you can ask "
        "the Judicial Appointments and Conduct Ombudsman to look at how it was handled.",
        source=JACO_SOURCE,
    ),
    Route(
        "courts",
        "magistrate",
        body="the local Advisory Committee for the area where the magistrate sits",
        limit=M3,
        limit_words=_within(M3, "the conduct") + " " + LATE,
        stages=(
            "Complaints about a magistrate's personal conduct go to the local Advisory "
            "Committee, in writing. The JCIO does not take or pass on complaints about "
            "magistrates.",
            "Our central team will find the right Advisory Committee and pass your complaint on.",
        ),
        next_body=JACO,
        next_words="If you are unhappy with how the Advisory Committee dealt with your "
        "complaint, you can ask the Judicial Appointments and Conduct Ombudsman to look at "
        "how it was handled.",
        source=JACO_SOURCE,
    ),
    Route(
        "courts",
        "tribunal_or_coroner",
        body="the president of the tribunal, or the coroner's office",
        limit=M3,
        limit_words=_within(M3, "the conduct") + " " + LATE,
        stages=(
            "Complaints about how a tribunal member or a coroner behaved go first to the "
            "tribunal's president or the coroner's office. Our central team passes it on.",
        ),
        next_body="the Judicial Conduct Investigations Office (JCIO)",
        next_words="If you are unhappy with how it was dealt with, the JCIO can look at it. "
        "After that, the Judicial Appointments and Conduct Ombudsman can look at how your "
        "complaint was handled.",
        source=JACO_SOURCE,
    ),
    Route(
        "courts",
        "complaint_handling",
        kind=OUTCOME_REVIEW,
        body="HM Courts & Tribunals Service",
        limit_words="Ask for the next stage as soon as you can after the reply.",
        stages=(
            "If you are unhappy with the court's reply, a senior manager looks at it again (10 "
            "working days), and then HMCTS customer investigations (15 working days).",
        ),
        next_body=PHSO,
        next_within=M12,
        next_words=PHSO_WORDS,
    ),
)


NEXT_STAGE_SENT = (
    "It goes to {organisation} as a request for the next stage of its complaints process."
)


def _service_and_handling(
    org_type: str, body: str, *, limit: Limit | None = M12, next_body: str = PHSO, **extra
) -> tuple[Route, Route]:
    words = (
        _within(limit, "what happened") + " " + LATE
        if limit
        else "There is no fixed time limit, but complain as soon as you can."
    )
    return (
        Route(
            org_type,
            "service",
            body=body,
            limit=limit,
            limit_words=words,
            stages=(TEN_DAYS,),
            next_body=next_body,
            next_within=M12 if next_body == PHSO else None,
            next_words=PHSO_WORDS if next_body == PHSO else "",
            **extra,
        ),
        Route(
            org_type,
            "complaint_handling",
            kind=OUTCOME_REVIEW,
            body=body,
            limit_words="Ask for the next stage of their complaints process first, if there "
            "is one. Its reply should say how.",
            stages=("If {organisation} has more stages, ask for the next one first.",),
            after_sending=(NEXT_STAGE_SENT,),
            next_body=next_body,
            next_within=M12 if next_body == PHSO else None,
            next_words=PHSO_WORDS if next_body == PHSO else "",
            **extra,
        ),
    )


PROBATION_NOTE = (
    "The Prisons and Probation Ombudsman does not take victims' complaints (only complaints "
    "from prisoners, people under probation supervision and residents of approved premises)."
)


def _council(org_type: str, body: str) -> tuple[Route, ...]:
    england_reply = (
        "Stage 1: the council should reply within 10 working days (up to 20 if it is "
        "complicated). Stage 2: an investigation, 25 working days (up to 65). Stage 3: a "
        "review panel, asked for within 20 working days."
    )
    return (
        Route(
            org_type,
            "adults" if org_type == "council" else "service",
            ENGLAND,
            body=body + " (in England)",
            limit=M12,
            limit_words="Complain within 12 months of what happened, or of when you found out "
            "about it. " + LATE,
            stages=(
                (
                    "The council's complaints manager should acknowledge your complaint within "
                    "3 working days. A full reply can take up to 6 months."
                )
                if org_type == "council"
                # A youth justice service follows the council's own process; the Code's
                # 10 working days apply (facts.md gives no statutory stages for it).
                else TEN_DAYS,
            ),
            next_body=LGSCO,
            next_within=M12,
            next_words="If you are unhappy with the council's final reply, you can go to the "
            "Local Government and Social Care Ombudsman, normally within 12 months.",
        ),
        *(
            (
                Route(
                    "council",
                    "children",
                    ENGLAND,
                    body=body + " (in England)",
                    limit=M12,
                    limit_words="Complain within 12 months of what happened, or of when you "
                    "found out about it. " + LATE,
                    stages=(england_reply,),
                    next_body=LGSCO,
                    next_within=M12,
                    next_words="If you are unhappy after the council's last stage, you can go "
                    "to the Local Government and Social Care Ombudsman, normally within 12 "
                    "months.",
                ),
            )
            if org_type == "council"
            else ()
        ),
        Route(
            org_type,
            "wales" if org_type == "council" else "service_wales",
            WALES,
            body=body + " (in Wales)",
            limit=M12,
            limit_words="Complain within 12 months of what happened, or of when you found out "
            "about it. " + LATE,
            stages=(
                (
                    "Stage 1: local resolution. The council should reply within 10 working days.",
                    "Stage 2: a formal investigation, within 25 working days.",
                )
                if org_type == "council"
                else (TEN_DAYS,)
            ),
            next_body=PSOW,
            next_within=M12,
            next_words="If you are unhappy with the council's final reply, you can go to the "
            "Public Services Ombudsman for Wales (not the Local Government and Social Care "
            "Ombudsman), normally within 12 months of knowing about the problem.",
            source=PSOW_SOURCE,
        ),
        Route(
            org_type,
            "complaint_handling",
            ENGLAND,
            kind=OUTCOME_REVIEW,
            body=body + " (in England)",
            limit=M12,
            limit_words="Go to the Ombudsman normally within 12 months of finding out about "
            "the problem. It usually expects you to finish the council's process first.",
            stages=(
                "If the council has more stages in its complaints process, ask for the next "
                "stage first.",
            ),
            after_sending=(NEXT_STAGE_SENT,),
            next_body=LGSCO,
            next_within=M12,
            next_words="After the council's final reply, the Local Government and Social Care "
            "Ombudsman can look at your complaint.",
        ),
        Route(
            org_type,
            "complaint_handling_wales",
            WALES,
            kind=OUTCOME_REVIEW,
            body=body + " (in Wales)",
            limit=M12,
            limit_words="Go to the Ombudsman normally within 12 months of knowing about the "
            "problem. It usually expects you to finish the council's two stages first.",
            stages=("If you have not had the council's stage 2 reply, ask for stage 2 first.",),
            after_sending=(NEXT_STAGE_SENT,),
            next_body=PSOW,
            next_within=M12,
            next_words="After stage 2, the Public Services Ombudsman for Wales can look at your "
            "complaint.",
            source=PSOW_SOURCE,
        ),
    )


ROUTES = (
    *ROUTES,
    *_service_and_handling(
        "probation",
        "the probation region that supervises the person",
        notes=(PROBATION_NOTE,),
    ),
    # facts.md gives no time limit for prisons, so none is shown.
    *_service_and_handling(
        "prisons", "HM Prison and Probation Service (the prison first)", limit=None
    ),
    *_service_and_handling("parole_board", "the Parole Board", limit=None),
    Route(
        "parole_board",
        "decision",
        kind=PAROLE_RECONSIDERATION,
        body="your Victim Liaison Officer (for the Secretary of State)",
        limit=D21,
        limit_words="Ask within 21 days of the decision. This time limit is short and strict, "
        "so do not wait.",
        stages=(
            "A release decision is not dealt with as a complaint. Through your Victim Liaison "
            "Officer you can ask the Secretary of State to consider applying for the decision "
            "to be reconsidered, and you can ask for a summary of the decision.",
        ),
        after_sending=(
            "Your Victim Liaison Officer can ask the Secretary of State to consider applying "
            "for the decision to be reconsidered. They can also ask for a summary of the "
            "decision for you.",
        ),
        next_words="Your Victim Liaison Officer will tell you what happens next.",
        notes=(
            "Contact your Victim Liaison Officer today if you can. Victims cannot ask the "
            "Parole Board itself: the Secretary of State decides whether to apply.",
        ),
    ),
    *_service_and_handling("cica", "the Criminal Injuries Compensation Authority", limit=None),
    Route(
        "cica",
        "decision",
        kind=CICA_REVIEW,
        body="the Criminal Injuries Compensation Authority",
        limit=D90,
        limit_words="Ask CICA for a review within 90 days of the date of its decision. If you "
        "could not ask sooner, say why: a late request can still be looked at in exceptional "
        "circumstances.",
        stages=(
            "A decision on your claim is not dealt with as a complaint: ask CICA to review it.",
        ),
        after_sending=("CICA will look at its decision again.",),
        next_body="the First-tier Tribunal (Criminal Injuries Compensation)",
        next_within=D90,
        next_words="If you disagree with the review decision, you can appeal to the First-tier "
        "Tribunal (Criminal Injuries Compensation) within 90 days of the review decision.",
    ),
    *_council("youth_offending", "the council that runs the youth justice service"),
    *_council("council", "the council that runs the service"),
    Route(
        "this_service",
        "",
        body="this website's team",
        limit_words="There is no fixed time limit.",
        stages=("We will reply within 10 working days.",),
        next_words="Our reply will tell you what you can do if you are still unhappy.",
    ),
    Route(
        "unknown",
        "",
        body="the organisation your complaint is about",
        limit_words="Time limits depend on the organisation. Many are 6 or 12 months, but "
        "some are much shorter, from 10 working days to 3 months for decisions and reviews, "
        "so send it now. " + LATE,
        stages=(
            "That is fine. Our central team will find the right organisation and pass your "
            "complaint to them, and we will tell you who has it.",
        ),
        # The confirmation already says the central team will find it and pass it on.
        after_sending=(),
        next_words="The organisation's reply will tell you where to go next if you are unhappy.",
    ),
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


def words(text: str) -> str:
    """A row's words in the active language (directory/route_words.py lists them for
    translation). Staff pages are in English, so they get the row as written."""
    return gettext(text) if text else text


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
