"""`demo_build`: (re)build the demo community in the configured database.

    kollega manage demo_build [--seed N] [--members N]

`kollega demo` runs this and then serves the app. It refuses to touch a database that
holds anything but a previous demo.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from kollega.demo.generator import (
    DemoResult,
    NotADemoDatabase,
    demo_build,
    demo_database_state,
    demo_wipe,
)
from kollega.demo.synthetic import SyntheticSpaceResult, synthetic_build


class Command(BaseCommand):
    help = "Build the Kollega demo community (again) in the configured database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="the same seed always gives the same demo (default 2026)",
        )
        parser.add_argument(
            "--members",
            type=int,
            default=None,
            help="also add a large synthetic community of N members",
        )

    def handle(self, *args: Any, seed: int, members: int | None, **options: Any) -> None:
        if members is not None and members < 1:
            raise CommandError("--members must be a positive number.")
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        try:
            state = demo_database_state()
        except NotADemoDatabase as error:
            raise CommandError(
                f"The database {self._database_name()} holds data that is not Kollega's "
                f"demo ({error}), so the demo will not overwrite it. Build the demo "
                "somewhere else: set KOLLEGA_DATA_DIR to another directory, or DATABASE_URL "
                "to another database, and run the command again."
            ) from None
        today = timezone.localdate()
        with transaction.atomic():
            if state == "demo":
                wipe_started = time.perf_counter()
                demo_wipe()
                self.stdout.write(
                    f"Removed the previous demo ({time.perf_counter() - wipe_started:.1f} s)."
                )
            self.stdout.write(f"Building the demo community (seed {seed})…")
            result = demo_build(seed=seed, today=today, log=self.stdout.write)
            synthetic: list[SyntheticSpaceResult] = []
            if members:
                self.stdout.write(f"Adding a synthetic community of {members:,} members…")
                synthetic = synthetic_build(
                    members=members,
                    seed=seed,
                    today=today,
                    operator=result.operator,
                    manager=result.manager,
                    member_user=result.member,
                    log=self.stdout.write,
                )
        self._summary(result, synthetic, time.perf_counter() - started)

    def _database_name(self) -> str:
        name = str(connection.settings_dict.get("NAME", ""))
        return f"{connection.vendor} {name}".strip()

    def _summary(
        self, result: DemoResult, synthetic: list[SyntheticSpaceResult], seconds: float
    ) -> None:
        write = self.stdout.write
        write(self.style.SUCCESS(f"Demo built in {seconds:.1f} s in {self._database_name()}."))
        for space in result.spaces:
            people = space.members.filter(status="active").count()
            companies = space.companies.count()
            write(f"  {space.name}: {people} members, {companies} companies")
        for item in synthetic:
            write(
                f"  {item.space.name} (synthetic): {item.members:,} members, "
                f"{item.companies:,} companies"
            )
        for warning in result.warnings:
            write(self.style.WARNING(f"  Seat policy: {warning}"))
        write("")
        write(
            f"Open {settings.KOLLEGA_BASE_URL} and sign in "
            "(demo passwords: never use them for anything real):"
        )
        width = max(len(account.label) for account in result.accounts)
        for account in result.accounts:
            write(f"  {account.label.ljust(width)}  {account.email}  /  {account.password}")
        write("Every demo member can sign in with their e-mail address and the same password.")
        write(
            "Try the directory as the member: search for “regnskap”; it also finds the "
            "Danish “regnskab” and compounds such as “prosjektregnskap”."
        )
