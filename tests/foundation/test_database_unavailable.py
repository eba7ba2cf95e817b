"""When the database is unreachable people see a calm 503, never a 500."""

import pytest
from django.db import IntegrityError, OperationalError
from django.urls import path

from victims_service import urls as site_urls


def _database_down(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def _integrity_bug(request):
    raise IntegrityError("duplicate key")


urlpatterns = [
    path("down/", _database_down),
    path("bug/", _integrity_bug),
    *site_urls.urlpatterns,
]
handler500 = site_urls.handler500


@pytest.mark.urls("tests.foundation.test_database_unavailable")
def test_database_outage_is_a_503_that_says_answers_are_kept(client):
    client.raise_request_exception = False
    response = client.post("/down/", {"what_happened": "x"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert "your answers have been kept" in html
    assert "govuk-exit-this-page" in html
    assert "Connection refused" not in html


@pytest.mark.urls("tests.foundation.test_database_unavailable")
def test_other_database_errors_are_still_500s(client):
    # A constraint failure is a bug to fix, not an outage to wait out.
    client.raise_request_exception = False
    response = client.get("/bug/")
    assert response.status_code == 500


@pytest.mark.django_db
def test_benchmark_view_is_not_reachable_by_default(client):
    assert client.get("/bench/baseline/100/").status_code == 404
