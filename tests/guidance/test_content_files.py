"""The shipped content files and `manage.py load_content`."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from guidance.content_files import ContentFileError, parse_front_matter, read_content_file
from guidance.models import Page
from guidance.services import page_save

PAGE = """---
title: Your right to information
path: victims-code/right-to-information
section: victims-code
order: 3
summary: "What you should be told, and when."
last_reviewed: 2026-11-01
---
## What you can expect

You should be told what happens next.
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_front_matter_is_read_tolerantly():
    meta, body = parse_front_matter(
        "\ufeff---\r\n# a comment\r\nTitle:  'Quoted'  \r\n\r\norg-type: police_force\r\n---\r\n"
        "## Body\r\n"
    )
    assert meta == {"title": "Quoted", "org_type": "police_force"}
    assert body == "## Body\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter\n", "must start with"),
        ("---\ntitle: x\n", "no closing line"),
        ("---\njust words\n---\n", "is not 'key: value'"),
    ],
)
def test_broken_front_matter_says_what_is_wrong(text, message):
    with pytest.raises(ContentFileError, match=message):
        parse_front_matter(text)


def test_a_file_becomes_page_fields(tmp_path):
    content = read_content_file(write(tmp_path, "info.md", PAGE))
    assert content.path == "victims-code/right-to-information"
    assert content.summary == "What you should be told, and when."
    assert content.order == 3
    assert content.last_reviewed == datetime.date(2026, 11, 1)
    assert content.published is True
    assert content.body.startswith("## What you can expect")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("last_reviewed: 2026-11-01", "last_reviewed: 1 Nov 2026"), "last_reviewed must be"),
        (("title: Your right to information\n", ""), "missing title"),
        (("order: 3", "order: third"), "order must be"),
        (("order: 3", "colour: blue"), "unknown front matter keys: colour"),
    ],
)
def test_a_bad_file_is_named_in_the_error(tmp_path, change, message):
    source = write(tmp_path, "bad.md", PAGE.replace(*change))
    with pytest.raises(ContentFileError, match=f"bad.md: {message}"):
        read_content_file(source)


def test_load_content_is_idempotent(db, tmp_path):
    write(tmp_path, "info.md", PAGE)
    call_command("load_content", dir=tmp_path, verbosity=0)
    page = Page.objects.get(path="victims-code/right-to-information")
    first_update = page.updated_at

    call_command("load_content", dir=tmp_path, verbosity=0)

    page.refresh_from_db()
    assert Page.objects.count() == 1
    assert page.updated_at == first_update  # untouched, so its cached HTML stays valid


def test_load_content_keeps_an_admin_edit_until_the_file_changes(db, tmp_path):
    source = write(tmp_path, "info.md", PAGE)
    call_command("load_content", dir=tmp_path, verbosity=0)
    page = Page.objects.get()
    page.title = "Edited in admin"
    page_save(page=page)

    call_command("load_content", dir=tmp_path, verbosity=0)
    assert Page.objects.get().title == "Edited in admin"

    source.write_text(PAGE.replace("order: 3", "order: 4"), encoding="utf-8")
    call_command("load_content", dir=tmp_path, verbosity=0)
    page = Page.objects.get()
    assert page.title == "Your right to information"
    assert page.order == 4


def test_load_content_force_rewrites_every_page(db, tmp_path):
    write(tmp_path, "info.md", PAGE)
    call_command("load_content", dir=tmp_path, verbosity=0)
    Page.objects.update(title="Edited")
    call_command("load_content", dir=tmp_path, force=True, verbosity=0)
    assert Page.objects.get().title == "Your right to information"


def test_load_content_loads_good_files_and_reports_bad_ones(db, tmp_path):
    write(tmp_path, "a-good.md", PAGE)
    write(tmp_path, "b-same-path.md", PAGE.replace("order: 3", "order: 9"))
    write(tmp_path, "c-h1.md", PAGE.replace("path: victims-code/", "path: x/") + "\n# Big\n")
    bad_type = PAGE.replace("order: 3", "org_type: nobody").replace(
        "path: victims-code/", "path: y/"
    )
    write(tmp_path, "d-bad-type.md", bad_type)

    with pytest.raises(CommandError) as raised:
        call_command("load_content", dir=tmp_path, verbosity=0)

    message = str(raised.value)
    assert "b-same-path.md: path 'victims-code/right-to-information' is also used by a-good.md" in (
        message
    )
    assert "c-h1.md: body: “Big” is a top-level heading" in message
    assert "d-bad-type.md: org_type:" in message
    assert list(Page.objects.values_list("path", flat=True)) == [
        "victims-code/right-to-information"
    ]


def test_setup_site_loads_the_shipped_content(db):
    call_command("setup_site", verbosity=0)
    assert Page.objects.filter(path="victims-code").exists()
