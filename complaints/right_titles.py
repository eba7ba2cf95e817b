"""The 12 Victims' Code rights in the language of the page.

The rights are stored in English (complaints migration 0002); these are the same titles
as translatable messages, so the complaint form and check your answers show them in
Welsh on a Welsh page. A title changed in the database since is shown as stored.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

RIGHT_TITLES = {
    1: _("To be able to understand and to be understood"),
    2: _("To have the details of the crime recorded without unjustified delay"),
    3: _("To be provided with information when reporting the crime"),
    4: _(
        "To be referred to services that support victims and have services and support "
        "tailored to your needs"
    ),
    5: _("To be provided with information about compensation"),
    6: _("To be provided with information about the investigation and prosecution"),
    7: _("To make a Victim Personal Statement"),
    8: _("To be given information about the trial, the trial process and your role as a witness"),
    9: _("To be given information about the outcome of the case and any appeals"),
    10: _("To be paid expenses and have property returned"),
    11: _("To be given information about the offender following a conviction"),
    12: _("To make a complaint about your rights not being met"),
}


def right_title(number: int, stored: str) -> str:
    """The stored title of right `number`, in the active language where it is known."""
    known = RIGHT_TITLES.get(number)
    if known is None:
        return stored
    with override("en-gb"):
        english = str(known)
    return str(known) if english == stored else stored
