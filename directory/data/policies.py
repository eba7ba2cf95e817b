"""Where to go next, and the organisations' own reply policies, in plain words (facts.md).

Each is an organisation's `response_policy` in the directory as it ships.
"""

POLICE = (
    "Complain to the force's professional standards department, or through the IOPC, which "
    "passes the complaint to the force. Complain within 12 months of what happened; explain "
    "any delay. If you are unhappy with the outcome, you can ask for a review, usually "
    "within 28 days of the outcome letter. The outcome letter says who does the review: "
    "usually the local policing body; the IOPC for the complaints it must review (for "
    "example about senior officers or serious matters)."
)
LOCAL_POLICING_BODY = (
    "Deals with complaints about the force's chief officer, and reviews how the force handled "
    "many other complaints. Ask for a review usually within 28 days of the force's outcome "
    "letter."
)
VICTIMS_SERVICE = (
    "Arranged by the local policing body to support victims in the area. If a service it "
    "sent you to let you down, tell this service; the local policing body that arranged it "
    "follows the Victims' Code."
)
CPS = (
    "Stage 1: the CPS Area replies within 20 working days. If you are unhappy, ask for "
    "stage 2 within one month; the reply comes within 20 working days. Complain within 6 "
    "months of what happened. A decision not to charge, to stop a case or to offer no "
    "evidence is not a complaint: ask for a review under the Victims' Right to Review "
    "scheme, within 10 working days for a prompt review (requests are accepted up to 3 "
    "months). The Independent Assessor of Complaints does not look at a complaint while "
    "the case is still going on."
)
PROBATION = (
    "Complain to the probation region, usually within 12 months. If you are unhappy with "
    "the reply, you can go to the Parliamentary and Health Service Ombudsman. The Prisons "
    "and Probation Ombudsman does not take complaints from victims."
)


COUNCIL_ENGLAND = (
    "Complain to the council's complaints team, within 12 months. Adults' social care has one "
    "stage: the council should acknowledge within 3 working days and reply in full within 6 "
    "months. Children's services have three statutory stages: a reply within 10 working days "
    "(up to 20), an investigation within 25 working days (up to 65), then a review panel. "
    "After that you can go to the Local Government and Social Care Ombudsman."
)
COUNCIL_WALES = (
    "Complain to the council's complaints team, within 12 months. There are two stages: local "
    "resolution, with a reply within 10 working days, then a formal investigation within 25 "
    "working days. After that you can go to the Public Services Ombudsman for Wales."
)
YOUTH_JUSTICE = (
    "Run by the council, so it follows the council's complaints process. After the council's "
    "final reply you can go to the {ombudsman}."
)
WITNESS_CARE = (
    "Run by the police force with the Crown Prosecution Service. A complaint about it is a "
    "police complaint: the force's professional standards department deals with it, and you "
    "can ask for a review within 28 days of the outcome letter."
)
