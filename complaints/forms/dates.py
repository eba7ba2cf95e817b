"""When it happened, and the date on a decision letter: GOV.UK date inputs, read kindly."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.forms.base import WHAT_CARD, JourneyForm, SummaryRow, TextField
from victims_service import dates

if TYPE_CHECKING:
    from complaints.journey import Journey

# Someone typed the whole date into one box: "27/3/2025", "27 March 2025", "2025-03-27".
WHOLE_DATE = re.compile(r"^\s*[0-9a-z]+\s*[\s/.\-]\s*[0-9a-z]+\s*[\s/.\-]\s*[0-9]+\s*$", re.I)
MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def month_number(value: str) -> int | None:
    """1 to 12 for "3", "03", "March", "mar", "Sept."; None for anything else."""
    value = value.strip().lower().rstrip(".")
    if value.isdigit():
        return int(value) if 1 <= int(value) <= 12 else None
    if len(value) < 3:
        return None
    matches = [n for n, name in enumerate(MONTH_NAMES, start=1) if name.startswith(value)]
    return matches[0] if len(matches) == 1 else None


def _real_date(day: str, month: str, year: str) -> date | None:
    """The date, if the day, month (a number or a name) and year make a real one."""
    month_value = month_number(month)
    if not day.isdigit() or month_value is None:
        return None
    try:
        return date(int(year), month_value, int(day))
    except (ValueError, OverflowError):
        return None


class WhenForm(JourneyForm):
    """A GOV.UK date input. The template renders the three boxes as one question."""

    title = _("When did it happen?")
    # Long enough for a whole date typed into one box, which gets its own message.
    _not_real = {"max_length": _("The date it happened must be a real date")}
    day = TextField(label=_("Day"), max_length=40, error_messages=_not_real)
    month = TextField(label=_("Month"), max_length=40, error_messages=_not_real)
    year = TextField(label=_("Year"), max_length=40, error_messages=_not_real)
    approximate = forms.BooleanField(
        label=_("I am not sure of the exact day"),
        required=False,
    )

    EARLIEST_YEAR = 1900

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_error_parts: set[str] = set()

    def _error(self, message, parts: list[str]) -> None:
        self.date_error_parts.update(parts)
        # The error belongs to the first box that needs fixing, so the summary lands there.
        self.add_error(parts[0], message)

    def clean(self):
        data = super().clean()
        parts = ("day", "month", "year")
        if any(p in self.errors for p in parts):
            # One message for the date: a box's own error already says what is wrong.
            self.date_error_parts.update(parts)
            return data
        day, month, year = (data.get(p, "").strip() for p in parts)
        whole = [p for p, v in zip(parts, (day, month, year), strict=True) if WHOLE_DATE.match(v)]
        if whole:
            self._error(
                _(
                    "Enter the day, month and year in their own boxes, for example 27 in Day, "
                    "3 in Month and 2025 in Year"
                ),
                [whole[0]],
            )
            return data
        if data.get("approximate", False) and not day:
            day = "1"
        when = self._incident_date(day, month, year)
        if when is not None:
            data["incident_date"] = when
        return data

    def _incident_date(self, day: str, month: str, year: str) -> date | None:
        """The date the boxes give, or None after putting the error on the boxes at fault."""
        missing = [p for p, v in (("day", day), ("month", month), ("year", year)) if not v]
        if len(missing) == 3:
            self._error(_("Enter the date it happened"), ["day", "month", "year"])
            return None
        if missing:
            names = {"day": _("a day"), "month": _("a month"), "year": _("a year")}
            message = _("The date it happened must include %(parts)s") % {
                "parts": _(" and ").join(str(names[p]) for p in missing)
            }
            self._error(message, missing)
            return None
        if not year.isdigit() or len(year) != 4:
            self._error(_("Year must include 4 numbers"), ["year"])
            return None
        when = _real_date(day, month, year)
        if when is None:
            self._error(_("The date it happened must be a real date"), ["day", "month", "year"])
        elif when > timezone.localdate():
            self._error(
                _("The date it happened must be today or in the past"), ["day", "month", "year"]
            )
        elif when.year < self.EARLIEST_YEAR:
            self._error(_("The date it happened must be after 1900"), ["year"])
        else:
            return when
        return None

    summary_card = WHAT_CARD
    fills = ("incident_date", "incident_date_is_approximate")

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        a = journey.answers
        incident = journey.incident_date()
        when_text = ""
        if incident:
            if a.get("approximate") and not (a.get("day") or "").strip():
                when_text = dates.month_and_year(incident)
            else:
                when_text = dates.long_date(incident)
            if a.get("approximate"):
                when_text = _("%(date)s (approximate)") % {"date": when_text}
        return [(_("When it happened"), when_text)]

    @classmethod
    def complaint_fields(cls, journey: Journey) -> dict[str, Any]:
        return {
            "incident_date": journey.incident_date(),
            "incident_date_is_approximate": bool(journey.answers.get("approximate")),
        }

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            "day": data["day"].strip(),
            "month": data["month"].strip(),
            "year": data["year"].strip(),
            "approximate": data["approximate"],
            "incident_date": data["incident_date"].isoformat(),
        }


class DecisionDateForm(JourneyForm):
    """The date of the decision or outcome letter a request is about (not a complaint).

    Its answers have their own keys, so they never mix with when it happened. A date past
    the usual limit is never refused: the late question then asks why it took longer.
    """

    title = _("What date is on the letter telling you the decision?")
    _not_real = {"max_length": _("The date of the letter must be a real date")}
    decision_day = TextField(label=_("Day"), max_length=10, error_messages=_not_real)
    decision_month = TextField(label=_("Month"), max_length=10, error_messages=_not_real)
    decision_year = TextField(label=_("Year"), max_length=10, error_messages=_not_real)
    PARTS = ("decision_day", "decision_month", "decision_year")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_error_parts: set[str] = set()

    def _error(self, message, parts) -> None:
        self.date_error_parts.update(parts)
        self.add_error(parts[0], message)

    def clean(self):
        data = super().clean()
        values = [data.get(p, "").strip() for p in self.PARTS]
        missing = [p for p, v in zip(self.PARTS, values, strict=True) if not v]
        if missing:
            self._error(_("Enter the date on the letter, as it is written"), missing)
            return data
        day, month, year = values
        try:
            when = date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            self._error(_("The date of the letter must be a real date"), list(self.PARTS))
            return data
        if len(year) != 4:
            self._error(_("Year must include 4 numbers"), ["decision_year"])
        elif when > timezone.localdate():
            self._error(_("The date of the letter must be today or in the past"), list(self.PARTS))
        elif when.year < 1900:
            self._error(_("The date of the letter must be after 1900"), ["decision_year"])
        else:
            data["decision_date"] = when
        return data

    summary_card = WHAT_CARD
    fills = ("decision_date",)

    @classmethod
    def summary_rows(cls, journey: Journey) -> list[SummaryRow]:
        decided = journey.decision_date()
        if not decided:
            return []
        return [(_("Date of the decision letter"), dates.long_date(decided))]

    @classmethod
    def complaint_fields(cls, journey: Journey) -> dict[str, Any]:
        return {"decision_date": journey.decision_date()}

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            **{p: data[p].strip() for p in self.PARTS},
            "decision_date": data["decision_date"].isoformat(),
        }
