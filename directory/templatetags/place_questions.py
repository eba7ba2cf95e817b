"""Tags for a "which organisation?" question answered by a place (directory.place_question).

{% place_result form as result %}   what ?place= or ?region= found, or None
{% place_regions as regions %}      (value, name shown) for each region
{{ region|region_name }}            a region's name in the page's language
"""

from __future__ import annotations

from typing import Any

from django import template

from directory import place_question, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def place_result(context: template.Context, form: Any) -> selectors.PlaceResult | None:
    """For a form with a long list (its `place_kind` set), what the page's query asked for."""
    request = context.get("request")
    kind = getattr(form, "place_kind", "")
    if request is None or not kind:
        return None
    return place_question.from_query(kind, request.GET)


@register.simple_tag
def place_regions() -> list[tuple[str, str]]:
    return place_question.regions()


@register.filter
def region_name(region: str) -> str:
    return str(place_question.REGION_NAMES.get(region, region))
