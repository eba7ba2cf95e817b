"""Every legal and every illegal move between statuses, through the services."""

from __future__ import annotations

import itertools

import pytest

from complaints import services, workflow
from complaints.models import Complaint, StatusChange
from complaints.services import ActionRefused
from complaints.workflow import TRANSITIONS, Status
from tests.complaints.builders import complaint_build, organisation_build
from tests.complaints.triage_setup import handler_build

ALL_PAIRS = list(itertools.product(Status.values, Status.values))
LEGAL = [(a, b) for a, b in ALL_PAIRS if b in TRANSITIONS[a]]
ILLEGAL = [(a, b) for a, b in ALL_PAIRS if b not in TRANSITIONS[a]]


def test_every_status_has_a_row_in_the_map():
    assert set(TRANSITIONS) == set(Status.values)
    for targets in TRANSITIONS.values():
        assert targets <= set(Status.values)


def test_a_complaint_never_moves_back_to_received():
    assert all(Status.RECEIVED not in targets for targets in TRANSITIONS.values())


def test_a_closed_or_withdrawn_complaint_can_always_be_reopened():
    for status in (Status.CLOSED, Status.WITHDRAWN, Status.ESCALATED):
        assert workflow.can_transition(status, Status.REOPENED)


def test_a_reopened_complaint_needs_a_response_before_it_closes():
    assert not workflow.can_transition(Status.REOPENED, Status.CLOSED)
    assert workflow.can_transition(Status.REOPENED, Status.RESPONSE_SENT)


def _move(complaint: Complaint, to_status: str, actor, elsewhere) -> Complaint:
    if to_status == Status.MERGED:
        kept = complaint_build(complaint.organisation)
        return services.complaint_merge(
            complaint_id=complaint.pk, into_reference=kept.reference, actor=actor
        )
    if to_status == Status.TRANSFERRED:
        return services.complaint_transfer(
            complaint_id=complaint.pk,
            actor=actor,
            to_organisation_id=elsewhere.pk,
            reason="Belongs with the other force.",
        )
    return services.complaint_transition(
        complaint_id=complaint.pk, to_status=to_status, actor=actor, note="A note."
    )


@pytest.fixture
def setting(db):
    org = organisation_build()
    elsewhere = organisation_build()
    actor = handler_build(org)
    return org, elsewhere, actor


@pytest.mark.parametrize(("from_status", "to_status"), LEGAL)
def test_legal_move_is_made_and_recorded(setting, from_status, to_status):
    org, elsewhere, actor = setting
    complaint = complaint_build(org, status=from_status)

    result = _move(complaint, to_status, actor, elsewhere)

    complaint.refresh_from_db()
    assert complaint.status == to_status == result.status
    change = StatusChange.objects.get(complaint=complaint)
    assert (change.from_status, change.to_status, change.actor) == (from_status, to_status, actor)
    assert change.created_at is not None


@pytest.mark.parametrize(("from_status", "to_status"), ILLEGAL)
def test_illegal_move_is_refused_with_a_clear_message(setting, from_status, to_status):
    org, elsewhere, actor = setting
    complaint = complaint_build(org, status=from_status)

    with pytest.raises(ActionRefused) as error:
        _move(complaint, to_status, actor, elsewhere)

    assert str(Status(from_status).label) in str(error.value)
    assert str(Status(to_status).label).lower() in str(error.value).lower()
    complaint.refresh_from_db()
    assert complaint.status == from_status
    assert complaint.organisation == org
    assert not StatusChange.objects.filter(complaint=complaint).exists()


def test_transferred_can_only_be_reached_through_a_transfer(setting):
    org, _elsewhere, actor = setting
    complaint = complaint_build(org)
    with pytest.raises(ActionRefused, match="Transfer"):
        services.complaint_transition(
            complaint_id=complaint.pk, to_status=Status.TRANSFERRED, actor=actor
        )
