"""Organisation names on public pages: the Welsh name where an organisation has one.

A Welsh page shows "Heddlu De Cymru (South Wales Police)": the Welsh name, with the
English beside it for anyone who knows or searches for it by that. English pages and
staff pages show the name as it is.
"""

from __future__ import annotations

from django.utils.translation import get_language


def shown_name(name: str, name_cy: str) -> str:
    """`name` as a public page in the active language shows it, given its Welsh name (or "")."""
    if get_language() != "cy":
        return name
    return f"{name_cy} ({name})" if name_cy and name_cy != name else name
