"""Every user-facing string can be translated to Welsh without touching code."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_html_lang_follows_the_active_language(client):
    assert '<html lang="en-gb"' in client.get("/").content.decode()
    welsh = client.get("/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert '<html lang="cy"' in welsh


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext is not installed")
def test_makemessages_runs_cleanly(tmp_path):
    # Work on a copy, so the test never rewrites the project's own message files.
    for name in (
        "manage.py",
        "victims_service",
        "directory",
        "guidance",
        "complaints",
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
