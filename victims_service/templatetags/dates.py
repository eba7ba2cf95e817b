"""`{% load dates %}`: `{{ complaint.received_at|long_date }}` writes "6 January 2027".

The same words as emails and admin (victims_service/dates.py).
"""

from __future__ import annotations

from datetime import date, datetime

from django import template

from victims_service import dates

register = template.Library()


@register.filter(expects_localtime=True)
def long_date(value: date | str | None) -> str:
    return dates.long_date(value) if isinstance(value, date) else ""


@register.filter(expects_localtime=True)
def long_date_and_time(value: datetime | str | None) -> str:
    return dates.long_date_and_time(value) if isinstance(value, datetime) else ""
