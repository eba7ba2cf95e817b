"""Markdown for guidance pages: to sanitised GOV.UK HTML, and to plain text.

Content designers write Markdown in admin. Whatever they type, the HTML that reaches the
public is cleaned against an allow-list (nh3), so a pasted <script> or style="" attribute
can never break the page or the Content Security Policy. GOV.UK classes are added by the
sanitiser itself, so the rules live in one table below.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3
from django.utils.translation import gettext as _

# Tags a guidance body may use. No h1: the page title is the only h1.
ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "a",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "br",
    "hr",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
}

ALLOWED_ATTRIBUTES = {"a": {"href"}, "abbr": {"title"}}

# The GOV.UK Frontend class for each tag (the sanitiser sets them, replacing any other).
GOVUK_CLASSES = {
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "p": "govuk-body",
    "a": "govuk-link",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "blockquote": "govuk-inset-text",
    "hr": "govuk-section-break govuk-section-break--m govuk-section-break--visible",
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
}

_MARKDOWN_EXTENSIONS = ["tables", "sane_lists"]


def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML with GOV.UK classes. Safe to mark as safe."""
    raw = markdown.markdown(text or "", extensions=_MARKDOWN_EXTENSIONS, output_format="html")
    set_values = {tag: {"class": classes} for tag, classes in GOVUK_CLASSES.items()}
    # Header cells in a Markdown table are column headers; screen readers need the scope.
    set_values["th"] = {**set_values["th"], "scope": "col"}
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        # An h1 or any other tag outside the list is dropped, keeping its text.
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        set_tag_attribute_values=set_values,
        url_schemes={"http", "https", "mailto", "tel"},
        # Internal links need no rel; nh3's default rel on every link is for user content
        # from strangers, and staff write these pages.
        link_rel=None,
    )


_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def heading_levels(text: str) -> list[tuple[int, str]]:
    """The ATX headings (# Title) in a Markdown body, as (level, text), in order."""
    levels = []
    in_code = False
    for line in (text or "").splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
        if in_code:
            continue
        match = _HEADING_RE.match(line)
        if match:
            levels.append((len(match.group(1)), match.group(2)))
    return levels


def heading_problems(text: str) -> list[str]:
    """Why a body's headings are out of order, in words a content designer understands.

    The page title is the h1, so a body starts at h2 (##) and never skips a level
    going down (## then ####), which confuses people using screen readers.
    """
    problems = []
    previous = 1
    for level, title in heading_levels(text):
        if level == 1:
            problems.append(
                _("“%(title)s” is a top-level heading (#). Start body headings at ##.")
                % {"title": title}
            )
        elif level > previous + 1:
            problems.append(
                _("“%(title)s” skips a heading level. Use %(right)s instead of %(wrong)s.")
                % {"title": title, "right": "#" * (previous + 1), "wrong": "#" * level}
            )
        previous = level
    return problems


_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_BLOCK_MARKUP_RE = re.compile(r"(^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+)|\|", re.MULTILINE)
_INLINE_MARKUP_RE = re.compile(r"[*_`]")
_TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.MULTILINE)
_SPACE_RE = re.compile(r"[ \t]+")


def markdown_to_text(text: str, *, sentences: bool = True) -> str:
    """A Markdown body as plain text: what people read, without the markup.

    Used for search excerpts and the readability check. With sentences=True each block
    ends with a full stop if it has none, so headings and list items count as sentences,
    as a reader sees them.
    """
    text = _LINK_RE.sub(r"\1", text or "")
    text = _TABLE_RULE_RE.sub("", text)
    text = _BLOCK_MARKUP_RE.sub(" ", text)
    text = _INLINE_MARKUP_RE.sub("", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    lines = []
    for line in text.splitlines():
        line = _SPACE_RE.sub(" ", line).strip()
        if line:
            if sentences and line[-1] not in ".?!:;":
                line += "."
            lines.append(line)
    return "\n".join(lines)
