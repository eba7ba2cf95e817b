"""What people read: the home page, guidance pages and search."""

from __future__ import annotations

from django.core.cache import cache
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
PAGE_CACHE_VERSION = 1
PAGE_CACHE_SECONDS = 24 * 60 * 60


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


def page_content_html(page: Page) -> str:
    """The page's main column as HTML, from the cache when it can be.

    Only this fragment is cached, never the whole response: the response carries this
    request's CSP nonce and CSRF token, which must not be shared between visitors.
    """
    key = page_cache_key(page)
    content = cache.get(key)
    if content is None:
        context = {
            "page": page,
            "body_html": mark_safe(render_markdown(page.body)),  # noqa: S308 - sanitised
            "children": selectors.page_children(page=page),
        }
        content = render_to_string("guidance/_page_content.html", context)
        cache.set(key, content, PAGE_CACHE_SECONDS)
    return content


def page(request: HttpRequest, path: str) -> HttpResponse:
    try:
        page, ancestors = selectors.page_with_ancestors(path=path)
    except Page.DoesNotExist:
        raise Http404 from None
    context = {
        "page": page,
        "ancestors": ancestors,
        "content": mark_safe(page_content_html(page)),  # noqa: S308 - rendered template
    }
    return render(request, "guidance/page.html", context)
