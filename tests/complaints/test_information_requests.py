"""Staff ask the complainant for information; the complainant answers on the progress page.

The request goes only by email (a channel the complainant marked safe) and never holds the
question; the response clock pauses and moves on by the working days it waited; every step
is in the history; a reply is stored once; nothing of another organisation's is shown.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from complaints import services, workflow
from complaints.models import (
    Attachment,
    InformationRequest,
    InternalNote,
    OutboundEmail,
    StatusChange,
)
from complaints.views import PROGRESS_SESSION_KEY
from complaints.workflow import Status
from tests.complaints import files
from tests.complaints.builders import complaint_build
from tests.complaints.triage_setup import CANARY, two_orgs  # noqa: F401

pytestmark = pytest.mark.django_db

QUESTION = "Which station did you visit, and on what day?"
PROGRESS = "/complaints/check/status/"
REPLY = "/complaints/check/reply/"


def _ask(complaint, staff, **extra):
    return services.information_request_ask(
        complaint_id=complaint.pk,
        actor=staff,
        question=extra.get("question", QUESTION),
        reason=extra.get("reason", "Need the station to find the officer"),
    )


def _as_complainant(client, complaint):
    session = client.session
    session[PROGRESS_SESSION_KEY] = complaint.pk
    session.save()


def test_asking_emails_the_complainant_without_the_question_and_records_history(two_orgs):  # noqa: F811
    complaint = two_orgs.complaint_a
    request = _ask(complaint, two_orgs.staff_a)

    email = OutboundEmail.objects.get(complaint=complaint, kind="information_requested")
    assert email.to_address == complaint.email
    assert QUESTION not in email.body and QUESTION not in email.subject
    assert complaint.what_happened not in email.body
    assert complaint.reference not in email.subject
    assert "/complaints/check/" in email.body
    entry = StatusChange.objects.filter(complaint=complaint).latest("created_at")
    assert "paused" in entry.note and "Need the station" in entry.note
    assert entry.actor == two_orgs.staff_a
    assert not entry.visible_to_complainant
    assert request.replied_at is None


def test_asking_is_refused_when_email_is_not_safe_and_nothing_is_sent(two_orgs):  # noqa: F811
    complaint = complaint_build(two_orgs.org_a, safe_by_email=False, safe_by_post=True)
    with pytest.raises(services.ActionRefused, match="not said email is safe"):
        _ask(complaint, two_orgs.staff_a)
    assert not InformationRequest.objects.filter(complaint=complaint).exists()
    assert not OutboundEmail.objects.filter(complaint=complaint).exists()


def test_asking_twice_before_a_reply_is_refused(two_orgs):  # noqa: F811
    _ask(two_orgs.complaint_a, two_orgs.staff_a)
    with pytest.raises(services.ActionRefused, match="already waiting"):
        _ask(two_orgs.complaint_a, two_orgs.staff_a)


def test_staff_cannot_ask_about_another_organisations_complaint(two_orgs):  # noqa: F811
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _ask(two_orgs.complaint_b, two_orgs.staff_a)
    assert not InformationRequest.objects.exists()


def test_reply_moves_the_response_deadline_on_by_the_paused_working_days(two_orgs):  # noqa: F811
    complaint = complaint_build(two_orgs.org_a, response_due=date(2027, 3, 26))
    due_before = complaint.response_due
    asked = timezone.make_aware(datetime(2027, 3, 1, 10))  # a Monday
    replied = timezone.make_aware(datetime(2027, 3, 4, 10))  # Thursday: 3 working days
    with mock.patch("django.utils.timezone.now", return_value=asked):
        request = _ask(complaint, two_orgs.staff_a)
    with mock.patch("django.utils.timezone.now", return_value=replied):
        services.information_request_reply(
            complaint_id=complaint.pk, request_id=request.pk, text="Northgate, 3 February"
        )
    complaint.refresh_from_db()
    request.refresh_from_db()
    assert request.paused_working_days == 3
    assert complaint.response_due == workflow.add_working_days(due_before, 3)
    entry = StatusChange.objects.filter(complaint=complaint).latest("created_at")
    assert "replied" in entry.note and "3 working days" in entry.note


def test_a_second_reply_is_refused_and_the_first_is_kept(two_orgs):  # noqa: F811
    request = _ask(two_orgs.complaint_a, two_orgs.staff_a)
    services.information_request_reply(
        complaint_id=two_orgs.complaint_a.pk, request_id=request.pk, text="First answer"
    )
    with pytest.raises(services.ActionRefused, match="already replied"):
        services.information_request_reply(
            complaint_id=two_orgs.complaint_a.pk, request_id=request.pk, text="Second"
        )
    request.refresh_from_db()
    assert request.reply_text == "First answer"


def test_a_reply_cannot_answer_another_complaints_request(two_orgs):  # noqa: F811
    request = _ask(two_orgs.complaint_a, two_orgs.staff_a)
    with pytest.raises(services.ActionRefused):
        services.information_request_reply(
            complaint_id=two_orgs.complaint_b.pk, request_id=request.pk, text="Sneaky"
        )


def test_the_progress_page_shows_the_question_and_takes_a_reply_with_a_file(client, two_orgs):  # noqa: F811
    complaint = two_orgs.complaint_a
    _ask(complaint, two_orgs.staff_a)
    _as_complainant(client, complaint)
    page = client.get(PROGRESS)
    assert QUESTION in page.content.decode()
    assert "Send your reply" in page.content.decode()

    upload = SimpleUploadedFile("photo.png", files.png(), content_type="image/png")
    response = client.post(
        REPLY,
        {
            "request": page.context["information_request"].pk,
            "reply": "Northgate station",
            "files": [upload],
        },
    )
    assert response.status_code == 302
    page = client.get(PROGRESS).content.decode()
    assert "Your reply has been sent" in page
    assert QUESTION not in page
    request = InformationRequest.objects.get(complaint=complaint)
    assert request.reply_text == "Northgate station"
    attachment = request.reply_attachments.get()
    assert attachment.kind == Attachment.Kind.REPLY and attachment.complaint == complaint


def test_a_bad_file_is_refused_with_a_clear_error_and_nothing_is_stored(client, two_orgs):  # noqa: F811
    complaint = two_orgs.complaint_a
    request = _ask(complaint, two_orgs.staff_a)
    _as_complainant(client, complaint)
    fake = SimpleUploadedFile(
        "evidence.pdf", b"MZ this is not a pdf", content_type="application/pdf"
    )
    response = client.post(REPLY, {"request": request.pk, "reply": "See file", "files": [fake]})
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    request.refresh_from_db()
    assert request.replied_at is None
    assert not Attachment.objects.filter(complaint=complaint).exists()


def test_huge_text_and_an_empty_reply_are_refused_with_govuk_messages(client, two_orgs):  # noqa: F811
    complaint = two_orgs.complaint_a
    request = _ask(complaint, two_orgs.staff_a)
    _as_complainant(client, complaint)
    huge = client.post(REPLY, {"request": request.pk, "reply": "x" * 5001})
    assert huge.status_code == 400
    assert "Your reply must be 5,000 characters or fewer" in huge.content.decode()
    empty = client.post(REPLY, {"request": request.pk, "reply": "  "})
    assert "Enter your reply or choose a file to send" in empty.content.decode()
    request.refresh_from_db()
    assert request.replied_at is None


def test_posting_a_reply_twice_says_it_was_already_received(client, two_orgs):  # noqa: F811
    complaint = two_orgs.complaint_a
    request = _ask(complaint, two_orgs.staff_a)
    _as_complainant(client, complaint)
    client.post(REPLY, {"request": request.pk, "reply": "First"})
    client.get(PROGRESS)
    again = client.post(REPLY, {"request": request.pk, "reply": "Second"}, follow=True)
    assert "You have already replied to this question" in again.content.decode()
    request.refresh_from_db()
    assert request.reply_text == "First"


def test_staff_see_the_reply_on_the_complaint_and_not_on_anothers(client, staff_login, two_orgs):  # noqa: F811
    request = _ask(two_orgs.complaint_a, two_orgs.staff_a)
    services.information_request_reply(
        complaint_id=two_orgs.complaint_a.pk, request_id=request.pk, text="Northgate station"
    )
    b_request = _ask(two_orgs.complaint_b, two_orgs.staff_b)
    services.information_request_reply(
        complaint_id=two_orgs.complaint_b.pk, request_id=b_request.pk, text=f"Secret {CANARY}"
    )
    staff_login(two_orgs.staff_a)
    page = client.get(reverse("admin:complaints_complaint_change", args=[two_orgs.complaint_a.pk]))
    body = page.content.decode()
    assert "Requests for information" in body
    assert QUESTION in body and "Northgate station" in body
    assert CANARY not in body
    other = client.get(reverse("admin:complaints_complaint_change", args=[two_orgs.complaint_b.pk]))
    assert other.status_code in (302, 404)
    assert CANARY not in other.content.decode()


def test_staff_ask_from_the_complaint_page(client, staff_login, two_orgs):  # noqa: F811
    staff_login(two_orgs.staff_a)
    url = reverse("admin:complaints_complaint_act", args=[two_orgs.complaint_a.pk, "ask"])
    empty = client.post(url, {"question": "", "reason": ""})
    assert "Enter what you need from the complainant" in empty.content.decode()
    assert "This field is required" not in empty.content.decode()
    done = client.post(url, {"question": QUESTION, "reason": "Need the station"})
    assert done.status_code == 302
    assert InformationRequest.objects.filter(complaint=two_orgs.complaint_a).exists()
    refused = client.post(
        reverse("admin:complaints_complaint_act", args=[two_orgs.complaint_b.pk, "ask"]),
        {"question": QUESTION, "reason": "x"},
    )
    assert refused.status_code == 404
    assert not InformationRequest.objects.filter(complaint=two_orgs.complaint_b).exists()


def test_after_20_working_days_one_reminder_and_a_note(two_orgs):  # noqa: F811
    complaint = two_orgs.complaint_a
    asked = timezone.make_aware(datetime(2027, 3, 1, 10))
    with mock.patch("django.utils.timezone.now", return_value=asked):
        _ask(complaint, two_orgs.staff_a)
    # 19 working days later: nothing yet.
    assert services.information_requests_chase(today=date(2027, 3, 26)) == 0
    later = workflow.add_working_days(date(2027, 3, 1), 20)
    assert services.information_requests_chase(today=later) == 1
    assert services.information_requests_chase(today=later + timedelta(days=7)) == 0
    reminder = OutboundEmail.objects.get(complaint=complaint, kind="information_chased")
    assert QUESTION not in reminder.body
    note = InternalNote.objects.get(complaint=complaint)
    assert note.author is None and "20 working days" in note.text
    assert StatusChange.objects.filter(complaint=complaint, note__contains="reminder").exists()


def test_the_chase_command_runs(two_orgs, capsys):  # noqa: F811
    call_command("chase_information_requests")
    assert "Reminded 0" in capsys.readouterr().out


def test_retention_clears_the_question_and_the_reply(two_orgs):  # noqa: F811
    from complaints import retention

    request = _ask(two_orgs.complaint_a, two_orgs.staff_a)
    services.information_request_reply(
        complaint_id=two_orgs.complaint_a.pk, request_id=request.pk, text="Private answer"
    )
    services.complaint_acknowledge(complaint_id=two_orgs.complaint_a.pk, actor=two_orgs.staff_a)
    retention.complaint_anonymise(complaint_id=two_orgs.complaint_a.pk)
    request.refresh_from_db()
    assert request.question == request.reply_text == request.reason == ""


def test_a_finished_complaint_cannot_be_asked_about(two_orgs):  # noqa: F811
    complaint = complaint_build(two_orgs.org_a, status=Status.CLOSED)
    with pytest.raises(services.ActionRefused, match="open"):
        _ask(complaint, two_orgs.staff_a)


def test_a_reply_with_too_many_files_is_refused_by_the_form(client, two_orgs):  # noqa: F811
    complaint = two_orgs.complaint_a
    request = _ask(complaint, two_orgs.staff_a)
    _as_complainant(client, complaint)
    six = [SimpleUploadedFile(f"p{n}.png", files.png(seed=n), "image/png") for n in range(6)]
    response = client.post(REPLY, {"request": request.pk, "reply": "Photos", "files": six})
    assert response.status_code == 400
    assert "Send 5 files or fewer with your reply" in response.content.decode()
    request.refresh_from_db()
    assert request.replied_at is None
    assert not Attachment.objects.filter(complaint=complaint).exists()
