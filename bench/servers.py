"""The benchmark's databases and servers: granian as `make serve` starts it, and gunicorn."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.environment import (
    BIN,
    OUT,
    PYTHON,
    ROOT,
    database_ready,
    log,
    seed,
)
from bench.load import fetch


def prepare_database(name: str, complaints: int, fresh: bool) -> dict:
    env = database_ready(name, fresh=fresh)
    log(f"{name}: complaints up to {complaints:,}")
    return seed(env, "complaints", str(complaints))


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
