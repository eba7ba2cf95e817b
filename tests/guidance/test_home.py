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
