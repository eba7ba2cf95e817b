"""Running the same code in several threads at once, for the PostgreSQL race tests."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections


def run_at_once(action: Callable[[], object], *, threads: int) -> None:
    """Call `action` in `threads` threads released together by a barrier. Each thread has
    its own database connection (Django's are per thread) and closes it when done."""
    barrier = threading.Barrier(threads)

    def run() -> None:
        try:
            barrier.wait()
            action()
        finally:
            connections.close_all()

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
