"""The production server: granian, configured from the environment.

    python -m victims_service.serve        # what `make serve` and a container run

granian was picked over gunicorn on the benchmark's figures (bench/NOTES.md, "gunicorn or
granian"): the same guidance page at 1.2 to 1.7 times the throughput with a lower p99 on
quiet runs, level on busy ones. Every value comes from the environment, so one command
serves a laptop and a container:

    PORT              port to listen on (default 8000)
    BIND_HOST         address to listen on (default 127.0.0.1; 0.0.0.0 in a container)
    WEB_CONCURRENCY   worker processes (default: 1 per CPU core, at least 2)
    WEB_THREADS       threads per worker running Django (default 4)
    ACCESS_LOG        access log on or off (default on)
    WORKERS_LIFETIME  seconds before a worker is replaced (default 21600, six hours)
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Mapping
from pathlib import Path

LOG_CONFIG = Path(__file__).with_name("granian_logging.json")

# The path only: never the query string (a search box's words could be personal), the
# client's address, a header or a cookie. Granian's atoms are %-style: %(path)s, %(status)d.
ACCESS_LOG_FORMAT = "%(method)s %(path)s %(status)d %(dt_ms).0fms"


def _on(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


def default_workers() -> int:
    """One process per core (at least two, so one can be replaced while the other serves).

    Two per core gave the same throughput on the benchmark's 2-core machine, but the
    complaint submission's p99 was 1.1 to 3.4 times worse: the extra processes only queued
    for the same cores (bench/NOTES.md, "Processes and threads").
    """
    return max(2, multiprocessing.cpu_count())


def command(env: Mapping[str, str] = os.environ) -> list[str]:
    """granian's command line for this environment."""
    workers = int(env.get("WEB_CONCURRENCY") or default_workers())
    threads = int(env.get("WEB_THREADS") or 4)
    return [
        "granian",
        "--interface",
        "wsgi",
        "--host",
        env.get("BIND_HOST") or "127.0.0.1",
        "--port",
        env.get("PORT") or "8000",
        "--workers",
        str(workers),
        # Django runs on these threads; each holds its own database connection.
        "--blocking-threads",
        str(threads),
        "--no-ws",
        # A worker that dies is replaced; every worker is replaced now and then, so a slow
        # leak cannot grow without bound (granian's equivalent of max_requests).
        "--respawn-failed-workers",
        "--workers-lifetime",
        env.get("WORKERS_LIFETIME") or "21600",
        # Time for requests in flight to finish on a restart or a deploy.
        "--workers-kill-timeout",
        "20",
        # JSON lines on stderr, like Django's (victims_service/logging.py).
        "--log-config",
        str(LOG_CONFIG),
        "--access-log" if _on(env.get("ACCESS_LOG") or "true") else "--no-access-log",
        "--access-log-fmt",
        ACCESS_LOG_FORMAT,
        "victims_service.wsgi:application",
    ]


def main() -> None:
    argv = command()
    # The granian next to this Python (the virtualenv's), replacing this process so
    # signals from the terminal or the container reach it directly.
    binary = Path(sys.executable).with_name("granian")
    os.execv(str(binary), [str(binary), *argv[1:]])  # noqa: S606


if __name__ == "__main__":
    main()
