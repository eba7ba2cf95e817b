"""Shared set-up for the public complaint journey's tests: a small directory and a walker."""

from __future__ import annotations

import re

from directory.models import Organisation, OrganisationType, RoutingRule, VictimsCodeRight

RIGHTS = [
    "To be able to understand and to be understood",
    "To have the details of the crime recorded without unjustified delay",
    "To be provided with information when reporting the crime",
    "To be referred to services that support victims",
    "To be provided with information about compensation",
    "To be provided with information about the investigation and prosecution",
    "To make a Victim Personal Statement",
    "To be given information about the trial",
    "To be given information about the outcome of the case and any appeals",
    "To be paid expenses and have property returned",
    "To be given information about the offender following a conviction",
    "To make a complaint about your rights not being met",
]


def directory_create() -> dict[str, Organisation]:
    """Central triage, two police forces (12-month limit) with a commissioner, and rights.

    Safe to call when migration 0002 has already seeded the rights and triage (normal
    tests) and when it has not (browser tests flush the database).
    """
    for number, title in enumerate(RIGHTS, start=1):
        VictimsCodeRight.objects.update_or_create(number=number, defaults={"title": title})
    triage, _ = Organisation.objects.get_or_create(
        slug="central-triage",
        defaults={"name": "Central triage team", "org_type": OrganisationType.CENTRAL_TRIAGE},
    )
    phso = Organisation.objects.create(
        name="Test Ombudsman", slug="test-ombudsman", org_type=OrganisationType.PHSO
    )
    pcc = Organisation.objects.create(
        name="Northshire Commissioner",
        slug="northshire-pcc",
        org_type=OrganisationType.LOCAL_POLICING_BODY,
        escalation_body=phso,
    )
    north = Organisation.objects.create(
        name="Northshire Police",
        slug="northshire-police",
        org_type=OrganisationType.POLICE_FORCE,
        parent=pcc,
        time_limit_months=12,
        escalation_body=phso,
    )
    south = Organisation.objects.create(
        name="Southshire Police",
        slug="southshire-police",
        org_type=OrganisationType.POLICE_FORCE,
        time_limit_months=12,
        escalation_body=phso,
    )
    RoutingRule.objects.create(
        org_type="police_force",
        target=RoutingRule.Target.CHOSEN,
        reason="Police complaints go to the force: {organisation}.",
    )
    return {"triage": triage, "north": north, "south": south, "pcc": pcc, "phso": phso}


def step_url(slug: str) -> str:
    return f"/complaints/question/{slug}/"


# The answers a typical person gives, page by page (self, about Northshire Police).
def default_answers(north_id: int) -> list[tuple[str, dict]]:
    return [
        ("who", {"role": "self"}),
        ("about", {"org_type": "police_force"}),
        ("subject", {"subject": "service"}),
        ("organisation", {"organisation": str(north_id)}),
        ("rights", {"rights": ["1", "6"]}),
        ("when", {"day": "3", "month": "2", "year": "2026"}),
        ("reference", {"crime_reference": "NS/12345/26"}),
        ("what-happened", {"what_happened": "They did not tell me about the court date."}),
        ("who-was-involved", {"who_was_involved": "The officer in the case."}),
        ("outcome", {"outcome_wanted": "An apology."}),
        ("evidence", {"action": "continue"}),
        ("name", {"full_name": "Siân O’Brien-Łukasz 李"}),
        (
            "contact",
            {
                "methods": ["email", "phone"],
                "email": "sian@example.com",
                "phone": "07700 900982",
                "may_leave_messages": "no",
                "times_to_avoid": "Not after 5pm",
            },
        ),
        ("support", {"accessibility_needs": "Large print"}),
    ]


def journey_begin(client) -> None:
    response = client.post("/complaints/before-you-start/")
    assert response.status_code == 302, response


def journey_complete(client, north_id: int, replace: dict[str, dict] | None = None) -> None:
    """Answer every page; `replace` swaps one page's answers. Stops at check answers."""
    replace = replace or {}
    journey_begin(client)
    for slug, data in default_answers(north_id):
        data = replace.get(slug, data)
        response = client.post(step_url(slug), data)
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
    response = client.get("/complaints/check-your-answers/")
    assert response.status_code == 200


def error_links_land_on_fields(html: str) -> list[str]:
    """Every error summary link's href names an element on the page."""
    summary = html[html.index('class="govuk-error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    hrefs = re.findall(r'<a href="#([^"]+)"', summary)
    assert hrefs
    for target in hrefs:
        assert f'id="{target}"' in html, target
    return hrefs
