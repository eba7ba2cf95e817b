"""The national organisations in the directory as it ships: every one that is not a local
police force, CPS Area, probation region, council or youth justice service."""

from __future__ import annotations

from typing import Any

from directory.data import policies

# Every other organisation: (slug, name, org_type, fields). Fields match the model's.
NATIONAL: list[tuple[str, str, str, dict[str, Any]]] = [
    (
        "iopc",
        "Independent Office for Police Conduct (IOPC)",
        "iopc",
        {
            "area": "England and Wales",
            "response_policy": (
                "Oversees the police complaints system. It reviews some complaint outcomes "
                "and investigates the most serious matters itself. A complaint sent to the "
                "IOPC is usually passed to the force first."
            ),
        },
    ),
    (
        "independent-assessor-of-complaints",
        "Independent Assessor of Complaints for the CPS",
        "iac",
        {
            "area": "England and Wales",
            "time_limit_months": 1,
            "response_working_days": 40,
            "escalation": "phso",
            "response_policy": (
                "Independent of the CPS. Looks at CPS service complaints, not legal "
                "decisions, after stage 2. Ask within one month of the stage 2 reply; the "
                "reply comes within 40 working days. After that you can go to the "
                "Parliamentary and Health Service Ombudsman."
            ),
        },
    ),
    (
        "phso",
        "Parliamentary and Health Service Ombudsman (PHSO)",
        "phso",
        {
            "area": "England (and UK government bodies)",
            "response_policy": (
                "Looks at complaints that the organisation did not put right. Since "
                "29 January 2025 victims can go to the Ombudsman directly about the "
                "Victims' Code; before that it had to be through an MP. Complain to the "
                "organisation first."
            ),
        },
    ),
    (
        "lgsco",
        "Local Government and Social Care Ombudsman",
        "lgsco",
        {
            "area": "England",
            "time_limit_months": 12,
            "response_policy": (
                "Looks at complaints about councils, including social services and youth "
                "offending teams, after the council's own complaints process. Go to the "
                "Ombudsman normally within 12 months."
            ),
        },
    ),
    (
        "psow",
        "Public Services Ombudsman for Wales",
        "psow",
        {
            "area": "Wales",
            "time_limit_months": 12,
            "response_policy": (
                "Looks at complaints about Welsh councils, including social services and youth "
                "justice services, after the council's own two stages. Go to the Ombudsman "
                "normally within 12 months of knowing about the problem."
            ),
        },
    ),
    (
        "jcio",
        "Judicial Conduct Investigations Office (JCIO)",
        "jcio",
        {
            "area": "England and Wales",
            "response_policy": (
                "Deals with complaints about the personal conduct of judges, usually within "
                "3 months. It does not take complaints about magistrates: those go to the "
                "local Advisory Committee. It cannot change a judge's decision."
            ),
        },
    ),
    (
        "ppo",
        "Prisons and Probation Ombudsman",
        "ppo",
        {
            "area": "England and Wales",
            "response_policy": (
                "Looks at complaints from prisoners, people on probation and residents of "
                "approved premises. It does not take complaints from victims: they can go "
                "to the Parliamentary and Health Service Ombudsman."
            ),
        },
    ),
    (
        "hmcts",
        "HM Courts & Tribunals Service (HMCTS)",
        "courts",
        {
            "area": "England and Wales",
            "response_working_days": 10,
            "escalation": "phso",
            "response_policy": (
                "Complain to the court or tribunal. It replies within 10 working days. If "
                "you are unhappy, a senior manager reviews it within 10 working days, then "
                "customer investigations within 15 working days. After that you can go to "
                "the Parliamentary and Health Service Ombudsman. Complaints about how a "
                "judge behaved go to the Judicial Conduct Investigations Office instead; "
                "about a magistrate, to the local Advisory Committee."
            ),
        },
    ),
    (
        "hm-prison-service",
        "HM Prison Service",
        "prisons",
        {
            "area": "England and Wales",
            "escalation": "phso",
            "response_policy": (
                "Complain to the prison or HM Prison Service first. If you are unhappy "
                "with the reply, you can go to the Parliamentary and Health Service "
                "Ombudsman."
            ),
        },
    ),
    (
        "parole-board",
        "Parole Board",
        "parole_board",
        {
            "area": "England and Wales",
            "escalation": "phso",
            "response_policy": (
                "Complain to the Parole Board first. If you are unhappy with the reply, you "
                "can go to the Parliamentary and Health Service Ombudsman."
            ),
        },
    ),
    (
        "cica",
        "Criminal Injuries Compensation Authority (CICA)",
        "cica",
        {
            "area": "England, Wales and Scotland",
            "escalation": "phso",
            "response_policy": (
                "Complain to CICA about the service you got. If you are unhappy with the "
                "reply, you can go to the Parliamentary and Health Service Ombudsman. A "
                "decision about compensation is not a complaint: ask CICA to review it."
            ),
        },
    ),
    (
        "cps-direct",
        "CPS Direct",
        "cps",
        {
            "area": "England and Wales (charging advice out of hours)",
            "time_limit_months": 6,
            "escalation": "independent-assessor-of-complaints",
            "response_policy": policies.CPS,
        },
    ),
    (
        "this-website",
        "This website's team",
        "this_service",
        {
            "area": "This website",
            "response_policy": (
                "Tell us if something on this website is wrong or does not work for you. "
                "We will reply within 10 working days."
            ),
            "response_working_days": 10,
        },
    ),
    # Also created by migration 0002, because routing needs it before any data is loaded;
    # listed here so the loader restores it wherever it is missing (a flushed test database).
    (
        "central-triage",
        "Central triage team",
        "central_triage",
        {
            "response_policy": (
                "Reads complaints that could not be matched to an organisation "
                "and sends each one to the right place."
            ),
        },
    ),
]
