"""Periodic jobs run from the worker's thread and from cron; one failing job does not stop
the others."""

from __future__ import annotations

import threading

import pytest

from kollega.core import scheduler

CALLS: list[str] = []


def job_ok() -> int:
    CALLS.append("ok")
    return 3


def job_broken() -> int:
    CALLS.append("broken")
    raise RuntimeError("boom")


@pytest.fixture
def jobs(settings):
    CALLS.clear()
    settings.KOLLEGA_PERIODIC_JOBS = [
        "kollega.core.tests.test_scheduler.job_broken",
        "kollega.core.tests.test_scheduler.job_ok",
    ]


def test_a_failing_job_is_reported_and_the_next_still_runs(jobs, db):
    results = scheduler.run_periodic_jobs()
    assert CALLS == ["broken", "ok"]
    assert results["kollega.core.tests.test_scheduler.job_broken"] == "failed"
    assert results["kollega.core.tests.test_scheduler.job_ok"] == "ok: 3"


def test_the_thread_runs_the_jobs_until_stopped(jobs, transactional_db):
    stop = threading.Event()
    thread = scheduler.start_periodic_thread(interval=0.01, stop=stop)
    assert thread is not None
    for _ in range(500):
        if CALLS.count("ok") >= 2:
            break
        threading.Event().wait(0.01)
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert CALLS.count("ok") >= 2


def test_interval_zero_starts_nothing():
    assert scheduler.start_periodic_thread(interval=0, stop=threading.Event()) is None


def test_the_configured_jobs_exist(settings):
    assert [path for path, _job in scheduler.periodic_jobs()] == settings.KOLLEGA_PERIODIC_JOBS
