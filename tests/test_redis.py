"""Scaling out: Redis as the shared cache and RQ as the task queue (needs a Redis server)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import override_settings

pytestmark = [pytest.mark.redis]

REDIS_URL = os.environ.get("KOLLEGA_TEST_REDIS_URL", "")


def test_redis_cache_is_shared_between_cache_clients():
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
            },
            "other": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
            },
        }
    ):
        caches["default"].set("kollega-test-key", "shared", 30)
        assert caches["other"].get("kollega-test-key") == "shared"
        caches["default"].delete("kollega-test-key")


def test_rq_worker_delivers_queued_email_exactly_once(tmp_path: Path):
    """In a separate process configured for RQ: queue an e-mail, run the RQ worker twice."""
    script = textwrap.dedent(
        """
        import os, django
        os.environ["DJANGO_SETTINGS_MODULE"] = "kollega.config.settings.local"
        django.setup()
        from django.core.management import call_command
        from django.db import transaction
        from kollega.notifications.services import email_queue_rendered
        from kollega.notifications.models import OutboundEmail
        call_command("migrate", verbosity=0)
        with transaction.atomic():
            email = email_queue_rendered(key="rq-1", to="a@example.org", subject="Hei",
                                         body="RQ", language="nb")
        for _ in range(2):
            call_command("rqworker", "default", burst=True,
                         job_class="django_tasks_rq.backend.Job", verbosity=0)
        email.refresh_from_db()
        print("SENT" if email.sent_at else "NOT SENT", email.attempts)
        """
    )
    env = {
        **os.environ,
        "KOLLEGA_TASKS_BACKEND": "rq",
        "REDIS_URL": REDIS_URL,
        "KOLLEGA_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "sqlite:///rq.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "SENT 1" in result.stdout
    mails = list((tmp_path / "mail").iterdir())
    assert len(mails) == 1
    assert "Subject: Hei" in mails[0].read_text()
