"""What people read: the home page, guidance pages and search."""

from __future__ import annotations

import re
import time

from django.core.cache import cache, caches
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from guidance import search as page_search
from guidance import selectors
from guidance.models import Page
from guidance.rendering import render_markdown

# Bump when templates/guidance/_page_content.html or the Markdown rendering changes, so a
# deploy does not serve HTML cached by the previous release.
PAGE_CACHE_VERSION = 3
PAGE_CACHE_SECONDS = 24 * 60 * 60
# Stands in for the CSP nonce in a cached page; each response gets its own nonce in its
# place, so no two responses share one. Never leaves the server.
NONCE_PLACEHOLDER = "__csp-nonce-placeholder__"
# How stale another process's copy of an edited page may be, at most.
RECHECK_SECONDS = 2.0


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/home.html")


def search(request: HttpRequest) -> HttpResponse:
    query = page_search.normalise_query(request.GET.get("q"))
    results = page_search.search_pages(query) if query else []
    return render(request, "guidance/search.html", {"query": query, "results": results})


def page_cache_key(page: Page) -> str:
    """Changes whenever the page is saved (or a child page is: see guidance.services)."""
    return (
        f"guidance:page:{PAGE_CACHE_VERSION}:{page.pk}:"
        f"{page.updated_at.timestamp()}:{get_language()}"
    )


def children_not_linked(children: list[Page], body_html: str) -> list[Page]:
    """The child pages the body does not already link to.

    A section page whose text already lists its pages (the 12 rights, in order) would
    otherwise show the same links twice: once in the text, once under "In this section".
    """
    return [child for child in children if f'href="{child.get_absolute_url()}"' not in body_html]


# A link in a Welsh body to another page of the site (written as in the English body,
# /victims-code/) leads to its Welsh page (/cy/victims-code/). Files, the quick exit and
# staff pages have no Welsh address.
_SITE_LINK = re.compile(r"\]\((/(?!cy/|static/|exit/|staff/)[^)\s]*)\)")


def links_in_welsh(markdown: str) -> str:
    return _SITE_LINK.sub(lambda match: f"](/cy{match.group(1)})", markdown)


def page_content_context(page: Page) -> dict:
    """The page's main column in the active language (see Page.shown_body)."""
    body = links_in_welsh(page.shown_body) if page.in_welsh else page.shown_body
    body_html = render_markdown(body)
    return {
        "page": page,
        "body_html": mark_safe(body_html),  # noqa: S308 - sanitised by render_markdown
        "children": children_not_linked(selectors.page_children(page=page), body_html),
    }


def page_content_html(page: Page) -> str:
    """The page's main column as HTML, from the cache when it can be.

    Only this fragment is cached, never the whole response: the response carries this
    request's CSP nonce and CSRF token, which must not be shared between visitors.
    """
    key = page_cache_key(page)
    content = cache.get(key)
    if content is None:
        content = render_to_string("guidance/_page_content.html", page_content_context(page))
        cache.set(key, content, PAGE_CACHE_SECONDS)
    return content


def page(request: HttpRequest, path: str) -> HttpResponse:
    """A guidance page, served from a per-process cache of the whole response.

    Each process keeps the rendered page with the page's (and its ancestors') edit times,
    and checks them against the database at most every RECHECK_SECONDS. A save clears the
    saving process's cache at once (guidance.services); other processes show the edit
    within RECHECK_SECONDS. Between checks a busy page costs no query at all.

    The page has nothing per visitor but the CSP nonce: no form posts (the search form uses
    GET, so no CSRF token), no messages, no user. The nonce is cached as a placeholder and
    swapped for this response's own, so no two responses share one.
    """
    pages_cache = caches["pages"]
    # The cached page is shared by everyone: its language switch must not carry one
    # visitor's query string.
    request.language_switch_keeps_query = False
    key = f"guidance:response:{PAGE_CACHE_VERSION}:{get_language()}:{path}"
    entry = pages_cache.get(key)  # (checked at, edit times, html)
    now = time.monotonic()
    if entry is None or now - entry[0] > RECHECK_SECONDS:
        try:
            page, ancestors = selectors.page_with_ancestors(path=path)
        except Page.DoesNotExist:
            pages_cache.delete(key)
            raise Http404 from None
        if get_language() == "cy" and not page.has_welsh:
            # Never English inside a Welsh page without saying so: say the page is not in
            # Welsh yet, and link to the English one.
            pages_cache.delete(key)
            return render(request, "guidance/not_in_welsh.html", {"page": page}, status=200)
        edited = (page.pk, page.updated_at, *(a.updated_at for a in ancestors))
        if entry is not None and entry[1] == edited:
            html = entry[2]
        else:
            context = {
                "page": page,
                "ancestors": ancestors,
                "content": mark_safe(page_content_html(page)),  # noqa: S308 - rendered template
                "CSP_NONCE": NONCE_PLACEHOLDER,
            }
            html = render_to_string("guidance/page.html", context, request=request)
        pages_cache.set(key, (now, edited, html), PAGE_CACHE_SECONDS)
    else:
        html = entry[2]
    return HttpResponse(html.replace(NONCE_PLACEHOLDER, str(request.csp_nonce)))
