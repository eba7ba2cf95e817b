"""Dates as people read them, in the active language: "6 January 2027", "6 Ionawr 2027".

The one way the site writes a date, for pages (the `long_date` filter in
`victims_service/templatetags/dates.py`), emails, history notes and admin. A datetime is
shown as the day (and time) where the service is, not in UTC.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import formats, timezone


def _local(value: date) -> date:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def long_date(value: date | None) -> str:
    """ "6 January 2027"; nothing for no date."""
    if value is None:
        return ""
    return formats.date_format(_local(value), "j F Y")


def month_and_year(value: date | None) -> str:
    """ "January 2027", for a date whose day is not known."""
    if value is None:
        return ""
    return formats.date_format(_local(value), "F Y")


def long_date_and_time(value: datetime | None) -> str:
    """ "6 January 2027, 14:05", for staff reading when something happened."""
    if value is None:
        return ""
    return formats.date_format(_local(value), "j F Y, H:i")
