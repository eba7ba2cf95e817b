"""Assisted digital: staff record a complaint received by phone, letter or in person through
the public journey's questions and routing, marked with how it came in and who recorded it."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from complaints import services
from complaints.journey.recorded import RECORDED_KEY
from complaints.models import Channel, Complaint, OutboundEmail, StatusChange
from complaints.workflow import Status
from tests.complaints.builders import staff_build
from tests.complaints.journey_support import (
    default_answers,
    directory_create,
    journey_begin,
    journey_complete,
    step_url,
)
from tests.complaints.triage_setup import handler_build

pytestmark = pytest.mark.django_db

RECORD = reverse("admin:complaints_complaint_record")
CHECK = reverse("admin:complaints_complaint_record_check")
SENT = reverse("admin:complaints_complaint_record_sent")
CANCEL = reverse("admin:complaints_complaint_record_cancel")
CHANGELIST = reverse("admin:complaints_complaint_changelist")


@pytest.fixture
def directory():
    return directory_create()


@pytest.fixture
def handler(directory, client, staff_login):
    user = handler_build(directory["north"], first_name="Jo", last_name="Bloggs")
    staff_login(user)
    return user


def staff_data(north_id: int, replace: dict[str, dict] | None = None, **how) -> dict:
    """The public journey's answers as the staff page posts them: one prefix per question."""
    replace = replace or {}
    data = {"channel": Channel.PHONE, "service_language": "en-gb", **how}
    pages = {**dict(default_answers(north_id)), **replace}
    for slug, answers in pages.items():
        for name, value in answers.items():
            if slug != "evidence":
                data[f"{slug}-{name}"] = value
    return data


def record(client, data: dict, *, rounds: int = 4):
    """Post the page until every question that applies is answered; the check page's HTML."""
    client.get(RECORD)
    for _round in range(rounds):
        response = client.post(RECORD, data)
        if response.status_code == 302:
            assert response["Location"] == CHECK
            return client.get(CHECK).content.decode()
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" not in html, html[html.find("There is a problem") :][:800]
    raise AssertionError("the page kept asking")


def send(client) -> Complaint:
    response = client.post(CHECK, {"checked": "on"})
    assert response.status_code == 302 and response["Location"] == SENT
    return Complaint.objects.get(channel__in=[c for c in Channel.values if c != Channel.ONLINE])


ROUTED = (
    "organisation_id",
    "named_organisation_id",
    "routing_reason",
    "routing_rule_id",
    "request_kind",
    "route_key",
    "pass_on",
    "about_org_type",
    "about_subject",
    "status",
    "acknowledgement_due",
    "response_due",
    "request_due",
)
TOLD = (
    "role",
    "full_name",
    "email",
    "phone",
    "address",
    "safe_by_email",
    "safe_by_phone",
    "safe_by_post",
    "may_leave_messages",
    "no_letters_home",
    "times_to_avoid",
    "what_happened",
    "who_was_involved",
    "outcome_wanted",
    "crime_reference",
    "incident_date",
    "incident_date_is_approximate",
    "late_reason",
    "decision_date",
    "relationship",
    "permission",
    "permission_other",
    "affected_person_name",
    "needs_interpreter",
    "language",
    "accessibility_needs",
    "adjustments",
)


def _row(complaint: Complaint) -> dict:
    values = {name: getattr(complaint, name) for name in ROUTED + TOLD}
    values["rights"] = sorted(complaint.rights_not_met.values_list("number", flat=True))
    return values


# Pages only some answers bring, with the answers the person gives there.
EXTRA_PAGES = {
    "on-behalf": {
        "affected_person_name": "Sam",
        "relationship": "Parent",
        "permission": "parent_under_16",
    },
    "decision-date": {"decision_day": "1", "decision_month": "2", "decision_year": "2026"},
}


def online(client, north_id: int, replace: dict[str, dict]) -> Complaint:
    """The same answers through the public pages, each page as the journey asks it."""
    pages = {**dict(default_answers(north_id)), **EXTRA_PAGES, **replace}
    journey_begin(client)
    for _page in range(30):
        response = client.get("/complaints/check-your-answers/")
        if response.status_code == 200:
            break
        slug = response["Location"].rstrip("/").rsplit("/", 1)[-1]
        assert client.post(step_url(slug), pages.get(slug, {})).status_code == 302, slug
    response = client.post("/complaints/check-your-answers/", {"declaration": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Complaint.objects.get(channel=Channel.ONLINE)


@pytest.mark.parametrize(
    "replace",
    [
        {},
        # Someone else's complaint about the chief constable: a different route and body.
        {"who": {"role": "on_behalf"}, "subject": {"subject": "chief_constable"}},
        # A decision not to charge: not a complaint, so its date is asked.
        {"subject": {"subject": "no_further_action"}},
        # They do not know which force: the central team decides.
        {"organisation": {"organisation": "unknown"}},
        # Long ago: the late question, and its answer.
        {"when": {"day": "3", "month": "2", "year": "2019"}, "late": {"late_reason": "Unwell"}},
    ],
    ids=["service", "chief-constable-for-someone", "no-further-action", "unknown-force", "late"],
)
def test_routing_is_identical_to_the_online_form_for_the_same_answers(
    client, directory, handler, replace
):
    record(client, staff_data(directory["north"].id, {**EXTRA_PAGES, **replace}))
    staff = send(client)
    public = online(Client(), directory["north"].id, replace)
    assert _row(staff) == _row(public)
    assert staff.channel == Channel.PHONE and public.recorded_by is None


def test_channel_recorded_by_and_the_history_say_how_it_came_in(client, directory, handler):
    record(client, staff_data(directory["north"].id, channel=Channel.LETTER, service_language="cy"))
    complaint = send(client)
    assert complaint.channel == Channel.LETTER
    # Written in Welsh, so every email to them is in Welsh.
    assert complaint.service_language == "cy"
    assert complaint.recorded_by == handler
    assert complaint.organisation == directory["north"]
    assert complaint.status == Status.RECEIVED
    first = StatusChange.objects.get(complaint=complaint)
    assert first.actor == handler
    assert first.note.startswith("Recorded by Jo Bloggs from a letter. ")
    assert complaint.routing_reason in first.note
    timeline = client.get(
        reverse("admin:complaints_complaint_change", args=[complaint.pk])
    ).content.decode()
    assert "Recorded by Jo Bloggs from a letter" in timeline


def test_a_phone_call_is_recorded_as_one_and_the_reference_is_shown(client, directory, handler):
    html = record(client, staff_data(directory["north"].id))
    assert "Check the answers before you record the complaint" in html
    assert "Phone call" in html and "Northshire Police" in html
    assert "They did not tell me about the court date." in html
    complaint = send(client)
    page = client.get(SENT).content.decode()
    assert complaint.reference in page
    assert "Give the person this reference" in page
    assert "It came in by a phone call" in page
    assert reverse("admin:complaints_complaint_change", args=[complaint.pk]) in page
    history = StatusChange.objects.get(complaint=complaint)
    assert history.note.startswith("Recorded by Jo Bloggs from a phone call. ")
    # The answers are gone from the session once it is recorded.
    assert RECORDED_KEY not in client.session


def test_a_double_click_on_record_records_one_complaint(client, directory, handler):
    record(client, staff_data(directory["north"].id))
    send(client)
    again = client.post(CHECK, {"checked": "on"})
    assert again.status_code == 302 and again["Location"] == SENT
    assert Complaint.objects.count() == 1


def test_it_is_counted_and_listed_like_any_other(client, directory, handler):
    record(client, staff_data(directory["north"].id, channel=Channel.IN_PERSON))
    complaint = send(client)
    listing = client.get(CHANGELIST).content.decode()
    assert complaint.reference in listing
    assert "Record a complaint received by phone or letter" in listing
    dashboard = client.get(reverse("admin:complaints_complaint_dashboard"))
    figures = dashboard.context["period_figures"]
    assert figures.received == 1
    assert dict(figures.by_channel) == {Channel.IN_PERSON: 1}
    filtered = client.get(CHANGELIST, {"channel__exact": Channel.IN_PERSON}).content.decode()
    assert complaint.reference in filtered


def test_a_complaint_routed_elsewhere_goes_there_and_the_page_says_so(client, directory, handler):
    south = directory["south"]
    record(client, staff_data(directory["north"].id, {"organisation": {"organisation": south.id}}))
    complaint = send(client)
    assert complaint.organisation == south
    page = client.get(SENT).content.decode()
    assert "It has gone to <strong>Southshire Police</strong>" in page
    assert "is not one of your organisations" in page
    assert reverse("admin:complaints_complaint_change", args=[complaint.pk]) not in page
    # Still scoped: the member of staff cannot open it.
    change = reverse("admin:complaints_complaint_change", args=[complaint.pk])
    assert client.get(change).status_code in (302, 404)
    assert complaint.reference not in client.get(CHANGELIST).content.decode()


def test_emails_go_only_to_a_contact_they_gave_and_marked_safe(
    client, directory, handler, django_capture_on_commit_callbacks
):
    phone_only = {
        "contact": {"methods": ["phone"], "phone": "07700 900982", "may_leave_messages": "no"}
    }
    record(client, staff_data(directory["north"].id, phone_only))
    with django_capture_on_commit_callbacks(execute=False):
        complaint = send(client)
    assert complaint.email == "" and not complaint.safe_by_email
    # The organisation's inbox is told; nothing goes to the complainant.
    addresses = set(
        OutboundEmail.objects.filter(complaint=complaint).values_list("to_address", flat=True)
    )
    assert addresses == {directory["north"].inbox_email} - {""}
    assert "No email has been sent" in client.get(SENT).content.decode()


def test_an_acknowledgement_is_emailed_to_a_safe_address(
    client, directory, handler, django_capture_on_commit_callbacks
):
    record(client, staff_data(directory["north"].id))
    with django_capture_on_commit_callbacks(execute=False):
        complaint = send(client)
    assert OutboundEmail.objects.filter(complaint=complaint, to_address="sian@example.com").exists()
    assert "An acknowledgement is being emailed" in client.get(SENT).content.decode()


def test_answers_that_bring_questions_add_them_to_the_page_as_new(client, directory, handler):
    client.get(RECORD)
    data = staff_data(directory["north"].id)
    first = client.post(
        RECORD, {k: v for k, v in data.items() if not k.startswith(("subject-", "organisation-"))}
    )
    html = first.content.decode()
    assert first.status_code == 200
    assert "These answers bring more questions" in html
    assert 'id="q-subject"' in html and 'id="q-organisation"' in html
    assert "New question" in html
    assert "Which police force?" in html
    # The answers given so far are kept on the page.
    assert "They did not tell me about the court date." in html
    second = client.post(RECORD, data)
    assert second.status_code == 302 and second["Location"] == CHECK


def test_changing_who_it_is_about_asks_the_questions_that_depended_on_it_again(
    client, directory, handler
):
    record(client, staff_data(directory["north"].id))
    changed = staff_data(directory["north"].id, {"about": {"org_type": "cps"}})
    response = client.post(RECORD, changed)
    html = response.content.decode()
    assert response.status_code == 200
    # The police subject given before is not kept: the CPS's subjects are asked, as new.
    assert 'id="q-subject"' in html and "New question" in html
    assert "A decision not to charge someone, to stop a case or to offer no evidence" in html
    assert not re.search(r'name="subject-subject" value="[a-z_]+"[^>]*checked', html)


def test_errors_are_in_a_summary_that_links_to_each_field(client, directory, handler):
    client.get(RECORD)
    response = client.post(RECORD, {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    for message in (
        "Select how the complaint came in",
        "Select who is making this complaint",
        "Select who your complaint is about",
        "Enter the date it happened",
        "Enter what happened",
        "Enter your name",
        "Select at least one safe way to contact you",
    ):
        assert message in html, message
    assert "This field is required" not in html
    start = html.index("There is a problem")
    summary = html[start : html.index("</ul>", start)]
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert len(targets) >= 7
    for target in targets:
        assert f'id="{target}"' in html, target


def test_the_check_page_needs_the_answers_checked_with_the_person(client, directory, handler):
    record(client, staff_data(directory["north"].id))
    response = client.post(CHECK, {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Confirm that you have checked the answers with the person" in html
    assert 'href="#id_checked"' in html and 'id="id_checked"' in html
    assert Complaint.objects.count() == 0


def test_the_check_page_sends_back_to_the_questions_until_they_are_answered(
    client, directory, handler
):
    assert client.get(CHECK)["Location"] == RECORD
    client.get(RECORD)
    assert client.get(CHECK)["Location"] == RECORD


def test_deleting_the_answers_starts_again(client, directory, handler):
    record(client, staff_data(directory["north"].id))
    assert client.post(CANCEL)["Location"] == CHANGELIST
    assert RECORDED_KEY not in client.session
    assert client.get(CHECK)["Location"] == RECORD


def test_a_public_journey_in_the_same_browser_is_not_touched(client, directory, handler):
    journey_complete(client, directory["north"].id)
    before = dict(client.session["complaint"]["answers"])
    record(client, staff_data(directory["south"].id))
    assert client.session["complaint"]["answers"] == before


def test_only_signed_in_complaint_handlers_may_record(client, directory, staff_login):
    assert client.get(RECORD).status_code == 302  # to sign in
    assert Complaint.objects.count() == 0
    viewer = staff_build(directory["north"], username="viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_complaint"))
    staff_login(viewer)
    for url in (RECORD, CHECK, SENT):
        assert client.get(url).status_code == 403, url
    assert client.post(RECORD, staff_data(directory["north"].id)).status_code == 403
    assert client.post(CANCEL).status_code == 403
    listing = client.get(CHANGELIST).content.decode()
    assert "Record a complaint received by phone or letter" not in listing


def test_the_service_refuses_a_recorded_complaint_without_who_or_how(directory, handler):
    with pytest.raises(ValueError):
        services.complaint_submit(idempotency_key="k1", fields={}, channel=Channel.PHONE)
    with pytest.raises(ValueError):
        services.complaint_submit(idempotency_key="k2", fields={}, recorded_by=handler)
    assert Complaint.objects.count() == 0
