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

from directory.data import policies
from directory.data.local import (
    council_slug,
    local_services,
    witness_care_slug,
    youth_justice_slug,
)
from directory.data.national import NATIONAL
from directory.data.welsh_names import WELSH_COUNCIL_NAMES, WELSH_NAMES, local_welsh_names

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


def organisations() -> list[dict[str, Any]]:
    """Every organisation, with its Welsh name where it has one (see WELSH_NAMES)."""
    rows = _organisations()
    welsh_names = {**WELSH_NAMES, **local_welsh_names()}
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
    rows.extend(_police_without_an_area())
    rows.extend(_territorial_police())
    rows.extend(_cps_areas())
    rows.extend(_probation_regions())
    rows.extend(local_services())
    return rows


def _police_without_an_area() -> list[dict[str, Any]]:
    """British Transport Police, the Ministry of Defence Police and the bodies over them."""
    rows: list[dict[str, Any]] = []
    rows.append(
        {
            "slug": "british-transport-police-authority",
            "name": "British Transport Police Authority",
            "org_type": "local_policing_body",
            "area": "Railways in England, Wales and Scotland",
            "time_limit_months": 12,
            "escalation": "iopc",
            "response_policy": policies.LOCAL_POLICING_BODY,
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
            "response_policy": policies.POLICE,
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
            "response_policy": policies.LOCAL_POLICING_BODY,
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
            "response_policy": policies.POLICE,
        }
    )
    return rows


def _territorial_police() -> list[dict[str, Any]]:
    """Each force area's local policing body, force and local victims' service."""
    rows: list[dict[str, Any]] = []
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
                "response_policy": policies.LOCAL_POLICING_BODY,
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
                "response_policy": policies.POLICE,
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
                "response_policy": policies.VICTIMS_SERVICE,
            }
        )
    return rows


def _cps_areas() -> list[dict[str, Any]]:
    """The CPS Areas."""
    rows: list[dict[str, Any]] = []
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
                "response_policy": policies.CPS,
            }
        )
    return rows


def _probation_regions() -> list[dict[str, Any]]:
    """The Probation Service's regions."""
    rows: list[dict[str, Any]] = []
    for slug, region in PROBATION_REGIONS:
        rows.append(
            {
                "slug": slug,
                "name": f"Probation Service: {region}",
                "org_type": "probation",
                "area": region,
                "time_limit_months": 12,
                "escalation": "phso",
                "response_policy": policies.PROBATION,
            }
        )
    return rows


def force_places() -> dict[str, str]:
    """Places in each territorial force's area, by force slug, to help people find theirs."""
    return {f"{stem}-police": places for stem, _f, _a, _b, places in TERRITORIAL_FORCES}


__all__ = [
    "CPS_AREAS",
    "NATIONAL",
    "PROBATION_REGIONS",
    "TERRITORIAL_FORCES",
    "WELSH_COUNCIL_NAMES",
    "WELSH_NAMES",
    "council_slug",
    "force_places",
    "local_services",
    "organisations",
    "witness_care_slug",
    "youth_justice_slug",
]
