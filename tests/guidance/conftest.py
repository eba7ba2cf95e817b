"""Fixtures for guidance tests: pages made in the test, or the shipped content loaded."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from guidance.models import Page
from guidance.services import page_save


@pytest.fixture
def make_page(db):
    """`make_page(path=..., **fields)` saves a page through the service, as admin would."""

    def make(*, path: str, **fields) -> Page:
        defaults = {
            "title": path.rpartition("/")[2].replace("-", " ").capitalize(),
            "summary": "",
            "body": "## About this page\n\nYou can read this page.\n",
            "last_reviewed": datetime.date(2026, 11, 1),
        }
        return page_save(page=Page(path=path, **{**defaults, **fields}))

    return make


@pytest.fixture
def shipped_pages(db):
    """Every page in guidance/content/pages/, loaded as `make run` loads them."""
    call_command("load_content", verbosity=0)
    return list(Page.objects.order_by("path"))
