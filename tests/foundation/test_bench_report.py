"""bench/report.py: a part run on its own updates only its own section of RESULTS.md."""

from __future__ import annotations

from bench.report import BENCH, NOTES_HEADING, update_section, write_results


def test_a_section_is_added_then_replaced_and_nothing_else_changes(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text(f"# Benchmark results\n\n| a row | met |\n\n{NOTES_HEADING}\n\nold notes\n")
    update_section(results, "scale", "## Scale\n\n| first | met |")
    update_section(results, "scale", "## Scale\n\n| second | missed |")
    text = results.read_text()
    assert "| a row | met |" in text
    assert "| second | missed |" in text and "| first | met |" not in text
    assert text.index("<!-- bench:scale -->") < text.index(NOTES_HEADING)
    # The notes at the end are NOTES.md as it is now.
    assert "old notes" not in text
    assert text.rstrip().endswith((BENCH / "NOTES.md").read_text().strip()[-200:])


def test_a_full_run_keeps_the_sections_of_part_runs(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text("# old\n")
    update_section(results, "scale", "## Scale\n\n| kept | met |")
    write_results(
        {
            "summary": {},
            "args": {"workers": 2, "threads": 4, "connections": 8, "duration": 5, "rounds": 3},
            "started": "s",
            "finished": "f",
            "machine": "m",
            "guidance_path": "/p/",
            "guidance_bytes": 1,
            "servers": {},
        },
        results,
    )
    assert "| kept | met |" in results.read_text()
