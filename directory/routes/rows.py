"""A row of the routes table (`directory.routes`): what kind of request it is, its time
limits and its words, shown in the active language."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

# Request kinds. Only a complaint is acknowledged and counted as a complaint.
COMPLAINT = "complaint"
VRR = "vrr"  # Victims' Right to Review request (CPS, or police no further action)
OUTCOME_REVIEW = "outcome_review"  # review of the outcome of a complaint already made
CICA_REVIEW = "cica_review"  # disagreement with a CICA decision on a claim
PAROLE_RECONSIDERATION = "parole_reconsideration"  # a Parole Board release decision

REQUEST_KINDS: list[tuple[str, object]] = [
    (COMPLAINT, _("Complaint")),
    (VRR, _("Victims' Right to Review request")),
    (OUTCOME_REVIEW, _("Request to review a complaint outcome")),
    (CICA_REVIEW, _("Disagreement with a CICA decision")),
    (PAROLE_RECONSIDERATION, _("Parole Board decision")),
]
# Never acknowledged or counted as a complaint. A review of a complaint's outcome is a
# request about a complaint already made, not a new one.
NOT_COMPLAINTS = frozenset({VRR, CICA_REVIEW, PAROLE_RECONSIDERATION, OUTCOME_REVIEW})

ENGLAND = "england"
WALES = "wales"
NATIONS = {"": _("England and Wales"), ENGLAND: _("England"), WALES: _("Wales")}


@dataclass(frozen=True)
class Limit:
    """A time limit: months and days after the event that starts it."""

    months: int = 0
    days: int = 0

    def after(self, day: date) -> date:
        index = day.month - 1 + self.months
        year, month = day.year + index // 12, index % 12 + 1
        moved = date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
        return moved + timedelta(days=self.days)

    def words(self) -> str:
        """ "12 months", "28 days": in the active language."""
        if self.months and not self.days:
            return ngettext("%(n)d month", "%(n)d months", self.months) % {"n": self.months}
        return ngettext("%(n)d day", "%(n)d days", self.days) % {"n": self.days}


@dataclass(frozen=True)
class Route:
    org_type: str
    subject: str
    nation: str = ""
    kind: str = COMPLAINT
    # Who deals with it first, in words, used when the person does not know which one.
    body: str = ""
    # The usual time limit to complain (or to ask), and its words.
    limit: Limit | None = None
    limit_words: str = ""
    # Reply times and stages, in order.
    stages: tuple[str, ...] = ()
    # Who reviews or investigates next, how long the person has after the final reply
    # (None: no fixed limit), and what to tell them.
    next_body: str = ""
    next_within: Limit | None = None
    next_words: str = ""
    # Where the words come from, when not from facts.md.
    source: str = ""
    # Extra words for the tool's result ("this is not a complaint" and so on).
    notes: tuple[str, ...] = field(default=())
    # What the confirmation and the first email say happens now it is sent, where the
    # stages would tell the person to complain again (None: the stages say it).
    after_sending: tuple[str, ...] | None = None

    @property
    def key(self) -> str:
        return "/".join((self.org_type, self.subject, self.nation))

    @property
    def shown_notes(self) -> list[str]:
        """The tool's extra words, in the active language."""
        return [words(note) for note in self.notes]

    @property
    def shown_limit_words(self) -> str:
        return words(self.limit_words)

    @property
    def shown_body(self) -> str:
        return words(self.body)

    @property
    def is_complaint(self) -> bool:
        return self.kind not in NOT_COMPLAINTS

    def next_deadline(self, final_reply: date) -> date | None:
        return self.next_within.after(final_reply) if self.next_within else None


def words(text: str) -> str:
    """A row's words in the active language (directory/route_words.py lists them for
    translation). Staff pages are in English, so they get the row as written."""
    return gettext(text) if text else text
