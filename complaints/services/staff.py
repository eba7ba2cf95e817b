"""Staff sign-in set-up: authenticator enrolment links, sessions, revocation."""

from __future__ import annotations

import secrets
from datetime import timedelta
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import SESSION_KEY as SESSION_USER_KEY
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import time_format
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaints.emails import (
    ONE_TIME_LINK,
    ONE_TIME_LINK_EXPIRES,
    email_queue,
)
from complaints.models import (
    AccessLog,
    OutboundEmail,
    StaffEnrolment,
)
from complaints.services.base import _token_hash
from victims_service import dates

if TYPE_CHECKING:
    from django.contrib.auth.models import User

STAFF_ENROLMENT_LIFETIME = timedelta(hours=24)
TOTP_NAME = "Authenticator app"
TOTP_NAME_PENDING = "Authenticator app (being set up)"

# What the access log records about staff sign-in. Plain words: auditors read these.
ACCESS_ENROLMENT_SENT = "sent authenticator set-up link"
ACCESS_ENROLMENT_DONE = "set up authenticator app"
ACCESS_AUTHENTICATOR_REMOVED = "removed authenticator app"


class EnrolmentError(Exception):
    """Why a set-up link could not be sent: shown to the superuser who asked."""


def staff_access_record(*, user: User, staff_member: User, action: str) -> AccessLog:
    return AccessLog.objects.create(
        user=user, staff_member=staff_member, action=action, at=timezone.now()
    )


def _staff_enrolments_unused_delete(*, user: User) -> None:
    """Earlier links stop working, and an email of theirs not sent yet is not sent at all."""
    unused = StaffEnrolment.objects.filter(user=user, used_at__isnull=True)
    OutboundEmail.objects.filter(
        pk__in=unused.exclude(email=None).values("email"), state=OutboundEmail.State.QUEUED
    ).delete()
    unused.delete()


def staff_enrolment_send(*, user_id: int, actor: User) -> StaffEnrolment:
    """Email a member of staff a one-time link to set up their authenticator app.

    Superusers only. Any earlier link of theirs that was not used stops working. The link
    itself is made when the email is sent (`staff_enrolment_link_make`).
    """
    if not (actor.is_active and actor.is_superuser):
        raise PermissionDenied
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model.objects.select_for_update().filter(pk=user_id).first()
        if user is None or not user.is_active or not user.is_staff:
            raise EnrolmentError(_("Only active members of staff can set up an authenticator app."))
        if not user.email:
            raise EnrolmentError(_("%(username)s has no email address.") % {"username": user})
        _staff_enrolments_unused_delete(user=user)
        body = render_to_string(
            "emails/staff_enrolment.txt",
            {
                "url": ONE_TIME_LINK,
                "expires_at": ONE_TIME_LINK_EXPIRES,
                "username": user.get_username(),
                "site_url": settings.SITE_URL,
                "service_name": settings.SERVICE_NAME,
            },
        )
        email = email_queue(
            to=user.email,
            kind=OutboundEmail.Kind.STAFF_ENROLMENT,
            subject=_("Set up your authenticator app"),
            body=body,
        )
        enrolment = StaffEnrolment.objects.create(
            user=user, email=email, created_by=actor, created_at=timezone.now()
        )
        staff_access_record(user=actor, staff_member=user, action=ACCESS_ENROLMENT_SENT)
    return enrolment


def staff_enrolment_link_make(*, email: OutboundEmail) -> tuple[str, str]:
    """Make a set-up email's one-time link as it is sent (complaints.emails)."""
    enrolment = (
        StaffEnrolment.objects.select_for_update().filter(email=email, used_at__isnull=True).first()
    )
    if enrolment is None:
        raise ValueError("The set-up link was replaced or used: no link to make.")
    token = secrets.token_urlsafe(32)
    enrolment.token_hash = _token_hash(token)
    enrolment.expires_at = timezone.now() + STAFF_ENROLMENT_LIFETIME
    enrolment.save(update_fields=["token_hash", "expires_at"])
    url = settings.SITE_URL + reverse("staff_enrolment", kwargs={"token": token})
    when = timezone.localtime(enrolment.expires_at)
    return url, f"{time_format(when, 'g:ia')} on {dates.long_date(when)}"


def staff_enrolment_device_start(*, enrolment_id: int) -> TOTPDevice:
    """The new, unconfirmed authenticator app of a set-up in progress (one per member).

    It cannot be used to sign in until `staff_enrolment_complete` confirms it.
    """
    with transaction.atomic():
        enrolment = StaffEnrolment.objects.select_for_update().get(pk=enrolment_id)
        TOTPDevice.objects.filter(user_id=enrolment.user_id, confirmed=False).delete()
        return TOTPDevice.objects.create(
            user_id=enrolment.user_id, name=TOTP_NAME_PENDING, confirmed=False
        )


def staff_enrolment_complete(*, enrolment_id: int, device_id: int, code: str) -> TOTPDevice | None:
    """Confirm a new authenticator app with a code from it; spend the link. Returns the
    device, or None if the code is wrong or the link can no longer be used.

    The member's other authenticator apps are removed: a set-up link replaces a lost or
    old phone. django-otp's throttle applies to the codes tried here too.
    """
    now = timezone.now()
    with transaction.atomic():
        enrolment = (
            StaffEnrolment.objects.select_for_update()
            .filter(pk=enrolment_id, used_at__isnull=True, expires_at__gt=now)
            .first()
        )
        device = TOTPDevice.objects.filter(
            pk=device_id, user_id=getattr(enrolment, "user_id", None), confirmed=False
        ).first()
        if enrolment is None or device is None:
            return None
        allowed, _extra = device.verify_is_allowed()
        if not allowed or not device.verify_token(code):
            return None
        TOTPDevice.objects.filter(user_id=enrolment.user_id).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.name = TOTP_NAME
        device.save(update_fields=["confirmed", "name"])
        enrolment.used_at = now
        enrolment.save(update_fields=["used_at"])
        user = get_user_model().objects.get(pk=enrolment.user_id)
        staff_access_record(user=user, staff_member=user, action=ACCESS_ENROLMENT_DONE)
    return device


def staff_sessions_end(*, user_id: int) -> int:
    """Delete every session signed in as this user. Returns how many went.

    Sessions are read one by one (their contents are signed, not searchable): this is
    for the rare moment a phone is lost, not for a page.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    model = store.get_model_class()
    ended = []
    for key, data in model.objects.filter(expire_date__gt=timezone.now()).values_list(
        "session_key", "session_data"
    ):
        if store().decode(data).get(SESSION_USER_KEY) == str(user_id):
            ended.append(key)
    model.objects.filter(session_key__in=ended).delete()
    return len(ended)


def staff_authenticator_revoke(*, user_id: int, actor: User) -> None:
    """A lost phone: remove the member's authenticator apps and unused set-up links, and
    end every session they are signed in with. Superusers only."""
    if not (actor.is_active and actor.is_superuser):
        raise PermissionDenied
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user_id)
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        _staff_enrolments_unused_delete(user=user)
        staff_sessions_end(user_id=user.pk)
        staff_access_record(user=actor, staff_member=user, action=ACCESS_AUTHENTICATOR_REMOVED)
