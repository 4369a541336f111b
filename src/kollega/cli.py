"""The `kollega` console command: what operators and developers run day to day.

kollega demo [--build-only] [--members N] [--port P]   build the demo community and serve it
kollega serve [--host H] [--port P] [--no-worker]     serve the app (and a task worker)
kollega worker                                        run the background task worker
kollega migrate                                       apply database migrations
kollega createsuperuser                               create an admin account
kollega check-deploy                                  Django's deployment checks
kollega manage ARGS...                                any Django management command
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kollega.config.settings.local")
    import django

    django.setup()


def _manage(*args: str) -> None:
    _setup()
    from django.core.management import call_command

    call_command(*args)


def _start_worker() -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "kollega.cli", "worker"], env=os.environ.copy())


def _worker() -> int:
    """The task worker of the configured backend: the database queue, or RQ on Redis."""
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    from kollega.core.scheduler import start_periodic_thread

    stop = threading.Event()
    start_periodic_thread(interval=settings.KOLLEGA_PERIODIC_INTERVAL, stop=stop)
    if settings.TASKS_BACKEND == "rq":
        call_command("rqworker", "default", job_class="django_tasks_rq.backend.Job")
    else:
        call_command("db_worker", reload=False)
    return 0


def _serve(host: str, port: int, worker: bool) -> int:
    _setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from waitress import serve

    from kollega.config.wsgi import application

    if connection.vendor == "sqlite":  # one machine: keep the schema current on start
        call_command("migrate", interactive=False, verbosity=0)
    if str(settings.TASKS["default"]["BACKEND"]).endswith("ImmediateBackend"):
        worker = False
    worker_process = _start_worker() if worker else None

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # leave serve() and stop the worker in `finally`

    signal.signal(signal.SIGTERM, stop)
    print(f"Kollega is running on http://{host}:{port}/  (Ctrl+C stops it)", flush=True)
    try:
        serve(application, host=host, port=port, threads=8, ident="kollega")
    except KeyboardInterrupt:
        pass
    finally:
        if worker_process is not None:
            worker_process.send_signal(signal.SIGTERM)
            worker_process.wait(timeout=10)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in {"match", "pair"}:  # file-based matchmaking: no database needed
        from kollega.matching import cli as matching_cli

        run = matching_cli.match_main if args[0] == "match" else matching_cli.pair_main
        return run(args[1:])
    parser = argparse.ArgumentParser(
        prog="kollega", description="Kollega coworking community platform"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="build the demo community and serve it")
    demo.add_argument("--build-only", action="store_true", help="build the database, do not serve")
    demo.add_argument(
        "--members",
        type=int,
        default=None,
        help="build a large synthetic community of N members instead",
    )
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)

    serve = commands.add_parser("serve", help="serve the app with a background task worker")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--no-worker", action="store_true", help="do not start a task worker")

    commands.add_parser("worker", help="run the background task worker")
    commands.add_parser("migrate", help="apply database migrations")
    commands.add_parser("createsuperuser", help="create an admin account")
    commands.add_parser("check-deploy", help="run Django's deployment checks")
    commands.add_parser("match", help="suggest whom members should meet, from a JSON file")
    commands.add_parser("pair", help="make a round of one-to-one pairs, from a JSON file")
    manage = commands.add_parser("manage", help="run any Django management command")
    manage.add_argument("args", nargs=argparse.REMAINDER)

    options = parser.parse_args(argv)
    if options.command == "demo":
        build_args = ["demo_build", "--seed", str(options.seed)]
        if options.members is not None:
            build_args += ["--members", str(options.members)]
        _manage(*build_args)
        if options.build_only:
            return 0
        return _serve(options.host, options.port, worker=True)
    if options.command == "serve":
        return _serve(options.host, options.port, worker=not options.no_worker)
    if options.command == "worker":
        return _worker()
    if options.command == "migrate":
        _manage("migrate")
        return 0
    if options.command == "createsuperuser":
        _manage("createsuperuser")
        return 0
    if options.command == "check-deploy":
        os.environ["DJANGO_SETTINGS_MODULE"] = "kollega.config.settings.production"
        _manage("check", "--deploy", "--fail-level", "WARNING")
        return 0
    if options.command == "manage":
        _setup()
        from django.core.management import execute_from_command_line

        execute_from_command_line(["kollega manage", *options.args])
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
