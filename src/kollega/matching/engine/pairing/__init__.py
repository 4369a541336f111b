"""Weekly one-to-one pairing ("coffee pairs"): maximum-weight matching in a general graph.

- `max_weight_matching(n, edges)` (`blossom`): an EXACT maximum-weight matching (Edmonds'
  blossom algorithm, primal-dual, with an LP warm start), written for sparse candidate
  graphs: 2,000 members with the engine's ~45,000 candidate pairs in about a second.
- `approximate_matching(n, edges)` (`approximate`): greedy by weight + augmenting-chain
  local search, for very large pools: 20,000 members in about 5 s, 99.8 % of the optimum
  or more on the engine's candidate graphs (see benchmarks/pairing.py).
- `pair_round(profiles, ...)` (`rounds`): one round of pairs for one pool, with the product
  rules (never the same company, no repeats, prefer shared presence days, a fair odd
  member out); returns a `PairResult`.
"""

from kollega.matching.engine.pairing.approximate import approximate_matching
from kollega.matching.engine.pairing.blossom import max_weight_matching
from kollega.matching.engine.pairing.rounds import FALLBACK_CANDIDATES, PairResult, pair_round

__all__ = [
    "FALLBACK_CANDIDATES",
    "PairResult",
    "approximate_matching",
    "max_weight_matching",
    "pair_round",
]
