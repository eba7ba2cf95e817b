"""Drill: 500 complaint submissions from 50 clients while PostgreSQL restarts in the middle.

    .venv/bin/python drills/db_restart.py                 # restarts this machine's PostgreSQL
    .venv/bin/python drills/db_restart.py --no-restart    # the same load, no restart

Passes when: every confirmation shown has exactly one stored complaint; there are no
duplicates and no complaint without a confirmation; no response is a 500 (a 503 page that
says the answers are kept is expected while the database is down); and the site answers
/healthz with 200 by itself afterwards, with nobody restarting it.

It uses its own database (victims_drill_db, recreated each run) and its own server on port
8110, started as `make serve` starts it, with its production settings (bench/run.py).
Each client submits the final "check your answers" POST for a finished journey
(bench/journey.py) and, like a person pressing the button again, retries after a 503 or a
dropped connection; after a redirect it loads the confirmation page and reads the
reference shown.

The restart uses `pg_ctlcluster --skip-systemctl-redirect <version> main restart` (about a
second on this machine). Other people's tests use the same PostgreSQL: run it when they are
not running, and never in CI.
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.environment import OUT, collect_static, seed, server_env  # noqa: E402
from bench.servers import app_server, prepare_database  # noqa: E402
from complaints import reference  # noqa: E402

DATABASE = "victims_drill_db"
PORT = 8110
SUBMIT = "/complaints/check-your-answers/"


@dataclass
class Outcome:
    statuses: Counter = field(default_factory=Counter)
    confirmations: dict = field(default_factory=dict)  # session cookie -> reference shown
    unavailable_pages_without_reassurance: int = 0
    connection_errors: int = 0
    gave_up: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def status(self, code: int) -> None:
        with self.lock:
            self.statuses[code] += 1


def request(conn_box: list, method: str, path: str, headers: dict, body: str | None = None):
    if conn_box[0] is None:
        conn_box[0] = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    conn = conn_box[0]
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        # Header names in lower case: servers may send either (granian sends lower case).
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, response.read().decode(errors="ignore")
    except (OSError, http.client.HTTPException):
        conn.close()
        conn_box[0] = None
        raise


def client(work: queue.Queue, outcome: Outcome, deadline: float, number: int) -> None:
    conn_box: list = [None]
    while True:
        try:
            cookie, token = work.get_nowait()
        except queue.Empty:
            return
        headers = {
            "Cookie": f"{cookie}; csrftoken={token}",
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": f"10.9.{number}.{work.qsize() % 250}",
        }
        body = f"csrfmiddlewaretoken={token}&declaration=yes"
        submitted = False
        while time.monotonic() < deadline:
            try:
                if not submitted:
                    status, response_headers, html = request(
                        conn_box, "POST", SUBMIT, headers, body
                    )
                    outcome.status(status)
                    if status in (302, 303) and "complaint-sent" in response_headers.get(
                        "location", ""
                    ):
                        submitted = True
                        continue
                else:
                    status, _, html = request(
                        conn_box, "GET", "/complaints/complaint-sent/", {"Cookie": cookie}
                    )
                    outcome.status(status)
                    if status == 200:
                        match = reference.IN_TEXT.search(html)
                        if match:
                            with outcome.lock:
                                outcome.confirmations[cookie] = match.group(0)
                            break
                if status == 503 and "answers" not in html:
                    with outcome.lock:
                        outcome.unavailable_pages_without_reassurance += 1
            except (OSError, http.client.HTTPException):
                with outcome.lock:
                    outcome.connection_errors += 1
            time.sleep(0.5)  # a person reading the page, then pressing the button again
        else:
            with outcome.lock:
                outcome.gave_up.append(cookie)


def restart_postgres(log: list) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    started = time.monotonic()
    result = subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    log.append(
        f"PostgreSQL {version} restarted in {time.monotonic() - started:.1f} s "
        f"(exit {result.returncode}) {result.stderr.strip()}"
    )


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--restart-after", type=int, default=150, help="confirmations first")
    parser.add_argument("--no-restart", action="store_true")
    parser.add_argument("--timeout", type=int, default=300, help="seconds for the whole drill")
    return parser.parse_args()


def _sessions(env: dict, count: int) -> list[tuple[str, ...]]:
    """A fresh database, and `count` finished journeys' sessions waiting to be sent."""
    for note in collect_static(env):
        print("     " + note)
    print(f"database {DATABASE}: recreate")
    prepare_database(DATABASE, 0, fresh=True)
    sessions_file = OUT / "drill-sessions.txt"
    seed(env, "submissions", str(count), str(sessions_file))
    return [tuple(line.split()) for line in sessions_file.read_text().splitlines()]


@dataclass
class Run:
    outcome: Outcome
    events: list[str]
    elapsed: float
    recovered_at: float | None


def _restart_when_due(
    args: argparse.Namespace, outcome: Outcome, *, started: float, deadline: float, events: list
) -> threading.Thread:
    while len(outcome.confirmations) < args.restart_after and time.monotonic() < deadline:
        time.sleep(0.05)
    events.append(
        f"restart begins after {len(outcome.confirmations)} confirmations, "
        f"{time.monotonic() - started:.1f} s in"
    )
    restarter = threading.Thread(target=restart_postgres, args=(events,))
    restarter.start()
    return restarter


def _recovered_after(started: float) -> float | None:
    """Seconds from the start until the same server process, untouched, answers its health
    check again (None if it does not within 30 seconds)."""
    for _ in range(60):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.5)
    return None


def _submit_all(args: argparse.Namespace, env: dict, sessions: list) -> Run:
    server = app_server("drill", PORT, env)
    server.start()
    work: queue.Queue = queue.Queue()
    for item in sessions:
        work.put(item)
    outcome = Outcome()
    events: list[str] = []
    deadline = time.monotonic() + args.timeout
    started = time.monotonic()
    threads = [
        threading.Thread(target=client, args=(work, outcome, deadline, n), daemon=True)
        for n in range(args.clients)
    ]
    for thread in threads:
        thread.start()
    try:
        restarter = None
        if not args.no_restart:
            restarter = _restart_when_due(
                args, outcome, started=started, deadline=deadline, events=events
            )
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        if restarter:
            restarter.join()
        elapsed = time.monotonic() - started
        recovered_at = _recovered_after(started)
    finally:
        server.stop()
    return Run(outcome=outcome, events=events, elapsed=elapsed, recovered_at=recovered_at)


def _check_against_the_database(args: argparse.Namespace, sessions: list, run: Run) -> int:
    """What people were shown against what was stored. Returns the exit status."""
    from complaints.models import Complaint

    outcome = run.outcome
    shown = list(outcome.confirmations.values())
    stored = Counter(
        Complaint.objects.filter(reference__in=shown).values_list("reference", flat=True)
    )
    total = Complaint.objects.count()
    failures = []

    def check(ok: bool, message: str) -> None:
        print(("PASS " if ok else "FAIL ") + message)
        if not ok:
            failures.append(message)

    for event in run.events:
        print("     " + event)
    print(f"     {len(sessions)} submissions, {args.clients} clients, {run.elapsed:.1f} s")
    print(f"     responses: {dict(sorted(outcome.statuses.items()))}")
    print(f"     connection errors (retried): {outcome.connection_errors}")
    check(len(shown) == len(sessions), f"{len(shown)} of {len(sessions)} confirmations shown")
    check(not outcome.gave_up, f"{len(outcome.gave_up)} clients gave up")
    check(len(set(shown)) == len(shown), "no reference shown twice")
    check(
        all(stored[shown_reference] == 1 for shown_reference in shown),
        "every confirmation shown has exactly one stored complaint",
    )
    check(total == len(shown), f"{total} complaints stored for {len(shown)} confirmations")
    check(outcome.statuses.get(500, 0) == 0, f"{outcome.statuses.get(500, 0)} responses were 500")
    check(
        outcome.unavailable_pages_without_reassurance == 0,
        "every 503 page said the answers were kept",
    )
    check(
        run.recovered_at is not None,
        f"the site recovered by itself (/healthz 200 at {run.recovered_at or 0:.1f} s)",
    )
    print("database restart drill:", "FAILED" if failures else "passed")
    return 1 if failures else 0


def main() -> int:
    args = _arguments()
    OUT.mkdir(exist_ok=True)
    env = server_env(DATABASE, WEB_CONCURRENCY="4", WEB_THREADS="4", ACCESS_LOG="true")
    sessions = _sessions(env, args.submissions)
    run = _submit_all(args, env, sessions)
    os.environ.update(env)
    import django

    django.setup()
    return _check_against_the_database(args, sessions, run)


if __name__ == "__main__":
    sys.exit(main())
