"""Every page that ships in guidance/content/pages/: it loads, renders, reads easily and
is well structured. A failure names the file or page to fix."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import textstat
from django.urls import reverse

from guidance.content_files import content_files, read_content_file
from guidance.rendering import markdown_to_text

CONTENT_FILES = content_files()
MIN_READING_EASE = 60


def test_there_is_content_to_ship():
    assert CONTENT_FILES, "guidance/content/pages/ has no .md files"


@pytest.mark.parametrize("source", CONTENT_FILES, ids=lambda source: source.name)
def test_page_is_easy_to_read(source):
    content = read_content_file(source)
    text = markdown_to_text(content.body)
    score = textstat.flesch_reading_ease(text)
    assert score >= MIN_READING_EASE, (
        f"{source.name} scores {score:.0f} for reading ease; aim for {MIN_READING_EASE} or more "
        "with shorter sentences and shorter words"
    )


class _Outline(HTMLParser):
    """The headings inside <main>, and whether a 'Last reviewed' date is there."""

    def __init__(self):
        super().__init__()
        self.in_main = False
        self.levels: list[int] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main = True
        elif self.in_main and re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        elif self.in_main and tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/"):
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False


def outline_problems(levels: list[int]) -> list[str]:
    problems = []
    if levels.count(1) != 1 or levels[:1] != [1]:
        problems.append(f"needs exactly one h1, first (headings: {levels})")
    for before, after in zip(levels, levels[1:], strict=False):
        if after > before + 1:
            problems.append(f"h{before} is followed by h{after}")
    return problems


def test_every_shipped_page_renders_well(client, shipped_pages):
    assert len(shipped_pages) == len(CONTENT_FILES)
    problems = []
    for page in shipped_pages:
        response = client.get(page.get_absolute_url())
        if response.status_code != 200:
            problems.append(f"{page.path}: status {response.status_code}")
            continue
        html = response.content.decode()
        outline = _Outline()
        outline.feed(html)
        problems += [f"{page.path}: {problem}" for problem in outline_problems(outline.levels)]
        if f'<time datetime="{page.last_reviewed.isoformat()}">' not in html:
            problems.append(f"{page.path}: no 'Last reviewed' date")
        if page.org_type and "?about=" + page.org_type not in html:
            problems.append(f"{page.path}: no 'Start your complaint' button")
    assert not problems, "\n".join(problems)


def test_links_between_pages_all_work(client, shipped_pages):
    targets: dict[str, str] = {}
    for page in shipped_pages:
        outline = _Outline()
        outline.feed(client.get(page.get_absolute_url()).content.decode())
        for link in outline.links:
            targets.setdefault(link.split("#")[0], page.path)
    broken = [
        f"{target} (linked from {source})"
        for target, source in sorted(targets.items())
        if client.get(target).status_code != 200
    ]
    assert not broken, "broken links:\n" + "\n".join(broken)


@pytest.mark.parametrize(
    "path", ["accessibility", "privacy", "cookies", "contact", "staying-safe-online"]
)
def test_every_footer_link_works(client, shipped_pages, path):
    url = reverse("guidance:page", args=[path])
    assert f'href="{url}"' in client.get("/").content.decode()
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("section", ["victims-code", "making-a-complaint", "support"])
def test_section_pages_list_every_child(client, shipped_pages, section):
    children = [page for page in shipped_pages if page.parent_path == section and page.published]
    html = client.get(f"/{section}/").content.decode()
    assert children
    for child in children:
        assert f'href="{child.get_absolute_url()}"' in html, child.path


def _main(html: str) -> str:
    return html.split('id="main-content"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize(
    "section", ["victims-code", "making-a-complaint", "complain-about", "support"]
)
def test_section_pages_list_each_child_once(client, shipped_pages, section):
    """A list written in the page's text and the automatic "In this section" list must not
    both appear: the same links twice is confusing, and twice as long on a phone."""
    children = [page for page in shipped_pages if page.parent_path == section and page.published]
    main = _main(client.get(f"/{section}/").content.decode())
    assert children
    for child in children:
        assert main.count(f'href="{child.get_absolute_url()}"') == 1, child.path


def test_start_buttons_pre_fill_a_question_the_journey_knows(shipped_pages):
    from directory.routing import ORG_TYPE_CHOICES

    known = {value for value, _label in ORG_TYPE_CHOICES}
    pages = [page for page in shipped_pages if page.org_type]
    assert pages
    assert not [page.path for page in pages if page.org_type not in known]


@pytest.mark.parametrize(
    ("path", "href"),
    [
        ("complain-about", "/who-should-i-complain-to/"),
        ("complain-about/police", "/find-your-local-police/"),
        ("victims-code/support-services", "/find-your-local-police/"),
        ("victims-code/having-the-crime-recorded", "/find-your-local-police/"),
        ("making-a-complaint", "/complaints/check/"),
        ("making-a-complaint/what-happens-next", "/complaints/check/"),
        ("contact", "/complaints/check/"),
        # Feedback goes to the one-page feedback form, not the complaint form.
        ("contact", "/feedback/"),
        ("complain-about/this-website", "/feedback/"),
    ],
)
def test_pages_link_to_the_tools_on_this_site_they_mention(client, shipped_pages, path, href):
    main = _main(client.get(f"/{path}/").content.decode())
    assert f'href="{href}"' in main
