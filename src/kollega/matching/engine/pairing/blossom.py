"""The exact maximum-weight matching: Edmonds' blossom algorithm (primal-dual) with an LP warm
start, written for sparse candidate graphs: 2,000 members with the engine's ~45,000
candidate pairs in about a second.

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

import heapq
import math
import sys
from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

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
