"""The staff dashboard: figures for the user's organisations, charts with text alternatives."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from complaints import dashboard
from complaints.workflow import Status
from tests.complaints.builders import complaint_build, organisation_build, staff_build
from tests.complaints.triage_setup import handler_build

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 20)
DASHBOARD = "admin:complaints_complaint_dashboard"


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=LONDON)


@pytest.fixture
def data(db):
    alpha = organisation_build(name="Alpha Police")
    bravo = organisation_build(name="Bravo Police")
    other = organisation_build(name="Other Council")
    # Acknowledged on time, acknowledged late, and one never acknowledged past its due date.
    complaint_build(
        alpha,
        status=Status.ACKNOWLEDGED,
        acknowledgement_due=date(2026, 11, 10),
        acknowledged_at=_at(date(2026, 11, 10)),
        response_due=date(2026, 12, 1),
    )
    complaint_build(
        alpha,
        status=Status.UNDER_INVESTIGATION,
        acknowledgement_due=date(2026, 11, 2),
        acknowledged_at=_at(date(2026, 11, 5)),
        response_due=date(2026, 11, 19),  # overdue
    )
    complaint_build(
        bravo,
        status=Status.RECEIVED,
        acknowledgement_due=date(2026, 11, 18),  # overdue, not acknowledged
        response_due=date(2026, 12, 2),
    )
    # Not yet due: counts for nothing in the acknowledgement figure.
    complaint_build(bravo, status=Status.RECEIVED, acknowledgement_due=date(2026, 11, 24))
    complaint_build(bravo, status=Status.CLOSED, acknowledgement_due=date(2026, 1, 1))
    complaint_build(other, status=Status.RECEIVED, acknowledgement_due=date(2026, 1, 1))
    user = handler_build(alpha, bravo, username="alice")
    return alpha, bravo, other, user


def test_figures_for_the_users_organisations(data):
    _alpha, _bravo, _other, user = data
    figures = dashboard.dashboard_figures(user=user, today=TODAY)
    assert figures.total == 5
    assert dict(figures.by_status)["Received"] == 2
    assert dict(figures.by_status)["Closed"] == 1
    assert dict(figures.by_status)["Escalated"] == 0
    assert figures.by_organisation == [("Bravo Police", 3), ("Alpha Police", 2)]
    assert figures.open_count == 4
    assert figures.overdue_count == 2
    # 24 November is two working days after Friday 20 November.
    assert figures.due_soon_count == 1
    assert figures.acknowledged_on_time == 1
    assert figures.acknowledgement_owed == 3
    assert figures.acknowledged_on_time_percent == 33


def test_no_acknowledgements_due_gives_no_percentage(db):
    user = handler_build(organisation_build())
    figures = dashboard.dashboard_figures(user=user, today=TODAY)
    assert figures.total == 0 and figures.acknowledged_on_time_percent is None


def test_superuser_sees_every_organisation(data):
    figures = dashboard.dashboard_figures(user=staff_build(is_superuser=True), today=TODAY)
    assert figures.total == 6


def test_dashboard_page(client, staff_login, data):
    _alpha, _bravo, _other, user = data
    staff_login(user)
    response = client.get(reverse(DASHBOARD))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Figures for: Alpha Police, Bravo Police" in page
    assert "Other Council" not in page
    # Charts: an SVG image with a title and description, and the same figures as a table.
    svgs = re.findall(r"<svg class=\"app-chart\"[^>]*>", page)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg and "aria-labelledby=" in svg
    assert '<title id="chart-status-title">Complaints by status</title>' in page
    assert '<desc id="chart-organisation-desc">Bravo Police: 3; Alpha Police: 2</desc>' in page
    assert "<caption>Complaints by organisation: the figures</caption>" in page
    assert 'style="' not in page.split('id="content-main"')[1]
    assert "Overdue complaints" in page


def test_dashboard_is_linked_from_the_admin_home_page(client, staff_login, data):
    staff_login(data[3])
    page = client.get(reverse("admin:index")).content.decode()
    assert reverse(DASHBOARD) in page


def test_dashboard_needs_complaint_permission(client, staff_login, db):
    staff_login(staff_build(organisation_build()))
    assert client.get(reverse(DASHBOARD)).status_code == 403


def test_dashboard_query_count_does_not_grow_with_overdue_items(
    client, staff_login, data, django_assert_max_num_queries
):
    alpha, _bravo, _other, user = data
    for _ in range(20):
        complaint_build(alpha, acknowledgement_due=TODAY - timedelta(days=30))
    staff_login(user)
    with django_assert_max_num_queries(20):
        client.get(reverse(DASHBOARD))
