"""Every user-facing string can be translated to Welsh without touching code."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["", "cy", "cy-GB, cy;q=0.9, en;q=0.5", "fr", "en-US"])
@pytest.mark.parametrize("url", ["/", "/complaints/", "/no-such-page/"])
def test_html_lang_is_only_ever_a_language_the_page_is_written_in(client, accept, url):
    """Until the Welsh translation exists, a browser set to Welsh gets English, marked so."""
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert '<html lang="en-gb"' in html
    assert "Exit this page" in html


@pytest.mark.django_db
def test_a_language_cookie_cannot_mark_english_text_as_welsh(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    assert '<html lang="en-gb"' in client.get("/").content.decode()


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext is not installed")
def test_makemessages_runs_cleanly(tmp_path):
    # Work on a copy, so the test never rewrites the project's own message files.
    for name in (
        "manage.py",
        "victims_service",
        "directory",
        "guidance",
        "complaints",
        "feedback",
        "templates",
    ):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "locale").mkdir()
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "cy", "--no-location"],
        cwd=tmp_path,
        env={
            "PATH": os.environ["PATH"],
            "DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "victims_service.settings",
            "DATABASE_URL": "sqlite:///:memory:",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    po = (tmp_path / "locale" / "cy" / "LC_MESSAGES" / "django.po").read_text()
    assert 'msgid "Exit this page"' in po
