"""Checking progress: a stranger learns nothing; the link works once, for an hour."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from complaints import emails, services
from complaints.models import OutboundEmail, ProgressLink, StatusChange
from complaints.workflow import Status
from tests.complaints.builders import complaint_build
from tests.complaints.journey_support import directory_create
from victims_service.models import RateLimitCounter

pytestmark = pytest.mark.django_db

START = "/complaints/check/"


@pytest.fixture
def complaint():
    directory = directory_create()
    complaint = complaint_build(directory["north"], email="alex.private@example.com")
    StatusChange.objects.create(
        complaint=complaint,
        created_at=timezone.now(),
        to_status=Status.RECEIVED,
        organisation=directory["north"],
        note="Internal routing reason",
    )
    return complaint


def link_token() -> str:
    """The token from the email as the complainant receives it. The outbox never holds it:
    the link is made when the email is sent (issue 12)."""
    email = OutboundEmail.objects.get(kind=OutboundEmail.Kind.PROGRESS_LINK)
    if email.state == OutboundEmail.State.QUEUED:
        emails.email_send(email_id=email.pk)
    body = mail.outbox[-1].body
    return re.search(r"/complaints/check/link/([A-Za-z0-9_\-]+)/", body).group(1)


def ask(client, reference, email):
    return client.post(START, {"reference": reference, "email": email})


def test_page_renders_with_no_store(client):
    response = client.get(START)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_matching_and_not_matching_give_identical_responses(client, complaint):
    responses = [
        ask(client, complaint.reference, complaint.email),
        ask(client, complaint.reference, "someone.else@example.com"),
        ask(client, "VC-22222222", complaint.email),
    ]
    assert {r.status_code for r in responses} == {302}
    assert {r["Location"] for r in responses} == {"/complaints/check/email-sent/"}
    assert len({tuple(sorted(r.cookies.keys())) for r in responses}) == 1
    page = client.get("/complaints/check/email-sent/").content.decode()
    assert "If the reference and email address match" in page
    # Only the matching request sent anything.
    assert OutboundEmail.objects.filter(kind=OutboundEmail.Kind.PROGRESS_LINK).count() == 1


def test_reference_is_accepted_in_any_case_and_without_the_prefix(client, complaint):
    ask(client, complaint.reference.lower().removeprefix("vc-"), complaint.email.upper())
    assert OutboundEmail.objects.filter(kind=OutboundEmail.Kind.PROGRESS_LINK).count() == 1


def test_no_link_when_email_is_not_a_safe_channel(client, complaint):
    complaint.safe_by_email = False
    complaint.save()
    ask(client, complaint.reference, complaint.email)
    assert not OutboundEmail.objects.filter(kind=OutboundEmail.Kind.PROGRESS_LINK).exists()


def test_the_email_has_no_reference_in_its_subject_and_stores_only_a_hash(client, complaint):
    ask(client, complaint.reference, complaint.email)
    email = OutboundEmail.objects.get(kind=OutboundEmail.Kind.PROGRESS_LINK)
    assert complaint.reference not in email.subject
    assert complaint.what_happened not in email.body
    token = link_token()
    link = ProgressLink.objects.get()
    assert token not in link.token_hash
    assert link.expires_at - link.created_at == timedelta(hours=1)


@pytest.mark.parametrize(
    ("data", "message", "anchor"),
    [
        ({"email": "a@example.com"}, "Enter your complaint reference", "id_reference"),
        (
            {"reference": "VC-123", "email": "a@example.com"},
            "Enter your complaint reference, like VC-7KQ4M2XP",
            "id_reference",
        ),
        ({"reference": "VC-22222222"}, "Enter your email address", "id_email"),
        (
            {"reference": "VC-22222222", "email": "nope"},
            "Enter an email address in the correct format, like name@example.com",
            "id_email",
        ),
    ],
)
def test_validation_messages(client, data, message, anchor):
    html = client.post(START, data).content.decode()
    assert f'<a href="#{anchor}">{message}</a>' in html
    # The link lands on the field itself, not on nothing.
    assert re.search(rf'<input[^>]*\bid="{anchor}"', html)


def test_the_link_is_confirmed_by_a_button_so_email_scanners_do_not_spend_it(client, complaint):
    ask(client, complaint.reference, complaint.email)
    url = f"/complaints/check/link/{link_token()}/"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert ProgressLink.objects.get().used_at is None


def test_the_link_works_once_and_moves_to_a_token_free_page(client, complaint):
    ask(client, complaint.reference, complaint.email)
    token = link_token()
    response = client.post(f"/complaints/check/link/{token}/")
    assert response["Location"] == "/complaints/check/status/"
    html = client.get("/complaints/check/status/").content.decode()
    assert complaint.reference in html
    assert "Northshire Police" in html
    assert "Internal routing reason" not in html
    # A second use, in this or any browser, fails.
    assert client.post(f"/complaints/check/link/{token}/").status_code == 410
    assert client.get(f"/complaints/check/link/{token}/").status_code == 410


def test_an_expired_link_does_not_work(client, complaint):
    ask(client, complaint.reference, complaint.email)
    token = link_token()
    ProgressLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(f"/complaints/check/link/{token}/")
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert client.get("/complaints/check/status/")["Location"] == START


def test_a_made_up_link_does_not_work(client, complaint):
    assert client.post("/complaints/check/link/made-up-token/").status_code == 410


def test_status_page_needs_the_grant_and_finish_removes_it(client, complaint):
    assert client.get("/complaints/check/status/")["Location"] == START
    ask(client, complaint.reference, complaint.email)
    client.post(f"/complaints/check/link/{link_token()}/")
    assert client.get("/complaints/check/status/").status_code == 200
    client.post("/complaints/check/finish/")
    assert client.get("/complaints/check/status/")["Location"] == START


def test_history_shows_only_notes_marked_for_the_complainant(client, complaint):
    StatusChange.objects.create(
        complaint=complaint,
        created_at=timezone.now(),
        from_status=Status.RECEIVED,
        to_status=Status.ACKNOWLEDGED,
        organisation=complaint.organisation,
        note="We are looking into it.",
        visible_to_complainant=True,
    )
    StatusChange.objects.create(
        complaint=complaint,
        created_at=timezone.now(),
        from_status=Status.ACKNOWLEDGED,
        to_status=Status.ACKNOWLEDGED,
        organisation=complaint.organisation,
        note="Staff only: call back Tuesday",
    )
    ask(client, complaint.reference, complaint.email)
    client.post(f"/complaints/check/link/{link_token()}/")
    html = client.get("/complaints/check/status/").content.decode()
    assert "We are looking into it." in html
    assert "Staff only" not in html


def test_a_closed_complaint_says_where_to_go_next(client, complaint):
    complaint.status = Status.CLOSED
    complaint.closed_at = timezone.now()
    complaint.save()
    ask(client, complaint.reference, complaint.email)
    client.post(f"/complaints/check/link/{link_token()}/")
    html = client.get("/complaints/check/status/").content.decode()
    assert "If you are not happy with the outcome" in html
    # The force's own local policing body, by name, and the IOPC only for its cases.
    assert "Northshire Commissioner, or the IOPC for the complaints it must review" in html
    deadline = timezone.localdate(complaint.closed_at) + timedelta(days=28)
    # Counted from the letter's date, which the site does not know: no date is made up.
    assert f"{deadline.day} {deadline:%B %Y}" not in html
    assert "Count the time from the date on the letter or final reply" in html


def test_checks_are_rate_limited_with_a_friendly_page(client, complaint):
    for _ in range(10):
        assert ask(client, "VC-22222222", "a@example.com").status_code == 302
    response = ask(client, "VC-22222222", "a@example.com")
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()


def test_a_honeypot_submission_looks_the_same_and_sends_nothing(client, complaint):
    response = client.post(
        START, {"reference": complaint.reference, "email": complaint.email, "website": "x"}
    )
    assert response["Location"] == "/complaints/check/email-sent/"
    assert not OutboundEmail.objects.filter(kind=OutboundEmail.Kind.PROGRESS_LINK).exists()


def test_the_status_page_reads_in_a_fixed_number_of_queries(
    client, complaint, django_assert_max_num_queries
):
    for n in range(5):
        StatusChange.objects.create(
            complaint=complaint,
            created_at=timezone.now(),
            to_status=Status.ACKNOWLEDGED,
            organisation=complaint.organisation,
            note=f"Update {n}",
            visible_to_complainant=True,
        )
    ask(client, complaint.reference, complaint.email)
    client.post(f"/complaints/check/link/{link_token()}/")
    with django_assert_max_num_queries(6):
        assert client.get("/complaints/check/status/").status_code == 200


def test_the_check_does_the_same_work_whether_or_not_the_details_match(client, settings, complaint):
    """One queued task and the same queries: not even timing gives a match away."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    work = []
    for reference in (complaint.reference, "VC-ABCDEFGH"):
        client.get(START)
        RateLimitCounter.objects.all().delete()  # the same rate-limit state for both
        with CaptureQueriesContext(connection) as queries:
            response = ask(client, reference, "alex.private@example.com")
        assert response.status_code == 302
        work.append(
            [re.sub(r"'[^']*'|\b\d+\b|\"s\w+\"", "?", q["sql"]) for q in queries.captured_queries]
        )
    assert work[0] == work[1], "\n".join(map(str, work))
    assert len(default_task_backend.results) == 2
    assert not ProgressLink.objects.exists()  # made later, by the worker


def test_no_more_than_three_links_a_day_reach_one_inbox_whoever_asks(complaint):
    """4 addresses once sent 30 links to one complainant in 10 seconds: for someone whose
    inbox is watched, each email is a signal."""
    from django.test import Client

    responses = []
    for n in range(12):
        asker = Client(REMOTE_ADDR=f"203.0.113.{n % 4 + 1}")
        responses.append(ask(asker, complaint.reference, complaint.email))
    assert OutboundEmail.objects.filter(kind=OutboundEmail.Kind.PROGRESS_LINK).count() == 3
    # The same page every time: nobody can tell a refused request from a sent one.
    assert {r.status_code for r in responses} == {302}
    assert {r["Location"] for r in responses} == {"/complaints/check/email-sent/"}


def test_a_fourth_link_can_be_sent_once_24_hours_have_passed(complaint):
    for _ in range(4):
        services.progress_link_create(reference=complaint.reference, email=complaint.email)
    emails = OutboundEmail.objects.filter(kind=OutboundEmail.Kind.PROGRESS_LINK)
    assert emails.count() == 3
    emails.update(created_at=timezone.now() - timedelta(hours=24, seconds=1))
    services.progress_link_create(reference=complaint.reference, email=complaint.email)
    assert emails.count() == 4


def test_the_cap_is_per_complaint(complaint):
    other = complaint_build(complaint.organisation, email="sam.other@example.com")
    for _ in range(3):
        services.progress_link_create(reference=complaint.reference, email=complaint.email)
    services.progress_link_create(reference=other.reference, email=other.email)
    assert (
        OutboundEmail.objects.filter(complaint=other, kind=OutboundEmail.Kind.PROGRESS_LINK).count()
        == 1
    )
