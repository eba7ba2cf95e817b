"""The Welsh message catalogue is complete, compiled and well formed."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.po_file import parse_po

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = ROOT / "locale" / "cy" / "LC_MESSAGES"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_welsh_message_is_translated_and_none_is_fuzzy(domain):
    entries = parse_po(MESSAGES / f"{domain}.po")
    assert entries
    untranslated = [e.msgid for e in entries if not e.translated]
    fuzzy = [e.msgid for e in entries if e.fuzzy]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogue_matches_the_messages(domain):
    """The committed .mo is what the site reads: it must say what the .po says."""
    with open(MESSAGES / f"{domain}.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for entry in parse_po(MESSAGES / f"{domain}.po"):
        if entry.msgid_plural:
            assert catalogue.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr[0]
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        assert catalogue._catalog.get(key) == entry.msgstr[0], entry.msgid


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext is not installed")
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_placeholders_survive_translation(domain, tmp_path):
    """msgfmt --check: every %(name)s in English is in the Welsh, and no other."""
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(MESSAGES / f"{domain}.po")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_the_javascript_catalogue_speaks_the_page_language(client):
    welsh = client.get("/cy/jsi18n/").content.decode()
    assert "Dim canlyniadau chwilio" in welsh
    english = client.get("/jsi18n/").content.decode()
    assert "Dim canlyniadau" not in english


@pytest.mark.django_db
def test_pages_with_an_autocomplete_load_the_catalogue_of_their_language(client):
    html = client.get("/cy/find-your-local-police/").content.decode()
    assert '<script src="/cy/jsi18n/" defer></script>' in html
