"""What the triage admin shows: safe-contact notices, charts and the CSV export.

Pure presentation over a complaint's fields; nothing here queries or writes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from complaints import safe_contact, workflow
from complaints.models import Complaint


def safe_contact_lines(complaint: Complaint) -> list[safe_contact.Line]:
    """The same lines the complainant saw on check your answers before sending."""
    return safe_contact.safe_contact_lines(
        safe_by_email=complaint.safe_by_email,
        email=complaint.email,
        safe_by_phone=complaint.safe_by_phone,
        phone=complaint.phone,
        may_leave_messages=complaint.may_leave_messages,
        safe_by_post=complaint.safe_by_post,
        address=complaint.address,
        no_letters_home=complaint.no_letters_home,
    )


def safe_contact_notices(complaint: Complaint) -> tuple[list[str], list[str]]:
    """What staff must not do, and what is safe, in the complainant's own terms.

    Shown at the top of every page where staff act on a complaint: getting this wrong can
    put someone in danger (a letter read by an abuser, a voicemail heard by someone else).
    """
    lines = safe_contact_lines(complaint)
    warnings = [line.text for line in lines if not line.safe]
    names = {
        gettext("Email"): gettext("Email"),
        gettext("Phone"): gettext("Phone"),
        gettext("Letters"): gettext("Letters to the address given"),
    }
    safe = [names[line.label] for line in lines if line.safe and line.label in names]
    # Letters first, as staff have always read them.
    safe.sort(key=lambda name: name != gettext("Letters to the address given"))
    if complaint.times_to_avoid:
        warnings.append(
            gettext("Avoid these times: %(times)s") % {"times": complaint.times_to_avoid}
        )
    if not safe:
        warnings.insert(
            0,
            gettext(
                "No contact method is marked safe. Do not contact this person until they "
                "contact you."
            ),
        )
    return warnings, safe


def safe_contact_summary(complaint: Complaint) -> str:
    _warnings, safe = safe_contact_notices(complaint)
    summary = ", ".join(safe) if safe else gettext("None safe")
    if not complaint.may_leave_messages:
        summary += "; " + gettext("no messages")
    return summary


def support_needs(complaint: Complaint) -> list[str]:
    needs = []
    if complaint.needs_interpreter:
        needs.append(
            gettext("Needs an interpreter: %(language)s")
            % {"language": complaint.language or gettext("language not given")}
        )
    if complaint.accessibility_needs:
        needs.append(complaint.accessibility_needs)
    if complaint.adjustments:
        needs.append(complaint.adjustments)
    return needs


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart drawn on the server as SVG (no JavaScript, CSP-safe)."""

    slug: str
    title: str
    description: str
    bars: list[Bar]
    height: int
    value_heading: str
    label_heading: str


CHART_WIDTH = 600
CHART_BAR_MAX = 480
CHART_ROW = 44


def bar_chart(
    *, slug: str, title: str, label_heading: str, value_heading: str, rows: list[tuple[str, int]]
) -> BarChart:
    top = max((value for _label, value in rows), default=0) or 1
    bars = [
        Bar(label=label, value=value, y=i * CHART_ROW, width=round(CHART_BAR_MAX * value / top))
        for i, (label, value) in enumerate(rows)
    ]
    description = "; ".join(f"{label}: {value}" for label, value in rows)
    return BarChart(
        slug=slug,
        title=title,
        description=description,
        bars=bars,
        height=max(len(rows), 1) * CHART_ROW,
        label_heading=label_heading,
        value_heading=value_heading,
    )


def _csv_safe(value: Any) -> str:
    """Stop a spreadsheet treating a cell as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def complaints_csv_write(out, rows: list[Complaint], *, today: date) -> None:
    """Write complaints as CSV: handling facts only, no names, contact details or account.

    A spreadsheet travels further than the admin does.
    """
    writer = csv.writer(out)
    writer.writerow(
        [
            gettext("Reference"),
            gettext("Organisation"),
            gettext("Status"),
            gettext("Received"),
            gettext("Acknowledgement due"),
            gettext("Acknowledged"),
            gettext("Response due"),
            gettext("Response sent"),
            gettext("Closed"),
            gettext("Overdue"),
            gettext("Assigned to"),
        ]
    )
    for c in rows:
        due = workflow.pending_due(
            status=c.status,
            acknowledgement_due=c.acknowledgement_due,
            response_due=c.response_due,
        )
        writer.writerow(
            [
                _csv_safe(value)
                for value in (
                    c.reference,
                    c.organisation.name,
                    c.get_status_display(),
                    timezone.localtime(c.received_at).date().isoformat(),
                    c.acknowledgement_due,
                    c.acknowledged_at and timezone.localtime(c.acknowledged_at).date(),
                    c.response_due,
                    c.responded_at and timezone.localtime(c.responded_at).date(),
                    c.closed_at and timezone.localtime(c.closed_at).date(),
                    gettext("Yes") if workflow.is_overdue(due, today) else gettext("No"),
                    c.assigned_to.get_username() if c.assigned_to else "",
                )
            ]
        )
