"""Small wording fixes from the content review of issue 15: each says what a person sees."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from complaints.views import STATUS_TEXT
from complaints.workflow import Status

PAGES = Path(__file__).resolve().parents[2] / "guidance" / "content" / "pages"

pytestmark = pytest.mark.django_db


def test_people_without_email_are_sent_to_our_team_not_left_at_a_dead_end(client):
    page = html.unescape(client.get("/complaints/check/").content.decode())
    assert "Contact the organisation handling your complaint" not in page
    assert 'href="/contact/"' in page and "Contact our team" in page


def test_the_escape_key_is_promised_only_when_not_typing(client):
    page = html.unescape(client.get("/complaints/before-you-start/").content.decode())
    assert "press the Escape (Esc) key, when you are not typing in a box" in page


def test_a_received_complaint_is_not_said_to_be_sent_while_triage_passes_it_on():
    assert "have sent it to the organisation" not in str(STATUS_TEXT[Status.RECEIVED])


def test_what_you_need_lists_heic_photos():
    text = (PAGES / "making-a-complaint__what-you-need.md").read_text()
    assert "HEIC" in text


def test_accessibility_statement_says_it_is_partly_tested():
    text = re.sub(r"\s+", " ", (PAGES / "accessibility.md").read_text())
    assert "We have not found any parts of the site that fail" not in text
    assert "partly meets this standard" in text
