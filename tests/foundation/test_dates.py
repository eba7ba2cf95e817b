"""Dates are written one way everywhere (victims_service/dates.py), in the page's language."""

from datetime import UTC, date, datetime

from django.template import Context, Template
from django.utils import translation

from victims_service import dates


def test_a_date_reads_the_same_on_pages_in_emails_and_in_admin():
    assert dates.long_date(date(2027, 1, 6)) == "6 January 2027"
    assert dates.month_and_year(date(2027, 3, 1)) == "March 2027"
    assert dates.long_date(None) == dates.month_and_year(None) == ""


def test_welsh_pages_and_emails_name_the_month_in_welsh():
    with translation.override("cy"):
        assert dates.long_date(date(2027, 3, 3)) == "3 Mawrth 2027"
        assert dates.month_and_year(date(2027, 1, 1)) == "Ionawr 2027"


def test_a_moment_is_shown_as_the_day_and_time_in_the_uk():
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    late_evening = datetime(2027, 6, 30, 23, 30, tzinfo=UTC)
    assert dates.long_date(late_evening) == "1 July 2027"
    assert dates.long_date_and_time(late_evening) == "1 July 2027, 00:30"


def test_the_template_filter_writes_the_same_words():
    template = Template(
        "{% load dates %}{{ day|long_date }}|{{ moment|long_date_and_time }}|{{ none|long_date }}"
    )
    moment = datetime(2027, 6, 30, 23, 30, tzinfo=UTC)
    rendered = template.render(Context({"day": date(2027, 1, 6), "moment": moment, "none": None}))
    assert rendered == "6 January 2027|1 July 2027, 00:30|"
    with translation.override("cy"):
        assert (
            Template("{% load dates %}{{ day|long_date }}").render(
                Context({"day": date(2027, 1, 6)})
            )
            == "6 Ionawr 2027"
        )
