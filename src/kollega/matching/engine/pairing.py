"""Weekly one-to-one pairing ("coffee pairs"): maximum-weight matching in a general graph.

- `max_weight_matching(n, edges)`: an EXACT maximum-weight matching (Edmonds' blossom
  algorithm, primal-dual), written for sparse candidate graphs: 2,000 members with the
  engine's ~45,000 candidate pairs in about a second.
- `approximate_matching(n, edges)`: greedy by weight + augmenting-chain local search, for
  very large pools: 20,000 members in about 5 s, 99.8 % of the optimum or more on the
  engine's candidate graphs (see benchmarks/pairing.py).
- `pair_round(profiles, ...)`: one round of pairs for one pool, with the product rules
  (never the same company, no repeats, prefer shared presence days, a fair odd member out).

How the exact solver works (and why it is fast enough in pure Python)
---------------------------------------------------------------------
It is the primal-dual blossom algorithm (vertex duals y, blossom duals z; an edge is "tight"
when y_u + y_v + Σ z = 2·w), growing alternating trees from free vertices, with four
changes that matter on sparse graphs:

1. **Event heaps instead of dual scans.** Every vertex dual moves at the same rate as a
   global counter Δ while its top-level blossom is labelled S (down) or T (up), so each
   event (an S vertex's dual reaching 0, an S-free edge or an S-S edge becoming tight, a
   T-blossom's dual reaching 0) happens at a fixed Δ. The events sit in four heaps with lazy
   deletion (a version number per vertex and blossom invalidates stale entries), so the next
   dual change costs O(log m), not a scan over all vertices and blossoms.
2. **Trees survive augmentations.** The textbook version throws every tree away after each
   augmentation and regrows the forest (n/2 "stages" x O(m)). Here only the trees an
   augmentation went through are dissolved; their vertices are relabelled from the S
   vertices around them.
3. **A warm start from the LP relaxation** (`_lp_start`, graphs of 2,000 edges or more).
   Roots may start with different duals: a free vertex whose dual reaches 0 rests (it may
   stay unmatched) yet can still be reached by an augmenting path, and an S vertex whose
   dual reaches 0 swaps places with its root. So any feasible duals with a matching of
   tight edges can seed the search; those of the fractional matching LP (HiGHS) leave only
   a few free vertices with work to do. Without it, near-degenerate weights (a large
   per-member part, w = a_u + a_v + small) took minutes at 1,000 members; with it, about a
   second at 2,000. The one slow case left: weights *exactly* additive in floating point
   (every edge tight at the optimum, so the LP duals cannot be rounded into an exact start):
   about 20-30 s at 2,000 members and 60,000 edges.
4. **Exact arithmetic.** Weights are scaled by a power of two to integers ≤ 2^47 and kept in
   floats, so every dual stays an exact integer (well inside 2^53) and "tight" means slack
   == 0, no epsilon. Integer weights up to 2^47 are used as they are (the result is exactly
   optimal); other float weights are exact up to a relative 2^-47 of the largest weight.

`maxcardinality=True` gives the heaviest among the matchings with the most pairs (what
coffee pairing wants: everyone who can be paired is paired), by lifting every weight by
more than a whole matching can weigh.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from kollega.matching.engine.types import WEEKDAYS, Profile, company_key

# The dual of a vertex moves by -Δ (S), +Δ (T) or not at all (unlabelled); a blossom dual by
# +2Δ (S) or -2Δ (T).
_YSIGN = (0.0, -1.0, 1.0)
_ZSIGN = (0.0, 2.0, -2.0)
_FREE, _S, _T = 0, 1, 2
_MAX_SCALED = float(2**47)


def _scaled_weights(
    n: int, edges: Iterable[tuple[int, int, float]], top: float = _MAX_SCALED
) -> tuple[list[int], list[int], list[float]]:
    """Validate and deduplicate the edges (keep the heaviest), drop w ≤ 0 and loops, and scale
    the weights to exact integers (as floats) no larger than `top`."""
    best: dict[tuple[int, int], float] = {}
    for u, v, w in edges:
        u, v, w = int(u), int(v), float(w)
        if not (0 <= u < n and 0 <= v < n):
            raise ValueError(f"edge ({u}, {v}) has a vertex outside 0..{n - 1}")
        if math.isnan(w) or math.isinf(w):
            raise ValueError(f"edge ({u}, {v}) has weight {w}")
        if u == v or w <= 0.0:
            continue
        key = (u, v) if u < v else (v, u)
        if w > best.get(key, 0.0):
            best[key] = w
    if not best:
        return [], [], []
    us = [k[0] for k in best]
    vs = [k[1] for k in best]
    ws = list(best.values())
    high = max(ws)
    if not (high <= top and all(w.is_integer() for w in ws)):
        # a power of two: multiplying is exact
        scale = 2.0 ** (math.frexp(top)[1] - 1 - math.frexp(high)[1])
        ws = [float(round(w * scale)) for w in ws]
    return us, vs, ws


class _Blossom:
    """The state of one run of the primal-dual blossom algorithm (see the module docstring).

    Ids 0..n-1 are vertices (trivial blossoms), n..2n-1 non-trivial blossoms. For a
    non-trivial blossom b, `childs[b]` is its odd cycle of sub-blossoms starting with the one
    holding the base, and `edges[b][i] = (x, y)` links x in childs[i] to y in childs[i + 1].
    In that order the odd-numbered edges are the matched ones.

    Starts from any feasible duals `y` (edge u-v: y[u] + y[v] ≥ c) and a matching `mate` of
    tight edges. Every free vertex with a positive dual is the root of an alternating tree
    (all roots' duals with the same parity, so that every dual change stays an integer); a
    free vertex whose dual reached 0 rests (it is optimal unmatched) but an S vertex that
    reaches it through a tight edge still augments to it.
    """

    def __init__(
        self,
        n: int,
        us: list[int],
        vs: list[int],
        cs: list[float],
        y: list[float],
        mate: list[int],
    ) -> None:
        self.n = n
        nb = 2 * n
        self.adj: list[list[tuple[int, float]]] = [[] for _ in range(n)]
        for u, v, c in zip(us, vs, cs, strict=True):
            self.adj[u].append((v, c))
            self.adj[v].append((u, c))
        self.mate = list(mate)
        self.inb = list(range(n))  # top-level blossom of each vertex
        self.vlab = [_FREE] * n  # label of the vertex's top-level blossom (duals are based on it)
        self.yb = list(y)  # vertex dual = yb + _YSIGN[vlab] * delta
        self.ver = [0] * n  # bumped on every relabelling: invalidates heap entries
        self.parent = [-1] * nb
        self.childs: list[list[int]] = [[] for _ in range(nb)]
        self.edges: list[list[tuple[int, int]]] = [[] for _ in range(nb)]
        self.base = list(range(n)) + [-1] * n  # -1: blossom id not in use
        self.leaves: list[list[int]] = [[v] for v in range(n)] + [[] for _ in range(n)]
        self.label = [_FREE] * nb
        self.labout = [-1] * nb  # the tree edge to the parent: vertex outside the blossom
        self.labin = [-1] * nb  # ... and the vertex inside it
        self.tree = [-1] * nb  # tree id (the free vertex at its root) of a labelled blossom
        self.zb = [0.0] * nb  # blossom dual = zb + _ZSIGN[zlab] * delta
        self.zlab = [_FREE] * nb
        self.bver = [0] * nb
        self.unused = list(range(nb - 1, n - 1, -1))
        self.members: dict[int, list[int]] = {}
        self.queue: list[int] = []  # S vertices whose edges are still to be looked at
        self.pending: list[int] = []  # vertices that lost their label: look for S neighbours
        self.h1: list[tuple[float, int, int]] = []  # S vertex duals reaching 0
        self.h2: list[tuple[float, int, int, int, int]] = []  # S-free edges getting tight
        self.h3: list[tuple[float, int, int, int, int]] = []  # S-S edges getting tight
        self.h4: list[tuple[float, int, int]] = []  # T-blossom duals reaching 0
        self.delta = 0.0
        self.mark = [0] * nb
        self.stamp = 0
        self.active = 0
        self.shrunk = self.expanded = 0  # blossoms made / T-blossoms expanded (for tests)
        for v in range(n):
            if self.mate[v] == -1 and self.yb[v] > 0.0 and self.adj[v]:
                self.active += 1
                self.members[v] = []
                self.set_label(v, _S, v)

    # -- duals and labels ------------------------------------------------------------------

    def set_label(self, b: int, lab: int, tree: int) -> None:
        """Give top-level blossom b label lab in tree, keeping every dual's current value."""
        delta = self.delta
        self.label[b] = lab
        self.tree[b] = tree
        self.bver[b] += 1
        if b >= self.n:
            z = self.zb[b] + _ZSIGN[self.zlab[b]] * delta
            self.zlab[b] = lab
            self.zb[b] = z - _ZSIGN[lab] * delta
        yb, vlab, ver = self.yb, self.vlab, self.ver
        shift = _YSIGN[lab] * delta
        leaves = self.leaves[b]
        for v in leaves:
            y = yb[v] + _YSIGN[vlab[v]] * delta
            vlab[v] = lab
            yb[v] = y - shift
            ver[v] += 1
        if tree >= 0:
            self.members[tree].append(b)
            if lab == _S:
                self.queue.extend(leaves)
                h1 = self.h1
                for v in leaves:  # its dual reaches 0 when delta = yb
                    heapq.heappush(h1, (yb[v], v, ver[v]))
            elif b >= self.n:
                heapq.heappush(self.h4, (delta + (self.zb[b] - 2.0 * delta) / 2.0, b, self.bver[b]))

    def assign_t(self, b: int, s: int, t: int) -> None:
        """Tight edge s-t from S vertex s into free blossom b: label b T and its mate S, or
        augment if b's base is an unmatched vertex (resting with dual 0)."""
        tree = self.tree[self.inb[s]]
        base = self.base[b]
        m = self.mate[base]
        if m == -1:
            self.augment_side(s, t)
            if b >= self.n:
                self.augment_blossom(b, t)
            self.mate[t] = s
            self.active -= 1
            self.dissolve(tree)
            return
        self.set_label(b, _T, tree)
        self.labout[b], self.labin[b] = s, t
        mb = self.inb[m]
        self.set_label(mb, _S, tree)
        self.labout[mb], self.labin[mb] = base, m

    # -- scanning --------------------------------------------------------------------------

    def scan(self, v: int) -> None:
        """Look at every edge of S vertex v: act on tight ones, queue events for the rest."""
        inb, label, yb, ver, vlab = self.inb, self.label, self.yb, self.ver, self.vlab
        h2, h3 = self.h2, self.h3
        delta = self.delta
        bv = inb[v]
        yv = yb[v] - delta
        verv = ver[v]
        push = heapq.heappush
        for w, c in self.adj[v]:
            bw = inb[w]
            if bw == bv:
                continue
            lw = label[bw]
            if lw == _S:
                slack = yv + yb[w] - delta - c
                if slack > 0.0:
                    push(h3, (delta + slack / 2.0, v, w, verv, ver[w]))
                    continue
                self.tight_ss(v, w)
            elif lw == _FREE:
                slack = yv + yb[w] - c
                if slack > 0.0:
                    push(h2, (delta + slack, v, w, verv, ver[w]))
                    continue
                self.assign_t(bw, v, w)
            else:
                continue
            if vlab[v] != _S:
                return  # v's tree was dissolved by an augmentation
            bv = inb[v]

    def rescan_free(self, vertices: list[int]) -> None:
        """Vertices that just lost their label: find tight or future-tight edges to S."""
        inb, label, yb, ver, vlab = self.inb, self.label, self.yb, self.ver, self.vlab
        h2 = self.h2
        delta = self.delta
        push = heapq.heappush
        for u in vertices:
            if vlab[u] != _FREE:
                continue
            bu = inb[u]
            yu = yb[u]
            for w, c in self.adj[u]:
                bw = inb[w]
                if label[bw] != _S or bw == bu:
                    continue
                slack = yu + yb[w] - delta - c
                if slack > 0.0:
                    push(h2, (delta + slack, w, u, ver[w], ver[u]))
                else:
                    self.assign_t(bu, w, u)
                    if vlab[u] == _FREE:  # it augmented: look at u's other edges again
                        self.pending.append(u)
                    break

    def tight_ss(self, v: int, w: int) -> None:
        bv, bw = self.inb[v], self.inb[w]
        tv, tw = self.tree[bv], self.tree[bw]
        if tv != tw:
            self.augment_side(v, w)
            self.augment_side(w, v)
            self.active -= 2
            self.dissolve(tv, tw)
        else:
            self.add_blossom(self.common_ancestor(bv, bw), v, w)

    # -- blossoms --------------------------------------------------------------------------

    def common_ancestor(self, bv: int, bw: int) -> int:
        self.stamp += 1
        stamp, mark, inb, labout = self.stamp, self.mark, self.inb, self.labout
        x, y = bv, bw
        while True:
            if x != -1:
                if mark[x] == stamp:
                    return x
                mark[x] = stamp
                x = -1 if labout[x] == -1 else inb[labout[inb[labout[x]]]]
            x, y = y, x

    def add_blossom(self, top: int, v: int, w: int) -> None:
        """Tight edge v-w closes an odd cycle through their common ancestor top: shrink it."""
        inb, labout, labin = self.inb, self.labout, self.labin
        pv: list[int] = []
        x = inb[v]
        while x != top:
            pv.append(x)
            x = inb[labout[x]]
        pw: list[int] = []
        x = inb[w]
        while x != top:
            pw.append(x)
            x = inb[labout[x]]
        pv.reverse()
        childs = [top, *pv, *pw]
        edges = [(labout[x], labin[x]) for x in pv]
        edges.append((v, w))
        edges.extend((labin[x], labout[x]) for x in pw)
        b = self.unused.pop()
        self.shrunk += 1
        tree = self.tree[top]
        self.childs[b] = childs
        self.edges[b] = edges
        self.base[b] = self.base[top]
        self.parent[b] = -1
        self.labout[b], self.labin[b] = labout[top], labin[top]
        delta = self.delta
        leaves: list[int] = []
        yb, vlab, ver = self.yb, self.vlab, self.ver
        h1 = self.h1
        for c in childs:
            self.parent[c] = b
            if c >= self.n:
                self.zb[c] += _ZSIGN[self.zlab[c]] * delta
                self.zlab[c] = _FREE
            self.bver[c] += 1
            cl = self.leaves[c]
            if self.label[c] == _T:
                for u in cl:  # T → S: its vertices' duals now go down
                    yb[u] += 2.0 * delta
                    vlab[u] = _S
                    ver[u] += 1
                    heapq.heappush(h1, (yb[u], u, ver[u]))
                self.queue.extend(cl)
            self.label[c] = _FREE
            self.tree[c] = -1
            leaves.extend(cl)
        for u in leaves:
            inb[u] = b
        self.leaves[b] = leaves
        self.label[b] = _S
        self.tree[b] = tree
        self.zlab[b] = _S
        self.zb[b] = -2.0 * delta  # z = 0 now
        self.bver[b] += 1
        self.members[tree].append(b)

    def release(self, b: int) -> None:
        self.base[b] = -1
        self.childs[b] = []
        self.edges[b] = []
        self.leaves[b] = []
        self.label[b] = _FREE
        self.tree[b] = -1
        self.bver[b] += 1
        self.unused.append(b)

    def lift_children(self, b: int) -> list[int]:
        """Make the children of blossom b top-level (their labels are set by the caller)."""
        childs = self.childs[b]
        inb = self.inb
        for c in childs:
            self.parent[c] = -1
            if c < self.n:
                inb[c] = c
            else:
                for u in self.leaves[c]:
                    inb[u] = c
        return childs

    def expand_free(self, b: int) -> list[int]:
        """Expand unlabelled blossom b (dual 0), recursively its children with dual 0."""
        out: list[int] = []
        for c in self.lift_children(b):
            self.label[c] = _FREE
            self.tree[c] = -1
            if c >= self.n and self.zb[c] == 0.0:
                out.extend(self.expand_free(c))
            else:
                out.append(c)
        self.release(b)
        return out

    def expand_t(self, b: int) -> None:
        """T-blossom b reached dual 0: expand it, relabelling the children on the even path
        from the entry child to the base (T, S, T, ..., T) and freeing the others."""
        self.expanded += 1
        childs = self.lift_children(b)
        edges = self.edges[b]
        k = len(childs)
        tree = self.tree[b]
        entry = self.labin[b]
        c = entry
        while self.parent[c] != -1:
            c = self.parent[c]
        j = childs.index(c)
        out, into = self.labout[b], entry
        on_path = [False] * k
        self.release(b)
        forward = j % 2 == 1
        while True:
            c = childs[j]
            on_path[j] = True
            self.set_label(c, _T, tree)
            self.labout[c], self.labin[c] = out, into
            if j == 0:
                break
            if forward:  # edges[j] = (x in the T child, y in the next, S child)
                js = (j + 1) % k
                sx, sy = edges[j]
                out, into = edges[js]
                j = (js + 1) % k
            else:  # edges[j - 1] = (x in the previous, S child, y in the T child)
                js = j - 1
                sy, sx = edges[js]
                into, out = edges[js - 1]
                j = js - 1
            s = childs[js]
            on_path[js] = True
            self.set_label(s, _S, tree)
            self.labout[s], self.labin[s] = sx, sy
        for i in range(k):
            if not on_path[i]:
                self.set_label(childs[i], _FREE, -1)
                self.pending.extend(self.leaves[childs[i]])

    # -- augmenting ------------------------------------------------------------------------

    def augment_blossom(self, b: int, v: int) -> None:
        """Rematch inside blossom b so that vertex v becomes its base."""
        t = v
        while self.parent[t] != b:
            t = self.parent[t]
        if t >= self.n:
            self.augment_blossom(t, v)
        childs, edges, mate = self.childs[b], self.edges[b], self.mate
        k = len(childs)
        i = childs.index(t)
        flips = range(i - 2, -1, -2) if i % 2 == 0 else range(i + 1, k, 2)
        for m in flips:
            x, y = edges[m]
            cx, cy = childs[m], childs[(m + 1) % k]
            if cx >= self.n:
                self.augment_blossom(cx, x)
            if cy >= self.n:
                self.augment_blossom(cy, y)
            mate[x] = y
            mate[y] = x
        self.childs[b] = childs[i:] + childs[:i]
        self.edges[b] = edges[i:] + edges[:i]
        self.base[b] = v

    def augment_side(self, s: int, partner: int) -> None:
        """Match S vertex s to partner (-1: leave it unmatched) and flip the tree path from s
        up to its root, which gets matched."""
        inb, labout, labin, mate, n = self.inb, self.labout, self.labin, self.mate, self.n
        while True:
            bs = inb[s]
            if bs >= n:
                self.augment_blossom(bs, s)
            mate[s] = partner
            t = labout[bs]
            if t == -1:
                return
            bt = inb[t]
            s2, j = labout[bt], labin[bt]
            if bt >= n:
                self.augment_blossom(bt, j)
            mate[j] = s2
            s, partner = s2, j

    def dissolve(self, *trees: int) -> None:
        """The trees an augmentation went through lose their labels; their blossoms with
        dual 0 are expanded; their vertices then look for S neighbours in other trees."""
        seen: set[int] = set()
        blossoms: list[int] = []
        for tree in trees:
            for b in self.members.pop(tree):
                if (
                    b not in seen
                    and self.parent[b] == -1
                    and self.base[b] != -1
                    and self.tree[b] == tree
                    and self.label[b] != _FREE
                ):
                    seen.add(b)
                    blossoms.append(b)
        for b in blossoms:
            self.set_label(b, _FREE, -1)
            self.labout[b] = self.labin[b] = -1
            if b >= self.n and self.zb[b] == 0.0:
                for c in self.expand_free(b):
                    self.pending.extend(self.leaves[c])
            else:
                self.pending.extend(self.leaves[b])

    # -- main loop -------------------------------------------------------------------------

    def run(self) -> list[int]:
        h1, h2, h3, h4 = self.h1, self.h2, self.h3, self.h4
        ver, bver, inb, vlab = self.ver, self.bver, self.inb, self.vlab
        queue = self.queue
        pop = heapq.heappop
        while True:
            while queue or self.pending:
                while queue:
                    v = queue.pop()
                    if vlab[v] == _S:
                        self.scan(v)
                if self.pending:
                    batch, self.pending = self.pending, []
                    self.rescan_free(batch)
            if self.active == 0:
                break  # every free vertex has dual 0: the matching is optimal
            while h1 and ver[h1[0][1]] != h1[0][2]:
                pop(h1)
            while h2 and (ver[h2[0][1]] != h2[0][3] or ver[h2[0][2]] != h2[0][4]):
                pop(h2)
            while h3 and (
                ver[h3[0][1]] != h3[0][3]
                or ver[h3[0][2]] != h3[0][4]
                or inb[h3[0][1]] == inb[h3[0][2]]
            ):
                pop(h3)
            while h4 and bver[h4[0][1]] != h4[0][2]:
                pop(h4)
            when, kind = h1[0][0], 1  # an active root always has an entry in h1
            if h2 and h2[0][0] < when:
                when, kind = h2[0][0], 2
            if h3 and h3[0][0] < when:
                when, kind = h3[0][0], 3
            if h4 and h4[0][0] < when:
                when, kind = h4[0][0], 4
            self.delta = when
            if kind == 1:
                _, v, _ = pop(h1)
                tree = self.tree[inb[v]]
                if self.mate[v] != -1:
                    self.augment_side(v, -1)  # v becomes the unmatched one, its root matched
                self.active -= 1
                self.dissolve(tree)
            elif kind == 2:
                _, s, u, _, _ = pop(h2)
                self.assign_t(inb[u], s, u)
            elif kind == 3:
                _, a, b, _, _ = pop(h3)
                self.tight_ss(a, b)
            else:
                _, b, _ = pop(h4)
                self.expand_t(b)
        return self.mate


def _uniform_start(n: int, cs: list[float]) -> tuple[list[float], list[int]]:
    """The textbook start: no pairs, every dual max(c)/2 (an edge c is tight at delta =
    max(c)/2 - c/2, so the heaviest edges are matched first)."""
    return [max(cs) / 2.0] * n, [-1] * n


def _lp_start(
    n: int, us: list[int], vs: list[int], cs: list[float], adj: list[list[tuple[int, float]]]
) -> tuple[list[float], list[int]] | None:
    """A warm start from the fractional matching LP (degree ≤ 1, no odd-set constraints).

    Its optimal duals are feasible for the blossom algorithm (with every blossom dual 0)
    and nearly optimal; its optimum is half-integral, so apart from a few odd cycles of
    half-edges it is a matching already. Solved with HiGHS (scipy), then made exact: the
    duals are rounded to integers, raised where an edge would be violated, lowered where a
    pair is not quite tight. Returns None if the LP solver fails (use the uniform start).
    """
    import numpy as np
    import scipy.sparse as sp
    from scipy.optimize import linprog

    m = len(us)
    c = np.asarray(cs)
    top = float(c.max())
    rows = np.concatenate([np.asarray(us), np.asarray(vs)])
    cols = np.tile(np.arange(m), 2)
    incidence = sp.csr_matrix((np.ones(2 * m), (rows, cols)), shape=(n, m))
    try:
        res = linprog(
            -c / top, A_ub=incidence, b_ub=np.ones(n), bounds=(0, None), method="highs-ipm"
        )
    except (ValueError, RuntimeError, np.linalg.LinAlgError):
        return None
    if res.status != 0 or res.x is None:
        return None
    y: list[float] = np.rint(np.maximum(-res.ineqlin.marginals, 0.0) * top).tolist()
    for v in range(n):  # raise until every edge is feasible (one pass suffices)
        need = y[v]
        for w, cw in adj[v]:
            if cw - y[w] > need:
                need = cw - y[w]
        y[v] = need

    def lowest(v: int, skip: int) -> float:
        low = 0.0
        for w, cw in adj[v]:
            if w != skip and cw - y[w] > low:
                low = cw - y[w]
        return low

    mate = [-1] * n
    for k in np.flatnonzero(res.x > 0.5).tolist():
        u, v, cuv = us[k], vs[k], cs[k]
        if mate[u] != -1 or mate[v] != -1:
            continue
        for x, other in ((u, v), (v, u)):
            slack = y[u] + y[v] - cuv
            if slack > 0.0:
                y[x] -= min(slack, y[x] - lowest(x, other))
        if y[u] + y[v] == cuv:
            mate[u], mate[v] = v, u
    for k in sorted(range(m), key=lambda k: -cs[k]):  # tight edges between free vertices
        u, v = us[k], vs[k]
        if mate[u] == -1 and mate[v] == -1 and y[u] + y[v] == cs[k]:
            mate[u], mate[v] = v, u
    for v in range(n):  # free vertices: as low as possible, an even dual if positive
        if mate[v] == -1:
            low = lowest(v, -1)
            y[v] = low + (low % 2.0)
    return y, mate


_LP_MIN_EDGES = 2000


def max_weight_matching(
    n: int,
    edges: Iterable[tuple[int, int, float]],
    *,
    maxcardinality: bool = False,
    warm_start: bool | None = None,
) -> list[tuple[int, int]]:
    """An exact maximum-weight matching of the graph on vertices 0..n-1.

    `edges` are (u, v, weight) triples; loops and weights ≤ 0 are ignored, a repeated pair
    keeps its largest weight. With `maxcardinality`, the heaviest among the matchings with
    the most edges (every weight is lifted by more than any matching weighs). `warm_start`
    (default: on for graphs of 2,000 edges or more) starts from the LP relaxation's duals
    (`_lp_start`); the result is the same optimum either way. Returns the matched pairs
    (u < v), sorted.
    """
    solver = _solve(n, edges, maxcardinality=maxcardinality, warm_start=warm_start)
    return [(v, m) for v, m in enumerate(solver.mate) if m > v]


def _solve(
    n: int,
    edges: Iterable[tuple[int, int, float]],
    *,
    maxcardinality: bool = False,
    warm_start: bool | None = None,
) -> _Blossom:
    """Run the blossom algorithm; the finished solver (mates, duals, blossoms)."""
    top = _MAX_SCALED / (n // 2 + 2) if maxcardinality else _MAX_SCALED
    us, vs, ws = _scaled_weights(n, edges, top)
    if maxcardinality and ws:
        lift = (n // 2 + 1) * max(ws)
        ws = [w + lift for w in ws]
    cs = [2.0 * w for w in ws]
    solver = _Blossom(n, us, vs, cs, [0.0] * n, [-1] * n)
    if not cs:
        return solver
    start = None
    if warm_start or (warm_start is None and len(cs) >= _LP_MIN_EDGES):
        start = _lp_start(n, us, vs, cs, solver.adj)
    y, mate = start or _uniform_start(n, cs)
    solver = _Blossom(n, us, vs, cs, y, mate)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 4 * n + 1000))
    try:
        solver.run()
    finally:
        sys.setrecursionlimit(limit)
    return solver


# -- the fast approximate method ----------------------------------------------------------


def _edge_arrays(
    n: int, edges: Iterable[tuple[int, int, float]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(u, v, w) as arrays with u < v, w > 0, each pair once with its largest weight."""
    data = np.asarray(list(edges), dtype=np.float64).reshape(-1, 3)
    return _clean_arrays(n, data[:, 0], data[:, 1], data[:, 2])


def _clean_arrays(
    n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not np.all(np.isfinite(w)):
        raise ValueError("every edge weight must be a finite number")
    lo = np.minimum(u, v).astype(np.int64)
    hi = np.maximum(u, v).astype(np.int64)
    if len(lo) and (lo.min() < 0 or hi.max() >= n):
        raise ValueError(f"an edge has a vertex outside 0..{n - 1}")
    keep = (lo != hi) & (w > 0)
    lo, hi, w = lo[keep], hi[keep], np.asarray(w, dtype=np.float64)[keep]
    key = lo * n + hi
    order = np.lexsort((w, key))  # by pair, heaviest last
    key, lo, hi, w = key[order], lo[order], hi[order], w[order]
    last = np.r_[key[1:] != key[:-1], True] if len(key) else np.zeros(0, dtype=bool)
    return lo[last], hi[last], w[last]


def _greedy(n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> list[int]:
    """The greedy matching (heaviest edge first, ties by pair): at least half the optimum."""
    mate = [-1] * n
    order = np.lexsort((v, u, -w))
    for a, b in zip(u[order].tolist(), v[order].tolist(), strict=True):
        if mate[a] < 0 and mate[b] < 0:
            mate[a] = b
            mate[b] = a
    return mate


class _Chains:
    """Local improvement of a matching by augmenting chains (see `_local_search`)."""

    def __init__(self, n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray, depth: int) -> None:
        self.n = n
        self.depth = depth
        src = np.concatenate([u, v])
        order = np.argsort(src, kind="stable")
        self.src = src[order]
        self.dst = np.concatenate([v, u])[order]
        self.wt = np.concatenate([w, w])[order]
        starts = np.searchsorted(self.src, np.arange(n + 1))
        self.has = starts[:-1] < starts[1:]
        self.heads = starts[:-1][self.has]
        self.u, self.v, self.w = u, v, w
        self.keys = u * n + v  # sorted (by `_clean_arrays`)
        self.tol = 1e-12 * float(w.max())
        self.mate: list[int] = [-1] * n
        self.mw: list[float] = [0.0] * n  # weight of each vertex's matched edge
        self.ptrs: list[list[int]] = []
        self.dirty = bytearray(n)  # changed by an earlier move of this round
        self.dst_l: list[int] = self.dst.tolist()
        self.u_l: list[int] = u.tolist()
        self.v_l: list[int] = v.tolist()
        self.w_l: list[float] = w.tolist()
        self.wt_l: list[float] = self.wt.tolist()

    def weight(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Weights of the pairs a[i]-b[i] (0 where there is no such edge)."""
        n, keys = self.n, self.keys
        k = np.minimum(a, b) * n + np.maximum(a, b)
        pos = np.minimum(np.searchsorted(keys, k), len(keys) - 1)
        return np.where((a >= 0) & (b >= 0) & (keys[pos] == k), self.w[pos], 0.0)

    def chain_values(self, mate: np.ndarray, mw: np.ndarray) -> np.ndarray:
        """F_d(x) for d = 1..depth: the best gain of a chain of at most d steps that starts
        with unmatched x taking a neighbour y (whose partner, if any, then does the same)."""
        src, dst = self.src, self.dst
        free_y = mate[dst] < 0
        partner = np.maximum(mate[dst], 0)
        step = self.wt - np.where(free_y, 0.0, mw[dst])
        step[dst == mate[src]] = -np.inf  # not one's own partner
        value = np.zeros(self.n)
        self.ptrs = []
        for _ in range(self.depth):
            total = step + np.where(free_y, 0.0, value[partner])
            best = np.zeros(self.n)
            best[self.has] = np.maximum.reduceat(total, self.heads)
            hit = np.flatnonzero((total == best[src]) & (total > self.tol))
            first_src, first = np.unique(src[hit], return_index=True)
            ptr = np.full(self.n, -1)
            ptr[first_src] = hit[first]
            self.ptrs.append(ptr.tolist())
            value = np.maximum(best, 0.0)
        return value

    def set_pair(self, a: int, b: int, weight: float, log: list[tuple[int, int, float]]) -> None:
        mate, mw = self.mate, self.mw
        for x in (a, b):
            log.append((x, mate[x], mw[x]))
        mate[a], mate[b] = b, a
        mw[a] = mw[b] = weight

    def unpair(self, a: int, log: list[tuple[int, int, float]]) -> float:
        mate, mw = self.mate, self.mw
        b = mate[a]
        if b < 0:
            return 0.0
        weight = mw[a]
        for x in (a, b):
            log.append((x, mate[x], mw[x]))
            mate[x] = -1
            mw[x] = 0.0
        return weight

    def chain(self, x: int, used: set[int], log: list[tuple[int, int, float]]) -> float:
        """Walk the chain the pointers give from unmatched x; returns its gain."""
        gain = 0.0
        cur = x
        for d in range(self.depth - 1, -1, -1):
            e = self.ptrs[d][cur]
            if e < 0:
                break
            y = self.dst_l[e]
            if y in used or self.dirty[y]:
                break
            used.add(y)
            y2 = self.mate[y]
            gain -= self.unpair(y, log)
            gain += self.wt_l[e]
            self.set_pair(cur, y, self.wt_l[e], log)
            if y2 < 0 or y2 in used:
                break
            used.add(y2)
            cur = y2
        return gain

    def undo(self, log: list[tuple[int, int, float]]) -> None:
        mate, mw = self.mate, self.mw
        for x, m, weight in reversed(log):
            mate[x] = m
            mw[x] = weight

    def round(self) -> int:
        """One round: compute every candidate's gain at once, apply the best first."""
        n, m = self.n, len(self.u)
        mate = np.asarray(self.mate)
        mw = np.asarray(self.mw)
        value = self.chain_values(mate, mw)
        u, v = self.u, self.v
        a2, b2 = mate[u], mate[v]
        swap = self.weight(a2, b2)
        swap_gain = np.where(
            (a2 >= 0) & (b2 >= 0) & (a2 != v) & (swap > 0.0), self.w + swap - mw[u] - mw[v], -np.inf
        )
        vertices = np.arange(n)
        free_gain = np.where(mate < 0, value, -np.inf)
        split_gain = np.where(mate > vertices, value + value[np.maximum(mate, 0)] - mw, -np.inf)
        gains = np.concatenate([swap_gain, free_gain, split_gain])
        cand = np.flatnonzero(gains > self.tol)
        if not len(cand):
            return 0
        cand = cand[np.lexsort((cand, -gains[cand]))].tolist()
        u_l, v_l, w_l = self.u_l, self.v_l, self.w_l
        swap_l = swap.tolist()
        applied = 0
        dirty = self.dirty = bytearray(n)
        mate_l = self.mate
        for k in cand:
            log: list[tuple[int, int, float]] = []
            if k < m:  # 2-opt: a-x, b-y -> a-b, x-y
                a, b = u_l[k], v_l[k]
                x, y = mate_l[a], mate_l[b]
                if dirty[a] or dirty[b] or dirty[x] or dirty[y]:
                    continue
                self.unpair(a, log)
                self.unpair(b, log)
                self.set_pair(a, b, w_l[k], log)
                self.set_pair(x, y, swap_l[k], log)
            elif k < m + n:  # an unmatched vertex starts a chain
                x = k - m
                if dirty[x] or mate_l[x] >= 0:
                    continue
                if self.chain(x, {x}, log) <= self.tol:
                    self.undo(log)
                    continue
            else:  # a pair splits, both start a chain
                x = k - m - n
                y = mate_l[x]
                if dirty[x] or dirty[y]:
                    continue
                used = {x, y}
                gain = -self.unpair(x, log)
                gain += self.chain(x, used, log) + self.chain(y, used, log)
                if gain <= self.tol:
                    self.undo(log)
                    continue
            applied += 1
            for t, _, _ in log:
                dirty[t] = 1
        return applied


def _local_search(
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    w: np.ndarray,
    mate: list[int],
    deadline: float,
    depth: int = 4,
) -> list[int]:
    """Improve a matching by weight-increasing local moves until none is left (or time is up).

    The moves are augmenting chains: an unmatched vertex takes a neighbour, whose former
    partner takes another neighbour, and so on (at most `depth` steps, ending at an
    unmatched vertex or with the last one left unmatched). A round computes, with numpy,
    each vertex's best chain value for depth 1..`depth` (a max-plus recurrence over the
    edges, keeping the best first step) and from it the gain of three kinds of move: an
    unmatched vertex starts a chain; a pair splits and both start one; two pairs a-x, b-y
    swap partners to a-b, x-y (2-opt). Moves are then applied best first, skipping those
    that touch a vertex an earlier move of the round changed, each re-evaluated exactly on
    the current matching (one that no longer gains is undone), so the weight only ever
    goes up.
    """
    if not len(w):
        return mate
    search = _Chains(n, u, v, w, depth)
    for a, b in enumerate(mate):
        if b > a:
            search.set_pair(a, b, float(search.weight(np.array([a]), np.array([b]))[0]), [])
    while time.monotonic() < deadline and search.round():
        pass
    return search.mate


_APPROX_BUDGET = 8.0  # seconds: a safety net; 20,000 members converge in about 5


def approximate_matching(
    n: int,
    edges: Iterable[tuple[int, int, float]],
    *,
    maxcardinality: bool = False,
    time_budget: float = _APPROX_BUDGET,
) -> list[tuple[int, int]]:
    """A fast near-optimal matching: greedy by weight, then local improvement.

    The greedy matching is at least half the optimum (95-97 % on the engine's candidate
    graphs, 89 % at 20,000 members); the local moves (`_local_search`) bring it to 99.8 %
    or more of the optimum there. The search stops
    when no move gains or after `time_budget` seconds. `maxcardinality` lifts every weight
    by more than any matching weighs, so more pairs always win (as in the exact method).
    Same input and arguments, same answer (unless the time budget cuts it short).
    """
    u, v, w = _edge_arrays(n, edges)
    return _approximate(n, u, v, w, maxcardinality=maxcardinality, time_budget=time_budget)


def _approximate(
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    w: np.ndarray,
    *,
    maxcardinality: bool,
    time_budget: float,
) -> list[tuple[int, int]]:
    deadline = time.monotonic() + time_budget
    if not len(w):
        return []
    if maxcardinality:
        w = w + (n // 2 + 1) * float(w.max())
    mate = _local_search(n, u, v, w, _greedy(n, u, v, w), deadline)
    return [(a, b) for a, b in enumerate(mate) if b > a]


# -- one round of pairs for one pool ------------------------------------------------------


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
    u, v, w = _clean_arrays(n, rows[allowed], cols[allowed], vals[allowed])
    degree = np.bincount(np.concatenate([u, v]), minlength=n)
    pairable = [i for i in range(n) if degree[i] > 0]
    method = "exact" if len(pairable) <= exact_limit else "approximate"

    def solve(skip: int) -> list[tuple[int, int]]:
        keep = (u != skip) & (v != skip)
        if method == "exact":
            triples = zip(u[keep].tolist(), v[keep].tolist(), w[keep].tolist(), strict=True)
            return max_weight_matching(n, triples, maxcardinality=True)
        return _approximate(
            n, u[keep], v[keep], w[keep], maxcardinality=True, time_budget=_APPROX_BUDGET
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
