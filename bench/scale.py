"""`bench/run.py --only scale`: staff pages at 1,000 and at 1,000,000 complaints.

Two PostgreSQL databases, victims_scale_1k and victims_scale_1m, seeded with SQL (INSERT ...
SELECT generate_series: about six years of complaints, most to the largest organisations,
statuses by age), each driven by its own worker process (bench/scale_worker.py). The
driver alternates every request between the two, so both see the same machine load, and
reports the median of the per-round ratios, the number of queries at each size, the peak
memory of a streamed export of every complaint, and retention's time for the same number
of due rows at both sizes. It writes bench/out/scale.json and only its own section of
RESULTS.md.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from bench.environment import (
    OUT,
    PYTHON,
    ROOT,
    collect_static,
    database_ready,
    log,
    server_env,
)

SIZES = {"1k": ("victims_scale_1k", 1_000), "1m": ("victims_scale_1m", 1_000_000)}
MEASURES = (
    ("changelist", "superuser", "Staff complaint list, superuser (every complaint)"),
    ("changelist", "large", "Staff complaint list, staff of the largest organisation"),
    ("changelist", "mid", "Staff complaint list, staff of a mid-sized organisation"),
    (
        "changelist-equal",
        "mid",
        "Staff complaint list, staff of a mid-sized organisation, as many complaints a page "
        "at both sizes (all it has at 1,000)",
    ),
    ("search", "superuser", "Name search (a name found once), superuser"),
    ("dashboard", "superuser", "Dashboard, last 12 months, superuser (every organisation)"),
    ("dashboard", "large", "Dashboard, last 12 months, staff of the largest organisation"),
    ("dashboard", "mid", "Dashboard, last 12 months, staff of a mid-sized organisation"),
    (
        "dashboard-changed",
        "large",
        "Dashboard, last 12 months, largest organisation, just after one of last month's "
        "complaints changed (that month worked out again)",
    ),
    (
        "dashboard-changed",
        "superuser",
        "Dashboard, last 12 months, superuser, just after one of last month's complaints "
        "of the largest organisation changed",
    ),
    (
        "export-equal",
        "superuser",
        "CSV export of the same number of rows (superuser): every complaint at 1,000, the "
        "newest days holding as many at 1,000,000",
    ),
    ("export", "mid", "CSV export, last 12 months, staff of a mid-sized organisation"),
    ("export", "large", "CSV export, last 12 months, staff of the largest organisation"),
    ("export", "superuser", "CSV export, last 12 months, superuser (every organisation)"),
)
TIME_GOAL = 1.5
RSS_GOAL = 1.2
RETENTION_DUE = 100


class Worker:
    def __init__(self, database: str) -> None:
        env = server_env(database)
        env.pop("BENCH_BASELINE", None)
        self.process = subprocess.Popen(  # noqa: S603
            [PYTHON, "-m", "bench.scale_worker"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, **command: object) -> dict:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if "error" in answer:
            raise RuntimeError(f"{command}: {answer['error']}")
        return answer

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=60)


def prepare(database: str, complaints: int, fresh: bool) -> dict:
    database_ready(database, fresh=fresh)
    worker = Worker(database)
    try:
        log(f"{database}: {complaints:,} complaints")
        return worker.ask(do="seed", complaints=complaints)
    finally:
        worker.close()


def _ratio(large: list[float], small: list[float]) -> float:
    return statistics.median(b / a for a, b in zip(small, large, strict=True))


def measure(rounds: int) -> dict:
    workers = {size: Worker(database) for size, (database, _n) in SIZES.items()}
    times: dict[str, dict[str, list[dict]]] = {}
    try:
        # The same output at both sizes: the newest days holding up to 1,000 complaints at
        # 1,000,000, and as many of the 1,000 (all of them, or nearly).
        plan = {"1m": workers["1m"].ask(do="plan-equal", rows=1000)}
        plan["1k"] = workers["1k"].ask(do="plan-equal", rows=plan["1m"]["rows"])
        log(f"equal export: {plan}")
        page = workers["1k"].ask(do="plan-list", **{"as": "mid"})
        workers["1m"].ask(do="plan-list", rows=page["rows"], **{"as": "mid"})
        log(f"equal list: {page['rows']} complaints a page")
        for what, who, _label in MEASURES:  # warm: imports, caches, connections
            for worker in workers.values():
                worker.ask(do="time", what=what, **{"as": who})
        for worker in workers.values():  # every run starts from freshly vacuumed tables
            worker.ask(do="vacuum", everything=True)
        for number in range(rounds):
            log(f"scale round {number + 1} of {rounds}")
            order = list(SIZES) if number % 2 == 0 else list(reversed(SIZES))
            for what, who, _label in MEASURES:
                for size in order:
                    result = workers[size].ask(do="time", what=what, **{"as": who})
                    times.setdefault(f"{what}/{who}", {}).setdefault(size, []).append(result)
            for size in order:
                result = workers[size].ask(do="retention", due=RETENTION_DUE)
                times.setdefault("retention", {}).setdefault(size, []).append(result)
                workers[size].ask(do="vacuum")
    finally:
        for worker in workers.values():
            worker.close()
    rss = {}
    for size, (database, _n) in SIZES.items():
        # A fresh process each, so its peak memory is the export's and nothing else's.
        worker = Worker(database)
        try:
            rss[size] = worker.ask(do="export-rss")
        finally:
            worker.close()
        log(f"export memory {size}: {rss[size]}")
    return {"times": times, "rss": rss, "equal_export": plan}


def summarise(raw: dict) -> list[dict]:
    rows = []
    for what, who, label in MEASURES:
        sizes = raw["times"][f"{what}/{who}"]
        small = [r["ms"] for r in sizes["1k"]]
        large = [r["ms"] for r in sizes["1m"]]
        queries = (sizes["1k"][0]["queries"], sizes["1m"][0]["queries"])
        row = {
            "label": label,
            "ms_1k": statistics.median(small),
            "ms_1m": statistics.median(large),
            "ratio": _ratio(large, small),
            "queries": queries,
            "queries_steady": all(r["queries"] == queries[0] for r in sizes["1k"])
            and all(r["queries"] == queries[1] for r in sizes["1m"]),
            "bytes": (sizes["1k"][0]["bytes"], sizes["1m"][0]["bytes"]),
            "rows": (sizes["1k"][0].get("rows"), sizes["1m"][0].get("rows")),
        }
        if what == "export":
            # Exports of a period hold as many rows as it has complaints (a handful at
            # 1,000, 155,000 at a million). Judged by what each further complaint costs:
            # the difference from the equal export (about 800 rows) at the same size, per
            # row of difference, so fixed costs (signing in, the page's queries) cancel out.
            equal = raw["times"]["export-equal/superuser"]
            row["per_row"] = _marginal(sizes, equal)
            # The first bytes hold the heading and the first 500 rows at a million, as the
            # equal export's do at 1,000: the same output, so compared directly.
            row["first_byte_vs_equal"] = _first_bytes(equal["1k"], sizes["1m"])
        if what == "export-equal":
            row["first_byte"] = _first_bytes(sizes["1k"], sizes["1m"])
        if what == "search":
            # The planted person, and only them, at both sizes.
            row["found"] = all(r["rows"] == 1 for s in sizes.values() for r in s)
        rows.append(row)
    retention = raw["times"]["retention"]
    rows.append(
        {
            "label": f"Retention: anonymising {RETENTION_DUE} due complaints",
            "ms_1k": statistics.median(r["ms"] for r in retention["1k"]),
            "ms_1m": statistics.median(r["ms"] for r in retention["1m"]),
            "ratio": _ratio([r["ms"] for r in retention["1m"]], [r["ms"] for r in retention["1k"]]),
            "changed": sorted({r["changed"] for s in retention.values() for r in s}),
        }
    )
    return rows


def _first_bytes(small: list[dict], large: list[dict]) -> tuple[float, float, float]:
    """Median milliseconds to the first bytes of two exports, and their per-round ratio."""
    first_small = [r["first_byte_ms"] for r in small]
    first_large = [r["first_byte_ms"] for r in large]
    return (
        statistics.median(first_small),
        statistics.median(first_large),
        _ratio(first_large, first_small),
    )


def _marginal(sizes: dict[str, list[dict]], equal: dict[str, list[dict]]) -> tuple[float, ...]:
    """Microseconds per complaint of difference between this export and the equal one,
    at each size (medians), and the median of the per-round ratios."""
    per: dict[str, list[float]] = {}
    for size in ("1k", "1m"):
        per[size] = [
            1000 * abs(this["ms"] - other["ms"]) / max(abs(this["rows"] - other["rows"]), 1)
            for this, other in zip(sizes[size], equal[size], strict=True)
        ]
    return statistics.median(per["1k"]), statistics.median(per["1m"]), _ratio(per["1m"], per["1k"])


def _period_export_lines(row: dict, *, equal: int, same: bool) -> list[str]:
    """A period's export: what each further complaint costs, and its first bytes."""
    small, large, ratio = row["per_row"]
    first_small, first_large, first_ratio = row["first_byte_vs_equal"]
    return [
        f"| {row['label']}: what each further complaint exported costs, against the "
        f"{equal:,}-row export at the same size (this file: {row['ms_1k']:.0f} ms at "
        f"1,000, {row['ms_1m']:.0f} ms at 1,000,000) | {small:.0f} µs | {large:.0f} µs | "
        f"{ratio:.2f} (<= {TIME_GOAL}) | {row['queries'][0]} / {row['queries'][1]} | "
        f"{_shown(row)} | {_verdict(ratio <= TIME_GOAL and same)} |",
        f"| The same export, time to its first bytes (its first 500 rows), against the "
        f"{equal:,}-row export's at 1,000 | {first_small:.0f} ms | {first_large:.0f} ms | "
        f"{first_ratio:.2f} (<= {TIME_GOAL}) | | | {_verdict(first_ratio <= TIME_GOAL)} |",
    ]


def _shown(row: dict) -> str:
    small, large = row.get("rows") or (None, None)
    if small is None:
        return "(dashboard: figures over the period)"
    return f"{small:,} / {large:,}"


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def section(result: dict) -> str:
    """The RESULTS.md section for this run."""
    lines = [
        "## At a million complaints (`bench/run.py --only scale`)",
        "",
        f"- Run: {result['started']} to {result['finished']} (UTC), {result['rounds']} rounds; "
        f"load average before {result['load_before']}, after {result['load_after']} "
        "(2 cores, shared with other work).",
        f"- Databases: {result['seeded']}.",
        "- In-process through Django's whole middleware stack (the test client, no HTTP), "
        "`make serve`'s production settings on PostgreSQL; each request alternates between "
        "the two databases; the ratio is taken in each round, then the median.",
        "- The run starts from freshly vacuumed tables; between rounds, untimed, each table "
        "a round changes is vacuumed once it passes autovacuum's thresholds (its own or "
        "PostgreSQL's defaults), as autovacuum would in service: this machine's PostgreSQL "
        "runs with autovacuum off.",
        "",
        "| figure | at 1,000 | at 1,000,000 | ratio (goal) | queries 1k / 1m | complaints "
        "shown or exported 1k / 1m | |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    equal = next(
        r["rows"][0] for r in result["rows"] if r["label"].startswith("CSV export of the same")
    )
    for row in result["rows"]:
        if row["label"].startswith("Retention"):
            ok = row["ratio"] <= TIME_GOAL and row["changed"] == [RETENTION_DUE]
            lines.append(
                f"| {row['label']} (rows changed: {', '.join(map(str, row['changed']))}) | "
                f"{row['ms_1k']:.0f} ms | {row['ms_1m']:.0f} ms | {row['ratio']:.2f} "
                f"(about 1: time follows rows changed) | | {RETENTION_DUE} / {RETENTION_DUE} | "
                f"{_verdict(ok)} |"
            )
            continue
        same = row["queries"][0] == row["queries"][1] and row["queries_steady"]
        ok = row["ratio"] <= TIME_GOAL and same and row.get("found", True)
        small_rows, large_rows = row.get("rows") or (None, None)
        if "per_row" in row:
            lines += _period_export_lines(row, equal=equal, same=same)
            continue
        if row["label"].endswith("mid-sized organisation") and small_rows != large_rows:
            lines.append(
                f"| {row['label']} (as it comes: the pages hold different numbers of rows) | "
                f"{row['ms_1k']:.0f} ms | {row['ms_1m']:.0f} ms | {row['ratio']:.2f} | "
                f"{row['queries'][0]} / {row['queries'][1]} | {_shown(row)} | compared in the "
                "next row |"
            )
            continue
        lines.append(
            f"| {row['label']} | {row['ms_1k']:.0f} ms | {row['ms_1m']:.0f} ms | "
            f"{row['ratio']:.2f} (<= {TIME_GOAL}) | {row['queries'][0]} / {row['queries'][1]} | "
            f"{_shown(row)} | {_verdict(ok)} |"
        )
        if "first_byte" in row:
            small, large, ratio = row["first_byte"]
            lines.append(
                f"| The same export, time to its first bytes | {small:.0f} ms | {large:.0f} ms | "
                f"{ratio:.2f} (<= {TIME_GOAL}) | | | {_verdict(ratio <= TIME_GOAL)} |"
            )
    rss = result["rss"]
    ratio = rss["1m"]["rss_peak_kb"] / rss["1k"]["rss_peak_kb"]
    lines.append(
        f"| CSV export of every complaint (superuser, {rss['1k']['rows']:,} and "
        f"{rss['1m']['rows']:,} rows; {rss['1k']['bytes'] / 1e6:.2f} and "
        f"{rss['1m']['bytes'] / 1e6:.0f} MB of CSV in {rss['1k']['seconds']} and "
        f"{rss['1m']['seconds']} s): the process's peak RSS | "
        f"{rss['1k']['rss_peak_kb'] / 1024:.0f} MB | {rss['1m']['rss_peak_kb'] / 1024:.0f} MB | "
        f"{ratio:.2f} (<= {RSS_GOAL}) | | {rss['1k']['rows']:,} / {rss['1m']['rows']:,} | "
        f"{_verdict(ratio <= RSS_GOAL)} |"
    )
    lines.append("")
    return "\n".join(lines)


def run(*, rounds: int, fresh: bool, write: bool) -> dict:
    started = datetime.now(UTC)
    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    notes = collect_static(server_env(SIZES["1k"][0]))
    if notes:
        raise SystemExit(notes[0])
    seeded = []
    for size, (database, complaints) in SIZES.items():
        info = prepare(database, complaints, fresh)
        seeded.append(
            f"{database} {info['complaints']:,} complaints"
            + (f" (seeded in {info['seconds']} s)" if info.get("created") else "")
        )
        log(f"{size}: {info}")
    raw = measure(rounds)
    result = {
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "rounds": rounds,
        "load_before": load_before,
        "load_after": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
        "seeded": "; ".join(seeded),
        "rows": summarise(raw),
        "rss": raw["rss"],
        "raw": raw,
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "scale.json").write_text(json.dumps(result, indent=2, default=str))
    text = section(result)
    log("\n" + text)
    if write:
        from bench.report import update_section

        update_section(Path(ROOT / "bench" / "RESULTS.md"), "scale", text)
        log("updated the scale section of bench/RESULTS.md")
    return result
