"""Lighthouse scores of three pages, the median of several runs (scores move a point or two)."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from pathlib import Path

from bench.environment import (
    BENCH,
    OUT,
    log,
    seed,
)
from bench.load import median
from bench.rounds import Context

CATEGORIES = ("performance", "accessibility", "best-practices")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def _run_once(ctx: Context, binary: Path, name: str, path: str, attempt: int, cookie: str) -> dict:
    """One Lighthouse run of one page: its three scores and failing audits, or an error."""
    report = OUT / f"lighthouse-{name}-{attempt + 1}.json"
    report.unlink(missing_ok=True)
    command = [
        str(binary),
        ctx.main.url(path),
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        "--only-categories=performance,accessibility,best-practices",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if name == "question":
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    if attempt == 0:
        ctx.commands.append(f"CHROME_PATH=/usr/bin/chromium {shlex.join(command)}")
    subprocess.run(  # noqa: S603
        command,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        capture_output=True,
        timeout=180,
    )
    if not report.exists():
        return {"error": "no report"}
    data = json.loads(report.read_text())
    final = data.get("finalDisplayedUrl") or data.get("finalUrl") or ""
    if not final.endswith(path):
        return {"error": f"redirected to {final}"}
    if data.get("runtimeError"):
        return {"error": data["runtimeError"].get("code", "runtime error")}
    return {
        **{key: round((data["categories"][key]["score"] or 0) * 100) for key in CATEGORIES},
        "failing": sorted(
            audit["id"]
            for audit in data["audits"].values()
            if audit.get("score") is not None
            and audit["score"] < 1
            and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        )[:15],
    }


def _page_score(path: str, runs: list[dict]) -> dict:
    good = [run for run in runs if "error" not in run]
    if not good:
        return {"path": path, "error": runs[-1]["error"] if runs else "not run"}
    return {
        "path": path,
        **{key: round(median([run[key] for run in good])) for key in CATEGORIES},
        "runs": [run.get("error") or "/".join(str(run[key]) for key in CATEGORIES) for run in runs],
        "failing": sorted({audit for run in good for audit in run["failing"]}),
    }


def lighthouse(ctx: Context) -> None:
    binary = BENCH / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        ctx.notes.append("Lighthouse was not installed (cd bench && npm ci); not measured.")
        return
    pages = {"home": "/", "right": ctx.guidance_path, "question": ctx.args.question_page}
    # A question page needs a journey in the session: a fresh finished one, never sent (a
    # sent or missing one redirects to another page, which would be measured instead).
    sessions = OUT / "sessions-lighthouse.txt"
    seed(ctx.main_env, "submissions", "1", str(sessions))
    cookie = sessions.read_text().splitlines()[-1].split()[0]
    scores = {}
    for name, path in pages.items():
        # Lighthouse's scores move a point or two from run to run on the same page (its
        # simulated slow phone is timed on this machine): several runs, median of each.
        runs = [
            _run_once(ctx, binary, name, path, attempt, cookie)
            for attempt in range(ctx.args.lighthouse_runs)
        ]
        scores[name] = _page_score(path, runs)
        log(f"lighthouse {name}: {scores[name]}")
    ctx.facts["lighthouse"] = scores
