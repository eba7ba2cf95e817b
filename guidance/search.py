"""Searching guidance pages: PostgreSQL full-text search, or a simple search on SQLite.

Both return the same SearchResult list, with an excerpt that is already HTML-escaped and
has the matched words wrapped in <mark>. The site has tens of pages, so neither needs an
index yet; add a GIN index on the search vector if the page count grows into thousands.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass
from functools import reduce

from django.db import connection
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from guidance.models import Page
from guidance.rendering import markdown_to_text

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50
EXCERPT_CHARS = 220

# Private-use characters mark the highlighted words in PostgreSQL's headline, so the
# text can be escaped first and the marks turned into <mark> afterwards: page text is
# never trusted as HTML.
_START, _STOP = "\ue000", "\ue001"


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    summary: str
    excerpt: SafeString


def normalise_query(raw: str | None) -> str:
    # Control characters (NUL above all, which PostgreSQL refuses in text) become spaces.
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in (raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class _Language:
    """Which fields hold the text in a language, and how PostgreSQL reads them."""

    title: str
    summary: str
    body: str
    # PostgreSQL has no Welsh dictionary: "simple" lower-cases words without stemming, so
    # "cwyn" finds "cwyn" (not "cwynion"), and English stemming never mangles Welsh words.
    config: str


ENGLISH = _Language("title", "summary", "body", "english")
WELSH = _Language("title_cy", "summary_cy", "body_cy", "simple")


def _language() -> _Language:
    return WELSH if get_language() == "cy" else ENGLISH


def _searchable():
    pages = Page.objects.published()
    if _language() is WELSH:
        # Only pages with a Welsh version: Welsh search results are Welsh pages.
        pages = pages.exclude(title_cy="")
    return pages


def search_pages(query: str) -> list[SearchResult]:
    query = normalise_query(query)
    if not query:
        return []
    if connection.vendor == "postgresql":
        return _search_postgresql(query)
    return _search_simple(query)


def _marked_to_html(text: str) -> SafeString:
    text = " ".join(markdown_to_text(text).split())
    html = str(escape(text)).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own <mark> tags added


def _search_postgresql(query: str) -> list[SearchResult]:
    from django.contrib.postgres.search import SearchQuery

    config = _language().config
    results = _postgresql_results(SearchQuery(query, search_type="websearch", config=config))
    words = _words(query)
    if not results and len(words) > 1:
        # Nothing has every word: show pages with any of them, best first.
        any_word = reduce(operator.or_, (SearchQuery(w, config=config) for w in words))
        results = _postgresql_results(any_word)
    return results


def _postgresql_results(search_query) -> list[SearchResult]:
    from django.contrib.postgres.search import SearchHeadline, SearchRank, SearchVector

    language = _language()
    config = language.config
    vector = (
        SearchVector(language.title, weight="A", config=config)
        + SearchVector(language.summary, weight="B", config=config)
        + SearchVector(language.body, weight="C", config=config)
    )
    pages = (
        _searchable()
        .annotate(
            search=vector,
            rank=SearchRank(vector, search_query),
            headline=SearchHeadline(
                language.body,
                search_query,
                config=config,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
                short_word=3,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        # @@ needs every word (websearch syntax); a rank above 0 would accept any one.
        .filter(search=search_query)
        .order_by("-rank", language.title)
        .only("path", language.title, language.summary)[:MAX_RESULTS]
    )
    return [
        SearchResult(
            title=getattr(page, language.title),
            url=page.get_absolute_url(),
            summary=getattr(page, language.summary),
            excerpt=_marked_to_html(page.headline),
        )
        for page in pages
    ]


def _words(query: str) -> list[str]:
    # Short words ("a", "to") match everywhere and make the simple search useless.
    words = [w for w in re.findall(r"\w+", query.lower()) if len(w) > 2]
    return words or [query.lower()]


def _excerpt(text: str, words: list[str]) -> SafeString:
    plain = " ".join(markdown_to_text(text).split())
    lowered = plain.lower()
    hits = [i for i in (lowered.find(w) for w in words) if i >= 0]
    start = max(0, min(hits) - EXCERPT_CHARS // 3) if hits else 0
    snippet = plain[start : start + EXCERPT_CHARS]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    marked = pattern.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", snippet)
    html = str(escape(marked)).replace(_START, "<mark>").replace(_STOP, "</mark>")
    prefix = "… " if start else ""
    suffix = " …" if start + EXCERPT_CHARS < len(plain) else ""
    return mark_safe(prefix + html + suffix)  # noqa: S308 - escaped above


def _search_simple(query: str) -> list[SearchResult]:
    """Pages with every word in the title, summary or body (or, if none has them all, any
    word); titles count most. For SQLite in development and tests: no stemming, so
    "complaints" does not find "complaint"."""
    words = _words(query)
    language = _language()

    def has(word: str) -> Q:
        return (
            Q(**{f"{language.title}__icontains": word})
            | Q(**{f"{language.summary}__icontains": word})
            | Q(**{f"{language.body}__icontains": word})
        )

    fields = ("path", language.title, language.summary, language.body)
    published = _searchable().only(*fields)
    every_word = Q()
    any_word = Q()
    for word in words:
        every_word &= has(word)
        any_word |= has(word)
    pages = list(published.filter(every_word))
    if not pages and len(words) > 1:
        pages = list(published.filter(any_word))

    def text(page: Page) -> tuple[str, str, str]:
        return (
            getattr(page, language.title),
            getattr(page, language.summary),
            getattr(page, language.body),
        )

    def score(page: Page) -> int:
        title, summary, body = (part.lower() for part in text(page))
        return sum(6 * title.count(w) + 3 * summary.count(w) + min(body.count(w), 5) for w in words)

    ranked = sorted(pages, key=lambda page: (-score(page), text(page)[0]))[:MAX_RESULTS]
    return [
        SearchResult(
            title=text(page)[0],
            url=page.get_absolute_url(),
            summary=text(page)[1],
            excerpt=_excerpt(text(page)[2], words),
        )
        for page in ranked
    ]
