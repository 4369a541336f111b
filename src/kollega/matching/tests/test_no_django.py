"""The engine and the file commands run without Django: a fresh interpreter proves it."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import kollega.matching.engine as engine

PROBE = """
import importlib, json, sys
names = json.loads(sys.argv[1])
for name in names:
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if m == "django" or m.startswith("django."))))
"""


def test_no_engine_module_imports_django() -> None:
    modules = [
        info.name for info in pkgutil.walk_packages(engine.__path__, prefix=f"{engine.__name__}.")
    ]
    for expected in (
        "features",
        "io",
        "reasons",
        "scoring",
        "types",
        "vocabulary",
        "pairing",
        "pairing.blossom",
        "pairing.approximate",
        "pairing.rounds",
    ):
        assert f"{engine.__name__}.{expected}" in modules
    modules += ["kollega.matching.cli"]

    done = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", PROBE, json.dumps(modules)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin"},  # no DJANGO_SETTINGS_MODULE either
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
