"""A "which organisation?" question answered by a place: what its pages share.

The complaint form, the "who should I complain to?" tool and the "Find your local police"
page ask it the same way (one index: `directory/places.py`):

- With JavaScript, the long list is a `Select` whose options carry the places each
  organisation covers (data-places), so the autocomplete offers "West Yorkshire Police
  (Leeds)" for "Leeds"; "I do not know" is always offered (data-always).
- Without JavaScript, the list is hidden (templates/includes/no_js_styles.html) and the
  page searches by place (?place=Leeds) or lists a region's organisations (?region=Wales):
  `from_query` says what was found. Only the place typed is in the URL, never an answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from directory import place_choices, selectors

# The regions (the Probation Service's), as a person reads them; the English name is the
# value in the URL.
REGION_NAMES: dict[str, Promise] = {
    "East Midlands": _("East Midlands"),
    "East of England": _("East of England"),
    "Greater Manchester": _("Greater Manchester"),
    "Kent, Surrey and Sussex": _("Kent, Surrey and Sussex"),
    "London": _("London"),
    "North East": _("North East"),
    "North West": _("North West"),
    "South Central": _("South Central"),
    "South West": _("South West"),
    "Wales": _("Wales"),
    "West Midlands": _("West Midlands"),
    "Yorkshire and the Humber": _("Yorkshire and the Humber"),
}


def regions() -> list[tuple[str, str]]:
    """(value, name shown) for each region, in the page's language."""
    return [(region, str(REGION_NAMES.get(region, region))) for region in place_choices.regions()]


class Select(forms.Select):
    """The long list of a "which organisation?" question.

    Named Select so crispy-forms-gds styles it as a GOV.UK select. Hidden without
    JavaScript (class app-js-only), where the page's place search takes its place.
    """

    def __init__(self, *, kind: str, always: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "data-module": "app-autocomplete",
                "data-no-results": _("No results found"),
                "class": "app-js-only",
                **(attrs or {}),
            }
        )
        self.kind = kind
        self.always = always

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        # Read once for each time the list is shown, not when the form is made.
        options = selectors.place_options(self.kind)
        self._places = {option.value: option.places for option in options}
        return super().get_context(name, value, attrs)

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        value = str(option["value"])
        places = getattr(self, "_places", {}).get(value)
        if places:
            option["attrs"]["data-places"] = places
        if value == self.always:
            option["attrs"]["data-always"] = "true"
        return option


def from_query(
    kind: str, query: Mapping[str, str], *, values: Mapping[str, str] | None = None
) -> selectors.PlaceResult | None:
    """What ?place= or ?region= asked for on a question's page, or None if neither was.

    A search with nothing typed gives a result with no text and no options: the page says
    to type a place, and lists the regions. Never raises, whatever was typed.
    """
    if not kind or ("place" not in query and "region" not in query):
        return None
    text = str(query.get("place") or "")
    region = str(query.get("region") or "")
    return selectors.place_search(kind, text=text, region=region, values=values)
