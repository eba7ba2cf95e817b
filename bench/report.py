"""Writes bench/RESULTS.md from the JSON bench/run.py produces (bench/out/results.json).

`python -m bench.report` rewrites RESULTS.md from the last run's JSON. The text around the
figures (what each means and what would fix a miss) is in bench/NOTES.md, kept by hand and
included as it is, so a rerun never loses the analysis.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def _fmt(value, digits: int = 2) -> str:
    if value is None:
        return "not measured"
    return f"{value:.{digits}f}"


def _verdict(ok: bool | None) -> str:
    if ok is None:
        return "not measured"
    return "**met**" if ok else "**missed**"


def _header(result: dict) -> list[str]:
    args = result["args"]
    lines = ["# Benchmark results", ""]
    lines.append(f"- Date: {result['started']} to {result['finished']} (UTC)")
    lines.append(f"- Machine: {result['machine']}")
    if args.get("shared_machine"):
        lines.append(
            "- **Shared machine**: other people's tests and builds were running at the same "
            "time on these 2 cores. Absolute figures are therefore low and noisy; the ratios "
            "(page and baseline measured back to back in each round) are what to read."
        )
    load = result.get("load_average_at_end")
    if load:
        lines.append(f"- Load average at the end: {', '.join(f'{x:.2f}' for x in load)}")
    lines += [
        f"- Settings: `make serve`'s production settings (DEBUG off, SECURE off for plain HTTP "
        f"on localhost), PostgreSQL, CONN_MAX_AGE=60, granian as `make serve` starts it "
        f"(victims_service/serve.py), {args['workers']} workers x {args['threads']} threads; "
        f"access log off.",
        f"- Load: `wrk -t1 -c{args['connections']} -d{args['duration']}s --latency` per figure, "
        f"{args['rounds']} interleaved rounds; each ratio is computed within a round, then the "
        f"median is taken.",
        "- Command: `make bench` (`.venv/bin/python bench/run.py`); raw data in "
        "`bench/out/results.json` (not committed).",
        "",
    ]
    return lines


def _guidance_goals(result: dict) -> list[str]:
    s = result["summary"]
    g = s.get("guidance_ratio")
    lines = [
        f"| Guidance page `{result['guidance_path']}` ({result['guidance_bytes']:,} bytes) / bare "
        f"view, throughput | >= 0.6 | {_fmt(g)} | {_verdict(None if g is None else g >= 0.6)} |"
    ]
    gcy = s.get("guidance_ratio_cy")
    if gcy is not None:
        lines.append(
            f"| Its Welsh twin `{result['guidance_cy_path']}` ({result['guidance_cy_bytes']:,} "
            f"bytes) / bare view of the same size, throughput | >= 0.6 | {_fmt(gcy)} | "
            f"{_verdict(gcy >= 0.6)} |"
        )
    gr = s.get("guidance_ratio_redis")
    if gr is not None:
        lines.append(
            f"| The same page on a server with `REDIS_URL` set / bare view | "
            f">= 0.6 | {_fmt(gr)} | {_verdict(gr >= 0.6)} |"
        )
    cp = s.get("guidance_ratio_cached_prototype")
    if cp is not None:
        lines.append(
            f"| For comparison: the prototype that led to the page cache in guidance/views.py "
            f"(bench/baseline.py) / bare view | >= 0.6 | {_fmt(cp)} | {_verdict(cp >= 0.6)} |"
        )
    return lines


def _submit_goals(s: dict) -> list[str]:
    t = s.get("submit_throughput_ratio")
    p = s.get("submit_p99_ratio")
    lines = [
        f"| Complaint submission / bare view, throughput | >= 0.25 | {_fmt(t)} | "
        f"{_verdict(None if t is None else t >= 0.25)} |",
        f"| Complaint submission / bare view, p99 (bare p99 / submission p99) | >= 0.25 | "
        f"{_fmt(p)} | {_verdict(None if p is None else p >= 0.25)} |",
    ]
    tr = s.get("submit_throughput_ratio_redis")
    if tr is not None:
        lines.append(
            f"| Complaint submission with `REDIS_URL` set (cache in Redis) / bare view: "
            f"throughput, p99 | >= 0.25 | {_fmt(tr)}, {_fmt(s.get('submit_p99_ratio_redis'))} | "
            f"{_verdict(tr >= 0.25 and (s.get('submit_p99_ratio_redis') or 0) >= 0.25)} |"
        )
    return lines + _same_request_goals(s) + _submit_rows_goal(s)


def _same_request_goals(s: dict) -> list[str]:
    lines = []
    same = s.get("submit_same_request_ratio")
    if same is not None:
        same_p99 = s.get("submit_same_request_p99_ratio")
        lines += [
            f"| Complaint submission / the same bare view sent the submission's own request "
            f"(a POST with its CSRF token and session cookie, so the middleware reads and saves "
            f"the session): throughput, p99 | >= 0.25 | {_fmt(same)}, {_fmt(same_p99)} | "
            f"{_verdict(same >= 0.25 and (same_p99 or 0) >= 0.25)} |",
            f"| For context: the bare view sent the submission's request / the bare view "
            f"sent a plain GET, throughput | | {_fmt(s.get('same_request_ratio'))} | |",
        ]
    p50 = s.get("submit_p50_ratio")
    if p50 is not None:
        lines.append(
            f"| For context: submission / bare view, p50 (bare p50 / submission p50) | | "
            f"{_fmt(p50, 3)} | |"
        )
    return lines


def _submit_rows_goal(s: dict) -> list[str]:
    if "submit_confirmations" not in s:
        return []
    finished = s.get("submit_server_finished")
    same = (
        s["submit_rows"] == finished == s.get("submit_finished_with_row")
        and not s["submit_duplicates"]
        and s["submit_confirmations"] <= finished
    )
    return [
        f"| Rows committed = confirmations shown | equal | {s['submit_rows']} rows; "
        f"{finished} sessions sent to the confirmation page, each with its row; "
        f"{s['submit_confirmations']} of those redirects reached wrk before it stopped; "
        f"{s['submit_duplicates']} duplicates | {_verdict(same)} |"
    ]


def _staff_and_page_goals(s: dict, facts: dict) -> list[str]:
    c = s.get("changelist_time_ratio")
    queries = facts.get("changelist_queries", {})
    q_small = queries.get("1k", {}).get("queries")
    q_large = queries.get("100k", {}).get("queries")
    lines = [
        f"| Staff changelist, median time at 100,000 / at 1,000 complaints | <= 1.5 | {_fmt(c)} | "
        f"{_verdict(None if c is None else c <= 1.5)} |",
        f"| Staff changelist, queries at 1,000 and 100,000 | same | {q_small} and {q_large} | "
        f"{_verdict(None if q_small is None else q_small == q_large)} |",
    ]
    transfer = facts.get("transfer")
    if transfer:
        kb = transfer["total_bytes"] / 1024
        lines.append(
            f"| Home page first visit, HTML + CSS + JS, gzip | <= 32 KB | {kb:.1f} KB | "
            f"{_verdict(kb <= 32)} |"
        )
    for name, scores in facts.get("lighthouse", {}).items():
        if "error" in scores:
            lines.append(
                f"| Lighthouse, {name} `{scores['path']}` | 100 each | {scores['error']} | |"
            )
            continue
        values = [scores["performance"], scores["accessibility"], scores["best-practices"]]
        runs = "; ".join(scores.get("runs", []))
        lines.append(
            f"| Lighthouse, {name} `{scores['path']}`: performance / accessibility / best "
            f"practices (median of runs: {runs}) | 100 each | {' / '.join(map(str, values))} | "
            f"{_verdict(all(v == 100 for v in values))} |"
        )
    return lines


def _goals(result: dict) -> list[str]:
    s = result["summary"]
    return [
        "## Against the goals",
        "",
        "| figure | goal | result | |",
        "| --- | --- | --- | --- |",
        *_guidance_goals(result),
        *_submit_goals(s),
        *_staff_and_page_goals(s, result.get("facts", {})),
        "",
    ]


def _servers_compared(s: dict) -> list[str]:
    gg = s.get("granian_vs_gunicorn_guidance")
    gp = s.get("granian_vs_gunicorn_guidance_p99")
    return [
        "## Server: granian or gunicorn",
        "",
        f"Same workers and threads, same page, alternating in each round. granian (configured) "
        f"/ gunicorn throughput on the guidance page: {_fmt(gg)}; p99 (gunicorn p99 / granian "
        f"p99): {_fmt(gp)}. Guidance / bare view under gunicorn: "
        f"{_fmt(s.get('guidance_ratio_gunicorn'))}.",
        "",
    ]


def _medians(med: dict) -> list[str]:
    lines = [
        "## Medians",
        "",
        "| run | requests/s | p50 ms | p99 ms | per round (req/s) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, m in med.items():
        per_round = ", ".join(f"{r['rps']:.0f}" for r in m["rounds"])
        lines.append(
            f"| {label} | {m['rps']:.1f} | {m['p50_ms']:.1f} | {m['p99_ms']:.1f} | {per_round} |"
        )
    return [*lines, ""]


def _facts(facts: dict) -> list[str]:
    lines: list[str] = []
    transfer = facts.get("transfer")
    if transfer:
        lines += [
            "## Home page transfer",
            "",
            f"- HTML: {transfer['html_bytes']:,} bytes, {transfer['html_gzip']:,} gzip (level 6, "
            "as a proxy or CDN compresses it; Django does not gzip pages, see NOTES)",
        ]
        lines += [
            f"- `{asset['url']}`: {asset['bytes']:,} bytes ({asset['encoding']}, "
            f"HTTP {asset['status']})"
            for asset in transfer["assets"]
        ]
        lines.append("")
    if facts.get("changelist_queries"):
        lines += ["## Staff changelist queries", ""]
        lines += [
            f"- {size} ({data['complaints']:,} complaints): HTTP {data['status']}, "
            f"{data['queries']} queries"
            for size, data in facts["changelist_queries"].items()
        ]
        lines.append("")
    if facts.get("lighthouse"):
        lines += ["## Lighthouse audits below 1 (in any run)", ""]
        lines += [
            f"- {name}: {', '.join(scores.get('failing', [])) or 'none'}"
            for name, scores in facts["lighthouse"].items()
        ]
        lines.append("")
    return lines


def _run_notes_and_servers(result: dict, path: Path) -> list[str]:
    lines: list[str] = []
    if result.get("notes"):
        lines += ["## Notes from this run", "", *(f"- {note}" for note in result["notes"]), ""]
    lines += ["## Servers as started", ""]
    lines += [f"- {name}: `{command}`" for name, command in result["servers"].items()]
    for command in result.get("commands", []):
        # The question page's session is a benchmark session; its key is of no use to keep.
        command = re.sub(r"sessionid=[a-z0-9]+", "sessionid=<a benchmark session>", command)
        lines.append(f"- `{command}`")
    lines.append("")
    # Sections written by parts run on their own (`--only scale`) are kept from the last
    # file until that part is run again.
    old = path.read_text() if path.exists() else ""
    for match in _SECTION.finditer(old):
        lines += [match.group(0), ""]
    notes = BENCH / "NOTES.md"
    if notes.exists():
        lines += [notes.read_text().strip(), ""]
    return lines


def write_results(result: dict, path: Path) -> None:
    lines = [
        *_header(result),
        *_goals(result),
        *_servers_compared(result["summary"]),
        *_medians(result["summary"].get("medians", {})),
        *_facts(result.get("facts", {})),
        *_run_notes_and_servers(result, path),
    ]
    path.write_text("\n".join(lines))


_SECTION = re.compile(r"<!-- bench:([a-z-]+) -->\n.*?\n<!-- /bench:\1 -->", re.S)
NOTES_HEADING = "## What the figures mean"


def update_section(path: Path, name: str, text: str) -> None:
    """Put `text` in RESULTS.md as section `name`, replacing that section only.

    A new section goes before the hand-kept notes, which are refreshed from NOTES.md;
    everything else is left as it was.
    """
    block = f"<!-- bench:{name} -->\n{text.strip()}\n<!-- /bench:{name} -->"
    old = path.read_text() if path.exists() else "# Benchmark results\n"
    pattern = re.compile(
        rf"<!-- bench:{re.escape(name)} -->\n.*?\n<!-- /bench:{re.escape(name)} -->", re.S
    )
    if pattern.search(old):
        new = pattern.sub(lambda _match: block, old, count=1)
    elif NOTES_HEADING in old:
        at = old.index(NOTES_HEADING)
        new = old[:at] + block + "\n\n" + old[at:]
    else:
        new = old.rstrip() + "\n\n" + block + "\n"
    # The hand-kept notes at the end are NOTES.md as it is now.
    notes = BENCH / "NOTES.md"
    if notes.exists() and NOTES_HEADING in new:
        new = new[: new.index(NOTES_HEADING)] + notes.read_text().strip() + "\n"
    path.write_text(new)


def guidance_languages_section(result: dict) -> str:
    """The guidance page in English and in Welsh, each against a bare view of its size."""
    s = result["summary"]
    med = s.get("medians", {})
    load = ", ".join(f"{x:.2f}" for x in result.get("load_average_at_end", ()))
    lines = [
        "## The guidance page in English and in Welsh",
        "",
        f"- Run: {result['started']} to {result['finished']} (UTC), "
        f"{result['args']['rounds']} interleaved rounds of `wrk -t1 "
        f"-c{result['args']['connections']} -d{result['args']['duration']}s`; load average "
        f"at the end {load} (2 cores, shared with other work).",
        "",
        "| page | bytes | guidance / bare view of the same size, per round | median | goal | |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for language, page, base, path_key, bytes_key, key in (
        ("English", "guidance", "baseline", "guidance_path", "guidance_bytes", "guidance_ratio"),
        (
            "Welsh",
            "guidance (Welsh)",
            "baseline, Welsh page size",
            "guidance_cy_path",
            "guidance_cy_bytes",
            "guidance_ratio_cy",
        ),
    ):
        pages = med.get(page, {}).get("rounds", [])
        bases = med.get(base, {}).get("rounds", [])
        per_round = ", ".join(
            f"{p['rps'] / b['rps']:.2f}" for p, b in zip(pages, bases, strict=False)
        )
        value = s.get(key)
        lines.append(
            f"| {language} `{result[path_key]}` | {result[bytes_key]:,} | {per_round} | "
            f"{_fmt(value)} | >= 0.6 | {_verdict(None if value is None else value >= 0.6)} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    data = json.loads((BENCH / "out" / "results.json").read_text())
    write_results(data, BENCH / "RESULTS.md")
