"""`make bench`: measure the site under production settings on PostgreSQL; write RESULTS.md.

Every figure is a ratio to a baseline measured in the same run (a bare Django view returning
the same number of bytes through the same middleware and server), taken as the median of
interleaved rounds, so a busy machine moves both sides and the ratio stays meaningful.

    .venv/bin/python bench/run.py                  # everything, 3 rounds of 5 s per figure
    .venv/bin/python bench/run.py --rounds 5 --duration 10
    .venv/bin/python bench/run.py --only guidance,servers --no-write

Needs wrk (apt-get install -y wrk) and PostgreSQL on 127.0.0.1:5432 (BENCH_PG_URL). It
creates the databases victims_bench (content and 100,000 complaints) and victims_bench_1k
(1,000 complaints), starts its own servers on ports 8101-8104, and stops them at the end.
Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import re
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as `python bench/run.py` (make bench) too
from bench.environment import (  # noqa: E402 - needs the line above
    BENCH,
    BIN,
    OUT,
    PYTHON,
    collect_static,
    log,
    manage,
    psql,
    seed,
    server_env,
)
from victims_service.serve import default_workers  # noqa: E402 - needs the line above

MAIN_DB = "victims_bench"
SMALL_DB = "victims_bench_1k"
# The bare view, POSTed to with the submission's cookies and token (round_submit).
SAME_REQUEST = "baseline, the submission's request"
WELSH_BASELINE = "baseline, Welsh page size"
WELSH_GUIDANCE = "guidance (Welsh)"
PORTS = {"main": 8101, "small": 8102, "gunicorn": 8103, "redis-app": 8104, "redis": 6390}
RIGHTS_PAGE = "/victims-code/victim-personal-statement/"
CHANGELIST = "/staff/complaints/complaint/"

EVERYTHING = "guidance,servers,submit,redis,changelist,transfer,lighthouse"
GOALS = {
    "guidance": 0.6,
    "submit_throughput": 0.25,
    "submit_p99": 0.25,
    "changelist": 1.5,
    "transfer_kb": 32,
    "lighthouse": 100,
}


def prepare_database(name: str, complaints: int, fresh: bool) -> dict:
    env = server_env(name)
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"
    if exists and fresh:
        psql(f'DROP DATABASE "{name}" WITH (FORCE)')
        exists = False
    if not exists:
        psql(f'CREATE DATABASE "{name}"')
    log(f"{name}: migrate, cache table, site content")
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "setup_site")
    log(f"{name}: complaints up to {complaints:,}")
    return seed(env, "complaints", str(complaints))


# -- servers ------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    command: list[str]
    env: dict
    process: subprocess.Popen | None = None
    log_path: Path = field(default_factory=Path)

    def start(self) -> None:
        self.log_path = OUT / f"server-{self.name}.log"
        handle = self.log_path.open("w")
        self.process = subprocess.Popen(  # noqa: S603
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if fetch(self.url("/healthz")).status == 200:
                    return
            if self.process.poll() is not None:
                break
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not start; see {self.log_path}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def app_server(name: str, port: int, env: dict) -> Server:
    """The production server exactly as `make serve` starts it (victims_service/serve.py)."""
    return Server(name, port, [PYTHON, "-m", "victims_service.serve"], {**env, "PORT": str(port)})


def gunicorn(name: str, port: int, env: dict, workers: int, threads: int) -> Server:
    """The server granian was picked over, with the same processes and threads."""
    return Server(
        name,
        port,
        [
            str(BIN / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--max-requests",
            "20000",
            "victims_service.wsgi:application",
        ],
        env,
    )


# -- HTTP and wrk -------------------------------------------------------------------------


@dataclass
class Fetched:
    status: int
    headers: Message  # looks names up in any case: servers send either
    body: bytes


def fetch(url: str, headers: dict | None = None) -> Fetched:
    assert url.startswith("http://127.0.0.1:")  # noqa: S101 - traffic stays on this machine
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return Fetched(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, error.headers, error.read())


@dataclass
class WrkResult:
    label: str
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx_3xx: int
    errors: int
    extra: dict

    def as_dict(self) -> dict:
        return self.__dict__


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()
    return float(number) * _UNITS[unit]


def wrk(
    label: str,
    url: str,
    *,
    duration: int,
    connections: int,
    script: str | None = None,
    script_args: list[str] | None = None,
    headers: list[str] | None = None,
) -> WrkResult:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    for header in headers or []:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)  # noqa: S603
    text = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    non = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    extra = {}
    for line in text.splitlines():
        if line.startswith("BENCH "):
            extra.update(json.loads(line[6:]))
    return WrkResult(
        label,
        rps,
        p50,
        p99,
        requests,
        int(non.group(1)) if non else 0,
        sum(int(n) for n in errors.groups()) if errors else 0,
        extra,
    )


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# -- the measurements ---------------------------------------------------------------------


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
    flags = (
        "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
        "--disable-component-update --disable-sync --no-first-run"
    )
    scores = {}
    categories = ("performance", "accessibility", "best-practices")
    for name, path in pages.items():
        # Lighthouse's scores move a point or two from run to run on the same page (its
        # simulated slow phone is timed on this machine): three runs, median of each.
        runs = []
        for attempt in range(ctx.args.lighthouse_runs):
            report = OUT / f"lighthouse-{name}-{attempt + 1}.json"
            report.unlink(missing_ok=True)
            command = [
                str(binary),
                ctx.main.url(path),
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                "--only-categories=performance,accessibility,best-practices",
                f"--chrome-flags={flags}",
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
                runs.append({"error": "no report"})
                continue
            data = json.loads(report.read_text())
            final = data.get("finalDisplayedUrl") or data.get("finalUrl") or ""
            if not final.endswith(path):
                runs.append({"error": f"redirected to {final}"})
                continue
            if data.get("runtimeError"):
                runs.append({"error": data["runtimeError"].get("code", "runtime error")})
                continue
            runs.append(
                {
                    **{
                        key: round((data["categories"][key]["score"] or 0) * 100)
                        for key in categories
                    },
                    "failing": sorted(
                        audit["id"]
                        for audit in data["audits"].values()
                        if audit.get("score") is not None
                        and audit["score"] < 1
                        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
                    )[:15],
                }
            )
        good = [run for run in runs if "error" not in run]
        if not good:
            scores[name] = {"path": path, "error": runs[-1]["error"] if runs else "not run"}
        else:
            scores[name] = {
                "path": path,
                **{key: round(median([run[key] for run in good])) for key in categories},
                "runs": [
                    run.get("error") or "/".join(str(run[key]) for key in categories)
                    for run in runs
                ],
                "failing": sorted({audit for run in good for audit in run["failing"]}),
            }
        log(f"lighthouse {name}: {scores[name]}")
    ctx.facts["lighthouse"] = scores


# -- results ------------------------------------------------------------------------------


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--only",
        default=EVERYTHING,
        help="comma-separated parts; `scale` (1,000 against 1,000,000 complaints, "
        "bench/scale.py) runs only when asked for",
    )
    parser.add_argument("--scale-rounds", type=int, default=7)
    parser.add_argument(
        "--database",
        default=MAIN_DB,
        help="the main benchmark database (another name keeps a branch's run to itself)",
    )
    parser.add_argument("--fresh", action="store_true", help="recreate the databases")
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--submit-sessions", type=int, default=3000)
    parser.add_argument("--question-page", default="/complaints/question/what-happened/")
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY") or default_workers())
    )
    parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", 4)))
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--shared-machine", action="store_true", help="say so in RESULTS.md")
    parser.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args()
    only = set(args.only.split(","))
    if "scale" in only:
        from bench.scale import run as scale_run

        OUT.mkdir(exist_ok=True)
        scale_run(rounds=args.scale_rounds, fresh=args.fresh, write=not args.no_write)
        only.discard("scale")
        if not only:
            return
    if subprocess.run(["which", "wrk"], capture_output=True).returncode != 0:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    OUT.mkdir(exist_ok=True)
    started = datetime.now(UTC)

    main_db = args.database
    main_env = server_env(main_db, WEB_CONCURRENCY=str(args.workers), WEB_THREADS=str(args.threads))
    notes = collect_static(main_env)
    small_env = server_env(
        SMALL_DB,
        WEB_CONCURRENCY=str(args.workers),
        WEB_THREADS=str(args.threads),
        DJANGO_SETTINGS_MODULE=main_env["DJANGO_SETTINGS_MODULE"],
    )
    facts: dict = {"databases": {}}
    facts["databases"][main_db] = prepare_database(main_db, args.large, args.fresh)
    if "changelist" in only:
        facts["databases"][SMALL_DB] = prepare_database(SMALL_DB, args.small, args.fresh)

    servers = [app_server("granian", PORTS["main"], main_env)]
    small = gunicorn_server = None
    if "changelist" in only:
        small = app_server("small", PORTS["small"], small_env)
        servers.append(small)
    if "servers" in only:
        gunicorn_server = gunicorn(
            "gunicorn", PORTS["gunicorn"], main_env, workers=args.workers, threads=args.threads
        )
        servers.append(gunicorn_server)
    redis_process = None
    ctx_redis = None
    if "redis" in only:
        redis_process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(PORTS["redis"]),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        redis_env = {**main_env, "REDIS_URL": f"redis://127.0.0.1:{PORTS['redis']}/0"}
        ctx_redis = app_server("redis-app", PORTS["redis-app"], redis_env)
        servers.append(ctx_redis)
    ctx = Context(args, servers[0], small, gunicorn_server, main_env, small_env, facts=facts)
    ctx.redis = ctx_redis
    ctx.notes.extend(notes)
    try:
        for server in servers:
            log(f"start {server.name} on {server.port}: {shlex.join(server.command)}")
            server.start()
        choose_guidance_page(ctx)
        if "changelist" in only:
            ctx.staff_cookie_main = seed(main_env, "staff-session")["cookie"]
            ctx.staff_cookie_small = seed(small_env, "staff-session")["cookie"]
            measure_queries(ctx)
        if "submit" in only:
            prepare_submissions(ctx)
        # Warm every server (imports, template caches, persistent connections) unrecorded.
        for server in servers:
            with contextlib.suppress(Exception):
                wrk("warm", server.url(ctx.guidance_path), duration=2, connections=4)
        if "submit" in only:
            warm_submissions(ctx)
        for number in range(args.rounds):
            log(f"round {number + 1} of {args.rounds}")
            if "guidance" in only or "submit" in only:
                round_guidance(ctx)
            if "servers" in only:
                round_servers(ctx)
            if "submit" in only:
                round_submit(ctx, number)
            if "redis" in only and ctx.redis is not None:
                ctx.run("guidance (Redis cache)", ctx.redis, ctx.guidance_path)
                if "submit" in only:
                    round_submit(ctx, number, ctx.redis, "submit (Redis cache)")
            if "changelist" in only:
                round_changelist(ctx)
        if "transfer" in only:
            measure_transfer(ctx)
        if "lighthouse" in only:
            lighthouse(ctx)
    finally:
        for server in servers:
            server.stop()
        if redis_process is not None:
            redis_process.terminate()
            redis_process.wait(timeout=10)
    summary = summarise(ctx)
    result = {
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "load_average_at_end": os.getloadavg(),
        "args": vars(args),
        "guidance_path": ctx.guidance_path,
        "guidance_bytes": ctx.guidance_bytes,
        "guidance_cy_path": ctx.guidance_cy_path,
        "guidance_cy_bytes": ctx.guidance_cy_bytes,
        "servers": {s.name: shlex.join(s.command) for s in servers},
        "summary": summary,
        "facts": ctx.facts,
        "notes": ctx.notes,
        "commands": ctx.commands,
    }
    (OUT / "results.json").write_text(json.dumps(result, indent=2, default=str))
    log(f"raw results in {OUT / 'results.json'}")
    if not args.no_write:
        from bench.report import guidance_languages_section, update_section, write_results

        if only >= set(EVERYTHING.split(",")):
            write_results(result, BENCH / "RESULTS.md")
            log("wrote bench/RESULTS.md")
        else:
            # A part of the benchmark: the rest of RESULTS.md stays as the last full run left it.
            log("a partial run: only its own sections of bench/RESULTS.md are updated")
        if summary.get("guidance_ratio_cy") is not None:
            update_section(
                BENCH / "RESULTS.md", "guidance-languages", guidance_languages_section(result)
            )
            log("updated the English and Welsh guidance section of bench/RESULTS.md")


if __name__ == "__main__":
    tempfile.tempdir = str(OUT)
    main()
