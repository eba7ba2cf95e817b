"""The routing rules as they ship. Staff can edit, disable or add rules in admin.

Each rule: the answers it matches (organisation type, subject or "" for any) and where the
complaint goes: the organisation the person chose ("chosen"), its overseeing body
("chosen_parent") or a fixed organisation ("fixed", by slug). The reason is shown to staff;
"{organisation}" becomes the organisation the person chose.

`tests/complaints/test_directory_data.py` checks that every question's answers reach a
sensible organisation with these rules.
"""

from __future__ import annotations

from typing import Any

RULES: list[dict[str, Any]] = [
    # Police.
    {
        "org_type": "police_force",
        "subject": "service",
        "target": "chosen",
        "reason": "A complaint about police officers, staff or service goes to the force "
        "first: {organisation}.",
    },
    {
        "org_type": "police_force",
        "subject": "chief_constable",
        "target": "chosen_parent",
        "reason": "A complaint about a chief officer (a chief constable, or the Commissioner "
        "of the Met or the City of London Police) goes to the force's local policing "
        "body (the police and crime commissioner or equivalent), not to {organisation}.",
    },
    {
        "org_type": "police_force",
        "subject": "complaint_handling",
        "target": "chosen_parent",
        "reason": "The person is unhappy with how {organisation} handled a complaint. The "
        "local policing body reviews most outcomes; the IOPC reviews some, and the outcome "
        "letter says which.",
    },
    {
        "org_type": "police_force",
        "subject": "no_further_action",
        "target": "chosen",
        "reason": "This is a Victims' Right to Review request, not a complaint: the person "
        "disagrees with a police decision to take no further action after a suspect was "
        "interviewed under caution. {organisation} deals with it.",
    },
    {
        "org_type": "police_force",
        "subject": "commissioner",
        "target": "fixed",
        "target_organisation": "central-triage",
        "reason": "A complaint about a police and crime commissioner or mayor themselves goes "
        "to the Police and Crime Panel for the area. Panels are not in the directory, so the "
        "central triage team passes it on.",
    },
    # Witness Care Units are run by the police and the CPS; the person chose the force area.
    {
        "org_type": "witness_care",
        "subject": "",
        "target": "chosen",
        "reason": "Witness Care Units are run by the police and the CPS. This one is in the "
        "{organisation} area, so the force deals with it first.",
    },
    # Crown Prosecution Service.
    {
        "org_type": "cps",
        "subject": "service",
        "target": "chosen",
        "reason": "A complaint about the CPS goes to the CPS Area that dealt with the case: "
        "{organisation} (stage 1).",
    },
    {
        "org_type": "cps",
        "subject": "decision",
        "target": "chosen",
        "reason": "This is a Victims' Right to Review request, not a complaint: the person "
        "disagrees with a decision not to charge, to stop a case or to offer no evidence. "
        "{organisation} deals with it.",
    },
    {
        "org_type": "cps",
        "subject": "complaint_handling",
        "target": "chosen",
        "reason": "The person is unhappy with the stage 1 reply from {organisation}, so it "
        "deals with stage 2. After stage 2 they can go to the Independent Assessor of "
        "Complaints.",
    },
    # Courts: staff and service to HMCTS; a judge's conduct to the JCIO; a magistrate's to
    # the local Advisory Committee, through the central triage team.
    {
        "org_type": "courts",
        "subject": "",
        "target": "fixed",
        "target_organisation": "hmcts",
        "reason": "Complaints about court or tribunal staff, or the service, go to HM Courts "
        "& Tribunals Service.",
    },
    {
        "org_type": "courts",
        "subject": "judge",
        "target": "fixed",
        "target_organisation": "jcio",
        "reason": "Complaints about how a judge behaved go to the Judicial Conduct "
        "Investigations Office, not to HMCTS.",
    },
    {
        "org_type": "courts",
        "subject": "magistrate",
        "target": "fixed",
        "target_organisation": "central-triage",
        "reason": "Complaints about how a magistrate behaved go to the local Advisory "
        "Committee (not the JCIO). Advisory Committees are not in the directory, so the "
        "central triage team finds the right one and passes it on.",
    },
    {
        "org_type": "courts",
        "subject": "tribunal_or_coroner",
        "target": "fixed",
        "target_organisation": "central-triage",
        "reason": "Complaints about how a tribunal member or a coroner behaved go first to the "
        "tribunal's president or the coroner's office, which are not in the directory, so the "
        "central triage team passes it on.",
    },
    {
        "org_type": "probation",
        "subject": "",
        "target": "chosen",
        "reason": "Complaints about the Probation Service, including the Victim Contact "
        "Scheme, go to the region: {organisation}.",
    },
    {
        "org_type": "prisons",
        "subject": "",
        "target": "fixed",
        "target_organisation": "hm-prison-service",
        "reason": "Complaints about a prison go to HM Prison Service.",
    },
    {
        # Not a complaint, and urgent: the person has 21 days. Victims ask through their
        # Victim Liaison Officer (in the probation region), never the Parole Board itself.
        "org_type": "parole_board",
        "subject": "decision",
        "target": "fixed",
        "target_organisation": "central-triage",
        "reason": "URGENT, 21 days from the decision: a Parole Board release decision, not a "
        "complaint. Victims ask their Victim Liaison Officer (probation region), who asks the "
        "Secretary of State to consider reconsideration. Pass it to the Victim Liaison "
        "Officer today, not to the Parole Board.",
    },
    {
        "org_type": "parole_board",
        "subject": "",
        "target": "fixed",
        "target_organisation": "parole-board",
        "reason": "Complaints about the Parole Board go to the Parole Board.",
    },
    {
        "org_type": "cica",
        "subject": "",
        "target": "fixed",
        "target_organisation": "cica",
        "reason": "Complaints about the Criminal Injuries Compensation Authority go to CICA.",
    },
    {
        "org_type": "this_service",
        "subject": "",
        "target": "fixed",
        "target_organisation": "this-website",
        "reason": "The complaint is about this website, so this website's team deals with it.",
    },
    # Councils and their youth justice services are in the directory (from the place
    # index): the person chose the council, so it goes there. Not knowing which one goes to
    # the central triage team, which finds it.
    {
        "org_type": "council",
        "subject": "",
        "target": "chosen",
        "reason": "The complaint is about council social services, so it goes to the council "
        "that runs them: {organisation}.",
    },
    {
        "org_type": "youth_offending",
        "subject": "",
        "target": "chosen",
        "reason": "Youth justice services are run by councils and follow the council's "
        "complaints process, so it goes to {organisation}.",
    },
]

# Rules an earlier version shipped, as (org_type, subject, target, reason). A load finds
# a rule still exactly like this (staff have not changed it) and brings it up to date; a
# rule staff edited is left alone.
SUPERSEDED: list[tuple[str, str, str, str]] = [
    (
        "council",
        "",
        "fixed",
        "The complaint is about council social services. Councils are not in the "
        "directory yet, so the central triage team finds the right council and passes it on.",
    ),
    (
        "youth_offending",
        "",
        "fixed",
        "Youth offending teams are run by councils, which are not in the directory "
        "yet, so the central triage team finds the right council and passes it on.",
    ),
]
