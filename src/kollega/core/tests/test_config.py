from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from kollega.config.env import database_from_url, env_bool, mailers_for


def test_sqlite_url_is_relative_to_the_data_dir_and_uses_wal_and_immediate_transactions():
    config = database_from_url("sqlite:///kollega.sqlite3", base_dir=Path("/data"))
    assert config["NAME"] == "/data/kollega.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_absolute_sqlite_path():
    config = database_from_url("sqlite:////srv/k.sqlite3", base_dir=Path("/data"))
    assert config["NAME"] == "/srv/k.sqlite3"


def test_postgres_url():
    config = database_from_url(
        "postgres://kollega:s%40cret@db.local:5433/kollega?sslmode=require", base_dir=Path("/data")
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("kollega", "kollega", "s@cret")
    assert (config["HOST"], config["PORT"]) == ("db.local", "5433")
    assert config["OPTIONS"] == {"sslmode": "require"}


def test_unknown_database_scheme_is_refused_with_a_clear_message():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must start with"):
        database_from_url("mysql://x/y", base_dir=Path("/data"))


def test_booleans_are_strict(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be true or false"):
        env_bool("SOME_FLAG", False)


def test_smtp_needs_a_host(monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SMTP_HOST"):
        mailers_for("smtp", file_path=Path("/tmp"))


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "KOLLEGA_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "kollega.config.settings.production",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode != 0
    assert "The environment variable SECRET_KEY must be set." in result.stderr


def test_kollega_command_lists_its_subcommands():
    result = subprocess.run(
        [sys.executable, "-m", "kollega.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    for command in ("demo", "serve", "worker", "migrate", "createsuperuser", "manage"):
        assert command in result.stdout
