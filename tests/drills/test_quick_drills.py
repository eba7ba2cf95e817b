"""The quick versions of the drills, run by `make test` (the long ones are in drills/).

- The database drops at the worst moments of a submission: never a 500, never a lost or
  duplicated complaint, and the answers stay so the person can press the button again.
- The mail server refuses connections: emails retry, then show as failed; none is lost.
"""

from __future__ import annotations

import socket

import pytest
from django.db import OperationalError, connection

from complaints.emails import MAX_ATTEMPTS, email_queue, email_send
from complaints.journey import SESSION_KEY
from complaints.models import Complaint, OutboundEmail
from tests.complaints.journey_support import directory_create, journey_complete

CHECK = "/complaints/check-your-answers/"
SENT = "/complaints/complaint-sent/"

pytestmark = pytest.mark.django_db


def fail_on(prefix: str):
    """A database wrapper that drops the connection when a statement starts with prefix."""

    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().startswith(prefix):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return wrapper


def assert_safe_page_with_a_working_exit(response) -> None:
    """A page made after the session failed on the way out is still a full page: no-store,
    the strict CSP with this response's nonce on the script that starts the exit button."""
    html = response.content.decode()
    nonce = html.split('<script nonce="')[1].split('"')[0]
    assert nonce and f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-store"
    assert "govuk-exit-this-page" in html


@pytest.fixture
def finished(client):
    directory = directory_create()
    journey_complete(client, directory["north"].id)
    client.raise_request_exception = False
    return client


# The outage drills run in autocommit, as a request does in production: inside a test's
# own transaction, one failed statement would break every statement after it.
@pytest.mark.django_db(transaction=True)
def test_outage_after_the_commit_loses_nothing_and_duplicates_nothing(finished):
    """The complaint is stored, then the database drops before the session is saved.

    The person sees the 503 page, not a confirmation; pressing the button again shows the
    confirmation for the complaint already stored, and there is still exactly one.
    """
    with connection.execute_wrapper(fail_on('UPDATE "django_session"')):
        response = finished.post(CHECK, {"declaration": "on"})
    assert response.status_code == 503
    assert "your answers have been kept" in response.content.decode()
    assert_safe_page_with_a_working_exit(response)
    assert Complaint.objects.count() == 1
    stored = Complaint.objects.get()
    # The answers are still in the session, with the same idempotency key.
    assert finished.session[SESSION_KEY]["answers"]["what_happened"]

    response = finished.post(CHECK, {"declaration": "on"})
    assert response.status_code == 302
    assert response["Location"] == SENT
    page = finished.get(SENT).content.decode()
    assert stored.reference in page
    assert Complaint.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_outage_while_reading_the_session_is_a_503_not_a_500(finished):
    with connection.execute_wrapper(fail_on('SELECT "django_session"')):
        response = finished.post(CHECK, {"declaration": "on"})
    assert response.status_code == 503
    assert response["Retry-After"]
    assert Complaint.objects.count() == 0
    # Back up: the same answers submit once.
    assert finished.post(CHECK, {"declaration": "on"})["Location"] == SENT
    assert Complaint.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_outage_on_a_question_page_keeps_earlier_answers(finished):
    before = dict(finished.session[SESSION_KEY]["answers"])
    with connection.execute_wrapper(fail_on('UPDATE "django_session"')):
        response = finished.post("/complaints/question/outcome/", {"outcome_wanted": "An apology"})
    assert response.status_code == 503
    assert finished.session[SESSION_KEY]["answers"] == before


def test_a_session_ended_in_another_tab_mid_request_gets_the_400_page(finished):
    """The quick exit in another tab deletes the session while a page is being sent: the
    answer is not saved into a session meant to be gone, and the page says so safely."""
    from django.contrib.sessions.models import Session

    with connection.execute_wrapper(delete_sessions_before_update()):
        response = finished.post("/complaints/question/outcome/", {"outcome_wanted": "x"})
    assert response.status_code == 400
    assert_safe_page_with_a_working_exit(response)
    assert not Session.objects.exists()


def delete_sessions_before_update():
    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().startswith('UPDATE "django_session"'):
            execute('DELETE FROM "django_session"', (), False, context)
        return execute(sql, params, many, context)

    return wrapper


def test_mail_server_refusing_connections(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens here
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    emails = [
        email_queue(to=f"person{n}@example.org", kind="drill", subject="Drill", body="Hello")
        for n in range(3)
    ]
    for _ in range(MAX_ATTEMPTS + 2):  # two more than allowed: the extra calls do nothing
        for email in emails:
            email_send(email_id=email.pk)
    rows = OutboundEmail.objects.filter(pk__in=[e.pk for e in emails])
    assert rows.count() == 3
    assert set(rows.values_list("state", flat=True)) == {OutboundEmail.State.FAILED}
    assert set(rows.values_list("attempts", flat=True)) == {MAX_ATTEMPTS}
    assert set(rows.values_list("last_error", flat=True)) == {"ConnectionRefusedError"}
