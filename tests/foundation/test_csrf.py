"""Forms work under `Referrer-Policy: no-referrer` without weakening CSRF protection.

Browsers send `Origin: null` on form POSTs under that policy; the site accepts it only
when the browser also says the request is same-origin, and the token is still checked.
"""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/staff/login/"


def _token(client: Client) -> str:
    client.get(LOGIN)
    return client.cookies["csrftoken"].value


def test_same_origin_post_with_null_origin_is_accepted():
    client = Client(enforce_csrf_checks=True)
    token = _token(client)
    response = client.post(
        LOGIN,
        {"username": "nobody", "password": "wrong", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="null",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    # The form was processed (a failed sign-in), not refused as a CSRF failure.
    assert response.status_code == 200
    assert "Your page was out of date" not in response.content.decode()


@pytest.mark.parametrize("fetch_site", ["cross-site", "same-site", None])
def test_null_origin_from_elsewhere_is_refused(fetch_site):
    client = Client(enforce_csrf_checks=True)
    token = _token(client)
    headers = {"HTTP_ORIGIN": "null"}
    if fetch_site:
        headers["HTTP_SEC_FETCH_SITE"] = fetch_site
    response = client.post(
        LOGIN, {"username": "a", "password": "b", "csrfmiddlewaretoken": token}, **headers
    )
    assert response.status_code == 403


def test_null_origin_without_the_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    _token(client)
    response = client.post(
        LOGIN,
        {"username": "a", "password": "b"},
        HTTP_ORIGIN="null",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 403
