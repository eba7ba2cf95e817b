"""Gunicorn settings for production (`make serve` and any real deployment).

granian was measured against it (bench/RESULTS.md, "gunicorn or granian"): level on busy
runs, faster on the quietest; see bench/NOTES.md before switching. Every value can be
overridden from the environment so one file serves a laptop and a container:

    PORT             port to listen on (default 8000)
    BIND_HOST        address to listen on (default 127.0.0.1; 0.0.0.0 in a container)
    WEB_CONCURRENCY  worker processes (default: 2 per CPU core, at least 2)
    WEB_THREADS      threads per worker (default 4)

Start it with `gunicorn -c victims_service/gunicorn.conf.py`.
"""

from __future__ import annotations

import multiprocessing
import os

wsgi_app = "victims_service.wsgi:application"

bind = f"{os.environ.get('BIND_HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"

# Pages spend some of their time waiting for PostgreSQL, so a few threads per process let a
# core serve another request meanwhile. Two processes per core: one per core left cores idle
# in the benchmark, and more added memory and database connections without clear gain.
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("WEB_THREADS") or 4)
worker_class = "gthread"

# A request that takes longer than this is stuck (no page does real work for 30 s); the
# worker is replaced and the person sees an error instead of waiting for ever.
timeout = 30
graceful_timeout = 20
keepalive = 5

# Recycle workers now and then so a slow leak cannot grow without bound. The jitter stops
# every worker restarting at the same moment. Not too often: a new worker starts with
# cold caches (guidance pages, the directory) and a new database connection; at 2,000 the
# benchmark's workers restarted every few seconds.
max_requests = 20000
max_requests_jitter = 2000

# Load Django once in the master and fork: workers start quicker and share memory.
preload_app = True

# Refuse oversized request lines and headers before Django sees them.
limit_request_line = 4094
limit_request_fields = 100

# Logs: JSON lines on stderr, like Django's. The access log records the path only (%(U)s),
# never the query string (a search box's words could be personal), the client's address or
# any header. ACCESS_LOG=false turns it off (the load balancer may keep its own).
_access_log = os.environ.get("ACCESS_LOG", "true").strip().lower() in ("1", "true", "yes", "on")
accesslog = "-"
access_log_format = "%(m)s %(U)s %(s)s %(B)sB %(M)sms"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "victims_service.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {
            "handlers": ["console"],
            # Access lines are INFO: WARNING silences them.
            "level": "INFO" if _access_log else "WARNING",
            "propagate": False,
        },
    },
}

# Behind a load balancer, trust X-Forwarded-* only from it (set FORWARDED_ALLOW_IPS).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
