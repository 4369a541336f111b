"""How fast is the member directory search in a large community?

Builds the demo with a synthetic community of N members (`demo_build --members N`, about
a minute for 50,000 on SQLite), or reuses one of that size, then times
`members.selectors.member_directory_search` for ~20 typical queries in the largest space,
searching as a member: one directory page, i.e. the count plus the first 24 members with
their profiles and interests. As a baseline, in the same run, a naive Python scan reads
every active member row of that space and does the same folded substring match (each
query key must occur in the member's folded search text), then loads the same page.

Run from the repository root:

    .venv/bin/python benchmarks/directory_search.py                   # 50,000 members
    .venv/bin/python benchmarks/directory_search.py --members 5000    # a quick look
    .venv/bin/python benchmarks/directory_search.py --data-dir /tmp/kollega-bench
        # keeps the SQLite database there, so a second run skips the build

    # PostgreSQL (the database must exist and hold nothing but a previous demo):
    createdb -h 127.0.0.1 -U postgres kollega_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kollega_bench \\
        .venv/bin/python benchmarks/directory_search.py

Without --data-dir or DATABASE_URL the SQLite database goes to a temporary directory
that is deleted afterwards. It prints figures only: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable

QUERIES = (
    "regnskap",
    "bokføring",
    "energi",
    "urban mobility",
    "sykkel",
    "AI",
    "design thinking",
    "hjelp",
    "kommunikasjon",
    "sirkulær",
    "offentlige anskaffelser",
    "investering",
    "UX",
    "Hansen",
    "data",
    "bærekraft",
    "Python",
    "foto",
    "Ingrid Berg",
    "kvantedatamaskin",
)
PAGE = 24


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function: Callable[[], int], repeats: int) -> tuple[list[float], int]:
    function()  # warm the caches once
    samples = []
    result = 0
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per query")
    parser.add_argument("--data-dir", help="keep the SQLite database here (and reuse it)")
    options = parser.parse_args()

    temporary = None
    if not os.environ.get("DATABASE_URL"):
        if options.data_dir:
            os.environ["KOLLEGA_DATA_DIR"] = options.data_dir
        else:
            temporary = tempfile.mkdtemp(prefix="kollega-bench-")
            os.environ["KOLLEGA_DATA_DIR"] = temporary
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kollega.config.settings.local")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    try:
        return run(options)
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def run(options: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from kollega.demo.synthetic import SYNTHETIC_SPACES
    from kollega.members.models import Member, MemberStatus
    from kollega.members.search import query_keys
    from kollega.members.selectors import DirectoryFilters, member_directory_search
    from kollega.spaces.models import Space

    largest = SYNTHETIC_SPACES[0]
    shares = [round(options.members * spec.share) for spec in SYNTHETIC_SPACES]
    expected = shares[0] + options.members - sum(shares)
    migrated = "spaces_space" in connection.introspection.table_names()
    space = Space.objects.filter(slug=largest.slug).first() if migrated else None
    synthetic = Member.objects.exclude(space__slug__in=["smartby-hub", "fjellgarden"])
    if space is None or synthetic.count() != options.members + 1:
        print(f"Building a community of {options.members:,} members…", flush=True)
        started = time.perf_counter()
        call_command("demo_build", seed=options.seed, members=options.members)
        print(f"Built in {time.perf_counter() - started:.1f} s.\n")
        space = Space.objects.get(slug=largest.slug)
    else:
        print("Reusing the community already in the database.\n")

    size = Member.objects.filter(space=space, status=MemberStatus.ACTIVE).count()
    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(
        f"Space: {space.name}, {size:,} members (expected about {expected:,} + 1); "
        f"searching as a member, first page of {PAGE}, {options.repeats} timed runs each.\n"
    )

    def directory_page(query: str) -> Callable[[], int]:
        def page() -> int:
            members = member_directory_search(space=space, filters=DirectoryFilters(query=query))
            total = members.count()
            for member in members[:PAGE]:
                _ = [interest.name for interest in member.user.profile.interests.all()]
            return total

        return page

    def naive_scan(query: str) -> Callable[[], int]:
        def scan() -> int:
            keys = query_keys(query)
            rows = Member.objects.filter(space=space, status=MemberStatus.ACTIVE).values_list(
                "pk", "search_members", "user__full_name"
            )
            hits = [row for row in rows if all(key in row[1] for key in keys)]
            hits.sort(key=lambda row: (row[2], row[0]))
            page_ids = [row[0] for row in hits[:PAGE]]
            page = (
                Member.objects.filter(pk__in=page_ids)
                .select_related("user", "user__profile", "company")
                .prefetch_related("user__profile__interests")
            )
            for member in page:
                _ = [interest.name for interest in member.user.profile.interests.all()]
            return len(hits)

        return scan

    header = (
        f"{'query':<26}{'hits':>8}{'db median':>11}{'db p95':>9}{'naive median':>14}{'ratio':>8}"
    )
    print(header)
    print("-" * len(header))
    db_all: list[float] = []
    naive_all: list[float] = []
    mismatches = []
    for query in QUERIES:
        db_samples, hits = timed(directory_page(query), options.repeats)
        naive_samples, naive_hits = timed(naive_scan(query), options.repeats)
        if naive_hits != hits:
            mismatches.append(f"{query}: db {hits}, naive {naive_hits}")
        db_all += db_samples
        naive_all += naive_samples
        db_median = statistics.median(db_samples)
        naive_median = statistics.median(naive_samples)
        print(
            f"{query:<26}{hits:>8,}{db_median:>9.1f}ms{percentile(db_samples, 0.95):>7.1f}ms"
            f"{naive_median:>12.1f}ms{naive_median / db_median:>7.1f}x"
        )
    print("-" * len(header))
    db_median = statistics.median(db_all)
    naive_median = statistics.median(naive_all)
    print(
        f"{'all queries':<26}{'':>8}{db_median:>9.1f}ms{percentile(db_all, 0.95):>7.1f}ms"
        f"{naive_median:>12.1f}ms{naive_median / db_median:>7.1f}x"
    )
    print(f"\nnaive p95 {percentile(naive_all, 0.95):.1f} ms; ratio = naive median / db median.")
    if mismatches:
        print("Hit counts differ between the two methods: " + "; ".join(mismatches))
    return 0


if __name__ == "__main__":
    sys.exit(main())
