"""One complaint in admin: read-only, safe contact first, actions through the services."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from complaints import uploads
from complaints.models import AccessLog, Attachment, InternalNote
from complaints.workflow import Status
from tests.complaints.builders import complaint_build, organisation_build
from tests.complaints.triage_setup import handler_build


@pytest.fixture
def org(db):
    return organisation_build(name="Alpha Police")


@pytest.fixture
def alice(org):
    return handler_build(org, username="alice")


@pytest.fixture
def complaint(org):
    return complaint_build(
        org,
        what_happened="The officer did not call me back.\nI waited three weeks.",
        safe_by_email=True,
        safe_by_phone=True,
        may_leave_messages=False,
        no_letters_home=True,
        times_to_avoid="Weekday evenings",
        needs_interpreter=True,
        language="Polish",
        received_at=timezone.now(),
        acknowledgement_due=timezone.localdate() + timedelta(days=14),
        response_due=timezone.localdate() + timedelta(days=28),
    )


def _change_url(complaint) -> str:
    return reverse("admin:complaints_complaint_change", args=[complaint.pk])


def _act_url(complaint, action: str) -> str:
    return reverse("admin:complaints_complaint_act", args=[complaint.pk, action])


def test_change_view_puts_safe_contact_first(client, staff_login, alice, complaint):
    staff_login(alice)
    page = client.get(_change_url(complaint)).content.decode()
    panel = page.index("Safe contact: read before you contact this person")
    assert panel < page.index("The complaint, as the complainant wrote it")
    for warning in (
        "Do not send letters to the home address.",
        "Do not leave messages",
        "Avoid these times: Weekday evenings",
        "Needs an interpreter: Polish",
    ):
        assert warning in page
    assert "Do not email." not in page and "Do not phone." not in page


def test_change_view_is_read_only_and_shows_what_was_written(client, staff_login, alice, complaint):
    staff_login(alice)
    page = client.get(_change_url(complaint)).content.decode()
    assert "The officer did not call me back.<br>I waited three weeks." in page
    assert 'name="what_happened"' not in page
    assert 'name="status"' not in page
    assert 'name="_save"' not in page
    # Even a hand-made POST changes nothing.
    response = client.post(
        _change_url(complaint), {"what_happened": "Rewritten", "status": "closed"}
    )
    assert response.status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED
    assert complaint.what_happened.startswith("The officer")


def test_change_view_explains_each_deadline(client, staff_login, alice, org):
    complaint = complaint_build(
        org,
        received_at=timezone.make_aware(timezone.datetime(2026, 12, 18, 10)),
        acknowledgement_due=date(2027, 1, 6),
        response_due=date(2027, 1, 20),
    )
    staff_login(alice)
    page = client.get(_change_url(complaint)).content.decode()
    assert "6 January 2027" in page
    assert "10 working days after 18 December 2026" in page
    assert "25 December 2026, 28 December 2026, 1 January 2027" in page


def test_viewing_is_recorded_in_the_access_log(client, staff_login, alice, complaint):
    staff_login(alice)
    client.get(_change_url(complaint))
    client.get(reverse("admin:complaints_complaint_history", args=[complaint.pk]))
    actions = list(
        AccessLog.objects.filter(user=alice, complaint=complaint).values_list("action", flat=True)
    )
    assert sorted(actions) == ["viewed", "viewed history"]


def test_only_the_moves_allowed_now_are_offered(client, staff_login, alice, complaint):
    staff_login(alice)
    page = client.get(_change_url(complaint)).content.decode()
    assert _act_url(complaint, "acknowledge") in page
    assert _act_url(complaint, "transfer") in page
    assert _act_url(complaint, "respond") not in page
    assert _act_url(complaint, "reopen") not in page
    assert "Assign to me" in page


def test_acknowledge_through_the_action_page(client, staff_login, alice, complaint):
    staff_login(alice)
    form = client.get(_act_url(complaint, "acknowledge")).content.decode()
    assert "Safe contact" in form  # shown wherever staff act
    response = client.post(_act_url(complaint, "acknowledge"), {"note": ""}, follow=True)
    assert response.redirect_chain[-1][0] == _change_url(complaint)
    assert "Acknowledge – done" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.ACKNOWLEDGED
    change = complaint.history.get()
    assert change.actor == alice
    assert AccessLog.objects.filter(complaint=complaint, action="changed").exists()
    assert LogEntry.objects.filter(object_id=str(complaint.pk)).exists()


def test_an_illegal_action_shows_the_services_message(client, staff_login, alice, complaint):
    staff_login(alice)
    response = client.post(_act_url(complaint, "reopen"), {"note": "Because."})
    assert response.status_code == 200
    assert "cannot be marked" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED


def test_required_fields_are_asked_for(client, staff_login, alice, org):
    complaint = complaint_build(org, status=Status.ACKNOWLEDGED)
    staff_login(alice)
    response = client.post(_act_url(complaint, "respond"), {"note": ""})
    assert response.status_code == 200
    # Says what to do (issue 17), not Django's "This field is required."
    assert "Enter a short summary of the response you sent" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.ACKNOWLEDGED


@pytest.mark.parametrize("action", ["transfer", "respond"])
def test_the_assign_to_me_button_cannot_skip_another_action_s_form(
    client, staff_login, alice, org, action
):
    complaint = complaint_build(org, status=Status.ACKNOWLEDGED)
    staff_login(alice)
    response = client.post(_act_url(complaint, action), {"assign_to_me": "1"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()  # the form's own errors are shown
    complaint.refresh_from_db()
    assert complaint.status == Status.ACKNOWLEDGED
    assert complaint.assigned_to is None


def test_transfer_with_a_reason_to_any_active_organisation(client, staff_login, alice, complaint):
    cps = organisation_build(name="CPS Wessex", org_type="cps")
    organisation_build(name="Closed Body", is_active=False)
    staff_login(alice)
    # Found by a search (tests/complaints/test_admin_transfer_search.py), never inactive.
    form = client.get(_act_url(complaint, "transfer") + "?q=wessex").content.decode()
    closed = client.get(_act_url(complaint, "transfer") + "?q=closed").content.decode()
    assert "CPS Wessex" in form and "Closed Body" not in closed
    response = client.post(
        _act_url(complaint, "transfer"), {"organisation": cps.pk, "note": "A CPS decision."}
    )
    # Alice no longer sees it, so she goes back to the list.
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:complaints_complaint_changelist")
    complaint.refresh_from_db()
    assert complaint.organisation == cps and complaint.status == Status.TRANSFERRED
    assert client.get(_change_url(complaint)).status_code == 302


def test_assign_to_me_and_to_a_colleague(client, staff_login, alice, org, complaint):
    carol = handler_build(org, username="carol")
    outsider = handler_build(organisation_build(), username="mallory")
    staff_login(alice)
    client.post(_act_url(complaint, "assign"), {"assign_to_me": "1"})
    complaint.refresh_from_db()
    assert complaint.assigned_to == alice

    form = client.get(_act_url(complaint, "assign")).content.decode()
    assert "carol" in form and "mallory" not in form
    client.post(_act_url(complaint, "assign"), {"assignee": outsider.pk})
    complaint.refresh_from_db()
    assert complaint.assigned_to == alice
    client.post(_act_url(complaint, "assign"), {"assignee": carol.pk})
    complaint.refresh_from_db()
    assert complaint.assigned_to == carol


def test_bulk_acknowledge_reports_each_result(client, staff_login, alice, org):
    fresh = complaint_build(org)
    closed = complaint_build(org, status=Status.CLOSED)
    staff_login(alice)
    response = client.post(
        reverse("admin:complaints_complaint_changelist"),
        {"action": "acknowledge_selected", "_selected_action": [fresh.pk, closed.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert f"done for {fresh.reference}" in page
    assert f"{closed.reference}: A complaint that is “Closed” cannot be marked" in page
    fresh.refresh_from_db()
    assert fresh.status == Status.ACKNOWLEDGED


def test_internal_notes(client, staff_login, alice, complaint):
    staff_login(alice)
    url = reverse("admin:complaints_complaint_note_add", args=[complaint.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"text": "Rang the officer."}, follow=True)
    assert "Note added." in response.content.decode()
    note = InternalNote.objects.get()
    assert (note.author, note.text) == (alice, "Rang the officer.")
    assert "Rang the officer." in client.get(_change_url(complaint)).content.decode()


def test_attachment_download_is_always_a_download(client, staff_login, alice, complaint, settings):
    path = uploads.attachment_path(stored_name="a" * 32)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"<html><script>alert(1)</script></html>")
    attachment = Attachment.objects.create(
        complaint=complaint,
        original_name="evidence.html",
        stored_name="a" * 32,
        content_type="text/html",
        size=38,
        sha256="0" * 64,
        uploaded_at=timezone.now(),
    )
    url = reverse("admin:complaints_complaint_attachment", args=[complaint.pk, attachment.pk])
    staff_login(alice)
    assert url in client.get(_change_url(complaint)).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "evidence.html" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/octet-stream"
    assert b"".join(response.streaming_content).startswith(b"<html>")
    assert AccessLog.objects.filter(action="downloaded attachment").count() == 1
    # The wrong complaint id in the URL finds nothing.
    other = complaint_build(complaint.organisation)
    wrong = reverse("admin:complaints_complaint_attachment", args=[other.pk, attachment.pk])
    assert client.get(wrong).status_code == 404


def test_csv_export_has_no_personal_details(client, staff_login, alice, complaint):
    staff_login(alice)
    response = client.post(
        reverse("admin:complaints_complaint_changelist"),
        {"action": "export_csv", "_selected_action": [complaint.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Reference"
    assert rows[1][0] == complaint.reference
    assert rows[1][1] == "Alpha Police"
    body = response.content.decode()
    for private in (complaint.full_name, complaint.email, "officer did not call"):
        assert private not in body
    assert AccessLog.objects.filter(action="exported", complaint=complaint).exists()


def test_csv_export_defuses_formulas(client, staff_login, alice):
    formula = organisation_build(name='=HYPERLINK("x")')
    alice.memberships.create(organisation=formula)
    complaint_build(formula)
    staff_login(alice)
    response = client.post(
        reverse("admin:complaints_complaint_changelist"),
        {"action": "export_csv", "select_across": "1", "index": "0", "_selected_action": ["0"]},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][1].startswith("'=")


@pytest.mark.parametrize(
    ("slug", "from_status", "data", "to_status"),
    [
        ("acknowledge", Status.RECEIVED, {"note": ""}, Status.ACKNOWLEDGED),
        ("investigate", Status.ACKNOWLEDGED, {"note": ""}, Status.UNDER_INVESTIGATION),
        ("respond", Status.UNDER_INVESTIGATION, {"note": "Apology sent."}, Status.RESPONSE_SENT),
        ("close", Status.RESPONSE_SENT, {"note": ""}, Status.CLOSED),
        ("reopen", Status.CLOSED, {"note": "New evidence."}, Status.REOPENED),
        ("withdraw", Status.ACKNOWLEDGED, {"note": "They asked."}, Status.WITHDRAWN),
        ("escalate", Status.RESPONSE_SENT, {"note": "Gone to the IOPC."}, Status.ESCALATED),
    ],
)
def test_every_status_action_works_from_the_admin(
    client, staff_login, alice, org, slug, from_status, data, to_status
):
    complaint = complaint_build(org, status=from_status)
    staff_login(alice)
    assert _act_url(complaint, slug) in client.get(_change_url(complaint)).content.decode()
    assert client.get(_act_url(complaint, slug)).status_code == 200
    response = client.post(_act_url(complaint, slug), data)
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == to_status
    assert complaint.history.get().actor == alice


def test_an_unknown_action_is_not_found(client, staff_login, alice, complaint):
    staff_login(alice)
    assert client.get(_act_url(complaint, "delete")).status_code == 404


def test_viewers_without_change_permission_cannot_act(client, staff_login, org, complaint):
    viewer = handler_build(org, username="victor")
    viewer.groups.clear()
    viewer.user_permissions.add(Permission.objects.get(codename="view_complaint"))
    staff_login(viewer)
    page = client.get(_change_url(complaint)).content.decode()
    assert _act_url(complaint, "acknowledge") not in page
    assert client.post(_act_url(complaint, "acknowledge"), {"note": ""}).status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED


def test_an_email_that_failed_after_retries_is_shown_on_the_complaint_and_dashboard(
    client, staff_login, alice, complaint
):
    from complaints.emails import email_queue
    from complaints.models import OutboundEmail

    email_queue(
        to="person@example.com",
        kind="acknowledged",
        subject="Your complaint has been acknowledged",
        body="-",
        complaint=complaint,
        organisation=complaint.organisation,
    )
    staff_login(alice)
    assert "could not be sent" not in client.get(_change_url(complaint)).content.decode()
    OutboundEmail.objects.update(state=OutboundEmail.State.FAILED)

    page = client.get(_change_url(complaint)).content.decode()
    assert "An email to this complainant could not be sent, even after retrying" in page
    assert "Your complaint has been acknowledged" in page
    dashboard = client.get(reverse("admin:complaints_complaint_dashboard")).content.decode()
    assert "1 email could not be sent, even after retrying." in dashboard
    failed_list = reverse("admin:complaints_outboundemail_changelist") + "?state__exact=failed"
    assert failed_list in dashboard
    listed = client.get(failed_list).content.decode()
    assert complaint.reference in listed


def test_change_view_query_count_does_not_grow_with_history_notes_and_files(
    client, staff_login, alice, complaint
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from complaints import services

    counter = iter(range(1000))

    def add_one_of_each(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            services.complaint_assign(
                complaint_id=complaint.pk, actor=alice, assignee=alice if i % 2 else None
            )
            services.note_add(complaint_id=complaint.pk, author=alice, text=f"Note {i}")
            Attachment.objects.create(
                complaint=complaint,
                original_name=f"file-{i}.pdf",
                stored_name=f"{complaint.pk:016x}{i:016x}",
                content_type="application/pdf",
                size=10,
                sha256="0" * 64,
                uploaded_at=timezone.now(),
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(_change_url(complaint))
        assert response.status_code == 200
        return len(captured)

    staff_login(alice)
    add_one_of_each(2)
    queries()  # warms the per-process caches (content types, permissions)
    few = queries()
    add_one_of_each(20)
    page = client.get(_change_url(complaint)).content.decode()
    assert "Note 21" in page and "file-21.pdf" in page
    assert queries() == few


def test_a_channel_marked_safe_but_with_no_details_is_not_offered(org):
    from complaints.admin import display as admin_display

    person = complaint_build(
        org,
        phone="",
        address="",
        safe_by_email=False,
        safe_by_phone=True,
        safe_by_post=True,
        no_letters_home=False,
    )
    warnings, safe = admin_display.safe_contact_notices(person)
    assert safe == []
    assert warnings[0].startswith("No contact method is marked safe")
