"""Staff security: authenticator-app codes on every admin URL, lockout, session limits."""

from __future__ import annotations

import time
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.concurrency import run_at_once
from tests.staff_auth import login_verified, totp_device_for
from victims_service import staff_security
from victims_service.models import RateLimitCounter
from victims_service.staff_security import SESSION_LAST_SEEN_KEY, SESSION_STARTED_KEY

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN_URL = "/staff/login/"
LOCKED_TEXT = "too many attempts to sign in"


@pytest.fixture
def staff_user():
    return get_user_model().objects.create_user(
        username="sam", password=PASSWORD, is_staff=True, email="sam@example.org"
    )


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser(
        username="root", password=PASSWORD, email="root@example.org"
    )


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def admin_url_samples() -> list[str]:
    """One concrete URL for every named URL of the admin site, dummy ids filled in."""
    app_label = next(iter(admin.site._registry))._meta.app_label
    urls: list[str] = []

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names = list(pattern.pattern.regex.groupindex)
                kwargs = {n: app_label if n == "app_label" else "1" for n in names}
                urls.append(reverse(f"admin:{pattern.name}", kwargs=kwargs))

    walk(admin.site.get_urls())
    # Anything else under /staff/ (the catch-all, pages added later) is covered too.
    urls.append("/staff/not-a-page/")
    return [u for u in urls if u not in {LOGIN_URL, reverse("admin:logout")}]


def test_admin_site_is_the_staff_site():
    assert admin.site.name == "admin"  # also resolves the lazy default site
    assert isinstance(admin.site._wrapped, staff_security.StaffAdminSite)


def test_mfa_is_required_by_default_when_debug_is_off(settings):
    assert settings.DEBUG is False
    assert settings.STAFF_MFA_REQUIRED is True


def test_deploy_check_warns_when_mfa_is_off_in_production(settings):
    assert staff_security.check_staff_mfa() == []
    settings.STAFF_MFA_REQUIRED = False
    [warning] = staff_security.check_staff_mfa()
    assert warning.id == "victims_service.W001"
    settings.DEBUG = True
    assert staff_security.check_staff_mfa() == []


def test_every_admin_url_needs_a_verified_device(client, superuser):
    """A superuser with the right password but no code gets the sign-in page everywhere."""
    client.force_login(superuser)
    urls = admin_url_samples()
    assert len(urls) > 20  # the models of every app are there
    for url in urls:
        # POST too: the actions, notes and deletes change things, so they matter most.
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, (method.__name__, url)
            assert response["Location"].startswith(LOGIN_URL), (method.__name__, url)


def test_sign_in_page_asks_an_unverified_user_for_a_code(client, superuser):
    client.force_login(superuser)
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    assert b"Code from your authenticator app" in response.content


def test_verified_staff_get_in(client, superuser):
    login_verified(client, superuser)
    assert client.get("/staff/").status_code == 200


def test_without_mfa_required_a_password_is_enough(client, superuser, settings):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(superuser)
    assert client.get("/staff/").status_code == 200


def test_sign_in_with_password_and_code(client, staff_user):
    device = totp_device_for(staff_user)
    response = client.post(
        LOGIN_URL,
        {"username": "sam", "password": PASSWORD, "otp_token": current_code(device)},
    )
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200


def test_sign_in_without_the_code_is_refused(client, staff_user):
    totp_device_for(staff_user)
    response = client.post(LOGIN_URL, {"username": "sam", "password": PASSWORD})
    assert response.status_code == 200
    assert b"Enter the 6-digit code from your authenticator app" in response.content
    assert client.get("/staff/").status_code == 302


def test_a_wrong_code_is_refused(client, staff_user):
    device = totp_device_for(staff_user)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(LOGIN_URL, {"username": "sam", "password": PASSWORD, "otp_token": wrong})
    # The same message as a wrong password (issue 12): a wrong code must not confirm it.
    assert b"The details you entered are not right" in response.content
    assert client.get("/staff/").status_code == 302


# Lockout ---------------------------------------------------------------------------------


def fail(client, username: str, ip: str = "127.0.0.1"):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": "wrong password", "otp_token": "000000"},
        REMOTE_ADDR=ip,
    )


def test_five_failures_lock_the_username_at_that_address(client, staff_user, settings):
    device = totp_device_for(staff_user)
    for _ in range(settings.STAFF_LOGIN_MAX_FAILURES):
        assert LOCKED_TEXT not in fail(client, "sam").content.decode()
    response = client.post(
        LOGIN_URL, {"username": "sam", "password": PASSWORD, "otp_token": current_code(device)}
    )
    assert response.status_code == 200
    assert LOCKED_TEXT in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert client.get("/staff/").status_code == 302


def test_lockout_holds_without_mfa_too(client, staff_user, settings):
    settings.STAFF_MFA_REQUIRED = False
    for _ in range(settings.STAFF_LOGIN_MAX_FAILURES):
        fail(client, "sam")
    response = client.post(LOGIN_URL, {"username": "sam", "password": PASSWORD})
    assert LOCKED_TEXT in response.content.decode()
    assert client.get("/staff/").status_code == 302


def test_lockout_is_per_address(client, staff_user, settings):
    device = totp_device_for(staff_user)
    for _ in range(settings.STAFF_LOGIN_MAX_FAILURES):
        fail(client, "sam", ip="10.0.0.1")
    response = client.post(
        LOGIN_URL,
        {"username": "sam", "password": PASSWORD, "otp_token": current_code(device)},
        REMOTE_ADDR="10.0.0.2",
    )
    assert response.status_code == 302


def test_lockout_does_not_reveal_whether_a_username_exists(client, staff_user, settings):
    def messages_for(username: str) -> list[list[str]]:
        attempts = settings.STAFF_LOGIN_MAX_FAILURES + 1
        return [_errors(fail(client, username).content.decode()) for _ in range(attempts)]

    known, unknown = messages_for("sam"), messages_for("nobody-by-this-name")
    assert known == unknown
    assert LOCKED_TEXT in known[-1][0]


def _errors(html: str) -> list[str]:
    return [part.split("</p>")[0].strip() for part in html.split('class="errornote">')[1:]]


def _counter(username: str = "sam", ip: str = "127.0.0.1") -> RateLimitCounter:
    request = type("R", (), {"META": {"REMOTE_ADDR": ip}})()
    return RateLimitCounter.objects.get(key=staff_security._lockout_key(request, username))


def test_the_lock_ends_after_the_lockout_period(client, staff_user, settings):
    device = totp_device_for(staff_user)
    for _ in range(settings.STAFF_LOGIN_MAX_FAILURES):
        fail(client, "sam")
    # Move the end of the lockout into the past, as the clock would.
    RateLimitCounter.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(
        LOGIN_URL, {"username": "sam", "password": PASSWORD, "otp_token": current_code(device)}
    )
    assert response.status_code == 302


def test_the_lockout_lasts_the_whole_period_from_the_last_failure(client, staff_user, settings):
    for _ in range(settings.STAFF_LOGIN_MAX_FAILURES - 1):
        fail(client, "sam")
    # The period opened at the first failure, 14 minutes ago.
    RateLimitCounter.objects.update(expires_at=timezone.now() + timedelta(minutes=1))
    before = timezone.now()
    fail(client, "sam")
    locked_until = _counter().expires_at
    period = timedelta(minutes=settings.STAFF_LOGIN_LOCKOUT_MINUTES)
    assert before + period <= locked_until <= timezone.now() + period


def test_failures_after_the_period_ends_start_counting_again(client, staff_user, settings):
    for _ in range(settings.STAFF_LOGIN_MAX_FAILURES - 1):
        fail(client, "sam")
    RateLimitCounter.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = fail(client, "sam")
    assert LOCKED_TEXT not in response.content.decode()
    assert _counter().hits == 1


def test_neither_username_nor_address_is_stored(client, staff_user, settings):
    fail(client, "sam", ip="198.51.100.23")
    keys = list(RateLimitCounter.objects.values_list("key", flat=True))
    assert len(keys) == 2  # this address, and the username's ceiling across addresses
    for key in keys:
        assert "sam" not in key
        assert "198.51.100" not in key


@pytest.mark.django_db(transaction=True)
def test_failures_sent_at_the_same_moment_are_all_counted():
    """The cache's incr() read then wrote, so failures sent at once were counted as one."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no race")
    request = type("R", (), {"META": {"REMOTE_ADDR": "203.0.113.9"}})()
    threads_n, each = 8, 10

    def attempt():
        for _ in range(each):
            staff_security.login_failure_record(request, "sam")

    run_at_once(attempt, threads=threads_n)
    assert _counter(ip="203.0.113.9").hits == threads_n * each
    assert staff_security.login_is_locked(request, "sam")


def test_a_success_clears_earlier_failures(client, staff_user, settings):
    device = totp_device_for(staff_user)
    for _ in range(settings.STAFF_LOGIN_MAX_FAILURES - 1):
        fail(client, "sam")
    client.post(
        LOGIN_URL, {"username": "sam", "password": PASSWORD, "otp_token": current_code(device)}
    )
    client.logout()
    response = fail(client, "sam")
    assert LOCKED_TEXT not in response.content.decode()


# Session limits --------------------------------------------------------------------------


def move_session_clock(client, *, started_ago: float, last_seen_ago: float) -> None:
    session = client.session
    now = time.time()
    session[SESSION_STARTED_KEY] = now - started_ago
    session[SESSION_LAST_SEEN_KEY] = now - last_seen_ago
    session.save()


def test_an_active_staff_session_continues(client, staff_user):
    login_verified(client, staff_user)
    assert client.get("/staff/").status_code == 200
    move_session_clock(client, started_ago=3 * 3600, last_seen_ago=29 * 60)
    assert client.get("/staff/").status_code == 200


def test_staff_are_signed_out_after_30_minutes_idle(client, staff_user):
    login_verified(client, staff_user)
    client.get("/staff/")
    move_session_clock(client, started_ago=31 * 60, last_seen_ago=31 * 60)
    response = client.get("/staff/", follow=True)
    assert response.redirect_chain[0][0].startswith(LOGIN_URL)
    assert not response.context["user"].is_authenticated
    assert "no activity for 30 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_are_signed_out_12_hours_after_signing_in(client, staff_user):
    login_verified(client, staff_user)
    client.get("/staff/")
    move_session_clock(client, started_ago=12 * 3600 + 1, last_seen_ago=60)
    response = client.get("/staff/", follow=True)
    assert response.redirect_chain[0][0].startswith(LOGIN_URL)
    assert "signed in more than 12 hours ago" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_public_sessions_are_not_touched(client):
    client.get("/")
    assert SESSION_STARTED_KEY not in client.session
    assert SESSION_LAST_SEEN_KEY not in client.session


def test_public_pages_do_not_end_a_staff_session(client, staff_user):
    login_verified(client, staff_user)
    client.get("/staff/")
    move_session_clock(client, started_ago=13 * 3600, last_seen_ago=31 * 60)
    client.get("/")
    assert "_auth_user_id" in client.session


# Enrolment -------------------------------------------------------------------------------


def test_staff_totp_command_sets_up_an_authenticator_app(staff_user):
    out = StringIO()
    call_command("staff_totp", "sam", stdout=out)
    device = TOTPDevice.objects.get(user=staff_user)
    assert device.confirmed
    assert "otpauth://totp/" in out.getvalue()
    with pytest.raises(CommandError, match="already has"):
        call_command("staff_totp", "sam", stdout=StringIO())
    call_command("staff_totp", "sam", "--replace", "--no-qr", stdout=StringIO())
    assert TOTPDevice.objects.filter(user=staff_user).count() == 1
    assert TOTPDevice.objects.get(user=staff_user).pk != device.pk


def test_staff_totp_refuses_unknown_and_non_staff_users():
    get_user_model().objects.create_user(username="public", password=PASSWORD)
    with pytest.raises(CommandError):
        call_command("staff_totp", "nobody", stdout=StringIO())
    with pytest.raises(CommandError, match="not a member of staff"):
        call_command("staff_totp", "public", stdout=StringIO())
