"""Small builders for complaints tests that need rows without the public journey."""

from __future__ import annotations

import itertools
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from complaints import reference
from complaints.dashboard_months import dashboard_months_mark_complaint
from complaints.models import Complaint
from directory.models import Organisation, OrganisationType, StaffMembership

_counter = itertools.count(1)


def organisation_build(**fields) -> Organisation:
    n = next(_counter)
    values = {
        "name": f"Test Organisation {n}",
        "slug": f"test-organisation-{n}",
        "org_type": OrganisationType.POLICE_FORCE,
        "inbox_email": f"inbox{n}@example.org",
    }
    values.update(fields)
    return Organisation.objects.create(**values)


def complaint_build(organisation: Organisation, **fields) -> Complaint:
    values = {
        "reference": reference.generate(),
        "idempotency_key": uuid.uuid4().hex,
        "received_at": timezone.now(),
        "organisation": organisation,
        "role": Complaint.Role.SELF,
        "full_name": "Alex Private-Name",
        "email": "alex.private@example.com",
        "phone": "07700 900123",
        "address": "1 Hidden Lane",
        "what_happened": "A detailed and private account of what happened.",
        "who_was_involved": "Officer Secretperson",
        "outcome_wanted": "An apology.",
        "safe_by_email": True,
    }
    values.update(fields)
    complaint = Complaint.objects.create(**values)
    # Written outside the services, so the dashboard's cell is marked here (as they do).
    dashboard_months_mark_complaint(complaint=complaint)
    return complaint


def staff_build(*organisations: Organisation, username: str | None = None, **fields):
    user = get_user_model().objects.create_user(
        username=username or f"staff{next(_counter)}", is_staff=True, **fields
    )
    for organisation in organisations:
        StaffMembership.objects.create(user=user, organisation=organisation)
    return user
