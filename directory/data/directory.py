"""The organisation directory as it ships: every organisation a victim may complain to.

Plain data, loaded by `manage.py load_directory` (see `directory/data/loader.py`), keyed by
slug so a second load updates rather than duplicates. Contact details are left blank on
purpose: only details checked against a trusted source go here, and staff complete the rest
in admin. Never add a phone number, email or web address that has not been checked.

Facts come from ../shared/facts.md and the seeds it cites. Where a fact was not certain
(for example the exact name of a local victims' service), the name is generic.
"""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify

# (slug stem, force name, area, local policing body name, places in the area)
# The local policing body is the police and crime commissioner, or whoever holds those
# functions: an elected mayor in Greater Manchester, West Yorkshire, South Yorkshire and
# York and North Yorkshire (since May 2024); the Mayor's Office for Policing and Crime for
# the Met; the City of London Corporation for the City of London Police.
_PCC = "Police and Crime Commissioner for {area}"

TERRITORIAL_FORCES: list[tuple[str, str, str, str, str]] = [
    ("avon-and-somerset", "Avon and Somerset Police", "Avon and Somerset", _PCC,
     "Bristol, Bath and North East Somerset, North Somerset, South Gloucestershire, Somerset"),
    ("bedfordshire", "Bedfordshire Police", "Bedfordshire", _PCC,
     "Bedford, Central Bedfordshire, Luton"),
    ("cambridgeshire", "Cambridgeshire Constabulary", "Cambridgeshire", _PCC,
     "Cambridgeshire, Peterborough"),
    ("cheshire", "Cheshire Constabulary", "Cheshire", _PCC,
     "Cheshire East, Cheshire West and Chester, Halton, Warrington"),
    ("city-of-london", "City of London Police", "City of London",
     "City of London Corporation (police authority)", "The City of London (the Square Mile)"),
    ("cleveland", "Cleveland Police", "Cleveland", _PCC,
     "Hartlepool, Middlesbrough, Redcar and Cleveland, Stockton-on-Tees"),
    ("cumbria", "Cumbria Constabulary", "Cumbria", _PCC, "Cumbria"),
    ("derbyshire", "Derbyshire Constabulary", "Derbyshire", _PCC, "Derbyshire, Derby"),
    ("devon-and-cornwall", "Devon and Cornwall Police", "Devon and Cornwall", _PCC,
     "Devon, Cornwall, the Isles of Scilly, Plymouth, Torbay"),
    ("dorset", "Dorset Police", "Dorset", _PCC, "Dorset, Bournemouth, Christchurch and Poole"),
    ("durham", "Durham Constabulary", "Durham", _PCC, "County Durham, Darlington"),
    ("dyfed-powys", "Dyfed-Powys Police", "Dyfed-Powys", _PCC,
     "Carmarthenshire, Ceredigion, Pembrokeshire, Powys"),
    ("essex", "Essex Police", "Essex", _PCC, "Essex, Southend-on-Sea, Thurrock"),
    ("gloucestershire", "Gloucestershire Constabulary", "Gloucestershire", _PCC,
     "Gloucestershire"),
    ("greater-manchester", "Greater Manchester Police", "Greater Manchester",
     "Mayor of Greater Manchester (police and crime commissioner functions)",
     "Bolton, Bury, Manchester, Oldham, Rochdale, Salford, Stockport, Tameside, Trafford, "
     "Wigan"),
    ("gwent", "Gwent Police", "Gwent", _PCC,
     "Blaenau Gwent, Caerphilly, Monmouthshire, Newport, Torfaen"),
    ("hampshire-and-isle-of-wight", "Hampshire and Isle of Wight Constabulary",
     "Hampshire and the Isle of Wight", _PCC,
     "Hampshire, the Isle of Wight, Portsmouth, Southampton"),
    ("hertfordshire", "Hertfordshire Constabulary", "Hertfordshire", _PCC, "Hertfordshire"),
    ("humberside", "Humberside Police", "Humberside", _PCC,
     "East Riding of Yorkshire, Hull, North Lincolnshire, North East Lincolnshire"),
    ("kent", "Kent Police", "Kent", _PCC, "Kent, Medway"),
    ("lancashire", "Lancashire Constabulary", "Lancashire", _PCC,
     "Lancashire, Blackburn with Darwen, Blackpool"),
    ("leicestershire", "Leicestershire Police", "Leicestershire", _PCC,
     "Leicestershire, Leicester, Rutland"),
    ("lincolnshire", "Lincolnshire Police", "Lincolnshire", _PCC, "Lincolnshire"),
    ("merseyside", "Merseyside Police", "Merseyside", _PCC,
     "Knowsley, Liverpool, Sefton, St Helens, Wirral"),
    ("metropolitan", "Metropolitan Police Service", "London (except the City of London)",
     "Mayor's Office for Policing and Crime (MOPAC)",
     "The 32 London boroughs (not the City of London)"),
    ("norfolk", "Norfolk Constabulary", "Norfolk", _PCC, "Norfolk"),
    ("north-wales", "North Wales Police", "North Wales", _PCC,
     "Anglesey, Conwy, Denbighshire, Flintshire, Gwynedd, Wrexham"),
    ("north-yorkshire", "North Yorkshire Police", "York and North Yorkshire",
     "Mayor of York and North Yorkshire (police, fire and crime commissioner functions)",
     "North Yorkshire, York"),
    ("northamptonshire", "Northamptonshire Police", "Northamptonshire", _PCC,
     "North Northamptonshire, West Northamptonshire"),
    ("northumbria", "Northumbria Police", "Northumbria", _PCC,
     "Northumberland, Newcastle upon Tyne, Gateshead, North Tyneside, South Tyneside, "
     "Sunderland"),
    ("nottinghamshire", "Nottinghamshire Police", "Nottinghamshire", _PCC,
     "Nottinghamshire, Nottingham"),
    ("south-wales", "South Wales Police", "South Wales", _PCC,
     "Bridgend, Cardiff, Merthyr Tydfil, Neath Port Talbot, Rhondda Cynon Taf, Swansea, "
     "Vale of Glamorgan"),
    ("south-yorkshire", "South Yorkshire Police", "South Yorkshire",
     "Mayor of South Yorkshire (police and crime commissioner functions)",
     "Barnsley, Doncaster, Rotherham, Sheffield"),
    ("staffordshire", "Staffordshire Police", "Staffordshire", _PCC,
     "Staffordshire, Stoke-on-Trent"),
    ("suffolk", "Suffolk Constabulary", "Suffolk", _PCC, "Suffolk"),
    ("surrey", "Surrey Police", "Surrey", _PCC, "Surrey"),
    ("sussex", "Sussex Police", "Sussex", _PCC, "East Sussex, West Sussex, Brighton and Hove"),
    ("thames-valley", "Thames Valley Police", "Thames Valley", _PCC,
     "Berkshire, Buckinghamshire, Milton Keynes, Oxfordshire"),
    ("warwickshire", "Warwickshire Police", "Warwickshire", _PCC, "Warwickshire"),
    ("west-mercia", "West Mercia Police", "West Mercia", _PCC,
     "Herefordshire, Shropshire, Telford and Wrekin, Worcestershire"),
    ("west-midlands", "West Midlands Police", "West Midlands", _PCC,
     "Birmingham, Coventry, Dudley, Sandwell, Solihull, Walsall, Wolverhampton"),
    ("west-yorkshire", "West Yorkshire Police", "West Yorkshire",
     "Mayor of West Yorkshire (police and crime commissioner functions)",
     "Bradford, Calderdale, Kirklees, Leeds, Wakefield"),
    ("wiltshire", "Wiltshire Police", "Wiltshire", _PCC, "Wiltshire, Swindon"),
]  # fmt: skip

CPS_AREAS: list[tuple[str, str]] = [
    ("cps-cymru-wales", "CPS Cymru-Wales"),
    ("cps-east-midlands", "CPS East Midlands"),
    ("cps-east-of-england", "CPS East of England"),
    ("cps-london-north", "CPS London North"),
    ("cps-london-south", "CPS London South"),
    ("cps-mersey-cheshire", "CPS Mersey-Cheshire"),
    ("cps-north-east", "CPS North East"),
    ("cps-north-west", "CPS North West"),
    ("cps-south-east", "CPS South East"),
    ("cps-south-west", "CPS South West"),
    ("cps-thames-and-chiltern", "CPS Thames and Chiltern"),
    ("cps-wessex", "CPS Wessex"),
    ("cps-west-midlands", "CPS West Midlands"),
    ("cps-yorkshire-and-humberside", "CPS Yorkshire and Humberside"),
]

# The Probation Service's regions: 11 in England, and Wales.
PROBATION_REGIONS: list[tuple[str, str]] = [
    ("probation-east-midlands", "East Midlands"),
    ("probation-east-of-england", "East of England"),
    ("probation-greater-manchester", "Greater Manchester"),
    ("probation-kent-surrey-and-sussex", "Kent, Surrey and Sussex"),
    ("probation-london", "London"),
    ("probation-north-east", "North East"),
    ("probation-north-west", "North West"),
    ("probation-south-central", "South Central"),
    ("probation-south-west", "South West"),
    ("probation-wales", "Wales"),
    ("probation-west-midlands", "West Midlands"),
    ("probation-yorkshire-and-the-humber", "Yorkshire and the Humber"),
]

# Where to go next, and the bodies' own reply policies, in plain words (facts.md).
_POLICE_POLICY = (
    "Complain to the force's professional standards department, or through the IOPC, which "
    "passes the complaint to the force. Complain within 12 months of what happened; explain "
    "any delay. If you are unhappy with the outcome, you can ask for a review, usually "
    "within 28 days of the outcome letter. The outcome letter says who does the review: "
    "usually the local policing body; the IOPC for the complaints it must review (for "
    "example about senior officers or serious matters)."
)
_LPB_POLICY = (
    "Deals with complaints about the force's chief officer, and reviews how the force handled "
    "many other complaints. Ask for a review usually within 28 days of the force's outcome "
    "letter."
)
_VICTIMS_SERVICE_POLICY = (
    "Arranged by the local policing body to support victims in the area. If a service it "
    "sent you to let you down, tell this service; the local policing body that arranged it "
    "follows the Victims' Code."
)
_CPS_POLICY = (
    "Stage 1: the CPS Area replies within 20 working days. If you are unhappy, ask for "
    "stage 2 within one month; the reply comes within 20 working days. Complain within 6 "
    "months of what happened. A decision not to charge, to stop a case or to offer no "
    "evidence is not a complaint: ask for a review under the Victims' Right to Review "
    "scheme, within 10 working days for a prompt review (requests are accepted up to 3 "
    "months). The Independent Assessor of Complaints does not look at a complaint while "
    "the case is still going on."
)
_PROBATION_POLICY = (
    "Complain to the probation region, usually within 12 months. If you are unhappy with "
    "the reply, you can go to the Parliamentary and Health Service Ombudsman. The Prisons "
    "and Probation Ombudsman does not take complaints from victims."
)

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
            "response_policy": _CPS_POLICY,
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


# Welsh names of organisations that have one (the names they use themselves in Welsh).
# Welsh pages show them with the English name beside (directory.names).
WELSH_NAMES = {
    "south-wales-police": "Heddlu De Cymru",
    "gwent-police": "Heddlu Gwent",
    "dyfed-powys-police": "Heddlu Dyfed-Powys",
    "north-wales-police": "Heddlu Gogledd Cymru",
    "south-wales-local-policing-body": "Comisiynydd Heddlu a Throseddu De Cymru",
    "gwent-local-policing-body": "Comisiynydd Heddlu a Throseddu Gwent",
    "dyfed-powys-local-policing-body": "Comisiynydd Heddlu a Throseddu Dyfed-Powys",
    "north-wales-local-policing-body": "Comisiynydd Heddlu a Throseddu Gogledd Cymru",
    "cps-cymru-wales": "CPS Cymru-Wales (Gwasanaeth Erlyn y Goron)",
    "probation-wales": "Y Gwasanaeth Prawf: Cymru",
    "iopc": "Swyddfa Annibynnol Ymddygiad yr Heddlu (IOPC)",
    "independent-assessor-of-complaints": "Asesydd Annibynnol Cwynion Gwasanaeth Erlyn y Goron",
    "phso": "Ombwdsmon Seneddol a’r Gwasanaeth Iechyd",
    "lgsco": "Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol",
    "jcio": "Swyddfa Ymchwiliadau Ymddygiad Barnwrol (JCIO)",
    "ppo": "Ombwdsmon Carchardai a’r Gwasanaeth Prawf",
    "hmcts": "Gwasanaeth Llysoedd a Thribiwnlysoedd EF (HMCTS)",
    "hm-prison-service": "Gwasanaeth Carchardai EF",
    "parole-board": "Y Bwrdd Parôl",
    "cica": "Awdurdod Digolledu am Anafiadau Troseddol (CICA)",
    "this-website": "Tîm y wefan hon",
    "central-triage": "Tîm brysbennu canolog",
}


# The 22 Welsh councils' own Welsh names. Their youth justice services and the four Welsh
# forces' Witness Care Units are named from these and the forces' Welsh names.
WELSH_COUNCIL_NAMES = {
    "Isle of Anglesey County Council": "Cyngor Sir Ynys Môn",
    "Gwynedd Council": "Cyngor Gwynedd",
    "Conwy County Borough Council": "Cyngor Bwrdeistref Sirol Conwy",
    "Denbighshire County Council": "Cyngor Sir Ddinbych",
    "Flintshire County Council": "Cyngor Sir y Fflint",
    "Wrexham County Borough Council": "Cyngor Bwrdeistref Sirol Wrecsam",
    "Ceredigion County Council": "Cyngor Sir Ceredigion",
    "Pembrokeshire County Council": "Cyngor Sir Penfro",
    "Carmarthenshire County Council": "Cyngor Sir Gâr",
    "Swansea Council": "Cyngor Abertawe",
    "Neath Port Talbot Council": "Cyngor Castell-nedd Port Talbot",
    "Bridgend County Borough Council": "Cyngor Bwrdeistref Sirol Pen-y-bont ar Ogwr",
    "Vale of Glamorgan Council": "Cyngor Bro Morgannwg",
    "Cardiff Council": "Cyngor Caerdydd",
    "Rhondda Cynon Taf County Borough Council": "Cyngor Bwrdeistref Sirol Rhondda Cynon Taf",
    "Caerphilly County Borough Council": "Cyngor Bwrdeistref Sirol Caerffili",
    "Blaenau Gwent County Borough Council": "Cyngor Bwrdeistref Sirol Blaenau Gwent",
    "Torfaen County Borough Council": "Cyngor Bwrdeistref Sirol Torfaen",
    "Monmouthshire County Council": "Cyngor Sir Fynwy",
    "Newport City Council": "Cyngor Dinas Casnewydd",
    "Powys County Council": "Cyngor Sir Powys",
    "Merthyr Tydfil County Borough Council": "Cyngor Bwrdeistref Sirol Merthyr Tudful",
}


def _local_welsh_names() -> dict[str, str]:
    names = {}
    for council, welsh in WELSH_COUNCIL_NAMES.items():
        names[council_slug(council)] = welsh
        names[youth_justice_slug(council)] = f"Gwasanaeth cyfiawnder ieuenctid ({welsh})"
    for force in ("south-wales-police", "gwent-police", "dyfed-powys-police", "north-wales-police"):
        names[witness_care_slug(force)] = f"Uned Gofal Tystion ({WELSH_NAMES[force]})"
    return names


def organisations() -> list[dict[str, Any]]:
    """Every organisation, with its Welsh name where it has one (see WELSH_NAMES)."""
    rows = _organisations()
    welsh_names = {**WELSH_NAMES, **_local_welsh_names()}
    for row in rows:
        row["name_cy"] = welsh_names.get(row["slug"], "")
    return rows


def _organisations() -> list[dict[str, Any]]:
    """Every organisation, parents before children, as dicts of model fields.

    `parent` and `escalation` hold slugs; the loader turns them into foreign keys.
    """
    rows: list[dict[str, Any]] = [
        {"slug": slug, "name": name, "org_type": org_type, **fields}
        for slug, name, org_type, fields in NATIONAL
    ]
    rows.append(
        {
            "slug": "british-transport-police-authority",
            "name": "British Transport Police Authority",
            "org_type": "local_policing_body",
            "area": "Railways in England, Wales and Scotland",
            "time_limit_months": 12,
            "escalation": "iopc",
            "response_policy": _LPB_POLICY,
        }
    )
    rows.append(
        {
            "slug": "british-transport-police",
            "name": "British Transport Police",
            "org_type": "police_force",
            "area": "Railways in England, Wales and Scotland",
            "parent": "british-transport-police-authority",
            "escalation": "iopc",
            "time_limit_months": 12,
            "response_policy": _POLICE_POLICY,
        }
    )
    rows.append(
        {
            # Complaints about the MoD Police's chief officer go here (facts.md). A name
            # only: no contact detail until one is seen on a public page.
            "slug": "ministry-of-defence-police-committee",
            "name": "Ministry of Defence Police Committee",
            "org_type": "local_policing_body",
            "area": "Defence sites across the UK",
            "time_limit_months": 12,
            "escalation": "iopc",
            "response_policy": _LPB_POLICY,
        }
    )
    rows.append(
        {
            "slug": "ministry-of-defence-police",
            "name": "Ministry of Defence Police",
            "org_type": "police_force",
            "area": "Defence sites across the UK",
            "parent": "ministry-of-defence-police-committee",
            "escalation": "iopc",
            "time_limit_months": 12,
            "response_policy": _POLICE_POLICY,
        }
    )
    for stem, force, area, body, _places in TERRITORIAL_FORCES:
        body_name = body.format(area=area)
        # "Mayor of West Yorkshire (police and crime ...)" -> "Mayor of West Yorkshire".
        commissioner = body_name.split(" (")[0]
        rows.append(
            {
                "slug": f"{stem}-local-policing-body",
                "name": body_name,
                "org_type": "local_policing_body",
                "area": area,
                "time_limit_months": 12,
                "escalation": "iopc",
                "response_policy": _LPB_POLICY,
            }
        )
        rows.append(
            {
                "slug": f"{stem}-police",
                "name": force,
                "org_type": "police_force",
                "area": area,
                "parent": f"{stem}-local-policing-body",
                "escalation": "iopc",
                "time_limit_months": 12,
                "response_policy": _POLICE_POLICY,
            }
        )
        rows.append(
            {
                "slug": f"{stem}-victims-service",
                "name": f"Local victims' support service paid for by the {commissioner}",
                "org_type": "victims_service",
                "area": area,
                "parent": f"{stem}-local-policing-body",
                "escalation": f"{stem}-local-policing-body",
                "response_policy": _VICTIMS_SERVICE_POLICY,
            }
        )
    for slug, name in CPS_AREAS:
        rows.append(
            {
                "slug": slug,
                "name": name,
                "org_type": "cps",
                "area": name.removeprefix("CPS "),
                "time_limit_months": 6,
                "response_working_days": 20,
                "escalation": "independent-assessor-of-complaints",
                "response_policy": _CPS_POLICY,
            }
        )
    for slug, region in PROBATION_REGIONS:
        rows.append(
            {
                "slug": slug,
                "name": f"Probation Service: {region}",
                "org_type": "probation",
                "area": region,
                "time_limit_months": 12,
                "escalation": "phso",
                "response_policy": _PROBATION_POLICY,
            }
        )
    rows.extend(local_services())
    return rows


_COUNCIL_POLICY_ENGLAND = (
    "Complain to the council's complaints team, within 12 months. Adults' social care has one "
    "stage: the council should acknowledge within 3 working days and reply in full within 6 "
    "months. Children's services have three statutory stages: a reply within 10 working days "
    "(up to 20), an investigation within 25 working days (up to 65), then a review panel. "
    "After that you can go to the Local Government and Social Care Ombudsman."
)
_COUNCIL_POLICY_WALES = (
    "Complain to the council's complaints team, within 12 months. There are two stages: local "
    "resolution, with a reply within 10 working days, then a formal investigation within 25 "
    "working days. After that you can go to the Public Services Ombudsman for Wales."
)
_YOUTH_JUSTICE_POLICY = (
    "Run by the council, so it follows the council's complaints process. After the council's "
    "final reply you can go to the {ombudsman}."
)
_WITNESS_CARE_POLICY = (
    "Run by the police force with the Crown Prosecution Service. A complaint about it is a "
    "police complaint: the force's professional standards department deals with it, and you "
    "can ask for a review within 28 days of the outcome letter."
)


def council_slug(council: str) -> str:
    """The directory slug of a council with social services duties, from its own name."""
    return slugify(council)


def youth_justice_slug(council: str) -> str:
    return f"youth-justice-{slugify(council)}"


def witness_care_slug(force_slug: str) -> str:
    return f"{force_slug.removesuffix('-police')}-witness-care-unit"


def local_services() -> list[dict[str, Any]]:
    """Councils with social services duties (153 in England, 22 in Wales), the youth justice
    service each runs, and a Witness Care Unit for each police area, from the place index
    (`directory/data/places.csv`)."""
    from directory import places

    councils: dict[str, list[places.District]] = {}
    forces: dict[str, places.District] = {}
    for district in places.districts():
        councils.setdefault(district.council_code, []).append(district)
        forces.setdefault(district.police_force_slug, district)
    rows: list[dict[str, Any]] = []
    for members in councils.values():
        first = members[0]
        wales = first.nation == "Wales"
        ombudsman = "psow" if wales else "lgsco"
        area = ", ".join(d.name for d in members)
        rows.append(
            {
                "slug": council_slug(first.council),
                "name": first.council,
                "org_type": "council",
                "area": f"{area} ({first.nation})",
                "time_limit_months": 12,
                "acknowledge_working_days": 3,
                "response_working_days": 10,
                "escalation": ombudsman,
                "response_policy": _COUNCIL_POLICY_WALES if wales else _COUNCIL_POLICY_ENGLAND,
            }
        )
        rows.append(
            {
                "slug": youth_justice_slug(first.council),
                "name": first.youth_justice_service,
                "org_type": "youth_offending",
                "area": f"{area} ({first.nation})",
                "parent": council_slug(first.council),
                "time_limit_months": 12,
                "response_working_days": 10,
                "escalation": ombudsman,
                "response_policy": _YOUTH_JUSTICE_POLICY.format(ombudsman=first.ombudsman),
            }
        )
    for force_slug, district in forces.items():
        rows.append(
            {
                "slug": witness_care_slug(force_slug),
                "name": district.witness_care_unit,
                "org_type": "witness_care",
                "area": district.police_area,
                "parent": force_slug,
                "time_limit_months": 12,
                "escalation": district.local_policing_body_slug,
                "response_policy": _WITNESS_CARE_POLICY,
            }
        )
    return rows


def force_places() -> dict[str, str]:
    """Places in each territorial force's area, by force slug, to help people find theirs."""
    return {f"{stem}-police": places for stem, _f, _a, _b, places in TERRITORIAL_FORCES}
