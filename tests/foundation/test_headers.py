"""Every response carries the headers that keep the people using the site safe."""

import re

import pytest


@pytest.fixture
def home(client):
    return client.get("/")


def test_strict_content_security_policy(home):
    policy = home.headers["Content-Security-Policy"]
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in policy.split(";")) if part
    )
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    nonce = re.search(r"'nonce-([^']+)'", directives["script-src"]).group(1)
    # The one inline script on the page carries this response's nonce.
    assert f'nonce="{nonce}"'.encode() in home.content


def test_nonce_differs_between_responses(client):
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]
    assert first != second


def test_privacy_headers(home):
    assert home.headers["Referrer-Policy"] == "no-referrer"
    assert home.headers["X-Content-Type-Options"] == "nosniff"
    assert home.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert home.headers["X-Frame-Options"] == "DENY"
    permissions = home.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions


@pytest.mark.django_db
def test_pages_are_never_cached(home, client):
    assert home.headers["Cache-Control"] == "no-store"
    assert client.get("/no-such-page/").headers["Cache-Control"] == "no-store"


def test_no_third_party_urls_in_pages(home):
    html = home.content.decode()
    for url in re.findall(r'(?:src|href|action)="([^"]+)"', html):
        assert not url.startswith(("http:", "https:", "//")), url


def test_production_cookies_and_hsts(settings):
    # The values the settings module gives when SECURE is on (the production default).
    import importlib
    import os

    import victims_service.settings as real

    old = os.environ.get("SECURE")
    os.environ["SECURE"] = "true"
    try:
        module = importlib.reload(real)
        assert module.SESSION_COOKIE_NAME == "__Host-session"
        assert module.CSRF_COOKIE_NAME == "__Host-csrftoken"
        assert module.SESSION_COOKIE_SECURE and module.CSRF_COOKIE_SECURE
        assert module.SESSION_COOKIE_HTTPONLY
        assert module.SECURE_HSTS_SECONDS >= 31536000
    finally:
        if old is None:
            os.environ.pop("SECURE")
        else:
            os.environ["SECURE"] = old
        importlib.reload(real)
