"""The production server: granian, configured from the environment.

    python -m victims_service.serve        # what `make serve` and a container run

granian rather than gunicorn: on the benchmark it serves as much or more for the same
cores (the figures are in bench/NOTES.md, "granian or gunicorn"). Every value comes from
the environment, so one command serves a laptop and a container:

    PORT              port to listen on (default 8000)
    BIND_HOST         address to listen on (default 127.0.0.1; 0.0.0.0 in a container)
    WEB_CONCURRENCY   worker processes (default: 1 per CPU core, at least 2)
    WEB_THREADS       threads per worker running Django (default 4)
    ACCESS_LOG        access log on or off (default on)
    WORKERS_LIFETIME  seconds before a worker is replaced (default 21600, six hours)

A value it cannot read stops it with a message naming the variable, as settings.py does.
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


class ConfigError(ValueError):
    """A server setting that cannot be read: the server does not start (as settings.py)."""


def _on(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = (env.get(name) or "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be true or false, not {env[name]!r}.")


def _whole_number(env: Mapping[str, str], name: str, default: int) -> str:
    value = (env.get(name) or "").strip()
    if not value:
        return str(default)
    if not value.isdigit() or int(value) < 1:
        raise ConfigError(f"{name} must be a whole number above 0, not {env[name]!r}.")
    return value


def default_workers() -> int:
    """One process per core (at least two, so one can be replaced while the other serves).

    More processes than cores do not serve more: they queue for the same cores, and the
    slowest responses get slower (bench/NOTES.md, "Processes and threads", has the figures).
    """
    return max(2, multiprocessing.cpu_count())


def command(env: Mapping[str, str] = os.environ) -> list[str]:
    """granian's command line for this environment."""
    return [
        "granian",
        "--interface",
        "wsgi",
        "--host",
        env.get("BIND_HOST") or "127.0.0.1",
        "--port",
        _whole_number(env, "PORT", 8000),
        "--workers",
        _whole_number(env, "WEB_CONCURRENCY", default_workers()),
        # Django runs on these threads; each holds its own database connection.
        "--blocking-threads",
        _whole_number(env, "WEB_THREADS", 4),
        "--no-ws",
        # A worker that dies is replaced; every worker is replaced now and then, so a slow
        # leak cannot grow without bound (granian's equivalent of max_requests).
        "--respawn-failed-workers",
        "--workers-lifetime",
        _whole_number(env, "WORKERS_LIFETIME", 21600),
        # Time for requests in flight to finish on a restart or a deploy.
        "--workers-kill-timeout",
        "20",
        # JSON lines on stderr, like Django's (victims_service/logging.py).
        "--log-config",
        str(LOG_CONFIG),
        "--access-log" if _on(env, "ACCESS_LOG", True) else "--no-access-log",
        "--access-log-fmt",
        ACCESS_LOG_FORMAT,
        "victims_service.wsgi:application",
    ]


def main() -> None:
    try:
        argv = command()
    except ConfigError as error:
        sys.exit(f"victims_service.serve: {error}")
    # The granian next to this Python (the virtualenv's), replacing this process so
    # signals from the terminal or the container reach it directly.
    binary = Path(sys.executable).with_name("granian")
    os.execv(str(binary), [str(binary), *argv[1:]])  # noqa: S606


if __name__ == "__main__":
    main()
