"""The home page routes people to what they came for."""

from django.urls import reverse


def test_home_links_to_every_route(client, db):
    html = client.get("/").content.decode()

    assert html.count("<h1") == 1
    for url in (
        reverse("guidance:page", args=["victims-code"]),
        reverse("guidance:page", args=["making-a-complaint"]),
        reverse("complaints:progress_start"),
        reverse("guidance:directory"),
        reverse("guidance:tool_start"),
        reverse("guidance:page", args=["staying-safe-online"]),
        reverse("guidance:page", args=["support"]),
    ):
        assert f'href="{url}"' in html, url


def test_every_page_has_a_search_box_that_works_without_javascript(client, db):
    html = client.get("/").content.decode()
    form = html[
        html.index('role="search"') - 200 : html.index("</form>", html.index('role="search"'))
    ]
    assert f'action="{reverse("guidance:search")}" method="get"' in form
    assert 'name="q"' in form
    assert '<label class="govuk-label govuk-visually-hidden" for="site-search-q">' in form


def test_the_menu_is_shown_in_full_on_every_screen_with_or_without_javascript(client, db):
    """No "Menu" toggle: its script hid the list after the page had drawn, which moved the
    page on phones (a layout shift), and three links need no hiding."""
    html = client.get("/").content.decode()
    nav = html[html.index('class="govuk-service-navigation"') : html.index("</nav>")]
    assert "govuk-service-navigation__toggle" not in nav
    assert 'data-module="govuk-service-navigation"' not in html
    assert nav.count('class="govuk-service-navigation__link"') == 3
