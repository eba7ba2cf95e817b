# ruff: noqa: F811 (the two_orgs fixture is imported)
"""Triage forms say what to do, not Django's "This field is required."; transfer never
offers a support service."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.admin import forms as admin_forms
from directory.models import OrganisationType
from tests.complaints.builders import organisation_build
from tests.complaints.triage_setup import two_orgs  # noqa: F401

pytestmark = pytest.mark.django_db


def test_transfer_errors_are_specific(client, staff_login, two_orgs):
    staff_login(two_orgs.staff_a)
    url = reverse("admin:complaints_complaint_act", args=[two_orgs.complaint_a.pk, "transfer"])
    body = client.post(url, {"organisation": "", "note": ""}).content.decode()
    assert "Select the organisation to transfer the complaint to" in body
    assert "Enter why the complaint is being transferred" in body
    assert "This field is required" not in body


def test_transfer_never_offers_a_support_service(two_orgs):
    support = organisation_build(name="Local support", org_type=OrganisationType.VICTIMS_SERVICE)
    form = admin_forms.TransferForm(complaint=two_orgs.complaint_a)
    offered = set(form.fields["organisation"].queryset.values_list("pk", flat=True))
    assert support.pk not in offered and two_orgs.org_b.pk in offered


@pytest.mark.parametrize(
    "form_class", [admin_forms.RequiredNoteForm, admin_forms.ResponseForm, admin_forms.PassOnForm]
)
def test_no_triage_form_says_this_field_is_required(two_orgs, form_class):
    form = form_class({}, complaint=two_orgs.complaint_a)
    assert not form.is_valid()
    for errors in form.errors.values():
        assert all("This field is required" not in error for error in errors)
