"""Test settings: fast hashing, in-memory e-mail, tasks run immediately unless a test asks otherwise."""

from .base import *  # noqa: F403

SECRET_KEY = "kollega-test-key"  # noqa: S105 - test only
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS}  # noqa: F405 - kept on: login throttling is tested
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
