"""Session fixation, the staff sign-in redirect, the venv, `make serve` (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from directory import routing
from tests.foundation.test_staff_security import LOGIN_URL, PASSWORD, current_code
from tests.staff_auth import totp_device_for

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_starting_a_complaint_gives_a_new_session_key_and_keeps_the_tool_answers(client):
    session = client.session
    session[routing.ANSWERS_SESSION_KEY] = {"org_type": "police_force"}
    session.save()
    before = client.cookies["sessionid"].value
    assert client.post("/complaints/before-you-start/").status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    assert client.session[routing.ANSWERS_SESSION_KEY] == {"org_type": "police_force"}
    assert client.session["complaint"]["answers"]["org_type"] == "police_force"


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example.net/", "//evil.example.net/", "/\\evil.example.net", ""]
)
def test_staff_sign_in_with_an_unsafe_next_lands_on_staff(client, unsafe):
    user = get_user_model().objects.create_user(username="sam", password=PASSWORD, is_staff=True)
    device = totp_device_for(user)
    response = client.post(
        LOGIN_URL,
        {
            "username": "sam",
            "password": PASSWORD,
            "otp_token": current_code(device),
            "next": unsafe,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_make_install_upgrades_pip_and_setuptools():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"pip install [^\n]*--upgrade pip setuptools", makefile)


def test_make_serve_uses_its_own_database_file():
    makefile = (ROOT / "Makefile").read_text()
    serve_env = makefile.split("SERVE_ENV =")[1].split("\n\n")[0]
    assert "db-serve.sqlite3" in serve_env
    assert "DATABASE_URL" in serve_env
