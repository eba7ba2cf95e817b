"""What people read: guidance pages written in Markdown by content designers.

The shipped pages live as files in guidance/content/pages/ and are loaded with
`manage.py load_content`; staff then edit them in admin. Writes go through
guidance.services so the page cache is invalidated in one place.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from directory.models import OrganisationType
from guidance.rendering import heading_problems

validate_page_path = RegexValidator(
    r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$",
    _("Use lower-case words joined by hyphens, with / between levels, like victims-code/rights."),
)


class PageQuerySet(models.QuerySet):
    def published(self) -> PageQuerySet:
        return self.filter(published=True)


class Page(models.Model):
    path = models.CharField(
        _("path"),
        max_length=200,
        unique=True,
        validators=[validate_page_path],
        help_text=_("The page's address on the site, without slashes at either end."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One sentence. Shown under the title, in lists of pages and in search."),
    )
    section = models.CharField(
        _("section"),
        max_length=100,
        blank=True,
        help_text=_("The part of the site the page belongs to, like victims-code."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in its section's list of pages.")
    )
    body = models.TextField(
        _("body (Markdown)"),
        help_text=_(
            "Start headings at ## (the title is the main heading). Use > for a line to "
            "stand out, * for bullet lists and 1. for numbered steps."
        ),
    )
    org_type = models.CharField(
        _("complaint about"),
        max_length=32,
        choices=OrganisationType.choices,
        blank=True,
        help_text=_("Adds a 'Start your complaint' button for this type of organisation."),
    )
    last_reviewed = models.DateField(_("last reviewed"))
    published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # A hash of the content file this page was last loaded from, so `load_content` only
    # overwrites a page (and any edit staff made in admin) when its file has changed.
    source_hash = models.CharField(max_length=64, blank=True, editable=False)

    # The Welsh version, shown at /cy/<path>/. Edited like the English one; guidance
    # .services records when each language last changed, so staff can see a Welsh version
    # that is older than the English ("Welsh needs updating"). The Welsh page always shows
    # the last Welsh text: it never shows English instead without saying so.
    title_cy = models.CharField(_("title in Welsh"), max_length=200, blank=True)
    summary_cy = models.CharField(_("summary in Welsh"), max_length=300, blank=True)
    body_cy = models.TextField(
        _("body in Welsh (Markdown)"),
        blank=True,
        help_text=_("The same headings and links as the English body, written in Welsh."),
    )
    english_changed_at = models.DateTimeField(_("English last changed"), null=True, blank=True)
    welsh_changed_at = models.DateTimeField(_("Welsh last changed"), null=True, blank=True)
    welsh_source_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("guidance page")
        verbose_name_plural = _("guidance pages")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guidance:page", args=[self.path])

    @property
    def has_welsh(self) -> bool:
        # clean() makes a Welsh title and a Welsh body go together, so the title says it
        # (and lists of pages need not load every Welsh body).
        return bool(self.title_cy.strip())

    @property
    def welsh_needs_updating(self) -> bool:
        """The English changed after the Welsh was last written."""
        if not self.has_welsh:
            return False
        if self.english_changed_at is None or self.welsh_changed_at is None:
            return False
        return self.english_changed_at > self.welsh_changed_at

    @property
    def in_welsh(self) -> bool:
        """Whether this page is shown in Welsh now (Welsh is active and it has a version)."""
        return get_language() == "cy" and self.has_welsh

    @property
    def shown_title(self) -> str:
        return self.title_cy if self.in_welsh else self.title

    @property
    def shown_summary(self) -> str:
        return self.summary_cy if self.in_welsh else self.summary

    @property
    def shown_body(self) -> str:
        return self.body_cy if self.in_welsh else self.body

    @property
    def shown_language(self) -> str:
        """The language of the text shown now, for a lang attribute."""
        return "cy" if self.in_welsh else "en-gb"

    @property
    def parent_path(self) -> str:
        return self.path.rpartition("/")[0]

    @property
    def ancestor_paths(self) -> list[str]:
        """Paths of the pages above this one, top first: a/b/c -> [a, a/b]."""
        parts = self.path.split("/")
        return ["/".join(parts[:i]) for i in range(1, len(parts))]

    def clean(self) -> None:
        errors = {}
        problems = heading_problems(self.body)
        if problems:
            errors["body"] = problems
        if self.body_cy.strip():
            welsh_problems = heading_problems(self.body_cy)
            if welsh_problems:
                errors["body_cy"] = welsh_problems
        if bool(self.title_cy.strip()) != bool(self.body_cy.strip()):
            field = "title_cy" if not self.title_cy.strip() else "body_cy"
            errors[field] = [_("A Welsh version needs both a Welsh title and a Welsh body.")]
        if errors:
            raise ValidationError(errors)
