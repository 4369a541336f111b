"""Database helpers shared by the services."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from django.db import OperationalError, transaction
from django.db.models import QuerySet

# PostgreSQL: serialization_failure, deadlock_detected. SQLite: "database is locked".
_RETRYABLE_PGCODES = {"40001", "40P01"}
RETRIES = 4


def is_retryable(error: OperationalError) -> bool:
    cause = error.__cause__
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    return code in _RETRYABLE_PGCODES or "database is locked" in str(error)


def atomic_with_retry[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    """Run `func` in a transaction, again (a few times, with a short pause) when the database
    gives up on it because of a concurrent one: a deadlock or serialization failure. Inside
    an outer transaction it runs once (the outer caller owns the retry)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if transaction.get_connection().in_atomic_block:
            with transaction.atomic():
                return func(*args, **kwargs)
        for attempt in range(RETRIES):
            try:
                with transaction.atomic():
                    return func(*args, **kwargs)
            except OperationalError as error:
                if attempt == RETRIES - 1 or not is_retryable(error):
                    raise
                time.sleep(0.02 * (attempt + 1))
        raise AssertionError("unreachable")

    return wrapper


def lock_rows(rows: QuerySet[Any]) -> None:
    """Lock `rows` until the transaction ends (SELECT … FOR UPDATE of their ids only: nothing
    is loaded or ordered). The caller is inside a transaction, e.g. `atomic_with_retry`."""
    list(rows.select_for_update().values_list("pk", flat=True))
