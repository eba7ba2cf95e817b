"""Search: PostgreSQL full-text search, or the simple search on SQLite."""

from __future__ import annotations

import pytest
from django.db import connection

from guidance.search import search_pages

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the simple search")


@pytest.fixture
def pages(make_page):
    make_page(
        path="complain-about/police",
        title="Complain about the police",
        summary="How to complain about a police officer.",
        body="## Who to contact\n\nWrite to the force's professional standards department.\n",
    )
    make_page(
        path="victims-code/compensation",
        title="Information about compensation",
        summary="Money for an injury.",
        body="## What you can expect\n\nThe police should tell you about compensation.\n",
    )
    make_page(
        path="draft",
        title="Draft about the police",
        body="## Draft\n\nPolice.\n",
        published=False,
    )


def test_search_page_lists_matches_with_highlighted_words(client, pages):
    response = client.get("/search/", {"q": "compensation"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 result" in html
    assert '<a class="govuk-link" href="/victims-code/compensation/">' in html
    assert "<mark>compensation</mark>" in html


def test_title_matches_come_first_and_drafts_never_appear(pages):
    results = search_pages("police")
    assert [r.url for r in results] == [
        "/complain-about/police/",
        "/victims-code/compensation/",
    ]


def test_the_words_searched_for_stay_out_of_the_title_and_autofill(client, pages):
    """Titles are kept in the browser's history, where someone else may read them."""
    html = client.get("/search/", {"q": "compensation"}).content.decode()
    title = html.split("<title>")[1].split("</title>")[0]
    assert "compensation" not in title and "Search results" in title
    assert 'id="search-q" name="q" type="search" value="compensation" maxlength="200" ' in html
    assert 'autocomplete="off"' in html.split('id="search-q"')[1].split(">")[0]


def test_no_matches_suggests_what_to_do(client, pages):
    html = client.get("/search/", {"q": "zebra"}).content.decode()
    assert "0 results" in html
    assert "There are no matching pages." in html


def test_empty_search_shows_just_the_form(client, pages):
    html = client.get("/search/", {"q": "   "}).content.decode()
    assert 'id="search-q"' in html
    assert "result" not in html.split("</form>", 2)[-1]


def test_page_text_is_escaped_in_excerpts(client, make_page):
    make_page(
        path="odd",
        title="Odd page",
        body="## Odd\n\nThe word tricky sits next to &lt;b&gt; and <img src=x> here.\n",
    )
    html = client.get("/search/", {"q": "tricky"}).content.decode()
    assert "<mark>tricky</mark>" in html
    assert "<img src=x>" not in html
    assert "<b>" not in html


def test_the_query_is_escaped_and_kept_in_the_box(client, pages):
    html = client.get("/search/", {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)" not in html
    assert 'value="&quot;&gt;&lt;script&gt;' in html


def test_search_costs_one_query(client, pages, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        search_pages("police")
    # The simple search tries again with any word when no page has them all.
    with django_assert_max_num_queries(2):
        search_pages("police zebra")


@on_postgresql
def test_postgresql_search_understands_word_forms(pages):
    # Stemming: "complaining" finds pages that say "complain", "standard" finds "standards".
    results = search_pages("complaining standard")
    assert [r.url for r in results] == ["/complain-about/police/"]
    assert "<mark>standards</mark>" in results[0].excerpt


@on_postgresql
def test_postgresql_search_accepts_any_text(pages):
    # websearch syntax never raises on odd input.
    assert search_pages('"unclosed -police OR') is not None


def test_search_needs_every_word_then_falls_back_to_any(pages):
    assert [r.url for r in search_pages("police standards")] == ["/complain-about/police/"]
    assert len(search_pages("standards zebra")) == 1


@on_sqlite
def test_simple_search_matches_parts_of_words_without_stemming(pages):
    # No stemming on SQLite: "compensat" finds "compensation", "complaining" finds nothing.
    assert [r.url for r in search_pages("compensat")] == ["/victims-code/compensation/"]
    assert search_pages("complaining") == []


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["\x00", "a\x00b", "\x1f\x7f", "victim\x00"])
def test_control_characters_never_break_search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
