"""Staff sign-in: no lockout bypass, no password oracle, no 500 on strange input (issue 12)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.foundation.test_staff_security import LOCKED_TEXT, LOGIN_URL, PASSWORD, current_code
from tests.staff_auth import totp_device_for

pytestmark = pytest.mark.django_db

NOT_RIGHT = "The details you entered are not right"
NOT_RIGHT_FULL = (
    "The details you entered are not right. Check your username, password and the code "
    "from your authenticator app, then try again."
)


@pytest.fixture
def staff_user():
    return get_user_model().objects.create_user(
        username="demo-cps", password=PASSWORD, is_staff=True, email="cps@example.org"
    )


def post(client, ip="127.0.0.1", **data):
    return client.post(LOGIN_URL, data, REMOTE_ADDR=ip)


def right(device: TOTPDevice) -> dict:
    return {"username": "demo-cps", "password": PASSWORD, "otp_token": current_code(device)}


def signed_in(client) -> bool:
    return client.get("/staff/").status_code == 200


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(current_code(device)) + 1) % 1_000_000:06d}"


# 1. Lockout ---------------------------------------------------------------------------


def test_a_blank_password_does_not_reset_the_lockout(client, staff_user, settings):
    """Four wrong guesses, one blank, repeated: the blank used to clear the counter."""
    device = totp_device_for(staff_user)
    for _ in range(3):
        for _ in range(settings.STAFF_LOGIN_MAX_FAILURES - 1):
            post(client, username="demo-cps", password="wrong", otp_token="000000")
        post(client, username="demo-cps", password="", otp_token="")
    response = post(client, **right(device))
    assert LOCKED_TEXT in response.content.decode()
    assert not signed_in(client)


def test_blank_fields_count_as_failures(client, staff_user, settings):
    device = totp_device_for(staff_user)
    for _ in range(settings.STAFF_LOGIN_MAX_FAILURES):
        post(client, username="demo-cps", password="", otp_token="")
    assert LOCKED_TEXT in post(client, **right(device)).content.decode()


def test_the_right_password_without_a_code_does_not_clear_failures(client, staff_user, settings):
    device = totp_device_for(staff_user)
    for _ in range(settings.STAFF_LOGIN_MAX_FAILURES - 1):
        post(client, username="demo-cps", password="wrong", otp_token="000000")
    post(client, username="demo-cps", password=PASSWORD, otp_token="")
    assert LOCKED_TEXT in post(client, **right(device)).content.decode()


@pytest.mark.parametrize(
    "variant",
    [
        "\uff44emo-cps",  # fullwidth d: NFKC makes it "demo-cps"
        "DEMO-CPS",
        " demo-cps ",
        "Demo-Cps",
    ],
)
def test_look_alike_usernames_share_the_lockout(client, staff_user, settings, variant):
    device = totp_device_for(staff_user)
    for _ in range(settings.STAFF_LOGIN_MAX_FAILURES):
        post(client, username="demo-cps", password="wrong", otp_token="000000")
    response = post(client, **{**right(device), "username": variant})
    assert LOCKED_TEXT in response.content.decode()
    assert not signed_in(client)


def test_variants_do_not_each_get_their_own_tries(client, staff_user, settings):
    device = totp_device_for(staff_user)
    variants = ["demo-cps", "\uff44emo-cps", "DEMO-CPS", "dEmo-cps", "demo-cpS"]
    for variant in variants[: settings.STAFF_LOGIN_MAX_FAILURES]:
        post(client, username=variant, password="wrong", otp_token="000000")
    assert LOCKED_TEXT in post(client, **right(device)).content.decode()


def test_a_spread_out_attack_meets_the_per_username_ceiling(client, staff_user, settings):
    device = totp_device_for(staff_user)
    for n in range(settings.STAFF_LOGIN_USER_MAX_FAILURES):
        post(client, ip=f"10.0.{n // 200}.{n % 200 + 1}", username="demo-cps", password="wrong")
    response = post(client, ip="192.0.2.50", **right(device))
    assert LOCKED_TEXT in response.content.decode()
    assert f"{settings.STAFF_LOGIN_USER_LOCKOUT_MINUTES} minutes" in response.content.decode()
    assert not signed_in(client)


def test_the_per_username_ceiling_is_short_and_not_extended_by_refusals(
    client, staff_user, settings
):
    from datetime import timedelta

    from django.utils import timezone

    from victims_service import staff_security
    from victims_service.models import RateLimitCounter

    assert settings.STAFF_LOGIN_USER_MAX_FAILURES > settings.STAFF_LOGIN_MAX_FAILURES
    assert settings.STAFF_LOGIN_USER_LOCKOUT_MINUTES < settings.STAFF_LOGIN_LOCKOUT_MINUTES
    for n in range(settings.STAFF_LOGIN_USER_MAX_FAILURES):
        post(client, ip=f"10.1.0.{n + 1}", username="demo-cps", password="wrong")
    key = staff_security.user_ceiling_key("demo-cps")
    locked_until = RateLimitCounter.objects.get(key=key).expires_at
    assert locked_until <= timezone.now() + timedelta(
        minutes=settings.STAFF_LOGIN_USER_LOCKOUT_MINUTES
    )
    # Refused attempts during the pause do not make it longer.
    for n in range(10):
        post(client, ip=f"10.2.0.{n + 1}", username="demo-cps", password="wrong")
    assert RateLimitCounter.objects.get(key=key).expires_at == locked_until


def test_a_complete_sign_in_still_clears_the_address_failures(client, staff_user, settings):
    device = totp_device_for(staff_user)
    for _ in range(settings.STAFF_LOGIN_MAX_FAILURES - 1):
        post(client, username="demo-cps", password="wrong", otp_token="000000")
    assert post(client, **right(device)).status_code == 302
    client.logout()
    response = post(client, username="demo-cps", password="wrong", otp_token="000000")
    assert LOCKED_TEXT not in response.content.decode()


# 2. One message ------------------------------------------------------------------------


def _error_text(response) -> str:
    html = response.content.decode()
    return (
        html.split('class="errornote">')[1].split("</p>")[0].strip() if "errornote" in html else ""
    )


def test_every_refusal_before_the_code_gives_the_same_message(client, staff_user):
    device = totp_device_for(staff_user)
    get_user_model().objects.create_user(username="not-staff", password=PASSWORD)
    get_user_model().objects.create_user(
        username="inactive", password=PASSWORD, is_staff=True, is_active=False
    )
    attempts = [
        {"username": "demo-cps", "password": "wrong", "otp_token": "123456"},
        {"username": "nobody-here", "password": "wrong", "otp_token": "123456"},
        {"username": "demo-cps", "password": PASSWORD, "otp_token": wrong_code(device)},
        {"username": "not-staff", "password": PASSWORD, "otp_token": "123456"},
        {"username": "inactive", "password": PASSWORD, "otp_token": "123456"},
    ]
    pages = [post(Client(), ip=f"10.9.0.{n}", **data) for n, data in enumerate(attempts, 1)]
    assert {_error_text(page) for page in pages} == {NOT_RIGHT_FULL}
    # No list of authenticator apps appears for a right password either.
    assert not any("id_otp_device" in page.content.decode() for page in pages)


def test_a_missing_code_gives_the_same_page_for_a_right_and_a_wrong_password(client, staff_user):
    totp_device_for(staff_user)
    right_password = post(Client(), username="demo-cps", password=PASSWORD, otp_token="")
    wrong_password = post(Client(), username="demo-cps", password="wrong", otp_token="")
    strip = lambda page: page.content.decode().split("csrfmiddlewaretoken")[0]  # noqa: E731
    assert strip(right_password) == strip(wrong_password)
    assert "Enter the 6-digit code" in right_password.content.decode()


def test_django_otp_throttle_still_applies(client, staff_user):
    """After a wrong code, even the right one is refused for a while (django-otp)."""
    device = totp_device_for(staff_user)
    post(client, username="demo-cps", password=PASSWORD, otp_token=wrong_code(device))
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    response = post(client, **right(device))
    assert _error_text(response) == NOT_RIGHT_FULL
    assert not signed_in(client)
    # Once the throttle's wait is over, the right code works.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    assert post(client, **right(device)).status_code == 302
    assert signed_in(client)


# Bad input ---------------------------------------------------------------------------------

odd_text = st.one_of(
    st.just(""),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20).map(
        lambda s: s + "\x00"
    ),
    st.sampled_from(["\x00", "\x1b[31m", "a" * 10_000, "\ufeffdemo-cps", "demo\u200bcps"]),
    st.sampled_from(["\uff44emo-cps", "de\u0301mo", "ＤＥＭＯ-ＣＰＳ"]),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(username=odd_text, password=odd_text, code=odd_text)
def test_strange_sign_in_input_never_errors_or_signs_in(staff_user, username, password, code):
    from victims_service.models import RateLimitCounter

    RateLimitCounter.objects.all().delete()
    totp_device_for(staff_user)
    client = Client()
    response = client.post(
        LOGIN_URL, {"username": username, "password": password, "otp_token": code}
    )
    assert response.status_code in {200, 400}
    assert "_auth_user_id" not in client.session
