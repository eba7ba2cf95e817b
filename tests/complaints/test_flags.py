# ruff: noqa: F811 (the two_orgs fixture is imported)
"""Staff flag a complaint as a priority or a safeguarding concern; the list shows it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from complaints import services
from complaints.models import StatusChange
from tests.complaints.triage_setup import two_orgs  # noqa: F401

pytestmark = pytest.mark.django_db


def test_flags_are_set_with_history_and_shown_in_the_list(client, staff_login, two_orgs):
    complaint = two_orgs.complaint_a
    staff_login(two_orgs.staff_a)
    url = reverse("admin:complaints_complaint_act", args=[complaint.pk, "flags"])
    done = client.post(url, {"priority": "on", "safeguarding": "on", "note": "Child at risk"})
    assert done.status_code == 302
    complaint.refresh_from_db()
    assert complaint.is_priority and complaint.has_safeguarding_concern
    entry = StatusChange.objects.get(complaint=complaint)
    assert "Safeguarding concern: yes" in entry.note and entry.actor == two_orgs.staff_a
    assert not entry.visible_to_complainant
    listing = client.get(reverse("admin:complaints_complaint_changelist")).content.decode()
    assert "Safeguarding" in listing and "Priority" in listing
    filtered = client.get(
        reverse("admin:complaints_complaint_changelist"), {"has_safeguarding_concern__exact": "1"}
    ).content.decode()
    assert complaint.reference in filtered


def test_setting_the_same_flags_again_writes_nothing(two_orgs):
    complaint = two_orgs.complaint_a
    for _ in range(2):
        services.complaint_flags_set(
            complaint_id=complaint.pk, actor=two_orgs.staff_a, priority=True, safeguarding=False
        )
    assert StatusChange.objects.filter(complaint=complaint).count() == 1


def test_another_organisations_complaint_cannot_be_flagged(client, staff_login, two_orgs):
    with pytest.raises(PermissionDenied):
        services.complaint_flags_set(
            complaint_id=two_orgs.complaint_b.pk,
            actor=two_orgs.staff_a,
            priority=True,
            safeguarding=True,
        )
    staff_login(two_orgs.staff_a)
    url = reverse("admin:complaints_complaint_act", args=[two_orgs.complaint_b.pk, "flags"])
    assert client.post(url, {"priority": "on"}).status_code == 404
    two_orgs.complaint_b.refresh_from_db()
    assert not two_orgs.complaint_b.is_priority
