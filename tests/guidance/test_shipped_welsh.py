"""Every shipped guidance page has a Welsh version, written in Welsh, with the same
structure and links as the English. A failure names the file to fix."""

from __future__ import annotations

import re

import pytest

from guidance.content_files import (
    content_files,
    read_content_file,
    read_welsh_file,
    welsh_file_for,
)
from guidance.rendering import markdown_to_text
from tests.welsh_text import english_paragraphs, english_share

CONTENT_FILES = content_files()
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^(#{2,6}) ", re.MULTILINE)


def _paragraphs(markdown: str) -> list[str]:
    text = markdown_to_text(markdown, sentences=False)
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("source", CONTENT_FILES, ids=lambda source: source.name)
def test_every_page_has_a_welsh_version(source):
    welsh = welsh_file_for(source)
    assert welsh.exists(), f"{source.name} has no Welsh version in {welsh.parent.name}/"
    read_welsh_file(welsh)


@pytest.mark.parametrize("source", CONTENT_FILES, ids=lambda source: source.name)
def test_welsh_pages_have_no_english_paragraph(source):
    welsh = read_welsh_file(welsh_file_for(source))
    found = english_paragraphs([welsh.title, welsh.summary, *_paragraphs(welsh.body)])
    assert found == [], f"cy/{source.name} has text that reads as English"


@pytest.mark.parametrize("source", CONTENT_FILES, ids=lambda source: source.name)
def test_welsh_pages_keep_the_english_structure_and_links(source):
    english = read_content_file(source)
    welsh = read_welsh_file(welsh_file_for(source))
    assert _HEADING.findall(welsh.body) == _HEADING.findall(english.body), (
        f"cy/{source.name} has different headings from the English"
    )
    assert _LINK.findall(welsh.body) == _LINK.findall(english.body), (
        f"cy/{source.name} links to different pages from the English"
    )


def test_no_welsh_file_without_an_english_page():
    english = {source.name for source in CONTENT_FILES}
    welsh_folder = welsh_file_for(CONTENT_FILES[0]).parent
    orphans = sorted(p.name for p in welsh_folder.glob("*.md") if p.name not in english)
    assert orphans == []


@pytest.mark.parametrize(
    "text",
    [
        "If you are not happy with the reply, you can go to the Ombudsman.",
        "You should get a reply, or be told when you will get one, within 10 working days.",
    ],
)
def test_the_check_finds_english_left_in_a_welsh_page(text):
    assert english_paragraphs([text]) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Os nad ydych yn fodlon â’r ateb, gallwch fynd at yr Ombwdsmon.",
        "Gallwch fynd at Ombwdsmon Seneddol a’r Gwasanaeth Iechyd (Parliamentary and Health "
        "Service Ombudsman, PHSO).",
        "Darllenwch am y Cod Dioddefwyr (Victims’ Code) a’r Victim Contact Scheme.",
    ],
)
def test_the_check_allows_welsh_with_english_names_beside_it(text):
    share, _count = english_share(text)
    assert english_paragraphs([text]) == [], share


@pytest.mark.django_db
def test_every_shipped_page_is_shown_in_welsh(client, shipped_pages):
    for page in shipped_pages:
        assert page.has_welsh, page.path
        assert not page.welsh_needs_updating, page.path
        response = client.get(f"/cy/{page.path}/")
        assert response.status_code == 200, page.path
        html = response.content.decode()
        assert '<html lang="cy"' in html, page.path
        assert "Gadael y dudalen hon" in html, page.path
        assert "Exit this page" not in html, page.path
        assert f'<h1 class="govuk-heading-l">{page.title_cy}</h1>' in html.replace("&#x27;", "'"), (
            page.path
        )
