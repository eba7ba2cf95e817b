"""Error reports by email: off by default; when on, the path and traceback only."""

import logging
import logging.config
import os
import runpy
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import path
from django.utils.log import configure_logging

from victims_service import urls as site_urls

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "victims_service" / "settings.py"
CANARY = "Canary-Jane-Doe-07700900123"


def _boom(request):
    raise ValueError(f"bad value {request.POST.get('name')}")


urlpatterns = [path("boom/", _boom), *site_urls.urlpatterns]
handler500 = site_urls.handler500


def settings_with(**env) -> dict:
    """The values settings.py computes from this environment, without touching Django's."""
    with mock.patch.dict(os.environ, env):
        return runpy.run_path(str(SETTINGS_FILE))


@pytest.fixture
def logging_from_settings():
    """Configure logging exactly as settings.py would for an environment; restore after."""

    def apply(env: dict) -> dict:
        values = settings_with(**env)
        configure_logging(django_settings.LOGGING_CONFIG, values["LOGGING"])
        return values

    yield apply
    configure_logging(django_settings.LOGGING_CONFIG, django_settings.LOGGING)


def test_off_by_default():
    values = settings_with(ERROR_REPORT_EMAILS="")
    assert values["ADMINS"] == []
    assert values["LOGGING"]["root"]["handlers"] == ["console"]


def test_on_when_addresses_are_given():
    values = settings_with(ERROR_REPORT_EMAILS="ops@example.org, dev@example.org")
    assert values["ADMINS"] == [
        ("ops@example.org", "ops@example.org"),
        ("dev@example.org", "dev@example.org"),
    ]
    assert "error_email" in values["LOGGING"]["root"]["handlers"]


@pytest.mark.django_db
@pytest.mark.urls("tests.foundation.test_error_reports")
def test_a_500_sends_one_report_without_personal_data(client, settings, logging_from_settings):
    values = logging_from_settings({"ERROR_REPORT_EMAILS": "ops@example.org"})
    settings.ADMINS = values["ADMINS"]
    client.raise_request_exception = False
    client.cookies["tracking"] = CANARY
    response = client.post(
        f"/boom/?name={CANARY}",
        {"name": CANARY, "what_happened": CANARY},
        HTTP_USER_AGENT=CANARY,
        HTTP_REFERER=f"https://example.org/{CANARY}",
    )
    assert response.status_code == 500
    # One report, not Django's full one as well.
    assert len(mail.outbox) == 1
    report = mail.outbox[0]
    assert report.to == ["ops@example.org"]
    assert "ValueError" in report.subject
    assert "/boom/" in report.subject
    assert "_boom" in report.body
    text = report.subject + report.body + "".join(str(a) for a in report.attachments)
    assert CANARY not in text
    assert not getattr(report, "alternatives", None)


@pytest.mark.django_db
@pytest.mark.urls("tests.foundation.test_error_reports")
def test_no_report_when_off(client, logging_from_settings):
    logging_from_settings({"ERROR_REPORT_EMAILS": ""})
    client.raise_request_exception = False
    assert client.post("/boom/", {"name": CANARY}).status_code == 500
    assert mail.outbox == []


def test_a_storm_of_the_same_error_sends_one_email(settings):
    from victims_service.logging import ErrorEmailHandler

    settings.ADMINS = [("ops@example.org", "ops@example.org")]
    logger = logging.getLogger("tests.storm")
    handler = ErrorEmailHandler()
    logger.addHandler(handler)
    try:
        for _ in range(50):
            try:
                raise ConnectionError(CANARY)
            except ConnectionError:
                logger.exception("database down")
    finally:
        logger.removeHandler(handler)
    assert len(mail.outbox) == 1
    assert CANARY not in mail.outbox[0].body


@pytest.mark.django_db
def test_made_up_host_headers_are_logged_not_emailed(client, settings, logging_from_settings):
    values = logging_from_settings({"ERROR_REPORT_EMAILS": "ops@example.org"})
    settings.ADMINS = values["ADMINS"]
    assert client.get("/", HTTP_HOST="scanner.example.com").status_code == 400
    assert mail.outbox == []


def test_a_report_about_a_progress_link_leaves_out_its_token(settings):
    """The emailed one-time link's token is in the path; a report must not carry it."""
    from types import SimpleNamespace

    from victims_service.logging import ErrorEmailHandler

    settings.ADMINS = [("ops@example.org", "ops@example.org")]
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", (), None)
    record.request = SimpleNamespace(path=f"/complaints/check/link/{CANARY}/", method="POST")
    ErrorEmailHandler().emit(record)
    [report] = mail.outbox
    assert "/complaints/check/link/[token]/" in report.body
    assert CANARY not in report.subject + report.body
