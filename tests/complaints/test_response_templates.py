# ruff: noqa: F811 (the two_orgs fixture is imported)
"""Response templates per organisation: managed by its own staff, shown as text, scoped."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import ResponseTemplate
from tests.complaints.triage_setup import CANARY, two_orgs  # noqa: F401

pytestmark = pytest.mark.django_db
ADD = "admin:complaints_responsetemplate_add"
LIST = "admin:complaints_responsetemplate_changelist"


def _template(org, **fields):
    return ResponseTemplate.objects.create(
        organisation=org, updated_at=timezone.now(), **{"title": "T", "body": "B", **fields}
    )


def test_staff_add_a_template_for_their_organisation_and_see_it_on_a_complaint(
    client, staff_login, two_orgs
):
    staff_login(two_orgs.staff_a)
    done = client.post(
        reverse(ADD),
        {"organisation": two_orgs.org_a.pk, "title": "Apology", "body": "We are sorry."},
    )
    assert done.status_code == 302
    template = ResponseTemplate.objects.get(title="Apology")
    assert template.updated_by == two_orgs.staff_a
    page = client.get(
        reverse("admin:complaints_complaint_change", args=[two_orgs.complaint_a.pk])
    ).content.decode()
    assert "We are sorry." in page


def test_staff_cannot_add_a_template_for_another_organisation(client, staff_login, two_orgs):
    staff_login(two_orgs.staff_a)
    response = client.post(
        reverse(ADD), {"organisation": two_orgs.org_b.pk, "title": "Sneaky", "body": "x"}
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not ResponseTemplate.objects.filter(title="Sneaky").exists()


def test_another_organisations_templates_are_never_shown(client, staff_login, two_orgs):
    theirs = _template(two_orgs.org_b, title=f"Bravo {CANARY}", body=CANARY)
    staff_login(two_orgs.staff_a)
    assert CANARY not in client.get(reverse(LIST)).content.decode()
    change = reverse("admin:complaints_responsetemplate_change", args=[theirs.pk])
    assert client.get(change).status_code in (302, 404)
    page = client.get(
        reverse("admin:complaints_complaint_change", args=[two_orgs.complaint_a.pk])
    ).content.decode()
    assert CANARY not in page


def test_a_template_with_markup_is_shown_as_text(client, staff_login, two_orgs):
    _template(two_orgs.org_a, title="Markup", body='<script>alert("x")</script><b>bold</b>')
    staff_login(two_orgs.staff_a)
    page = client.get(
        reverse("admin:complaints_complaint_change", args=[two_orgs.complaint_a.pk])
    ).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<b>bold</b>" not in page
