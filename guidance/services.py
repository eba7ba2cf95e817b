"""Every write to guidance pages: from admin and from the shipped content files.

A page's cached HTML is keyed by its updated_at (see guidance.selectors), so saving a page
is what invalidates it. A section page lists its children, so saving, moving or deleting a
child also touches the parent's updated_at: its cached list is rebuilt on the next view.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from guidance.content_files import ContentFile, ContentFileError, content_files, read_content_file
from guidance.models import Page


def _forget_rendered_pages() -> None:
    # This process's rendered pages (guidance.views.page); other processes re-check theirs
    # against the edit times within a couple of seconds. Cleared now and again on commit,
    # so a request served in between cannot keep the old page.
    caches["pages"].clear()
    transaction.on_commit(caches["pages"].clear)


def _touch_parents(*, paths: set[str]) -> None:
    parents = {path.rpartition("/")[0] for path in paths} - {""}
    if parents:
        Page.objects.filter(path__in=parents).update(updated_at=timezone.now())


@transaction.atomic
def page_save(*, page: Page) -> Page:
    """Validate and save a page, invalidating its cached HTML and its parent's."""
    old_path = None
    if page.pk:
        old_path = Page.objects.filter(pk=page.pk).values_list("path", flat=True).first()
    page.full_clean()
    page.save()
    _touch_parents(paths={page.path, old_path} - {None})
    _forget_rendered_pages()
    return page


@transaction.atomic
def page_delete(*, page: Page) -> None:
    path = page.path
    page.delete()
    _touch_parents(paths={path})
    _forget_rendered_pages()


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def page_load_from_file(*, content: ContentFile, force: bool = False) -> str:
    """Create or update the page a content file describes. Returns what happened.

    A page whose file has not changed since it was last loaded is left alone, so an edit
    made in admin survives `load_content` (run on every deploy) until the file changes.
    """
    page = Page.objects.filter(path=content.path).first()
    if page is not None and page.source_hash == content.source_hash and not force:
        return "unchanged"
    outcome = "created" if page is None else "updated"
    page = page or Page(path=content.path)
    page.title = content.title
    page.summary = content.summary
    page.section = content.section
    page.order = content.order
    page.body = content.body
    page.org_type = content.org_type
    page.last_reviewed = content.last_reviewed
    page.published = content.published
    page.source_hash = content.source_hash
    page_save(page=page)
    return outcome


def pages_load_from_files(*, directory=None, force: bool = False) -> LoadResult:
    """Load every content file in a directory. Valid files load even if others fail."""
    result = LoadResult()
    seen: dict[str, str] = {}
    sources = content_files(directory) if directory is not None else content_files()
    for source in sources:
        try:
            content = read_content_file(source)
        except ContentFileError as error:
            result.errors.append(str(error))
            continue
        if content.path in seen:
            result.errors.append(
                f"{source.name}: path {content.path!r} is also used by {seen[content.path]}"
            )
            continue
        seen[content.path] = source.name
        try:
            outcome = page_load_from_file(content=content, force=force)
        except ValidationError as error:
            problems = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
            result.errors.append(f"{source.name}: {problems}")
            continue
        getattr(result, outcome).append(content.path)
    return result
