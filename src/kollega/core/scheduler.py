"""Periodic jobs: things that must happen on a clock rather than in answer to a request,
e.g. the pairing rounds a community manager scheduled.

Every task worker (`kollega worker`, also started by `kollega serve`) runs them in a small
background thread every KOLLEGA_PERIODIC_INTERVAL seconds (0 turns it off, e.g. when cron
runs `kollega manage run_periodic_jobs` instead). Several workers may run them at the same
time, so each job must be idempotent: it locks what it changes and does nothing when its
work is already done.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def periodic_jobs() -> list[tuple[str, Callable[[], object]]]:
    return [(path, import_string(path)) for path in settings.KOLLEGA_PERIODIC_JOBS]


def run_periodic_jobs() -> dict[str, str]:
    """Run every periodic job once; a failing job is logged and does not stop the others."""
    results = {}
    for path, job in periodic_jobs():
        try:
            outcome = job()
        except Exception:
            logger.exception("periodic job %s failed", path)
            results[path] = "failed"
        else:
            results[path] = f"ok: {outcome!r}"
        finally:
            close_old_connections()
    return results


def start_periodic_thread(*, interval: float, stop: threading.Event) -> threading.Thread | None:
    """Run the periodic jobs now and then every `interval` seconds until `stop` is set."""
    if interval <= 0:
        return None

    def loop() -> None:
        while not stop.is_set():
            run_periodic_jobs()
            stop.wait(interval)

    thread = threading.Thread(target=loop, name="kollega-periodic", daemon=True)
    thread.start()
    return thread
