"""Staff extend a response deadline with a reason; the complainant sees the new date."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.models import StatusChange
from complaints.views import PROGRESS_SESSION_KEY
from complaints.workflow import Status
from tests.complaints.builders import complaint_build
from tests.complaints.triage_setup import two_orgs  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_soon(two_orgs):  # noqa: F811
    today = timezone.localdate()
    return complaint_build(two_orgs.org_a, response_due=today + timedelta(days=5))


def test_extending_moves_the_deadline_and_tells_the_complainant_why(client, two_orgs, due_soon):  # noqa: F811
    new_due = due_soon.response_due + timedelta(days=14)
    services.complaint_deadline_extend(
        complaint_id=due_soon.pk,
        actor=two_orgs.staff_a,
        new_due=new_due,
        reason="We are waiting for body-worn video.",
    )
    due_soon.refresh_from_db()
    assert due_soon.response_due == new_due
    entry = StatusChange.objects.get(complaint=due_soon)
    assert entry.visible_to_complainant and entry.actor == two_orgs.staff_a

    session = client.session
    session[PROGRESS_SESSION_KEY] = due_soon.pk
    session.save()
    page = client.get("/complaints/check/status/").content.decode()
    assert new_due.strftime("%-d %B %Y") in page
    assert "waiting for body-worn video" in page


def test_an_earlier_date_or_no_reason_is_refused_and_nothing_changes(two_orgs, due_soon):  # noqa: F811
    before = due_soon.response_due
    with pytest.raises(services.InvalidInput, match="after the current deadline"):
        services.complaint_deadline_extend(
            complaint_id=due_soon.pk, actor=two_orgs.staff_a, new_due=before, reason="x"
        )
    with pytest.raises(services.InvalidInput, match="Enter why"):
        services.complaint_deadline_extend(
            complaint_id=due_soon.pk,
            actor=two_orgs.staff_a,
            new_due=before + timedelta(days=3),
            reason=" ",
        )
    due_soon.refresh_from_db()
    assert due_soon.response_due == before
    assert not StatusChange.objects.filter(complaint=due_soon).exists()


def test_a_finished_complaint_or_another_organisations_is_refused(two_orgs):  # noqa: F811
    closed = complaint_build(two_orgs.org_a, status=Status.CLOSED)
    later = timezone.localdate() + timedelta(days=30)
    with pytest.raises(services.ActionRefused):
        services.complaint_deadline_extend(
            complaint_id=closed.pk, actor=two_orgs.staff_a, new_due=later, reason="x"
        )
    with pytest.raises(PermissionDenied):
        services.complaint_deadline_extend(
            complaint_id=two_orgs.complaint_b.pk, actor=two_orgs.staff_a, new_due=later, reason="x"
        )


def test_staff_extend_from_the_complaint_page_with_clear_errors(
    client,
    staff_login,
    two_orgs,  # noqa: F811
    due_soon,
):
    staff_login(two_orgs.staff_a)
    url = reverse("admin:complaints_complaint_act", args=[due_soon.pk, "extend"])
    page = client.get(reverse("admin:complaints_complaint_change", args=[due_soon.pk]))
    assert "Extend the response deadline" in page.content.decode()
    empty = client.post(url, {"new_due": "", "reason": ""}).content.decode()
    assert "Enter the new response deadline" in empty
    assert "Enter why the response will take longer" in empty
    new_due = due_soon.response_due + timedelta(days=10)
    done = client.post(url, {"new_due": new_due.isoformat(), "reason": "Waiting for video"})
    assert done.status_code == 302
    due_soon.refresh_from_db()
    assert due_soon.response_due == new_due
    other = reverse("admin:complaints_complaint_act", args=[two_orgs.complaint_b.pk, "extend"])
    assert client.post(other, {"new_due": new_due.isoformat(), "reason": "x"}).status_code == 404
