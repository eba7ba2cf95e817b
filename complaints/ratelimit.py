"""Per-IP rate limits and staff sign-in failures, counted in the database so they hold
across worker processes.

The limits are far above what a person filling in the form needs (one page every few
seconds at most) and exist to slow down scripts. The IP address is hashed before it is
used as a key, so no table holds one. If a public limit cannot be counted, the request is
let through: a broken counter must not stop a victim from complaining. (Staff cannot sign
in while their failures cannot be counted, but then the database is down and sign-in
cannot work anyway.)

Each limited POST is counted with one statement, an upsert that returns the new count
(`RateLimitCounter`). Django's cache API needed `add()` then `incr()`, which the database
cache runs as about ten queries, and its `incr()` is a read then a write, so two requests
at once could be counted as one. This was the largest single cost of a complaint
submission (bench/NOTES.md).

Staff sign-in failures (victims_service/staff_security.py) use the same table and the same
kind of statement: their period opens at the first failure rather than on the clock, and
the failure that reaches the limit starts the lockout.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from complaints.models import RateLimitCounter

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    requests: int
    seconds: int


# scope -> limit. POSTs only: reading pages is never limited.
LIMITS = {
    # Every answer, upload and change: a fast person posts a page every 5 to 10 seconds.
    "journey": Limit(requests=120, seconds=600),
    "submit": Limit(requests=20, seconds=3600),
    "progress_check": Limit(requests=10, seconds=900),
    "progress_link": Limit(requests=20, seconds=900),
    # Staff setting up an authenticator app: a password, then a code or two.
    "staff_enrolment": Limit(requests=20, seconds=900),
}


def client_ip(request: HttpRequest) -> str:
    # Behind a proxy the site is told the address in X-Forwarded-For; the last entry is the
    # one our own proxy added, so it cannot be forged by the client.
    if getattr(settings, "RATELIMIT_TRUST_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def keyed_digest(value: str) -> str:
    """A keyed hash of an IP address or username, so no table holds one, nor a plain hash
    that could be reversed by trying every address or likely name."""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def _key(scope: str, ip: str, window: int) -> str:
    return f"ratelimit:{scope}:{keyed_digest(ip)}:{window}"


def _count(*, key: str, expires_at: datetime) -> int:
    """Add one to a counter, creating it at one; return its new value. Atomic.

    Raw SQL because the ORM has no upsert that adds to the stored value. PostgreSQL and
    SQLite (3.35 and later) both accept this statement as written.
    """
    if connection.in_atomic_block:
        # Inside someone's transaction, a failure must not break it for what follows (on
        # PostgreSQL a failed statement aborts the transaction): use a savepoint. Views
        # run in autocommit (no ATOMIC_REQUESTS), so this costs them nothing.
        with transaction.atomic():
            return _upsert(key=key, expires_at=expires_at)
    return _upsert(key=key, expires_at=expires_at)


def _db_datetime(moment: datetime):
    return connection.ops.adapt_datetimefield_value(moment)


def _upsert(*, key: str, expires_at: datetime) -> int:
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO {table} ("key", "hits", "expires_at") VALUES (%s, 1, %s) '  # noqa: S608 - the table name is ours
            f'ON CONFLICT ("key") DO UPDATE SET "hits" = {table}."hits" + 1 '
            'RETURNING "hits"',
            [key, _db_datetime(expires_at)],
        )
        return cursor.fetchone()[0]


def is_limited(request: HttpRequest, scope: str) -> bool:
    """Count this request; True if the client has gone over the scope's limit."""
    limit = LIMITS[scope]
    window = int(time.time() // limit.seconds)
    key = _key(scope, client_ip(request), window)
    expires_at = datetime.fromtimestamp((window + 1) * limit.seconds, tz=UTC)
    try:
        count = _count(key=key, expires_at=expires_at)
    except DatabaseError:
        # The view that follows meets the same database and shows its own outage page.
        logger.warning("Rate limit counter unavailable; request allowed", exc_info=True)
        return False
    return count > limit.requests


def failure_record(*, key: str, seconds: int, lock_at: int) -> int:
    """Count one failure under `key` and return the count in the current period. Atomic.

    A period opens at the first failure and lasts `seconds`; a failure after it has ended
    starts a new period at one. The failure that reaches `lock_at` moves the end of the
    period to `seconds` from now, so a lockout always lasts the full period. On both
    PostgreSQL and SQLite every expression in the update reads the row as it was.
    """
    now = datetime.now(tz=UTC)
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    ended = f'{table}."expires_at" <= %s'
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO {table} ("key", "hits", "expires_at") VALUES (%s, 1, %s) '  # noqa: S608 - the table name is ours
            f'ON CONFLICT ("key") DO UPDATE SET '
            f'"hits" = CASE WHEN {ended} THEN 1 ELSE {table}."hits" + 1 END, '
            f'"expires_at" = CASE WHEN {ended} OR {table}."hits" + 1 >= %s '
            f'THEN excluded."expires_at" ELSE {table}."expires_at" END '
            'RETURNING "hits"',
            [
                key,
                _db_datetime(now + timedelta(seconds=seconds)),
                _db_datetime(now),
                _db_datetime(now),
                lock_at,
            ],
        )
        return cursor.fetchone()[0]


def failures_reached(*, key: str, lock_at: int) -> bool:
    """Whether `key` has had `lock_at` failures in a period that has not ended."""
    return RateLimitCounter.objects.filter(
        key=key, hits__gte=lock_at, expires_at__gt=datetime.now(tz=UTC)
    ).exists()


def failures_clear(*, key: str) -> None:
    RateLimitCounter.objects.filter(key=key).delete()


def counters_delete_expired(*, now: datetime | None = None) -> int:
    """Delete counters whose window has ended. Returns how many went."""
    now = now or datetime.now(tz=UTC)
    deleted, _ = RateLimitCounter.objects.filter(expires_at__lte=now).delete()
    return deleted


# Scopes whose pages keep what the person typed in the session.
KEEPS_ANSWERS = {"journey", "submit"}


def seconds_until_reset(scope: str, now: float | None = None) -> int:
    """Seconds until the current window of a scope's limit ends, and counting starts again."""
    limit = LIMITS[scope]
    now = time.time() if now is None else now
    return max(1, int(limit.seconds - now % limit.seconds))


def too_many_requests(request: HttpRequest, scope: str) -> HttpResponse:
    wait = seconds_until_reset(scope)
    response = render(
        request,
        "complaints/too_many_requests.html",
        {"minutes": max(1, -(-wait // 60)), "answers_kept": scope in KEEPS_ANSWERS},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


def ratelimit(scope: str) -> Callable:
    """Limit POST requests to a view. GET is never limited."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST" and is_limited(request, scope):
                return too_many_requests(request, scope)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
