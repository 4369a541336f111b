"""The demo built once for the tests that look at it.

Building the demo takes seconds, and most demo tests only look at the result. So the demo of
seed 2026 is built once, committed, before the first test of this package that asks for it
(`demo_output`). Each test still runs in its own transaction on top of it, rolled back
afterwards, so a test that changes or rebuilds the demo leaves it as it was. When the
package's tests are done, the demo is wiped again and every table must hold what it held
before: a demo that leaves rows behind fails here.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from kollega.demo.generator import demo_wipe


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture(scope="package")
def demo_output(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    """What `demo_build --seed 2026` printed; the demo it built is in the database."""
    with django_db_blocker.unblock():
        before = _row_counts()
        out = io.StringIO()
        call_command("demo_build", seed=2026, stdout=out)
    yield out.getvalue()
    with django_db_blocker.unblock():
        demo_wipe()
        left = {label: count for label, count in _row_counts().items() if count != before[label]}
    assert not left, f"the demo left rows behind after demo_wipe(): {left}"
