"""Logs are JSON lines with nothing a person typed in them, even when a page fails."""

import json
import logging

import pytest
from django.urls import path

from victims_service import urls as site_urls
from victims_service.logging import JsonFormatter, format_exception_safely

CANARY = "Canary-Jane-Doe-07700900123"


def _boom_with_input(request):
    # The kind of bug that leaks: an exception whose message quotes the form field.
    raise ValueError(f"could not read {request.POST.get('name') or request.GET.get('name')}")


urlpatterns = [path("boom/", _boom_with_input), *site_urls.urlpatterns]
handler500 = site_urls.handler500


@pytest.fixture
def json_log(caplog):
    """Every record the request produced, formatted exactly as production writes it."""
    caplog.set_level(logging.DEBUG)
    formatter = JsonFormatter()

    def lines() -> list[str]:
        return [formatter.format(record) for record in caplog.records]

    return lines


@pytest.mark.django_db
@pytest.mark.urls("tests.foundation.test_logging")
def test_a_500_logs_the_error_but_not_what_was_typed(client, json_log):
    client.raise_request_exception = False
    response = client.post(f"/boom/?name={CANARY}", {"name": CANARY, "email": f"{CANARY}@x.org"})
    assert response.status_code == 500
    lines = json_log()
    assert lines, "the error was not logged"
    entries = [json.loads(line) for line in lines]
    error = next(e for e in entries if e["logger"] == "django.request")
    assert error["level"] == "ERROR"
    assert error["message"] == "Internal Server Error: /boom/"
    # The type and the line that raised it are there, so the bug can be found.
    assert "ValueError" in error["exception"]
    assert "_boom_with_input" in error["exception"]
    for line in lines:
        assert CANARY not in line


@pytest.mark.django_db
def test_a_404_with_personal_data_in_the_query_is_logged_without_it(client, json_log):
    response = client.get("/no-such-page/", {"q": CANARY})
    assert response.status_code == 404
    assert all(CANARY not in line for line in json_log())


@pytest.mark.django_db
def test_posting_a_form_logs_nothing_typed(client, json_log):
    client.post("/staff/login/", {"username": CANARY, "password": CANARY})
    client.get("/search/", {"q": CANARY})
    assert all(CANARY not in line for line in json_log())


@pytest.mark.django_db
def test_a_progress_link_s_token_never_reaches_the_log(client, json_log):
    """Opening the emailed link does not spend it, so a logged token could be used."""
    from django.core import mail
    from django.urls import reverse

    from complaints import emails, services
    from complaints.models import OutboundEmail
    from tests.complaints.builders import complaint_build, organisation_build

    complaint = complaint_build(organisation_build(), email="person@example.com")
    services.progress_link_create(reference=complaint.reference, email=complaint.email)
    # The token exists only in the email as sent (issue 12), never in the outbox.
    emails.email_send(email_id=OutboundEmail.objects.get(kind=OutboundEmail.Kind.PROGRESS_LINK).pk)
    body = mail.outbox[-1].body
    token = body.split("/check/link/")[1].split("/")[0]
    live = reverse("complaints:progress_link", args=[token])
    assert client.get(live).status_code == 200
    assert client.get(live.replace(token, token[::-1])).status_code == 410  # logged: "Gone"
    access = logging.LogRecord(
        "granian.access", logging.INFO, "", 0, f"GET {live} 200 3ms", (), None
    )
    lines = [*json_log(), JsonFormatter().format(access)]
    assert any("/check/link/[token]/" in line for line in lines)
    assert all(token not in line and token[::-1] not in line for line in lines)


def test_each_line_is_json_with_the_fields_operations_need():
    record = logging.LogRecord("victims", logging.WARNING, __file__, 1, "hello %s", ("x",), None)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "victims"
    assert entry["message"] == "hello x"
    assert entry["time"].endswith("+00:00")


def test_chained_exceptions_keep_their_types_and_lose_their_messages():
    try:
        try:
            raise KeyError(CANARY)
        except KeyError as error:
            raise RuntimeError(CANARY) from error
    except RuntimeError:
        import sys

        text = format_exception_safely(sys.exc_info())
    assert "KeyError" in text
    assert "RuntimeError" in text
    assert CANARY not in text
