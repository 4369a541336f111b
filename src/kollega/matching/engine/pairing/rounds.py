"""One round of one-to-one pairs for one pool, with the product rules: never the same
company, no repeats, prefer shared presence days, a fair odd member out."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from kollega.matching.engine.pairing.approximate import (
    APPROX_BUDGET,
    approximate_arrays,
    clean_edge_arrays,
)
from kollega.matching.engine.pairing.blossom import max_weight_matching
from kollega.matching.engine.types import WEEKDAYS, Profile, company_key


@dataclass(frozen=True)
class PairResult:
    """A round of pairs: ids in profile order within and across pairs; `unpaired` in profile
    order; `method` "exact" or "approximate"; `weight` the total weight of the pairs."""

    pairs: list[tuple[str, str]]
    unpaired: list[str]
    method: str
    weight: float


FALLBACK_CANDIDATES = 30  # without engine weights: candidates per member (all below 200)
_ALL_PAIRS_BELOW = 200


def _presence_matrix(profiles: Sequence[Profile]) -> np.ndarray:
    days = {day: i for i, day in enumerate(WEEKDAYS)}
    matrix = np.zeros((len(profiles), len(WEEKDAYS)), dtype=np.float32)
    for row, profile in enumerate(profiles):
        for day in profile.presence_days:
            if day in days:
                matrix[row, days[day]] = 1.0
    return matrix


def _pair_noise(hash_a: np.ndarray, hash_b: np.ndarray) -> np.ndarray:
    """A fixed pseudo-random number in [0, 1) per pair of hashes, the same both ways
    (the splitmix64 finaliser of their sum)."""
    x = hash_a + hash_b + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return (x >> np.uint64(11)).astype(np.float64) / float(2**53)


def _fallback_weights(
    profiles: Sequence[Profile], companies: list[str], banned: set[tuple[int, int]]
) -> sp.csr_matrix:
    """Weights when the engine gives none: 1 + the number of presence days in common.

    Pools under 200 get every allowed pair. In larger pools each member looks at 400 others
    (the next ones in a fixed pseudo-random order of the ids) and keeps the 15 whose weeks
    are most alike (days in common / days either is in) plus a pseudo-random share, so the
    candidate graph (about 30 per member with the other side's choices) is well connected:
    never all members choosing the same few who come in every day, nor closed groups with
    identical weeks. Deterministic, O(n) memory and time.
    """
    n = len(profiles)
    presence = _presence_matrix(profiles)
    counts = presence.sum(axis=1)
    hashes = np.array(
        [int.from_bytes(hashlib.blake2b(p.id.encode(), digest_size=8).digest()) for p in profiles],
        dtype=np.uint64,
    )
    company_codes = {c: i for i, c in enumerate(sorted(set(companies)))}
    code = np.array([company_codes[c] if c else -1 - i for i, c in enumerate(companies)])
    opted_out = np.array([p.opted_out for p in profiles], dtype=bool)
    banned_keys = np.array(sorted({a * n + b for a, b in banned} | {b * n + a for a, b in banned}))
    if n < 2:
        return sp.csr_matrix((n, n))
    if n < _ALL_PAIRS_BELOW:
        rows, cols = np.triu_indices(n, k=1)
    else:
        order = np.argsort(hashes, kind="stable")
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n)
        width = min(n - 1, 400)
        keep = min(width, FALLBACK_CANDIDATES // 2)
        picked_rows: list[np.ndarray] = []
        picked_cols: list[np.ndarray] = []
        for start in range(0, n, 2048):
            block = np.arange(start, min(start + 2048, n))
            window = order[(rank[block][:, None] + 1 + np.arange(width)[None, :]) % n]
            overlap = np.einsum("rd,rwd->rw", presence[block], presence[window])
            union = counts[block][:, None] + counts[window] - overlap
            score = overlap / np.maximum(union, 1.0)
            score += 0.5 * _pair_noise(hashes[block][:, None], hashes[window])
            score[code[block][:, None] == code[window]] = -np.inf
            score[opted_out[window] | opted_out[block][:, None]] = -np.inf
            if len(banned_keys):
                score[np.isin(block[:, None] * n + window, banned_keys)] = -np.inf
            chosen = np.argpartition(-score, keep - 1, axis=1)[:, :keep]
            ok = np.isfinite(np.take_along_axis(score, chosen, axis=1))
            picked_rows.append(np.repeat(block, keep)[ok.ravel()])
            picked_cols.append(np.take_along_axis(window, chosen, axis=1)[ok])
        rows = np.concatenate(picked_rows)
        cols = np.concatenate(picked_cols)
    values = 1.0 + np.einsum("ed,ed->e", presence[rows], presence[cols]).astype(np.float64)
    matrix = sp.csr_matrix((values, (rows, cols)), shape=(n, n))
    return sp.csr_matrix(matrix.maximum(matrix.T))


def pair_round(
    profiles: Sequence[Profile],
    *,
    history: Sequence[tuple[str, str]] = (),
    avoid_repeats: bool = True,
    exact_limit: int = 2000,
    weights: sp.spmatrix | sp.sparray | None = None,
    history_rounds: Sequence[Sequence[tuple[str, str]]] = (),
    repeat_window: int | None = None,
) -> PairResult:
    """One round of one-to-one pairs for one pool, maximising the total weight.

    - `weights`: symmetric n x n candidate weights in profile order (`scoring.pair_weights`:
      match value + a bonus for presence days in common; 0 = not a candidate). Without
      them, 1 + the number of presence days in common (`_fallback_weights`).
    - Never two members of the same company (case- and space-insensitive; no company is no
      company), whatever the weights say. Opted-out members take no part (neither in
      `pairs` nor in `unpaired`).
    - With `avoid_repeats`, never a pair from `history` (earlier pairs, any order) nor from
      the last `repeat_window` rounds of `history_rounds` (each round a list of pairs, oldest
      round first, the most recent LAST; `repeat_window=None` means all of them).
    - As many pairs as possible (maximum cardinality), then the most weight: exact
      (`max_weight_matching`) for pools of at most `exact_limit` members who have a
      candidate, else `approximate_matching`.
    - The odd member out: with an odd number of members who have a candidate, the one who
      has been paired most often in the history (`history` plus all of `history_rounds`)
      sits out, the smallest id among equals, unless that would leave more members
      unpaired than necessary (then the optimum over everyone decides). Members with no
      allowed candidate at all are unpaired too.

    Deterministic: the same input gives the same round.
    """
    ids = [p.id for p in profiles]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate member ids in the pool")
    n = len(profiles)
    position = {member_id: i for i, member_id in enumerate(ids)}
    companies = [company_key(p.company) for p in profiles]
    rounds = list(history_rounds)
    if repeat_window is not None:
        rounds = rounds[len(rounds) - repeat_window :] if repeat_window > 0 else []
    earlier = [*history, *(pair for past in history_rounds for pair in past)]
    times_paired = Counter(member for a, b in earlier if a != b for member in (a, b))
    banned: set[tuple[int, int]] = set()
    if avoid_repeats:
        for a, b in [*history, *(pair for past in rounds for pair in past)]:
            if a in position and b in position and a != b:
                i, j = sorted((position[a], position[b]))
                banned.add((i, j))
    if weights is None:
        matrix = _fallback_weights(profiles, companies, banned)
    else:
        if weights.shape != (n, n):
            raise ValueError(f"weights must be {n} x {n} (one row per profile)")
        matrix = sp.csr_matrix(weights, dtype=np.float64)
        matrix = sp.csr_matrix(matrix.maximum(matrix.T))
    upper = sp.triu(matrix, k=1).tocoo()
    rows, cols, vals = upper.row, upper.col, upper.data
    opted_out = np.array([p.opted_out for p in profiles], dtype=bool)
    company = np.array(companies, dtype=object)
    allowed = (vals > 0) & np.isfinite(vals) & ~opted_out[rows] & ~opted_out[cols]
    allowed &= (company[rows] == "") | (company[rows] != company[cols])
    if banned:
        pair_keys = rows.astype(np.int64) * n + cols
        banned_keys = np.array([i * n + j for i, j in banned], dtype=np.int64)
        allowed &= ~np.isin(pair_keys, banned_keys)
    u, v, w = clean_edge_arrays(n, rows[allowed], cols[allowed], vals[allowed])
    degree = np.bincount(np.concatenate([u, v]), minlength=n)
    pairable = [i for i in range(n) if degree[i] > 0]
    method = "exact" if len(pairable) <= exact_limit else "approximate"

    def solve(skip: int) -> list[tuple[int, int]]:
        keep = (u != skip) & (v != skip)
        if method == "exact":
            triples = zip(u[keep].tolist(), v[keep].tolist(), w[keep].tolist(), strict=True)
            return max_weight_matching(n, triples, maxcardinality=True)
        return approximate_arrays(
            n, u[keep], v[keep], w[keep], maxcardinality=True, time_budget=APPROX_BUDGET
        )

    if len(pairable) % 2:
        out = min(pairable, key=lambda i: (-times_paired[ids[i]], ids[i]))
        matching = solve(out)
        if 2 * len(matching) < len(pairable) - 1:  # not everyone else is paired
            everyone = solve(-1)
            if len(everyone) > len(matching):
                matching = everyone
    else:
        matching = solve(-1)
    lookup = dict(zip((u * n + v).tolist(), w.tolist(), strict=True))
    matched = sorted((min(a, b), max(a, b)) for a, b in matching)
    paired = {i for pair in matched for i in pair}
    return PairResult(
        pairs=[(ids[a], ids[b]) for a, b in matched],
        unpaired=[p.id for i, p in enumerate(profiles) if i not in paired and not p.opted_out],
        method=method,
        weight=float(sum(lookup[a * n + b] for a, b in matched)),
    )
