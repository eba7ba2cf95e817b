"""The triage services: locked, atomic, recorded in history, and refused when not allowed."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from complaints import services
from complaints.models import AccessLog, InternalNote, StatusChange
from complaints.services import ActionRefused, InvalidInput
from complaints.workflow import Status
from tests.complaints.builders import complaint_build, organisation_build, staff_build
from tests.complaints.triage_setup import handler_build


@pytest.fixture
def org(db):
    return organisation_build(name="Alpha Police")


@pytest.fixture
def actor(org):
    return handler_build(org, username="alice")


def test_acknowledge_sets_the_time_and_records_who(org, actor):
    complaint = complaint_build(org)
    services.complaint_acknowledge(complaint_id=complaint.pk, actor=actor)
    complaint.refresh_from_db()
    assert complaint.status == Status.ACKNOWLEDGED
    assert complaint.acknowledged_at is not None
    change = complaint.history.get()
    assert change.actor == actor
    assert change.organisation == org
    assert not change.visible_to_complainant


def test_acknowledge_with_a_message_makes_it_visible_to_the_complainant(org, actor):
    complaint = complaint_build(org)
    services.complaint_acknowledge(complaint_id=complaint.pk, actor=actor, note="We have it.")
    change = complaint.history.get()
    assert change.note == "We have it." and change.visible_to_complainant


def test_services_lock_the_row(org, actor):
    complaint = complaint_build(org)
    original = QuerySet.select_for_update
    with (
        mock.patch.object(
            QuerySet, "select_for_update", autospec=True, side_effect=original
        ) as spy,
        CaptureQueriesContext(connection) as queries,
    ):
        services.complaint_acknowledge(complaint_id=complaint.pk, actor=actor)
    assert spy.called
    if connection.features.has_select_for_update:
        assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)


def test_a_failure_after_the_change_rolls_everything_back(org, actor):
    complaint = complaint_build(org)
    with (
        mock.patch(
            "complaints.notifications.notify_status_changed", side_effect=RuntimeError("boom")
        ),
        pytest.raises(RuntimeError),
    ):
        services.complaint_acknowledge(complaint_id=complaint.pk, actor=actor)
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED
    assert not complaint.history.exists()


def test_each_change_of_status_tells_the_notifications_module(org, actor):
    complaint = complaint_build(org)
    with mock.patch("complaints.notifications.notify_status_changed") as notify:
        services.complaint_acknowledge(complaint_id=complaint.pk, actor=actor)
    notify.assert_called_once()
    assert notify.call_args.kwargs["change"].to_status == Status.ACKNOWLEDGED


def test_the_full_journey_writes_one_history_row_per_step(org, actor):
    complaint = complaint_build(org)
    pk = complaint.pk
    services.complaint_acknowledge(complaint_id=pk, actor=actor)
    services.complaint_start_investigation(complaint_id=pk, actor=actor)
    services.complaint_record_response(complaint_id=pk, actor=actor, note="Apology sent.")
    services.complaint_close(complaint_id=pk, actor=actor)
    services.complaint_reopen(complaint_id=pk, actor=actor, reason="They asked again.")
    services.complaint_withdraw(complaint_id=pk, actor=actor, note="They withdrew it.")
    complaint.refresh_from_db()
    steps = list(complaint.history.values_list("from_status", "to_status"))
    assert steps == [
        (Status.RECEIVED, Status.ACKNOWLEDGED),
        (Status.ACKNOWLEDGED, Status.UNDER_INVESTIGATION),
        (Status.UNDER_INVESTIGATION, Status.RESPONSE_SENT),
        (Status.RESPONSE_SENT, Status.CLOSED),
        (Status.CLOSED, Status.REOPENED),
        (Status.REOPENED, Status.WITHDRAWN),
    ]
    assert complaint.responded_at is not None
    response = complaint.history.get(to_status=Status.RESPONSE_SENT)
    assert response.note == "Apology sent." and response.visible_to_complainant


def test_record_response_needs_a_summary(org, actor):
    complaint = complaint_build(org, status=Status.ACKNOWLEDGED)
    with pytest.raises(InvalidInput, match="summary"):
        services.complaint_record_response(complaint_id=complaint.pk, actor=actor, note=" ")


def test_reopen_needs_a_reason(org, actor):
    complaint = complaint_build(org, status=Status.CLOSED)
    with pytest.raises(InvalidInput, match="why"):
        services.complaint_reopen(complaint_id=complaint.pk, actor=actor, reason="")


def test_escalate_names_the_body(org, actor):
    iopc = organisation_build(name="Independent Office for Police Conduct", org_type="iopc")
    complaint = complaint_build(org, status=Status.RESPONSE_SENT)
    services.complaint_escalate(complaint_id=complaint.pk, actor=actor, to_organisation=iopc)
    complaint.refresh_from_db()
    assert complaint.status == Status.ESCALATED
    assert "Independent Office for Police Conduct" in complaint.history.get().note


def test_transfer_moves_the_complaint_and_tells_everyone(org, actor):
    other = organisation_build(name="Bravo Police")
    colleague = handler_build(org)
    complaint = complaint_build(org, assigned_to=colleague, status=Status.ACKNOWLEDGED)
    with mock.patch("complaints.notifications.notify_transferred") as notify:
        services.complaint_transfer(
            complaint_id=complaint.pk, actor=actor, to_organisation_id=other.pk, reason="Theirs."
        )
    complaint.refresh_from_db()
    assert complaint.organisation == other
    assert complaint.status == Status.TRANSFERRED
    assert complaint.assigned_to is None
    assert complaint.acknowledged_at is None
    assert "Alpha Police" in complaint.routing_reason and "Theirs." in complaint.routing_reason
    change = complaint.history.get()
    assert (change.from_status, change.to_status, change.note) == (
        Status.ACKNOWLEDGED,
        Status.TRANSFERRED,
        "Theirs.",
    )
    assert change.organisation == other
    notify.assert_called_once_with(complaint=mock.ANY, from_organisation=org)


@pytest.mark.parametrize(
    ("target", "reason", "message"),
    [
        ("same", "Reason.", "already with"),
        ("inactive", "Reason.", "directory"),
        ("other", "  ", "why"),
    ],
)
def test_transfer_refusals(org, actor, target, reason, message):
    organisations = {
        "same": org,
        "inactive": organisation_build(is_active=False),
        "other": organisation_build(),
    }
    complaint = complaint_build(org)
    with pytest.raises(InvalidInput, match=message):
        services.complaint_transfer(
            complaint_id=complaint.pk,
            actor=actor,
            to_organisation_id=organisations[target].pk,
            reason=reason,
        )
    complaint.refresh_from_db()
    assert complaint.organisation == org and not complaint.history.exists()


def test_staff_cannot_act_on_another_organisations_complaint(org):
    other = organisation_build()
    outsider = handler_build(other)
    complaint = complaint_build(org)
    for call in (
        lambda: services.complaint_acknowledge(complaint_id=complaint.pk, actor=outsider),
        lambda: services.complaint_transfer(
            complaint_id=complaint.pk, actor=outsider, to_organisation_id=other.pk, reason="x"
        ),
        lambda: services.complaint_assign(
            complaint_id=complaint.pk, actor=outsider, assignee=outsider
        ),
        lambda: services.note_add(complaint_id=complaint.pk, author=outsider, text="x"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED and complaint.organisation == org
    assert not StatusChange.objects.exists() and not InternalNote.objects.exists()


def test_superusers_and_the_system_may_act_anywhere(org):
    complaint = complaint_build(org)
    admin = staff_build(is_superuser=True)
    services.complaint_acknowledge(complaint_id=complaint.pk, actor=admin)
    services.complaint_start_investigation(complaint_id=complaint.pk, actor=None)
    assert complaint.history.count() == 2


def test_assign_only_to_colleagues_and_records_it(org, actor):
    colleague = handler_build(org, username="carol", first_name="Carol")
    outsider = handler_build(organisation_build())
    complaint = complaint_build(org)

    services.complaint_assign(complaint_id=complaint.pk, actor=actor, assignee=colleague)
    complaint.refresh_from_db()
    assert complaint.assigned_to == colleague
    change = complaint.history.get()
    assert change.from_status == change.to_status == Status.RECEIVED
    assert "carol" in change.note

    with pytest.raises(InvalidInput, match="does not work for"):
        services.complaint_assign(complaint_id=complaint.pk, actor=actor, assignee=outsider)

    services.complaint_assign(complaint_id=complaint.pk, actor=actor, assignee=None)
    complaint.refresh_from_db()
    assert complaint.assigned_to is None
    assert complaint.history.count() == 2


def test_a_finished_complaint_cannot_be_assigned(org, actor):
    complaint = complaint_build(org, status=Status.CLOSED)
    with pytest.raises(ActionRefused, match="cannot be assigned"):
        services.complaint_assign(complaint_id=complaint.pk, actor=actor, assignee=actor)


def test_note_add(org, actor):
    complaint = complaint_build(org)
    note = services.note_add(complaint_id=complaint.pk, author=actor, text="  Called back.  ")
    assert (note.text, note.author, note.complaint) == ("Called back.", actor, complaint)
    with pytest.raises(InvalidInput):
        services.note_add(complaint_id=complaint.pk, author=actor, text=" ")


def test_access_log_record(org, actor):
    complaint = complaint_build(org)
    services.access_log_record(user=actor, complaint_id=complaint.pk, action="viewed")
    assert AccessLog.objects.get().action == "viewed"


def test_handlers_group_is_idempotent_and_grants_no_directory_editing(db):
    group = services.complaint_handlers_group_ensure()
    again = services.complaint_handlers_group_ensure()
    assert group == again and Group.objects.filter(name="Complaint handlers").count() == 1
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_complaint", "change_complaint", "add_internalnote"} <= codenames
    assert not codenames & {
        "add_complaint",
        "delete_complaint",
        "change_organisation",
        "change_routingrule",
        "view_routingrule",
        "change_statuschange",
        "view_accesslog",
    }
