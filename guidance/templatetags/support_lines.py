"""Checked contact details, from directory/data/contacts.csv:

{% support_lines as lines %}              the national support lines
{% checked_contacts org.name as found %}  one organisation's checked web pages and numbers
"""

from __future__ import annotations

from django import template

from directory.contacts import Contact, SupportLine, contacts_for, support_lines

register = template.Library()


@register.simple_tag(name="support_lines")
def support_lines_tag() -> list[SupportLine]:
    return support_lines()


@register.simple_tag(name="checked_contacts")
def checked_contacts_tag(name: object) -> list[Contact]:
    return contacts_for(str(name or ""))
