"""Bad input gets the styled error page with a way back: never a stack trace, never a 500."""

import pytest
from django.test import Client
from django.urls import path

from victims_service import urls as site_urls


def _boom(request):
    raise RuntimeError("secret detail that must not reach the page")


urlpatterns = [path("boom/", _boom), *site_urls.urlpatterns]
handler500 = site_urls.handler500


def assert_styled(response, heading: str):
    html = response.content.decode()
    assert heading in html
    assert "govuk-exit-this-page" in html
    assert 'href="/"' in html
    assert "Traceback" not in html


@pytest.mark.django_db
def test_unknown_url(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_styled(response, "Page not found")


def test_oversized_body_is_a_styled_400(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/staff/login/", {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 400
    assert_styled(response, "Sorry, we could not read that request")


@pytest.mark.django_db
def test_oversized_body_on_a_form_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/exit/", {"q": "x" * 5000})
    # The exit endpoint never reads the body: leaving always works.
    assert response.status_code == 204


def test_malformed_host_is_a_styled_400(client):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert_styled(response, "Sorry, we could not read that request")


def test_csrf_failure_page():
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/staff/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert_styled(response, "Your page was out of date")


def test_csrf_failure_page_says_how_to_try_again_without_losing_text():
    """Reloading empties the box; the page must not tell people to do that."""
    csrf_client = Client(enforce_csrf_checks=True)
    html = csrf_client.post("/staff/login/", {"username": "a"}).content.decode()
    assert "reload" not in html.lower()
    assert "back button to go back to the form" in html
    assert "Copy anything you typed" in html
    assert "Send the form again" in html


@pytest.mark.urls("tests.foundation.test_errors")
def test_server_error_is_styled_and_hides_the_detail(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "secret detail" not in html
    assert "govuk-exit-this-page" in html
