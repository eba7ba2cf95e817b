"""Where the benchmark runs and how it starts the site's commands: shared by the benchmark
(bench/run.py), its scale run (bench/scale.py) and the drills."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
PYTHON = str(BIN / "python")
BENCH = ROOT / "bench"
OUT = BENCH / "out"
PG = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


# -- environment and databases --------------------------------------------------------------


def server_env(database: str, **extra: str) -> dict[str, str]:
    """`make serve`'s production settings, pointed at a benchmark database."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),  # noqa: S108
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "victims_service.settings",
        "DEBUG": "false",
        "SECURE": "false",
        "SECRET_KEY": "bench-" + "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"{PG}/{database}",
        "CONN_MAX_AGE": "60",
        "BENCH_BASELINE": "true",
        # Emails are queued in the outbox as in production; nothing is sent from a benchmark.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # Each wrk request pretends to come from a different person (X-Forwarded-For), as on
        # the day the site is busy; the per-IP limits are tested elsewhere.
        "RATELIMIT_TRUST_FORWARDED_FOR": "true",
        "ACCESS_LOG": "false",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"manage.py {shlex.join(args)} failed:\n{result.stderr[-3000:]}")
    return result


def seed(env: dict, *args: str) -> dict:
    result = subprocess.run(
        [PYTHON, "-m", "bench.seed", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench.seed {args} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        ["psql", f"{PG}/{database}", "-tAc", sql], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def collect_static(env: dict) -> list[str]:
    """collectstatic as `make serve` runs it; if that fails, the bench settings (see there).

    Changes env's DJANGO_SETTINGS_MODULE when it falls back; returns notes for the report.
    """
    log("collectstatic")
    collected = manage(env, "collectstatic", "--noinput", "-v0", check=False)
    if collected.returncode == 0:
        return []
    lines = [line for line in collected.stderr.splitlines() if "could not be found" in line]
    error = lines[-1].strip() if lines else collected.stderr.strip()[-300:]
    log(f"collectstatic failed ({error}); falling back to bench.settings")
    env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    manage(env, "collectstatic", "--noinput", "-v0")
    return [
        "collectstatic failed with the production settings, so this run used "
        f"bench/settings.py (missing references left unhashed). The error: {error}"
    ]


def database_ready(name: str, *, fresh: bool) -> dict[str, str]:
    """The database, made if missing (again if `fresh`), migrated and holding the site's
    content; returns the environment a server or command on it needs."""
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
    return env
