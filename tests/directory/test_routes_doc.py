"""docs/routes.md is made from the routes table and kept current (run in CI with the suite)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from directory import routes, routes_doc


def test_docs_routes_md_is_current():
    assert routes_doc.PATH.read_text() == routes_doc.render(), (
        "docs/routes.md is out of date: run `manage.py routes_doc`"
    )


def test_it_has_one_row_per_route_with_body_limit_and_next_step():
    text = routes_doc.render()
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == len(routes.ROUTES) + 1  # and the header
    assert "Public Services Ombudsman for Wales" in text
    assert "local Advisory Committee" in text


def test_the_check_fails_when_the_file_is_stale(tmp_path, monkeypatch):
    stale = tmp_path / "routes.md"
    stale.write_text("old")
    monkeypatch.setattr(routes_doc, "PATH", stale)
    with pytest.raises(CommandError):
        call_command("routes_doc", "--check", stdout=StringIO())
    call_command("routes_doc", stdout=StringIO())
    call_command("routes_doc", "--check", stdout=StringIO())
