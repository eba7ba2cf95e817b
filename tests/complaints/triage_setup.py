"""Shared set-up for the triage tests: two organisations, their staff, and a canary.

Staff sign in through the `staff_login` fixture (tests/conftest.py), the one place that
knows how to get past the authenticator-app check.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from complaints import services
from complaints.models import Complaint
from directory.models import Organisation
from tests.complaints.builders import complaint_build, organisation_build, staff_build

CANARY = "CANARY-b7f3-organisation-B-only"


def handler_build(*organisations: Organisation, **fields):
    """A member of staff in the "Complaint handlers" group for these organisations."""
    user = staff_build(*organisations, **fields)
    user.groups.add(services.complaint_handlers_group_ensure())
    return user


@dataclass
class TwoOrganisations:
    org_a: Organisation
    org_b: Organisation
    staff_a: object
    staff_b: object
    complaint_a: Complaint
    complaint_b: Complaint


@pytest.fixture
def two_orgs(db) -> TwoOrganisations:
    org_a = organisation_build(name="Alpha Police")
    org_b = organisation_build(name="Bravo Police")
    staff_a = handler_build(org_a, username="alice")
    staff_b = handler_build(org_b, username="bob")
    complaint_a = complaint_build(org_a, what_happened="Something happened in Alpha.")
    complaint_b = complaint_build(
        org_b,
        what_happened=f"Private account {CANARY}",
        full_name=f"Bravo Person {CANARY}",
    )
    return TwoOrganisations(org_a, org_b, staff_a, staff_b, complaint_a, complaint_b)
