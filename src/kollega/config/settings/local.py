"""Laptop and demo settings: SQLite, file e-mail, DEBUG off unless asked for."""

from kollega.config.env import env_bool, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "kollega-local-development-key-not-for-production")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
