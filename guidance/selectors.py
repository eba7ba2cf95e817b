"""Reads for guidance pages. A page view costs two queries at most: the page with its
ancestors (for breadcrumbs), then, only when its HTML is not cached, its children."""

from __future__ import annotations

from guidance.models import Page


def page_with_ancestors(*, path: str) -> tuple[Page, list[Page]]:
    """The published page at `path` and the published pages above it, top first, in one
    query. Raises Page.DoesNotExist."""
    parts = path.strip("/").split("/")
    paths = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    pages = {page.path: page for page in Page.objects.published().filter(path__in=paths)}
    page = pages.get(paths[-1])
    if page is None:
        raise Page.DoesNotExist(path)
    return page, [pages[p] for p in paths[:-1] if p in pages]


def page_children(*, page: Page) -> list[Page]:
    """The published pages directly below `page`, in their section order."""
    prefix = f"{page.path}/"
    candidates = (
        Page.objects.published()
        .filter(path__startswith=prefix)
        .only("path", "title", "summary", "order", "title_cy", "summary_cy")
        .order_by("order", "title")
    )
    return [child for child in candidates if "/" not in child.path[len(prefix) :]]


def pages_by_paths(*, paths: list[str]) -> list[Page]:
    """Pages (published or not) at these paths, in the order given; missing ones skipped."""
    pages = {page.path: page for page in Page.objects.filter(path__in=paths)}
    return [pages[p] for p in paths if p in pages]


def pages_published() -> list[Page]:
    return list(Page.objects.published().order_by("path"))
