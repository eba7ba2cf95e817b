"""Councils, their youth justice services and the Witness Care Units, made from the place
index (`directory/data/places.csv`) rather than listed by hand."""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify

from directory.data import policies


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
                "response_policy": policies.COUNCIL_WALES if wales else policies.COUNCIL_ENGLAND,
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
                "response_policy": policies.YOUTH_JUSTICE.format(ombudsman=first.ombudsman),
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
                "response_policy": policies.WITNESS_CARE,
            }
        )
    return rows
