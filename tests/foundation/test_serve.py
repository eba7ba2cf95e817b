"""`make serve` and the production server configuration."""

import os
import runpy
import subprocess
import sys
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONF = ROOT / "victims_service" / "gunicorn.conf.py"


def gunicorn_settings(**env) -> dict:
    with mock.patch.dict(os.environ, env, clear=False):
        for name in ("PORT", "BIND_HOST", "WEB_CONCURRENCY", "WEB_THREADS", "ACCESS_LOG"):
            if name not in env:
                os.environ.pop(name, None)
        return runpy.run_path(str(GUNICORN_CONF))


def test_gunicorn_honours_port_and_host():
    conf = gunicorn_settings(PORT="9123")
    assert conf["bind"] == "127.0.0.1:9123"
    assert gunicorn_settings(PORT="8000", BIND_HOST="10.0.0.5")["bind"] == "10.0.0.5:8000"


def test_gunicorn_workers_and_threads_come_from_the_environment():
    conf = gunicorn_settings(WEB_CONCURRENCY="3", WEB_THREADS="2")
    assert (conf["workers"], conf["threads"], conf["worker_class"]) == (3, 2, "gthread")
    assert gunicorn_settings()["workers"] >= 2


def test_access_log_records_the_path_without_the_query_string():
    conf = gunicorn_settings()
    # %(U)s is the path only; %(r)s, %(q)s and %(a)s (request line, query, user agent) and
    # %(h)s (the client's address) must never be in it.
    assert "%(U)s" in conf["access_log_format"]
    for forbidden in ("%(r)s", "%(q)s", "%(a)s", "%(h)s", "%(f)s", "{"):
        assert forbidden not in conf["access_log_format"]
    off = gunicorn_settings(ACCESS_LOG="false")
    assert off["logconfig_dict"]["loggers"]["gunicorn.access"]["level"] == "WARNING"


def test_gunicorn_config_is_valid():
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "-c", str(GUNICORN_CONF)],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "victims_service.settings",
            "DEBUG": "false",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "127.0.0.1",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_make_serve_runs_production_settings():
    makefile = (ROOT / "Makefile").read_text()
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    env = makefile.split("SERVE_ENV =", 1)[1].split("\n\n", 1)[0]
    assert "DEBUG=false" in env
    assert "SECURE=false" in env  # plain HTTP on localhost: see docs/operations.md
    assert "127.0.0.1,localhost" in env
    assert ".secret_key" in env
    for step in ("collectstatic", "migrate", "setup_site", "db_worker", "gunicorn"):
        assert step in serve, step
    assert "--demo" not in serve
    assert ".secret_key" in (ROOT / ".gitignore").read_text()


def test_collectstatic_works_with_the_production_storage(tmp_path):
    """A CSS file pointing at a missing file stops collectstatic, and so every deploy."""
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "tests.serve_settings",
            "SERVE_TEST_STATIC_ROOT": str(tmp_path / "static"),
            "DEBUG": "false",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "127.0.0.1",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
