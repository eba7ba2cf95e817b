"""Every user-facing string can be translated to Welsh without touching code."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.po_file import parse_po

ROOT = Path(__file__).resolve().parents[2]


def _html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["", "cy", "cy-GB, cy;q=0.9, en;q=0.5", "fr", "en-US"])
@pytest.mark.parametrize("url", ["/", "/complaints/", "/no-such-page/"])
def test_the_address_not_the_browser_decides_the_language(client, accept, url):
    """English at the root whatever the browser asks for (an unsupported language too)."""
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert _html_lang(html) == "en-gb"
    assert "Exit this page" in html


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["", "en-GB", "fr"])
@pytest.mark.parametrize("url", ["/cy/", "/cy/complaints/", "/cy/no-such-page/"])
def test_welsh_pages_are_welsh_and_marked_so(client, accept, url):
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert _html_lang(html) == "cy"
    assert "Gadael y dudalen hon" in html
    assert "Neidio i’r prif gynnwys" in html
    assert "Exit this page" not in html


@pytest.mark.django_db
def test_welsh_address_of_an_unknown_page_gives_the_welsh_404(client):
    response = client.get("/cy/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="cy"' in html
    assert "Heb ddod o hyd i’r dudalen" in html
    # The switch leads to the English page at the same address.
    assert 'href="/no-such-page/" lang="en-gb"' in html


@pytest.mark.django_db
def test_a_language_cookie_alone_never_changes_the_language(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    assert _html_lang(client.get("/").content.decode()) == "en-gb"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-gb"
    assert _html_lang(client.get("/cy/").content.decode()) == "cy"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "english", "welsh"),
    [
        ("/", "/", "/cy/"),
        ("/cy/", "/", "/cy/"),
        ("/complaints/check/", "/complaints/check/", "/cy/complaints/check/"),
        ("/cy/search/?q=cod", "/search/?q=cod", "/cy/search/?q=cod"),
    ],
)
def test_the_switch_keeps_the_person_on_the_same_page(client, url, english, welsh):
    html = client.get(url).content.decode()
    switch = html[html.index('class="app-language-switch"') :]
    switch = switch[: switch.index("</nav>")]
    assert f'href="{english}" lang="en-gb" hreflang="en-gb"' in switch
    assert f'href="{welsh}" lang="cy" hreflang="cy"' in switch
    assert ">English<" in switch and ">Cymraeg<" in switch
    current = "cy" if url.startswith("/cy/") else "en-gb"
    assert re.findall(r'lang="([^"]+)" hreflang="[^"]+" aria-current="true"', switch) == [current]


@pytest.mark.django_db
def test_the_switch_never_repeats_a_one_time_progress_link(client):
    html = client.get("/complaints/check/link/not-a-real-token/").content.decode()
    assert "not-a-real-token" not in html.split('class="app-language-switch"')[1].split("</nav>")[0]


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["cy", "cy-GB"])
def test_staff_pages_stay_english(client, accept, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    response = client.get("/staff/login/", HTTP_ACCEPT_LANGUAGE=accept)
    assert _html_lang(response.content.decode()).startswith("en")
    assert client.get("/cy/staff/login/").status_code == 404


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
    made = tmp_path / "locale" / "cy" / "LC_MESSAGES" / "django.po"
    assert 'msgid "Exit this page"' in made.read_text()
    # The committed Welsh catalogue is current: every message the code has is in it, and
    # nothing the code no longer has. If this fails, run `make messages` and translate.
    committed = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"
    wanted = {(e.msgctxt, e.msgid) for e in parse_po(made)}
    have = {(e.msgctxt, e.msgid) for e in parse_po(committed)}
    assert sorted(m for _, m in wanted - have) == [], "not in the Welsh catalogue"
    assert sorted(m for _, m in have - wanted) == [], "no longer used: run make messages"
