"""One benchmark database, driven by bench/scale.py: seeds it with SQL and times staff pages.

Run as `python -m bench.scale_worker` with DATABASE_URL pointing at a PostgreSQL database and
`make serve`'s production settings. It reads one JSON command a line on stdin and answers
one JSON line on stdout, so the driver can alternate requests between a database of 1,000
complaints and one of 1,000,000, both seeing the same machine load. Requests go through
Django's whole middleware stack with the test client (no HTTP): what is measured is the
page's work, not the network's.

    {"do": "seed", "complaints": 1000000}   complaints made with INSERT ... SELECT
    {"do": "time", "what": "changelist", "as": "superuser"}   ms, queries, bytes
    {"do": "retention", "due": 200}   plant that many due rows, time anonymising them
    {"do": "export-rss"}   export every complaint as the superuser; peak RSS before/after
    {"do": "vacuum"}   what autovacuum would have done by now (VACUUMED, its thresholds);
        {"do": "vacuum", "everything": true} all of them, as a run starts
    {"do": "plan-list", "as": "mid"}   as many complaints a page as that list shows (or
        "rows": n), for {"do": "time", "what": "changelist-equal", ...}
    {"do": "plan-equal", "rows": 1000}   the newest days holding about that many complaints,
        exported by {"do": "time", "what": "export-equal", ...}
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victims_service.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import StreamingHttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.autovacuum import vacuum  # noqa: E402
from complaints import dashboard_months, retention, services  # noqa: E402
from complaints.models import Complaint, StatusChange  # noqa: E402
from directory import cache as directory_cache  # noqa: E402
from directory import routing  # noqa: E402
from directory.models import Organisation, StaffMembership, VictimsCodeRight  # noqa: E402


def _words(text: str) -> list[str]:
    return text.split()


PERSON = "Zofia Quennell-Abara"  # planted once: the person who phoned without a reference
# Members of staff measured: of the organisation with the largest share of complaints
# (about 9 %: a large police force), and of a mid-sized one (about 0.8 %).
STAFF_ORG_INDEX = {"large": 0, "mid": 10}
URLS = {
    "changelist": "/staff/complaints/complaint/",
    "changelist-equal": "/staff/complaints/complaint/",
    "search": "/staff/complaints/complaint/?q=" + PERSON.replace(" ", "+"),
    "dashboard": "/staff/complaints/complaint/dashboard/",
    "export": "/staff/complaints/complaint/dashboard/export/",
    "export-equal": "/staff/complaints/complaint/dashboard/export/",
    "dashboard-changed": "/staff/complaints/complaint/dashboard/",
}
_QUERIES: dict[str, str] = {}  # what -> query string (export-equal: set by plan-equal)
_PAGE_ROWS: dict[str, int] = {}  # what -> complaints a page (changelist-equal: plan-list)
FIRST = _words(
    "Aaliyah Aaron Abigail Adam Aisha Alan Alice Amir Amy Andrew Anna Arjun Ava Ben Bethan "
    "Carys Chloe Connor Daniel David Deepa Dylan Eleri Ella Emma Ethan Fatima Gareth George "
    "Grace Hannah Harry Ibrahim Isla Jack Jacob James Jasmine Joshua Kai Leah Liam Lily "
    "Mason Megan Mia Mohammed Nia Noah Olivia Omar Oscar Priya Rhys Ruby Sam Sara Sophie "
    "Tomos Zara"
)
SYLLABLE_A = _words(
    "Ab Ad Al An Ash Bar Bel Ber Bow Bra Cal Car Cha Cor Dal Dar Daw Ed El Ev Far Fen Gar "
    "Gil Gra Hal Har Hel Hud Ing Jar Jen Kel Ken Lan Lew Mac Mal Mar Mor Nor Oak Pal Par "
    "Pen Pri Rad Ram Reb Rob Row Sal Sha She Sto Tal Tho Tur Wal War Wes Whi Wil Win Wyn "
    "Yor"
)
SYLLABLE_B = _words(
    "ams ard bury by chett cliffe cott dale den don ell field ford gate ham hart hill hurst "
    "ings kins land ley low man more ney ning ock ridge rose ross sey shaw son stone ter "
    "thorpe ton vey wall ward well wick win wood worth yard ylan ynn ing lock mere nell oke "
    "ray rick rith sall sted tall ver wade wen wyn"
)


def _quote(values: list[str]) -> str:
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _subject_case() -> str:
    """SQL choosing a subject the tool offers for the row's organisation type."""
    cases = []
    for org_type, choices in routing.SUBJECT_CHOICES.items():
        slugs = [str(slug) for slug, _label in choices]
        cases.append(
            f"WHEN '{org_type}' THEN ({_quote(slugs)})[1 + floor(r_subj * {len(slugs)})::int]"
        )
    return "CASE org_type " + " ".join(cases) + " ELSE '' END"


# Who complaints go to, the largest share first (the spread is skewed towards the start).
ORG_TYPES = [
    "police_force",
    "cps",
    "witness_care",
    "probation",
    "local_policing_body",
    "courts",
    "prisons",
    "cica",
    "parole_board",
    "youth_offending",
    "council",
    "this_service",
]


def _organisations() -> list[tuple[int, str]]:
    rows = Organisation.objects.filter(is_active=True, org_type__in=ORG_TYPES)
    return sorted(
        rows.values_list("pk", "org_type"), key=lambda row: (ORG_TYPES.index(row[1]), row[0])
    )


def seed(target: int) -> dict:
    """Complaints, their rights and their first history row, spread over about six years."""
    have = Complaint.objects.filter(reference__startswith="VS-").count()
    if have == target:
        _person_plant(target)
        return {"complaints": Complaint.objects.count(), "created": 0, "seconds": 0}
    started = time.monotonic()
    orgs = _organisations()
    ids = "ARRAY[" + ",".join(str(pk) for pk, _t in orgs) + "]::bigint[]"
    types = _quote([t for _pk, t in orgs])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM complaints_dashboardmonth")
        cursor.execute("DELETE FROM complaints_dashboardmonthchange")
        cursor.execute("DELETE FROM complaints_complaint_rights_not_met")
        cursor.execute("DELETE FROM complaints_statuschange")
        cursor.execute("DELETE FROM complaints_accesslog")
        cursor.execute("DELETE FROM complaints_complaint")
        cursor.execute("SELECT setseed(0.17)")
        cursor.execute(
            _SEED_SQL.format(
                ids=ids,
                types=types,
                subject=_subject_case(),
                first=_quote(FIRST),
                a=_quote(SYLLABLE_A),
                b=_quote(SYLLABLE_B),
                n_orgs=len(orgs),
                n=int(target),
            ),
            [target],
        )
        cursor.execute(_RIGHTS_SQL)
        cursor.execute(_HISTORY_SQL)
        for table in (
            "complaints_complaint",
            "complaints_statuschange",
            "complaints_complaint_rights_not_met",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")
    _person_plant(target)
    # Written with SQL, not the services: every month's dashboard cell starts stale (the
    # first reads, the warm-up round, work out those of the last 12 months).
    dashboard_months.dashboard_months_mark_all()
    return {
        "complaints": Complaint.objects.count(),
        "created": target,
        "seconds": round(time.monotonic() - started, 1),
        "organisations": len(orgs),
    }


def _person_plant(target: int) -> None:
    """The person searched for: once, in the middle of the table, whatever ran before."""
    middle = Complaint.objects.order_by("pk").values_list("pk", flat=True)[target // 2]
    Complaint.objects.filter(full_name=PERSON).exclude(pk=middle).update(full_name="Ann Other")
    Complaint.objects.filter(pk=middle).update(full_name=PERSON, anonymised_at=None)
    # Never due for anonymising, or retention's round would empty the name searched for.
    Complaint.objects.filter(pk=middle, closed_at__isnull=False).update(
        closed_at=timezone.now() - timedelta(days=365)
    )


_SEED_SQL = (
    """
INSERT INTO complaints_complaint (
  reference, idempotency_key, received_at, status, organisation_id, routing_reason,
  request_kind, route_key, pass_on, passed_on_how, passed_on_to, about_org_type,
  about_subject, role, relationship, permission, permission_other, affected_person_name,
  crime_reference, incident_date_is_approximate, late_reason, what_happened,
  who_was_involved, outcome_wanted, full_name, email, phone, address, safe_by_email,
  safe_by_phone, safe_by_post, may_leave_messages, times_to_avoid, no_letters_home,
  needs_interpreter, language, accessibility_needs, adjustments, declaration_at,
  service_language, channel, is_priority, has_safeguarding_concern, acknowledgement_due,
  response_due, acknowledged_at, responded_at, closed_at
)
SELECT
  'VS-' || lpad(g::text, 8, '0'), 'scale-' || g, received_at, status, org_id, '',
  kind, '', '', '', '', org_type, {subject}, 'self', '', '', '', '', '', false, '',
  'Benchmark complaint.', '', '',
  ({first})[1 + floor(r_first * {first_n})::int] || ' '
    || ({a})[1 + floor(r_a * {a_n})::int] || ({b})[1 + floor(r_b * {b_n})::int],
  'person' || g || '@example.org', '07700 ' || lpad((g %% 1000000)::text, 6, '0'), '',
  true, r_lang < 0.5, false, false, '', false, false, '', '', '', received_at,
  CASE WHEN r_lang < 0.05 THEN 'cy' ELSE 'en-gb' END,
  CASE WHEN r_chan < 0.85 THEN 'online' WHEN r_chan < 0.93 THEN 'phone'
       WHEN r_chan < 0.98 THEN 'letter' ELSE 'in_person' END,
  r_lang > 0.97, r_lang > 0.99,
  (received_at AT TIME ZONE 'Europe/London')::date + 14,
  (received_at AT TIME ZONE 'Europe/London')::date + 28,
  CASE WHEN status NOT IN ('received', 'transferred')
       THEN received_at + (1 + r_ack * 18) * interval '1 day' END,
  CASE WHEN status IN ('response_sent', 'closed', 'escalated')
       THEN received_at + (10 + r_resp * 35) * interval '1 day' END,
  CASE WHEN status IN ('closed', 'withdrawn', 'escalated')
       THEN received_at + (50 + r_resp * 20) * interval '1 day' END
FROM (
  SELECT g, received_at, r_subj, r_first, r_a, r_b, r_chan, r_lang, r_ack, r_resp,
    ({ids})[1 + floor(power(r_org, 2.5) * {n_orgs})::int] AS org_id,
    ({types})[1 + floor(power(r_org, 2.5) * {n_orgs})::int] AS org_type,
    CASE WHEN r_kind < 0.92 THEN 'complaint' WHEN r_kind < 0.96 THEN 'vrr'
         WHEN r_kind < 0.98 THEN 'outcome_review' WHEN r_kind < 0.99 THEN 'cica_review'
         ELSE 'parole_reconsideration' END AS kind,
    CASE WHEN now() - received_at > interval '120 days' THEN
           CASE WHEN r_status < 0.80 THEN 'closed' WHEN r_status < 0.87 THEN 'response_sent'
                WHEN r_status < 0.94 THEN 'withdrawn' ELSE 'escalated' END
         ELSE
           CASE WHEN r_status < 0.15 THEN 'received' WHEN r_status < 0.17 THEN 'transferred'
                WHEN r_status < 0.35 THEN 'acknowledged'
                WHEN r_status < 0.65 THEN 'under_investigation'
                WHEN r_status < 0.85 THEN 'response_sent' WHEN r_status < 0.95 THEN 'closed'
                ELSE 'withdrawn' END
    END AS status
  FROM (
    SELECT g,
      -- In the order they arrived, as a live table is written (the newest last).
      now() - interval '2150 days' * (1 - g::float / {n}) - random() * interval '3 hours'
        AS received_at,
      random() AS r_status, random() AS r_org, random() AS r_kind, random() AS r_chan,
      random() AS r_subj, random() AS r_first, random() AS r_a, random() AS r_b,
      random() AS r_lang, random() AS r_ack, random() AS r_resp
    FROM generate_series(1, %s) AS g
  ) AS raw
) AS rows
""".replace("{first_n}", str(len(FIRST)))
    .replace("{a_n}", str(len(SYLLABLE_A)))
    .replace("{b_n}", str(len(SYLLABLE_B)))
)

# Six complaints in ten name one right not met, two in ten a second one.
_RIGHTS_SQL = """
INSERT INTO complaints_complaint_rights_not_met (complaint_id, victimscoderight_id)
SELECT c.id, r.id FROM complaints_complaint c
JOIN complaints_victimscoderight r ON r.number = 1 + c.id % 12
WHERE c.id % 10 < 6 AND c.request_kind = 'complaint'
UNION ALL
SELECT c.id, r.id FROM complaints_complaint c
JOIN complaints_victimscoderight r ON r.number = 1 + (c.id + 5) % 12
WHERE c.id % 10 < 2 AND c.request_kind = 'complaint'
"""

_HISTORY_SQL = """
INSERT INTO complaints_statuschange
  (complaint_id, created_at, from_status, to_status, organisation_id, note,
   visible_to_complainant)
SELECT id, received_at, '', 'received', organisation_id, '', false FROM complaints_complaint
UNION ALL
SELECT id, closed_at, 'response_sent', status, organisation_id, 'Closed.', true
FROM complaints_complaint WHERE closed_at IS NOT NULL
"""


# -- who is signed in ------------------------------------------------------------------------


def _client(kind: str) -> Client:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    users = get_user_model().objects
    if kind == "superuser":
        user, _ = users.get_or_create(
            username="scale-superuser", defaults={"is_staff": True, "is_superuser": True}
        )
    else:
        user, _ = users.get_or_create(username=f"scale-{kind}-staff", defaults={"is_staff": True})
        user.groups.add(services.complaint_handlers_group_ensure())
        organisation = staff_organisation(STAFF_ORG_INDEX[kind])
        StaffMembership.objects.get_or_create(user=user, organisation_id=organisation)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def staff_organisation(index: int) -> int:
    """An organisation whose member of staff is measured: the same one in every database."""
    return _organisations()[index][0]


_CLIENTS: dict[str, Client] = {}


def timed(what: str, kind: str) -> dict:
    client = _CLIENTS.get(kind) or _CLIENTS.setdefault(kind, _client(kind))
    # The directory is reloaded every 2 seconds whatever the page (directory.cache): loaded
    # afresh now, so a page taking under 2 seconds counts only its own queries.
    directory_cache.clear()
    directory_cache.directory()
    if what == "dashboard-changed":
        # One of last month's complaints of the member of staff's organisation (of the
        # largest, for a superuser) has just changed, as a service marks it: the page works
        # that month's cell out again (last month: this month may hold only a day or two),
        # from the complaints of the changed day where the cell keeps its days (at a
        # million; at a thousand the cell is small and worked out whole).
        organisation = staff_organisation(STAFF_ORG_INDEX.get(kind, 0))
        last_month = timezone.now() - timedelta(days=timezone.localdate().day)
        dashboard_months.dashboard_months_mark(cells=[(organisation, last_month)])
    url = URLS[what] + (f"?{_QUERIES[what]}" if what in _QUERIES else "")
    complaint_admin = admin.site._registry[Complaint]
    usual_page = complaint_admin.list_per_page
    complaint_admin.list_per_page = _PAGE_ROWS.get(what, usual_page)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        try:
            response = client.get(url)
        finally:
            complaint_admin.list_per_page = usual_page
        first = None
        size = lines = 0
        if isinstance(response, StreamingHttpResponse):
            for chunk in response.streaming_content:
                if first is None:
                    first = time.perf_counter()
                size += len(chunk)
                lines += chunk.count(b"\n")
        else:
            size = len(response.content)
        elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{what} as {kind} answered {response.status_code}")
    body = response.content if not response.streaming else b""
    return {
        "ms": round(elapsed * 1000, 2),
        "first_byte_ms": round(((first or started) - started) * 1000, 2),
        "queries": len(queries.captured_queries),
        "bytes": size,
        # Complaints on the page (list, search) or in the file (export, less its heading).
        "rows": None
        if what.startswith("dashboard")
        else (body.count(b'name="_selected_action"') if body else max(lines - 1, 0)),
    }


def plan_list(kind: str, rows: int | None) -> dict:
    """The list with as many complaints a page as this member of staff's first page holds
    at 1,000 (`rows` None: find that out here; else use it), so both sizes draw the same
    rows and the time can follow only the table's size."""
    if rows is None:
        organisation = staff_organisation(STAFF_ORG_INDEX[kind])
        found = Complaint.objects.filter(organisation_id=organisation).count()
        rows = min(found, admin.site._registry[Complaint].list_per_page)
    _PAGE_ROWS["changelist-equal"] = rows
    return {"rows": rows}


def plan_equal(rows: int) -> dict:
    """Export the newest days holding at most `rows` complaints (all of them when there
    are fewer): the same output at both sizes, so the time can follow only the rows."""
    newest = Complaint.objects.order_by("-received_at").values_list("received_at", flat=True)
    today = timezone.localdate()
    if newest.count() <= rows:
        start = timezone.localdate(newest.last()) if newest.exists() else today
    else:
        start = timezone.localdate(newest[rows - 1])
        found = Complaint.objects.filter(received_at__date__gte=start).count()
        start += timedelta(days=1) if found > rows else timedelta(0)
    _QUERIES["export-equal"] = (
        f"from_day={start.day}&from_month={start.month}&from_year={start.year}"
        f"&to_day={today.day}&to_month={today.month}&to_year={today.year}"
    )
    found = Complaint.objects.filter(received_at__date__gte=start).count()
    return {"start": start.isoformat(), "rows": found}


def retention_run(due: int) -> dict:
    """Make `due` complaints due for anonymising, then time the daily job doing them.

    Afterwards they are made not due again (closed a year ago, not anonymised), so every
    round finds the same number at both sizes. The planted person is never among them.
    """
    long_ago = timezone.now() - timedelta(days=365 * 7)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE complaints_complaint SET closed_at = %s, status = 'closed' WHERE id IN "
            "(SELECT id FROM complaints_complaint WHERE anonymised_at IS NULL "
            "AND full_name <> %s ORDER BY random() LIMIT %s)",
            [long_ago, PERSON, due],
        )
    started = time.perf_counter()
    done = retention.anonymise_closed(cutoff=retention.retention_cutoff())
    elapsed = time.perf_counter() - started
    Complaint.objects.filter(pk__in=done).update(
        anonymised_at=None, closed_at=timezone.now() - timedelta(days=365)
    )
    # The dashboard's months these changed, worked out now (as the nightly job or the next
    # reader would), so the dashboard rows time reading fresh cells; the "just after a
    # change" rows time the refresh.
    dashboard_months.dashboard_months_refresh()
    return {"ms": round(elapsed * 1000, 1), "changed": len(done)}


def export_rss() -> dict:
    """Peak memory of this process exporting every complaint as the superuser, streamed."""
    client = _client("superuser")
    # Imports and caches, as a running server has them. Not the dashboard: a national one
    # adds thousands of monthly cells, whose memory would be counted as the export's.
    client.get(URLS["changelist"])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = client.get(
        URLS["export"] + "?from_day=1&from_month=1&from_year=2015"
        "&to_day=31&to_month=12&to_year=2030"
    )
    size = sum(len(chunk) for chunk in response.streaming_content)
    return {
        "rss_before_kb": before,
        "rss_peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "bytes": size,
        "rows": Complaint.objects.count(),
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    assert connection.vendor == "postgresql", "the scale benchmark runs on PostgreSQL only"
    assert not settings.DEBUG
    for line in sys.stdin:
        command = json.loads(line)
        try:
            if command["do"] == "seed":
                answer = seed(int(command["complaints"]))
            elif command["do"] == "time":
                answer = timed(command["what"], command["as"])
            elif command["do"] == "retention":
                answer = retention_run(int(command["due"]))
            elif command["do"] == "plan-list":
                answer = plan_list(command["as"], command.get("rows"))
            elif command["do"] == "plan-equal":
                answer = plan_equal(int(command["rows"]))
            elif command["do"] == "vacuum":
                answer = vacuum(everything=bool(command.get("everything")))
            elif command["do"] == "export-rss":
                answer = export_rss()
            elif command["do"] == "counts":
                answer = {
                    "complaints": Complaint.objects.count(),
                    "history": StatusChange.objects.count(),
                    "rights": VictimsCodeRight.objects.count(),
                }
            else:
                answer = {"error": f"unknown command {command['do']!r}"}
        except Exception as error:  # noqa: BLE001 - reported to the driver, which stops
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
