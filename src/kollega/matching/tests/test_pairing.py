"""Pairing: the exact blossom matching, the fast approximate one, and a round's rules."""

from __future__ import annotations

import random

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment

from kollega.matching.engine.pairing import (
    PairResult,
    approximate,
    approximate_matching,
    blossom,
    max_weight_matching,
    pair_round,
)
from kollega.matching.engine.types import Profile

# -- helpers --------------------------------------------------------------------------------


def brute_force(
    n: int, edges: list[tuple[int, int, float]], maxcardinality: bool = False
) -> tuple[int, float]:
    """(pairs, weight) of the best matching by trying them all (n ≤ 10)."""
    weight: dict[tuple[int, int], float] = {}
    for a, b, w in edges:
        if a != b and w > 0:
            key = (min(a, b), max(a, b))
            weight[key] = max(weight.get(key, 0.0), w)
    best = (0, 0.0)

    def grow(i: int, used: int, count: int, total: float) -> None:
        nonlocal best
        while i < n and used >> i & 1:
            i += 1
        if i >= n:
            key = (count, total) if maxcardinality else (0, total)
            if key > best:
                best = key
            return
        grow(i + 1, used | 1 << i, count, total)
        for j in range(i + 1, n):
            if not used >> j & 1 and (i, j) in weight:
                grow(i + 1, used | 1 << i | 1 << j, count + 1, total + weight[(i, j)])

    grow(0, 0, 0, 0.0)
    return best


def total(edges: list[tuple[int, int, float]], matching: list[tuple[int, int]]) -> float:
    weight: dict[tuple[int, int], float] = {}
    for a, b, w in edges:
        key = (min(a, b), max(a, b))
        weight[key] = max(weight.get(key, 0.0), w)
    return sum(weight[pair] for pair in matching)


def assert_matching(n: int, edges: list[tuple[int, int, float]], matching: list[tuple[int, int]]):
    present = {(min(a, b), max(a, b)) for a, b, w in edges if a != b and w > 0}
    seen: set[int] = set()
    for a, b in matching:
        assert 0 <= a < b < n
        assert (a, b) in present
        assert a not in seen and b not in seen
        seen |= {a, b}


def random_graph(rng: random.Random, n: int) -> list[tuple[int, int, float]]:
    density = rng.random()
    kind = rng.randrange(3)
    edges = []
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < density:
                if kind == 0:
                    w: float = rng.randint(1, 4)  # many ties: blossoms and degenerate steps
                elif kind == 1:
                    w = rng.random()
                else:
                    w = rng.randint(1, 100)
                edges.append((i, j, float(w)))
    return edges


def candidate_graph(n: int, k: int, seed: int) -> list[tuple[int, int, float]]:
    """Like the engine's: each member's k most similar others (union), weight 0.05 + cos."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 12))
    x[:, 0] += 1.5 * rng.random(n)  # some members match well with many: hubs
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    sim = x @ x.T
    np.fill_diagonal(sim, -np.inf)
    top = np.argpartition(-sim, k, axis=1)[:, :k]
    edges = {}
    for i in range(n):
        for j in top[i]:
            edges[(min(i, int(j)), max(i, int(j)))] = 0.05 + max(0.0, float(sim[i, j]))
    return [(a, b, w) for (a, b), w in edges.items()]


def certify(solver: blossom._Blossom) -> None:
    """Check the optimality certificate the blossom algorithm leaves behind: feasible duals
    (every edge's slack ≥ 0, blossom duals ≥ 0, vertex duals ≥ 0), tight matched edges,
    unmatched vertices with dual 0 and full blossoms. Any matching with such duals is a
    maximum-weight matching (LP duality)."""
    n, delta = solver.n, solver.delta
    y = [solver.yb[v] + blossom._YSIGN[solver.vlab[v]] * delta for v in range(n)]
    z: dict[int, float] = {}
    stack = list({solver.inb[v] for v in range(n) if solver.inb[v] >= n})
    while stack:
        b = stack.pop()
        top = solver.parent[b] == -1
        z[b] = solver.zb[b] + (blossom._ZSIGN[solver.zlab[b]] * delta if top else 0.0)
        stack.extend(c for c in solver.childs[b] if c >= n)
    inside: dict[int, set[int]] = {}
    for b in z:
        assert z[b] >= 0
        members = set(solver.leaves[b])
        assert sum(1 for v in members if solver.mate[v] in members) == len(members) - 1
        for v in members:
            inside.setdefault(v, set()).add(b)
    for v in range(n):
        assert y[v] >= 0
        if solver.mate[v] == -1 and solver.adj[v]:
            assert y[v] == 0
        for w, c in solver.adj[v]:
            common = inside.get(v, set()) & inside.get(w, set())
            slack = y[v] + y[w] - c + sum(z[b] for b in common)
            assert slack >= 0
            if solver.mate[v] == w:
                assert slack == 0


# -- the exact method -----------------------------------------------------------------------


def test_exact_agrees_with_brute_force_on_random_small_graphs():
    rng = random.Random(20261)
    for case in range(240):
        n = rng.randint(1, 10)
        edges = random_graph(rng, n)
        for maxcardinality in (False, True):
            warm = case % 8 == 0  # the LP warm start on some, the textbook start on all
            for warm_start in {False, warm}:
                matching = max_weight_matching(
                    n, edges, maxcardinality=maxcardinality, warm_start=warm_start
                )
                assert_matching(n, edges, matching)
                count, best = brute_force(n, edges, maxcardinality)
                assert total(edges, matching) == pytest.approx(best, rel=1e-12, abs=1e-12)
                if maxcardinality:
                    assert len(matching) == count


@pytest.mark.parametrize(
    ("n", "edges", "expected"),
    [
        # an S-blossom 0-1-2 used for an augmentation through its base
        (4, [(0, 1, 8), (0, 2, 9), (1, 2, 10), (2, 3, 7)], [(0, 1), (2, 3)]),
        # a blossom inside a blossom
        (
            6,
            [(0, 1, 9), (0, 2, 9), (1, 2, 10), (1, 3, 8), (2, 4, 8), (3, 4, 10), (4, 5, 6)],
            [(0, 2), (1, 3), (4, 5)],
        ),
        # a blossom that becomes T and is expanded on the way to a heavier pair
        (
            8,
            [
                (0, 1, 23),
                (0, 4, 22),
                (0, 5, 15),
                (1, 2, 25),
                (2, 3, 22),
                (3, 4, 25),
                (3, 7, 14),
                (4, 6, 13),
            ],
            [(0, 5), (1, 2), (3, 7), (4, 6)],
        ),
        # odd cycle of 5 with a tail: the heaviest edges can't all be used
        (
            6,
            [(0, 1, 5), (1, 2, 5), (2, 3, 5), (3, 4, 5), (4, 0, 5), (4, 5, 1)],
            [(0, 1), (2, 3), (4, 5)],
        ),
    ],
)
def test_exact_blossom_cases(n, edges, expected):
    for warm_start in (False, True):
        matching = max_weight_matching(n, edges, warm_start=warm_start)
        assert total(edges, matching) == total(edges, expected)
        assert total(edges, matching) == brute_force(n, edges)[1]


def test_exact_handles_isolated_vertices_disconnected_graphs_ties_and_bad_edges():
    assert max_weight_matching(0, []) == []
    assert max_weight_matching(5, []) == []
    # loops, non-positive weights and a repeated pair (the heaviest counts)
    assert max_weight_matching(4, [(0, 0, 5), (1, 2, -3), (2, 3, 0), (0, 1, 1), (1, 0, 4)]) == [
        (0, 1)
    ]
    # two components and isolated vertices 6, 7
    edges = [(0, 1, 2.5), (1, 2, 3.0), (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0)]
    matching = max_weight_matching(8, edges)
    assert total(edges, matching) == 4.0
    # floats that are not binary fractions
    edges = [(0, 1, 0.1), (1, 2, 0.2), (2, 3, 0.1 + 1e-9), (0, 3, 0.3)]
    assert sorted(max_weight_matching(4, edges)) == [(0, 3), (1, 2)]
    with pytest.raises(ValueError, match="outside"):
        max_weight_matching(3, [(0, 3, 1.0)])
    with pytest.raises(ValueError, match="weight"):
        max_weight_matching(3, [(0, 1, float("nan"))])


def test_exact_max_cardinality_prefers_more_pairs():
    edges = [(0, 1, 1.0), (1, 2, 10.0), (2, 3, 1.0)]
    assert max_weight_matching(4, edges) == [(1, 2)]
    assert max_weight_matching(4, edges, maxcardinality=True) == [(0, 1), (2, 3)]


def test_exact_leaves_an_optimality_certificate_on_larger_graphs():
    made = expanded = 0
    for per_vertex, top in ((2, 1), (4, 1000)):  # sparse graphs need blossoms
        rng = random.Random(7)
        n = 160
        edges = [
            (rng.randrange(n), rng.randrange(n), float(rng.randint(1, top)))
            for _ in range(per_vertex * n)
        ]
        for warm_start in (False, True):
            for maxcardinality in (False, True):
                solver = blossom._solve(
                    n, edges, warm_start=warm_start, maxcardinality=maxcardinality
                )
                certify(solver)
                made += solver.shrunk
                expanded += solver.expanded
    assert made > 0 and expanded > 0  # the certificates covered blossoms, made and expanded
    certify(blossom._solve(300, candidate_graph(300, 10, seed=3), warm_start=True))


def test_exact_agrees_with_linear_sum_assignment_on_bipartite_graphs():
    rng = np.random.default_rng(11)
    for left, right, integer in ((150, 140, True), (200, 210, False), (120, 120, True)):
        mask = rng.random((left, right)) < 0.08
        values = rng.integers(1, 30, (left, right)) if integer else rng.random((left, right))
        weights = np.where(mask, values, 0.0).astype(float)
        rows, cols = linear_sum_assignment(weights, maximize=True)
        optimum = weights[rows, cols].sum()
        nonzero = np.nonzero(mask)
        edges = [
            (int(i), left + int(j), float(weights[i, j])) for i, j in zip(*nonzero, strict=True)
        ]
        for warm_start in (False, True):
            matching = max_weight_matching(left + right, edges, warm_start=warm_start)
            assert_matching(left + right, edges, matching)
            assert total(edges, matching) == pytest.approx(optimum, rel=1e-12)


# -- the approximate method -----------------------------------------------------------------


def test_approximate_reaches_98_percent_of_the_optimum():
    for n, seed in ((300, 1), (500, 2), (800, 3)):
        edges = candidate_graph(n, 20, seed)
        exact = total(edges, max_weight_matching(n, edges))
        for maxcardinality in (False, True):
            matching = approximate_matching(n, edges, maxcardinality=maxcardinality)
            assert_matching(n, edges, matching)
            u, v, w = approximate._edge_arrays(n, edges)
            greedy = approximate._greedy(n, u, v, w)
            greedy_weight = total(edges, [(a, b) for a, b in enumerate(greedy) if b > a])
            assert total(edges, matching) >= 0.98 * exact
            if not maxcardinality:
                assert total(edges, matching) >= greedy_weight
        exact_pairs = len(max_weight_matching(n, edges, maxcardinality=True))
        assert len(approximate_matching(n, edges, maxcardinality=True)) >= exact_pairs - 2


def test_approximate_is_a_valid_matching_on_random_small_graphs_and_deterministic():
    rng = random.Random(5)
    for _ in range(60):
        n = rng.randint(1, 10)
        edges = random_graph(rng, n)
        matching = approximate_matching(n, edges)
        assert_matching(n, edges, matching)
        assert total(edges, matching) >= 0.5 * brute_force(n, edges)[1] - 1e-12
        assert approximate_matching(n, edges) == matching


# -- a round of pairs -----------------------------------------------------------------------


def member(pid: str, company: str = "", days: tuple[str, ...] = ("mon",), **extra) -> Profile:
    return Profile(id=pid, name=pid.title(), company=company, presence_days=days, **extra)


def test_round_never_pairs_members_of_the_same_company_even_if_the_weights_say_so():
    profiles = [
        member("a", "Acme AS"),
        member("b", " acme as "),
        member("c", "Boreal"),
        member("d", "boreal"),
    ]
    weights = sp.csr_matrix(
        np.array([[0, 9, 1, 1], [9, 0, 1, 1], [1, 1, 0, 9], [1, 1, 9, 0]], dtype=float)
    )
    result = pair_round(profiles, weights=weights)
    assert sorted(map(sorted, result.pairs)) == [["a", "c"], ["b", "d"]] or sorted(
        map(sorted, result.pairs)
    ) == [["a", "d"], ["b", "c"]]
    assert result.unpaired == []
    assert result.method == "exact"
    assert result.weight == 2.0
    # without weights too; members without a company are never "the same company"
    loners = [member("x"), member("y"), member("z", "Acme"), member("w", "acme")]
    pairs = pair_round(loners).pairs
    assert len(pairs) == 2
    assert ("z", "w") not in pairs and ("w", "z") not in pairs


def test_round_does_not_repeat_pairs_from_the_history():
    profiles = [member(pid) for pid in "abcd"]
    first = pair_round(profiles)
    assert len(first.pairs) == 2
    second = pair_round(profiles, history=first.pairs)
    assert len(second.pairs) == 2
    assert not {frozenset(p) for p in second.pairs} & {frozenset(p) for p in first.pairs}
    third = pair_round(profiles, history=[*first.pairs, *second.pairs])
    assert not {frozenset(p) for p in third.pairs} & {
        frozenset(p) for p in [*first.pairs, *second.pairs]
    }
    # everyone has met everyone: nobody can be paired
    fourth = pair_round(profiles, history=[*first.pairs, *second.pairs, *third.pairs])
    assert fourth.pairs == [] and fourth.unpaired == list("abcd")
    # ... unless repeats are allowed
    assert len(pair_round(profiles, history=first.pairs, avoid_repeats=False).pairs) == 2


def test_round_repeat_window_only_looks_at_the_most_recent_rounds():
    profiles = [member("a"), member("b")]
    rounds = [[("a", "b")], [], []]  # oldest first: a-b met three rounds ago
    assert pair_round(profiles, history_rounds=rounds, repeat_window=2).pairs == [("a", "b")]
    assert pair_round(profiles, history_rounds=rounds, repeat_window=3).pairs == []
    assert pair_round(profiles, history_rounds=rounds).pairs == []  # no window: never again


def test_round_odd_member_out_is_the_one_paired_most_often_then_smallest_id():
    profiles = [member(pid) for pid in ("p3", "p1", "p2", "p5", "p4")]
    first = pair_round(profiles)
    assert first.unpaired == ["p1"]  # nobody paired before: smallest id
    assert len(first.pairs) == 2
    assert pair_round(profiles) == first  # deterministic
    # p2 and p3 have been paired twice, the others once: p2 (smaller id) sits out
    history = [("p2", "p3"), ("p2", "p4"), ("p3", "p5"), ("p1", "p9")]
    result = pair_round(profiles, history=history, avoid_repeats=False)
    assert result.unpaired == ["p2"]
    assert len(result.pairs) == 2


def test_round_odd_member_out_gives_way_when_it_would_cost_a_pair():
    # p1 would sit out by the rule, but only p1 can pair with p0 (same company as the rest)
    profiles = [
        member("p0", "Acme"),
        member("p1"),
        member("p2", "Acme"),
        member("p3", "Boreal"),
        member("p4", "Acme"),
    ]
    result = pair_round(profiles)
    assert len(result.pairs) == 2
    assert "p1" not in result.unpaired
    assert len(result.unpaired) == 1


def test_round_prefers_shared_presence_days_when_the_weights_tie():
    profiles = [
        member("a", days=("mon", "tue")),
        member("b", days=("wed",)),
        member("c", days=("tue", "mon", "fri")),
        member("d", days=("wed", "thu")),
    ]
    result = pair_round(profiles)
    assert {frozenset(p) for p in result.pairs} == {frozenset("ac"), frozenset("bd")}
    assert result.weight == (1 + 2) + (1 + 1)


def test_round_members_without_any_allowed_candidate_are_unpaired():
    profiles = [member("a", "Acme"), member("b", "Acme"), member("c"), member("d")]
    weights = np.zeros((4, 4))
    weights[2, 3] = weights[3, 2] = 1.0
    weights[0, 1] = weights[1, 0] = 5.0  # same company: not allowed
    result = pair_round(profiles, weights=sp.csr_matrix(weights))
    assert result.pairs == [("c", "d")]
    assert result.unpaired == ["a", "b"]


def test_round_leaves_opted_out_members_out_entirely_and_checks_the_weights_shape():
    profiles = [member("a"), member("b", opted_out=True), member("c")]
    result = pair_round(profiles)
    assert result.pairs == [("a", "c")] and result.unpaired == []
    with pytest.raises(ValueError, match="3 x 3"):
        pair_round(profiles, weights=sp.csr_matrix((2, 2)))
    with pytest.raises(ValueError, match="duplicate"):
        pair_round([member("a"), member("a")])


def test_round_uses_the_approximate_method_above_the_exact_limit():
    rng = random.Random(3)
    days = ("mon", "tue", "wed", "thu", "fri")
    profiles = [
        member(f"m{i:03d}", f"co{i // 3}", tuple(rng.sample(days, rng.randint(1, 3))))
        for i in range(61)
    ]
    exact = pair_round(profiles)
    approximate = pair_round(profiles, exact_limit=40)
    assert (exact.method, approximate.method) == ("exact", "approximate")
    assert len(exact.pairs) == len(approximate.pairs) == 30
    assert approximate.weight >= 0.98 * exact.weight
    assert exact.unpaired == approximate.unpaired == ["m000"]
    for result in (exact, approximate):
        for a, b in result.pairs:
            assert int(a[1:]) // 3 != int(b[1:]) // 3


def test_round_accepts_the_engines_pair_weights():
    from kollega.matching.engine.scoring import pair_weights

    profiles = [
        Profile(
            id="ingrid",
            company="Tall AS",
            languages=("nb",),
            needs=("hjelp med regnskap",),
            presence_days=("mon", "tue"),
        ),
        Profile(
            id="sara",
            company="Bok AB",
            languages=("sv",),
            offers=("bokföring och bokslut",),
            presence_days=("mon",),
        ),
        Profile(
            id="ole",
            company="Tall AS",
            languages=("nb",),
            offers=("regnskap",),
            presence_days=("mon",),
        ),
        Profile(
            id="ann",
            company="Kode",
            languages=("en",),
            offers=("web design",),
            presence_days=("fri",),
        ),
    ]
    weights = pair_weights(profiles)
    result = pair_round(profiles, weights=weights)
    assert isinstance(result, PairResult)
    assert len(result.pairs) == 2
    assert {"ingrid", "ole"} not in [set(p) for p in result.pairs]
    assert result.weight > 0
