"""The managers' dashboard: a period, the figures for it, charts with tables, and the export.

A small dataset with figures worked out by hand (below), scoped to the user's organisations.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints import dashboard, dashboard_export, workflow
from complaints.admin import dashboard_view
from complaints.models import AccessLog, Channel, Complaint
from complaints.workflow import Status
from directory.models import OrganisationType, VictimsCodeRight
from tests.complaints.builders import complaint_build, organisation_build, staff_build
from tests.complaints.journey_support import error_links_land_on_fields
from tests.complaints.triage_setup import handler_build

LONDON = ZoneInfo("Europe/London")
# Bank holidays nearby: 1 January 2026, 3 and 6 April 2026. Clocks go forward 29 March.
TODAY = date(2026, 4, 8)
PERIOD = dashboard.Period(start=date(2026, 1, 1), end=date(2026, 3, 31))
DASHBOARD = "admin:complaints_complaint_dashboard"
EXPORT = "admin:complaints_complaint_dashboard_export"
QUERY = "from_day=1&from_month=1&from_year=2026&to_day=31&to_month=3&to_year=2026"


def _at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def _rights(complaint, *numbers: int) -> None:
    complaint.rights_not_met.set(VictimsCodeRight.objects.filter(number__in=numbers))


@pytest.fixture
def data(db):
    alpha = organisation_build(name="Alpha Police")
    bravo = organisation_build(name="Bravo Police")
    other = organisation_build(name="Other Council")
    made = {}
    # Acknowledged in 4 working days; response on 10 Feb, due 16 Feb: both in time.
    made["c1"] = complaint_build(
        alpha,
        received_at=_at(date(2026, 1, 5)),
        status=Status.RESPONSE_SENT,
        acknowledged_at=_at(date(2026, 1, 9)),
        response_due=date(2026, 2, 16),
        responded_at=_at(date(2026, 2, 10)),
        about_org_type=OrganisationType.POLICE_FORCE,
        about_subject="service",
    )
    _rights(made["c1"], 4, 6)
    # Acknowledged after 14 working days; response a week after its date: both late.
    made["c2"] = complaint_build(
        bravo,
        received_at=_at(date(2026, 1, 12)),
        status=Status.CLOSED,
        acknowledged_at=_at(date(2026, 1, 30)),
        response_due=date(2026, 2, 20),
        responded_at=_at(date(2026, 2, 27)),
        closed_at=_at(date(2026, 3, 2)),
        channel=Channel.PHONE,
        about_org_type=OrganisationType.POLICE_FORCE,
        about_subject="chief_constable",
    )
    _rights(made["c2"], 6)
    # Never acknowledged, never answered, both dates long past: late twice.
    made["c3"] = complaint_build(
        alpha,
        received_at=_at(date(2026, 2, 2)),
        status=Status.RECEIVED,
        acknowledgement_due=date(2026, 2, 16),
        response_due=date(2026, 3, 2),
        channel=Channel.LETTER,
        about_org_type=OrganisationType.CPS,
        about_subject="service",
    )
    # Received on 27 March: its 10 working days run to 14 April, after TODAY: not owed yet.
    made["c4"] = complaint_build(
        alpha,
        received_at=_at(date(2026, 3, 27)),
        status=Status.RECEIVED,
        response_due=date(2026, 4, 30),
    )
    # Late on the last evening (British Summer Time) and just after midnight on the first.
    made["c8"] = complaint_build(
        bravo,
        received_at=_at(date(2026, 3, 31), 23, 30),
        status=Status.WITHDRAWN,
        channel=Channel.IN_PERSON,
    )
    made["c9"] = complaint_build(
        alpha,
        received_at=_at(date(2026, 1, 1), 0, 10),
        status=Status.ACKNOWLEDGED,
        acknowledged_at=_at(date(2026, 1, 2)),  # 1 January is a bank holiday: 1 working day
    )
    # A request, not a complaint: counted as a request only.
    made["c5"] = complaint_build(
        bravo, received_at=_at(date(2026, 2, 10)), request_kind="vrr", status=Status.RECEIVED
    )
    # Outside the period, and another organisation's: never counted.
    made["c6"] = complaint_build(alpha, received_at=_at(date(2025, 12, 31), 23, 50))
    _rights(made["c6"], 4)
    made["c7"] = complaint_build(
        other,
        received_at=_at(date(2026, 1, 15)),
        acknowledged_at=_at(date(2026, 1, 16)),
        reference="VC-OTHERORG",
    )
    _rights(made["c7"], 6)
    user = handler_build(alpha, bravo, username="alice")
    return {"alpha": alpha, "bravo": bravo, "other": other, "user": user, **made}


def test_default_period_is_the_last_12_months():
    period = dashboard.period_default(today=date(2026, 11, 20))
    assert period == dashboard.Period(start=date(2025, 12, 1), end=date(2026, 11, 20))
    assert len(period.months()) == 12
    january = dashboard.period_default(today=date(2026, 1, 3))
    assert january.start == date(2025, 2, 1)


def test_period_figures_on_a_known_dataset(data):
    f = dashboard.dashboard_period_figures(user=data["user"], period=PERIOD, today=TODAY)
    assert (f.received, f.requests) == (6, 1)
    # Acknowledged: c9 (1 working day), c1 (4), c2 (14); c3 still waiting and late.
    assert (f.acknowledged, f.acknowledged_in_time, f.acknowledgement_owed) == (3, 2, 4)
    assert f.acknowledged_in_time_percent == 50
    assert f.median_days_to_acknowledge == 4
    # Responses: c1 in time, c2 late, c3 open past its date; c4 not due yet.
    assert (f.responded_in_time, f.response_owed) == (1, 3)
    assert f.responded_in_time_percent == 33
    # 26 working days (c1) and 34 (c2).
    assert f.median_days_to_respond == 30
    assert dict(f.by_kind) == {"complaint": 6, "vrr": 1}
    assert dict(f.by_channel) == {"online": 3, "phone": 1, "letter": 1, "in_person": 1}
    assert dict(f.by_subject) == {
        ("", ""): 3,
        ("police_force", "service"): 1,
        ("police_force", "chief_constable"): 1,
        ("cps", "service"): 1,
    }
    assert f.by_subject[0] == (("", ""), 3)  # largest first
    # c7 (another organisation) and c6 (before the period) also name rights: not counted.
    assert f.by_right == [(6, 2), (4, 1)]
    assert dict(f.by_organisation) == {"Alpha Police": 4, "Bravo Police": 2}
    assert dict(f.by_status)["received"] == 2
    assert f.by_month == [(date(2026, 1, 1), 3), (date(2026, 2, 1), 1), (date(2026, 3, 1), 2)]


def test_another_organisations_complaints_are_never_counted(data):
    other_staff = handler_build(data["other"])
    f = dashboard.dashboard_period_figures(user=other_staff, period=PERIOD, today=TODAY)
    assert (f.received, f.acknowledged, f.by_right) == (1, 1, [(6, 1)])
    assert dict(f.by_organisation) == {"Other Council": 1}
    everyone = dashboard.dashboard_period_figures(
        user=staff_build(is_superuser=True), period=PERIOD, today=TODAY
    )
    assert everyone.received == 7


def test_central_triage_also_counts_what_it_must_pass_on(data):
    triage = organisation_build(name="Triage", org_type=OrganisationType.CENTRAL_TRIAGE)
    complaint_build(data["other"], received_at=_at(date(2026, 2, 3)), pass_on="to_pass_on")
    f = dashboard.dashboard_period_figures(user=handler_build(triage), period=PERIOD, today=TODAY)
    assert f.received == 1 and dict(f.by_organisation) == {"Other Council": 1}


def test_working_days_and_median():
    days = dashboard.WorkingDays()
    assert days.between(date(2026, 1, 1), date(2026, 1, 2)) == 1
    assert days.between(date(2026, 4, 2), date(2026, 4, 7)) == 1  # Easter
    # Back before the first date asked about, across Christmas and New Year.
    assert days.between(date(2025, 12, 24), date(2026, 1, 2)) == 4
    for start in (date(2025, 12, 20) + timedelta(days=n) for n in range(0, 120, 7)):
        for end in (start + timedelta(days=n) for n in (0, 1, 5, 13, 40)):
            assert days.between(start, end) == workflow.working_days_between(start, end)
    assert days.between(date(2026, 1, 5), date(2026, 1, 5)) == 0
    assert dashboard._median({}) is None
    assert dashboard._median({3: 1}) == 3
    assert dashboard._median({1: 1, 4: 1, 14: 1}) == 4
    assert dashboard._median({2: 2, 10: 2}) == 6


def test_dashboard_page_shows_figures_charts_and_tables(client, staff_login, data):
    staff_login(data["user"])
    response = client.get(reverse(DASHBOARD) + "?" + QUERY)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Figures for: Alpha Police, Bravo Police" in page
    assert "Other Council" not in page and "VC-OTHERORG" not in page
    assert "Received from 1 January 2026 to 31 March 2026" in page
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", page))
    assert figures["Complaints received"] == "6"
    assert figures["Requests that are not complaints"] == "1"
    assert figures["Median time to acknowledge"] == "4 working days"
    assert figures["Median time to respond"] == "30 working days"
    # Every chart is an image with a title and description, and its figures in a table.
    svgs = re.findall(r"<svg class=\"app-chart\"[^>]*>", page)
    assert len(svgs) == 7
    assert all('role="img"' in svg and "aria-labelledby=" in svg for svg in svgs)
    assert (
        '<desc id="chart-trend-desc">January 2026: 3; February 2026: 1; March 2026: 2</desc>'
        in page
    )
    assert "<caption>Complaints received by month: the figures</caption>" in page
    assert '<th scope="row">6. ' in page  # the right's number and title
    assert "Police force: The chief officer" in page
    assert "<caption>Complaints by how they came in: the figures</caption>" in page
    assert 'style="' not in page.split('id="content-main"')[1]
    assert "<script" not in page.split('id="content-main"')[1]
    assert reverse(EXPORT) + "?" + QUERY.replace("&", "&amp;") in page


def test_no_dates_means_the_last_12_months(client, staff_login, data):
    staff_login(data["user"])
    page = client.get(reverse(DASHBOARD)).content.decode()
    period = dashboard.period_default(today=timezone.localdate())
    assert f'name="from_year" type="text" inputmode="numeric" value="{period.start.year}"' in page
    assert f'name="to_day" type="text" inputmode="numeric" value="{period.end.day}"' in page
    assert "There is a problem" not in page


@pytest.mark.parametrize(
    ("query", "message", "target"),
    [
        (
            "from_day=31&from_month=2&from_year=2026&to_day=1&to_month=3&to_year=2026",
            "The start date must be a real date",
            "id_from_day",
        ),
        (
            "from_day=1&from_month=&from_year=2026&to_day=1&to_month=3&to_year=2026",
            "The start date must include a month",
            "id_from_month",
        ),
        (
            "from_day=1&from_month=1&from_year=26&to_day=1&to_month=3&to_year=2026",
            "Year must include 4 numbers",
            "id_from_year",
        ),
        (
            "from_day=1&from_month=3&from_year=2026&to_day=1&to_month=1&to_year=2026",
            "The end date must be the same as or after the start date",
            "id_to_day",
        ),
        ("from_day=1&from_month=1&from_year=2026", "Enter the end date", "id_to_day"),
        (
            "from_day=1&from_month=1&from_year=2999&to_day=1&to_month=1&to_year=2999",
            "The start date must be today or in the past",
            "id_from_day",
        ),
        (
            "from_day=x&from_month=1&from_year=2026&to_day=1&to_month=3&to_year=2026",
            "The start date must be a real date",
            "id_from_day",
        ),
    ],
)
def test_bad_dates_get_the_error_summary(client, staff_login, data, query, message, target):
    staff_login(data["user"])
    page = client.get(reverse(DASHBOARD) + "?" + query).content.decode()
    assert "There is a problem" in page
    assert f'<a href="#{target}">{message}</a>' in page
    assert error_links_land_on_fields(page) == [target]
    assert "govuk-form-group--error" in page and "govuk-input--error" in page
    assert "Complaints received</dt>" not in page  # no figures for a period that is not one
    # What was typed stays in the boxes.
    if "from_day=x" in query:
        assert 'name="from_day" type="text" inputmode="numeric" value="x"' in page


def test_an_empty_period_says_so(client, staff_login, data):
    staff_login(data["user"])
    query = "from_day=1&from_month=1&from_year=2020&to_day=31&to_month=1&to_year=2020"
    page = client.get(reverse(DASHBOARD) + "?" + query).content.decode()
    assert "Nothing was received between 1 January 2020 and 31 January 2020." in page
    assert "Download these complaints as CSV" not in page
    response = client.get(reverse(EXPORT) + "?" + query)
    assert response.status_code == 302 and reverse(DASHBOARD) in response["Location"]
    shown = client.get(response["Location"]).content.decode()
    assert "so there is nothing to export" in shown


def test_export_with_bad_dates_goes_back_to_the_error(client, staff_login, data):
    staff_login(data["user"])
    response = client.get(reverse(EXPORT) + "?from_day=40&from_month=1&from_year=2026")
    assert response.status_code == 302
    assert "There is a problem" in client.get(response["Location"]).content.decode()


def _export(client, query: str = QUERY) -> tuple[StreamingHttpResponse, list[list[str]]]:
    response = client.get(reverse(EXPORT) + "?" + query)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return response, list(csv.reader(io.StringIO(text)))


def test_export_streams_the_period_with_no_personal_data(client, staff_login, data):
    staff_login(data["user"])
    response, rows = _export(client)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="complaints-2026-01-01-to-2026-03-31.csv"'
    )
    assert "no-store" in response["Cache-Control"]
    heading, *body = rows
    assert heading[:3] == ["Reference", "Received", "Acknowledgement due"]
    assert "Rights not met" in heading and "How it came in" in heading
    references = [row[0] for row in body]
    # Oldest first; the other organisation's and the one before the period are not there.
    assert references == [data[key].reference for key in ("c9", "c1", "c2", "c3", "c5", "c4", "c8")]
    by_reference = {row[0]: dict(zip(heading, row, strict=True)) for row in body}
    c1 = by_reference[data["c1"].reference]
    assert c1["Received"] == "2026-01-05" and c1["Response sent"] == "2026-02-10"
    assert c1["Subject"] == (
        "Police force: How an officer or member of police staff treated you, or the service you got"
    )
    assert c1["Rights not met"] == "4 6"
    assert c1["Organisation"] == "Alpha Police"
    assert c1["Kind of request"] == "Complaint" and c1["How it came in"] == "Online form"
    assert c1["Acknowledged within 10 working days (Victims' Code)"] == "Yes"
    assert c1["Response sent by the response date"] == "Yes"
    c2 = by_reference[data["c2"].reference]
    assert (c2["Status"], c2["Closed"], c2["How it came in"]) == (
        "Closed",
        "2026-03-02",
        "Phone call",
    )
    assert c2["Acknowledged within 10 working days (Victims' Code)"] == "No"
    assert c2["Response sent by the response date"] == "No"
    c4 = by_reference[data["c4"].reference]
    assert c4["Acknowledged within 10 working days (Victims' Code)"] in ("Not yet", "No")
    assert by_reference[data["c8"].reference]["Received"] == "2026-03-31"  # UK date, BST
    assert by_reference[data["c5"].reference]["Kind of request"] == (
        "Victims' Right to Review request"
    )
    text = "\n".join(",".join(row) for row in rows)
    for private in (
        "Alex",
        "Private-Name",
        "@example.com",
        "07700",
        "Hidden Lane",
        "detailed and private",
        "Secretperson",
        "apology",
        "alice",
    ):
        assert private not in text
    # One entry in the access log for the export, by whom.
    assert (
        AccessLog.objects.filter(
            user=data["user"], action=dashboard_view.ACCESS_EXPORTED_FIGURES
        ).count()
        == 1
    )


def test_export_guards_against_spreadsheet_formulas(client, staff_login, db):
    org = organisation_build(name='=HYPERLINK("http://example.com")')
    user = handler_build(org)
    complaint_build(org, received_at=_at(date(2026, 2, 2)))
    staff_login(user)
    _response, rows = _export(client)
    assert rows[1][8] == '\'=HYPERLINK("http://example.com")'


def test_export_is_sent_in_pieces(client, staff_login, data, monkeypatch):
    monkeypatch.setattr(dashboard_view, "EXPORT_BATCH", 2)
    staff_login(data["user"])
    response = client.get(reverse(EXPORT) + "?" + QUERY)
    chunks = [chunk for chunk in response.streaming_content if chunk]
    assert len(chunks) == 4  # heading with 2 rows, 2, 2, then the last 1
    rows = list(
        dashboard_export.export_rows(user=data["user"], period=PERIOD, today=TODAY, chunk_size=2)
    )
    assert len(rows) == 7 and rows[0].rights == ()


def test_dashboard_needs_complaint_permission(client, staff_login, db):
    staff_login(staff_build(organisation_build()))
    assert client.get(reverse(DASHBOARD)).status_code == 403
    assert client.get(reverse(EXPORT)).status_code == 403


def test_dashboard_is_linked_from_the_admin_home_page(client, staff_login, data):
    staff_login(data["user"])
    page = client.get(reverse("admin:index")).content.decode()
    assert reverse(DASHBOARD) in page


def test_now_figures_and_overdue_list(data):
    alpha = data["alpha"]
    today = timezone.localdate()
    complaint_build(alpha, status=Status.RECEIVED, acknowledgement_due=today - timedelta(days=3))
    complaint_build(alpha, status=Status.ACKNOWLEDGED, response_due=today)
    now = dashboard.dashboard_figures(user=data["user"], today=today)
    # c3, c4, c5, c6, c9 and the two above are open, whenever they were received.
    assert now.open_count == 7
    assert now.overdue_count == 2  # c3 and the first above
    assert now.due_soon_count == 1
    assert [c.reference for c in now.overdue][0] == data["c3"].reference


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if isinstance(response, StreamingHttpResponse):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_query_count_does_not_grow_with_the_rows(client, staff_login, data):
    staff_login(data["user"])
    page = reverse(DASHBOARD) + "?" + QUERY
    export = reverse(EXPORT) + "?" + QUERY
    _queries(client, page)  # warm the per-process directory copy; the cells worked out
    fresh = _queries(client, page)
    # One changed complaint makes one stale cell, refreshed by the next read; thirty in
    # six cells take the same queries (dashboard_months refreshes up to 100 cells at once).
    complaint_build(data["alpha"], received_at=_at(date(2026, 2, 3)))
    before = (_queries(client, page), _queries(client, export))
    channels = list(Channel)
    for n in range(30):
        complaint = complaint_build(
            data["alpha"] if n % 2 else data["bravo"],
            received_at=_at(date(2026, 1 + n % 3, 1 + n) if n < 28 else date(2026, 2, 3)),
            status=list(Status)[n % len(Status)],
            acknowledged_at=_at(date(2026, 3, 20)) if n % 3 else None,
            responded_at=_at(date(2026, 3, 25)) if n % 4 == 0 else None,
            response_due=date(2026, 3, 20),
            channel=channels[n % len(channels)],
            about_org_type=OrganisationType.POLICE_FORCE,
            about_subject=["service", "commissioner", "no_further_action"][n % 3],
        )
        _rights(complaint, 1 + n % 12, 12)
    assert (_queries(client, page), _queries(client, export)) == before
    assert _queries(client, page) == fresh


def test_the_overdue_list_puts_the_longest_overdue_first_whatever_the_stage(data):
    alpha = data["alpha"]
    today = timezone.localdate()
    # Waiting for a response since long ago, though acknowledged in time.
    answered_late = complaint_build(
        alpha,
        status=Status.UNDER_INVESTIGATION,
        acknowledgement_due=today - timedelta(days=30),
        response_due=today - timedelta(days=40),
    )
    # Still to be acknowledged, past a later date.
    unacknowledged = complaint_build(
        alpha,
        status=Status.RECEIVED,
        acknowledgement_due=today - timedelta(days=35),
        response_due=today + timedelta(days=10),
    )
    overdue = dashboard.dashboard_figures(user=data["user"], today=today).overdue
    order = [c.pk for c in overdue]
    # By the deadline each has missed: the response date 40 days ago comes first.
    assert order.index(answered_late.pk) < order.index(unacknowledged.pk)


def test_a_national_dashboard_shows_the_20_largest_organisations_and_adds_up_the_rest(
    client, staff_login, db
):
    staff_login(staff_build(username="root", is_superuser=True))
    for n in range(25):
        organisation = organisation_build(name=f"Force {n:02d}")
        for _ in range(1 + n % 4):
            complaint_build(organisation, received_at=_at(date(2026, 2, 2)))
    page = client.get(reverse(DASHBOARD) + "?" + QUERY).content.decode()
    table = page.split("<caption>Complaints by organisation: the figures</caption>")[1]
    rows = re.findall(r'<th scope="row">([^<]+)</th><td class="app-triage-num">(\d+)</td>', table)
    rows = rows[: rows.index(next(r for r in rows if r[0].startswith("Other"))) + 1]
    assert len(rows) == 21
    assert rows[-1] == ("Other organisations (5)", "5")  # five with one complaint each
    assert sum(int(n) for _name, n in rows) == sum(1 + n % 4 for n in range(25))
    # The chart draws the 20, each against the largest of them, not against the others.
    chart = page.split('id="chart-organisation-desc"')[1].split("</desc>")[0]
    assert "Other organisations" not in chart and chart.count(":") == 20


def test_the_dashboard_shows_the_10_longest_overdue_and_links_to_them_all(
    client, staff_login, data
):
    today = timezone.localdate()
    for days in range(1, 15):
        complaint_build(
            data["alpha"], status=Status.RECEIVED, acknowledgement_due=today - timedelta(days=days)
        )
    staff_login(data["user"])
    page = client.get(reverse(DASHBOARD)).content.decode()
    overdue = page.split('id="overdue-heading"')[1]
    assert overdue.count('<th scope="row"><a href=') == 10
    # The 10 whose missed deadline is oldest, worked out here from the dates themselves.
    late = [
        (
            c.acknowledgement_due
            if c.status in workflow.AWAITING_ACKNOWLEDGEMENT
            else c.response_due,
            c,
        )
        for c in Complaint.objects.filter(organisation__in=[data["alpha"], data["bravo"]])
        if c.status in workflow.OPEN_STATUSES
    ]
    late = sorted((due, c.reference) for due, c in late if due and due < today)
    shown = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', overdue)
    assert shown == [reference for _due, reference in late[:10]]
    count = dashboard.dashboard_figures(user=data["user"], today=today).overdue_count
    assert "These are the 10 longest overdue." in overdue
    assert f"See all {count} overdue complaints</a>" in overdue
    assert "?deadline=overdue" in overdue


def test_a_national_dashboard_counts_what_is_open_from_the_months_totals(client, staff_login, db):
    """Open requests from years ago count too, and the page reads none of the open
    complaints to count them (tens of thousands at a million)."""
    staff_login(staff_build(username="root", is_superuser=True))
    force = organisation_build(name="Force")
    today = timezone.localdate()
    years_ago = timezone.now() - timedelta(days=4 * 365)
    complaint_build(force, received_at=years_ago, acknowledgement_due=today - timedelta(days=9))
    complaint_build(force, status=Status.ACKNOWLEDGED, response_due=today)
    complaint_build(force, status=Status.CLOSED)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse(DASHBOARD)).content.decode()
    assert "<dt>Open</dt><dd>2</dd>" in page
    assert re.search(r"<dt>Overdue</dt><dd><a [^>]+>1</a></dd>", page)
    assert not [q for q in queries.captured_queries if 'AS "open"' in q["sql"]]
