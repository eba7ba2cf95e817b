"""Signing staff in for tests, past the authenticator-app check.

With DEBUG off (as in tests) STAFF_MFA_REQUIRED is on, so `client.force_login(user)` alone
leaves a staff member unverified and every /staff/ page sends them to sign in. Use
`login_verified(client, user)` (or the `staff_login` fixture) instead.
"""

from __future__ import annotations

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device_for(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)


def login_verified(client, user) -> None:
    """Sign `user` in as if they had entered a code from their authenticator app."""
    device = totp_device_for(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
