"""`make serve` and the production server configuration."""

import json
import logging.config
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from victims_service.serve import ConfigError, command

ROOT = Path(__file__).resolve().parents[2]


def _value(argv: list[str], flag: str) -> str:
    return argv[argv.index(flag) + 1]


def test_port_and_host_come_from_the_environment():
    argv = command({"PORT": "9123"})
    assert (_value(argv, "--host"), _value(argv, "--port")) == ("127.0.0.1", "9123")
    argv = command({"PORT": "8000", "BIND_HOST": "10.0.0.5"})
    assert _value(argv, "--host") == "10.0.0.5"


def test_workers_and_threads_come_from_the_environment():
    argv = command({"WEB_CONCURRENCY": "3", "WEB_THREADS": "2"})
    assert (_value(argv, "--workers"), _value(argv, "--blocking-threads")) == ("3", "2")
    assert int(_value(command({}), "--workers")) >= 2
    assert _value(command({}), "--interface") == "wsgi"
    assert argv[-1] == "victims_service.wsgi:application"


@pytest.mark.parametrize(
    ("name", "value"),
    [("WEB_CONCURRENCY", "two"), ("WEB_THREADS", "0"), ("PORT", "80a"), ("ACCESS_LOG", "maybe")],
)
def test_a_value_it_cannot_read_stops_it_with_the_variable_named(name, value):
    with pytest.raises(ConfigError, match=name):
        command({name: value})


def test_workers_are_replaced_when_they_die_and_now_and_then():
    argv = command({})
    assert "--respawn-failed-workers" in argv
    assert int(_value(argv, "--workers-lifetime")) >= 3600


def test_access_log_records_the_path_without_the_query_string():
    argv = command({})
    fmt = _value(argv, "--access-log-fmt")
    assert "%(path)s" in fmt and "%(status)d" in fmt
    # Never the query string, the client's address, the request line or the time it came.
    for forbidden in ("query_string", "addr", "%(time)", "protocol"):
        assert forbidden not in fmt
    assert "--access-log" in argv
    assert "--no-access-log" in command({"ACCESS_LOG": "false"})
    # Set to nothing, as .env.example lists it, means the default: on.
    assert "--access-log" in command({"ACCESS_LOG": ""})


def test_server_logs_are_json_lines_through_the_site_s_formatter():
    config = json.loads(Path(_value(command({}), "--log-config")).read_text())
    assert config["formatters"]["json"]["()"] == "victims_service.logging.JsonFormatter"
    for logger in ("_granian", "granian.access"):
        assert config["loggers"][logger]["handlers"] == ["console"]
    logging.config.dictConfig(config)  # valid as it stands


def test_the_server_starts_and_answers(tmp_path):
    """`python -m victims_service.serve` as `make serve` runs it: /healthz answers 200 and
    the access log line has the path and no query string."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "victims_service.settings",
        "DEBUG": "false",
        "SECURE": "false",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "WEB_THREADS": "1",
    }
    log_path = tmp_path / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "victims_service.serve"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        status = None
        # Starting takes a second or two; allow a minute on a machine busy with other tests.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(  # noqa: S310
                    f"http://127.0.0.1:{port}/healthz?private=words", timeout=2
                ) as response:
                    status = response.status
                    break
            except OSError:
                time.sleep(0.2)
        assert status == 200
        # granian writes the access line after the response has gone, so wait for it
        # rather than stopping the server the moment the answer arrives.
        access = []
        deadline = time.monotonic() + 10
        while not access and time.monotonic() < deadline:
            time.sleep(0.05)
            access = [
                line for line in log_path.read_text().splitlines() if "granian.access" in line
            ]
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = log_path.read_text()
    assert access and '"GET /healthz 200' in access[0]
    assert "private" not in output


def test_make_serve_runs_production_settings():
    makefile = (ROOT / "Makefile").read_text()
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    env = makefile.split("SERVE_ENV =", 1)[1].split("\n\n", 1)[0]
    assert "DEBUG=false" in env
    assert "SECURE=false" in env  # plain HTTP on localhost: see docs/operations.md
    assert "127.0.0.1,localhost" in env
    assert ".secret_key" in env
    for step in ("collectstatic", "migrate", "setup_site", "db_worker", "victims_service.serve"):
        assert step in serve, step
    assert "--demo" not in serve
    assert ".secret_key" in (ROOT / ".gitignore").read_text()


def _make_dry_run(target: str, *args: str, site_url: str | None = None) -> list[str]:
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    result = subprocess.run(
        ["make", "-n", target, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if "manage.py" in line]


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
@pytest.mark.parametrize("target", ["run", "serve"])
def test_emailed_links_use_the_port_the_site_is_served_on(target):
    """`PORT=9000 make run` wrote emails linking to port 8000."""
    commands = _make_dry_run(target, "PORT=9000")
    assert commands
    for line in commands:
        assert 'SITE_URL="http://127.0.0.1:9000"' in line, line
    for line in _make_dry_run(target, "PORT=9000", site_url="https://victims.example"):
        assert 'SITE_URL="https://victims.example"' in line, line
    for line in _make_dry_run(target, "PORT=9000", site_url=""):
        assert 'SITE_URL="http://127.0.0.1:9000"' in line, line


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
