"""Demo data: staff for two organisations and triage, and 50 complaints with real history."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from complaints import selectors
from complaints.models import Complaint, StatusChange
from complaints.workflow import Status
from directory.models import OrganisationType

pytestmark = pytest.mark.django_db

DEMO_USERS = {"demo-police", "demo-cps", "demo-triage", "demo-admin"}


def run(**kwargs) -> str:
    out = StringIO()
    call_command("demo_data", stdout=out, **kwargs)
    return out.getvalue()


@pytest.fixture
def demo_output(settings):
    settings.DEBUG = True
    return run()


def test_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        run()
    assert not get_user_model().objects.exists()


def check_staff_for_two_organisations_and_triage():
    users = {u.username: u for u in get_user_model().objects.filter(username__in=DEMO_USERS)}
    assert set(users) == DEMO_USERS
    assert users["demo-admin"].is_superuser
    types = {
        name: {m.organisation.org_type for m in users[name].memberships.all()}
        for name in ("demo-police", "demo-cps", "demo-triage")
    }
    assert types == {
        "demo-police": {OrganisationType.POLICE_FORCE},
        "demo-cps": {OrganisationType.CPS},
        "demo-triage": {OrganisationType.CENTRAL_TRIAGE},
    }
    for name in ("demo-police", "demo-cps", "demo-triage"):
        assert users[name].is_staff and not users[name].is_superuser
        assert users[name].has_perm("complaints.change_complaint")


def check_passwords_are_printed_once_and_work(demo_output: str):
    lines = [line.split() for line in demo_output.splitlines() if line.startswith("  demo-")]
    printed = {parts[0]: parts[1] for parts in lines}
    assert set(printed) == DEMO_USERS
    for username, password in printed.items():
        user = get_user_model().objects.get(username=username)
        assert user.check_password(password)
        assert len(password) >= 12


def check_fifty_complaints_across_statuses_and_deadlines():
    complaints = Complaint.objects.all()
    assert complaints.count() == 50
    statuses = set(complaints.values_list("status", flat=True))
    assert statuses >= {
        Status.RECEIVED,
        Status.ACKNOWLEDGED,
        Status.UNDER_INVESTIGATION,
        Status.RESPONSE_SENT,
        Status.CLOSED,
        Status.TRANSFERRED,
        Status.WITHDRAWN,
        Status.ESCALATED,
        Status.REOPENED,
    }
    today = timezone.localdate()
    assert complaints.filter(selectors.overdue_q(today)).exists()
    assert complaints.filter(selectors.due_soon_q(today)).exists()
    # Every demo complaint's history is real: it starts with "received" and each step
    # follows the one before.
    for complaint in complaints.prefetch_related("history"):
        history = list(complaint.history.all())
        assert history[0].to_status == Status.RECEIVED
        assert history[-1].to_status == complaint.status
        for before, after in zip(history, history[1:], strict=False):
            assert after.from_status == before.to_status
            assert after.created_at >= before.created_at
    # Each organisation's staff have complaints to triage.
    for username in ("demo-police", "demo-cps", "demo-triage"):
        user = get_user_model().objects.get(username=username)
        assert selectors.complaints_for_user(user).count() >= 5


def check_running_again_adds_nothing_and_keeps_passwords():
    before = (Complaint.objects.count(), StatusChange.objects.count())
    password_hashes = dict(get_user_model().objects.values_list("username", "password"))
    output = run()
    assert "0 added" in output
    assert "passwords are unchanged" in output
    assert (Complaint.objects.count(), StatusChange.objects.count()) == before
    assert dict(get_user_model().objects.values_list("username", "password")) == password_hashes


def test_demo_data(demo_output):
    # One test, because each run loads the directory and makes 50 complaints.
    check_staff_for_two_organisations_and_triage()
    check_passwords_are_printed_once_and_work(demo_output)
    check_fifty_complaints_across_statuses_and_deadlines()
    check_running_again_adds_nothing_and_keeps_passwords()


def test_with_force_and_debug_off_no_password_is_printed(settings):
    settings.DEBUG = False
    output = run(force=True)
    assert get_user_model().objects.filter(username__in=DEMO_USERS).count() == 4
    assert "Passwords are only shown with DEBUG on" in output
    assert "demo-admin " not in output
