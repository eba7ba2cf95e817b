"""{% support_lines as lines %}: the national support lines, from the checked contacts."""

from __future__ import annotations

from django import template

from directory.contacts import SupportLine, support_lines

register = template.Library()


@register.simple_tag(name="support_lines")
def support_lines_tag() -> list[SupportLine]:
    return support_lines()
