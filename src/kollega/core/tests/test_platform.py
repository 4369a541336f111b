"""Platform behaviour: health check, security headers, languages, background tasks."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from kollega.notifications.models import OutboundEmail
from kollega.notifications.services import email_queue_rendered

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_task_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["tasks"]["ok"] is True


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
)
def test_healthz_counts_pending_tasks_of_the_database_queue(client):
    body = client.get("/healthz").json()
    assert body["checks"]["tasks"] == {"ok": True, "backend": "DatabaseBackend", "pending": 0}


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
)
def test_healthz_says_unavailable_when_the_queue_cannot_be_read(client, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    def broken(*args, **kwargs):
        raise ConnectionError("queue down")

    monkeypatch.setattr(DBTaskResult.objects, "ready", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"]["ok"] is False


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "object-src 'none'" in policy
    assert "base-uri 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_sessions_last_at_most_twelve_hours(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_passwords_are_hashed_with_argon2_in_production():
    from kollega.config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("nb-NO,nb;q=0.9", "nb"), ("sv", "sv"), ("da", "da"), ("fr", "en")],
)
def test_language_follows_accept_language_for_visitors(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert f'<html lang="{expected}">' in response.content.decode()


def test_a_members_own_language_wins_over_the_browser(client, world):
    world.kari.preferred_language = "sv"
    world.kari.save()
    client.force_login(world.kari)
    response = client.get("/healthz", headers={"accept-language": "da"})
    assert response.headers["Content-Language"] == "sv"


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection
@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
)
def test_the_database_worker_sends_queued_email_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue_rendered(
            key="welcome:1", to="ny@example.org", subject="Velkommen", body="Hei!", language="nb"
        )
    assert mail.outbox == []  # only enqueued: the worker sends it
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    assert len(mail.outbox) == 1
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    assert len(mail.outbox) == 1
    assert OutboundEmail.objects.get(pk=email.pk).sent_at is not None
