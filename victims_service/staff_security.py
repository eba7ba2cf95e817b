"""Staff security for /staff/: a code from an authenticator app, lockout and session limits.

- `StaffAdminSite` is `admin.site` (see `victims_service.apps.StaffAdminConfig`). When
  `STAFF_MFA_REQUIRED` is on (the default whenever DEBUG is off) only staff who signed in
  with a TOTP code from django-otp get in; anyone else sees the sign-in page.
- Sign-in failures are counted per username and IP address in the database, one atomic
  statement each (complaints/ratelimit.py), so attempts sent at the same moment to
  different worker processes are all counted: after `STAFF_LOGIN_MAX_FAILURES` within the
  lockout period, that username is locked out from that address for
  `STAFF_LOGIN_LOCKOUT_MINUTES`. Only a keyed hash of the pair is stored. The same message
  is shown whether or not the username exists, so the page cannot be used to find out who
  works here.
- `StaffSessionMiddleware` ends a staff session after `STAFF_SESSION_IDLE_MINUTES` without
  a request and `STAFF_SESSION_MAX_HOURS` after sign-in. It looks only at signed-in users
  on /staff/ URLs, so the public side (whose answers live in the session) is unaffected.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core import checks
from django.core.exceptions import ValidationError
from django.db.models.base import ModelBase
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.forms import OTPAuthenticationFormMixin

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


def _lockout_key(request, username: str) -> str:
    # The client's address as the rate limits see it: behind a load balancer REMOTE_ADDR is
    # the balancer's, which would make one lockout per username for everyone.
    ip = ratelimit.client_ip(request) if request is not None else ""
    return "staff-login:" + ratelimit.keyed_digest(f"{username.strip().lower()}|{ip}")


def login_is_locked(request, username: str) -> bool:
    return ratelimit.failures_reached(
        key=_lockout_key(request, username), lock_at=settings.STAFF_LOGIN_MAX_FAILURES
    )


def login_failure_record(request, username: str) -> None:
    ratelimit.failure_record(
        key=_lockout_key(request, username),
        seconds=settings.STAFF_LOGIN_LOCKOUT_MINUTES * 60,
        lock_at=settings.STAFF_LOGIN_MAX_FAILURES,
    )


def login_failures_clear(request, username: str) -> None:
    ratelimit.failures_clear(key=_lockout_key(request, username))


def locked_message() -> str:
    return _(
        "There have been too many attempts to sign in. For your security, signing in is "
        "paused for %(minutes)s minutes. Wait, then try again. If you have forgotten your "
        "password or lost your authenticator app, ask your manager."
    ) % {"minutes": settings.STAFF_LOGIN_LOCKOUT_MINUTES}


class LockoutMixin:
    """Refuses sign-in while locked out, and counts every failed attempt."""

    def clean(self):
        username = self.data.get("username", "") or ""
        if login_is_locked(self.request, username):
            raise ValidationError(locked_message(), code="locked")
        try:
            cleaned = super().clean()
        except ValidationError:
            login_failure_record(self.request, username)
            raise
        login_failures_clear(self.request, username)
        return cleaned


class StaffLoginForm(LockoutMixin, AdminAuthenticationForm):
    """Password only: development, or wherever STAFF_MFA_REQUIRED is off."""


class StaffOTPLoginForm(LockoutMixin, OTPAdminAuthenticationForm):
    """Password and a code from an authenticator app."""

    otp_error_messages = dict(
        OTPAuthenticationFormMixin.otp_error_messages,
        token_required=_("Enter the 6-digit code from your authenticator app."),
        invalid_token=_("The code is not right. Enter the code your authenticator app shows now."),
        device_required=_(
            "You have no authenticator app set up, or more than one: choose one. If you "
            "have none, ask your manager to set one up for you."
        ),
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
