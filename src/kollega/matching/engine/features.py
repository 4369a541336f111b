"""Profiles -> vectors: vocabulary concepts plus character n-grams of cognate-folded text.

For every member we build three "sides" - *offers*; *needs*; *profile* = interests +
headline + bio (headline and bio count a little less than the interests list) - each as

- a **concept vector** (sparse, one column per vocabulary concept seen in this run): the
  vocabulary tagger run on each phrase, a concept's weight the maximum over the phrases,
  damped for concepts many members of this community mention (square root of the
  relative idf, `CONCEPT_IDF_POWER`); rows L2-normalised so products are cosines, except
  that offer rows are divided by a power of their norm (`OFFER_NORM_POWER`), so offering
  several services does not dilute each of them. For needs there is also the **expanded**
  vector (`Features.needs_met_by`): a need for concept X is met by an offer of X or, a
  little less (`COMPLEMENT_WEIGHT`), by an offer of one of X's `Concept.complements`
  (need "seed funding" <- offer "angel investor");
- a **text vector**: TF-IDF of character 3-5-grams within words (sklearn's "char_wb") of
  the text after cognate folding word by word (`kollega.members.search.fold`: nb
  *regnskap*, da *regnskab* -> "reknskap"), with filler words ("help with", "og", "och" ...)
  left out. For up to `EXACT_TEXT_LIMIT` members the sparse TF-IDF rows are used as they
  are; above it they are reduced to `LSA_DIMENSIONS` dense dimensions (latent semantic
  analysis, one basis fitted on all sides; see `TextModel`), so `recommend()` multiplies
  dense blocks with BLAS instead of near-dense sparse products - the only way 50,000
  members fit the time budget. Rows are L2-normalised;
- optionally an **embedding** from a pluggable `EmbeddingBackend` (none by default;
  KOLLEGA_EMBEDDING_BACKEND="module:factory").

`Tagger` remembers every phrase's tags and 4-grams and every profile's `ProfileView`, which
the reasons are computed from. No Django import here.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

from kollega.matching.engine.types import Profile
from kollega.members.search import fold, words

if TYPE_CHECKING:
    from kollega.matching.engine.vocabulary import Vocabulary

EMBEDDING_ENV = "KOLLEGA_EMBEDDING_BACKEND"
EXACT_TEXT_LIMIT = 4000  # members; above this the text vectors are reduced with LSA
LSA_DIMENSIONS = 96  # per side, when reduced (128 ranked no better on the evaluation set)
LSA_ITERATIONS = 2  # range finding + power iterations of the randomized range finder
COMPLEMENT_WEIGHT = 0.8  # an offer of a complementary concept meets a need a little less
HEADLINE_WEIGHT = 0.8  # concept weights from the headline, relative to the interests list
BIO_WEIGHT = 0.5  # … and from the free-text bio
CONCEPT_IDF_POWER = 0.5  # concept weight x (its idf / the largest idf) ** this, per run
# Offer rows are divided by norm ** p x largest ** (1 - p) rather than by their L2 norm, so
# a member who offers several services meets a need for one of them nearly as well as a
# member who offers only that one (with the plain norm, "social media, content calendars"
# plus an unrelated "architecture" met a social-media need at 0.71 of the single offer;
# now at 0.89). A row of one concept is 1 either way. Not 0: a long list of everything
# would meet every need fully. On the evaluation set 0.2-0.4 give the same-language
# recall@10 0.81-0.83 (0.79 with the plain norm), across languages 0.83-0.85 (0.85).
OFFER_NORM_POWER = 0.35

# Words that carry no subject: left out of the text vectors so that every need ("help with
# …", "hjelp med …", "söker …") does not look like every other one.
STOPWORDS = frozenset(
    """
    a an and or the of for with to in on at by from as is are be we i you my our your me us
    can could would will want wants need needs needed looking seeking someone somebody
    help helps helping get getting find finding some any other others more about into
    og eller i på til med for av en et ei som er jeg vi du deg meg min mitt mine vår våre
    ditt din dine kan vil trenger trengs ønsker søker ser etter hjelp hjelpe noen noe andre
    mer om fra ut oss dere det den de
    af at jeg mig dig mit min mine vores jer hjælp hjælpe søger leder efter nogen noget
    andet mere fra ud os det den de har
    och eller på till med för av ett jag vi du dig mig mitt min mina vår våra ditt din dina
    kan vill behöver önskar söker letar efter hjälp hjälpa någon något andra mer om från ut
    oss er det den de har
    """.split()  # noqa: SIM905 - a word list reads better as text
)


@runtime_checkable
class EmbeddingBackend(Protocol):
    """A semantic embedding model plugged in by the operator (none by default).

    `encode` returns one row per text (any width, same for every call); rows are
    L2-normalised by the engine. Configure with the environment variable
    KOLLEGA_EMBEDDING_BACKEND="some.module:factory" where `factory()` returns the backend.
    """

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def load_embedding_backend(spec: str | None = None) -> EmbeddingBackend | None:
    """The backend named by `spec` or KOLLEGA_EMBEDDING_BACKEND ("module:factory"), or None."""
    if spec is None:
        spec = os.environ.get(EMBEDDING_ENV, "")
    spec = spec.strip()
    if not spec:
        return None
    module_name, _, factory_name = spec.partition(":")
    if not module_name or not factory_name:
        raise ValueError(f'{EMBEDDING_ENV}={spec!r}: expected "module:factory"')
    try:
        factory = getattr(importlib.import_module(module_name), factory_name)
    except (ImportError, AttributeError) as error:
        raise ValueError(f"{EMBEDDING_ENV}={spec!r}: cannot load it ({error})") from error
    backend = factory()
    if not isinstance(backend, EmbeddingBackend):
        raise ValueError(f"{EMBEDDING_ENV}={spec!r}: {factory_name}() has no encode(texts)")
    return backend


_FOLDED: dict[str, str] = {}  # word → folded key ("" for a filler word); words repeat a lot
_FOLDED_LIMIT = 500_000


def fold_word(word: str) -> str:
    """The cognate key of one word, "" for a filler word (memoised)."""
    key = _FOLDED.get(word)
    if key is None:
        key = "" if word.lower() in STOPWORDS else fold(word)
        if len(_FOLDED) >= _FOLDED_LIMIT:
            _FOLDED.clear()
        _FOLDED[word] = key
    return key


def fold_text(text: str) -> str:
    """Cognate-folded text without filler words: "Hjælp til regnskab" → "reknskap"."""
    return " ".join(key for key in map(fold_word, words(text)) if key)


_GRAMS: dict[str, tuple[str, ...]] = {}


def char_ngrams(folded: str) -> list[str]:
    """Character 3-5-grams within words (padded with spaces), as sklearn's "char_wb".

    The same n-grams as `TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))`, with
    each word's n-grams memoised: words recur across profiles, so this is several times
    faster on a large community.
    """
    grams: list[str] = []
    for word in folded.split():
        found = _GRAMS.get(word)
        if found is None:
            padded = f" {word} "
            parts: list[str] = []
            for size in (3, 4, 5):
                if len(padded) <= size:
                    parts.append(padded)
                    break
                parts.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
            found = tuple(parts)
            if len(_GRAMS) >= _FOLDED_LIMIT:
                _GRAMS.clear()
            _GRAMS[word] = found
        grams.extend(found)
    return grams


def phrase_grams(text: str) -> frozenset[str]:
    """Character 4-grams of the folded words (padded with spaces), for phrase similarity.

    Used to explain a match between two phrases outside the vocabulary; a set (Dice
    coefficient) rather than TF-IDF, so two phrases can be compared on their own.
    """
    grams: set[str] = set()
    for key in fold_text(text).split():
        padded = f" {key} "
        if len(padded) <= 4:
            grams.add(padded)
        grams.update(padded[i : i + 4] for i in range(len(padded) - 3))
    return frozenset(grams)


def phrase_similarity(first: frozenset[str], second: frozenset[str]) -> float:
    """Dice coefficient of two phrases' 4-gram sets, in [0, 1]."""
    if not first or not second:
        return 0.0
    return 2.0 * len(first & second) / (len(first) + len(second))


Phrase = tuple[str, dict[str, float], frozenset[str]]  # text, concept tags, 4-grams
# A need phrase: text, concept -> (weight, the needed concept it stands for), 4-grams. A
# need for X is met by an offer of X at full weight and by an offer of one of X's
# complements at COMPLEMENT_WEIGHT.
NeedPhrase = tuple[str, dict[str, tuple[float, str]], frozenset[str]]


@dataclass
class ProfileView:
    """One profile's phrases with their concepts and 4-grams, computed once per profile."""

    needs: list[NeedPhrase]
    offers: list[Phrase]
    short: list[
        tuple[str, frozenset[str], frozenset[str]]
    ]  # interests, headline: concepts, 4-grams
    offer_concepts: dict[str, float]  # concept -> weight: the maximum over the offers
    need_concepts: dict[str, float]
    profile_concepts: dict[str, float]  # interests + headline + bio
    all_concepts: dict[str, float]  # every side
    need_keys: frozenset[str]  # every concept that meets one of the needs
    offer_keys: frozenset[str]


def _short_phrases(profile: Profile) -> list[str]:
    return [*profile.interests, *([profile.headline] if profile.headline else [])]


class Tagger:
    """The vocabulary tagger with memory: each distinct phrase is tagged and folded once."""

    def __init__(self, vocabulary: Vocabulary, embedding: EmbeddingBackend | None = None) -> None:
        self.vocabulary = vocabulary
        self.embedding = embedding
        self._tags: dict[str, dict[str, float]] = {}
        self._grams: dict[str, frozenset[str]] = {}
        self._complements: dict[str, tuple[str, ...]] = {}
        self._views: dict[Profile, ProfileView] = {}
        self._vectors: dict[str, np.ndarray] = {}

    def embed(self, texts: Iterable[str]) -> None:
        """Encode the phrases not seen yet in one call to the embedding backend (if any)."""
        if self.embedding is None:
            return
        new = sorted({text for text in texts if text.strip() and text not in self._vectors})
        if new:
            encoded = _unit_rows(np.asarray(self.embedding.encode(new), dtype=np.float32))
            self._vectors.update(zip(new, encoded, strict=True))

    def semantic_similarity(self, first: str, second: str) -> float:
        """Cosine of two phrases' embeddings; 0 without a backend."""
        if self.embedding is None:
            return 0.0
        self.embed((first, second))
        return float(self._vectors[first] @ self._vectors[second])

    def tags(self, text: str) -> dict[str, float]:
        found = self._tags.get(text)
        if found is None:
            found = self.vocabulary.tag(text) if text.strip() else {}
            self._tags[text] = found
        return found

    def grams(self, text: str) -> frozenset[str]:
        found = self._grams.get(text)
        if found is None:
            found = phrase_grams(text)
            self._grams[text] = found
        return found

    def view(self, profile: Profile) -> ProfileView:
        """The profile's phrases with their tags and 4-grams, computed once per profile."""
        found = self._views.get(profile)
        if found is None:
            needs = [(text, self._expanded(text), self.grams(text)) for text in profile.needs]
            offers = [(text, self.tags(text), self.grams(text)) for text in profile.offers]
            offer_concepts = side_concepts(self, ((text, 1.0) for text in profile.offers))
            need_concepts = side_concepts(self, ((text, 1.0) for text in profile.needs))
            profile_concepts = side_concepts(self, profile_phrases(profile))
            all_concepts = dict(profile_concepts)
            for side in (offer_concepts, need_concepts):
                for concept_id, value in side.items():
                    if value > all_concepts.get(concept_id, 0.0):
                        all_concepts[concept_id] = value
            found = ProfileView(
                needs=needs,
                offers=offers,
                short=[
                    (text, frozenset(self.tags(text)), self.grams(text))
                    for text in _short_phrases(profile)
                ],
                offer_concepts=offer_concepts,
                need_concepts=need_concepts,
                profile_concepts=profile_concepts,
                all_concepts=all_concepts,
                need_keys=frozenset(key for _, expanded, _ in needs for key in expanded),
                offer_keys=frozenset(offer_concepts),
            )
            self._views[profile] = found
        return found

    def _expanded(self, need: str) -> dict[str, tuple[float, str]]:
        expanded: dict[str, tuple[float, str]] = {}
        for concept_id, value in self.tags(need).items():
            if value > expanded.get(concept_id, (0.0, ""))[0]:
                expanded[concept_id] = (value, concept_id)
            for other in self.complements(concept_id):
                weaker = value * COMPLEMENT_WEIGHT
                if weaker > expanded.get(other, (0.0, ""))[0]:
                    expanded[other] = (weaker, concept_id)
        return expanded

    def complements(self, concept_id: str) -> tuple[str, ...]:
        found = self._complements.get(concept_id)
        if found is None:
            try:
                found = tuple(self.vocabulary.concept(concept_id).complements)
            except KeyError:
                found = ()
            self._complements[concept_id] = found
        return found


def profile_phrases(profile: Profile) -> list[tuple[str, float]]:
    """The phrases of the profile side (interests, headline, bio) with their weights."""
    phrases = [(text, 1.0) for text in profile.interests]
    if profile.headline:
        phrases.append((profile.headline, HEADLINE_WEIGHT))
    if profile.bio:
        phrases.append((profile.bio, BIO_WEIGHT))
    return phrases


def side_concepts(tagger: Tagger, phrases: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Concept → weight for a side: the maximum over its phrases."""
    concepts: dict[str, float] = {}
    for text, weight in phrases:
        for concept_id, value in tagger.tags(text).items():
            value *= weight
            if value > concepts.get(concept_id, 0.0):
                concepts[concept_id] = value
    return concepts


type TextMatrix = sp.csr_matrix | np.ndarray  # sparse TF-IDF rows or dense LSA rows


@dataclass
class Features:
    """The vectors of a list of profiles, rows in profile order."""

    concept_ids: list[str]
    offers: sp.csr_matrix  # concept vectors, L2-normalised rows
    needs: sp.csr_matrix
    needs_met_by: sp.csr_matrix  # unit need rows expanded with complements (x COMPLEMENT_WEIGHT)
    profile: sp.csr_matrix
    raw_concepts: sp.csr_matrix  # un-normalised max over all three sides (for the theme)
    text_offers: TextMatrix  # TF-IDF rows (sparse) or their LSA reduction (dense)
    text_needs: TextMatrix
    text_profile: TextMatrix
    text_model: TextModel
    embedding_offers: np.ndarray | None = None
    embedding_needs: np.ndarray | None = None
    embedding_profile: np.ndarray | None = None
    concept_index: dict[str, int] = field(default_factory=dict)

    @property
    def dense_text(self) -> bool:
        return isinstance(self.text_offers, np.ndarray)


@dataclass
class TextModel:
    """Character n-gram TF-IDF of cognate-folded words, optionally reduced by LSA.

    The n-grams are sklearn's "char_wb" 3-5-grams (`char_ngrams`); a text's vector is
    the sum over its words of the word's n-gram counts times the n-grams' idf (smoothed,
    as sklearn's), L2-normalised. Because n-grams never cross words, the model is built
    per distinct *word* (a words x n-grams matrix A) and per text only as word counts
    (a texts x words matrix C): X = C A. The LSA basis is a randomized range finder run
    on that product without forming it, so it is cheap even for 50,000 members, and every
    text is projected as C (A basis).
    """

    grams: dict[str, int]
    idf: np.ndarray  # per n-gram column
    basis: np.ndarray | None = None  # n-grams x LSA dimensions, orthonormal columns

    @classmethod
    def fit(cls, folded: Sequence[str], *, dimensions: int | None) -> tuple[TextModel, TextMatrix]:
        """The model fitted on `folded` texts, and their vectors (rows in order)."""
        words_index: dict[str, int] = {}
        counts = _count_rows(
            ([words_index.setdefault(word, len(words_index)) for word in text.split()])
            for text in folded
        )
        grams: dict[str, int] = {}
        word_grams = _count_rows(
            [grams.setdefault(gram, len(grams)) for gram in char_ngrams(word)]
            for word in words_index
        )
        counts = sp.csr_matrix(counts, shape=(len(folded), len(words_index)))
        word_grams = sp.csr_matrix(word_grams, shape=(len(words_index), max(len(grams), 1)))
        # document frequency of each n-gram ~ sum of the document frequencies of its words
        word_df = np.bincount(counts.indices, minlength=len(words_index)).astype(np.float64)
        gram_df = np.minimum((word_grams > 0).T @ word_df, len(folded))
        idf = (np.log((1.0 + len(folded)) / (1.0 + gram_df)) + 1.0).astype(np.float32)
        weighted = sp.csr_matrix(word_grams.multiply(idf[None, :]), dtype=np.float32)
        if dimensions is None:
            vectors = sp.csr_matrix(counts @ weighted, dtype=np.float32)
            return cls(grams=grams, idf=idf), _unit_rows_sparse(vectors)
        dimensions = max(1, min(dimensions, len(folded), len(grams)))
        # n-grams of one text only cannot make two texts similar: leave them out of the basis
        shared = np.flatnonzero(gram_df >= 2)
        if len(shared) < dimensions:
            shared = np.arange(len(grams))
        basis = np.zeros((weighted.shape[1], dimensions), dtype=np.float32)
        # tall-skinny products and k x k factorisations: one BLAS thread is as fast, and
        # far faster when the other core is busy (OpenBLAS threads then wait on each other)
        with threadpool_limits(limits=1, user_api="blas"):
            basis[shared] = _range_basis(counts, sp.csr_matrix(weighted[:, shared]), dimensions)
        reduced = _unit_rows(np.asarray(counts @ (weighted @ basis), dtype=np.float32))
        return cls(grams=grams, idf=idf, basis=basis), reduced

    def transform(self, texts: Sequence[str]) -> TextMatrix:
        """Vectors for other texts (the space's theme), in the same space."""
        rows = _count_rows(
            [self.grams[gram] for gram in char_ngrams(fold_text(text)) if gram in self.grams]
            for text in texts
        )
        matrix = sp.csr_matrix(rows, shape=(len(texts), max(len(self.grams), 1)))
        matrix = sp.csr_matrix(matrix.multiply(self.idf[None, :]), dtype=np.float32)
        if self.basis is None:
            return _unit_rows_sparse(matrix)
        return _unit_rows(np.asarray(matrix @ self.basis, dtype=np.float32))


def _count_rows(
    rows: Iterable[list[int]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR (data, indices, indptr) of count rows given as lists of column numbers."""
    indptr = [0]
    indices: list[int] = []
    data: list[int] = []
    for columns in rows:
        tally: dict[int, int] = {}
        for column in columns:
            tally[column] = tally.get(column, 0) + 1
        indices.extend(tally)
        data.extend(tally.values())
        indptr.append(len(indices))
    return (
        np.asarray(data, dtype=np.float32),
        np.asarray(indices, dtype=np.int32),
        np.asarray(indptr, dtype=np.int64),
    )


def _range_basis(counts: sp.csr_matrix, weighted: sp.csr_matrix, dimensions: int) -> np.ndarray:
    """Orthonormal n-gram basis of the top singular subspace of X = counts @ weighted.

    Randomized range finder with LSA_ITERATIONS power iterations (Halko et al.), each
    product with X done as two sparse products. Rows of X count by their approximate
    norm's inverse, so long bios do not dominate. Any orthonormal basis of the subspace
    gives the same cosines, so no final SVD is needed.
    """
    random = np.random.default_rng(0)
    word_norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    row_norms = np.sqrt(np.asarray(counts.multiply(counts) @ (word_norms**2)).ravel())
    scale = sp.diags(1.0 / np.maximum(row_norms, 1e-12)).astype(np.float32)
    left = sp.csr_matrix(scale @ counts, dtype=np.float32)  # rows of X, normalised
    left_t, weighted_t = sp.csr_matrix(left.T), sp.csr_matrix(weighted.T)
    sample = random.standard_normal((weighted.shape[1], dimensions)).astype(np.float32)
    for iteration in range(LSA_ITERATIONS):
        found = _orthonormal(left @ (weighted @ sample), rounds=1)
        last = iteration == LSA_ITERATIONS - 1
        sample = _orthonormal(weighted_t @ (left_t @ found), rounds=2 if last else 1)
    return sample


def _orthonormal(matrix: np.ndarray, *, rounds: int = 2) -> np.ndarray:
    """Orthonormal columns spanning `matrix`: Cholesky QR (twice to be exact; once is
    enough between power iterations), with a tiny ridge in case of rank loss."""
    result = np.asarray(matrix, dtype=np.float32)
    for _ in range(rounds):
        gram = (result.T @ result).astype(np.float64)
        gram[np.diag_indices_from(gram)] += 1e-7 * max(float(np.trace(gram)), 1e-30)
        factor = np.linalg.cholesky(gram)
        result = result @ np.linalg.inv(factor.T).astype(np.float32)
    return result


def build_features(
    profiles: Sequence[Profile],
    *,
    tagger: Tagger,
    embedding: EmbeddingBackend | None = None,
    text_mode: str = "auto",
) -> Features:
    """Vectors for every profile. `text_mode`: "auto", "exact" (sparse TF-IDF) or "lsa"."""
    if text_mode not in {"auto", "exact", "lsa"}:
        raise ValueError(f"text_mode must be auto, exact or lsa, not {text_mode!r}")
    index: dict[str, int] = {}
    sides: dict[str, list[dict[str, float]]] = {"offers": [], "needs": [], "profile": []}
    for profile in profiles:
        view = tagger.view(profile)
        sides["offers"].append(view.offer_concepts)
        sides["needs"].append(view.need_concepts)
        sides["profile"].append(view.profile_concepts)
    for rows in sides.values():
        for row in rows:
            for concept_id in row:
                index.setdefault(concept_id, len(index))
    for row in sides["needs"]:  # complements of needed concepts are columns too
        for concept_id in row:
            for other in tagger.complements(concept_id):
                index.setdefault(other, len(index))
    width = max(len(index), 1)
    offers = _concept_matrix(sides["offers"], index, width)
    needs = _concept_matrix(sides["needs"], index, width)
    profile_side = _concept_matrix(sides["profile"], index, width)
    raw = offers.maximum(needs).maximum(profile_side).tocsr()
    # concepts that many members mention say less about a pair: damped inverse frequency
    frequency = np.bincount(raw.indices, minlength=width).astype(np.float64)
    rarity = np.log((1.0 + len(profiles)) / (1.0 + frequency)) + 1.0
    rarity = sp.diags((rarity / rarity.max()) ** CONCEPT_IDF_POWER).astype(np.float32)
    offers, needs, profile_side = (
        sp.csr_matrix(side @ rarity, dtype=np.float32) for side in (offers, needs, profile_side)
    )
    expand = _complement_matrix(index, width, tagger)
    # the needs (unit rows) expanded with their complements, *not* normalised again: a need
    # with many complements keeps its full weight for an offer of exactly that concept
    needs_met_by = sp.csr_matrix(_unit_rows_sparse(needs) @ expand, dtype=np.float32)

    texts = {
        "offers": [" ".join(profile.offers) for profile in profiles],
        "needs": [" ".join(profile.needs) for profile in profiles],
        "profile": [" ".join(text for text, _ in profile_phrases(profile)) for profile in profiles],
    }
    dense = text_mode == "lsa" or (text_mode == "auto" and len(profiles) > EXACT_TEXT_LIMIT)
    text, model = _text_vectors(texts, dense=dense)
    features = Features(
        concept_ids=list(index),
        offers=_unit_rows_sparse(offers, power=OFFER_NORM_POWER),
        needs=_unit_rows_sparse(needs),
        needs_met_by=needs_met_by,
        profile=_unit_rows_sparse(profile_side),
        raw_concepts=raw,
        text_offers=text["offers"],
        text_needs=text["needs"],
        text_profile=text["profile"],
        text_model=model,
        concept_index=index,
    )
    if embedding is not None:
        features.embedding_offers = _embed(embedding, texts["offers"])
        features.embedding_needs = _embed(embedding, texts["needs"])
        features.embedding_profile = _embed(embedding, texts["profile"])
    return features


def _concept_matrix(
    rows: Sequence[dict[str, float]], index: dict[str, int], width: int
) -> sp.csr_matrix:
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for row in rows:
        for concept_id, value in row.items():
            indices.append(index[concept_id])
            data.append(value)
        indptr.append(len(indices))
    return sp.csr_matrix(
        (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), indptr),
        shape=(len(rows), width),
    )


def _complement_matrix(index: dict[str, int], width: int, tagger: Tagger) -> sp.csr_matrix:
    """CxC: identity, plus COMPLEMENT_WEIGHT from a needed concept to its complements."""
    rows = list(range(len(index)))
    cols = list(range(len(index)))
    data = [1.0] * len(index)
    for concept_id, position in index.items():
        for other in tagger.complements(concept_id):
            other_position = index.get(other)
            if other_position is not None and other_position != position:
                rows.append(position)
                cols.append(other_position)
                data.append(COMPLEMENT_WEIGHT)
    matrix = sp.coo_matrix(
        (np.asarray(data, dtype=np.float32), (rows, cols)), shape=(width, width)
    ).tocsr()
    matrix.sum_duplicates()
    return matrix


def _text_vectors(
    texts: dict[str, list[str]], *, dense: bool
) -> tuple[dict[str, TextMatrix], TextModel]:
    """The text vectors of each side, the model fitted once on all sides' distinct texts."""
    folded = {side: [fold_text(text) for text in values] for side, values in texts.items()}
    distinct: dict[str, int] = {}
    for values in folded.values():
        for text in values:
            if text:
                distinct.setdefault(text, len(distinct))
    count = len(next(iter(folded.values())))
    if not distinct:  # nobody wrote anything: zero vectors
        model = TextModel(grams={}, idf=np.ones(1, dtype=np.float32))
        empty: TextMatrix = sp.csr_matrix((count, 1), dtype=np.float32)
        if dense:
            model.basis = np.zeros((1, 1), dtype=np.float32)
            empty = np.zeros((count, 1), dtype=np.float32)
        return dict.fromkeys(folded, empty), model
    model, reduced = TextModel.fit(list(distinct), dimensions=LSA_DIMENSIONS if dense else None)
    vectors: dict[str, TextMatrix] = {}
    for side, values in folded.items():
        positions = np.asarray([distinct.get(text, -1) for text in values], dtype=np.int64)
        present = positions >= 0
        if isinstance(reduced, np.ndarray):
            side_matrix = np.zeros((count, reduced.shape[1]), dtype=np.float32)
            side_matrix[present] = reduced[positions[present]]
            vectors[side] = side_matrix
        else:
            selector = sp.csr_matrix(
                (
                    np.ones(int(present.sum()), dtype=np.float32),
                    (np.flatnonzero(present), positions[present]),
                ),
                shape=(count, reduced.shape[0]),
            )
            vectors[side] = sp.csr_matrix(selector @ reduced)
    return vectors, model


def _embed(backend: EmbeddingBackend, texts: Sequence[str]) -> np.ndarray:
    distinct = sorted({text for text in texts if text.strip()})
    if not distinct:
        return np.zeros((len(texts), 1), dtype=np.float32)
    encoded = _unit_rows(np.asarray(backend.encode(distinct), dtype=np.float32))
    if encoded.ndim != 2 or encoded.shape[0] != len(distinct):
        raise ValueError("the embedding backend must return one row per text")
    position = {text: i for i, text in enumerate(distinct)}
    result = np.zeros((len(texts), encoded.shape[1]), dtype=np.float32)
    for row, text in enumerate(texts):
        if text in position:
            result[row] = encoded[position[text]]
    return result


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


def _unit_rows_sparse(matrix: sp.csr_matrix, power: float = 1.0) -> sp.csr_matrix:
    """A copy with L2-normalised rows (empty rows stay empty). With `power` < 1 each row is
    divided by norm ** power x (its largest absolute entry) ** (1 - power) instead: still
    scale-free (a row of one entry becomes 1), but a row of k equal entries keeps
    k ** (-power / 2) of each rather than k ** (-1 / 2)."""
    result = sp.csr_matrix(matrix, dtype=np.float32, copy=True)
    result.sum_duplicates()
    counts = np.diff(result.indptr)
    squares = np.bincount(
        np.repeat(np.arange(result.shape[0]), counts),
        weights=np.asarray(result.data, dtype=np.float64) ** 2,
        minlength=result.shape[0],
    )
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    if power != 1.0:
        peaks = np.zeros(result.shape[0])
        rows_of = np.repeat(np.arange(result.shape[0]), counts)
        np.maximum.at(peaks, rows_of, np.abs(result.data))
        peaks[peaks == 0] = 1.0
        norms = norms**power * peaks ** (1.0 - power)
    result.data /= np.repeat(norms, counts).astype(np.float32)
    return result
