"""Drill: the mail server refuses connections. Emails retry, then show as failed to staff.

    .venv/bin/python drills/mail_refused.py            # about a minute
    .venv/bin/python drills/mail_refused.py --emails 50

What it does, on its own PostgreSQL database (victims_drill_mail, recreated each run):
1. Queues emails through the real outbox (`complaints.emails.email_queue`) in transactions,
   as complaint submissions and staff actions do.
2. Runs the real task worker (`manage.py db_worker --batch`) with EMAIL_HOST pointing at a
   port where nothing listens, so every connection is refused.
3. Makes each retry due at once (the real back-off is 1, 2, 4 then 8 minutes) and runs
   `manage.py email_sweep` and the worker again, until MAX_ATTEMPTS are used.
4. Checks: every email is still there, marked failed after MAX_ATTEMPTS attempts with the
   error class recorded; the staff outbox in admin lists them as failed.
5. Then a second batch meets a mail server that is down for two attempts and comes back (a
   local SMTP sink): every email ends sent, after exactly three attempts, none twice.

Exit status 0 if every check passed. The same steps are in docs/operations.md.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import threading
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = "victims_drill_mail"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(smtp_port: int) -> dict:
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "victims_service.settings",
        "DEBUG": "false",
        "SECURE": "false",
        "SECRET_KEY": "drill-" + "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "LOG_LEVEL": "WARNING",
    }


def run(env: dict, *args: str) -> None:
    result = subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr[-3000:]}")


def psql(sql: str) -> None:
    subprocess.run(["psql", f"{PG}/postgres", "-tAc", sql], check=True, capture_output=True)


class SmtpSink:
    """A local SMTP server that accepts and counts messages (Python 3.11's smtpd)."""

    def __init__(self, port: int):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import asyncore as _asyncore
            import smtpd

        self._asyncore = _asyncore
        self.received: list[str] = []
        sink = self

        class Server(smtpd.SMTPServer):
            def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
                sink.received.extend(rcpttos)

        self.server = Server(("127.0.0.1", port), None)
        self.thread = threading.Thread(
            target=self._asyncore.loop, kwargs={"timeout": 0.1}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.server.close()


class Checks:
    """Each check is printed as it is made; the drill fails if any did."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    def __call__(self, ok: bool, message: str) -> None:
        print(("PASS " if ok else "FAIL ") + message)
        if not ok:
            self.failures.append(message)


def prepare_database(env: dict) -> None:
    print(f"database {DATABASE}: recreate and migrate")
    psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{DATABASE}"')
    run(env, "manage.py", "migrate", "--noinput")
    run(env, "manage.py", "createcachetable")


def queue(count: int, kind: str) -> list[int]:
    from django.db import transaction

    from complaints.emails import email_queue

    ids = []
    for number in range(count):
        with transaction.atomic():
            email = email_queue(
                to=f"person{number}@example.org",
                kind=kind,
                subject="Drill",
                body="A drill message.",
            )
            ids.append(email.pk)
    return ids


def attempt_round(smtp_env: dict) -> None:
    """Time passes: the retries the worker deferred are due now, then the worker runs.

    The real back-off is 1, 2, 4 then 8 minutes; moving the clock of the deferred task
    and of the email is the same as waiting. The sweeper runs too, as cron would: it
    must not add a second attempt for an email whose retry is already queued.
    """
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from complaints.models import OutboundEmail

    now = timezone.now()
    DBTaskResult.objects.filter(status="READY").update(run_after=now)
    OutboundEmail.objects.filter(state=OutboundEmail.State.QUEUED).update(next_attempt_at=now)
    run(smtp_env, "manage.py", "email_sweep")
    run(smtp_env, "manage.py", "db_worker", "--batch")


def refused_until_failed(*, count: int, env: dict, port: int, check: Checks) -> list[int]:
    """Steps 1 to 4: the mail server refuses every connection."""
    from complaints.emails import MAX_ATTEMPTS
    from complaints.models import OutboundEmail

    ids = queue(count, "drill_refused")
    print(f"queued {len(ids)} emails; SMTP 127.0.0.1:{port} refuses connections")
    run(env, "manage.py", "db_worker", "--batch")
    for _ in range(MAX_ATTEMPTS + 1):
        if not OutboundEmail.objects.filter(pk__in=ids, state=OutboundEmail.State.QUEUED):
            break
        attempt_round(env)
    emails = OutboundEmail.objects.filter(pk__in=ids)
    check(emails.count() == len(ids), f"all {len(ids)} emails are still in the outbox")
    failed = emails.filter(state=OutboundEmail.State.FAILED)
    check(failed.count() == len(ids), f"{failed.count()} of {len(ids)} marked failed")
    check(
        set(emails.values_list("attempts", flat=True)) == {MAX_ATTEMPTS},
        f"each was tried exactly {MAX_ATTEMPTS} times",
    )
    errors = set(emails.values_list("last_error", flat=True))
    check(errors == {"ConnectionRefusedError"}, f"the error class is recorded: {errors}")
    check(not any("@" in error for error in errors), "the recorded error holds no email address")
    return ids


def staff_see_the_failures(*, count: int, check: Checks) -> None:
    """Staff see them: the outbox in admin, filtered to failed."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, _ = get_user_model().objects.get_or_create(
        username="drill-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    device = TOTPDevice.objects.create(user=user, name="drill", confirmed=True)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    response = client.get("/staff/complaints/outboundemail/", {"state__exact": "failed"})
    html = response.content.decode()
    check(response.status_code == 200, f"staff outbox page answers {response.status_code}")
    check(
        html.count("Failed after retries") >= min(count, 20),
        "staff outbox lists the emails as 'Failed after retries'",
    )


def server_comes_back(*, count: int, check: Checks) -> None:
    """Step 5: the server is down for two attempts, then comes back."""
    from complaints.models import OutboundEmail

    back_port = free_port()
    back_env = base_env(back_port)
    ids = queue(count, "drill_recovers")
    run(back_env, "manage.py", "db_worker", "--batch")  # attempt 1: refused
    attempt_round(back_env)  # attempt 2: refused
    sink = SmtpSink(back_port)
    try:
        attempt_round(back_env)  # attempt 3: the server is back
        attempt_round(back_env)  # nothing left to send: must not send twice
    finally:
        sink.close()
    emails = OutboundEmail.objects.filter(pk__in=ids)
    sent = emails.filter(state=OutboundEmail.State.SENT).count()
    check(sent == len(ids), f"after the server came back, {sent} of {len(ids)} sent")
    check(
        set(emails.values_list("attempts", flat=True)) == {3},
        "each took exactly three attempts",
    )
    check(
        len(sink.received) == len(ids) and len(set(sink.received)) == len(ids),
        f"the mail server received {len(sink.received)} messages, none twice",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=20)
    args = parser.parse_args()
    port = free_port()  # nothing listens here: connections are refused
    env = base_env(port)
    os.environ.update(env)
    prepare_database(env)

    import django

    django.setup()
    check = Checks()
    ids = refused_until_failed(count=args.emails, env=env, port=port, check=check)
    staff_see_the_failures(count=len(ids), check=check)
    server_comes_back(count=args.emails, check=check)
    print("mail drill:", "FAILED" if check.failures else "passed")
    return 1 if check.failures else 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
