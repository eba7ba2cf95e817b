"""The exit endpoint ends the server session, with or without JavaScript."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

pytestmark = pytest.mark.django_db


def _session_with_answer(client) -> str:
    session = client.session
    session["answer"] = "something private"
    session.save()
    return session.session_key


def test_beacon_ends_the_session(client):
    key = _session_with_answer(client)
    response = client.post("/exit/", HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 204
    assert not SessionStore().exists(key)


def test_link_without_javascript_ends_the_session_and_leaves(client):
    key = _session_with_answer(client)
    response = client.get("/exit/")
    assert response.status_code == 302
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert not SessionStore().exists(key)


def test_another_site_cannot_end_the_session(client):
    key = _session_with_answer(client)
    response = client.post("/exit/", HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert SessionStore().exists(key)


def test_every_page_has_the_exit_button_as_a_working_link(client):
    html = client.get("/").content.decode()
    assert 'class="govuk-button govuk-button--warning govuk-exit-this-page__button' in html
    assert 'href="/exit/"' in html
    assert 'rel="nofollow noreferrer"' in html
    assert '<span class="govuk-visually-hidden">Emergency</span>' in html
    assert "govuk-js-exit-this-page-skiplink" in html
