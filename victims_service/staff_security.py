"""Staff security for /staff/: a code from an authenticator app, lockout and session limits.

- `StaffAdminSite` is `admin.site` (see `victims_service.apps.StaffAdminConfig`). When
  `STAFF_MFA_REQUIRED` is on (the default whenever DEBUG is off) only staff who signed in
  with a TOTP code from django-otp get in; anyone else sees the sign-in page.
- Sign-in failures are counted per username and IP address in the database, one atomic
  statement each (victims_service/ratelimit.py), so attempts sent at the same moment to
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

import functools
import time

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import url_params_from_lookup_dict
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.views import redirect_to_login
from django.core import checks
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models.base import ModelBase
from django.http import Http404
from django.urls import URLPattern, reverse
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm

from victims_service import ratelimit

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


class OfferedLookupsOnlyChangeList(ChangeList):
    """A changelist that filters only by what its page offers.

    Django lets a query string filter an admin list by any field of the model
    (`?body__regex=...`), even one the list never shows: 1,282 such requests once read a
    one-time token out of an email, a character at a time. Here every parameter must be
    one the list's own filters (or its date drill-down) consumed, or one of Django's own
    (search, ordering, page, popup); anything else is refused with a 400. This is the
    equivalent of a `lookup_allowed` that knows exactly which parameters each filter reads.
    """

    def get_filters(self, request):
        asked = self.get_filters_params()
        result = super().get_filters(request)
        remaining = result[2]
        allowed = set(self._raw_id_popup_lookups())
        hierarchy = self.date_hierarchy
        if hierarchy and f"{hierarchy}__year" in asked:
            # The drill-down's own bounds, made from the year/month/day it consumed.
            allowed |= {f"{hierarchy}__gte", f"{hierarchy}__lt"}
        for key in remaining:
            if key not in allowed:
                raise DisallowedModelAdminLookup(f"Filtering by {key} not allowed")
        return result

    def _raw_id_popup_lookups(self):
        # The limits a ForeignKey's `limit_choices_to` puts on its raw-id pop-up list, as
        # Django's own lookup_allowed permits them.
        for fk_lookup in self.model._meta.related_fkey_lookups:
            if callable(fk_lookup):
                fk_lookup = fk_lookup()
            if isinstance(fk_lookup, dict):
                yield from url_params_from_lookup_dict(fk_lookup)


BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1


def _pk_value_possible(model, value) -> bool:
    """Whether `value` could be the primary key of a row of `model` at all."""
    field = model._meta.pk
    try:
        python_value = field.to_python(value)
    except ValidationError:
        return False
    if isinstance(python_value, int):
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        return (low is None or python_value >= low) and (high is None or python_value <= high)
    return True


def row_id_or_404(model, value):
    """The primary key in `value`, or 404 if no row could have it (a 25-digit number,
    a word): the database is never asked, so it never fails with an overflow."""
    if value is None or not _pk_value_possible(model, value):
        raise Http404
    return model._meta.pk.to_python(value)


class StaffModelAdminMixin:
    """Given to every ModelAdmin on the staff site, the project's and third parties' alike
    (`StaffAdminSite.register`): lists filter only by what they show, and an id that cannot
    be a row is a 404, never a 500 or a redirect."""

    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)
        if issubclass(changelist, OfferedLookupsOnlyChangeList):
            return changelist
        return type(
            "OfferedLookupsOnly" + changelist.__name__,
            (OfferedLookupsOnlyChangeList, changelist),
            {},
        )

    def get_urls(self):
        # Every URL of this admin, Django's and any a third party adds (django-otp's device
        # set-up page looks its id up unguarded), checks its ids before the view runs.
        return [self._guard_ids(pattern) for pattern in super().get_urls()]

    def _guard_ids(self, pattern):
        if not isinstance(pattern, URLPattern) or not pattern.pattern.regex.groupindex:
            return pattern
        view, model = pattern.callback, self.model

        @functools.wraps(view)
        def guarded(request, *args, **kwargs):
            for name, value in kwargs.items():
                if name in {"object_id", "pk"}:
                    possible = _pk_value_possible(model, unquote(str(value)))
                elif name.endswith("_id") and isinstance(value, int):
                    possible = BIGINT_MIN <= value <= BIGINT_MAX
                else:
                    possible = True
                if not possible:
                    raise Http404
            return view(request, *args, **kwargs)

        return URLPattern(pattern.pattern, guarded, pattern.default_args, pattern.name)

    def get_object(self, request, object_id, from_field=None):
        model = self.model
        field = model._meta.get_field(from_field) if from_field else model._meta.pk
        if field.primary_key and not _pk_value_possible(model, object_id):
            raise Http404
        return super().get_object(request, object_id, from_field)


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
            if not issubclass(model_admin, StaffModelAdminMixin):
                model_admin = type(
                    model_admin.__name__,
                    (StaffModelAdminMixin, model_admin),
                    {"__module__": model_admin.__module__},
                )
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
        # The authenticator set-up pages check the link and password themselves.
        setting_up = request.path.startswith(reverse("staff_enrolment_scan").rsplit("scan/", 1)[0])
        if (
            mfa_required()
            and not is_verified(request.user)
            and request.path not in exempt
            and not setting_up
        ):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return None

    @staticmethod
    def _sign_out(request, message: str):
        logout(request)  # flushes the session: nothing of the old one is kept
        messages.info(request, message)
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
