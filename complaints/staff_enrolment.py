"""Self-service authenticator set-up for staff, from a one-time link a superuser sends.

1. A superuser picks "Send ... a link to set up their authenticator app" on the staff
   accounts list (complaints/admin/staff_users.py). The link goes by email through the outbox;
   it is made when the email is sent and only its hash is stored (complaints.services).
2. The member opens it and enters their password (the sign-in lockout applies). Nothing
   about them is signed in yet; the session, given a new key, remembers only which link
   and which new (unconfirmed) authenticator app this is, and the URL no longer holds
   the token.
3. They scan the QR code (inline SVG: the strict CSP allows no image from elsewhere and
   no data: URL) or type the key, and enter a 6-digit code. Only a right code confirms
   the app, spends the link, signs them in with it and takes them to /staff/.

A link that is forged, used, replaced or past its 24 hours shows one calm page, never an
error and never a sign-in.
"""

from __future__ import annotations

import base64
import re

import qrcode
from django import forms
from django.contrib import admin
from django.contrib.auth import authenticate, login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from qrcode.image.svg import SvgPathImage

from complaints import selectors, services
from victims_service import staff_security
from victims_service.ratelimit import ratelimit

SESSION_KEY = "staff_enrolment"
CODE_ERROR = _("Enter the 6-digit code your authenticator app shows now.")
CODE_WRONG = _(
    "The code is not right. Enter the 6-digit code your authenticator app shows now. If it "
    "keeps failing, check that the time on your phone is set automatically."
)
PASSWORD_WRONG = _("The password is not right. Enter the password you sign in with.")


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={
            "required": _("Enter your password."),
            "max_length": PASSWORD_WRONG,
        },
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "spellcheck": "false"}
        ),
        error_messages={"required": CODE_ERROR, "max_length": CODE_ERROR},
    )

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"[0-9]{6}", code, flags=re.ASCII):
            raise forms.ValidationError(CODE_ERROR)
        return code


def _context(request: HttpRequest, **extra) -> dict:
    return {**admin.site.each_context(request), **extra}


def _link_unusable(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return render(
        request,
        "staff_enrolment/link_invalid.html",
        _context(request, title=_("This link cannot be used")),
        status=410,
    )


def _locked(request: HttpRequest, username: str) -> str | None:
    minutes = staff_security.login_locked_minutes(request, username)
    return None if minutes is None else staff_security.locked_message(minutes)


def qr_svg(text: str) -> str:
    """The QR code as inline SVG markup, labelled for screen readers."""
    svg = qrcode.make(text, image_factory=SvgPathImage, border=2).to_string(encoding="unicode")
    svg = re.sub(r"^<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r'\s(width|height)="[^"]*"', "", svg, count=2)
    return svg.replace(
        "<svg ",
        '<svg class="app-qr__image" role="img" focusable="false" '
        'aria-label="QR code to scan with your authenticator app" ',
        1,
    )


@require_http_methods(["GET", "POST"])
@ratelimit("staff_enrolment")
def enrol_start(request: HttpRequest, token: str) -> HttpResponse:
    enrolment = selectors.staff_enrolment_usable(token=token)
    if enrolment is None:
        return _link_unusable(request)
    username = enrolment.user.get_username()
    form = PasswordForm(request.POST or None)
    if request.method == "POST":
        locked = _locked(request, username)
        if locked:
            form.is_valid()
            form.add_error(None, locked)
        elif form.is_valid() and _password_right(request, enrolment.user, form):
            device = services.staff_enrolment_device_start(enrolment_id=enrolment.pk)
            # A new key: a session id seen before this moment opens nothing of the set-up.
            request.session.cycle_key()
            request.session[SESSION_KEY] = {"enrolment": enrolment.pk, "device": device.pk}
            return redirect("staff_enrolment_scan")
        else:
            staff_security.login_failure_record(request, username)
            if form.is_valid():
                form.add_error("password", PASSWORD_WRONG)
    return render(
        request,
        "staff_enrolment/password.html",
        _context(request, form=form, username=username, title=_("Set up your authenticator app")),
    )


def _password_right(request: HttpRequest, user, form: PasswordForm) -> bool:
    signed_in = authenticate(
        request, username=user.get_username(), password=form.cleaned_data["password"]
    )
    return signed_in is not None and signed_in.pk == user.pk


@require_http_methods(["GET", "POST"])
@ratelimit("staff_enrolment")
def enrol_scan(request: HttpRequest) -> HttpResponse:
    state = request.session.get(SESSION_KEY)
    if not isinstance(state, dict) or not isinstance(state.get("enrolment"), int):
        return _link_unusable(request)
    enrolment = selectors.staff_enrolment_usable(enrolment_id=state["enrolment"])
    device = selectors.staff_enrolment_device(enrolment=enrolment, device_id=state.get("device"))
    if enrolment is None or device is None:
        return _link_unusable(request)
    username = enrolment.user.get_username()
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        locked = _locked(request, username)
        if locked:
            form.is_valid()
            form.add_error(None, locked)
        elif form.is_valid():
            confirmed = services.staff_enrolment_complete(
                enrolment_id=enrolment.pk, device_id=device.pk, code=form.cleaned_data["code"]
            )
            if confirmed is not None:
                del request.session[SESSION_KEY]
                staff_security.login_failures_clear(request, username)
                login(request, enrolment.user, backend="django.contrib.auth.backends.ModelBackend")
                otp_login(request, confirmed)
                return redirect("admin:index")
            staff_security.login_failure_record(request, username)
            form.add_error("code", CODE_WRONG)
        else:
            staff_security.login_failure_record(request, username)
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "staff_enrolment/scan.html",
        _context(
            request,
            form=form,
            username=username,
            qr=mark_safe(qr_svg(device.config_url)),  # noqa: S308 - made here, from our own URL
            key_groups=[key[i : i + 4] for i in range(0, len(key), 4)],
            title=_("Scan the QR code with your authenticator app"),
        ),
    )
