"""How valuable a meeting between two members is, and the top suggestions for everyone.

The value of reader A meeting member B ("raw value", before normalisation) is a weighted
sum of four parts, each about [0, 1]:

====================  ======  =========================================================
part                  weight  what it measures
====================  ======  =========================================================
A's needs <- B        0.50    A's needs against B's offers (B can help A)
B's needs <- A        0.20    B's needs against A's offers (A can help B: a customer)
shared interests      0.15    A's interests/headline/bio against B's
space theme           0.15    both work with the space's theme (theta_A * theta_B)
====================  ======  =========================================================

Why these weights: complementarity is the business value, so it carries 0.7 of the total
and counts both ways; the reader's own needs weigh most because the list is the reader's
("people who can help you"), and on the labelled evaluation set this split put the member
who meets a need in the top 10 for 93% of the needs the vocabulary recognises, against 79%
with a near-even 0.35/0.30 split, where shared hobbies crowded out real help. For pairing
(`pair_weights`) both directions count the same: the mean of A->B and B->A.

Each of the first three parts is ``0.75 x concept similarity + 0.25 x text cosine``:
concepts from the multilingual vocabulary carry the weight (they match across languages,
including a concept's complements: need "seed funding" <- offer "angel investor"), and the
character n-gram similarity of cognate-folded text catches what the vocabulary does not
cover (a product name, a niche skill). The concept similarity is the cosine of unit
vectors, except that a need's vector is expanded with its complements (x 0.8) *after*
normalising, so a need with many complements is not diluted, and that an offer vector is
divided by only a power of its norm (`features.OFFER_NORM_POWER`), so a member who offers
several services is not diluted for each of them either. With an embedding backend
plugged in the split is 0.6 concepts / 0.2 text / 0.2 embedding. A member's theme affinity
theta is their strongest theme concept (or the text similarity to the theme, if stronger).

Periphery boost: ``raw += periphery_boost x periphery(B)`` for every B who matches at all
(raw >= MIN_RAW), so a member on the edge of the community moves up a list they already
belong on, but nobody is suggested *only* for being peripheral. Useful values: 0.05-0.2.

The shown score is ``1 - exp(-raw / RAW_SCALE)`` rounded to 3 decimals: monotone (ranking is
by raw value), in [0, 1); a clear one-way match scores about 0.5-0.7.

Hard rules (never broken): not oneself, never the same company (case- and space-insensitive
name; an empty company is no company), never an opted-out member (as reader or as
suggestion), never a blocked pair, and - with `MatchOptions.exclude_introduced` - not a pair
already introduced. Diversity: at most `MatchOptions.max_per_company` per company in one list
(0 = no cap). Every suggestion carries at least one reason besides shared presence days;
a candidate the engine cannot explain is skipped.

`recommend()` scores `MatchOptions.block_size` readers at a time against everyone: one dense
BLAS product (LSA text vectors, embeddings, theme, and the concept columns many members
use) plus one sparse product (the rarer concepts; the exact TF-IDF rows in communities of
up to `features.EXACT_TEXT_LIMIT` members), then picks each row's top candidates with a
chunk-maximum threshold instead of sorting the row. Memory is O(block_size x N), never
N x N. Worker threads score the next `PREFETCH_BLOCKS` blocks (numpy and BLAS, which
release the GIL) while the suggestions of the current one are chosen and explained
(Python), so both cores are busy.
"""

from __future__ import annotations

import gc
import math
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

from kollega.matching.engine import reasons as reason_text
from kollega.matching.engine.features import (
    EmbeddingBackend,
    Features,
    ProfileView,
    Tagger,
    TextMatrix,
    build_features,
    load_embedding_backend,
)
from kollega.matching.engine.types import (
    WEEKDAYS,
    Constraints,
    MatchOptions,
    Profile,
    Reason,
    Suggestion,
    company_key,
)

if TYPE_CHECKING:
    from kollega.matching.engine.vocabulary import Vocabulary

W_NEED = 0.50  # the reader's needs met by the other's offers
W_OFFER = 0.20  # the other's needs met by the reader's offers
W_PROFILE = 0.15  # shared interests (interests + headline + bio)
W_THEME = 0.15  # both work with the space's theme
CONCEPT_SHARE, TEXT_SHARE = 0.75, 0.25
CONCEPT_SHARE_EMBEDDED, TEXT_SHARE_EMBEDDED, EMBEDDING_SHARE = 0.6, 0.2, 0.2
RAW_SCALE = 0.25  # score = 1 - exp(-raw / RAW_SCALE)
MIN_RAW = 0.01  # below this nobody is suggested
THEME_TEXT_FLOOR = 0.1  # theme text similarity below this is noise
PRESENCE_BONUS = 0.1  # pair weights: x share of presence days in common
PAIR_FLOOR = 0.01  # pair weights: every allowed candidate pair is worth at least this
PAIR_JITTER = 1e-4  # pair weights: breaks ties between equal candidates (far below a match)
SEMANTIC_MIN_SIMILARITY = 0.5  # reasons: embedding cosine for a need "met" semantically
PHRASE_MIN_SIMILARITY = 0.35  # reasons: phrases this similar (4-gram Dice) "match" as text
MAX_REASONS = 3
# A reason while suggestions are chosen: the fields of a `Reason` (kind, their_text,
# your_text, concept) as a plain tuple, cheaper to make than the frozen dataclass, which
# `explain` builds for its callers. `reasons.render_parts` puts these into words.
type _Part = tuple[str, str, str, str]
# presence reason per bit mask of weekdays in common (bit i = WEEKDAYS[i])
_PRESENCE_REASONS: list[_Part] = [
    ("presence", " ".join(day for bit, day in enumerate(WEEKDAYS) if mask & (1 << bit)), "", "")
    for mask in range(1 << len(WEEKDAYS))
]
DENSE_CONCEPT_SHARE = 0.001  # see _split_popular
MAX_DENSE_CONCEPTS = 128
_EXCLUDED = np.float32(-np.inf)
# blocks scored ahead in worker threads: with two, 50,000 members take 39 s instead of 53
# (the Python loop waits less for the BLAS products), at one more block of memory each
PREFETCH_BLOCKS = 2
_CHUNK = 64


def recommend(
    profiles: Sequence[Profile],
    *,
    options: MatchOptions = MatchOptions(),  # noqa: B008 - frozen dataclass
    constraints: Constraints | None = None,
    vocabulary: Vocabulary | None = None,
    embedding: EmbeddingBackend | None = None,
    text_mode: str = "auto",
) -> dict[str, list[Suggestion]]:
    """The top `options.top` suggestions for every member, best first, with reasons.

    Opted-out members get an empty list and appear in nobody's. `embedding` defaults to
    the backend configured by KOLLEGA_EMBEDDING_BACKEND (none unless configured).
    """
    with cyclic_gc_paused():
        return _recommend(
            profiles,
            options=options,
            constraints=constraints,
            vocabulary=vocabulary,
            embedding=embedding,
            text_mode=text_mode,
        )


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector (reference counting still frees everything).

    Scoring a community makes millions of small, long-lived objects (tagged phrases,
    views, suggestions) and no reference cycles; every full collection walks all of them
    again, for nothing: about a fifth of `recommend()` at 10,000 members. Restored on
    exit, also after an error.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _recommend(
    profiles: Sequence[Profile],
    *,
    options: MatchOptions,
    constraints: Constraints | None,
    vocabulary: Vocabulary | None,
    embedding: EmbeddingBackend | None,
    text_mode: str,
) -> dict[str, list[Suggestion]]:
    vocabulary = _vocabulary(vocabulary)
    constraints = constraints or Constraints()
    if embedding is None:
        embedding = load_embedding_backend()
    tagger = Tagger(vocabulary, embedding)
    tagger.embed(text for profile in profiles for text in (*profile.needs, *profile.offers))
    result: dict[str, list[Suggestion]] = {profile.id: [] for profile in profiles}
    if options.top <= 0 or len(profiles) < 2:
        return result
    context = _Context.build(
        profiles,
        tagger=tagger,
        embedding=embedding,
        theme=options.theme,
        weights=(W_NEED, W_OFFER),
        excluded_pairs=constraints.blocked
        | (constraints.introduced if options.exclude_introduced else set()),
        text_mode=text_mode,
    )
    members = context.members
    if len(members) < 2:
        return result
    pool = min(len(members) - 1, options.top * 3 + 10)
    sentences: dict[tuple[str, ...], str] = {}  # rendered reasons, for this run
    block_size = max(1, options.block_size)
    blocks = [
        np.arange(start, min(start + block_size, len(members)))
        for start in range(0, len(members), block_size)
    ]

    def scored(rows: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        """A block of raw values with the hard rules applied, and each row's candidates."""
        block = context.raw_block(rows)
        np.putmask(block, block < MIN_RAW, _EXCLUDED)
        if options.periphery_boost:
            block += np.float32(options.periphery_boost) * context.periphery[None, :]
        context.exclude(block, rows)
        return block, _top_candidates(block, pool)

    # The next blocks are scored (numpy and BLAS, which release the GIL) in worker threads
    # while the suggestions of this one are chosen and explained (Python), so every core
    # has work. BLAS runs one thread per call: its own threads wait on each other when
    # the cores are busy.
    ahead = max(1, PREFETCH_BLOCKS)
    with (
        threadpool_limits(limits=1, user_api="blas"),
        ThreadPoolExecutor(max_workers=ahead) as workers,
    ):
        upcoming = deque(workers.submit(scored, rows) for rows in blocks[:ahead])
        for number, rows in enumerate(blocks):
            block, candidates = upcoming.popleft().result()
            if number + ahead < len(blocks):
                upcoming.append(workers.submit(scored, blocks[number + ahead]))
            for offset, row in enumerate(rows.tolist()):
                reader = members[row]
                result[reader.id] = _choose(
                    context,
                    reader_row=row,
                    scores=block[offset],
                    candidates=candidates[offset],
                    options=options,
                    tagger=tagger,
                    sentences=sentences,
                )
    return result


def pair_weights(
    profiles: Sequence[Profile],
    *,
    constraints: Constraints | None = None,
    vocabulary: Vocabulary | None = None,
    k: int = 30,
    theme: str = "",
    embedding: EmbeddingBackend | None = None,
    block_size: int = 2048,
) -> sp.csr_matrix:
    """Symmetric nxn weights for pairing, in profile order.

    weight(A, B) = PAIR_FLOOR + mutual value + PRESENCE_BONUS x (days in common / fewer
    days of the two), where the mutual value is the mean of A→B and B→A (complementarity
    both ways at equal weight, shared interests, theme). Only each member's top-k
    candidates get an edge (the union over both sides), and never a pair from the same
    company, with an opted-out member, or blocked. Members who match nobody still get
    edges (at the floor weight) so a pairing round can include them. Earlier introductions
    do not matter here; not repeating earlier pairs is `pairing.pair_round`'s job.
    """
    vocabulary = _vocabulary(vocabulary)
    constraints = constraints or Constraints()
    if embedding is None:
        embedding = load_embedding_backend()
    count = len(profiles)
    empty = sp.csr_matrix((count, count), dtype=np.float64)
    if count < 2 or k <= 0:
        return empty
    mutual = (W_NEED + W_OFFER) / 2
    context = _Context.build(
        profiles,
        tagger=Tagger(vocabulary),
        embedding=embedding,
        theme=theme,
        weights=(mutual, mutual),
        excluded_pairs=constraints.blocked,
        text_mode="auto",
    )
    members = context.members
    if len(members) < 2:
        return empty
    pool = min(len(members) - 1, k)
    spread = np.random.default_rng(0).random(len(members), dtype=np.float32)
    first: list[np.ndarray] = []
    second: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for start in range(0, len(members), max(1, block_size)):
        rows = np.arange(start, min(start + block_size, len(members)))
        block = context.raw_block(rows)
        np.maximum(block, 0.0, out=block)
        block += np.float32(PAIR_FLOOR)
        block += np.float32(PRESENCE_BONUS) * context.presence_share(rows)
        # a tiny symmetric jitter, so that among equal candidates (members who match nobody
        # sit at the floor) each member picks different ones rather than the first k
        jitter = np.add(spread[rows][:, None], spread[None, :], dtype=np.float32)
        block += np.float32(PAIR_JITTER) * (jitter % np.float32(1.0))
        context.exclude(block, rows)
        candidates = _top_candidates(block, pool)
        for offset, row in enumerate(rows):
            chosen = candidates[offset][:pool]
            chosen = chosen[np.isfinite(block[offset, chosen])]
            first.append(np.full(len(chosen), context.positions[row]))
            second.append(context.positions[chosen])
            values.append(block[offset, chosen].astype(np.float64))
    if not values:
        return empty
    weights = sp.csr_matrix(
        (np.concatenate(values), (np.concatenate(first), np.concatenate(second))),
        shape=(count, count),
    )
    return sp.csr_matrix(weights.maximum(weights.T))


def explain(
    reader: Profile,
    other: Profile,
    *,
    vocabulary: Vocabulary,
    theme: str = "",
    tagger: Tagger | None = None,
    limit: int = MAX_REASONS,
) -> list[Reason]:
    """Why `reader` should meet `other`, most important first (at most `limit`).

    Kinds: "offers_need" (their offer meets your need), "needs_offer" (your offer meets
    their need), "shared_interest" (a concept in both profiles), "similar" (closely worded
    interests or headlines, outside the vocabulary), "theme" (both work with the space's
    theme) and "presence" (their_text = the weekday codes both are usually in, spaced).
    Presence only ever comes after the others.
    """
    tagger = tagger or Tagger(vocabulary)
    parts = _explain_views(tagger.view(reader), tagger.view(other), theme=theme, tagger=tagger)
    reasons = [
        Reason(kind=kind, their_text=their, your_text=your, concept=concept)
        for kind, their, your, concept in parts
    ]
    days = [day for day in WEEKDAYS if day in reader.presence_days and day in other.presence_days]
    if days:
        reasons.append(Reason(kind="presence", their_text=" ".join(days)))
    return reasons[: max(0, limit)]


def _explain_views(
    mine: ProfileView, theirs: ProfileView, *, theme: str, tagger: Tagger
) -> list[_Part]:
    """The reasons other than presence, strongest first."""
    found = _complement_reasons(
        "offers_need", needing=mine, offering=theirs, weight=W_NEED, tagger=tagger
    )
    found += _complement_reasons(
        "needs_offer", needing=theirs, offering=mine, weight=W_OFFER, tagger=tagger
    )
    if theme:
        found += _theme_reasons(mine, theirs, theme=theme, tagger=tagger)
    used = {part[3] for _, part in found if part[3]} if found else set()
    found += _interest_reasons(mine, theirs, used=used, found_so_far=len(found))
    if len(found) > 1:
        found.sort(key=itemgetter(0), reverse=True)  # stable: ties keep their order
    return [part for _, part in found]


# ---------------------------------------------------------------------------------------
# Block computation


@dataclass
class _Context:
    """Everything `raw_block` needs, restricted to members who take part (not opted out).

    The raw value is ``dense_left[A] . dense_right_t[:, B] + sparse_left[A] . sparse_right_t[:, B]``:
    the weights are folded into the left side, so two products give the whole sum. The dense
    part holds the LSA text vectors, the embeddings, the theme affinity (a rank-one term) and
    the *popular* concept columns; the sparse part the exact TF-IDF rows (small communities)
    and the rare concept columns. Popular concepts (many members on both sides) would make
    the sparse product nearly dense and slow; a dense column costs the same for every pair.
    """

    members: list[Profile]
    positions: np.ndarray  # row in this context -> position in the caller's profile list
    dense_left: np.ndarray | None
    dense_right_t: np.ndarray | None
    sparse_left: sp.csr_matrix | None
    sparse_right_t: sp.csr_matrix | None
    periphery: np.ndarray
    companies: np.ndarray  # company number per member, -1 for none
    company_members: list[np.ndarray]
    views: list[ProfileView]
    excluded: dict[int, np.ndarray] = field(default_factory=dict)
    presence: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint8))
    theme: str = ""

    def __post_init__(self) -> None:
        # plain lists for the per-suggestion Python loop (numpy scalars are slow to index)
        self.company_list: list[int] = self.companies.tolist()
        self.presence_list: list[int] = self.presence.tolist()
        self.first_names = [reason_text.first_name(member.name) for member in self.members]

    @classmethod
    def build(
        cls,
        profiles: Sequence[Profile],
        *,
        tagger: Tagger,
        embedding: EmbeddingBackend | None,
        theme: str,
        weights: tuple[float, float],
        excluded_pairs: set[frozenset[str]],
        text_mode: str,
    ) -> _Context:
        positions = np.asarray(
            [i for i, profile in enumerate(profiles) if not profile.opted_out], dtype=np.int64
        )
        members = [profiles[int(i)] for i in positions]
        features = build_features(members, tagger=tagger, embedding=embedding, text_mode=text_mode)
        w_need, w_offer = weights
        embedded = features.embedding_offers is not None
        concept_share = CONCEPT_SHARE_EMBEDDED if embedded else CONCEPT_SHARE
        text_share = TEXT_SHARE_EMBEDDED if embedded else TEXT_SHARE
        side_weights = (w_need, w_offer, W_PROFILE)

        dense_left: list[np.ndarray] = []
        dense_right: list[np.ndarray] = []
        sparse_left: list[sp.csr_matrix] = []
        sparse_right: list[sp.csr_matrix] = []

        def add(left: TextMatrix, right: TextMatrix) -> None:
            if isinstance(left, np.ndarray) and isinstance(right, np.ndarray):
                dense_left.append(left)
                dense_right.append(right)
            else:
                sparse_left.append(sp.csr_matrix(left))
                sparse_right.append(sp.csr_matrix(right))

        text_left, text_right = _pair_sides(
            (features.text_needs, features.text_offers, features.text_profile),
            (features.text_offers, features.text_needs, features.text_profile),
            [w * text_share for w in side_weights],
        )
        add(text_left, text_right)
        if (
            features.embedding_offers is not None
            and features.embedding_needs is not None
            and features.embedding_profile is not None
        ):
            add(
                *_pair_sides(
                    (
                        features.embedding_needs,
                        features.embedding_offers,
                        features.embedding_profile,
                    ),
                    (
                        features.embedding_offers,
                        features.embedding_needs,
                        features.embedding_profile,
                    ),
                    [w * EMBEDDING_SHARE for w in side_weights],
                )
            )
        theta = _theme_affinity(features, theme=theme, tagger=tagger)
        if np.any(theta > 0):
            add((theta * np.float32(W_THEME))[:, None], theta[:, None])
        sparse_sides = _pair_sides(
            (features.needs_met_by, features.offers, features.profile),
            (features.offers, features.needs_met_by, features.profile),
            [w * concept_share for w in side_weights],
        )
        concept_left, concept_right = (sp.csr_matrix(side) for side in sparse_sides)
        popular, rare = _split_popular(concept_left, concept_right)
        if len(popular):
            add(
                np.asarray(concept_left[:, popular].toarray(), dtype=np.float32),
                np.asarray(concept_right[:, popular].toarray(), dtype=np.float32),
            )
        if len(rare):
            add(concept_left[:, rare], concept_right[:, rare])

        index = {profile.id: row for row, profile in enumerate(members)}
        excluded: dict[int, list[int]] = {}
        for pair in excluded_pairs:
            rows = [index[member_id] for member_id in pair if member_id in index]
            if len(rows) == 2:
                excluded.setdefault(rows[0], []).append(rows[1])
                excluded.setdefault(rows[1], []).append(rows[0])
        company_numbers: dict[str, int] = {}
        companies = np.full(len(members), -1, dtype=np.int64)
        for row, profile in enumerate(members):
            key = company_key(profile.company)
            if key:
                companies[row] = company_numbers.setdefault(key, len(company_numbers))
        order = np.argsort(companies, kind="stable")
        counts = np.bincount(companies[companies >= 0], minlength=len(company_numbers))
        offsets = np.concatenate([[0], np.cumsum(counts)]) + int(np.sum(companies < 0))
        company_members = [order[offsets[c] : offsets[c + 1]] for c in range(len(counts))]
        presence = np.zeros(len(members), dtype=np.uint8)
        for row, profile in enumerate(members):
            for day in profile.presence_days:
                if day in WEEKDAYS:
                    presence[row] |= 1 << WEEKDAYS.index(day)
        return cls(
            members=members,
            positions=positions,
            dense_left=np.hstack(dense_left).astype(np.float32) if dense_left else None,
            dense_right_t=(
                np.ascontiguousarray(np.hstack(dense_right).T, dtype=np.float32)
                if dense_right
                else None
            ),
            sparse_left=sp.hstack(sparse_left, format="csr", dtype=np.float32)
            if sparse_left
            else None,
            sparse_right_t=sp.csr_matrix(sp.hstack(sparse_right, dtype=np.float32).T)
            if sparse_right
            else None,
            periphery=np.asarray([p.periphery for p in members], dtype=np.float32),
            companies=companies,
            company_members=company_members,
            views=[tagger.view(profile) for profile in members],
            excluded={row: np.asarray(cols, dtype=np.int64) for row, cols in excluded.items()},
            presence=presence,
            theme=theme,
        )

    def raw_block(self, rows: np.ndarray) -> np.ndarray:
        """The raw value of every member in `rows` meeting every member: (len(rows), n)."""
        count = len(self.members)
        if self.dense_left is not None and self.dense_right_t is not None:
            block = np.asarray(self.dense_left[rows] @ self.dense_right_t, dtype=np.float32)
        else:
            block = np.zeros((len(rows), count), dtype=np.float32)
        if self.sparse_left is not None and self.sparse_right_t is not None:
            product = sp.csr_matrix(self.sparse_left[rows] @ self.sparse_right_t)
            if product.nnz > block.size // 4:
                block += product.toarray()
            elif product.nnz:
                row_of = np.repeat(np.arange(len(rows)), np.diff(product.indptr))
                block[row_of, product.indices] += product.data
        return block  # LSA cosines can dip just below zero: callers cut or clip

    def exclude(self, block: np.ndarray, rows: np.ndarray) -> None:
        """Apply the hard rules to a block: oneself, same company, blocked/introduced."""
        offsets = np.arange(len(rows))
        block[offsets, rows] = _EXCLUDED
        for offset, row in enumerate(rows):
            company = self.companies[row]
            if company >= 0:
                block[offset, self.company_members[company]] = _EXCLUDED
            cols = self.excluded.get(int(row))
            if cols is not None:
                block[offset, cols] = _EXCLUDED

    def presence_share(self, rows: np.ndarray) -> np.ndarray:
        """Days in common / the fewer days of the two (0 when either says nothing)."""
        bits = np.asarray([bin(mask).count("1") for mask in range(128)], dtype=np.float32)
        common = bits[self.presence[rows][:, None] & self.presence[None, :]]
        fewer = np.minimum(bits[self.presence[rows]][:, None], bits[self.presence][None, :])
        return np.asarray(common / np.maximum(fewer, 1.0), dtype=np.float32)


def _pair_sides(
    left: Sequence[TextMatrix], right: Sequence[TextMatrix], weights: Sequence[float]
) -> tuple[TextMatrix, TextMatrix]:
    """[w1*L1 w2*L2 w3*L3] and [R1 R2 R3]: one product of the two sums the weighted cosines."""
    if all(isinstance(matrix, np.ndarray) for matrix in (*left, *right)):
        dense_left = np.hstack(
            [np.asarray(m) * np.float32(w) for m, w in zip(left, weights, strict=True)]
        )
        dense_right = np.hstack([np.asarray(m) for m in right])
        return dense_left.astype(np.float32), dense_right.astype(np.float32)
    sparse_left = sp.hstack(
        [sp.csr_matrix(m) * np.float32(w) for m, w in zip(left, weights, strict=True)],
        format="csr",
        dtype=np.float32,
    )
    sparse_right = sp.hstack([sp.csr_matrix(m) for m in right], format="csr", dtype=np.float32)
    return sparse_left, sparse_right


def _split_popular(left: sp.csr_matrix, right: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Concept columns worth a dense product (popular on both sides), and the rest.

    A column used by l members on the left and r on the right costs l*r multiply-adds
    in a sparse product (and a scattered write each), but n*n cheap BLAS ones dense: dense
    pays off from about l*r > DENSE_CONCEPT_SHARE * n^2.
    """
    count = left.shape[0]
    cost = np.bincount(left.indices, minlength=left.shape[1]).astype(np.float64) * np.bincount(
        right.indices, minlength=right.shape[1]
    )
    order = np.argsort(-cost, kind="stable")
    popular = order[:MAX_DENSE_CONCEPTS][
        cost[order[:MAX_DENSE_CONCEPTS]] > DENSE_CONCEPT_SHARE * count * count
    ]
    rare = np.setdiff1d(np.flatnonzero(cost > 0), popular)
    return np.sort(popular), rare


def _theme_affinity(features: Features, *, theme: str, tagger: Tagger) -> np.ndarray:
    """θ per member in [0, 1]: their strongest theme concept, or the theme text similarity."""
    count = features.offers.shape[0]
    theta = np.zeros(count, dtype=np.float32)
    if not theme.strip() or count == 0:
        return theta
    theme_tags = tagger.tags(theme)
    columns = [
        (features.concept_index[concept_id], weight)
        for concept_id, weight in theme_tags.items()
        if concept_id in features.concept_index
    ]
    if columns:
        vector = np.zeros(features.raw_concepts.shape[1], dtype=np.float32)
        for column, weight in columns:
            vector[column] = weight
        weighted = sp.csr_matrix(features.raw_concepts.multiply(vector[None, :]))
        theta = np.maximum(theta, weighted.max(axis=1).toarray().ravel().astype(np.float32))
    theme_vector = features.text_model.transform([theme])
    for side in (features.text_offers, features.text_profile):
        similarity: np.ndarray
        if isinstance(side, np.ndarray):
            similarity = side @ np.asarray(theme_vector).ravel()
        else:
            similarity = (side @ sp.csr_matrix(theme_vector).T).toarray().ravel()
        similarity = (similarity - THEME_TEXT_FLOOR) / (1.0 - THEME_TEXT_FLOOR)
        theta = np.maximum(theta, np.clip(similarity, 0.0, 1.0).astype(np.float32))
    return np.minimum(theta, 1.0)


def _top_candidates(block: np.ndarray, pool: int) -> list[np.ndarray]:
    """Per row, the columns of (at least) the `pool` best finite scores, best first.

    Instead of a full argpartition of every row, take each row's maxima over chunks of
    `_CHUNK` columns: the pool-th best chunk maximum is a threshold every top-`pool` score
    reaches, and usually only a few more.
    """
    count, width = block.shape
    chunks = width // _CHUNK
    if chunks <= pool * 2:
        threshold = np.full(count, -np.inf, dtype=np.float32)
        if pool < width:
            threshold = np.partition(block, width - pool, axis=1)[:, width - pool]
    else:
        maxima = block[:, : chunks * _CHUNK].reshape(count, chunks, _CHUNK).max(axis=2)
        if chunks * _CHUNK < width:
            tail = block[:, chunks * _CHUNK :].max(axis=1, keepdims=True)
            maxima = np.hstack([maxima, tail])
        threshold = np.partition(maxima, maxima.shape[1] - pool, axis=1)[:, maxima.shape[1] - pool]
    threshold = np.maximum(threshold, np.float32(-1e30))  # never an excluded (-inf) column
    rows, cols = np.nonzero(block >= threshold[:, None])
    split = np.searchsorted(rows, np.arange(1, count))
    result: list[np.ndarray] = []
    for row, columns in enumerate(np.split(cols, split)):
        values = np.round(block[row, columns], 5)
        result.append(columns[np.lexsort((columns, -values))])
    return result


def _choose(
    context: _Context,
    *,
    reader_row: int,
    scores: np.ndarray,
    candidates: np.ndarray,
    options: MatchOptions,
    tagger: Tagger,
    sentences: dict[tuple[str, ...], str],
) -> list[Suggestion]:
    """Walk the candidates best first: company cap, at least one real reason, up to top."""
    reader = context.members[reader_row]
    chosen: list[Suggestion] = []
    per_company: dict[int, int] = {}
    seen: set[int] = set()
    cap = options.max_per_company
    theme = context.theme.strip()
    companies, presence, views = context.company_list, context.presence_list, context.views
    mine, my_days = views[reader_row], presence[reader_row]
    language, names, members = reader.language, context.first_names, context.members
    vocabulary, render = tagger.vocabulary, reason_text.render_parts

    def consider(column: int) -> bool:
        seen.add(column)
        company = companies[column]
        if cap > 0 and company >= 0 and per_company.get(company, 0) >= cap:
            return False
        reasons = _explain_views(mine, views[column], theme=theme, tagger=tagger)
        if not reasons:
            return False
        if len(reasons) < MAX_REASONS:
            common = my_days & presence[column]
            if common:
                reasons.append(_PRESENCE_REASONS[common])
        else:
            del reasons[MAX_REASONS:]
        score = 1.0 - math.exp(-max(float(scores[column]), 0.0) / RAW_SCALE)
        rendered = render(
            reasons, language=language, name=names[column], vocabulary=vocabulary, cache=sentences
        )
        chosen.append(Suggestion(id=members[column].id, score=round(score, 3), reasons=rendered))
        if company >= 0:
            per_company[company] = per_company.get(company, 0) + 1
        return len(chosen) >= options.top

    for column in candidates.tolist():
        if consider(column):
            return chosen
    finite = np.flatnonzero(np.isfinite(scores))
    if len(finite) > len(seen):  # the pool ran out (company caps, no reasons): look further
        values = np.round(scores[finite], 5)
        for column in finite[np.lexsort((finite, -values))].tolist():
            if column not in seen and consider(column):
                break
    return chosen


# ---------------------------------------------------------------------------------------
# Reasons


def _complement_reasons(
    kind: str, *, needing: ProfileView, offering: ProfileView, weight: float, tagger: Tagger
) -> list[tuple[float, _Part]]:
    """Need phrases met by offer phrases, each phrase used once, strongest first.

    A pair's strength mirrors the score: CONCEPT_SHARE x need weight x offer weight for a
    shared concept (x COMPLEMENT_WEIGHT through a complement), or TEXT_SHARE x the 4-gram
    similarity of the two phrases when that is higher, or (with an embedding backend, when
    neither matched) EMBEDDING_SHARE x their semantic similarity; all x the part's weight.
    """
    pairs: list[tuple[float, str, str, str]] = []
    concepts = not needing.need_keys.isdisjoint(offering.offer_keys)
    semantic = tagger.semantic_similarity if tagger.embedding is not None else None
    for need, expanded, need_grams in needing.needs:
        for offer, offer_tags, offer_grams in offering.offers:
            strength, concept = 0.0, ""
            if concepts:
                for concept_id in expanded.keys() & offer_tags.keys():
                    value, needed = expanded[concept_id]
                    matched = value * offer_tags[concept_id]
                    if matched > strength:
                        strength, concept = matched, needed
                strength *= CONCEPT_SHARE
            if strength < TEXT_SHARE and not need_grams.isdisjoint(offer_grams):
                shared = len(need_grams & offer_grams)
                similarity = 2.0 * shared / (len(need_grams) + len(offer_grams))
                if similarity >= PHRASE_MIN_SIMILARITY and similarity * TEXT_SHARE > strength:
                    strength, concept = similarity * TEXT_SHARE, ""
            if strength == 0 and semantic:
                similarity = semantic(need, offer)
                if similarity >= SEMANTIC_MIN_SIMILARITY:
                    strength = similarity * EMBEDDING_SHARE
            if strength > 0:
                pairs.append((strength * weight, need, offer, concept))
    if not pairs:
        return []
    if len(pairs) == 1:
        strength, need, offer, concept = pairs[0]
        your, their = (need, offer) if kind == "offers_need" else (offer, need)
        return [(strength, (kind, their, your, concept))]
    pairs.sort(key=itemgetter(0), reverse=True)
    used: set[str] = set()
    found: list[tuple[float, _Part]] = []
    for strength, need, offer, concept in pairs:
        if need in used or offer in used:
            continue
        used.update((need, offer))
        your, their = (need, offer) if kind == "offers_need" else (offer, need)
        found.append((strength, (kind, their, your, concept)))
    return found


def _interest_reasons(
    mine: ProfileView, theirs: ProfileView, *, used: set[str], found_so_far: int
) -> list[tuple[float, _Part]]:
    """Up to two concepts both profiles mention; and, as a fallback when there are fewer
    than MAX_REASONS reasons, closely worded interests or headlines ("similar")."""
    found: list[tuple[float, _Part]] = []
    my_concepts, their_concepts = mine.profile_concepts, theirs.profile_concepts
    if not my_concepts.keys().isdisjoint(their_concepts):
        shared = [
            (min(value, their_concepts[c]), c)
            for c, value in my_concepts.items()
            if c in their_concepts and c not in used
        ]
        if len(shared) > 1:
            shared.sort(key=lambda item: (-item[0], item[1]))
        found = [
            (value * CONCEPT_SHARE * W_PROFILE, ("shared_interest", "", "", c))
            for value, c in shared[:2]
        ]
        if found_so_far + len(found) >= MAX_REASONS:
            return found
    best: tuple[float, str, str] = (0.0, "", "")
    for mine_text, mine_tags, mine_grams in mine.short:
        for their_text, their_tags, their_grams in theirs.short:
            if mine_grams.isdisjoint(their_grams) or not mine_tags.isdisjoint(their_tags):
                continue  # nothing alike, or alike through a concept (a shared interest)
            similarity = 2.0 * len(mine_grams & their_grams) / (len(mine_grams) + len(their_grams))
            if similarity > best[0]:
                best = (similarity, mine_text, their_text)
    if best[0] >= PHRASE_MIN_SIMILARITY:
        strength = best[0] * TEXT_SHARE * W_PROFILE
        found.append((strength, ("similar", best[2], best[1], "")))
    return found


def _theme_reasons(
    mine: ProfileView, theirs: ProfileView, *, theme: str, tagger: Tagger
) -> list[tuple[float, _Part]]:
    """The theme concept both work with most, if any."""
    best: tuple[float, str] = (0.0, "")
    for concept_id, weight in tagger.tags(theme).items():
        value = weight * min(
            mine.all_concepts.get(concept_id, 0.0), theirs.all_concepts.get(concept_id, 0.0)
        )
        if value > best[0]:
            best = (value, concept_id)
    if not best[1]:
        return []
    return [(best[0] * W_THEME, ("theme", "", "", best[1]))]


def _vocabulary(vocabulary: Vocabulary | None) -> Vocabulary:
    if vocabulary is not None:
        return vocabulary
    from kollega.matching.engine.vocabulary import Vocabulary

    return Vocabulary.default()
