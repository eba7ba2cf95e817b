"""Issue 13, smaller field items: phone extensions, whole dates and month names, an emoji
counted as one character, and email domains in other scripts shown as typed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints import forms, safe_contact
from complaints.models import Complaint, OutboundEmail
from tests.complaints.builders import complaint_build
from tests.complaints.journey_support import (
    directory_create,
    error_links_land_on_fields,
    journey_begin,
    journey_complete,
    step_url,
)
from tests.complaints.triage_setup import handler_build

pytestmark = pytest.mark.django_db

CHECK = "/complaints/check-your-answers/"


@pytest.fixture
def directory():
    return directory_create()


@pytest.mark.parametrize(
    "phone",
    ["020 7946 0000 ext 123", "020 7946 0000 x123", "020 7946 0000 Ext. 12", "07700900982"],
)
def test_phone_numbers_with_extensions_are_accepted(phone):
    form = forms.ContactMethodsForm(
        {"methods": ["phone"], "phone": phone, "may_leave_messages": "no"}
    )
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("phone", ["call me", "ext 123", "0207 x"])
def test_things_that_are_not_phone_numbers_are_still_refused(phone):
    form = forms.ContactMethodsForm(
        {"methods": ["phone"], "phone": phone, "may_leave_messages": "no"}
    )
    assert not form.is_valid()


@pytest.mark.parametrize("typed", ["27/3/2025", "27 March 2025", "27-03-2025", "2025-03-27"])
def test_a_whole_date_typed_into_day_gives_one_clear_error(client, directory, typed):
    journey_begin(client)
    html = client.post(step_url("when"), {"day": typed}).content.decode()
    summary = html[html.index('class="govuk-error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    assert summary.count("<li>") == 1
    assert "Enter the day, month and year in their own boxes" in summary
    assert error_links_land_on_fields(html) == ["id_day"]
    assert html.count('class="govuk-error-message"') == 1


def test_a_very_long_day_gives_one_error():
    form = forms.WhenForm({"day": "x" * 41})
    assert not form.is_valid()
    assert sum(len(errors) for errors in form.errors.values()) == 1


@pytest.mark.parametrize(
    ("month", "number"),
    [("March", 3), ("mar", 3), ("MAR.", 3), ("Sept", 9), ("september", 9), ("03", 3)],
)
def test_month_names_are_accepted(month, number):
    form = forms.WhenForm({"day": "2", "month": month, "year": "2025"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["incident_date"].month == number


@pytest.mark.parametrize("month", ["ma", "ju", "Marchh", "13"])
def test_unclear_month_names_are_refused(month):
    form = forms.WhenForm({"day": "2", "month": month, "year": "2025"})
    assert not form.is_valid()


def test_an_emoji_counts_as_one_character_on_the_server(client, directory):
    journey_begin(client)
    limit = forms.WHAT_HAPPENED_MAX
    emoji = "\N{GRINNING FACE}"  # two UTF-16 units, one code point
    ok = client.post(step_url("what-happened"), {"what_happened": emoji * limit})
    assert ok.status_code == 302
    too_long = client.post(step_url("what-happened"), {"what_happened": emoji * (limit + 1)})
    assert "What happened must be 5,000 characters or fewer" in too_long.content.decode()


def test_a_unicode_email_domain_is_shown_as_typed_and_stored_for_sending(client, directory):
    # A browser sends the xn-- form from <input type="email">.
    journey_complete(
        client,
        directory["north"].id,
        replace={"contact": {"methods": ["email"], "email": "sian@xn--mnchen-3ya.de"}},
    )
    html = client.get(CHECK).content.decode()
    assert "sian@münchen.de" in html and "xn--" not in html
    client.post(CHECK, {"declaration": "on"})
    complaint = Complaint.objects.get()
    assert complaint.email == "sian@xn--mnchen-3ya.de"
    # The acknowledgement goes to the address that works in any mail system.
    assert OutboundEmail.objects.get(kind="received").to_address == "sian@xn--mnchen-3ya.de"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("a@xn--mnchen-3ya.de", "a@münchen.de"),
        ("a@example.com", "a@example.com"),
        ("a@münchen.de", "a@münchen.de"),
        ("a@xn--", "a@xn--"),
        ("a@xn--zz-", "a@xn--zz-"),
        ("", ""),
    ],
)
def test_display_email(stored, shown):
    assert safe_contact.display_email(stored) == shown


def test_staff_see_a_unicode_email_domain_as_typed(client, directory, staff_login):
    complaint = complaint_build(directory["north"], email="ana@xn--mnchen-3ya.de")
    staff_login(handler_build(directory["north"], username="handler"))
    page = client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk]))
    html = page.content.decode()
    assert "ana@münchen.de" in html and "xn--mnchen" not in html
