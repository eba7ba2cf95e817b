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

from guidance.content_files import (
    ContentFile,
    ContentFileError,
    WelshContentFile,
    content_files,
    read_content_file,
    read_welsh_file,
    welsh_file_for,
)
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


ENGLISH_FIELDS = ("title", "summary", "body")
WELSH_FIELDS = ("title_cy", "summary_cy", "body_cy")


def _changed(old: dict | None, page: Page, fields: tuple[str, ...]) -> bool:
    return old is None or any(old[name] != getattr(page, name) for name in fields)


@transaction.atomic
def page_save(*, page: Page) -> Page:
    """Validate and save a page, invalidating its cached HTML and its parent's.

    Records when the English and the Welsh text last changed: a Welsh version older than
    the English shows as "Welsh needs updating" in admin.
    """
    old_path = None
    old = None
    if page.pk:
        old = (
            Page.objects.select_for_update()
            .filter(pk=page.pk)
            .values("path", *ENGLISH_FIELDS, *WELSH_FIELDS)
            .first()
        )
        old_path = old["path"] if old else None
    page.full_clean()
    now = timezone.now()
    if _changed(old, page, ENGLISH_FIELDS):
        page.english_changed_at = now
    if page.has_welsh and (_changed(old, page, WELSH_FIELDS) or page.welsh_changed_at is None):
        page.welsh_changed_at = now
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


def page_load_from_file(
    *, content: ContentFile, welsh: WelshContentFile | None = None, force: bool = False
) -> str:
    """Create or update the page a content file (and its Welsh file) describes. Returns
    what happened.

    A page whose files have not changed since they were last loaded is left alone, so an
    edit made in admin survives `load_content` (run on every deploy) until a file changes.
    The English and the Welsh are compared separately: a changed English file with an
    unchanged Welsh one leaves the Welsh as it is, marked as needing an update.
    """
    page = Page.objects.filter(path=content.path).first()
    english_same = page is not None and page.source_hash == content.source_hash
    welsh_same = page is not None and (welsh is None or page.welsh_source_hash == welsh.source_hash)
    if english_same and welsh_same and not force:
        return "unchanged"
    outcome = "created" if page is None else "updated"
    page = page or Page(path=content.path)
    if not english_same or force:
        page.title = content.title
        page.summary = content.summary
        page.section = content.section
        page.order = content.order
        page.body = content.body
        page.org_type = content.org_type
        page.last_reviewed = content.last_reviewed
        page.published = content.published
        page.source_hash = content.source_hash
    if welsh is not None and (page.welsh_source_hash != welsh.source_hash or force):
        page.title_cy = welsh.title
        page.summary_cy = welsh.summary
        page.body_cy = welsh.body
        page.welsh_source_hash = welsh.source_hash
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
        welsh = None
        welsh_source = welsh_file_for(source)
        if welsh_source.exists():
            try:
                welsh = read_welsh_file(welsh_source)
            except ContentFileError as error:
                result.errors.append(str(error))
        try:
            outcome = page_load_from_file(content=content, welsh=welsh, force=force)
        except ValidationError as error:
            problems = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
            result.errors.append(f"{source.name}: {problems}")
            continue
        getattr(result, outcome).append(content.path)
    return result
