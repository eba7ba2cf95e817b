"""`{{ name|in_sentence }}`: an organisation's name as it reads mid-sentence."""

from __future__ import annotations

from django import template

from directory import routes

register = template.Library()


@register.filter
def in_sentence(name) -> str:
    return routes.in_sentence(str(name or ""))
