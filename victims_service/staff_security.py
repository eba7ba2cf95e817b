"""Staff security for /staff/: a code from an authenticator app, lockout and session limits.

- `StaffAdminSite` is `admin.site` (see `victims_service.apps.StaffAdminConfig`). When
  `STAFF_MFA_REQUIRED` is on (the default whenever DEBUG is off) only staff who signed in
  with a TOTP code from django-otp get in; anyone else sees the sign-in page.
- Sign-in failures are counted per username and IP address in the database, one atomic
  statement each (complaints/ratelimit.py), so attempts sent at the same moment to
  different worker processes are all counted: after `STAFF_LOGIN_MAX_FAILURES` within the
  lockout period, that username is locked out from that address for
  `STAFF_LOGIN_LOCKOUT_MINUTES`; a higher, shorter ceiling per username across every
  address slows a spread-out attack. Only keyed hashes are stored. Every refusal before
  the code is verified shows one message, so the page cannot be used to find out who
  works here or whether a password is right.
- `StaffSessionMiddleware` ends a staff session after `STAFF_SESSION_IDLE_MINUTES` without
  a request and `STAFF_SESSION_MAX_HOURS` after sign-in. It looks only at signed-in users
  on /staff/ URLs, so the public side (whose answers live in the session) is unaffected.
"""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.views import redirect_to_login
from django.core import checks
from django.core.exceptions import ValidationError
from django.db.models.base import ModelBase
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm

from complaints import ratelimit

SESSION_STARTED_KEY = "staff_session_started"
SESSION_LAST_SEEN_KEY = "staff_session_last_seen"


def mfa_required() -> bool:
    return settings.STAFF_MFA_REQUIRED


def is_verified(user) -> bool:
    """Whether the user signed in with a code from a registered device (django-otp)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


@checks.register(checks.Tags.security, deploy=True)
def check_staff_mfa(app_configs=None, **kwargs):
    """`check --deploy` warns when staff could sign in to a live site with a password only."""
    if not settings.DEBUG and not settings.STAFF_MFA_REQUIRED:
        return [
            checks.Warning(
                "STAFF_MFA_REQUIRED is off with DEBUG off: staff can sign in to /staff/ "
                "with a password alone.",
                hint="Remove STAFF_MFA_REQUIRED=false from the environment.",
                id="victims_service.W001",
            )
        ]
    return []


# Lockout -------------------------------------------------------------------------------


def lockout_username(raw) -> str:
    """The username as Django authenticates it, case-folded: one lockout for every spelling.

    AuthenticationForm's UsernameField strips the value and NFKC-normalises it (so a
    fullwidth "ｄ" signs in as "d"); the user model's `normalize_username` does the same.
    Case-folding on top means "Sam" and "sam" share their tries too.
    """
    text = raw if isinstance(raw, str) else ""
    return get_user_model().normalize_username(text.strip()).strip().casefold()


def _lockout_key(request, username: str) -> str:
    # The client's address as the rate limits see it: behind a load balancer REMOTE_ADDR is
    # the balancer's, which would make one lockout per username for everyone.
    ip = ratelimit.client_ip(request) if request is not None else ""
    return "staff-login:" + ratelimit.keyed_digest(f"{lockout_username(username)}|{ip}")


def user_ceiling_key(username: str) -> str:
    """The per-username count across every address (a spread-out attack)."""
    return "staff-login-user:" + ratelimit.keyed_digest(lockout_username(username))


def login_locked_minutes(request, username: str) -> int | None:
    """How long the lockout that refuses this attempt lasts, or None if it may go ahead."""
    if ratelimit.failures_reached(
        key=_lockout_key(request, username), lock_at=settings.STAFF_LOGIN_MAX_FAILURES
    ):
        return settings.STAFF_LOGIN_LOCKOUT_MINUTES
    if ratelimit.failures_reached(
        key=user_ceiling_key(username), lock_at=settings.STAFF_LOGIN_USER_MAX_FAILURES
    ):
        return settings.STAFF_LOGIN_USER_LOCKOUT_MINUTES
    return None


def login_is_locked(request, username: str) -> bool:
    return login_locked_minutes(request, username) is not None


def login_failure_record(request, username: str, *, refused_while_locked: bool = False) -> None:
    """Count a refused sign-in: against the username at this address, and (unless a
    lockout refused it unchecked) against the username's ceiling across addresses.

    Attempts refused by a lockout still count at their own address, so a script that keeps
    trying stays locked out; they do not count towards the ceiling, so nobody can keep a
    colleague's pause going from one address, and the pause is never extended by them.
    """
    ratelimit.failure_record(
        key=_lockout_key(request, username),
        seconds=settings.STAFF_LOGIN_LOCKOUT_MINUTES * 60,
        lock_at=settings.STAFF_LOGIN_MAX_FAILURES,
    )
    if not refused_while_locked:
        ratelimit.failure_record(
            key=user_ceiling_key(username),
            seconds=settings.STAFF_LOGIN_USER_LOCKOUT_MINUTES * 60,
            lock_at=settings.STAFF_LOGIN_USER_MAX_FAILURES,
        )


def login_failures_clear(request, username: str) -> None:
    """After a complete sign-in. The ceiling is left to run out by itself: signing in
    from one desk must not give an attacker elsewhere a fresh set of tries."""
    ratelimit.failures_clear(key=_lockout_key(request, username))


def locked_message(minutes: int | None = None) -> str:
    return _(
        "There have been too many attempts to sign in. For your security, signing in is "
        "paused for %(minutes)s minutes. Wait, then try again. If you have forgotten your "
        "password or lost your authenticator app, ask your manager."
    ) % {"minutes": minutes or settings.STAFF_LOGIN_LOCKOUT_MINUTES}


NOT_RIGHT_MESSAGE = _(
    "The details you entered are not right. Check your username, password and the code "
    "from your authenticator app, then try again."
)


class LockoutMixin:
    """Refuses sign-in while locked out, and counts every refused attempt.

    Counting happens around the whole validation (`full_clean`), not inside `clean`:
    Django's AuthenticationForm.clean skips authentication when a field is blank and
    returns without an error, which once cleared the counter. Here failures are cleared
    only when the form has no error at all, that is after the password and (with MFA) a
    verified code. Every refusal before that shows the same message, so the page never
    tells whether a username exists or a password was right.
    """

    def full_clean(self):
        if not self.is_bound:
            return super().full_clean()
        username = self.data.get("username", "")
        self._locked_minutes = login_locked_minutes(self.request, username)
        super().full_clean()
        if self._errors:
            login_failure_record(
                self.request, username, refused_while_locked=self._locked_minutes is not None
            )
        else:
            login_failures_clear(self.request, username)

    def clean(self):
        if self._locked_minutes is not None:
            raise ValidationError(locked_message(self._locked_minutes), code="locked")
        if self._errors:
            # A blank or unreadable field: refused without checking the password, so the
            # answer is the same for every account.
            return self.cleaned_data
        try:
            return super().clean()
        except ValidationError:
            # Wrong password, unknown or inactive user, not staff, wrong code, no app,
            # django-otp's throttle: all one message, and nothing of the user is kept.
            self.user_cache = None
            raise ValidationError(NOT_RIGHT_MESSAGE, code="invalid_login") from None


class StaffLoginForm(LockoutMixin, AdminAuthenticationForm):
    """Password only: development, or wherever STAFF_MFA_REQUIRED is off."""


class StaffOTPLoginForm(LockoutMixin, OTPAdminAuthenticationForm):
    """Password and a code from an authenticator app."""

    # Required here, before any password is checked: a missing code then reads the same
    # whether the password was right or not.
    otp_token = forms.CharField(
        required=True,
        max_length=20,
        error_messages={
            "required": _("Enter the 6-digit code from your authenticator app."),
            "max_length": _("Enter the 6-digit code from your authenticator app."),
        },
    )

    def _chosen_device(self, user):
        # django-otp asks staff to pick a device in a second step; with the usual single
        # authenticator app, use it so that staff sign in with one form.
        device = super()._chosen_device(user)
        if device is None:
            devices = list(devices_for_user(user, confirmed=True, for_verify=True))
            if len(devices) == 1:
                device = devices[0]
        return device


# The admin site -------------------------------------------------------------------------

# Apps whose admin pages only superusers may use, whatever model permissions a member of
# staff holds: anyone who can edit a user or a group can make themselves a superuser,
# anyone who can add an authenticator device can sign in as someone else with their
# password, and task results hold the queue's arguments. Applied at registration, so it
# also covers admins that third-party apps register.
SUPERUSER_ONLY_APPS = frozenset(
    {"auth", "otp_totp", "otp_static", "otp_hotp", "otp_email", "django_tasks_database"}
)


def is_superuser(request) -> bool:
    return request.user.is_active and request.user.is_superuser


class SuperuserEditsOnlyAdminMixin:
    """Anyone with the view permission may look; only superusers add, change or delete.

    For what scoping rests on: the directory and the routing rules decide which
    organisation's staff see a complaint, so whoever could edit them could send another
    organisation's complaints to their own, whatever model permissions they were given.
    """

    def has_add_permission(self, request, *args):
        return is_superuser(request)

    def has_change_permission(self, request, obj=None):
        return is_superuser(request)

    def has_delete_permission(self, request, obj=None):
        return is_superuser(request)


class SuperuserOnlyAdminMixin(SuperuserEditsOnlyAdminMixin):
    """Every page of this ModelAdmin is for superusers only."""

    def has_module_permission(self, request):
        return is_superuser(request)

    def has_view_permission(self, request, obj=None):
        return is_superuser(request)


class StaffAdminSite(admin.AdminSite):
    """`admin.site`: requires a verified device whenever STAFF_MFA_REQUIRED is on."""

    site_title = _("Complaints staff")
    site_header = _("Complaints staff")
    index_title = _("Complaints")

    @property
    def login_form(self):
        return StaffOTPLoginForm if mfa_required() else StaffLoginForm

    @property
    def login_template(self):
        return "admin/staff_login_otp.html" if mfa_required() else None

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return is_verified(request.user) or not mfa_required()

    def register(self, model_or_iterable, admin_class=None, **options):
        models = (
            [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else model_or_iterable
        )
        for model in models:
            model_admin = admin_class or admin.ModelAdmin
            if model._meta.app_label in SUPERUSER_ONLY_APPS and not issubclass(
                model_admin, SuperuserOnlyAdminMixin
            ):
                model_admin = type(
                    model_admin.__name__,
                    (SuperuserOnlyAdminMixin, model_admin),
                    {"__module__": model_admin.__module__},
                )
            super().register(model, model_admin, **options)


# Session limits -------------------------------------------------------------------------


class StaffSessionMiddleware:
    """Ends idle or long staff sessions, and keeps unverified staff out of every /staff/ URL.

    The admin site already refuses unverified users; checking here too covers any staff
    page added later outside the admin site's own views.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The path first: `request.user` reads the session, which public pages (the quick
        # exit above all) must not need when the database is down.
        if request.path.startswith(reverse("admin:index")) and request.user.is_authenticated:
            response = self._check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request):
        session = request.session
        now = time.time()
        started = session.get(SESSION_STARTED_KEY)
        last_seen = session.get(SESSION_LAST_SEEN_KEY)
        idle_limit = settings.STAFF_SESSION_IDLE_MINUTES * 60
        max_age = settings.STAFF_SESSION_MAX_HOURS * 3600
        if started is not None and now - started > max_age:
            return self._sign_out(
                request,
                _("You have been signed out because you signed in more than %(hours)s hours ago.")
                % {"hours": settings.STAFF_SESSION_MAX_HOURS},
            )
        if last_seen is not None and now - last_seen > idle_limit:
            return self._sign_out(
                request,
                _("You have been signed out because there was no activity for %(minutes)s minutes.")
                % {"minutes": settings.STAFF_SESSION_IDLE_MINUTES},
            )
        if started is None:
            session[SESSION_STARTED_KEY] = now
        session[SESSION_LAST_SEEN_KEY] = now

        exempt = {reverse("admin:login"), reverse("admin:logout")}
        if mfa_required() and not is_verified(request.user) and request.path not in exempt:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return None

    @staticmethod
    def _sign_out(request, message: str):
        logout(request)  # flushes the session: nothing of the old one is kept
        messages.info(request, message)
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
