"""Sending the complaint: one atomic save, idempotent, and honest when it fails."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client

from complaints import workflow
from complaints.journey import SENT_KEY, SESSION_KEY
from complaints.models import Complaint, OutboundEmail, StatusChange
from directory import selectors as directory_selectors
from directory.models import Organisation
from tests.complaints.journey_support import directory_create, journey_complete, step_url
from tests.concurrency import run_at_once

CHECK = "/complaints/check-your-answers/"

# The fewest answers from "rights" on: each page after the organisation, in order.
MINIMAL_REST = [
    ("rights", {}),
    ("when", {"day": "1", "month": "2", "year": "2026"}),
    ("reference", {}),
    ("what-happened", {"what_happened": "Words."}),
    ("who-was-involved", {}),
    ("outcome", {}),
    ("evidence", {"action": "continue"}),
    ("name", {"full_name": "A"}),
    ("contact", {"methods": ["post"], "address": "Somewhere"}),
    ("support", {}),
]


@pytest.fixture
def directory(db):
    return directory_create()


def _police_complaint(directory) -> dict:
    """Complaint fields for `services.complaint_submit`: about Northshire Police."""
    return {
        "role": "self",
        "about_org_type": "police_force",
        "about_subject": "service",
        "named_organisation_id": directory["north"].pk,
        "what_happened": "Words.",
        "full_name": "A",
    }


@pytest.mark.django_db
def test_submit_stores_one_routed_complaint_with_its_history(client, directory):
    journey_complete(client, directory["north"].id)
    response = client.post(CHECK, {"declaration": "on"})
    assert response["Location"] == "/complaints/complaint-sent/"
    complaint = Complaint.objects.get()
    assert complaint.reference.startswith("VC-") and len(complaint.reference) == 11
    assert complaint.organisation == directory["north"]
    assert complaint.named_organisation == directory["north"]
    assert complaint.about_org_type == "police_force"
    assert complaint.full_name == "Siân O’Brien-Łukasz 李"
    assert complaint.safe_by_email and complaint.safe_by_phone and not complaint.safe_by_post
    assert complaint.no_letters_home
    assert complaint.declaration_at is not None
    assert sorted(complaint.rights_not_met.values_list("number", flat=True)) == [1, 6]
    assert StatusChange.objects.filter(complaint=complaint, to_status="received").count() == 1
    assert complaint.acknowledgement_due == workflow.add_working_days(
        complaint.received_at.date(), 10
    )


@pytest.mark.django_db
def test_confirmation_shows_reference_due_date_and_how_to_check(client, directory):
    Organisation.objects.filter(pk=directory["north"].pk).update(inbox_email="n@example.org")
    journey_complete(client, directory["north"].id)
    client.post(CHECK, {"declaration": "on"})
    complaint = Complaint.objects.get()
    html = client.get("/complaints/complaint-sent/").content.decode()
    assert "govuk-panel--confirmation" in html
    assert complaint.reference in html
    assert complaint.acknowledgement_due.strftime("%-d %B %Y") in html
    assert "/complaints/check/" in html
    assert "We have sent you an email" in html


def test_confirmation_for_an_organisation_nobody_here_reads_says_we_pass_it_on(
    client, directory, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        journey_complete(client, directory["north"].id)
        client.post(CHECK, {"declaration": "on"})
    complaint = Complaint.objects.get()
    assert complaint.organisation == directory["north"] and complaint.pass_on == "to_pass_on"
    html = client.get("/complaints/complaint-sent/").content.decode()
    assert "Our central team will pass it to Northshire Police within 2 working days" in html
    assert "We have sent your complaint to Northshire Police" not in html
    [received] = [m for m in mailoutbox if m.subject == "We have received your complaint"]
    assert "Our central team will pass it to Northshire Police within 2 working days" in (
        received.body
    )


def _send_with_post_only(client, directory) -> None:
    """A finished journey whose only safe way to reach the person is by post; then send it."""
    journey_complete(
        client,
        directory["north"].id,
        replace={"contact": {"methods": ["post"], "address": "1 Safe Street"}},
    )
    client.post(CHECK, {"declaration": "on"})


@pytest.mark.django_db
def test_confirmation_without_a_safe_email_does_not_promise_online_checks(client, directory):
    _send_with_post_only(client, directory)
    html = client.get("/complaints/complaint-sent/").content.decode()
    assert Complaint.objects.get().reference in html
    assert "We have sent you an email" not in html
    assert "Check the progress of a complaint" not in html
    assert "You cannot check progress online" in html


@pytest.mark.django_db
def test_after_submit_only_the_reference_key_and_a_copy_stay_in_the_session(client, directory):
    journey_complete(client, directory["north"].id)
    key = client.session[SESSION_KEY]["key"]
    client.post(CHECK, {"declaration": "on"})
    # The journey (answers, uploads, idempotency key) is gone; what the confirmation page
    # and its printable copy need stays until the session ends.
    assert SESSION_KEY not in client.session
    state = client.session[SENT_KEY]
    assert set(state) == {"reference", "key", "copy"}
    assert (state["reference"], state["key"]) == (Complaint.objects.get().reference, key)


@pytest.mark.django_db
def test_repeat_post_refresh_and_double_click_give_one_complaint(client, directory):
    journey_complete(client, directory["north"].id)
    first = client.post(CHECK, {"declaration": "on"})
    again = client.post(CHECK, {"declaration": "on"})
    refresh = client.get(CHECK)
    assert first["Location"] == again["Location"] == refresh["Location"]
    assert Complaint.objects.count() == 1


@pytest.mark.django_db
def test_the_same_key_from_a_restored_session_returns_the_same_complaint(client, directory):
    journey_complete(client, directory["north"].id)
    saved = dict(client.session[SESSION_KEY])
    client.post(CHECK, {"declaration": "on"})
    # The browser resends the final POST with the session as it was before (e.g. a
    # second tab): the idempotency key makes it the same complaint.
    session = client.session
    session[SESSION_KEY] = saved
    session.save()
    emails = OutboundEmail.objects.count()
    client.post(CHECK, {"declaration": "on"})
    assert Complaint.objects.count() == 1
    assert StatusChange.objects.count() == 1
    assert OutboundEmail.objects.count() == emails  # nobody is told twice


@pytest.mark.django_db
def test_a_repeat_of_a_stored_key_returns_the_stored_complaint_and_changes_nothing(directory):
    """The unique key stops a repeat at the complaint's insert: no history, email or file."""
    from complaints import services

    fields = _police_complaint(directory)
    first = services.complaint_submit(idempotency_key="once", fields=fields)
    emails = OutboundEmail.objects.count()
    with mock.patch("complaints.uploads.attachment_store") as store:
        again = services.complaint_submit(idempotency_key="once", fields=fields)
    assert (first.created, again.created) == (True, False)
    assert again.complaint.pk == first.complaint.pk
    assert again.complaint.reference == first.complaint.reference
    assert StatusChange.objects.count() == 1
    assert OutboundEmail.objects.count() == emails
    store.assert_not_called()


@pytest.mark.django_db
def test_declaration_is_required(client, directory):
    journey_complete(client, directory["north"].id)
    html = client.post(CHECK, {}).content.decode()
    assert (
        '<a href="#id_declaration">Confirm that the information you have given is true</a>' in html
    )
    assert Complaint.objects.count() == 0


@pytest.mark.django_db
def test_honeypot_refuses_without_saving(client, directory):
    journey_complete(client, directory["north"].id)
    response = client.post(CHECK, {"declaration": "on", "website": "http://spam.example"})
    assert response.status_code == 400
    assert Complaint.objects.count() == 0


@pytest.mark.django_db
def test_database_unavailable_says_not_sent_and_keeps_the_answers(client, directory):
    journey_complete(client, directory["north"].id)
    with mock.patch(
        "complaints.models.Complaint.save", side_effect=OperationalError("server closed")
    ):
        response = client.post(CHECK, {"declaration": "on"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "<strong>Your complaint has not been sent.</strong>" in html
    assert "complaint-sent" not in html and "Your reference is" not in html
    assert "Try sending again" in html
    assert Complaint.objects.count() == 0
    assert client.session[SESSION_KEY]["answers"]["what_happened"]
    # Trying again once the database is back sends it, once.
    response = client.post(CHECK, {"declaration": "on"})
    assert response["Location"] == "/complaints/complaint-sent/"
    assert Complaint.objects.count() == 1


@pytest.mark.django_db
def test_acknowledgement_email_only_when_email_is_safe(client, directory):
    journey_complete(client, directory["north"].id)
    client.post(CHECK, {"declaration": "on"})
    email = OutboundEmail.objects.get(kind="received")
    assert email.to_address == "sian@example.com"
    assert "court date" not in email.body
    assert Complaint.objects.get().reference not in email.subject


@pytest.mark.django_db
def test_no_acknowledgement_email_when_email_is_not_chosen(client, directory):
    _send_with_post_only(client, directory)
    complaint = Complaint.objects.get()
    assert complaint.email == "" and not complaint.safe_by_email
    assert not OutboundEmail.objects.filter(kind="received").exists()


@pytest.mark.django_db
def test_details_of_an_unsafe_method_are_not_kept(client, directory):
    journey_complete(
        client,
        directory["north"].id,
        replace={
            "contact": {
                "methods": ["post"],
                "email": "not-safe@example.com",
                "phone": "07700 900982",
                "address": "1 Safe Street",
            }
        },
    )
    client.post(CHECK, {"declaration": "on"})
    complaint = Complaint.objects.get()
    assert (complaint.email, complaint.phone) == ("", "")


@pytest.mark.django_db
def test_i_do_not_know_goes_to_central_triage(client, directory):
    # "I do not know" skips the subject and organisation pages, so walk it by hand.
    client.post("/complaints/before-you-start/")
    for slug, data in [
        ("who", {"role": "self"}),
        ("about", {"org_type": "unknown"}),
        *MINIMAL_REST,
    ]:
        assert client.post(step_url(slug), data).status_code == 302, slug
    client.post(CHECK, {"declaration": "on"})
    assert Complaint.objects.get().organisation == directory["triage"]


@pytest.mark.django_db
def test_on_behalf_answers_are_stored(client, directory):
    client.post("/complaints/before-you-start/")
    client.post(step_url("who"), {"role": "on_behalf"})
    client.post(
        step_url("on-behalf"),
        {"affected_person_name": "Ana Lopez", "relationship": "Father", "permission": "other"},
    )
    # "Something else" needs its box: the page is asked again until it is filled in.
    assert client.get(CHECK)["Location"] == step_url("on-behalf")
    client.post(
        step_url("on-behalf"),
        {
            "affected_person_name": "Ana Lopez",
            "relationship": "Father",
            "permission": "other",
            "permission_other": "Her appointed deputy",
        },
    )
    for slug, data in [
        ("about", {"org_type": "police_force"}),
        ("subject", {"subject": "service"}),
        ("organisation", {"organisation": str(directory["south"].id)}),
        *MINIMAL_REST,
    ]:
        if slug == "reference":
            data = {"crime_reference": " NS/123/26 "}
        assert client.post(step_url(slug), data).status_code == 302, slug
    html = client.get(CHECK).content.decode()
    assert "Ana Lopez" in html and "Something else: Her appointed deputy" in html
    assert "NS/123/26" in html
    client.post(CHECK, {"declaration": "on"})
    complaint = Complaint.objects.get()
    assert (complaint.role, complaint.relationship, complaint.permission) == (
        "on_behalf",
        "Father",
        "other",
    )
    assert complaint.affected_person_name == "Ana Lopez"
    assert complaint.permission_other == "Her appointed deputy"
    assert complaint.crime_reference == "NS/123/26"
    assert complaint.organisation == directory["south"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("permission", "label"),
    [
        ("bereaved", "I am a family member and the person affected has died"),
        ("legal", "I am their legal representative or I have power of attorney"),
        ("parent_under_16", "I am the parent or guardian of a child under 16"),
    ],
)
def test_every_basis_for_complaining_for_someone_is_offered_and_stored(
    client, directory, permission, label
):
    client.post("/complaints/before-you-start/")
    client.post(step_url("who"), {"role": "on_behalf"})
    html = client.get(step_url("on-behalf")).content.decode()
    assert label in html
    response = client.post(
        step_url("on-behalf"),
        {
            "affected_person_name": "Sam",
            "relationship": "Brother",
            "permission": permission,
            # Typed, then another answer chosen: not kept.
            "permission_other": "left over",
        },
    )
    assert response["Location"] == step_url("about")
    for slug, data in [("about", {"org_type": "unknown"}), *MINIMAL_REST]:
        assert client.post(step_url(slug), data).status_code == 302, slug
    client.post(CHECK, {"declaration": "on"})
    complaint = Complaint.objects.get()
    assert complaint.permission == permission
    assert complaint.permission_other == ""


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_final_posts_give_one_complaint():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no race")
    directory = directory_create()
    client = Client()
    journey_complete(client, directory["north"].id)
    cookie = client.cookies["sessionid"].value
    results: list = []

    def post():
        other = Client()
        other.cookies["sessionid"] = cookie
        other.cookies["csrftoken"] = (
            client.cookies.get("csrftoken").value if client.cookies.get("csrftoken") else ""
        )
        results.append(other.post(CHECK, {"declaration": "on"}))

    run_at_once(post, threads=2)
    assert [r.status_code for r in results] == [302, 302]
    assert {r["Location"] for r in results} == {"/complaints/complaint-sent/"}
    assert Complaint.objects.count() == 1
    assert StatusChange.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_racing_submissions_with_one_key_store_one_complaint():
    """Both calls route and start their insert before either commits."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no race")
    from complaints import services
    from complaints.services import submit as submit_module

    directory = directory_create()
    fields = _police_complaint(directory)
    barrier = threading.Barrier(2)
    original = submit_module._decide_and_read
    results: list = []

    def racing_route(**kwargs):
        # Each thread waits, inside its transaction, for the other to get this far.
        barrier.wait(timeout=5)
        return original(**kwargs)

    def submit():
        try:
            results.append(services.complaint_submit(idempotency_key="same-key", fields=fields))
        finally:
            connections.close_all()

    with mock.patch.object(submit_module, "_decide_and_read", side_effect=racing_route):
        threads = [threading.Thread(target=submit) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(results) == 2
    assert sorted(r.created for r in results) == [False, True]
    assert results[0].complaint.pk == results[1].complaint.pk
    assert Complaint.objects.count() == 1


@pytest.mark.django_db
def test_submitting_reads_the_directory_from_memory_and_writes_each_row_once(
    client, directory, django_assert_num_queries, monkeypatch
):
    """The final POST's queries, so a slow one cannot creep back in unnoticed.

    The session read; the rate-limit counter, one upsert; the organisation it goes to
    and the one named, in one read; the complaint; the mark that its dashboard month is
    stale (one insert); its rights (ids from the process's copy of the directory); the
    first status; the email to the complainant; the session
    write, one statement. Routing and the journey's time-limit check use the copy of the
    directory, not the database. No "already stored?" read: the unique key catches a
    repeat. The test's own transaction adds two pairs of savepoint statements: the commit
    becomes one, and the counter takes one inside a transaction (11 queries in a site).
    """
    from directory import cache as directory_cache

    monkeypatch.setattr(directory_cache, "RECHECK_SECONDS", 3600)  # however slow the run
    journey_complete(client, directory["north"].id)
    client.get(CHECK)  # the check-answers page, as a person sees it before sending
    with django_assert_num_queries(13) as captured:
        client.post(CHECK, {"declaration": "on"})
    assert Complaint.objects.count() == 1
    organisation_reads = [q for q in captured if 'FROM "complaints_organisation"' in q["sql"]]
    assert len(organisation_reads) == 1


@pytest.mark.django_db
def test_an_organisation_retired_since_this_process_read_the_directory_gets_nothing(directory):
    """The copy of the directory can be up to 2 seconds old; the database has the last word."""
    from complaints import services

    directory_selectors.routing_inputs()  # this process's copy, with Northshire Police active
    # Retired by another process (the copy here does not know yet).
    Organisation.objects.filter(pk=directory["north"].pk).update(is_active=False)

    result = services.complaint_submit(
        idempotency_key="retired", fields=_police_complaint(directory)
    )
    complaint = result.complaint
    assert complaint.organisation == directory["triage"]  # routed again, with a fresh copy
    assert complaint.named_organisation == directory["north"]  # what the person chose


@pytest.mark.django_db
def test_a_right_sent_twice_is_stored_once(client, directory):
    """A hand-made POST can repeat a box; it must not lose the complaint."""
    from complaints import services

    result = services.complaint_submit(
        idempotency_key="twice",
        fields={
            "role": "self",
            "about_org_type": "unknown",
            "what_happened": "W",
            "full_name": "A",
        },
        rights=[6, 1, 6],
    )
    assert sorted(result.complaint.rights_not_met.values_list("number", flat=True)) == [1, 6]

    journey_complete(client, directory["north"].id)
    client.post(step_url("rights"), {"rights": ["3", "3"]})
    assert client.session[SESSION_KEY]["answers"]["rights"] == [3]


def test_if_the_dashboard_refresh_cannot_be_queued_the_complaint_and_its_email_still_go(
    client, directory, mailoutbox, django_capture_on_commit_callbacks
):
    """The refresh is queued after the commit, before the email: a database blip at that
    moment must not show the victim an error for a complaint that was sent, nor hold
    their email back."""
    from complaints import dashboard_months

    task = mock.Mock()
    task.enqueue.side_effect = OperationalError("database is locked")
    failing = mock.patch.object(dashboard_months, "dashboard_months_refresh_marked", task)
    with failing, django_capture_on_commit_callbacks(execute=True):
        journey_complete(client, directory["north"].id)
        response = client.post(CHECK, {"declaration": "on"})
    assert response.status_code == 302
    assert Complaint.objects.count() == 1
    assert task.enqueue.called
    assert [m.subject for m in mailoutbox] == ["We have received your complaint"]
