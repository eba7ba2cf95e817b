"""A superuser sends a set-up link; the member sets up their authenticator app in Chromium.

Checks axe (WCAG 2.2 AA) and the Content Security Policy on every new page: the password
step, the QR code page with an error, the "link cannot be used" page, and the admin action.
"""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from complaints.models import AccessLog
from tests.browser.test_admin_triage import _check, _sign_in, csp_errors  # noqa: F401

PASSWORD = "correct horse battery staple"


def _code(device: TOTPDevice, *, offset: int = 0) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{(value + offset) % 1_000_000:06d}"


def test_a_member_of_staff_sets_up_their_authenticator_app(page, browser, site, csp_errors):  # noqa: F811
    user_model = get_user_model()
    root = user_model.objects.create_superuser(
        username="root", password=PASSWORD, email="root@example.org"
    )
    member = user_model.objects.create_user(
        username="sam", password=PASSWORD, is_staff=True, email="sam@example.org"
    )
    mail.outbox.clear()

    # The superuser sends the link from the staff accounts list.
    _sign_in(page, site, root)
    page.goto(f"{site}/staff/auth/user/")
    page.locator(f'input[name="_selected_action"][value="{member.pk}"]').check()
    page.get_by_label("Action:").select_option("send_authenticator_link")
    page.get_by_role("button", name="Go").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("A set-up link was emailed to sam.")).to_be_visible()
    _check(page, csp_errors)
    [email] = [m for m in mail.outbox if m.to == ["sam@example.org"]]
    link = re.search(r"https?://\S+/staff/set-up-authenticator/[A-Za-z0-9_\-]+/", email.body)[0]
    path = "/staff/" + link.split("/staff/", 1)[1]

    # The member, in their own browser.
    context = browser.new_context()
    theirs = context.new_page()
    theirs_errors: list[str] = []
    theirs.on(
        "console",
        lambda m: theirs_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    theirs.goto(site + path)
    expect(theirs.get_by_role("heading", name="Set up your authenticator app")).to_be_visible()
    _check(theirs, theirs_errors)
    theirs.get_by_label("Password").fill("not my password")
    theirs.get_by_role("button", name="Continue").click()
    expect(theirs.get_by_role("link", name="The password is not right")).to_be_visible()
    _check(theirs, theirs_errors)
    theirs.get_by_label("Password").fill(PASSWORD)
    theirs.get_by_role("button", name="Continue").click()
    theirs.wait_for_load_state("load")
    assert "/set-up-authenticator/scan/" in theirs.url
    assert link.rsplit("/", 2)[1] not in theirs.url  # the token has left the address bar
    qr = theirs.get_by_role("img", name="QR code to scan with your authenticator app")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] >= 150
    _check(theirs, theirs_errors)

    device = TOTPDevice.objects.get(user=member, confirmed=False)
    theirs.get_by_label("Code from your authenticator app").fill(_code(device, offset=1))
    theirs.get_by_role("button", name="Confirm and sign in").click()
    expect(theirs.get_by_role("link", name=re.compile("The code is not right"))).to_be_visible()
    _check(theirs, theirs_errors)
    # The error summary's link moves focus to the field.
    theirs.get_by_role("link", name=re.compile("The code is not right")).click()
    assert theirs.evaluate("document.activeElement.id") == "id_code"

    # django-otp's throttle makes the next try wait a moment after a wrong code.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    theirs.get_by_label("Code from your authenticator app").fill(_code(device))
    theirs.get_by_role("button", name="Confirm and sign in").click()
    theirs.wait_for_load_state("load")
    assert theirs.url.split("#")[0] == f"{site}/staff/"
    expect(theirs.get_by_role("heading", name="Complaints", exact=True)).to_be_visible()
    assert TOTPDevice.objects.get(pk=device.pk).confirmed

    # The link works once.
    used_context = browser.new_context()
    used = used_context.new_page()
    response = used.goto(site + path)
    assert response.status == 410
    expect(used.get_by_role("heading", name="This link cannot be used")).to_be_visible()
    _check(used, [])
    used_context.close()

    # Lost phone: the superuser removes the app, which signs the member out.
    page.goto(f"{site}/staff/auth/user/")
    page.locator(f'input[name="_selected_action"][value="{member.pk}"]').check()
    page.get_by_label("Action:").select_option("remove_authenticator")
    page.get_by_role("button", name="Go").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("Authenticator apps removed and signed out everywhere")).to_be_visible()
    theirs.goto(f"{site}/staff/")
    assert "/staff/login/" in theirs.url
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert AccessLog.objects.filter(staff_member=member).count() == 3
    context.close()
