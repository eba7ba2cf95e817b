"""How many question pages each route through the complaint form asks, with the shipped
directory: every organisation type × subject, for oneself or for someone else, with and
without the answers of the "who should I complain to?" tool.

Run with `-s` to print the table (`pytest tests/complaints/test_journey_page_counts.py -s`).
The "late" page (only when the usual time limit has passed) and the optional permission
upload (only with written permission) are counted as they apply: the date used is recent
and permission is "parent or guardian", so neither is in the counts.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from complaints.journey import Journey
from complaints.models import Complaint
from directory import cache as directory_cache
from directory import routes, routing
from directory.data.loader import directory_load

pytestmark = pytest.mark.django_db


def _routes():
    for org_type, _label in routing.ORG_TYPE_CHOICES:
        subjects = [value for value, _label in routing.subject_choices(org_type)] or [""]
        for subject in subjects:
            yield org_type, subject


def page_count(*, org_type: str, subject: str, on_behalf: bool, tool: bool) -> list[str]:
    """The question pages asked for one route, once every answer is given."""
    session = SessionStore()
    if tool:
        directory_type = routing.directory_type(org_type)
        choices = (
            directory_cache.directory().choices.get(directory_type, ()) if directory_type else ()
        )
        tool_answers = {"org_type": org_type, "subject": subject}
        if routing.asks_organisation(org_type, directory_counts={directory_type: len(choices)}):
            tool_answers["organisation_id"] = choices[0][0]
        session[routing.ANSWERS_SESSION_KEY] = tool_answers
    journey = Journey(session)
    journey.start()
    answers = journey.data["answers"]
    answers.setdefault("org_type", org_type)
    answers.setdefault("subject", subject)
    answers["role"] = Complaint.Role.ON_BEHALF if on_behalf else Complaint.Role.SELF
    answers["permission"] = Complaint.Permission.PARENT_UNDER_16
    answers["incident_date"] = (timezone.localdate() - timedelta(days=7)).isoformat()
    journey._memo.clear()
    return [step.slug for step in journey.applicable()]


def page_counts() -> dict[tuple[str, str], dict[tuple[bool, bool], int]]:
    directory_load()
    directory_cache.clear()
    table = {}
    for org_type, subject in _routes():
        table[org_type, subject] = {
            (on_behalf, tool): len(
                page_count(org_type=org_type, subject=subject, on_behalf=on_behalf, tool=tool)
            )
            for on_behalf in (False, True)
            for tool in (False, True)
        }
    return table


def test_print_and_check_the_question_page_counts(capsys):
    table = page_counts()
    with capsys.disabled():
        print("\norg type / subject                        self  self+tool  behalf  behalf+tool")
        for (org_type, subject), counts in table.items():
            name = f"{org_type} / {subject or '-'}"
            print(
                f"{name:40} {counts[False, False]:5} {counts[False, True]:10}"
                f" {counts[True, False]:7} {counts[True, True]:12}"
            )
    every = [n for counts in table.values() for n in counts.values()]
    # Before issue 13: 12 to 15 (each +1 when late, +1 with written permission). A request
    # that is not a complaint (issue 15) also asks the date on the decision letter: +1.
    complaints = [
        n
        for (org_type, subject), counts in table.items()
        if routes.route_for(org_type, subject).kind == routes.COMPLAINT
        for n in counts.values()
    ]
    assert max(complaints) == 15 and min(every) == 9 and max(every) == 16
    for (org_type, _subject), counts in table.items():
        asked_by_tool = 1 + routing.asks_subject(org_type) + bool(routing.directory_type(org_type))
        for on_behalf in (False, True):
            # Whatever the tool answered is not asked again.
            assert counts[on_behalf, True] == counts[on_behalf, False] - asked_by_tool
    # A complaint about this website is not asked about Victims' Code rights or a crime
    # reference.
    assert table["this_service", ""][False, False] == table["unknown", ""][False, False] - 2


def test_a_complaint_about_this_website_skips_the_rights_and_reference_pages():
    pages = page_count(org_type="this_service", subject="", on_behalf=False, tool=False)
    assert "rights" not in pages and "reference" not in pages
    assert pages[:3] == ["who", "about", "when"]
