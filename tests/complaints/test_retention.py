"""Retention: closed complaints are anonymised RETENTION_YEARS after closure."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from complaints import retention, uploads
from complaints.models import (
    AccessLog,
    Attachment,
    Complaint,
    InternalNote,
    OutboundEmail,
    ProgressLink,
    StatusChange,
)
from directory.models import VictimsCodeRight
from tests.complaints.builders import complaint_build, organisation_build, staff_build

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2032, 6, 15, 3, 0, tzinfo=LONDON)


@pytest.fixture
def clock(monkeypatch):
    """Move the clock to NOW: the command runs years after the complaints closed."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def closed_complaint(organisation, *, closed_at: datetime, status: str = "closed") -> Complaint:
    complaint = complaint_build(
        organisation,
        status=status,
        received_at=closed_at - timedelta(days=60),
        closed_at=closed_at if status == "closed" else None,
        relationship="Sister",
        late_reason="I was in hospital.",
        times_to_avoid="Evenings",
        accessibility_needs="Large print",
        adjustments="Calls after 10am",
        language="Polish",
        needs_interpreter=True,
    )
    complaint.rights_not_met.add(VictimsCodeRight.objects.get(number=4))
    StatusChange.objects.create(
        complaint=complaint,
        created_at=closed_at,
        from_status="response_sent",
        to_status=status,
        organisation=organisation,
        note="Closed after a call with Alex about the private matter.",
    )
    InternalNote.objects.create(
        complaint=complaint, created_at=closed_at, text="Alex said the officer was rude."
    )
    ProgressLink.objects.create(
        complaint=complaint,
        token_hash=f"{complaint.pk:064d}",
        created_at=closed_at,
        expires_at=closed_at + timedelta(days=30),
    )
    OutboundEmail.objects.create(
        complaint=complaint,
        to_address="alex.private@example.com",
        kind="closed",
        subject="Your complaint has been closed",
        body=f"Reference {complaint.reference}",
        state="sent",
        created_at=closed_at,
    )
    return complaint


def attach_file(complaint) -> Attachment:
    stored_name = f"{complaint.pk:032x}"
    path = uploads.attachment_path(stored_name=stored_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF- private evidence")
    return Attachment.objects.create(
        complaint=complaint,
        original_name="alex-statement.pdf",
        stored_name=stored_name,
        content_type="application/pdf",
        size=22,
        sha256="0" * 64,
        uploaded_at=complaint.received_at,
    )


def run(*args: str) -> str:
    out = StringIO()
    call_command("anonymise_closed", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def organisation():
    return organisation_build()


def test_old_closed_complaints_are_anonymised(
    clock, organisation, django_capture_on_commit_callbacks
):
    old = closed_complaint(organisation, closed_at=NOW - timedelta(days=6 * 365 + 10))
    attachment = attach_file(old)
    staff = staff_build(organisation)
    AccessLog.objects.create(user=staff, complaint=old, action="view", at=old.closed_at)
    file_path = uploads.attachment_path(stored_name=attachment.stored_name)

    with django_capture_on_commit_callbacks(execute=True):
        assert "Anonymised 1 complaint(s)" in run()

    old.refresh_from_db()
    for field in retention.PERSONAL_TEXT_FIELDS:
        assert getattr(old, field) == "", field
    assert old.anonymised_at == NOW
    assert InternalNote.objects.get(complaint=old).text == ""
    assert StatusChange.objects.get(complaint=old).note == ""
    assert not ProgressLink.objects.filter(complaint=old).exists()
    email = OutboundEmail.objects.get(complaint=old)
    assert (email.body, email.to_address) == ("", "")
    assert not Attachment.objects.filter(complaint=old).exists()
    assert not file_path.exists()

    # Anonymous statistics are kept.
    assert old.status == "closed"
    assert old.organisation == organisation
    assert old.closed_at is not None and old.received_at is not None
    assert list(old.rights_not_met.values_list("number", flat=True)) == [4]
    assert StatusChange.objects.filter(complaint=old, to_status="closed").exists()
    assert AccessLog.objects.filter(complaint=old).exists()


def test_recent_and_open_complaints_are_kept(clock, organisation):
    recent = closed_complaint(organisation, closed_at=NOW - timedelta(days=6 * 365 - 10))
    still_open = complaint_build(organisation, received_at=NOW - timedelta(days=8 * 365))
    assert "Anonymised 0 complaint(s)" in run()
    for complaint in (recent, still_open):
        complaint.refresh_from_db()
        assert complaint.anonymised_at is None
        assert complaint.full_name == "Alex Private-Name"


@pytest.mark.parametrize("status", ["withdrawn", "escalated"])
def test_withdrawn_and_escalated_count_from_their_last_change(clock, organisation, status):
    old = closed_complaint(organisation, closed_at=NOW - timedelta(days=7 * 365), status=status)
    recent = closed_complaint(organisation, closed_at=NOW - timedelta(days=365), status=status)
    run()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.anonymised_at is not None
    assert recent.anonymised_at is None


def test_dry_run_changes_nothing(clock, organisation):
    old = closed_complaint(organisation, closed_at=NOW - timedelta(days=7 * 365))
    assert "Dry run: 1 complaint(s) closed before 15 June 2026 would be anonymised." in run(
        "--dry-run"
    )
    old.refresh_from_db()
    assert old.anonymised_at is None
    assert old.full_name


def test_the_period_can_be_changed(clock, organisation):
    old = closed_complaint(organisation, closed_at=NOW - timedelta(days=3 * 365))
    assert "Anonymised 0" in run()
    assert "Anonymised 1" in run("--older-than-years", "2")
    old.refresh_from_db()
    assert old.anonymised_at == NOW


def test_the_setting_sets_the_default_period(clock, organisation, settings):
    settings.RETENTION_YEARS = 2
    closed_complaint(organisation, closed_at=NOW - timedelta(days=3 * 365))
    assert "Anonymised 1" in run()


def test_running_again_changes_nothing(clock, organisation, monkeypatch):
    old = closed_complaint(organisation, closed_at=NOW - timedelta(days=7 * 365))
    run()
    old.refresh_from_db()
    first = old.anonymised_at
    later = NOW + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Anonymised 0 complaint(s)" in run()
    old.refresh_from_db()
    assert old.anonymised_at == first
    assert retention.complaint_anonymise(complaint_id=old.pk) is False


def test_retention_cutoff_on_29_february():
    leap_day = datetime(2028, 2, 29, 12, tzinfo=LONDON)
    assert retention.retention_cutoff(now=leap_day, years=6) == datetime(
        2022, 2, 28, 12, tzinfo=LONDON
    )


@pytest.mark.parametrize("status", ["withdrawn", "escalated"])
def test_withdrawn_and_escalated_count_from_their_closing_date_when_set(
    clock, organisation, status
):
    """The services record when a complaint was withdrawn or escalated in `closed_at`."""
    old = complaint_build(organisation, status=status, closed_at=NOW - timedelta(days=7 * 365))
    recent = complaint_build(organisation, status=status, closed_at=NOW - timedelta(days=365))
    assert not StatusChange.objects.filter(complaint__in=[old, recent]).exists()
    run()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.anonymised_at is not None and old.full_name == ""
    assert recent.anonymised_at is None


# Text fields of a complaint that retention keeps, and why each holds nothing personal.
# A new text field must go in retention.PERSONAL_TEXT_FIELDS or here, with its reason.
KEPT_TEXT_FIELDS = {
    "reference": "made by us, random; the anonymised row is still counted by it",
    "idempotency_key": "random, made by the browser session",
    "status": "a choice from the workflow",
    "request_kind": "a choice",
    "route_key": "a row of directory/routes/",
    "pass_on": "a choice",
    "passed_on_how": "a choice",
    "passed_on_to": "the organisation's address, email or phone that staff passed it to",
    "about_org_type": "a choice",
    "about_subject": "a routing subject, from directory.routing",
    "role": "a choice",
    "permission": "a choice",
    "service_language": "a choice (en or cy): which language to reply in, for statistics",
    "channel": "a choice (online, phone, letter, in person): counted on the dashboard",
}


def test_every_text_field_of_a_complaint_is_anonymised_or_kept_on_purpose():
    from django.db import models

    from complaints.models import Complaint
    from complaints.retention import PERSONAL_TEXT_FIELDS

    text_fields = {
        field.name
        for field in Complaint._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
    }
    unaccounted = text_fields - set(PERSONAL_TEXT_FIELDS) - set(KEPT_TEXT_FIELDS)
    assert unaccounted == set(), "add these to retention.PERSONAL_TEXT_FIELDS or KEPT_TEXT_FIELDS"
    assert not set(PERSONAL_TEXT_FIELDS) & set(KEPT_TEXT_FIELDS)
    assert set(KEPT_TEXT_FIELDS) <= text_fields  # no stale entries
