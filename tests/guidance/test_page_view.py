"""A guidance page: what a reader sees, what it costs, and how fast an edit shows."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from guidance.services import page_delete, page_save


def main_html(response) -> str:
    html = response.content.decode()
    return html[html.index('<main class="govuk-main-wrapper"') : html.index("</main>")]


@pytest.fixture(autouse=True)
def _empty_cache(db):
    # The database cache is rolled back with each test; a memory cache would not be.
    cache.clear()


def test_page_shows_title_body_and_last_reviewed(client, make_page):
    make_page(
        path="victims-code",
        title="The Victims’ Code",
        summary="Your rights.",
        body="## What it is\n\nA list of *your* rights.\n",
        last_reviewed=datetime.date(2026, 10, 5),
    )

    response = client.get("/victims-code/")

    assert response.status_code == 200
    html = main_html(response)
    assert html.count("<h1") == 1
    assert '<h1 class="govuk-heading-l">The Victims’ Code</h1>' in html
    assert '<h2 class="govuk-heading-m">What it is</h2>' in html
    assert 'Last reviewed: <time datetime="2026-10-05">5 October 2026</time>' in html
    assert "<title>The Victims’ Code – " in response.content.decode()


def test_url_reverses_to_the_page_path(make_page):
    page = make_page(path="victims-code/victim-personal-statement")
    assert page.get_absolute_url() == "/victims-code/victim-personal-statement/"
    assert reverse("guidance:page", args=["accessibility"]) == "/accessibility/"


def test_breadcrumbs_name_the_pages_above(client, make_page):
    make_page(path="victims-code", title="The Victims’ Code")
    make_page(path="victims-code/victim-personal-statement", title="Personal statement")

    html = client.get("/victims-code/victim-personal-statement/").content.decode()

    crumbs = html[
        html.index('class="govuk-breadcrumbs"') : html.index(
            "</nav>", html.index("govuk-breadcrumbs")
        )
    ]
    assert '<a class="govuk-breadcrumbs__link" href="/">Home</a>' in crumbs
    assert (
        '<a class="govuk-breadcrumbs__link" href="/victims-code/">The Victims’ Code</a>' in crumbs
    )
    assert "Personal statement" not in crumbs


def test_section_page_lists_its_children_in_order(client, make_page):
    make_page(path="victims-code", title="The Victims’ Code")
    make_page(path="victims-code/b", title="Second right", order=2, summary="The second.")
    make_page(path="victims-code/a", title="First right", order=1, summary="The first.")
    make_page(path="victims-code/a/deeper", title="Not a direct child")
    make_page(path="victims-code/hidden", title="Draft right", published=False)
    make_page(path="victims-code-other", title="Not in the section")

    html = main_html(client.get("/victims-code/"))

    assert "In this section" in html
    assert html.index("First right") < html.index("Second right")
    assert "The first." in html and "The second." in html
    assert 'href="/victims-code/a/"' in html
    for absent in ("Not a direct child", "Draft right", "Not in the section"):
        assert absent not in html


def test_page_with_no_children_has_no_list(client, make_page):
    make_page(path="privacy")
    assert "In this section" not in main_html(client.get("/privacy/"))


def test_complain_about_page_has_a_start_button_for_its_organisation(client, make_page):
    make_page(
        path="complain-about/police", title="Complain about the police", org_type="police_force"
    )

    html = main_html(client.get("/complain-about/police/"))

    start = reverse("complaints:start")
    assert re.search(
        rf'<a href="{start}\?about=police_force" role="button"[^>]*govuk-button--start', html
    )
    assert "Start your complaint" in html


def test_page_without_org_type_has_no_start_button(client, make_page):
    make_page(path="making-a-complaint")
    assert "Start your complaint" not in main_html(client.get("/making-a-complaint/"))


def test_unpublished_and_missing_pages_are_not_found(client, make_page):
    make_page(path="draft", published=False)
    assert client.get("/draft/").status_code == 404
    assert client.get("/no-such/page/").status_code == 404


def test_a_page_costs_at_most_two_queries_once_cached(
    client, make_page, django_assert_max_num_queries
):
    make_page(path="victims-code")
    make_page(path="victims-code/right", title="A right")
    make_page(path="victims-code/right/detail")
    client.get("/victims-code/right/")  # fills the cache

    # The page and its breadcrumbs (one query), then the cached HTML (the database cache
    # costs a query; Redis in production does not).
    with django_assert_max_num_queries(2):
        response = client.get("/victims-code/right/")
    assert response.status_code == 200


def test_a_page_costs_at_most_two_queries_uncached_with_a_memory_cache(
    client, make_page, settings, django_assert_max_num_queries
):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    make_page(path="victims-code")
    make_page(path="victims-code/right", title="A right")
    make_page(path="victims-code/right/detail")

    # The page with its breadcrumbs, then its children to list.
    with django_assert_max_num_queries(2):
        response = client.get("/victims-code/right/")
    assert "Detail" in response.content.decode()


def test_editing_a_page_shows_at_once(client, make_page):
    page = make_page(path="privacy", body="## Old heading\n\nOld words.\n")
    assert "Old words." in client.get("/privacy/").content.decode()

    page.body = "## New heading\n\nNew words.\n"
    page_save(page=page)

    html = client.get("/privacy/").content.decode()
    assert "New words." in html and "Old words." not in html


def test_editing_or_removing_a_child_updates_the_section_list(client, make_page):
    make_page(path="victims-code")
    child = make_page(path="victims-code/right", title="Old title")
    assert "Old title" in client.get("/victims-code/").content.decode()

    child.title = "New title"
    page_save(page=child)
    assert "New title" in client.get("/victims-code/").content.decode()

    child.published = False
    page_save(page=child)
    assert "New title" not in client.get("/victims-code/").content.decode()

    child.published = True
    page_save(page=child)
    page_delete(page=child)
    assert "In this section" not in client.get("/victims-code/").content.decode()


def test_cached_html_never_carries_another_response_s_nonce(client, make_page):
    make_page(path="privacy")
    first = client.get("/privacy/")
    second = client.get("/privacy/")

    nonce = re.search(r"'nonce-([^']+)'", second.headers["Content-Security-Policy"]).group(1)
    first_nonce = re.search(r"'nonce-([^']+)'", first.headers["Content-Security-Policy"]).group(1)
    assert nonce != first_nonce
    html = second.content.decode()
    assert f'nonce="{nonce}"' in html
    assert first_nonce not in html


def test_an_edit_made_in_another_process_shows_after_the_recheck(client, make_page, monkeypatch):
    """Another worker's save cannot clear this process's cache; the recheck catches it."""
    from django.utils import timezone

    from guidance import views
    from guidance.models import Page

    page = make_page(path="privacy", body="## Heading\n\nOld words.\n")
    assert "Old words." in client.get("/privacy/").content.decode()

    # As another process would save it: no call into this process's services.
    Page.objects.filter(pk=page.pk).update(
        body="## Heading\n\nNew words.\n", updated_at=timezone.now()
    )
    assert "Old words." in client.get("/privacy/").content.decode()  # within the interval

    monkeypatch.setattr(views, "RECHECK_SECONDS", 0)
    html = client.get("/privacy/").content.decode()
    assert "New words." in html and "Old words." not in html


def test_a_busy_page_costs_no_query_between_rechecks(client, make_page, django_assert_num_queries):
    make_page(path="privacy")
    client.get("/privacy/")
    with django_assert_num_queries(0):
        assert client.get("/privacy/").status_code == 200
