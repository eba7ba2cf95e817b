"""The question pages: order, skipping, pre-filling, change links, sessions and messages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from complaints.journey import SESSION_KEY
from directory import routing
from tests.complaints.journey_support import (
    directory_create,
    journey_begin,
    journey_complete,
    step_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    return directory_create()


def answers(client) -> dict:
    return client.session[SESSION_KEY]["answers"]


def test_start_page_explains_and_links_to_the_interruption_page(client):
    response = client.get("/complaints/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Who will see it" in html
    assert "Exit this page" in html
    assert 'href="/complaints/before-you-start/"' in html


def test_interruption_page_explains_the_quick_exit(client):
    html = client.get("/complaints/before-you-start/").content.decode()
    assert "Shift key 3 times" in html
    assert "Escape" in html


def test_begin_goes_to_the_first_question_and_creates_a_key(client, directory):
    response = client.post("/complaints/before-you-start/")
    assert response["Location"] == step_url("who")
    state = client.session[SESSION_KEY]
    assert len(state["key"]) >= 32
    assert state["answers"] == {}


def test_about_on_the_start_url_prefills_the_question(client, directory):
    client.get("/complaints/?about=cps")
    journey_begin(client)
    html = client.get(step_url("about")).content.decode()
    assert re.search(r'value="cps"\s+checked', html)


def test_an_unknown_about_value_is_ignored(client, directory):
    client.get("/complaints/?about=<script>")
    journey_begin(client)
    assert "org_type" not in answers(client)


def test_answers_from_the_tool_prefill_the_same_questions(client, directory):
    session = client.session
    session[routing.ANSWERS_SESSION_KEY] = {
        "org_type": "police_force",
        "subject": "service",
        "organisation_id": directory["south"].id,
    }
    session.save()
    journey_begin(client)
    assert re.search(
        r'value="police_force"\s+checked', client.get(step_url("about")).content.decode()
    )
    client.post(step_url("about"), {"org_type": "police_force"})
    assert answers(client)["subject"] == "service"
    html = client.get(step_url("organisation")).content.decode()
    assert f'<option value="{directory["south"].id}" selected>' in html


def test_the_tools_own_pages_carry_their_answers_into_the_journey(client, directory):
    """Through the tool's real pages and its "Start your complaint" link, not the session."""
    tool = "/who-should-i-complain-to/"
    client.post(tool + "about/", {"answer": "police_force"})
    client.post(tool + "subject/", {"answer": "service"})
    client.post(tool + "organisation/", {"answer": str(directory["south"].id)})
    result = client.get(tool + "result/").content.decode()
    assert 'href="/complaints/"' in result
    client.get("/complaints/")
    journey_begin(client)
    assert answers(client) == {
        "org_type": "police_force",
        "subject": "service",
        "organisation_id": directory["south"].id,
    }


def test_a_guidance_pages_button_wins_over_older_tool_answers(client, directory):
    session = client.session
    session[routing.ANSWERS_SESSION_KEY] = {"org_type": "police_force", "subject": "service"}
    session.save()
    client.get("/complaints/?about=cps")
    journey_begin(client)
    assert answers(client) == {"org_type": "cps"}


def test_the_tools_button_wins_over_an_older_guidance_page_choice(client, directory):
    client.get("/complaints/?about=cps")
    session = client.session
    session[routing.ANSWERS_SESSION_KEY] = {"org_type": "police_force", "subject": "service"}
    session.save()
    client.get("/complaints/")  # the tool's "Start your complaint" link
    journey_begin(client)
    assert answers(client)["org_type"] == "police_force"


def test_tool_answers_reach_a_complaint_begun_before_the_tool_was_used(client, directory):
    """Begun, left at the first question, then the tool: its promise to keep answers holds."""
    journey_begin(client)
    client.post(step_url("who"), {"role": "self"})
    session = client.session
    session[routing.ANSWERS_SESSION_KEY] = {"org_type": "police_force", "subject": "service"}
    session.save()
    client.get("/complaints/")
    # The tool answered who and what about, not which force: that is the next question.
    assert client.post("/complaints/before-you-start/")["Location"] == step_url("organisation")
    assert answers(client) == {"role": "self", "org_type": "police_force", "subject": "service"}


def test_tool_answers_do_not_overwrite_an_answered_about_question(client, directory):
    journey_begin(client)
    client.post(step_url("who"), {"role": "self"})
    client.post(step_url("about"), {"org_type": "cps"})
    session = client.session
    session[routing.ANSWERS_SESSION_KEY] = {"org_type": "police_force", "subject": "service"}
    session.save()
    journey_begin(client)
    assert answers(client)["org_type"] == "cps"


def test_pages_that_do_not_apply_are_skipped(client, directory):
    journey_begin(client)
    response = client.post(step_url("who"), {"role": "self"})
    assert response["Location"] == step_url("about")
    # "I do not know": no subject, no organisation question.
    response = client.post(step_url("about"), {"org_type": "unknown"})
    assert response["Location"] == step_url("rights")
    # Asking for a page that does not apply moves on to one that does.
    assert client.get(step_url("subject"))["Location"] == step_url("rights")
    assert client.get(step_url("on-behalf"))["Location"] == step_url("about")


def test_on_behalf_asks_relationship_and_permission_then_offers_an_upload(client, directory):
    journey_begin(client)
    assert client.post(step_url("who"), {"role": "on_behalf"})["Location"] == step_url("on-behalf")
    them = {"affected_person_name": "Ana Lopez", "relationship": "Mother"}
    response = client.post(step_url("on-behalf"), {**them, "permission": "written"})
    assert response["Location"] == step_url("permission")
    response = client.post(step_url("on-behalf"), {**them, "permission": "parent_under_16"})
    assert response["Location"] == step_url("about")


def test_a_directory_with_one_organisation_of_the_type_is_not_asked(client, directory):
    directory["south"].is_active = False
    directory["south"].save()
    journey_begin(client)
    client.post(step_url("who"), {"role": "self"})
    client.post(step_url("about"), {"org_type": "police_force"})
    response = client.post(step_url("subject"), {"subject": "service"})
    assert response["Location"] == step_url("rights")
    assert answers(client)["organisation_id"] == directory["north"].id


def test_i_do_not_know_the_organisation_is_a_valid_answer(client, directory):
    journey_complete(
        client, directory["north"].id, replace={"organisation": {"organisation": "unknown"}}
    )
    assert answers(client)["organisation_id"] is None


def test_late_complaint_explains_and_asks_why_but_never_blocks(client, directory):
    old = timezone.localdate() - timedelta(days=800)
    when = {"day": str(old.day), "month": str(old.month), "year": str(old.year)}
    journey_begin(client)
    for slug, data in [
        ("who", {"role": "self"}),
        ("about", {"org_type": "police_force"}),
        ("subject", {"subject": "service"}),
        ("organisation", {"organisation": str(directory["north"].id)}),
        ("rights", {}),
    ]:
        client.post(step_url(slug), data)
    response = client.post(step_url("when"), when)
    assert response["Location"] == step_url("late")
    html = client.get(step_url("late")).content.decode()
    assert "Northshire Police usually looks at complaints made within 12 months" in html
    # Blank is allowed: it never blocks.
    assert client.post(step_url("late"), {"late_reason": ""})["Location"] == step_url("reference")


def test_a_recent_date_does_not_ask_about_lateness(client, directory):
    journey_complete(client, directory["north"].id)
    assert "late" not in client.session[SESSION_KEY]["done"]


def test_approximate_date_needs_only_month_and_year(client, directory):
    journey_begin(client)
    response = client.post(
        step_url("when"), {"day": "", "month": "1", "year": "2026", "approximate": "on"}
    )
    assert response.status_code == 302
    assert answers(client)["incident_date"] == "2026-01-01"
    assert answers(client)["approximate"] is True


def test_change_link_returns_to_check_answers(client, directory):
    journey_complete(client, directory["north"].id)
    html = client.get("/complaints/check-your-answers/").content.decode()
    assert 'href="/complaints/question/what-happened/?change=1"' in html
    # Back from check answers goes to the last question, like every other page.
    assert f'<a href="{step_url("support")}" class="govuk-back-link">' in html
    page = client.get(step_url("what-happened") + "?change=1").content.decode()
    assert '<a href="/complaints/check-your-answers/" class="govuk-back-link">' in page
    response = client.post(
        step_url("what-happened") + "?change=1", {"what_happened": "A new account."}
    )
    assert response["Location"] == "/complaints/check-your-answers/"
    assert answers(client)["what_happened"] == "A new account."


def test_changing_the_organisation_type_asks_the_new_follow_up_questions(client, directory):
    journey_complete(client, directory["north"].id)
    response = client.post(step_url("about") + "?change=1", {"org_type": "cps"})
    assert response["Location"] == step_url("subject") + "?change=1"
    response = client.post(step_url("subject") + "?change=1", {"subject": "decision"})
    # No CPS Areas in this directory; a Victims' Right to Review request asks the date of
    # the decision letter (its own clock), then nothing else.
    assert response["Location"] == step_url("decision-date") + "?change=1"
    response = client.post(
        step_url("decision-date") + "?change=1",
        {"decision_day": "1", "decision_month": "2", "decision_year": "2020"},
    )
    assert response["Location"] in (
        "/complaints/check-your-answers/",
        step_url("late") + "?change=1",
    )
    assert answers(client)["organisation_id"] is None


def test_check_answers_sends_an_incomplete_journey_to_the_missing_page(client, directory):
    journey_begin(client)
    client.post(step_url("who"), {"role": "self"})
    assert client.get("/complaints/check-your-answers/")["Location"] == step_url("about")


def test_without_a_session_a_question_page_explains_the_answers_were_deleted(client, directory):
    response = client.get(step_url("what-happened"))
    assert response["Location"] == "/complaints/session-ended/"
    html = client.get(response["Location"]).content.decode()
    assert "Your answers have been deleted" in html


def test_an_expired_session_keeps_the_answer_just_posted(client, directory):
    response = client.post(step_url("what-happened"), {"what_happened": "Kept words."})
    assert response["Location"] == "/complaints/session-ended/"
    html = client.get("/complaints/session-ended/").content.decode()
    assert "We have kept the answer you just sent" in html
    assert answers(client)["what_happened"] == "Kept words."


def test_quick_exit_deletes_the_answers(client, directory):
    journey_complete(client, directory["north"].id)
    client.get("/exit/")
    assert client.get(step_url("who"))["Location"] == "/complaints/session-ended/"


def test_delete_my_answers_now(client, directory):
    journey_complete(client, directory["north"].id)
    client.post("/complaints/delete-answers/")
    assert SESSION_KEY not in client.session


def test_keep_alive_extends_the_session_without_content(client, directory):
    response = client.get("/complaints/keep-alive/")
    assert response.status_code == 204
    assert "no-store" in response["Cache-Control"]


def test_question_pages_carry_the_timeout_warning(client, directory):
    journey_begin(client)
    html = client.get(step_url("who")).content.decode()
    assert 'data-module="app-timeout-warning"' in html
    assert '<dialog class="app-timeout-warning__dialog" aria-labelledby' in html
    assert 'data-timeout-seconds="3600"' in html


def test_nothing_typed_appears_in_a_url(client, directory):
    journey_begin(client)
    locations = []
    for slug, data in [
        ("who", {"role": "self"}),
        ("about", {"org_type": "unknown"}),
        ("what-happened", {"what_happened": "canary-url-words"}),
        ("name", {"full_name": "canary-url-name"}),
    ]:
        locations.append(client.post(step_url(slug), data)["Location"])
    assert not any("canary" in location for location in locations)
    assert all("canary" not in value.value for value in client.cookies.values())


def test_control_characters_are_removed_and_new_lines_kept(client, directory):
    journey_begin(client)
    client.post(step_url("what-happened"), {"what_happened": "Line one\x00\x07\r\nLine two\ttab"})
    assert answers(client)["what_happened"] == "Line one\nLine two\ttab"
    client.post(step_url("name"), {"full_name": "Zoë\x1b[31m Nguyễn 🌷"})
    assert answers(client)["full_name"] == "Zoë [31m Nguyễn 🌷"


def test_any_script_is_accepted_in_names(client, directory):
    journey_begin(client)
    for name in ["محمد", "Ólafur Þór", "山田 太郎", "O’Connor-Smith", "Ἀλέξανδρος"]:
        assert client.post(step_url("name"), {"full_name": name}).status_code == 302
        assert answers(client)["full_name"] == name


def test_a_new_line_counts_as_one_character(client, directory):
    journey_begin(client)
    text = ("a" * 99 + "\r\n") * 50  # 5,000 characters once new lines are one each
    assert client.post(step_url("what-happened"), {"what_happened": text}).status_code == 302


# -- Every validation message, and the error summary landing on the field --------------

MESSAGES = [
    ("who", {}, "Select who is making this complaint", "id_role_1"),
    (
        "on-behalf",
        {"relationship": "Mother", "permission": "written"},
        "Enter the name of the person affected",
        "id_affected_person_name",
    ),
    (
        "on-behalf",
        {"affected_person_name": "x" * 201, "relationship": "Mother", "permission": "written"},
        "Their name must be 200 characters or fewer",
        "id_affected_person_name",
    ),
    (
        "on-behalf",
        {"affected_person_name": "Ana", "permission": "written"},
        "Enter your relationship to the person affected",
        "id_relationship",
    ),
    (
        "on-behalf",
        {"affected_person_name": "Ana", "relationship": "x" * 201, "permission": "written"},
        "Relationship must be 200 characters or fewer",
        "id_relationship",
    ),
    (
        "on-behalf",
        {"affected_person_name": "Ana", "relationship": "Mother"},
        "Select why you can complain for them",
        "id_permission_1",
    ),
    (
        "on-behalf",
        {"affected_person_name": "Ana", "relationship": "Aunt", "permission": "other"},
        "Enter why you can complain for them",
        "id_permission_other",
    ),
    (
        "reference",
        {"crime_reference": "x" * 101},
        "The reference must be 100 characters or fewer",
        "id_crime_reference",
    ),
    ("about", {}, "Select who your complaint is about", "id_org_type_1"),
    ("about", {"org_type": "aliens"}, "Select who your complaint is about", "id_org_type_1"),
    ("subject", {}, "Select what your complaint is about", "id_subject_1"),
    ("organisation", {}, "Select the police force, or ‘I do not know’", "id_organisation"),
    ("rights", {"rights": ["99"]}, "Select the rights that were not met", "id_rights_1"),
    ("when", {}, "Enter the date it happened", "id_day"),
    ("when", {"day": "3", "year": "2025"}, "The date it happened must include a month", "id_month"),
    ("when", {"day": "3"}, "The date it happened must include a month and a year", "id_month"),
    (
        "when",
        {"day": "31", "month": "2", "year": "2025"},
        "The date it happened must be a real date",
        "id_day",
    ),
    ("when", {"day": "1", "month": "1", "year": "25"}, "Year must include 4 numbers", "id_year"),
    (
        "when",
        {"day": "1", "month": "1", "year": "2999"},
        "The date it happened must be today or in the past",
        "id_day",
    ),
    (
        "when",
        {"day": "1", "month": "1", "year": "1850"},
        "The date it happened must be after 1900",
        "id_year",
    ),
    (
        "when",
        {"day": "x", "month": "1", "year": "2020"},
        "The date it happened must be a real date",
        "id_day",
    ),
    (
        "late",
        {"late_reason": "x" * 2001},
        "Your answer must be 2,000 characters or fewer",
        "id_late_reason",
    ),
    ("what-happened", {}, "Enter what happened", "id_what_happened"),
    (
        "what-happened",
        {"what_happened": "x" * 5001},
        "What happened must be 5,000 characters or fewer",
        "id_what_happened",
    ),
    (
        "who-was-involved",
        {"who_was_involved": "x" * 2001},
        "Who was involved must be 2,000 characters or fewer",
        "id_who_was_involved",
    ),
    (
        "outcome",
        {"outcome_wanted": "x" * 2001},
        "Your answer must be 2,000 characters or fewer",
        "id_outcome_wanted",
    ),
    ("name", {}, "Enter your name", "id_full_name"),
    ("name", {"full_name": "x" * 201}, "Your name must be 200 characters or fewer", "id_full_name"),
    ("contact", {}, "Select at least one safe way to contact you", "id_methods_1"),
    ("contact", {"methods": ["email"]}, "Enter your email address", "id_email"),
    (
        "contact",
        {"methods": ["email"], "email": "not-an-email"},
        "Enter an email address in the correct format, like name@example.com",
        "id_email",
    ),
    (
        "contact",
        {"methods": ["email"], "email": "a@" + "b" * 260 + ".com"},
        "Email address must be 254 characters or fewer",
        "id_email",
    ),
    (
        "contact",
        {"methods": ["phone"], "may_leave_messages": "no"},
        "Enter your phone number",
        "id_phone",
    ),
    (
        "contact",
        {"methods": ["phone"], "phone": "call me", "may_leave_messages": "no"},
        "Enter a phone number, like 01632 960 001 or +44 808 157 0192",
        "id_phone",
    ),
    (
        "contact",
        {"methods": ["phone"], "phone": "07700 900982"},
        "Select whether we can leave a message",
        "id_may_leave_messages_1",
    ),
    ("contact", {"methods": ["post"]}, "Enter your postal address", "id_address"),
    (
        "contact",
        {"methods": ["email"], "email": "a@example.com", "times_to_avoid": "x" * 501},
        "Times to avoid must be 500 characters or fewer",
        "id_times_to_avoid",
    ),
    ("support", {"needs_interpreter": "on"}, "Enter the language you need", "id_language"),
    (
        "support",
        {"accessibility_needs": "x" * 2001},
        "Accessibility needs must be 2,000 characters or fewer",
        "id_accessibility_needs",
    ),
]


@pytest.mark.parametrize(("slug", "data", "message", "anchor"), MESSAGES)
def test_every_validation_message_links_to_its_field(
    client, directory, slug, data, message, anchor
):
    journey_begin(client)
    if slug in ("on-behalf",):
        client.post(step_url("who"), {"role": "on_behalf"})
    if slug in ("subject", "organisation"):
        client.post(step_url("about"), {"org_type": "police_force"})
    if slug == "late":
        client.post(step_url("about"), {"org_type": "police_force"})
        client.post(step_url("organisation"), {"organisation": str(directory["north"].id)})
        client.post(step_url("when"), {"day": "1", "month": "1", "year": "2000"})
    response = client.post(step_url(slug), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    summary = html[html.index('class="govuk-error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    assert f'<a href="#{anchor}">{message}</a>' in summary.replace("&#x27;", "'")
    # The link lands on an element that exists, and the message is also by the field.
    assert f'id="{anchor}"' in html
    assert '<p id="' in html and "govuk-error-message" in html


def test_error_messages_use_the_v6_markup(client, directory):
    journey_begin(client)
    html = client.post(step_url("who"), {}).content.decode()
    assert re.search(
        r'<p id="id_role_1_error" class="govuk-error-message">'
        r'<span class="govuk-visually-hidden">Error:</span> Select who',
        html,
    )
    assert 'class="govuk-form-group govuk-form-group--error"' in html
    assert (
        'aria-describedby=" id_role_1_error"' in html
        or 'aria-describedby="id_role_1_error"' in html
    )


# -- Rate limits -----------------------------------------------------------------------


def test_a_person_at_a_normal_pace_is_never_limited(client, directory):
    # Two whole complaints, with a mistake on every page, is far more than anyone does.
    for _ in range(2):
        journey_complete(client, directory["north"].id)
        client.post(step_url("who"), {})
        client.post("/complaints/check-your-answers/", {"declaration": "on"})
    from complaints.models import Complaint

    assert Complaint.objects.count() == 2


def test_a_script_posting_fast_gets_the_friendly_429_page(client, directory):
    from victims_service.ratelimit import LIMITS

    journey_begin(client)
    for _ in range(LIMITS["journey"].requests):
        client.post(step_url("who"), {"role": "self"})
    response = client.post(step_url("who"), {"role": "self"})
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
    assert response["Retry-After"]
    html = response.content.decode()
    assert "Your answers have been kept." in html
    # Reading pages is never limited.
    assert client.get(step_url("who")).status_code == 200


def test_the_429_page_says_how_long_to_wait_and_only_promises_answers_where_kept(client, db):
    from unittest import mock

    # The period of the limit that was exceeded ends in 800 seconds (14 minutes, rounded up).
    with mock.patch("victims_service.ratelimit.limit_wait", return_value=800):
        response = client.post("/complaints/check/", {})
    assert response.status_code == 429
    assert response["Retry-After"] == "800"
    html = response.content.decode()
    assert "Wait 14 minutes, then go back and try again." in html
    assert "answers have been kept" not in html  # the progress check keeps nothing


def test_limits_are_per_browser_so_others_at_the_same_address_carry_on(client, directory):
    from django.test import Client

    from victims_service.ratelimit import LIMITS

    journey_begin(client)
    for _ in range(LIMITS["journey"].requests + 1):
        client.post(step_url("who"), {"role": "self"}, REMOTE_ADDR="203.0.113.9")
    # The same browser is limited from any address...
    assert (
        client.post(step_url("who"), {"role": "self"}, REMOTE_ADDR="203.0.113.10").status_code
        == 429
    )
    # ...and someone else at the same address (a refuge, a library) is not.
    other = Client()
    journey_begin(other)
    assert (
        other.post(step_url("who"), {"role": "self"}, REMOTE_ADDR="203.0.113.9").status_code == 302
    )


def test_a_broken_rate_limit_counter_never_blocks_anyone(client, directory, monkeypatch):
    from django.db import DatabaseError

    from victims_service import ratelimit

    def broken(**kwargs):
        raise DatabaseError("counter table locked")

    monkeypatch.setattr(ratelimit, "_count", broken)
    journey_begin(client)
    assert client.post(step_url("who"), {"role": "self"}).status_code == 302


def test_a_long_list_of_organisations_gets_the_autocomplete_a_short_one_does_not(client, directory):
    from directory.models import Organisation, OrganisationType

    journey_begin(client)
    client.post(step_url("who"), {"role": "self"})
    client.post(step_url("about"), {"org_type": "police_force"})
    client.post(step_url("subject"), {"subject": "service"})
    html = client.get(step_url("organisation")).content.decode()
    assert 'data-module="app-autocomplete"' not in html  # two forces: a plain select
    assert "autocomplete-page" not in html

    for n in range(1, 11):
        Organisation.objects.create(
            name=f"Shire {n:02d} Police", slug=f"shire-{n}", org_type=OrganisationType.POLICE_FORCE
        )
    from directory import cache as directory_cache

    directory_cache.clear()  # as within 2 seconds in a running site
    html = client.get(step_url("organisation")).content.decode()
    assert 'data-module="app-autocomplete"' in html
    assert 'data-no-results="No results found"' in html
    assert "js/autocomplete-page" in html


def test_the_late_page_uses_the_routes_table_s_limit(client, directory):
    """A judge's conduct: 3 months (the routes table), not the directory's 6 or 12, so a
    complaint 4 months on is told it may be late; a police one 4 months on is not."""
    from complaints.journey import Journey

    four_months_ago = (timezone.localdate() - timedelta(days=125)).isoformat()
    session = client.session
    journey = Journey(session)
    journey.start()
    journey.data["answers"].update(
        {"org_type": "courts", "subject": "judge", "incident_date": four_months_ago}
    )
    limit = journey.time_limit()
    assert limit is not None and limit["months"] == 3 and limit["passed"]

    journey = Journey(session)
    journey.data["answers"].update({"org_type": "police_force", "subject": "service"})
    assert not journey.time_limit()["passed"]
