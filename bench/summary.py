"""From wrk rounds to the figures RESULTS.md reports: ratios within each round, then medians."""

from __future__ import annotations

import contextlib
import os
import platform
from pathlib import Path

from bench.constants import SAME_REQUEST, WELSH_BASELINE, WELSH_GUIDANCE
from bench.environment import (
    psql,
)
from bench.load import median
from bench.rounds import Context


def summarise(ctx: Context) -> dict:
    med = {
        label: {
            "rps": median([r.rps for r in results]),
            "p99_ms": median([r.p99_ms for r in results]),
            "p50_ms": median([r.p50_ms for r in results]),
            "rounds": [r.as_dict() for r in results],
        }
        for label, results in ctx.rounds.items()
    }
    summary: dict = {"medians": med}

    def ratio(page: str, base: str, key: str = "rps") -> float | None:
        pages = ctx.rounds.get(page)
        bases = ctx.rounds.get(base)
        if not pages or not bases:
            return None
        # The ratio in each round (same minute, same machine load), then the median.
        if key == "rps":
            return median([p.rps / b.rps for p, b in zip(pages, bases, strict=False)])
        if key == "p50":
            return median([b.p50_ms / p.p50_ms for p, b in zip(pages, bases, strict=False)])
        return median([b.p99_ms / p.p99_ms for p, b in zip(pages, bases, strict=False)])

    summary["guidance_ratio"] = ratio("guidance", "baseline")
    summary["guidance_ratio_cy"] = ratio(WELSH_GUIDANCE, WELSH_BASELINE)
    summary["guidance_ratio_cached_prototype"] = ratio("guidance, page cache prototype", "baseline")
    summary["guidance_ratio_gunicorn"] = ratio("guidance (gunicorn)", "baseline (gunicorn)")
    summary["granian_vs_gunicorn_guidance"] = ratio("guidance", "guidance (gunicorn)")
    summary["granian_vs_gunicorn_guidance_p99"] = ratio("guidance", "guidance (gunicorn)", "p99")
    summary["guidance_ratio_redis"] = ratio("guidance (Redis cache)", "baseline")
    summary["submit_throughput_ratio_redis"] = ratio("submit (Redis cache)", "baseline")
    summary["submit_p99_ratio_redis"] = ratio("submit (Redis cache)", "baseline", "p99")
    summary["submit_throughput_ratio"] = ratio("submit", "baseline")
    summary["submit_p99_ratio"] = ratio("submit", "baseline", "p99")
    summary["submit_p50_ratio"] = ratio("submit", "baseline", "p50")
    summary["same_request_ratio"] = ratio(SAME_REQUEST, "baseline")
    summary["submit_same_request_ratio"] = ratio("submit", SAME_REQUEST)
    summary["submit_same_request_p99_ratio"] = ratio("submit", SAME_REQUEST, "p99")
    if ctx.rounds.get("changelist 1k") and ctx.rounds.get("changelist 100k"):
        summary["changelist_time_ratio"] = median(
            [
                large.p50_ms / small.p50_ms
                for small, large in zip(
                    ctx.rounds["changelist 1k"], ctx.rounds["changelist 100k"], strict=False
                )
            ]
        )
    submits = ctx.rounds.get("submit", []) + ctx.rounds.get("submit (Redis cache)", [])
    if submits:
        summary["submit_confirmations"] = sum(r.extra.get("confirmations", 0) for r in submits)
        summary["submit_rows"] = sum(r.extra.get("rows_committed", 0) for r in submits)
        summary["submit_duplicates"] = sum(r.extra.get("duplicate_keys", 0) for r in submits)
        summary["submit_server_finished"] = sum(r.extra.get("server_finished", 0) for r in submits)
        summary["submit_finished_with_row"] = sum(
            r.extra.get("finished_with_row", 0) for r in submits
        )
        summary["submit_statuses"] = [r.extra.get("statuses", {}) for r in submits]
    return summary


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    postgres = psql("SHOW server_version")
    return (
        f"{os.cpu_count()} CPU cores ({cpu}){memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; PostgreSQL {postgres}"
    )
