"""What the answers become: check your answers, its printable copy, the complaint's fields.

Each page's form says what its own answers mean (`complaints.forms.base.JourneyForm`);
these functions only loop over the steps, in order, and put the pieces together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from complaints import forms
from complaints.journey.steps import STEPS, STEPS_BY_SLUG, Step

if TYPE_CHECKING:
    from complaints.journey.session import Journey


def complaint_fields(journey: Journey) -> dict[str, Any]:
    """Complaint field values for `services.complaint_submit`, from every page's form.

    A page that does not apply fills its fields with blanks (or what its form says is
    implied). A form that fills other fields than it declares stops the submission.
    """
    relevant = {step.slug for step in journey.relevant()}
    fields: dict[str, Any] = {}
    for step in STEPS:
        form = step.form_class
        if step.slug in relevant:
            values = form.complaint_fields(journey)
        else:
            values = form.skipped_fields(journey)
        if set(values) != set(form.fills or ()):
            raise ImproperlyConfigured(
                f"{form.__name__} filled {sorted(values)}, not the fields it declares"
            )
        fields.update(values)
    return fields


def rights(journey: Journey) -> list[int]:
    """The Victims' Code rights not met, where the rights question applies."""
    if not STEPS_BY_SLUG["rights"].applies(journey):
        return []
    return list(journey.answers.get("rights", []))


def step_rows(journey: Journey, step: Step, *, change: bool = True) -> list[dict[str, Any]]:
    """One page's rows on check your answers, each with its "Change" link."""
    url = step.url(change=change)
    return [
        {"key": key, "value": value or _("Not given"), "url": url, "slug": step.slug}
        for key, value in step.form_class.summary_rows(journey)
    ]


def summary_cards(journey: Journey) -> list[dict[str, Any]]:
    """Rows for the check-your-answers page, grouped into cards, in the order asked."""
    cards: dict[str, list[dict[str, Any]]] = {card: [] for card in forms.SUMMARY_CARDS}
    for step in journey.relevant():
        cards[step.form_class.summary_card] += step_rows(journey, step)
    return [{"title": title, "rows": cards[card]} for card, title in forms.SUMMARY_CARDS.items()]


def summary_copy(journey: Journey) -> list[dict[str, Any]]:
    """`summary_cards()` as plain text, without change links, for the printable copy."""
    return [
        {
            "title": str(card["title"]),
            "rows": [{"key": str(row["key"]), "value": str(row["value"])} for row in card["rows"]],
        }
        for card in summary_cards(journey)
    ]


def tool_rows(journey: Journey, step: Step) -> list[dict[str, Any]]:
    """On the first page asked after the tool's answers: those answers, to change."""
    skipped = [s for s in journey.relevant() if journey.answered_by_tool(s)]
    if not skipped:
        return []
    last = STEPS.index(skipped[-1])
    following = [s for s in journey.applicable() if STEPS.index(s) > last]
    if not following or following[0] != step:
        return []
    # Not yet at check your answers: a change goes on through the pages as usual.
    return [row for s in skipped for row in step_rows(journey, s, change=False)]
