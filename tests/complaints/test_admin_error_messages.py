# ruff: noqa: F811 (the two_orgs fixture is imported)
"""Triage forms say what to do, not Django's "This field is required."; transfer never
offers a support service."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.admin import forms as admin_forms
from complaints.admin.actions import ACTIONS
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


# Django's own wording, which tells staff what is wrong but not what to do.
DJANGO_DEFAULTS = (
    "This field is required",
    "Select a valid choice",
    "is not one of the available choices",
    "Ensure this value",
    "Enter a valid",
)
_EVERY_FORM = [
    *[(slug, action.form) for slug, action in sorted(ACTIONS.items())],
    ("merge", admin_forms.MergeForm),
    ("note", admin_forms.InternalNoteForm),
    ("transfer search", admin_forms.TransferSearchForm),
]


def _errors(form_class, data, complaint) -> list[str]:
    try:
        form = form_class(data, complaint=complaint)
    except TypeError:  # a form that is not about one complaint
        form = form_class(data)
    form.is_valid()
    return [str(error) for errors in form.errors.values() for error in errors]


@pytest.mark.parametrize(("name", "form_class"), _EVERY_FORM, ids=[n for n, _f in _EVERY_FORM])
def test_every_triage_form_says_what_to_do_not_what_django_says(two_orgs, name, form_class):
    empty = _errors(form_class, {}, two_orgs.complaint_a)
    fields = form_class.base_fields
    # Far too long for any text box, not a choice on any list, not a date.
    junk = _errors(form_class, {field: "x" * 20000 for field in fields}, two_orgs.complaint_a)
    for message in empty + junk:
        assert not any(default in message for default in DJANGO_DEFAULTS), (name, message)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Enter the note"), ("x" * 5001, "The note must be 5,000 characters or fewer")],
)
def test_an_internal_note_that_cannot_be_added_says_why(
    client, staff_login, two_orgs, text, message
):
    staff_login(two_orgs.staff_a)
    url = reverse("admin:complaints_complaint_note_add", args=[two_orgs.complaint_a.pk])
    page = client.post(url, {"text": text}, follow=True).content.decode()
    assert message in page and "This field is required" not in page
