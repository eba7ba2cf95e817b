"""/healthz: what a load balancer asks before sending people to this server."""

from unittest import mock

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_healthy_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    # A cached "healthy" would keep traffic flowing to a broken server.
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_unhealthy_when_the_database_is_down(client):
    with mock.patch(
        "victims_service.views.connection.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


@pytest.mark.django_db
def test_health_check_needs_no_session_or_cookie(client):
    response = client.get("/healthz")
    assert "sessionid" not in response.cookies
    assert not any(name.endswith("session") for name in response.cookies)
