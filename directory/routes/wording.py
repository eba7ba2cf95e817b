"""Words, bodies and time limits that several rows of the routes table share."""

from __future__ import annotations

from directory.routes.rows import Limit

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


def complain_within(limit: Limit, what: str) -> str:
    return f"Complain within {limit.words()} of {what}."


NEXT_STAGE_SENT = (
    "It goes to {organisation} as a request for the next stage of its complaints process."
)
