"""How contact details are shown: to the person on check your answers, and to staff.

Pure: it reads values, never the database.
"""

from __future__ import annotations


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
