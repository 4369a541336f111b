from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kollega.core.scheduler import run_periodic_jobs


class Command(BaseCommand):
    help = "Run Kollega's periodic jobs once (for cron, when workers do not run them)."

    def handle(self, *args: Any, **options: Any) -> None:
        for path, result in run_periodic_jobs().items():
            self.stdout.write(f"{path}: {result}")
