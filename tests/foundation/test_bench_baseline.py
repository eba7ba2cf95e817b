"""The benchmark's bare view: exact size, and only when BENCH_BASELINE=true."""

import importlib

import pytest
from django.urls import clear_url_caches

from victims_service import urls as site_urls


@pytest.fixture
def baseline_mounted(settings):
    settings.BENCH_BASELINE = True
    importlib.reload(site_urls)
    clear_url_caches()
    yield
    settings.BENCH_BASELINE = False
    importlib.reload(site_urls)
    clear_url_caches()


@pytest.mark.django_db
def test_off_by_default(client):
    assert client.get("/bench/baseline/1000/").status_code == 404
    assert client.get("/bench/cached/victims-code/").status_code == 404


@pytest.mark.usefixtures("baseline_mounted")
def test_returns_exactly_the_bytes_asked_for_through_the_middleware(client):
    response = client.get("/bench/baseline/12345/")
    assert response.status_code == 200
    assert len(response.content) == 12345
    # It went through the same middleware as a real page.
    assert response["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in response


@pytest.mark.usefixtures("baseline_mounted")
def test_page_cache_prototype_keeps_a_fresh_nonce_per_response(client, db):
    """The fix bench/NOTES.md recommends: cached HTML, each response with its own nonce."""
    import datetime
    import re

    from guidance.models import Page
    from guidance.services import page_save

    page_save(
        page=Page(
            path="victims-code",
            title="Victims' Code",
            summary="",
            body="## Your rights\n\nYou can read this page.\n",
            last_reviewed=datetime.date(2026, 11, 1),
        )
    )
    real = client.get("/victims-code/")
    first = client.get("/bench/cached/victims-code/")
    second = client.get("/bench/cached/victims-code/")
    assert real.status_code == first.status_code == second.status_code == 200
    nonces = []
    for response in (first, second):
        header_nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
        html = response.content.decode()
        assert f'nonce="{header_nonce}"' in html
        assert "@@csp-nonce@@" not in html
        nonces.append(header_nonce)
    assert nonces[0] != nonces[1]
    # The main content is the page's. (The navigation differs only because the prototype
    # answers at /bench/cached/...: request.path is part of what a page depends on, so a
    # real page cache keys on it.)
    main = lambda r: r.content.decode().split("<main", 1)[1].split("</main>", 1)[0]  # noqa: E731
    assert main(second) == main(real)


@pytest.mark.django_db
@pytest.mark.usefixtures("baseline_mounted")
def test_sent_the_submissions_request_the_middleware_checks_the_token_and_saves_the_session(
    django_assert_num_queries,
):
    """The benchmark's second baseline: the bare view, POSTed to as the submission is."""
    from django.contrib.sessions.models import Session
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.get("/complaints/before-you-start/")  # a form, so a CSRF cookie
    token = client.cookies["csrftoken"].value
    session = client.session
    session["complaint"] = {"answers": {"who": {"role": "self"}}}
    session.save()
    client.cookies["sessionid"] = session.session_key
    before = Session.objects.get().expire_date
    assert client.post("/bench/baseline/0/").status_code == 403
    with django_assert_num_queries(2):  # the session read, then its save
        response = client.post("/bench/baseline/0/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert response.content == b""
    assert Session.objects.get().expire_date > before
