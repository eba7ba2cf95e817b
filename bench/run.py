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
import json
import os
import shlex
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as `python bench/run.py` (make bench) too
from bench.constants import EVERYTHING, MAIN_DB, PORTS, SMALL_DB  # noqa: E402
from bench.environment import (  # noqa: E402 - needs the line above
    BENCH,
    OUT,
    collect_static,
    log,
    seed,
    server_env,
)
from bench.lighthouse import lighthouse  # noqa: E402
from bench.load import wrk  # noqa: E402
from bench.rounds import (  # noqa: E402
    Context,
    choose_guidance_page,
    measure_queries,
    measure_transfer,
    prepare_submissions,
    round_changelist,
    round_guidance,
    round_servers,
    round_submit,
    warm_submissions,
)
from bench.servers import Server, app_server, gunicorn, prepare_database  # noqa: E402
from bench.summary import machine, summarise  # noqa: E402
from victims_service.serve import default_workers  # noqa: E402 - needs the line above


def _arguments() -> argparse.Namespace:
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
    return parser.parse_args()


def _redis_server() -> subprocess.Popen:
    """A Redis of its own, keeping nothing on disk, for the figures with REDIS_URL set."""
    return subprocess.Popen(
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


def _context(args: argparse.Namespace, only: set[str]) -> tuple[Context, list[Server]]:
    """Prepare the databases and the servers the chosen parts need (not started yet)."""
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
    servers = [app_server("granian", PORTS["main"], main_env)]
    small = gunicorn_server = redis_app = None
    if "changelist" in only:
        facts["databases"][SMALL_DB] = prepare_database(SMALL_DB, args.small, args.fresh)
        small = app_server("small", PORTS["small"], small_env)
        servers.append(small)
    if "servers" in only:
        gunicorn_server = gunicorn(
            "gunicorn", PORTS["gunicorn"], main_env, workers=args.workers, threads=args.threads
        )
        servers.append(gunicorn_server)
    if "redis" in only:
        redis_env = {**main_env, "REDIS_URL": f"redis://127.0.0.1:{PORTS['redis']}/0"}
        redis_app = app_server("redis-app", PORTS["redis-app"], redis_env)
        servers.append(redis_app)
    ctx = Context(args, servers[0], small, gunicorn_server, main_env, small_env, facts=facts)
    ctx.redis = redis_app
    ctx.notes.extend(notes)
    return ctx, servers


def _prepare(ctx: Context, servers: list[Server], only: set[str]) -> None:
    """Sessions and seeds the parts need, then every server warmed (unrecorded)."""
    choose_guidance_page(ctx)
    if "changelist" in only:
        ctx.staff_cookie_main = seed(ctx.main_env, "staff-session")["cookie"]
        ctx.staff_cookie_small = seed(ctx.small_env, "staff-session")["cookie"]
        measure_queries(ctx)
    if "submit" in only:
        prepare_submissions(ctx)
    # Imports, template caches and persistent connections warm up before anything counts.
    for server in servers:
        with contextlib.suppress(Exception):
            wrk("warm", server.url(ctx.guidance_path), duration=2, connections=4)
    if "submit" in only:
        warm_submissions(ctx)


def _one_round(ctx: Context, number: int, only: set[str]) -> None:
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


def _measure(ctx: Context, servers: list[Server], only: set[str]) -> None:
    redis_process = _redis_server() if "redis" in only else None
    try:
        for server in servers:
            log(f"start {server.name} on {server.port}: {shlex.join(server.command)}")
            server.start()
        _prepare(ctx, servers, only)
        for number in range(ctx.args.rounds):
            log(f"round {number + 1} of {ctx.args.rounds}")
            _one_round(ctx, number, only)
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


def _write(result: dict, only: set[str]) -> None:
    from bench.report import guidance_languages_section, update_section, write_results

    if only >= set(EVERYTHING.split(",")):
        write_results(result, BENCH / "RESULTS.md")
        log("wrote bench/RESULTS.md")
    else:
        # A part of the benchmark: the rest of RESULTS.md stays as the last full run left it.
        log("a partial run: only its own sections of bench/RESULTS.md are updated")
    if result["summary"].get("guidance_ratio_cy") is not None:
        update_section(
            BENCH / "RESULTS.md", "guidance-languages", guidance_languages_section(result)
        )
        log("updated the English and Welsh guidance section of bench/RESULTS.md")


def main() -> None:
    args = _arguments()
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
    ctx, servers = _context(args, only)
    _measure(ctx, servers, only)
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
        "summary": summarise(ctx),
        "facts": ctx.facts,
        "notes": ctx.notes,
        "commands": ctx.commands,
    }
    (OUT / "results.json").write_text(json.dumps(result, indent=2, default=str))
    log(f"raw results in {OUT / 'results.json'}")
    if not args.no_write:
        _write(result, only)


if __name__ == "__main__":
    tempfile.tempdir = str(OUT)
    main()
