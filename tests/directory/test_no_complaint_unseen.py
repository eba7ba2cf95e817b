"""No complaint goes unseen: wherever it is routed or passed, a member of staff who is not a
superuser sees it. With the demo data, only three organisations have staff; every other
organisation in the shipped directory is "not connected", so the central triage team's
staff see its complaints in their "to pass on" queue, record how they passed each one on,
and the complainant is told."""

from __future__ import annotations

import uuid
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from complaints import selectors, services
from complaints.models import Complaint, PassOn, StatusChange
from directory import cache as directory_cache
from directory import routes, routing
from directory.models import Organisation, OrganisationType
from tests.complaints.builders import complaint_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo_data", "--force", stdout=StringIO())
    directory_cache.clear()
    return get_user_model().objects.filter(is_staff=True, is_superuser=False)


def _seen_by_staff(complaint: Complaint, staff) -> list[str]:
    return [
        user.username
        for user in staff
        if selectors.complaints_for_user(user).filter(pk=complaint.pk).exists()
    ]


def test_every_shipped_organisation_s_complaints_are_seen_by_non_superuser_staff(demo):
    staff = list(demo)
    triage = Organisation.objects.get(org_type=OrganisationType.CENTRAL_TRIAGE)
    organisations = list(Organisation.objects.filter(is_active=True))
    assert len(organisations) > 150
    for organisation in organisations:
        # Sent there by the one decision where the questions lead there, otherwise
        # transferred there by the central team.
        complaint = complaint_build(triage, email="")
        if organisation != triage:
            services.complaint_transfer(
                complaint_id=complaint.pk,
                actor=None,
                to_organisation_id=organisation.pk,
                reason="Belongs there.",
            )
        complaint.refresh_from_db()
        assert _seen_by_staff(complaint, staff), organisation.slug
        connected = organisation.pk in directory_cache.directory().connected_ids
        assert (complaint.pass_on == PassOn.TO_PASS_ON) == (not connected), organisation.slug


def test_every_route_s_complaint_is_seen_by_non_superuser_staff(demo):
    staff = list(demo)
    for route in routes.ROUTES:
        kind = routing.directory_type(route.org_type)
        for chosen in [*Organisation.objects.filter(org_type=kind, is_active=True)[:3], None]:
            if kind is None and chosen is not None:
                continue
            complaint = services.complaint_submit(
                idempotency_key=uuid.uuid4().hex,
                fields={
                    "about_org_type": route.org_type,
                    "about_subject": route.subject,
                    "named_organisation_id": chosen.pk if chosen else None,
                    "role": Complaint.Role.SELF,
                    "what_happened": "x",
                    "full_name": "A Person",
                },
            ).complaint
            assert _seen_by_staff(complaint, staff), (route.key, chosen)


def test_the_triage_team_records_how_it_passed_a_complaint_on_and_the_person_is_told(
    demo, mailoutbox, django_capture_on_commit_callbacks
):
    triage_staff = get_user_model().objects.get(username="demo-triage")
    kent = Organisation.objects.get(slug="kent-police")
    with django_capture_on_commit_callbacks(execute=True):
        complaint = services.complaint_submit(
            idempotency_key=uuid.uuid4().hex,
            fields={
                "about_org_type": "police_force",
                "about_subject": "service",
                "named_organisation_id": kent.pk,
                "role": Complaint.Role.SELF,
                "what_happened": "x",
                "full_name": "A Person",
                "email": "person@example.com",
                "safe_by_email": True,
            },
        ).complaint
    assert complaint.organisation == kent and complaint.pass_on == PassOn.TO_PASS_ON
    [received] = mailoutbox
    assert "Our central team will pass it to Kent Police within 2 working days" in received.body
    assert selectors.complaints_for_user(triage_staff).filter(pk=complaint.pk).exists()
    queue = selectors.complaints_for_user(triage_staff).filter(pass_on=PassOn.TO_PASS_ON)
    assert complaint in queue

    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_pass_on_record(
            complaint_id=complaint.pk,
            actor=triage_staff,
            how="post",
            to="Professional Standards, Kent Police (address from its website)",
        )
    complaint.refresh_from_db()
    assert complaint.pass_on == PassOn.PASSED_ON and complaint.passed_on_how == "post"
    assert complaint.passed_on_at is not None
    change = StatusChange.objects.filter(complaint=complaint).latest("id")
    assert change.visible_to_complainant and "Passed on to Kent Police" in change.note
    told = mailoutbox[-1]
    assert told.subject == "Your complaint has been passed on"
    assert "to Kent Police" in told.body
    with pytest.raises(services.ActionRefused):
        services.complaint_pass_on_record(
            complaint_id=complaint.pk, actor=triage_staff, how="post", to="again"
        )


def test_staff_of_another_organisation_cannot_record_a_pass_on(demo):
    police_staff = get_user_model().objects.get(username="demo-police")
    kent = Organisation.objects.get(slug="kent-police")
    complaint = complaint_build(kent, pass_on=PassOn.TO_PASS_ON)
    if kent.pk in selectors.organisation_ids_for_user(police_staff):
        pytest.skip("the demo police force is Kent")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.complaint_pass_on_record(
            complaint_id=complaint.pk, actor=police_staff, how="post", to="x"
        )


def test_the_pass_on_queue_and_action_are_in_the_staff_pages(demo, client, staff_login):
    from django.urls import reverse

    triage_staff = get_user_model().objects.get(username="demo-triage")
    kent = Organisation.objects.get(slug="kent-police")
    complaint = complaint_build(
        kent, pass_on=PassOn.TO_PASS_ON, about_org_type="police_force", about_subject="service"
    )
    staff_login(triage_staff)
    listing = client.get(
        reverse("admin:complaints_complaint_changelist") + "?pass_on__exact=to_pass_on"
    )
    assert complaint.reference in listing.content.decode()
    page = client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk]))
    html = page.content.decode()
    assert "Record that you passed it on" in html
    assert "or the IOPC for the complaints it must review" in html  # what the person is told
    url = reverse("admin:complaints_complaint_act", args=[complaint.pk, "pass-on"])
    response = client.post(url, {"how": "phone", "to": "The number on its website"})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.pass_on == PassOn.PASSED_ON and complaint.passed_on_how == "phone"


def test_a_transfer_to_an_organisation_nobody_here_reads_says_who_really_has_it(
    demo, mailoutbox, django_capture_on_commit_callbacks
):
    triage = Organisation.objects.get(org_type=OrganisationType.CENTRAL_TRIAGE)
    kent = Organisation.objects.get(slug="kent-police")
    complaint = complaint_build(triage, email="person@example.com", safe_by_email=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_transfer(
            complaint_id=complaint.pk, actor=None, to_organisation_id=kent.pk, reason="Theirs."
        )
    [told] = [m for m in mailoutbox if m.to == ["person@example.com"]]
    assert "Our central team will send it to Kent Police within 2 working days" in told.body
    assert "should tell you they have it" not in told.body


def test_superusers_see_which_organisations_are_not_connected(demo, client, staff_login):
    from django.urls import reverse

    admin = get_user_model().objects.create_superuser("root-routes", password="x" * 20)
    staff_login(admin)
    page = client.get(reverse("admin:directory_organisation_changelist") + "?q=Kent")
    html = page.content.decode()
    assert page.status_code == 200 and "Kent Police" in html
    assert 'alt="False"' in html  # Kent Police has nobody here: not connected
