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


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_exit_still_leaves_when_the_database_is_down(client, method, monkeypatch):
    """An error page here would keep the person on the site, and its exit leads back here."""
    from django.db import OperationalError

    _session_with_answer(client)

    def down(self, *args, **kwargs):
        raise OperationalError("connection refused")

    for name in ("load", "delete", "save", "exists"):
        monkeypatch.setattr(SessionStore, name, down)
    response = getattr(client, method)("/exit/", HTTP_SEC_FETCH_SITE="same-origin")
    if method == "get":
        assert response.status_code == 302
        assert response["Location"] == settings.QUICK_EXIT_URL
    else:
        assert response.status_code == 204
    # The browser is told to forget the session cookie.
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""


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
