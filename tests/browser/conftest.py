"""Browser tests: headless Chromium through Playwright, against Django's live server."""

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's base URL. Data written by the test is visible to the server."""
    return live_server.url


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shipped_directory(site):
    """The shipped directory and routing rules, loaded as `make run` loads them.

    Browser tests flush the database, including the triage team the migrations made.
    Returns the site's base URL.
    """
    from directory.data.loader import directory_load
    from directory.models import Organisation, OrganisationType

    Organisation.objects.get_or_create(
        slug="central-triage",
        defaults={"name": "Central triage team", "org_type": OrganisationType.CENTRAL_TRIAGE},
    )
    directory_load()
    return site
