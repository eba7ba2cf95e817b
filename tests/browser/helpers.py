"""Helpers every browser test uses: accessibility and the quick exit."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()

# WCAG 2.2 A and AA, plus axe's best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def assert_accessible(page) -> None:
    """Fail with a readable list if axe-core finds any violation on the page as it is now."""
    results = _axe.run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert not violations, f"axe violations on {page.url}:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in violations
    )


def assert_quick_exit(page) -> None:
    """The quick exit is on the page, first in tab order after the skip link."""
    button = page.locator(".govuk-exit-this-page__button")
    assert button.count() == 1, f"no quick exit on {page.url}"
    # "Emergency" is visually hidden; "Argyfwng" on a Welsh page.
    label = button.text_content() or ""
    assert "Emergency" in label or "Argyfwng" in label, label
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('govuk-skip-link')")
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.activeElement.classList.contains('govuk-js-exit-this-page-skiplink')"
    )
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.activeElement.classList.contains('govuk-exit-this-page__button')"
    )


def check_page(page, url: str) -> None:
    """Open a page and apply the checks every public page must pass."""
    response = page.goto(url)
    assert response is not None and response.status < 400, f"{url} returned {response.status}"
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert_quick_exit(page)
