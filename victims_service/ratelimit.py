"""Rate limits and staff sign-in failures, counted in the database so they hold across
worker processes.

Each limited POST is counted twice: for the browser that sent it (its session, or its
CSRF cookie before it has a session) against a limit far above what a person filling in
the form needs (one page every few seconds at most), and for its address against a ceiling
ten times higher. So a refuge, a library or a whole office behind one address is not
blocked because of one person there, while a script that throws its cookies away still
meets the address's ceiling. Session keys and addresses are hashed with a key before they
are used, so no table holds one.

A limit's period opens at the first request counted and lasts the limit's length; the 429
page and its Retry-After say exactly when the period that was exceeded ends.

If a public limit cannot be counted, the request is let through: a broken counter must
not stop a victim from complaining. (Staff cannot sign in while their failures cannot be
counted, but then the database is down and sign-in cannot work anyway.)

Each limited POST is counted with one statement, an upsert of both counters that returns
their new counts (`RateLimitCounter`). Django's cache API would need `add()` then
`incr()`, which the database cache runs as about ten queries, and its `incr()` is a read
then a write, so two requests at once could be counted as one.

Staff sign-in failures (victims_service/staff_security.py) use the same table and the same
kind of statement: their period opens at the first failure, and the failure that reaches
the limit starts the lockout.
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

from victims_service.models import RateLimitCounter

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    requests: int
    seconds: int


# scope -> limit for one browser. POSTs only: reading pages is never limited.
LIMITS = {
    # Every answer, upload and change: a fast person posts a page every 5 to 10 seconds.
    "journey": Limit(requests=120, seconds=600),
    "submit": Limit(requests=20, seconds=3600),
    "progress_check": Limit(requests=10, seconds=900),
    "progress_link": Limit(requests=20, seconds=900),
    # Staff setting up an authenticator app: a password, then a code or two.
    "staff_enrolment": Limit(requests=20, seconds=900),
    # The feedback form (feedback/views.py): a person sends one, perhaps after a mistake.
    "feedback": Limit(requests=10, seconds=3600),
}
# Everyone at one address together (a refuge, a library, an office): this many browsers'
# worth, over the same period.
ADDRESS_CEILING = 10


def address_limit(scope: str) -> Limit:
    limit = LIMITS[scope]
    return Limit(requests=limit.requests * ADDRESS_CEILING, seconds=limit.seconds)


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


def browser_id(request: HttpRequest) -> str | None:
    """What tells one browser from another: its session cookie, or before it has a session
    its CSRF cookie (every POST that reaches a view carries one). A made-up value only
    moves a script onto its address's ceiling."""
    for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME):
        value = request.COOKIES.get(name, "")
        if 8 <= len(value) <= 128:
            return f"{name}:{value}"
    return None


def _counters(request: HttpRequest, scope: str) -> list[tuple[str, Limit]]:
    address = f"ratelimit:{scope}:address:{keyed_digest(client_ip(request))}"
    browser = browser_id(request)
    if browser is None:
        # Nothing to tell browsers apart: the address is held to one browser's limit.
        return [(address, LIMITS[scope])]
    return [
        (f"ratelimit:{scope}:browser:{keyed_digest(browser)}", LIMITS[scope]),
        (address, address_limit(scope)),
    ]


def _count(*, counters: list[tuple[str, Limit]], now: datetime) -> dict[str, tuple[int, datetime]]:
    """Add one to each counter; return each one's new count and the end of its period.

    Atomic. Raw SQL because the ORM has no upsert that adds to the stored value.
    """
    if connection.in_atomic_block:
        # Inside someone's transaction, a failure must not break it for what follows (on
        # PostgreSQL a failed statement aborts the transaction): use a savepoint. Views
        # run in autocommit (no ATOMIC_REQUESTS), so this costs them nothing.
        with transaction.atomic():
            return _upsert(counters=counters, now=now)
    return _upsert(counters=counters, now=now)


def _db_datetime(moment: datetime):
    return connection.ops.adapt_datetimefield_value(moment)


def _as_datetime(value) -> datetime:
    """A datetime the database returned: aware on PostgreSQL, text in UTC on SQLite."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _upsert(*, counters: list[tuple[str, Limit]], now: datetime) -> dict:
    """One statement for all the counters. A period opens at the first request counted: a
    request after it has ended starts a new one at one. PostgreSQL and SQLite (3.35 and
    later) both accept this statement as written, and in both every expression in the
    update reads the row as it was."""
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    ended = f'{table}."expires_at" <= %s'
    rows = ", ".join(["(%s, 1, %s)"] * len(counters))
    params: list = []
    for key, limit in counters:
        params += [key, _db_datetime(now + timedelta(seconds=limit.seconds))]
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO {table} ("key", "hits", "expires_at") VALUES {rows} '  # noqa: S608 - the table name is ours
            f'ON CONFLICT ("key") DO UPDATE SET '
            f'"hits" = CASE WHEN {ended} THEN 1 ELSE {table}."hits" + 1 END, '
            f'"expires_at" = CASE WHEN {ended} THEN excluded."expires_at" '
            f'ELSE {table}."expires_at" END '
            'RETURNING "key", "hits", "expires_at"',
            [*params, _db_datetime(now), _db_datetime(now)],
        )
        return {key: (hits, _as_datetime(ends)) for key, hits, ends in cursor.fetchall()}


def limit_wait(request: HttpRequest, scope: str) -> int | None:
    """Count this request. If it goes over a limit, return the seconds until the period of
    the limit it went over ends (when the longest one ends, if both); else None."""
    now = datetime.fromtimestamp(time.time(), tz=UTC)
    counters = _counters(request, scope)
    try:
        counts = _count(counters=counters, now=now)
    except DatabaseError:
        # The view that follows meets the same database and shows its own outage page.
        logger.warning("Rate limit counter unavailable; request allowed", exc_info=True)
        return None
    waits = [
        (counts[key][1] - now).total_seconds()
        for key, limit in counters
        if key in counts and counts[key][0] > limit.requests
    ]
    if not waits:
        return None
    return max(1, int(-(-max(waits) // 1)))


def is_limited(request: HttpRequest, scope: str) -> bool:
    """Count this request; True if it has gone over one of the scope's limits."""
    return limit_wait(request, scope) is not None


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


def too_many_requests(request: HttpRequest, scope: str, wait: int | None = None) -> HttpResponse:
    """The 429 page. `wait` is when the period that was exceeded ends; without it, a whole
    period of the scope's limit."""
    wait = LIMITS[scope].seconds if wait is None else wait
    response = render(
        request,
        "errors/429.html",
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
            if request.method == "POST":
                wait = limit_wait(request, scope)
                if wait is not None:
                    return too_many_requests(request, scope, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
