"""Sent means sent: after sending, Back, refresh and a second tab all show the confirmation
with the reference, for as long as the session lasts; never "not sent" or "timed out"."""

from __future__ import annotations

import pytest

from complaints.journey import SENT_KEY, SESSION_KEY
from complaints.models import Complaint
from tests.complaints.journey_support import directory_create, journey_complete, step_url

CHECK = "/complaints/check-your-answers/"
SENT = "/complaints/complaint-sent/"
NOT_SENT = ["not been sent", "Start again", "session ended", "timed out", "deleted"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(client):
    directory = directory_create()
    journey_complete(client, directory["north"].id)
    response = client.post(CHECK, {"declaration": "on"})
    assert response["Location"] == SENT
    return Complaint.objects.get()


def _assert_confirmation(response, complaint, *, already: bool) -> None:
    assert response.status_code == 200
    html = response.content.decode()
    assert "Complaint sent" in html
    assert complaint.reference in html
    assert "What happens next" in html
    for words in NOT_SENT:
        assert words not in html, words
    assert ("You have already sent this complaint" in html) is already


def test_refreshing_the_confirmation_keeps_showing_it(client, sent):
    for _ in range(3):
        _assert_confirmation(client.get(SENT), sent, already=False)


@pytest.mark.parametrize("slug", ["who", "what-happened", "support"])
def test_back_to_a_question_page_shows_the_confirmation_not_not_sent(client, sent, slug):
    response = client.get(step_url(slug), follow=True)
    assert response.redirect_chain[-1][0] == SENT
    _assert_confirmation(response, sent, already=True)
    # The notice is for that visit only; the confirmation itself stays.
    _assert_confirmation(client.get(SENT), sent, already=False)


def test_back_to_check_your_answers_shows_the_confirmation(client, sent):
    response = client.get(CHECK, follow=True)
    assert response.redirect_chain[-1][0] == SENT
    _assert_confirmation(response, sent, already=False)


def test_a_second_tab_continuing_is_told_it_was_sent_with_the_reference(client, sent):
    """The other tab still shows "What happened" and presses Continue."""
    response = client.post(
        step_url("what-happened"), {"what_happened": "Something more."}, follow=True
    )
    assert response.redirect_chain[-1][0] == SENT
    _assert_confirmation(response, sent, already=True)
    # Nothing new was begun over the sent complaint: the first tab's refresh still works.
    assert SESSION_KEY not in client.session
    _assert_confirmation(client.get(SENT), sent, already=False)
    assert Complaint.objects.count() == 1


def test_a_second_tab_sending_again_gets_the_same_complaint(client, sent):
    response = client.post(CHECK, {"declaration": "on"}, follow=True)
    _assert_confirmation(response, sent, already=False)
    assert Complaint.objects.count() == 1


def test_the_session_ended_page_after_sending_shows_the_confirmation(client, sent):
    response = client.get("/complaints/session-ended/", follow=True)
    _assert_confirmation(response, sent, already=False)


def test_starting_a_new_complaint_keeps_the_sent_ones_confirmation(client, sent):
    client.post("/complaints/before-you-start/")
    assert client.get(step_url("who")).status_code == 200
    assert client.post(step_url("who"), {"role": "self"}).status_code == 302
    _assert_confirmation(client.get(SENT), sent, already=False)


def test_after_sending_the_answers_are_gone_from_the_journey(client, sent):
    assert SESSION_KEY not in client.session
    assert client.session[SENT_KEY]["reference"] == sent.reference
    assert client.session[SENT_KEY]["key"] == sent.idempotency_key


def test_when_the_session_ends_the_confirmation_goes_too(client, sent):
    client.get("/exit/")
    response = client.get(SENT)
    assert response.status_code == 302
    assert sent.reference not in client.get(SENT, follow=True).content.decode()
