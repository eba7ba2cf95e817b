"""Every public page's <title> says what its <h1> says (WCAG 2.4.2): the title is what a
screen reader announces first and what shows in the tab and the browser's history."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from complaints.journey import STEPS, Journey
from tests.complaints.journey_support import directory_create, journey_complete

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("/staff/", "/exit/", "/static/", "/healthz", "/complaints/keep-alive/")


class _Page(HTMLParser):
    """The title, the first h1's text (visually hidden parts included) and the links."""

    def __init__(self):
        super().__init__()
        self.title = ""
        self.h1 = ""
        self.h1_count = 0
        self.caption = ""
        self._caption_depth = 0
        self.links: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self._caption_depth:
            self._caption_depth += 1
        elif not self.caption and any(c.startswith("govuk-caption-") for c in classes):
            self._caption_depth = 1
        if tag in ("title", "h1"):
            self._in.append(tag)
            if tag == "h1":
                self.h1_count += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if self._caption_depth:
            self._caption_depth -= 1
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._caption_depth:
            self.caption += data
        if "title" in self._in:
            self.title += data
        elif "h1" in self._in and self.h1_count == 1:
            self.h1 += data


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", unescape(text)).strip()


def title_problem(page: _Page) -> str | None:
    """What is wrong with the page's title, or None."""
    service = str(settings.SERVICE_NAME)
    title = _normal(page.title).removeprefix("Error: ")
    h1 = _normal(page.h1)
    if page.h1_count != 1:
        return f"{page.h1_count} h1 elements"
    if title == service and h1 == service:
        return None  # the home page: the service's name is its heading
    if not title.endswith(f" – {service}"):
        return f"title {title!r} does not end with the service's name"
    title = title.removesuffix(f" – {service}")
    # The heading, optionally followed by the caption above it (the section it is in).
    caption = _normal(page.caption)
    if title != h1 and not (caption and title == f"{h1} – {caption}"):
        return f"title {title!r} but h1 {h1!r}" + (f" (caption {caption!r})" if caption else "")
    return None


def assert_title_matches_h1(html: str, where: str) -> _Page:
    page = _Page()
    page.feed(html)
    problem = title_problem(page)
    assert problem is None, f"{where}: {problem}"
    return page


@pytest.fixture
def site_content(db):
    call_command("load_content", verbosity=0)
    return directory_create()


@pytest.fixture
def shipped(db):
    """The shipped guidance, directory and routing rules, as `make run` loads them."""
    from directory.data.loader import directory_load

    call_command("load_content", verbosity=0)
    directory_load()


def _crawl(client, start: str, limit: int = 400) -> tuple[list[str], list[str]]:
    seen, queue, checked, problems = {start}, [start], [], []
    while queue and len(checked) < limit:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        if problem := title_problem(page):
            problems.append(f"{url}: {problem}")
        checked.append(url)
        for href in page.links:
            parts = urlsplit(urljoin(url, href))
            if parts.netloc and parts.netloc != "testserver":
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not path.startswith("/") or path.startswith(SKIP_PREFIXES) or path in seen:
                continue
            seen.add(path)
            queue.append(path)
    return checked, problems


def test_every_page_reached_by_links_from_the_home_page(client, shipped):
    checked, problems = _crawl(client, "/")
    assert not problems, "\n".join(problems)
    # The guidance pages, the tool, the directory, search and the complaint pages.
    assert len(checked) > 30, checked
    for expected in ("/", "/victims-code/", "/complaints/", "/complaints/check/"):
        assert expected in checked


def test_every_page_of_the_who_to_complain_to_tool(client, shipped):
    from directory import routing

    problems, results = [], 0
    for org_type, _label in routing.ORG_TYPE_CHOICES:
        client.cookies.clear()
        url, answer = f"/who-should-i-complain-to/{routing.STEP_ORG_TYPE}/", org_type
        for _ in range(5):
            page = _Page()
            page.feed(client.get(url).content.decode())
            if problem := title_problem(page):
                problems.append(f"{url} ({org_type}): {problem}")
            if url.endswith("/result/"):
                results += 1
                break
            if answer is None:  # the first choice on this page
                html = client.get(url).content.decode()
                field = re.search(
                    r'<(?:input|option)\b[^>]*\bvalue="([^"]+)"[^>]*>',
                    html.split('name="answer"', 1)[1],
                )
                answer = field.group(1)
            url = client.post(url, {"answer": answer})["Location"]
            answer = None
    assert not problems, "\n".join(problems)
    assert results == len(routing.ORG_TYPE_CHOICES)


def test_every_local_police_area_page(client, shipped):
    from directory import selectors

    problems = []
    urls = ["/find-your-local-police/", "/find-your-local-police/?force=nowhere"]
    urls += [f"/find-your-local-police/{area.slug}/" for area in selectors.police_areas()]
    assert len(urls) > 40
    for url in urls:
        page = _Page()
        page.feed(client.get(url).content.decode())
        if problem := title_problem(page):
            problems.append(f"{url}: {problem}")
    assert not problems, "\n".join(problems)


def _session_with_answers(client, answers: dict) -> None:
    session = client.session
    journey = Journey(session)
    journey.start()
    journey.data["answers"].update(answers)
    session.save()
    # Starting a journey gives the session a new key (so a key seen before the journey is
    # worthless); the test client must send the new one.
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key


def test_every_question_page_with_and_without_errors(client, site_content):
    # Answer sets that, between them, make every question page apply.
    routes = [
        {},
        {"role": "on_behalf", "permission": "written", "org_type": "police_force"},
        {
            "role": "self",
            "org_type": "police_force",
            "subject": "service",
            "organisation_id": site_content["north"].id,
            "incident_date": "2019-01-01",  # more than 12 months ago: "late" applies
        },
        # A request that is not a complaint: the date of the decision letter.
        {"role": "self", "org_type": "cps", "subject": "decision"},
    ]
    checked = set()
    for answers in routes:
        client.cookies.clear()
        _session_with_answers(client, answers)
        for step in STEPS:
            response = client.get(step.url())
            if response.status_code != 200:
                continue  # does not apply to these answers
            assert_title_matches_h1(response.content.decode(), step.slug)
            # The same page with errors: "Error: " then the same title.
            posted = client.post(step.url(), {})
            if posted.status_code == 200:
                html = posted.content.decode()
                assert "<title>Error: " in html, step.slug
                assert_title_matches_h1(html, f"{step.slug} with errors")
            checked.add(step.slug)
    missing = {step.slug for step in STEPS} - checked
    assert not missing, f"add answers to `routes` that make these pages apply: {missing}"


def test_the_pages_around_sending(client, site_content):
    north = site_content["north"].id
    journey_complete(client, north)
    for url in ("/complaints/check-your-answers/", "/complaints/check-your-answers/copy/"):
        assert_title_matches_h1(client.get(url).content.decode(), url)
    client.post("/complaints/check-your-answers/", {"declaration": "on"})
    for url in ("/complaints/complaint-sent/", "/complaints/complaint-sent/copy/"):
        assert_title_matches_h1(client.get(url).content.decode(), url)
    # A question page of the sent complaint: the confirmation, with its notice.
    html = client.get("/complaints/question/who/", follow=True).content.decode()
    assert_title_matches_h1(html, "confirmation after Back")


def test_the_session_ended_pages(client, site_content):
    html = client.get("/complaints/session-ended/").content.decode()
    assert_title_matches_h1(html, "session ended")
    # The answer on the page was kept in a fresh session.
    html = client.post("/complaints/question/who/", {"role": "self"}, follow=True).content.decode()
    assert "Your session ended" in html
    assert_title_matches_h1(html, "session ended, answer kept")


def test_error_pages(client, site_content):
    from django.test import Client

    html = client.get("/no-such-page/").content.decode()
    assert_title_matches_h1(html, "404")
    csrf = Client(enforce_csrf_checks=True).post("/complaints/check/", {}).content.decode()
    assert_title_matches_h1(csrf, "CSRF failure")
    for url in ("/complaints/check/email-sent/", "/complaints/check/link/not-a-real-link/"):
        assert_title_matches_h1(client.get(url).content.decode(), url)
    # Sending while the database is unreachable.
    from unittest import mock

    from django.db import OperationalError

    journey_complete(client, site_content["north"].id)
    with mock.patch(
        "complaints.models.Complaint.save", side_effect=OperationalError("server closed")
    ):
        response = client.post("/complaints/check-your-answers/", {"declaration": "on"})
    assert response.status_code == 503
    assert_title_matches_h1(response.content.decode(), "not sent: database unavailable")
    # A form with errors on check your answers.
    html = client.post("/complaints/check-your-answers/", {}).content.decode()
    assert "<title>Error: " in html
    assert_title_matches_h1(html, "check your answers with an error")
