"""How the person may be contacted, in one set of words for the person and for staff.

Check your answers shows these lines to the person before they send the complaint; staff
see the same lines at the top of every page where they act on it. Pure: it reads values,
never the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext


@dataclass(frozen=True)
class Line:
    label: str
    safe: bool
    # What may be used (the address, number or times), or what must not be done.
    text: str


def safe_contact_lines(
    *,
    safe_by_email: bool,
    email: str,
    safe_by_phone: bool,
    phone: str,
    may_leave_messages: bool,
    safe_by_post: bool,
    address: str,
    no_letters_home: bool = False,
) -> list[Line]:
    """One line per way of contacting the person. A way chosen without details is not one."""
    email_ok = bool(safe_by_email and email)
    phone_ok = bool(safe_by_phone and phone)
    messages_ok = bool(phone_ok and may_leave_messages)
    letters_ok = bool(safe_by_post and address and not no_letters_home)
    return [
        Line(gettext("Email"), email_ok, email if email_ok else gettext("Do not email.")),
        Line(gettext("Phone"), phone_ok, phone if phone_ok else gettext("Do not phone.")),
        Line(
            gettext("Messages"),
            messages_ok,
            gettext(
                "Messages can be left (voicemail, text message or with someone else who answers)."
            )
            if messages_ok
            else gettext(
                "Do not leave messages (voicemail, text message or with someone else who answers)."
            ),
        ),
        Line(
            gettext("Letters"),
            letters_ok,
            address if letters_ok else gettext("Do not send letters to the home address."),
        ),
    ]


def display_email(address: str) -> str:
    """An email address as the person typed it: a domain in another script is kept in its
    ASCII form (``xn--``) to store and send, and shown in its own letters."""
    local, at, domain = (address or "").rpartition("@")
    if not at or "xn--" not in domain.lower():
        return address
    try:
        shown = domain.encode("ascii").decode("idna")
        # Only a label that round-trips is real punycode ("xn--broken" is not).
        if shown.encode("idna").decode("ascii").lower() != domain.lower():
            return address
    except (UnicodeError, ValueError):
        return address
    return f"{local}@{shown}"
