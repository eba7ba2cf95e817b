"""The managers' dashboard page and its CSV export (staff only, so English).

The period is a GET form of GOV.UK date inputs: the address of a dashboard can be
bookmarked or sent to a colleague, and holds only dates. The figures come from
`complaints.dashboard`; this module gives them their words, charts and tables.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext

from complaints import dashboard, dashboard_export, dashboard_totals, selectors, services
from complaints.admin import display as admin_display
from complaints.models import Channel
from complaints.workflow import Status
from directory import routing
from directory.models import OrganisationType
from directory.routes import REQUEST_KINDS
from victims_service import dates

ACCESS_EXPORTED_FIGURES = "exported the dashboard's CSV"
PARTS = ("day", "month", "year")
CHART_LABEL_MAX = 80
# Nationally, hundreds of organisations have complaints: the chart shows the ones with
# most, its table adds the rest up in one row; the CSV export has every complaint's.
ORGANISATIONS_SHOWN = 20


# -- the period form ----------------------------------------------------------------------


class PeriodForm(forms.Form):
    """From and to, each as day, month and year (the GOV.UK date input)."""

    from_day = forms.CharField(required=False, max_length=10)
    from_month = forms.CharField(required=False, max_length=10)
    from_year = forms.CharField(required=False, max_length=10)
    to_day = forms.CharField(required=False, max_length=10)
    to_month = forms.CharField(required=False, max_length=10)
    to_year = forms.CharField(required=False, max_length=10)

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.period = dashboard.period_default(today=today)

    def _date(self, prefix: str, name: str) -> date | None:
        parts = {part: (self.cleaned_data.get(f"{prefix}_{part}") or "").strip() for part in PARTS}
        missing = [part for part in PARTS if not parts[part]]
        if len(missing) == len(PARTS):
            self.add_error(f"{prefix}_day", gettext("Enter the %(name)s") % {"name": name})
            return None
        if missing:
            self.add_error(
                f"{prefix}_{missing[0]}",
                gettext("The %(name)s must include a %(part)s")
                % {"name": name, "part": missing[0]},
            )
            return None
        if not all(parts[part].isdigit() for part in PARTS):
            self.add_error(
                f"{prefix}_day", gettext("The %(name)s must be a real date") % {"name": name}
            )
            return None
        if len(parts["year"]) != 4:
            self.add_error(f"{prefix}_year", gettext("Year must include 4 numbers"))
            return None
        try:
            return date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            self.add_error(
                f"{prefix}_day", gettext("The %(name)s must be a real date") % {"name": name}
            )
            return None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any((data.get(name) or "").strip() for name in self.fields):
            return data  # nothing asked: the last 12 months
        start = self._date("from", gettext("start date"))
        end = self._date("to", gettext("end date"))
        if start and start > self.today:
            self.add_error("from_day", gettext("The start date must be today or in the past"))
        elif start and end and end < start:
            self.add_error(
                "to_day", gettext("The end date must be the same as or after the start date")
            )
        elif start and end:
            self.period = dashboard.Period(start=start, end=end)
        return data

    def initial_parts(self) -> dict[str, str]:
        """What the date inputs show: what was typed, or the period in use."""
        if self.is_bound and any(self.data.get(name) for name in self.fields):
            return {name: str(self.data.get(name, "")) for name in self.fields}
        shown = {"from": self.period.start, "to": self.period.end}
        return {
            f"{prefix}_{part}": str(getattr(day, part))
            for prefix, day in shown.items()
            for part in PARTS
        }

    def query_string(self) -> str:
        start, end = self.period.start, self.period.end
        return urlencode(
            {
                "from_day": start.day,
                "from_month": start.month,
                "from_year": start.year,
                "to_day": end.day,
                "to_month": end.month,
                "to_year": end.year,
            }
        )


@dataclass(frozen=True)
class DateInput:
    """One GOV.UK date input on the page, with its error."""

    prefix: str
    legend: str
    error: str
    parts: list[tuple[str, str, str, bool]]  # (part, label, value, shown in error)


PART_LABELS = {"day": "Day", "month": "Month", "year": "Year"}


def _date_inputs(form: PeriodForm) -> list[DateInput]:
    values = form.initial_parts()
    inputs = []
    for prefix, legend in (("from", "From"), ("to", "To")):
        errors = {part: form.errors.get(f"{prefix}_{part}") for part in PARTS}
        # An error with the whole date (on the day field) marks all three; a missing month
        # or a short year marks only that part.
        whole = bool(errors["day"])
        inputs.append(
            DateInput(
                prefix=prefix,
                legend=legend,
                error=next((str(e[0]) for e in errors.values() if e), ""),
                parts=[
                    (
                        part,
                        PART_LABELS[part],
                        values[f"{prefix}_{part}"],
                        whole or bool(errors[part]),
                    )
                    for part in PARTS
                ],
            )
        )
    return inputs


# -- words for the figures ------------------------------------------------------------------


def _subject_label(org_type: str, subject: str) -> str:
    if not org_type:
        return gettext("Not known (the complainant did not know who)")
    try:
        who = str(OrganisationType(org_type).label)
    except ValueError:
        who = dict(routing.ORG_TYPE_CHOICES).get(org_type, org_type)
        who = str(who)
    what = dict(routing.subject_choices(org_type)).get(subject)
    if what is None:
        return who if not subject else f"{who}: {subject}"
    return f"{who}: {what}"


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or gettext("Not given")


def labelled(figures: dashboard.PeriodFigures) -> dict[str, list[tuple[str, int]]]:
    """Each breakdown as (words, count)."""
    kinds = {key: str(label) for key, label in REQUEST_KINDS}
    rights = dict(selectors.rights_titles())
    return {
        "kind": [(kinds.get(k, k), n) for k, n in figures.by_kind],
        "subject": [(_subject_label(*key), n) for key, n in figures.by_subject],
        "right": [
            (f"{number}. {rights.get(number, gettext('Right %(n)s') % {'n': number})}", n)
            for number, n in figures.by_right
        ],
        "channel": [(_label(Channel, k), n) for k, n in figures.by_channel],
        "status": [(_label(Status, k), n) for k, n in figures.by_status],
        "organisation": _largest(figures.by_organisation, ORGANISATIONS_SHOWN),
    }


def _largest(rows: list[tuple[str, int]], shown: int) -> list[tuple[str, int]]:
    """The first `shown` rows (largest first), and the rest added up in one."""
    if len(rows) <= shown + 1:
        return rows
    rest = rows[shown:]
    label = gettext("Other organisations (%(count)s)") % {"count": len(rest)}
    return [*rows[:shown], (label, sum(n for _name, n in rest))]


CHARTS = (
    ("subject", "Complaints by subject", "Subject"),
    ("right", "Rights the complainant says were not met", "Victims' Code right"),
    ("kind", "Everything received, by kind of request", "Kind of request"),
    ("channel", "Complaints by how they came in", "How it came in"),
    ("status", "Complaints by status", "Status now"),
    ("organisation", "Complaints by organisation", "Organisation"),
)


@dataclass(frozen=True)
class Chart:
    """A bar chart (labels cut short to fit) and its table (labels whole)."""

    slug: str
    title: str
    description: str
    bars: list[admin_display.Bar]
    height: int
    label_heading: str
    value_heading: str
    rows: list[tuple[str, int]]


def _charts(figures: dashboard.PeriodFigures) -> list[Chart]:
    rows = labelled(figures)
    charts = []
    for slug, title, heading in CHARTS:
        # The organisations' "others" row is in the table only: as a bar it would be the
        # longest nationally, and every organisation's bar is drawn against the longest.
        bars = rows[slug][:ORGANISATIONS_SHOWN] if slug == "organisation" else rows[slug]
        chart = admin_display.bar_chart(
            slug=slug,
            title=title,
            label_heading=heading,
            value_heading="Complaints" if slug != "kind" else "Received",
            rows=bars,
        )
        # The chart's own labels are cut short to fit; the table beside it has them whole.
        charts.append(
            Chart(
                slug=chart.slug,
                title=chart.title,
                description=chart.description,
                bars=[replace(bar, label=_shorten(bar.label)) for bar in chart.bars],
                height=chart.height,
                label_heading=chart.label_heading,
                value_heading=chart.value_heading,
                rows=rows[slug],
            )
        )
    return charts


def _shorten(text: str) -> str:
    return text if len(text) <= CHART_LABEL_MAX else text[: CHART_LABEL_MAX - 1].rstrip() + "…"


@dataclass(frozen=True)
class Column:
    label: str  # "Dec 2025"
    long_label: str  # "December 2025"
    value: int
    x: int
    y: int
    height: int


TREND_WIDTH = 600
TREND_PLOT = 200  # height of the tallest column
TREND_TOP = 24  # room for the figure above the tallest column


def trend_columns(by_month: list[tuple[date, int]]) -> tuple[list[Column], int, int]:
    """Columns for the trend by month: (columns, column width, chart height)."""
    top = max((n for _month, n in by_month), default=0) or 1
    step = TREND_WIDTH // max(len(by_month), 1)
    width = max(step - 8, 4)
    columns = []
    for i, (month, n) in enumerate(by_month):
        height = round(TREND_PLOT * n / top)
        columns.append(
            Column(
                label=formats.date_format(month, "M y"),
                long_label=dates.month_and_year(month),
                value=n,
                x=i * step + 4,
                y=TREND_TOP + TREND_PLOT - height,
                height=height,
            )
        )
    return columns, width, TREND_TOP + TREND_PLOT + 24


# -- the page and the export -----------------------------------------------------------------


def _days(value: float | None) -> str:
    if value is None:
        return gettext("None yet")
    text = f"{value:g}"
    return gettext("%(n)s working days") % {"n": text} if value != 1 else gettext("1 working day")


def page_context(request: HttpRequest) -> dict[str, Any]:
    """Everything the dashboard template needs for this request's period."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, today=today)
    valid = form.is_valid() if form.is_bound else True
    figures = (
        dashboard_totals.dashboard_months_period_figures(
            user=request.user, period=form.period, today=today
        )
        if valid
        else None
    )
    columns, column_width, trend_height = trend_columns(figures.by_month if figures else [])
    error_links = [
        (f"id_{field}", str(message))
        for field in form.fields
        for message in form.errors.get(field, [])
    ]
    return {
        "form": form,
        "date_inputs": _date_inputs(form),
        "error_links": error_links,
        "period": form.period,
        "period_figures": figures,
        "breakdowns": labelled(figures) if figures else {},
        "charts": _charts(figures) if figures else [],
        "trend": columns,
        "trend_column_width": column_width,
        "trend_height": trend_height,
        "trend_width": TREND_WIDTH,
        "trend_description": "; ".join(f"{c.long_label}: {c.value}" for c in columns),
        "median_acknowledge": _days(figures.median_days_to_acknowledge) if figures else "",
        "median_respond": _days(figures.median_days_to_respond) if figures else "",
        "export_url": reverse("admin:complaints_complaint_dashboard_export")
        + "?"
        + form.query_string(),
        "code_days": dashboard.CODE_ACKNOWLEDGE_WORKING_DAYS,
        "now_figures": dashboard_totals.dashboard_now_figures(user=request.user, today=today),
        "chart_width": admin_display.CHART_WIDTH,
    }


EXPORT_HEADINGS = (
    "Reference",
    "Received",
    "Acknowledgement due",
    "Acknowledged",
    "Response due",
    "Response sent",
    "Closed",
    "Status",
    "Organisation",
    "Subject",
    "Kind of request",
    "Rights not met",
    "How it came in",
    "Acknowledged within 10 working days (Victims' Code)",
    "Response sent by the response date",
)
EXPORT_BATCH = dashboard_export.EXPORT_CHUNK_SIZE  # one batch of CSV for each read of rows


def _met(value: bool | None) -> str:
    if value is None:
        return gettext("Not yet")
    return gettext("Yes") if value else gettext("No")


def _export_lines(rows: Iterator[dashboard_export.ExportRow]) -> Iterator[str]:
    """CSV text in batches of rows: a streamed download, never the whole file in memory."""
    kinds = {key: str(label) for key, label in REQUEST_KINDS}
    statuses = {status.value: str(status.label) for status in Status}
    channels = {channel.value: str(channel.label) for channel in Channel}
    subjects: dict[tuple[str, str], str] = {}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([gettext(heading) for heading in EXPORT_HEADINGS])
    for count, row in enumerate(rows, start=1):
        key = (row.about_org_type, row.about_subject)
        if key not in subjects:
            subjects[key] = _subject_label(*key)
        cells = (
            row.reference,
            row.received_on,
            row.acknowledgement_due,
            row.acknowledged_on,
            row.response_due,
            row.responded_on,
            row.closed_on,
            statuses.get(row.status, row.status),
            row.organisation,
            subjects[key],
            kinds.get(row.request_kind, row.request_kind),
            " ".join(str(n) for n in row.rights),
            channels.get(row.channel, row.channel),
            _met(row.acknowledged_in_time),
            _met(row.responded_in_time),
        )
        writer.writerow([admin_display._csv_safe(cell) for cell in cells])
        if count % EXPORT_BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export_response(request: HttpRequest) -> HttpResponse:
    """The period's complaints as CSV, streamed. Bad dates or nothing to export: back to
    the dashboard, which says why."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, today=today)
    dashboard_url = reverse("admin:complaints_complaint_dashboard")
    if form.is_bound and not form.is_valid():
        return HttpResponseRedirect(f"{dashboard_url}?{request.GET.urlencode()}")
    period = form.period
    if not dashboard_export.period_has_complaints(user=request.user, period=period):
        messages.error(
            request,
            gettext(
                "Nothing was received between %(start)s and %(end)s, so there is nothing to export."
            )
            % {
                "start": dates.long_date(period.start),
                "end": dates.long_date(period.end),
            },
        )
        return HttpResponseRedirect(f"{dashboard_url}?{form.query_string()}")
    services.access_log_record(
        user=request.user,
        complaint_id=None,  # type: ignore[arg-type]  # one entry for the whole export
        action=ACCESS_EXPORTED_FIGURES,
    )
    rows = dashboard_export.export_rows(user=request.user, period=period, today=today)
    response = StreamingHttpResponse(_export_lines(rows), content_type="text/csv; charset=utf-8")
    name = f"complaints-{period.start.isoformat()}-to-{period.end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response
