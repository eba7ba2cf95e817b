"""The routes for the police, Witness Care Units, the Crown Prosecution Service and the
courts and tribunals."""

from __future__ import annotations

from directory.routes.rows import OUTCOME_REVIEW, VRR, Route
from directory.routes.wording import (
    D28,
    JACO,
    JACO_SOURCE,
    LATE,
    M1,
    M3,
    M6,
    M12,
    PHSO,
    PHSO_WORDS,
    POLICE_BODY,
    POLICE_FIRST,
    POLICE_NEXT_BODY,
    POLICE_NEXT_WORDS,
    TEN_DAYS,
    complain_within,
)

ROUTES: tuple[Route, ...] = (
    # Police.
    Route(
        "police_force",
        "service",
        body=POLICE_BODY,
        limit=M12,
        limit_words=complain_within(M12, "what happened") + " " + LATE,
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
        limit_words=complain_within(M12, "what happened") + " " + LATE,
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
        limit_words=complain_within(M12, "what happened") + " " + LATE,
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
        limit_words=complain_within(M6, "what happened") + " " + LATE,
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
        limit_words=complain_within(M3, "the conduct") + " " + LATE,
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
        limit_words=complain_within(M3, "the conduct") + " " + LATE,
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
        limit_words=complain_within(M3, "the conduct") + " " + LATE,
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
