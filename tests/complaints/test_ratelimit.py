"""The rate-limit counter: one statement per POST, exact under concurrency, no IP stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from complaints import ratelimit
from complaints.models import RateLimitCounter
from tests.concurrency import run_at_once


def _request(ip: str = "203.0.113.7"):
    return RequestFactory().post("/", REMOTE_ADDR=ip)


@pytest.fixture(autouse=True)
def _mid_window(monkeypatch):
    """A fixed moment in the middle of every limit's window: no test crosses into the next."""
    monkeypatch.setattr(ratelimit.time, "time", lambda: 1_000_000 * 3600 + 100)


def test_counts_each_post_and_limits_after_the_allowance(db):
    allowed = ratelimit.LIMITS["submit"].requests
    results = [ratelimit.is_limited(_request(), "submit") for _ in range(allowed + 2)]
    assert results == [False] * allowed + [True, True]
    assert RateLimitCounter.objects.get().hits == allowed + 2


@pytest.mark.django_db(transaction=True)
def test_each_post_is_counted_with_one_query():
    """In autocommit, as views run: no BEGIN, COMMIT or savepoint around the upsert."""
    ratelimit.is_limited(_request(), "journey")
    with CaptureQueriesContext(connection) as queries:
        ratelimit.is_limited(_request(), "journey")
    assert len(queries) == 1


def test_scopes_and_addresses_are_counted_apart_and_no_address_is_stored(db):
    ratelimit.is_limited(_request("203.0.113.7"), "journey")
    ratelimit.is_limited(_request("203.0.113.8"), "journey")
    ratelimit.is_limited(_request("203.0.113.7"), "submit")
    keys = list(RateLimitCounter.objects.values_list("key", flat=True))
    assert len(keys) == 3
    assert not any("203.0.113" in key for key in keys)


def test_a_new_window_starts_counting_again(db, monkeypatch):
    limit = ratelimit.LIMITS["progress_check"]
    start = 1_000_000 * limit.seconds
    monkeypatch.setattr(ratelimit.time, "time", lambda: start + 1)
    for _ in range(limit.requests):
        ratelimit.is_limited(_request(), "progress_check")
    assert ratelimit.is_limited(_request(), "progress_check") is True
    monkeypatch.setattr(ratelimit.time, "time", lambda: start + limit.seconds + 1)
    assert ratelimit.is_limited(_request(), "progress_check") is False
    counter = RateLimitCounter.objects.order_by("expires_at").first()
    assert counter.expires_at == datetime.fromtimestamp(start + limit.seconds, tz=UTC)


def test_a_broken_counter_lets_the_request_through(db, monkeypatch, caplog):
    def broken(**kwargs):
        raise DatabaseError("database away")

    monkeypatch.setattr(ratelimit, "_count", broken)
    assert ratelimit.is_limited(_request(), "submit") is False
    assert "Rate limit counter unavailable" in caplog.text
    assert "203.0.113" not in caplog.text


def test_clear_rate_limits_deletes_only_ended_windows(db):
    now = datetime.now(tz=UTC)
    RateLimitCounter.objects.create(key="ended", hits=3, expires_at=now - timedelta(seconds=1))
    RateLimitCounter.objects.create(key="running", hits=3, expires_at=now + timedelta(minutes=5))
    out = StringIO()
    call_command("clear_rate_limits", stdout=out)
    assert "Deleted 1 expired rate-limit counter(s)." in out.getvalue()
    assert list(RateLimitCounter.objects.values_list("key", flat=True)) == ["running"]


def test_a_failed_count_inside_a_transaction_leaves_the_transaction_usable(db, monkeypatch):
    """On PostgreSQL a failed statement would abort the whole transaction without a savepoint."""
    from django.db import transaction

    from directory.models import Organisation

    def failing_upsert(**kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(ratelimit, "_upsert", failing_upsert)
    with transaction.atomic():
        assert ratelimit.is_limited(_request(), "journey") is False
        assert Organisation.objects.count() >= 0  # still usable


@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_are_each_counted():
    """The database cache's incr() read then wrote, so posts at the same moment were lost."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no race")
    threads_n, each = 8, 25

    def post():
        for _ in range(each):
            ratelimit.is_limited(_request(), "journey")

    run_at_once(post, threads=threads_n)
    assert RateLimitCounter.objects.get().hits == threads_n * each
