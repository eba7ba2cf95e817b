"""Issue 13: the questions a complaint needs: a crime reference, the affected person's
name, and why someone can complain for them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from complaints.journey import ROUTING_ANSWERS_KEY
from complaints.models import Complaint
from tests.complaints.journey_support import (
    directory_create,
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


def _tool(client, **answers) -> None:
    session = client.session
    session[ROUTING_ANSWERS_KEY] = answers
    session.save()


def _error_links_land_on_fields(html: str) -> list[str]:
    """Every error summary link's href names an element on the page."""
    summary = html[html.index('class="govuk-error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    hrefs = re.findall(r'<a href="#([^"]+)"', summary)
    assert hrefs
    for target in hrefs:
        assert f'id="{target}"' in html, target
    return hrefs


# -- The questions a complaint needs --------------------------------------------------


def test_the_crime_reference_is_optional_shown_and_stored(client, directory):
    journey_complete(client, directory["north"].id)
    html = client.get(CHECK).content.decode()
    assert "Crime reference or case number" in html and "NS/12345/26" in html
    client.post(CHECK, {"declaration": "on"})
    assert Complaint.objects.get().crime_reference == "NS/12345/26"


def test_no_crime_reference_says_so_on_check_your_answers(client, directory):
    journey_complete(client, directory["north"].id, replace={"reference": {}})
    assert "None given" in client.get(CHECK).content.decode()


def test_the_on_behalf_page_errors_link_to_fields_that_exist(client, directory):
    journey_begin(client)
    client.post(step_url("who"), {"role": "on_behalf"})
    html = client.post(step_url("on-behalf"), {"permission": "other"}).content.decode()
    hrefs = _error_links_land_on_fields(html)
    assert hrefs == ["id_affected_person_name", "id_relationship", "id_permission_other"]
    # The box for "something else" is shown with the answer chosen, revealed without JS.
    assert 'data-module="govuk-radios"' in html
    assert 'data-aria-controls="conditional-permission-other"' in html
    assert 'class="govuk-radios__conditional" id="conditional-permission-other"' in html
    html = client.post(step_url("on-behalf"), {}).content.decode()
    assert _error_links_land_on_fields(html)[-1] == "id_permission_1"
    assert 'id="id_permission_1"' in html


def test_new_personal_fields_are_anonymised():
    from complaints.retention import PERSONAL_TEXT_FIELDS

    for name in ("affected_person_name", "permission_other", "crime_reference"):
        assert name in PERSONAL_TEXT_FIELDS


def test_staff_see_the_new_answers(client, directory, staff_login):
    from tests.complaints.builders import complaint_build

    complaint = complaint_build(
        directory["north"],
        role=Complaint.Role.ON_BEHALF,
        affected_person_name="Ana Lopez",
        relationship="Aunt",
        permission=Complaint.Permission.OTHER,
        permission_other="Appointed deputy",
        crime_reference="NS/777/26",
        email="ana@xn--mnchen-3ya.de",
    )
    staff_login(handler_build(directory["north"], username="handler"))
    page = client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk]))
    html = page.content.decode()
    for text in ("Ana Lopez", "Appointed deputy", "NS/777/26", "Something else", "ana@münchen.de"):
        assert text in html
    assert "xn--mnchen" not in html
