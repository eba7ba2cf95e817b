"""A complaint made in Welsh: the language is kept, staff are told, emails follow it."""

from __future__ import annotations

import pytest

from complaints import notifications
from complaints.models import Complaint
from tests.complaints.builders import complaint_build, organisation_build
from tests.complaints.journey_support import default_answers, directory_create, journey_complete
from tests.complaints.triage_setup import handler_build
from tests.staff_auth import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    return directory_create()


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver"


def _welsh(url: str) -> str:
    return "/cy" + url


def test_a_complaint_sent_from_the_welsh_pages_is_stored_as_welsh(
    client, directory, mailoutbox, django_capture_on_commit_callbacks
):
    journey_complete(client, directory["north"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_welsh("/complaints/check-your-answers/"), {"declaration": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/cy/complaints/complaint-sent/"
    complaint = Complaint.objects.get()
    assert complaint.service_language == "cy"
    [to_person] = [m for m in mailoutbox if m.to == ["sian@example.com"]]
    assert to_person.subject == "Rydym wedi cael eich cwyn"
    # Links in a Welsh email lead to the Welsh pages.
    assert "http://testserver/cy/" in to_person.body


def test_a_complaint_sent_from_the_english_pages_is_stored_as_english(client, directory):
    journey_complete(client, directory["north"].pk)
    client.post("/complaints/check-your-answers/", {"declaration": "on"})
    assert Complaint.objects.get().service_language == "en-gb"


def test_switching_language_halfway_keeps_every_answer(client, directory):
    answers = default_answers(directory["north"].pk)
    client.post("/complaints/before-you-start/")
    for slug, data in answers[:6]:
        assert client.post(f"/complaints/question/{slug}/", data).status_code == 302
    # The switch on the next question leads to the same question in Welsh...
    html = client.get("/complaints/question/what-happened/").content.decode()
    assert 'href="/cy/complaints/question/what-happened/" lang="cy"' in html
    # ...which still has every answer, and the rest can be given there.
    for slug, data in answers[6:]:
        response = client.post(f"/cy/complaints/question/{slug}/", data)
        assert response.status_code == 302, slug
        assert response["Location"].startswith("/cy/")
    html = client.get("/cy/complaints/check-your-answers/").content.decode()
    assert '<html lang="cy"' in html
    assert "They did not tell me about the court date." in html
    assert "sian@example.com" in html
    # Back in English, the answers given in Welsh are there too.
    html = client.get("/complaints/question/what-happened/").content.decode()
    assert "They did not tell me about the court date." in html


def test_staff_see_the_language_and_are_asked_to_reply_in_welsh(client):
    police = organisation_build(name="Testshire Police")
    welsh = complaint_build(police, service_language="cy")
    english = complaint_build(police)
    login_verified(client, handler_build(police))
    html = client.get(f"/staff/complaints/complaint/{welsh.pk}/change/").content.decode()
    assert "They made this complaint in Welsh: reply in Welsh." in html
    assert '<html lang="en' in html
    html = client.get(f"/staff/complaints/complaint/{english.pk}/change/").content.decode()
    assert "reply in Welsh" not in html


def test_a_welsh_complainant_gets_emails_with_welsh_links_whoever_makes_the_change(
    mailoutbox, django_capture_on_commit_callbacks
):
    police = organisation_build(name="Testshire Police")
    complaint = complaint_build(police, service_language="cy")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify_complaint_received(complaint=complaint)
    [to_person] = [m for m in mailoutbox if m.to == [complaint.email]]
    assert to_person.subject == "Rydym wedi cael eich cwyn"
    assert to_person.body.startswith("Helo,")
    assert f"Eich cyfeirnod yw {complaint.reference}" in to_person.body
    assert "http://testserver/cy/" in to_person.body
    # The organisation's staff work in English.
    [to_inbox] = [m for m in mailoutbox if m.to == [police.inbox_email]]
    assert "A complaint has been sent to" in to_inbox.subject
    assert "/cy/" not in to_inbox.body


def test_the_character_count_counts_in_the_page_language(client, directory):
    answers = default_answers(directory["north"].pk)
    client.post("/complaints/before-you-start/")
    for slug, data in answers[:6]:
        client.post(f"/complaints/question/{slug}/", data)
    english = client.get("/complaints/question/what-happened/").content.decode()
    under = "data-i18n.characters-under-limit.other="
    assert f'{under}"You have %{{count}} characters remaining"' in english
    welsh = client.get("/cy/complaints/question/what-happened/").content.decode()
    assert f'{under}"Mae gennych %{{count}} nod yn weddill"' in welsh
    assert "Gallwch roi hyd at 5,000 nod" in welsh


def test_a_status_change_by_staff_emails_a_welsh_complainant_in_welsh(
    mailoutbox, django_capture_on_commit_callbacks
):
    from complaints import services

    police = organisation_build(name="Testshire Police")
    complaint = complaint_build(police, service_language="cy")
    handler = handler_build(police)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_acknowledge(complaint_id=complaint.pk, actor=handler)
    [to_person] = [m for m in mailoutbox if m.to == [complaint.email]]
    assert to_person.subject == "Mae eich cwyn wedi’i chydnabod"


def test_a_welsh_email_names_a_welsh_force_in_welsh(mailoutbox, django_capture_on_commit_callbacks):
    from complaints import services

    police = organisation_build(name="South Wales Police", name_cy="Heddlu De Cymru")
    complaint = complaint_build(police, service_language="cy")
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_acknowledge(complaint_id=complaint.pk, actor=handler_build(police))
    [to_person] = [m for m in mailoutbox if m.to == [complaint.email]]
    assert "Mae Heddlu De Cymru (South Wales Police) wedi cydnabod eich cwyn" in to_person.body
