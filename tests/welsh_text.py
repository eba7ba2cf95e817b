"""A simple check that Welsh text is Welsh: a paragraph in which very common English
words make up much of the text is taken to be English left in a Welsh page.

Organisation names and other English a Welsh page keeps on purpose (so a reader can
search for them) are allowed: anything in brackets, and the names listed below.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Words that are frequent in English and are not also Welsh words ("a", "i", "am", "at",
# "do", "ac" and "yn" are Welsh, so they are not here).
ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "to",
        "of",
        "you",
        "your",
        "is",
        "are",
        "for",
        "if",
        "this",
        "with",
        "can",
        "not",
        "be",
        "have",
        "that",
        "it",
        "or",
        "what",
        "will",
        "should",
        "they",
        "we",
        "our",
        "from",
        "was",
        "were",
        "has",
        "about",
        "when",
        "who",
        "how",
        "there",
        "their",
        "them",
        "an",
        "as",
        "by",
        "but",
        "any",
        "more",
        "get",
        "us",
        "my",
        "would",
        "could",
        "been",
        "which",
        "into",
        "than",
        "then",
        "these",
        "those",
        "only",
        "also",
        "its",
        "it's",
        "please",
    ]
)

# English kept on purpose beside or instead of the Welsh: names of organisations and
# schemes that people may know or search for in English, and technical names.
ALLOWED_ENGLISH = (
    "Victims' Code",
    "Victims’ Code",
    "Victims' Right to Review",
    "Victims’ Right to Review",
    "Code of Practice for Victims of Crime",
    "Criminal Injuries Compensation Authority",
    "Victim Contact Scheme",
    "Victim Support",
    "Exit this page",
    "CPS Direct",
    "UK GDPR",
    "British Sign Language",
)

MIN_WORDS = 6
MAX_ENGLISH_SHARE = 0.25

_BRACKETS = re.compile(r"\([^)]*\)")
_URL = re.compile(r"\b(?:https?://\S+|[\w.-]+\.(?:org|gov|uk|com)(?:\.uk)?\S*)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def english_share(paragraph: str, allowed: tuple[str, ...] = ()) -> tuple[float, int]:
    """The share of very common English words in a paragraph, and its word count, after
    taking out what is allowed to stay in English (and the names in `allowed`)."""
    text = _BRACKETS.sub(" ", paragraph)
    text = _URL.sub(" ", text)
    for name in sorted((*ALLOWED_ENGLISH, *allowed), key=len, reverse=True):
        text = text.replace(name, " ")
    words = [word.lower() for word in _WORD.findall(text)]
    if not words:
        return 0.0, 0
    english = sum(1 for word in words if word in ENGLISH_WORDS)
    return english / len(words), len(words)


def english_paragraphs(paragraphs: list[str], allowed: tuple[str, ...] = ()) -> list[str]:
    """The paragraphs that read as English. `allowed`: names that may stay in English,
    such as the directory's organisations that have no Welsh name."""
    found = []
    for paragraph in paragraphs:
        share, count = english_share(paragraph, allowed)
        if count >= MIN_WORDS and share > MAX_ENGLISH_SHARE:
            found.append(paragraph)
    return found


class _Blocks(HTMLParser):
    """The text of each block (paragraph, list item, heading, label, button) of a page's
    <body>, leaving out scripts and anything marked lang="en..." on purpose."""

    BLOCKS = frozenset(
        [
            "p",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "label",
            "legend",
            "button",
            "summary",
            "th",
            "td",
            "dt",
            "dd",
            "title",
            "caption",
        ]
    )

    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skip = 0
        self._stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        english = (values.get("lang") or "").startswith("en")
        skip = tag in ("script", "style") or english
        self._stack.append((tag, skip))
        if skip:
            self._skip += 1
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        while self._stack:
            name, skip = self._stack.pop()
            if skip:
                self._skip -= 1
            if name == tag:
                break
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self._skip:
            self._current.append(data)

    def _flush(self):
        text = " ".join(" ".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []


def page_blocks(html: str) -> list[str]:
    parser = _Blocks()
    parser.feed(html)
    parser._flush()
    return parser.blocks
