"""How good and how fast is weekly pairing, exact and approximate, from 200 to 20,000 members?

For each pool size it builds a realistic candidate graph and times, on the same graph:

- the baseline: the plain greedy matching (heaviest allowed pair first), weight and time;
- `pairing.max_weight_matching` — the exact blossom algorithm (sizes up to 2,000);
- `pairing.approximate_matching` — greedy + augmenting-chain local search;

in two modes: "weight" (a maximum-weight matching) and "pairs" (as many pairs as possible,
then the most weight: what `pair_round` asks for). It prints the weight each method reaches
as a share of the exact optimum, the time, and how many members stay unpaired. For 20,000
members only the approximate method and the greedy baseline run (target: ≤ 10 s); their
shares are then of an upper bound instead, the optimum of the fractional matching LP
(degree ≤ 1 per member, solved with HiGHS), so the true share of the optimum is at least
the one printed.

The candidate graph: synthetic members (`make_eval_set.synthetic_members`: four languages,
companies of 1-5, presence days) scored by the engine's `scoring.pair_weights` (top-30
candidates per member by mutual match value + presence bonus; never the same company),
timed separately. If the engine cannot be used, random geometric graphs with each member's
30 nearest neighbours stand in; the output says which.

Run from the repository root (about 2 minutes on the 2-core machine, most of it
`pair_weights` for 20,000 members):

    .venv/bin/python benchmarks/pairing.py
    .venv/bin/python benchmarks/pairing.py --sizes 200 500 --large 0     # a quick look
    .venv/bin/python benchmarks/pairing.py --graph geometric              # no engine

It prints figures only (no asserts): timings depend on the machine.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT.parent / "src"))

from kollega.matching.engine import pairing  # noqa: E402
from kollega.matching.engine.pairing import approximate  # noqa: E402

TARGET_LARGE = 10.0  # seconds for 20,000 members, approximate
Edges = tuple[np.ndarray, np.ndarray, np.ndarray]


def engine_graph(size: int, seed: int) -> tuple[Edges, float]:
    """The engine's pair weights for `size` synthetic members; (edges, seconds)."""
    from make_eval_set import synthetic_members

    from kollega.matching.engine.io import parse_members
    from kollega.matching.engine.scoring import pair_weights

    profiles = parse_members({"members": synthetic_members(size, seed=seed)}).profiles
    start = time.perf_counter()
    weights = pair_weights(profiles)
    seconds = time.perf_counter() - start
    upper = sp.triu(weights, k=1).tocoo()
    return approximate.clean_edge_arrays(size, upper.row, upper.col, upper.data), seconds


def geometric_graph(size: int, seed: int, k: int = 30) -> tuple[Edges, float]:
    """Each point's k nearest neighbours on a sphere in 16 dimensions; weight 1 + cosine."""
    rng = np.random.default_rng(seed)
    points = rng.normal(size=(size, 16)).astype(np.float32)
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    start = time.perf_counter()
    rows, cols, vals = [], [], []
    for first in range(0, size, 2048):
        block = points[first : first + 2048] @ points.T
        index = np.arange(first, first + len(block))
        block[np.arange(len(block)), index] = -np.inf
        top = np.argpartition(-block, k, axis=1)[:, :k]
        rows.append(np.repeat(index, k))
        cols.append(top.ravel())
        vals.append(1.0 + np.take_along_axis(block, top, axis=1).ravel().astype(np.float64))
    seconds = time.perf_counter() - start
    edges = approximate.clean_edge_arrays(
        size, np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    )
    return edges, seconds


def timed(run: Callable[[], list[tuple[int, int]]]) -> tuple[list[tuple[int, int]], float]:
    start = time.perf_counter()
    result = run()
    return result, time.perf_counter() - start


def weight_of(edges: Edges, size: int, matching: list[tuple[int, int]]) -> float:
    u, v, w = edges
    keys = u * size + v
    if not matching:
        return 0.0
    pairs = np.array(matching, dtype=np.int64)
    lo, hi = pairs.min(axis=1), pairs.max(axis=1)
    return float(w[np.searchsorted(keys, lo * size + hi)].sum())


def greedy(edges: Edges, size: int, lift: bool) -> list[tuple[int, int]]:
    u, v, w = edges
    if lift:  # the same lift the approximate method uses: more pairs first
        w = w + (size // 2 + 1) * float(w.max())
    mate = approximate._greedy(size, u, v, w)
    return [(a, b) for a, b in enumerate(mate) if b > a]


def lp_bound(edges: Edges, size: int) -> tuple[float, float]:
    """The fractional matching LP's optimum (degree ≤ 1 per member, no odd-set rows): an
    upper bound on any matching's weight. (bound, seconds)"""
    from scipy.optimize import linprog

    u, v, w = edges
    m = len(w)
    incidence = sp.csr_matrix(
        (np.ones(2 * m), (np.concatenate([u, v]), np.tile(np.arange(m), 2))), shape=(size, m)
    )
    start = time.perf_counter()
    result = linprog(-w, A_ub=incidence, b_ub=np.ones(size), bounds=(0, None), method="highs-ipm")
    return float(-result.fun), time.perf_counter() - start


def run_size(size: int, edges: Edges, build: float, exact: bool, bound: bool) -> list[str]:
    u, v, w = edges
    triples = list(zip(u.tolist(), v.tolist(), w.tolist(), strict=True))
    lines = [
        f"{size:,} members, {len(w):,} candidate pairs (graph built in {build:.1f} s)",
        f"  {'mode':<7}{'method':<13}{'weight':>10}{'share':>9}{'time':>9}{'unpaired':>10}",
    ]
    reference, reference_name = float("nan"), "optimum"
    if not exact and bound:
        reference, seconds = lp_bound(edges, size)
        reference_name = "LP upper bound"
        lines.insert(
            1, f"  shares are of the LP relaxation's bound {reference:.2f} ({seconds:.1f} s)"
        )
    for mode, lift in (("weight", False), ("pairs", True)):
        results = []
        if exact:
            best, best_s = timed(
                lambda lift=lift: pairing.max_weight_matching(size, triples, maxcardinality=lift)
            )
            reference = weight_of(edges, size, best)
            results.append(("exact", best, best_s))
        approx, approx_s = timed(
            lambda lift=lift: approximate.approximate_arrays(
                size, u, v, w, maxcardinality=lift, time_budget=approximate.APPROX_BUDGET
            )
        )
        results.append(("approximate", approx, approx_s))
        base, base_s = timed(lambda lift=lift: greedy(edges, size, lift))
        results.append(("greedy", base, base_s))
        for index, (name, matching, seconds) in enumerate(results):
            weight = weight_of(edges, size, matching)
            share = "       -" if math.isnan(reference) else f"{weight / reference:8.2%}"
            verdict = ""
            if name == "approximate" and size >= 20_000:
                verdict = "  PASS" if seconds <= TARGET_LARGE else "  MISS"
                verdict += f" (≤ {TARGET_LARGE:.0f} s)"
            lines.append(
                f"  {mode if index == 0 else '':<7}{name:<13}{weight:>10.2f} {share}"
                f"{seconds:>8.2f}s{size - 2 * len(matching):>10}{verdict}"
            )
    if exact:
        lines.insert(1, f"  shares are of the exact {reference_name} in the same mode")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[200, 500, 1000, 2000])
    parser.add_argument("--large", type=int, default=20_000, help="approximate only; 0: skip")
    parser.add_argument("--graph", choices=("engine", "geometric"), default="engine")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--no-bound", action="store_true", help="skip the LP upper bound for the large pool"
    )
    args = parser.parse_args(argv)
    build = engine_graph if args.graph == "engine" else geometric_graph
    label = "scoring.pair_weights on synthetic members"
    if args.graph == "engine":
        try:
            build(20, args.seed)
        except Exception as error:  # noqa: BLE001 - any failure: say so and fall back
            print(f"engine graph unavailable ({error!r}); using geometric graphs")
            build, label = geometric_graph, ""
    if build is geometric_graph:
        label = "random geometric graphs, 30 nearest neighbours per member"
    print(f"Candidate graphs: {label}")
    print("Modes: 'weight' = a maximum-weight matching; 'pairs' = as many pairs as possible,")
    print("then the most weight (what pair_round uses). Baseline: the plain greedy matching.\n")
    for size in args.sizes:
        edges, seconds = build(size, args.seed)
        print("\n".join(run_size(size, edges, seconds, exact=True, bound=False)), flush=True)
    if args.large:
        edges, seconds = build(args.large, args.seed)
        lines = run_size(args.large, edges, seconds, exact=False, bound=not args.no_bound)
        print("\n".join(lines), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
