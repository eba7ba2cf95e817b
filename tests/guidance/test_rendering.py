"""Markdown from content designers becomes safe GOV.UK HTML."""

from guidance.rendering import heading_problems, markdown_to_text, render_markdown


def test_govuk_classes_are_added():
    html = render_markdown(
        "## Heading\n\nA [link](/victims-code/).\n\n### Smaller\n\n* one\n* two\n\n"
        "1. first\n2. second\n\n> Stand out\n"
    )
    assert '<h2 class="govuk-heading-m">Heading</h2>' in html
    assert '<h3 class="govuk-heading-s">Smaller</h3>' in html
    assert (
        '<p class="govuk-body">A <a href="/victims-code/" class="govuk-link">link</a>.</p>' in html
    )
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert '<ol class="govuk-list govuk-list--number">' in html
    assert '<blockquote class="govuk-inset-text">' in html


def test_tables_get_govuk_classes_and_column_headers():
    html = render_markdown("| Who | When |\n| --- | :-: |\n| Police | 10 days |\n")
    assert '<table class="govuk-table">' in html
    assert html.count('scope="col"') == 2
    assert 'class="govuk-table__header"' in html
    assert '<td class="govuk-table__cell">Police</td>' in html
    # Markdown's alignment would add style="", which the Content Security Policy blocks.
    assert "style=" not in html


def test_scripts_styles_handlers_and_javascript_links_are_removed():
    html = render_markdown(
        "<script>alert(1)</script>\n\n"
        '<p onclick="x()" style="color:red" class="evil">Text</p>\n\n'
        "[click](javascript:alert(1))\n\n<iframe src='https://example.com'></iframe>\n"
    )
    assert "<script" not in html and "alert(1)</" not in html
    assert "onclick" not in html and "style=" not in html and "evil" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html


def test_a_top_level_heading_in_the_body_is_not_a_second_h1():
    assert "<h1" not in render_markdown("# Another title\n\nText.\n")


def test_heading_problems_explain_what_to_fix():
    assert heading_problems("## One\n\n### Two\n\n## Three\n") == []
    problems = heading_problems("# Title\n\n## One\n\n#### Skipped\n")
    assert len(problems) == 2
    assert "Start body headings at ##" in problems[0]
    assert "skips a heading level" in problems[1]


def test_headings_inside_code_blocks_are_ignored():
    assert heading_problems("## One\n\n```\n# not a heading\n```\n") == []


def test_markdown_to_text_keeps_the_words_people_read():
    text = markdown_to_text("## Your rights\n\nRead [the Code](/victims-code/) **now**.\n\n* one\n")
    assert text.splitlines() == ["Your rights.", "Read the Code now.", "one."]
