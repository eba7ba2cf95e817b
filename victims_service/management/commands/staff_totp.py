"""Set up the authenticator app a member of staff signs in with (TOTP, django-otp).

    manage.py staff_totp <username> [--replace]

Prints the otpauth:// link and a QR code to scan with an authenticator app. Run it with
the person present (or send the QR by a secure route): anyone who sees it can make codes.
"""

import io

import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Create an authenticator-app (TOTP) device for a staff user and print its QR code."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remove the user's existing authenticator apps first (a lost phone).",
        )
        parser.add_argument("--no-qr", action="store_true", help="Print the link only.")

    def handle(self, *args, username: str, replace: bool, no_qr: bool, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        if not user.is_staff:
            raise CommandError(f"{username!r} is not a member of staff.")
        with transaction.atomic():
            existing = TOTPDevice.objects.filter(user=user)
            if existing.exists() and not replace:
                raise CommandError(
                    f"{username!r} already has an authenticator app. Use --replace to "
                    "remove it and set up a new one."
                )
            existing.delete()
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        url = device.config_url
        self.stdout.write(f"Authenticator app set up for {username}. Scan this, or add the link:")
        self.stdout.write(url)
        if not no_qr:
            qr = qrcode.QRCode(border=1)
            qr.add_data(url)
            out = io.StringIO()
            qr.print_ascii(out=out, invert=True)
            self.stdout.write(out.getvalue())
