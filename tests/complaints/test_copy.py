"""A copy of the complaint to print or save: before sending and after, every answer, the
reference once sent, what happens next; nothing personal in its address; never cached."""

from __future__ import annotations

import re

import pytest

from complaints.models import Complaint
from tests.complaints.journey_support import directory_create, journey_complete

CHECK = "/complaints/check-your-answers/"
SENT = "/complaints/complaint-sent/"
DRAFT_COPY = "/complaints/check-your-answers/copy/"
SENT_COPY = "/complaints/complaint-sent/copy/"
LINK = "Print or save a copy of your complaint"

# Answers from tests.complaints.journey_support.default_answers, as they are shown.
SOME_ANSWERS = [
    "Northshire Police",
    "3 February 2026",
    "They did not tell me about the court date.",
    "Siân O’Brien-Łukasz 李",
    "sian@example.com",
    "Large print",
]
ROW = re.compile(
    r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*'
    r'<dd class="govuk-summary-list__value">(.*?)</dd>',
    re.S,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    return directory_create()


def _rows(html: str) -> list[tuple[str, str]]:
    return [(key.strip(), value.strip()) for key, value in ROW.findall(html)]


def _assert_every_answer(html: str, check_answers_html: str) -> None:
    """Every row of check your answers, question and answer, is in the copy."""
    expected = _rows(check_answers_html)
    assert len(expected) > 15
    assert _rows(html)[-len(expected) :] == expected
    for answer in SOME_ANSWERS:
        assert answer in html, answer


def _connected(directory) -> None:
    # Someone at Northshire Police reads this site (an inbox), so it is sent straight there.
    from directory.models import Organisation

    Organisation.objects.filter(pk=directory["north"].pk).update(inbox_email="n@example.org")


def test_check_your_answers_links_to_a_copy_with_every_answer(client, directory):
    _connected(directory)
    journey_complete(client, directory["north"].id)
    page = client.get(CHECK).content.decode()
    assert f'href="{DRAFT_COPY}"' in page and LINK in page
    response = client.get(DRAFT_COPY)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "<title>A copy of your complaint" in html
    _assert_every_answer(html, page)
    assert "You have not sent this complaint yet" in html
    assert "What happens next" in html
    assert "we will send it to Northshire Police" in html
    # A copy, not a form: no change links, and the exit stays on screen.
    assert "?change=1" not in html
    assert "govuk-exit-this-page__button" in html
    assert Complaint.objects.count() == 0


def test_the_confirmation_links_to_a_copy_with_the_reference(client, directory):
    _connected(directory)
    journey_complete(client, directory["north"].id)
    check_answers = client.get(CHECK).content.decode()
    client.post(CHECK, {"declaration": "on"})
    complaint = Complaint.objects.get()
    page = client.get(SENT).content.decode()
    assert f'href="{SENT_COPY}"' in page and LINK in page
    response = client.get(SENT_COPY)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    _assert_every_answer(html, check_answers)
    assert complaint.reference in html
    assert "We have sent your complaint to Northshire Police" in html
    assert complaint.acknowledgement_due.strftime("%-d %B %Y") in html
    assert "not sent this complaint" not in html
    # Refresh and Back keep working for as long as the session lasts.
    assert client.get(SENT_COPY).status_code == 200
    # Nothing about the complaint is in either address.
    for url in (DRAFT_COPY, SENT_COPY):
        assert complaint.reference not in url and "sian" not in url.lower()


def test_the_draft_copy_after_sending_goes_to_the_sent_copy(client, directory):
    journey_complete(client, directory["north"].id)
    client.post(CHECK, {"declaration": "on"})
    assert client.get(DRAFT_COPY)["Location"] == SENT_COPY


def test_no_copy_without_a_complaint(client, directory):
    assert client.get(DRAFT_COPY)["Location"] == "/complaints/session-ended/"
    assert client.get(SENT_COPY)["Location"] == "/complaints/"


def test_an_unfinished_complaint_goes_to_the_first_unanswered_question(client, directory):
    client.post("/complaints/before-you-start/")
    assert client.get(DRAFT_COPY)["Location"] == "/complaints/question/who/"


def test_deleting_my_answers_after_sending_deletes_the_copy_but_not_the_reference(
    client, directory
):
    journey_complete(client, directory["north"].id)
    client.post(CHECK, {"declaration": "on"})
    complaint = Complaint.objects.get()
    client.post("/complaints/delete-answers/")
    assert client.get(SENT_COPY)["Location"] == SENT
    html = client.get(SENT).content.decode()
    assert complaint.reference in html
    assert LINK not in html


def test_the_quick_exit_deletes_the_copy(client, directory):
    journey_complete(client, directory["north"].id)
    client.post(CHECK, {"declaration": "on"})
    client.get("/exit/")
    assert client.get(SENT_COPY).status_code == 302
    assert "They did not tell me" not in client.get(SENT_COPY, follow=True).content.decode()
