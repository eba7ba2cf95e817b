"""Self-service authenticator set-up from a one-time link; removal when a phone is lost."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaints import emails, services
from complaints.models import AccessLog, OutboundEmail, StaffEnrolment
from tests.foundation.test_staff_security import LOCKED_TEXT, PASSWORD, current_code
from tests.staff_auth import login_verified, totp_device_for
from victims_service.models import RateLimitCounter

pytestmark = pytest.mark.django_db

LINK_RE = re.compile(r"https?://[^/\s]+(/staff/set-up-authenticator/[A-Za-z0-9_\-]+/)")
SCAN = "/staff/set-up-authenticator/scan/"


@pytest.fixture
def root():
    return get_user_model().objects.create_superuser(
        username="root", password=PASSWORD, email="root@example.org"
    )


@pytest.fixture
def member():
    return get_user_model().objects.create_user(
        username="sam", password=PASSWORD, is_staff=True, email="sam@example.org"
    )


def send_link(member, root) -> str:
    """Send the link as the admin action does, deliver the email, return the link's path."""
    services.staff_enrolment_send(user_id=member.pk, actor=root)
    email = OutboundEmail.objects.filter(kind=OutboundEmail.Kind.STAFF_ENROLMENT).latest("pk")
    emails.email_send(email_id=email.pk)
    return LINK_RE.search(mail.outbox[-1].body).group(1)


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def pending_device(member) -> TOTPDevice:
    return TOTPDevice.objects.get(user=member, confirmed=False)


def signed_in_verified(client) -> bool:
    return client.get("/staff/").status_code == 200


def test_the_whole_set_up(client, member, root):
    path = send_link(member, root)
    page = client.get(path)
    assert page.status_code == 200
    assert "sam" in page.content.decode()
    response = client.post(path, {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == SCAN
    assert "_auth_user_id" not in client.session  # not signed in before the code
    scan = client.get(SCAN)
    html = scan.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "data:" not in html
    assert not signed_in_verified(client)
    device = pending_device(member)
    done = client.post(SCAN, {"code": code_for(device)})
    assert done.status_code == 302 and done["Location"] == "/staff/"
    assert signed_in_verified(client)
    device.refresh_from_db()
    assert device.confirmed
    # The new app signs in on its own afterwards (with the next code: django-otp refuses
    # the same code twice, so the clock is moved on a step).
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=device.last_t - 1)
    other = Client()
    response = other.post(
        "/staff/login/",
        {"username": "sam", "password": PASSWORD, "otp_token": current_code(device)},
    )
    assert response.status_code == 302
    actions = list(AccessLog.objects.filter(staff_member=member).values_list("action", flat=True))
    assert services.ACCESS_ENROLMENT_SENT in actions
    assert services.ACCESS_ENROLMENT_DONE in actions


def test_the_link_works_once(client, member, root):
    path = send_link(member, root)
    client.post(path, {"password": PASSWORD})
    client.post(SCAN, {"code": code_for(pending_device(member))})
    again = Client()
    page = again.get(path)
    assert page.status_code == 410
    assert "This link cannot be used" in page.content.decode()
    assert again.post(path, {"password": PASSWORD}).status_code == 410


def test_an_expired_link_does_not_work(client, member, root):
    path = send_link(member, root)
    StaffEnrolment.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(path).status_code == 410
    assert client.post(path, {"password": PASSWORD}).status_code == 410


def test_the_link_expires_24_hours_after_it_is_sent(member, root):
    before = timezone.now()
    send_link(member, root)
    enrolment = StaffEnrolment.objects.get()
    assert before + timedelta(hours=24) <= enrolment.expires_at
    assert enrolment.expires_at <= timezone.now() + timedelta(hours=24)


def test_it_expires_between_password_and_code_too(client, member, root):
    path = send_link(member, root)
    client.post(path, {"password": PASSWORD})
    device = pending_device(member)
    StaffEnrolment.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(SCAN, {"code": code_for(device)})
    assert response.status_code == 410
    assert not signed_in_verified(client)


def test_a_newer_link_replaces_an_older_one(client, member, root):
    first = send_link(member, root)
    second = send_link(member, root)
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_a_newer_link_cancels_an_older_email_not_sent_yet(member, root):
    services.staff_enrolment_send(user_id=member.pk, actor=root)
    services.staff_enrolment_send(user_id=member.pk, actor=root)
    [email] = OutboundEmail.objects.filter(kind=OutboundEmail.Kind.STAFF_ENROLMENT)
    emails.email_send(email_id=email.pk)
    assert len(mail.outbox) == 1
    assert StaffEnrolment.objects.get().token_hash


def test_only_a_hash_is_stored_and_the_outbox_holds_no_link(member, root):
    path = send_link(member, root)
    token = path.rstrip("/").rsplit("/", 1)[1]
    for row in [*OutboundEmail.objects.values(), *StaffEnrolment.objects.values()]:
        assert token not in str(row)


def test_a_failed_email_holds_no_usable_link(member, root, settings):
    settings.EMAIL_BACKEND = "tests.complaints.test_progress_token.RefusingBackend"
    services.staff_enrolment_send(user_id=member.pk, actor=root)
    email = OutboundEmail.objects.get(kind=OutboundEmail.Kind.STAFF_ENROLMENT)
    emails.email_send(email_id=email.pk)
    assert not StaffEnrolment.objects.filter(token_hash__isnull=False).exists()
    assert "/set-up-authenticator/" not in OutboundEmail.objects.get(pk=email.pk).body


def test_a_wrong_password_is_refused_and_counts_towards_the_lockout(client, member, root, settings):
    path = send_link(member, root)
    for _ in range(settings.STAFF_LOGIN_MAX_FAILURES):
        response = client.post(path, {"password": "wrong"})
        assert response.status_code == 200
        assert "The password is not right" in response.content.decode() or LOCKED_TEXT in (
            response.content.decode()
        )
    response = client.post(path, {"password": PASSWORD})
    assert LOCKED_TEXT in response.content.decode()
    assert not TOTPDevice.objects.filter(user=member).exists()


def test_a_wrong_code_is_refused(client, member, root):
    path = send_link(member, root)
    client.post(path, {"password": PASSWORD})
    device = pending_device(member)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(SCAN, {"code": wrong})
    assert response.status_code == 200
    assert "The code is not right" in response.content.decode()
    assert not signed_in_verified(client)
    device.refresh_from_db()
    assert not device.confirmed


def test_the_scan_page_needs_the_password_step(client, member, root):
    send_link(member, root)
    assert client.get(SCAN).status_code == 410
    assert client.post(SCAN, {"code": "123456"}).status_code == 410


def test_a_set_up_replaces_the_old_app(client, member, root):
    old = totp_device_for(member)
    path = send_link(member, root)
    client.post(path, {"password": PASSWORD})
    client.post(SCAN, {"code": code_for(pending_device(member))})
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert TOTPDevice.objects.filter(user=member).count() == 1


def test_only_superusers_send_links_or_remove_apps(member):
    handler = get_user_model().objects.create_user(username="h", password=PASSWORD, is_staff=True)
    with pytest.raises(PermissionDenied):
        services.staff_enrolment_send(user_id=member.pk, actor=handler)
    with pytest.raises(PermissionDenied):
        services.staff_authenticator_revoke(user_id=member.pk, actor=handler)


def test_admin_actions_send_a_link_and_remove_an_app_ending_sessions(client, member, root):
    device = totp_device_for(member)
    theirs = Client()
    login_verified(theirs, member)
    assert signed_in_verified(theirs)
    login_verified(client, root)
    users = reverse("admin:auth_user_changelist")
    response = client.post(
        users, {"action": "send_authenticator_link", "_selected_action": [member.pk]}
    )
    assert response.status_code == 302
    assert StaffEnrolment.objects.filter(user=member).exists()
    response = client.post(
        users, {"action": "remove_authenticator", "_selected_action": [member.pk]}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not StaffEnrolment.objects.filter(user=member, used_at__isnull=True).exists()
    assert "_auth_user_id" not in theirs.session
    assert theirs.get("/staff/").status_code == 302
    assert signed_in_verified(client)  # the superuser's own session is untouched
    log = AccessLog.objects.filter(staff_member=member, user=root)
    assert set(log.values_list("action", flat=True)) == {
        services.ACCESS_ENROLMENT_SENT,
        services.ACCESS_AUTHENTICATOR_REMOVED,
    }
    # Superusers see these entries in the access log.
    page = client.get(reverse("admin:complaints_accesslog_changelist")).content.decode()
    assert services.ACCESS_AUTHENTICATOR_REMOVED in page


def test_a_link_for_someone_no_longer_staff_does_not_work(client, member, root):
    path = send_link(member, root)
    member.is_staff = False
    member.save()
    assert client.get(path).status_code == 410


# Bad input ---------------------------------------------------------------------------------

odd = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "\x00", "a" * 5000, "１２３４５６", "12345６", "\u200b123456", "%00"]),
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=odd)
def test_forged_links_show_the_styled_page(member, token):
    RateLimitCounter.objects.all().delete()
    client = Client()
    url = f"/staff/set-up-authenticator/{token}/"
    for response in (client.get(url), client.post(url, {"password": PASSWORD})):
        # A token the URL cannot hold ("", "a/b") meets the admin's own "sign in" redirect.
        assert response.status_code in {302, 404, 410}
        if response.status_code == 302:
            assert response["Location"].startswith("/staff/login/")
        if response.status_code == 410:
            assert "This link cannot be used" in response.content.decode()
    assert "_auth_user_id" not in client.session


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(password=odd, code=odd)
def test_strange_password_and_code_never_error_or_sign_in(member, root, password, code):
    RateLimitCounter.objects.all().delete()
    mail.outbox.clear()
    path = send_link(member, root)
    client = Client()
    response = client.post(path, {"password": password})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    client.post(path, {"password": PASSWORD})
    response = client.post(SCAN, {"code": code})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
