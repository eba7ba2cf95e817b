"""Fetching pages and driving wrk: every figure is a wrk run, kept with its round."""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import urllib.request
from dataclasses import dataclass
from email.message import Message


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
