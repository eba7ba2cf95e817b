"""Issue 13: the questions a complaint needs, safe contact asked once, and nothing asked
that the tool already answered or that cannot apply.

A crime reference; the affected person's name and why someone can complain for them;
safe contact asked once and shown to the person in the words staff read.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from complaints import safe_contact
from complaints.admin import display as admin_display
from complaints.journey import SESSION_KEY
from complaints.models import Complaint
from directory import routing
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


def _tool(client, **answers) -> None:
    session = client.session
    session[routing.ANSWERS_SESSION_KEY] = answers
    session.save()


def _tool(client, **answers) -> None:
    session = client.session
    session[routing.ANSWERS_SESSION_KEY] = answers
    session.save()


# -- Shorter: what the tool answered is not asked again ----------------------------------


def test_pages_the_tool_answered_are_skipped_and_summarised_with_change_links(client, directory):
    _tool(
        client,
        org_type="police_force",
        subject="service",
        organisation_id=directory["north"].id,
    )
    journey_begin(client)
    # Who is complaining is not a tool question; straight after it comes "rights".
    assert client.post(step_url("who"), {"role": "self"})["Location"] == step_url("rights")
    html = client.get(step_url("rights")).content.decode()
    assert "Who should I complain to?" in html
    for shown in ("The police", "Northshire Police", "How an officer or member of police staff"):
        assert shown in html
    for slug in ("about", "subject", "organisation"):
        assert f'href="{step_url(slug)}"' in html
    # Changing one there asks that page, then carries on through the journey as usual.
    response = client.get(step_url("organisation"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{step_url("who")}"' in html  # Back
    # Now the first page asked after the tool's answers, it summarises the other two.
    assert "tool-answers" in html and f'href="{step_url("about")}"' in html
    # (In the page itself: the language switch in the header links to this page.)
    assert f'href="{step_url("organisation")}"' not in html[html.index("<main") :]
    response = client.post(step_url("organisation"), {"organisation": str(directory["south"].id)})
    assert response["Location"] == step_url("rights")
    assert client.session[SESSION_KEY]["answers"]["organisation_id"] == directory["south"].id
    # Only on that first page.
    client.post(step_url("rights"), {})
    assert "tool-answers" not in client.get(step_url("when")).content.decode()


def test_changing_a_tool_answer_asks_that_page_and_what_now_depends_on_it(client, directory):
    _tool(client, org_type="police_force", subject="service", organisation_id=directory["north"].id)
    journey_complete(
        client,
        directory["north"].id,
        replace={
            "about": {"org_type": "police_force"},
        },
    )
    html = client.get(CHECK).content.decode()
    assert "Northshire Police" in html and f'href="{step_url("about")}?change=1"' in html
    # Change "who it is about": the page is asked, then the follow-ups for the new answer.
    response = client.get(step_url("about") + "?change=1")
    assert response.status_code == 200
    assert re.search(r'value="police_force"\s+checked', response.content.decode())
    response = client.post(step_url("about") + "?change=1", {"org_type": "cps"})
    assert response["Location"] == step_url("subject") + "?change=1"


def test_an_organisation_from_the_tool_that_has_left_the_directory_is_asked(client, directory):
    from directory import cache as directory_cache

    _tool(client, org_type="police_force", subject="service", organisation_id=directory["south"].id)
    journey_begin(client)
    directory["south"].is_active = False
    directory["south"].save()
    Organisation = type(directory["south"])
    Organisation.objects.create(name="Eastshire Police", slug="east", org_type="police_force")
    directory_cache.clear()
    assert client.post(step_url("who"), {"role": "self"})["Location"] == step_url("organisation")


def test_a_tool_that_stopped_half_way_skips_only_what_it_answered(client, directory):
    _tool(client, org_type="police_force", subject="")
    journey_begin(client)
    assert client.post(step_url("who"), {"role": "self"})["Location"] == step_url("subject")
    html = client.get(step_url("subject")).content.decode()
    assert "tool-answers" in html and "The police" in html


def test_a_guidance_pages_choice_is_asked_not_skipped(client, directory):
    client.get("/complaints/?about=cps")
    journey_begin(client)
    assert client.post(step_url("who"), {"role": "self"})["Location"] == step_url("about")


def test_without_the_tool_every_page_is_asked(client, directory):
    journey_begin(client)
    assert client.post(step_url("who"), {"role": "self"})["Location"] == step_url("about")


def test_a_complaint_about_this_website_is_not_asked_about_rights_or_a_crime_reference(
    client, directory
):
    journey_begin(client)
    client.post(step_url("who"), {"role": "self"})
    response = client.post(step_url("about"), {"org_type": "this_service"})
    assert response["Location"] == step_url("when")
    assert client.get(step_url("rights"))["Location"] == step_url("when")
    response = client.post(step_url("when"), {"day": "1", "month": "11", "year": "2026"})
    assert response["Location"] == step_url("what-happened")


def test_rights_chosen_before_changing_to_this_website_are_not_sent(client, directory):
    journey_complete(client, directory["north"].id)
    client.post(step_url("about") + "?change=1", {"org_type": "this_service"})
    html = client.get(CHECK).content.decode()
    assert "Rights not met" not in html and "Crime reference" not in html
    client.post(CHECK, {"declaration": "on"})
    complaint = Complaint.objects.get()
    assert complaint.rights_not_met.count() == 0
    assert complaint.crime_reference == ""


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
    hrefs = error_links_land_on_fields(html)
    assert hrefs == ["id_affected_person_name", "id_relationship", "id_permission_other"]
    # The box for "something else" is shown with the answer chosen, revealed without JS.
    assert 'data-module="govuk-radios"' in html
    assert 'data-aria-controls="conditional-permission-other"' in html
    assert 'class="govuk-radios__conditional" id="conditional-permission-other"' in html
    html = client.post(step_url("on-behalf"), {}).content.decode()
    assert error_links_land_on_fields(html)[-1] == "id_permission_1"
    assert 'id="id_permission_1"' in html


def test_the_letters_question_is_asked_once(client, directory):
    journey_begin(client)
    html = client.get(step_url("contact")).content.decode()
    assert "no_letters_home" not in html
    assert 'id="id_times_to_avoid"' in html
    assert client.get(step_url("keeping-safe")).status_code == 404


def test_email_only_says_do_not_send_letters_to_the_person_and_to_staff(
    client, directory, staff_login
):
    journey_complete(
        client,
        directory["north"].id,
        replace={"contact": {"methods": ["email"], "email": "sian@example.com"}},
    )
    html = client.get(CHECK).content.decode()
    assert "Can be sent" not in html
    assert "Do not send letters to the home address." in html
    assert "Do not phone." in html
    assert "Do not leave messages (voicemail, text message or with someone else" in html
    client.post(CHECK, {"declaration": "on"})
    complaint = Complaint.objects.get()
    assert complaint.no_letters_home
    user = handler_build(complaint.organisation, username="handler")
    staff_login(user)
    page = client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk]))
    staff = page.content.decode()
    for line in safe_contact.safe_contact_lines(
        safe_by_email=True,
        email="sian@example.com",
        safe_by_phone=False,
        phone="",
        may_leave_messages=False,
        safe_by_post=False,
        address="",
    ):
        if not line.safe:
            # The very words the person saw are the ones staff read.
            assert line.text in html and line.text in staff


def test_post_chosen_shows_the_address_letters_go_to(client, directory):
    journey_complete(
        client,
        directory["north"].id,
        replace={"contact": {"methods": ["post"], "address": "1 Safe Street"}},
    )
    html = client.get(CHECK).content.decode()
    assert "1 Safe Street" in html and "Do not send letters" not in html
    client.post(CHECK, {"declaration": "on"})
    complaint = Complaint.objects.get()
    assert not complaint.no_letters_home
    warnings, safe = admin_display.safe_contact_notices(complaint)
    assert "Letters to the address given" in safe
    assert not any("letters" in w for w in warnings)


def test_a_message_is_explained_and_the_email_hint_promises_only_what_happens(client, directory):
    journey_begin(client)
    html = client.get(step_url("contact")).content.decode()
    assert "A message means a voicemail, a text message, or a message with someone else" in html
    assert 'aria-describedby="id_may_leave_messages_hint' in html
    # No progress link is ever sent unless asked for on the "check progress" page.
    assert "send you a link" not in html
    assert "We will email you when we get your complaint" in html


def test_the_new_answers_are_removed_when_a_complaint_is_anonymised(directory):
    from complaints.retention import complaint_anonymise
    from tests.complaints.builders import complaint_build

    complaint = complaint_build(
        directory["north"],
        role=Complaint.Role.ON_BEHALF,
        affected_person_name="Ana Lopez",
        permission=Complaint.Permission.OTHER,
        permission_other="Her appointed deputy",
        crime_reference="NS/777/26",
    )
    assert complaint_anonymise(complaint_id=complaint.pk)
    complaint.refresh_from_db()
    assert (complaint.affected_person_name, complaint.permission_other) == ("", "")
    assert complaint.crime_reference == ""


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
