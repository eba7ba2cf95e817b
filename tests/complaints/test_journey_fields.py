"""Issue 13, smaller field items: phone extensions, whole dates and month names, an emoji
counted as one character, and email domains in other scripts shown as typed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from complaints import safe_contact
from complaints.models import Complaint, OutboundEmail
from tests.complaints.builders import complaint_build
from tests.complaints.journey_support import (
    directory_create,
    journey_complete,
)
from tests.complaints.triage_setup import handler_build

pytestmark = pytest.mark.django_db

CHECK = "/complaints/check-your-answers/"


@pytest.fixture
def directory():
    return directory_create()


def _error_links_land_on_fields(html: str) -> list[str]:
    """Every error summary link's href names an element on the page."""
    summary = html[html.index('class="govuk-error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    hrefs = re.findall(r'<a href="#([^"]+)"', summary)
    assert hrefs
    for target in hrefs:
        assert f'id="{target}"' in html, target
    return hrefs


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
