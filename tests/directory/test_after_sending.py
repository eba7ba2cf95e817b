"""After "Complaint sent", the confirmation and the first email say what happens now: they
never tell the person to complain (again), nor "That is fine" to someone who has sent it."""

from __future__ import annotations

import uuid

import pytest

from complaints import notifications, services
from complaints.models import Complaint
from directory import routes
from directory.data.loader import directory_load
from tests.directory.test_routes_agree import _chosen

pytestmark = pytest.mark.django_db

INVITATIONS = ("Complain to", "You can also use", "That is fine", "You can ask for it")


def _sent(route: routes.Route) -> Complaint:
    chosen = _chosen(route.org_type)
    return services.complaint_submit(
        idempotency_key=uuid.uuid4().hex,
        fields={
            "about_org_type": route.org_type,
            "about_subject": route.subject,
            "named_organisation_id": chosen.pk if chosen else None,
            "role": Complaint.Role.SELF,
            "what_happened": "What happened.",
            "full_name": "A Person",
            "email": "person@example.com",
            "safe_by_email": True,
        },
    ).complaint


@pytest.mark.parametrize("route", routes.ROUTES, ids=lambda r: r.key)
def test_the_confirmation_never_invites_a_second_complaint(route):
    directory_load()
    words = " ".join(notifications.received_context(_sent(route))["stages"])
    for invitation in INVITATIONS:
        assert invitation not in words, (route.key, words)
    assert "{" not in words


def test_a_police_complaint_says_the_professional_standards_department_has_it():
    directory_load()
    words = notifications.received_context(_sent(routes.route_for("police_force", "service")))
    assert "professional standards department at" in " ".join(words["stages"])


def test_the_confirmation_page_shows_what_happens_now(client):
    directory_load()
    complaint = _sent(routes.route_for("police_force", "service"))
    from django.template.loader import render_to_string

    page = render_to_string(
        "complaints/includes/what_happens_next.html",
        {"complaint": complaint, **notifications.received_context(complaint)},
    )
    assert "IOPC&#x27;s online form" not in page and "IOPC's online form" not in page
    assert "will deal with it" in page
