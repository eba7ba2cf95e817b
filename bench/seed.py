"""Data and sessions for the benchmark, written straight to the benchmark database.

Run by bench/run.py as `python -m bench.seed <command>` with the benchmark's environment
(DATABASE_URL pointing at victims_bench...). Each command prints one JSON line.

    complaints N          bulk-create complaints until there are N
    staff-session         a superuser signed in with a verified authenticator app: cookie
    changelist-queries    the number of SQL queries the staff complaint list makes
    submissions N FILE    N sessions holding a finished complaint's answers, one per line
                          of FILE as "<session cookie> <csrf token>"
    count-complaints      the number of stored complaints and distinct idempotency keys
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victims_service.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from complaints.models import Complaint, Organisation  # noqa: E402
from complaints.workflow import Status  # noqa: E402

BENCH_USER = "bench-superuser"
CHANGELIST_URL = "/staff/complaints/complaint/"
BATCH = 5000


def complaints(target: int) -> dict:
    have = Complaint.objects.count()
    organisations = list(Organisation.objects.filter(is_active=True).values_list("pk", flat=True))
    if not organisations:
        organisations = [
            Organisation.objects.create(
                name="Benchmark police force", slug="bench-police", org_type="police"
            ).pk
        ]
    statuses = [s.value for s in Status]
    now = timezone.now()
    made = 0
    while have + made < target:
        size = min(BATCH, target - have - made)
        rows = []
        for i in range(size):
            n = have + made + i
            received = now - timedelta(minutes=n)
            rows.append(
                Complaint(
                    reference=f"VB-{n:08d}",  # unique, and never a real reference
                    idempotency_key=f"bench-{n}-{secrets.token_hex(8)}",
                    received_at=received,
                    status=statuses[n % len(statuses)],
                    organisation_id=organisations[n % len(organisations)],
                    role="victim",
                    what_happened="Benchmark complaint.",
                    full_name="Benchmark Person",
                    acknowledgement_due=(received + timedelta(days=7)).date(),
                    response_due=(received + timedelta(days=28)).date(),
                )
            )
        Complaint.objects.bulk_create(rows, batch_size=1000)
        made += size
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Complaint._meta.db_table}")  # noqa: S608 - a model's table
    return {"complaints": Complaint.objects.count(), "created": made}


def _superuser():
    user, _ = get_user_model().objects.get_or_create(
        username=BENCH_USER,
        defaults={"is_staff": True, "is_superuser": True, "email": "bench@example.org"},
    )
    return user


def _verified_client() -> Client:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = _superuser()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    # The host the servers answer to (ALLOWED_HOSTS), not the test client's "testserver".
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def staff_session() -> dict:
    client = _verified_client()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"}


def changelist_queries() -> dict:
    client = _verified_client()
    client.get(CHANGELIST_URL)  # warm caches (content types, permissions) as a server would
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST_URL)
    return {
        "status": response.status_code,
        "queries": len(queries.captured_queries),
        "complaints": Complaint.objects.count(),
        "sql": [q["sql"][:200] for q in queries.captured_queries],
    }


def count_complaints(prefix: str = "") -> dict:
    rows = Complaint.objects.all()
    return {
        "complaints": rows.count(),
        "distinct_keys": rows.values("idempotency_key").distinct().count(),
        "distinct_references": rows.values("reference").distinct().count(),
    }


def submissions(count: int, path: str) -> dict:
    from bench.journey import finished_sessions

    with open(path, "w") as out:
        for cookie, token in finished_sessions(count):
            out.write(f"{cookie} {token}\n")
    return {"sessions": count, "file": path}


def submitted(path: str) -> dict:
    """Of the sessions in FILE, how many the server finished submitting, and their rows."""
    from importlib import import_module

    from django.contrib.sessions.models import Session

    engine = import_module(settings.SESSION_ENGINE)
    with open(path) as handle:
        keys = [line.split()[0].split("=", 1)[1] for line in handle if line.strip()]
    done, references = 0, []
    store = engine.SessionStore()
    for row in Session.objects.filter(session_key__in=keys).iterator():
        sent = (store.decode(row.session_data).get("complaint") or {}).get("submitted")
        if sent:
            done += 1
            references.append(sent["reference"])
    stored = Complaint.objects.filter(reference__in=references).count()
    return {"finished": done, "references_stored": stored}


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "complaints":
        result = complaints(int(args[0]))
    elif command == "staff-session":
        result = staff_session()
    elif command == "changelist-queries":
        result = changelist_queries()
    elif command == "submissions":
        result = submissions(int(args[0]), args[1])
    elif command == "submitted":
        result = submitted(args[0])
    elif command == "count-complaints":
        result = count_complaints()
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
