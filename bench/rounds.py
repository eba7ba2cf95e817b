"""The measurements: each round measures every figure once, interleaved with its baseline."""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser

from bench.constants import (
    CHANGELIST,
    RIGHTS_PAGE,
    SAME_REQUEST,
    WELSH_BASELINE,
    WELSH_GUIDANCE,
)
from bench.environment import (
    BENCH,
    OUT,
    log,
    seed,
)
from bench.load import WrkResult, fetch, slug, wrk
from bench.servers import Server


@dataclass
class Context:
    args: argparse.Namespace
    main: Server
    small: Server | None
    gunicorn: Server | None
    main_env: dict
    small_env: dict
    guidance_path: str = ""
    guidance_bytes: int = 0
    # The same page's Welsh twin (/cy/...), measured against a bare view of its own size.
    guidance_cy_path: str = ""
    guidance_cy_bytes: int = 0
    staff_cookie_main: str = ""
    staff_cookie_small: str = ""
    redis: Server | None = None
    rounds: dict = field(default_factory=dict)
    facts: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    commands: list = field(default_factory=list)

    def record(self, result: WrkResult) -> None:
        self.rounds.setdefault(result.label, []).append(result)
        log(
            f"  {result.label:<28} {result.rps:8.1f} req/s  p50 {result.p50_ms:7.1f} ms  "
            f"p99 {result.p99_ms:7.1f} ms  non-2xx/3xx {result.non_2xx_3xx}  "
            f"errors {result.errors} {json.dumps(result.extra) if result.extra else ''}"
        )

    def run(self, label: str, server: Server, path: str, **kwargs) -> WrkResult:
        kwargs.setdefault("duration", self.args.duration)
        kwargs.setdefault("connections", self.args.connections)
        result = wrk(label, server.url(path), **kwargs)
        self.record(result)
        return result


def choose_guidance_page(ctx: Context) -> None:
    for path in (RIGHTS_PAGE, "/victims-code/", "/"):
        response = fetch(ctx.main.url(path))
        if response.status == 200:
            ctx.guidance_path = path
            ctx.guidance_bytes = len(response.body)
            break
    if ctx.guidance_path != RIGHTS_PAGE:
        ctx.notes.append(f"{RIGHTS_PAGE} did not answer 200; measured {ctx.guidance_path} instead.")
    log(f"guidance page {ctx.guidance_path}: {ctx.guidance_bytes:,} bytes")
    welsh = fetch(ctx.main.url("/cy" + ctx.guidance_path))
    if welsh.status == 200 and b'lang="cy"' in welsh.body:
        ctx.guidance_cy_path = "/cy" + ctx.guidance_path
        ctx.guidance_cy_bytes = len(welsh.body)
        log(f"Welsh guidance page {ctx.guidance_cy_path}: {ctx.guidance_cy_bytes:,} bytes")
    else:
        ctx.notes.append(f"/cy{ctx.guidance_path} did not answer 200 in Welsh; not measured.")


def round_guidance(ctx: Context) -> None:
    baseline = f"/bench/baseline/{ctx.guidance_bytes}/"
    ctx.run("baseline", ctx.main, baseline)
    ctx.run("guidance", ctx.main, ctx.guidance_path)
    # The same page through a whole-response cache (bench/baseline.py): what a fix would give.
    ctx.run("guidance, page cache prototype", ctx.main, f"/bench/cached{ctx.guidance_path}")
    if ctx.guidance_cy_path:
        ctx.run(WELSH_BASELINE, ctx.main, f"/bench/baseline/{ctx.guidance_cy_bytes}/")
        ctx.run(WELSH_GUIDANCE, ctx.main, ctx.guidance_cy_path)


def round_servers(ctx: Context) -> None:
    if ctx.gunicorn is None:
        return
    baseline = f"/bench/baseline/{ctx.guidance_bytes}/"
    ctx.run("baseline (gunicorn)", ctx.gunicorn, baseline)
    ctx.run("guidance (gunicorn)", ctx.gunicorn, ctx.guidance_path)


def round_changelist(ctx: Context, pairs: int = 10) -> None:
    """Time the staff list at 1,000 and at 100,000 complaints, alternating request by request.

    Staff pages are few and heavy, so what matters is each page's time, not throughput:
    one request at a time, 1k then 100k, so both see the same machine load.
    """
    if ctx.small is None:
        return
    times: dict[str, list[float]] = {"changelist 1k": [], "changelist 100k": []}
    for _ in range(pairs):
        for label, server, cookie in (
            ("changelist 1k", ctx.small, ctx.staff_cookie_small),
            ("changelist 100k", ctx.main, ctx.staff_cookie_main),
        ):
            started = time.perf_counter()
            response = fetch(server.url(CHANGELIST), {"Cookie": cookie})
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                raise RuntimeError(f"{label} answered {response.status}")
            times[label].append(elapsed)
    for label, values in times.items():
        ordered = sorted(values)
        p50 = statistics.median(ordered)
        ctx.record(
            WrkResult(
                label,
                rps=1000 / p50,
                p50_ms=p50,
                p99_ms=ordered[-1],
                requests=len(values),
                non_2xx_3xx=0,
                errors=0,
                extra={},
            )
        )


def round_submit(
    ctx: Context, round_number: int, server: Server | None = None, label: str = "submit"
) -> None:
    sessions = OUT / f"sessions-{slug(label)}-{round_number}.txt"
    before = seed(ctx.main_env, "count-complaints")
    result = ctx.run(
        label,
        server or ctx.main,
        "/complaints/check-your-answers/",
        script=str(BENCH / "submit.lua"),
        script_args=[str(sessions)],
    )
    time.sleep(2)  # requests wrk cut off at the end of its run still finish on the server
    after = seed(ctx.main_env, "count-complaints")
    if label == "submit":
        # The same bare view sent the submission's own request: a POST with the CSRF token
        # and a finished journey's session cookie, so the middleware checks the token and
        # reads and saves the session, as for any request that carries one.
        ctx.run(
            SAME_REQUEST,
            ctx.main,
            "/bench/baseline/0/",
            script=str(BENCH / "submit.lua"),
            # Finished journeys never sent: the same session the submission reads and saves.
            script_args=[str(OUT / "sessions-same-request.txt")],
        )
    finished = seed(ctx.main_env, "submitted", str(sessions))
    result.extra["rows_committed"] = after["complaints"] - before["complaints"]
    result.extra["duplicate_keys"] = after["complaints"] - after["distinct_keys"]
    # Sessions the server marked submitted (the confirmation page is what they then show).
    result.extra["server_finished"] = finished["finished"]
    result.extra["finished_with_row"] = finished["references_stored"]
    log(
        f"  submit: rows committed {result.extra['rows_committed']}, sessions finished "
        f"{finished['finished']} (with a stored row: {finished['references_stored']}), "
        f"confirmations received by wrk {result.extra.get('confirmations')}"
    )


def prepare_submissions(ctx: Context) -> None:
    # Enough finished sessions that no round runs out (each is used for one POST only).
    per_round = ctx.args.submit_sessions
    for number in range(ctx.args.rounds):
        for label in ("submit", "submit (Redis cache)"):
            path = OUT / f"sessions-{slug(label)}-{number}.txt"
            seed(ctx.main_env, "submissions", str(per_round), str(path))
    seed(ctx.main_env, "submissions", "300", str(OUT / "sessions-warm.txt"))
    # Never posted to the check-answers page, so they keep every answer (round_submit).
    seed(ctx.main_env, "submissions", "300", str(OUT / "sessions-same-request.txt"))
    log(f"{per_round} finished complaint sessions per round ready")


def warm_submissions(ctx: Context) -> None:
    # Each worker's first submission imports and compiles what the journey needs.
    for server in filter(None, (ctx.main, ctx.redis)):
        wrk(
            "warm",
            server.url("/complaints/check-your-answers/"),
            duration=2,
            connections=4,
            script=str(BENCH / "submit.lua"),
            script_args=[str(OUT / "sessions-warm.txt")],
        )


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "") and attrs.get("href"):
            self.urls.append(attrs["href"])
        if tag == "link" and attrs.get("rel") == "modulepreload" and attrs.get("href"):
            self.urls.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def measure_transfer(ctx: Context) -> None:
    home = fetch(ctx.main.url("/"))
    html_gzip = len(gzip.compress(home.body, compresslevel=6))
    parser = _Assets()
    parser.feed(home.body.decode())
    assets = []
    for url in dict.fromkeys(parser.urls):
        response = fetch(ctx.main.url(url), {"Accept-Encoding": "gzip"})
        assets.append(
            {
                "url": url,
                "status": response.status,
                "encoding": response.headers.get("Content-Encoding", "identity"),
                "bytes": len(response.body),
            }
        )
    # Modules that app.js imports are fetched too: follow `import ... from "..."`.
    for asset in list(assets):
        if asset["url"].endswith((".js", ".mjs")):
            body = fetch(ctx.main.url(asset["url"])).body.decode(errors="ignore")
            for imported in re.findall(r"""(?:import|from)\s*["']([^"']+\.m?js)["']""", body):
                base = asset["url"].rsplit("/", 1)[0]
                target = imported if imported.startswith("/") else f"{base}/{imported}"
                response = fetch(ctx.main.url(target), {"Accept-Encoding": "gzip"})
                assets.append(
                    {
                        "url": target,
                        "status": response.status,
                        "encoding": response.headers.get("Content-Encoding", "identity"),
                        "bytes": len(response.body),
                    }
                )
    total = html_gzip + sum(a["bytes"] for a in assets)
    ctx.facts["transfer"] = {
        "html_bytes": len(home.body),
        "html_gzip": html_gzip,
        "assets": assets,
        "total_bytes": total,
    }
    log(f"home page first visit: {total / 1024:.1f} KB gzip (HTML {html_gzip} B)")


def measure_queries(ctx: Context) -> None:
    small = seed(ctx.small_env, "changelist-queries")
    large = seed(ctx.main_env, "changelist-queries")
    ctx.facts["changelist_queries"] = {"1k": small, "100k": large}
    log(f"changelist queries: 1k {small['queries']}, 100k {large['queries']}")
