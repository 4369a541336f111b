"""The curated multilingual vocabulary of coworking concepts, and the tagger that finds them.

Cognate folding (`kollega.members.search.fold`) makes nb *regnskap* and da *regnskab* the
same key, but it cannot know that sv *redovisning* and en *accounting* mean the same:
that is what the vocabulary is for. Each concept (a skill, service, sector, theme or role)
has labels and synonyms in English, Norwegian (bokmål), Danish and Swedish, and may name
*complements*: concepts whose offer satisfies a need for this one (a need for *seed
funding* is met by an *angel investor*).

`Vocabulary.tag(text)` finds concepts in free text in any of the four languages:

- a label of several words matches the same words in a row, compared by folded stem
  (so *offentlig anskaffelse* finds *offentlige anskaffelser*) — weight 1.0;
- a one-word label matches a whole word with the same folded stem — weight 1.0;
- a Nordic one-word label of at least five folded letters also matches inside a
  compound (*regnskapshjelp*, *bokföringsbyrå*) — weight 0.8. Short labels (*AI*, *UX*)
  only ever match whole words.

A match inside a longer match is dropped: *kunstig intelligens* is AI, not *kunst* (art);
*offentlige indkøb* is public procurement, not plain purchasing (*indkøb*). A few labels
that fold like everyday words only match as written (`CASED_LABELS`: *AR* vs sv *år*),
and a few everyday words are known not to be compounds of a label (`NOT_PARTS`).

The index is built once per vocabulary; each distinct word and text is analysed once and
cached (bounded), so tagging tens of thousands of profiles takes seconds.

Pure Python, no Django import: the `kollega match` command uses it on files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from kollega.matching.engine.types import LANGUAGES
from kollega.members.search import fold, stem, words

KINDS = ("skill", "service", "sector", "theme", "role")
DATA_PATH = Path(__file__).resolve().parent / "data" / "vocabulary.json"

FULL_WEIGHT = 1.0  # a whole label: all its words, or a whole word
PART_WEIGHT = 0.8  # a one-word label found inside a compound word
MIN_PART_KEY = 5  # folded letters a label needs before it may match inside a compound

# Labels that fold to an everyday word or to another label (sv/da "år" and "AR" both fold
# to "ar"; en "some"; nb "bok" and "POC"; sv "vad" and "VAT"; "CEO" and "SEO"; da "ApS"
# and "apps"): these match only exactly as written.
CASED_LABELS = frozenset(
    {
        "App",  # at the start of a sentence
        "AR",
        "BI",
        "CAD",
        "CCS",
        "CEO",
        "CRO",
        "CX",
        "DEI",
        "GIS",
        "POC",
        "PR",
        "React",
        "Rust",
        "SAFe",  # the agile framework, not "safe"
        "SCADA",
        "SEO",
        "SoMe",
        "TTO",
        "VAT",
        "VVS",
        "app",  # sv company suffix "AB" folds like "app"
        "apps",
        "brint",  # da hydrogen; "print", "printer", "footprint" fold to it
        "councillor",  # "council" is no politician
        "drycker",  # sv beverages; nb "trygge" (safe) folds to it
        "elektriker",  # "electric" is no tradesperson
        "intern",  # "internet", "internett" are no internships
        "interns",
        "kart",  # nb map; en "card" folds to it
        "kartor",
        "ports",  # nb "bort" (away) folds to it
        "printer",  # a printer, not "print" (printing)
        "printere",
        "printers",
        "tele",  # da "dele" (share, parts) folds to it
    }
)

# Folded letter runs in everyday words that contain a label without being a compound of it
# (sv "kommunikatör" holds "kommun"). A compound match inside one of these is ignored.
NOT_PARTS = (
    "komunik",  # kommunikasjon/kommunikation/kommunikatör: not kommun(e)
    "petrift",  # nb bedrift (a company), as in "småbedrift": not drift
    "eventu",  # nb/da eventuelt, sv eventuellt, en eventually: not event
    "forsvarlik",  # nb forsvarlig (sound, justifiable): not forsvar (defence)
    "kunstik",  # nb/da kunstig(e) (artificial): not kunst (art)
    "konstr",  # sv/da konstruktion, en constraint: not sv konst (art)
    "imikrant",  # en immigrant: not grant
    "importan",  # en important, importance: not import
    "kontorist",  # a clerk, not an office
    "metian",  # en median, comedian: not media
    "metiat",  # en immediate, mediator, intermediate: not media
    "tesikna",  # en designate, designation: not design
    "sjemlikhet",  # sv företagshemlighet folds to ...sjemlikhet: a secret, not jämlikhet
    "netpemanink",  # nb nedbemanning (downsizing): not bemanning (staffing)
    "netpemantink",  # da nedbemanding
)

# Next to a compound part, what is left of the word must be another word (three letters
# or more), nothing, or a linking letter / inflection ending.
_LINKS = ("", "s", "e", "a", "n", "r", "t")
_ENDINGS = ("er", "en", "et", "ar", "or", "na", "ne", "es", "ers", "ens", "ets", "ene", "ane")
_SHORT_ENDS = frozenset((*_LINKS, *_ENDINGS, "erna", "erne", "arna", "orna"))
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOKEN_CACHE_SIZE = 200_000
_TEXT_CACHE_SIZE = 100_000


@dataclass(frozen=True)
class Concept:
    id: str  # "accounting"
    kind: str  # "skill" | "service" | "sector" | "theme" | "role"
    # "en"/"nb"/"da"/"sv" → phrases; [0] is the preferred label
    labels: dict[str, tuple[str, ...]] = field(hash=False)
    complements: tuple[str, ...] = ()  # concepts whose OFFER satisfies a NEED for this one

    def phrases(self) -> Iterator[tuple[str, str]]:
        """Every (language, label) of the concept."""
        for language, labels in self.labels.items():
            for label in labels:
                yield language, label


@lru_cache(maxsize=20_000)
def _fold(word: str) -> str:
    """Folding for labels: cached, so extending a vocabulary per space rebuilds fast."""
    return fold(word)


class _Phrase(NamedTuple):
    stems: tuple[str, ...]  # every word's folded stem, the first one included
    concepts: tuple[str, ...]


class _Token(NamedTuple):
    """What one word of a text can start or be: computed once per distinct word."""

    stems: tuple[str, ...]  # folded and stemmed; also without a plural/genitive -s
    phrases: tuple[_Phrase, ...]  # labels of several words that may start here
    found: tuple[tuple[str, float], ...]  # (concept, weight) of one-word labels in this word
    useful: bool  # phrases or found: a word that can match nothing is skipped fast


class Vocabulary:
    """An immutable set of concepts with a tagging index; build with `default()` or `from_data()`."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self._concepts: dict[str, Concept] = {}
        for concept in concepts:
            if concept.id in self._concepts:
                raise ValueError(f"concept {concept.id!r}: duplicate id")
            self._concepts[concept.id] = concept
        whole: dict[str, set[str]] = {}
        cased: dict[str, set[str]] = {}
        parts: dict[str, set[str]] = {}
        phrases: dict[tuple[str, ...], set[str]] = {}
        for concept in self._concepts.values():
            for language, label in concept.phrases():
                if label in CASED_LABELS:
                    cased.setdefault(label, set()).add(concept.id)
                    continue
                keys = [_fold(word) for word in words(label)]
                if len(keys) == 1:
                    whole.setdefault(stem(keys[0]), set()).add(concept.id)
                    if language != "en" and len(keys[0]) >= MIN_PART_KEY:
                        parts.setdefault(keys[0], set()).add(concept.id)
                elif keys:
                    stems = tuple(stem(key) for key in keys)
                    phrases.setdefault(stems, set()).add(concept.id)
        self._whole = {key: tuple(sorted(ids)) for key, ids in whole.items()}
        self._cased = {key: tuple(sorted(ids)) for key, ids in cased.items()}
        self._parts = {key: tuple(sorted(ids)) for key, ids in parts.items()}
        # compound parts by their first MIN_PART_KEY letters: one lookup per position
        self._parts_by_prefix: dict[str, list[str]] = {}
        for key in sorted(self._parts, key=len):
            self._parts_by_prefix.setdefault(key[:MIN_PART_KEY], []).append(key)
        by_first: dict[str, list[_Phrase]] = {}
        for stems, ids in phrases.items():
            by_first.setdefault(stems[0], []).append(_Phrase(stems, tuple(sorted(ids))))
        for candidates in by_first.values():
            candidates.sort(key=lambda phrase: -len(phrase.stems))
        self._phrases = by_first
        self._tokens: dict[str, _Token] = {}
        self._texts: dict[str, dict[str, float]] = {}

    # --- construction -------------------------------------------------------------------

    @classmethod
    def default(cls) -> Vocabulary:
        """The vocabulary shipped in data/vocabulary.json (loaded once per process)."""
        return _default()

    @classmethod
    def from_data(cls, data: object) -> Vocabulary:
        """Build from parsed JSON: {"concepts": [...]} or a list of concept objects.

        Every concept needs an id, a known kind, labels in all four languages, and
        complements that name concepts of the same data; ValueError names the concept.
        """
        raw = data.get("concepts") if isinstance(data, Mapping) else data
        if not isinstance(raw, list):
            raise ValueError('vocabulary data must be {"concepts": [...]} or a list of concepts')
        concepts = [parse_concept(item, position=index) for index, item in enumerate(raw)]
        _check_references(concepts)
        return cls(concepts)

    def extended(self, concepts: Iterable[Concept]) -> Vocabulary:
        """This vocabulary plus a space's own concepts.

        A new id is added (it may have labels in only some languages); an existing id
        keeps its kind and gets the extra labels and complements merged in.
        """
        merged = dict(self._concepts)
        for extra in concepts:
            if extra.kind not in KINDS:
                raise ValueError(f"concept {extra.id!r}: unknown kind {extra.kind!r}")
            current = merged.get(extra.id)
            if current is None:
                if not _ID.match(extra.id):
                    raise ValueError(f"concept {extra.id!r}: id must be lowercase-hyphenated")
                if not any(extra.labels.values()):
                    raise ValueError(f"concept {extra.id!r}: no labels")
                merged[extra.id] = Concept(
                    extra.id,
                    extra.kind,
                    {lang: _unique(labels) for lang, labels in extra.labels.items() if labels},
                    _unique(extra.complements),
                )
                continue
            labels = dict(current.labels)
            for language, extra_labels in extra.labels.items():
                labels[language] = _unique((*labels.get(language, ()), *extra_labels))
            merged[extra.id] = Concept(
                current.id,
                current.kind,
                labels,
                _unique((*current.complements, *extra.complements)),
            )
        for concept in merged.values():
            if concept.labels.keys() - set(LANGUAGES):
                unknown = sorted(concept.labels.keys() - set(LANGUAGES))
                raise ValueError(f"concept {concept.id!r}: unknown language {unknown[0]!r}")
        _check_references(list(merged.values()))
        return Vocabulary(merged.values())

    def to_data(self) -> dict[str, object]:
        """The JSON shape `from_data` reads."""
        return {
            "concepts": [
                {
                    "id": concept.id,
                    "kind": concept.kind,
                    "labels": {lang: list(labels) for lang, labels in concept.labels.items()},
                    "complements": list(concept.complements),
                }
                for concept in self._concepts.values()
            ]
        }

    # --- lookup -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self._concepts.values())

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._concepts

    @property
    def ids(self) -> tuple[str, ...]:
        """Concept ids in a stable order (the file's order, then a space's additions)."""
        return tuple(self._concepts)

    def concept(self, concept_id: str) -> Concept:
        """The concept with this id; KeyError if there is none."""
        return self._concepts[concept_id]

    def label(self, concept_id: str, language: str) -> str:
        """The preferred label in `language`, else in English, else in any language."""
        labels = self._concepts[concept_id].labels
        for code in (language, "en", *LANGUAGES):
            if labels.get(code):
                return labels[code][0]
        return concept_id

    # --- tagging ------------------------------------------------------------------------

    def tag(self, text: str) -> dict[str, float]:
        """Concepts found in `text`: concept id → weight in (0, 1]."""
        found = self._texts.get(text)
        if found is None:
            found = self._tag(text)
            if len(self._texts) >= _TEXT_CACHE_SIZE:
                self._texts.clear()
            self._texts[text] = found
        return dict(found)

    def _tag(self, text: str) -> dict[str, float]:
        cache = self._tokens
        tokens = [cache.get(word) or self._token(word) for word in words(text)]
        result: dict[str, float] = {}
        spans: list[tuple[int, int]] = []  # labels of several words found so far
        covered_until = 0  # words before this index lie inside such a label
        for index, token in enumerate(tokens):
            if not token.useful:
                continue
            for phrase in token.phrases:  # longest first
                end = index + len(phrase.stems)
                if end > len(tokens) or not all(
                    stem_ in tokens[at].stems
                    for at, stem_ in enumerate(phrase.stems[1:], start=index + 1)
                ):
                    continue
                if end <= covered_until and any(
                    start <= index and end <= stop and (start, stop) != (index, end)
                    for start, stop in spans
                ):
                    continue  # a phrase inside a longer phrase does not count
                spans.append((index, end))
                covered_until = max(covered_until, end)
                for concept_id in phrase.concepts:
                    result[concept_id] = FULL_WEIGHT
            if index >= covered_until:  # a word inside a phrase does not count on its own
                for concept_id, weight in token.found:
                    if weight > result.get(concept_id, 0.0):
                        result[concept_id] = weight
        return result

    def _token(self, word: str) -> _Token:
        token = self._tokens.get(word)
        if token is None:
            token = self._analyse(word)
            if len(self._tokens) >= _TOKEN_CACHE_SIZE:
                self._tokens.clear()
            self._tokens[word] = token
        return token

    def _analyse(self, word: str) -> _Token:
        key = fold(word)  # not _fold: the token cache already keeps each word once
        stems = _text_stems(key)
        cased = self._cased.get(word)
        whole: set[str] = set(cased or ())
        phrases: list[_Phrase] = []
        for key_stem in stems:
            if cased is None:  # "SCADA" is that label, not whatever else folds like it (skat)
                whole.update(self._whole.get(key_stem, ()))
            phrases.extend(self._phrases.get(key_stem, ()))
        parts = self._compound_parts(key)
        if not (whole or phrases or parts):
            return _Token(stems, (), (), False)
        if len(stems) > 1:
            phrases.sort(key=lambda phrase: -len(phrase.stems))
        # (start, end, concepts, weight) in the word; a match inside a longer one is dropped
        matches = [(0, len(key), tuple(whole), FULL_WEIGHT)] if whole else []
        matches += [(start, end, ids, PART_WEIGHT) for start, end, ids in parts]
        found: dict[str, float] = {}
        for start, end, ids, weight in matches:
            if len(matches) > 1 and any(
                s <= start and end <= e and (s, e) != (start, end) for s, e, _, _ in matches
            ):
                continue
            for concept_id in ids:
                found[concept_id] = max(weight, found.get(concept_id, 0.0))
        return _Token(stems, tuple(phrases), tuple(sorted(found.items())), True)

    def _compound_parts(self, key: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
        """One-word labels inside the compound word `key` (not the whole word)."""
        size = len(key)
        if size <= MIN_PART_KEY:
            return ()
        by_prefix = self._parts_by_prefix
        found: list[tuple[int, int, tuple[str, ...]]] = []
        for start in range(size - MIN_PART_KEY + 1):
            candidates = by_prefix.get(key[start : start + MIN_PART_KEY])
            if candidates is None or 0 < start < 3:
                continue  # "bi|drag", "an|bud": a prefix of one or two letters is no word
            for part in candidates:  # shortest first
                end = start + len(part)
                if end > size or (start == 0 and end == size):
                    break  # longer parts do not fit; the whole word is matched by its stem
                if not key.startswith(part, start):
                    continue
                rest = key[end:]
                if rest not in _SHORT_ENDS and len(rest) < 3:
                    continue  # "energi|sk" is not a compound of energi
                found.append((start, end, self._parts[part]))
        if found:
            blocked = [run for run in NOT_PARTS if run in key]
            if blocked:
                found = [
                    (start, end, ids)
                    for start, end, ids in found
                    if not any(_within(key, run, start, end) for run in blocked)
                ]
        return tuple(found)


def _within(key: str, run: str, start: int, end: int) -> bool:
    """Whether key[start:end] lies inside an occurrence of `run` in `key`."""
    at = key.find(run)
    while at >= 0:
        if at <= start and end <= at + len(run):
            return True
        at = key.find(run, at + 1)
    return False


def _text_stems(key: str) -> tuple[str, ...]:
    """Stems a word of the text may match a label by.

    `stem` strips one ending, so en "investors" → "investor" but "investor" → "invest", and
    nb "regnskapets" → "regnskapet": a word ending in -s (plural or genitive) is also
    stemmed without it.
    """
    first = stem(key)
    if key.endswith("s") and len(key) > MIN_PART_KEY:
        second = stem(key[:-1])
        if second != first:
            return (first, second)
    return (first,)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item.strip() for item in items if item and item.strip()))


def parse_concept(raw: object, *, position: int = 0) -> Concept:
    """One concept from parsed JSON, checked: ValueError names the concept and the problem."""
    if not isinstance(raw, Mapping):
        raise ValueError(f"concept #{position + 1}: must be an object")
    concept_id = raw.get("id")
    if not isinstance(concept_id, str) or not concept_id.strip():
        raise ValueError(f"concept #{position + 1}: missing id")
    name = repr(concept_id)
    if not _ID.match(concept_id):
        raise ValueError(f"concept {name}: id must be lowercase-hyphenated (a-z, 0-9, -)")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ValueError(f"concept {name}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
    labels = raw.get("labels")
    if not isinstance(labels, Mapping):
        raise ValueError(f"concept {name}: labels must be an object of language → phrases")
    unknown = sorted(set(labels) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"concept {name}: unknown language {unknown[0]!r}")
    parsed: dict[str, tuple[str, ...]] = {}
    for language in LANGUAGES:
        phrases = labels.get(language)
        if not phrases:
            raise ValueError(f"concept {name}: no labels in {language!r}")
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise ValueError(f"concept {name}: labels in {language!r} must be a list of strings")
        for phrase in phrases:
            if not words(phrase):
                raise ValueError(f"concept {name}: label {phrase!r} in {language!r} has no words")
        parsed[language] = _unique(phrases)
    complements = raw.get("complements", [])
    if not isinstance(complements, list) or not all(isinstance(c, str) for c in complements):
        raise ValueError(f"concept {name}: complements must be a list of concept ids")
    return Concept(concept_id, kind, parsed, _unique(complements))


def _check_references(concepts: list[Concept]) -> None:
    ids: set[str] = set()
    for concept in concepts:
        if concept.id in ids:
            raise ValueError(f"concept {concept.id!r}: duplicate id")
        ids.add(concept.id)
    for concept in concepts:
        for other in concept.complements:
            if other == concept.id:
                raise ValueError(f"concept {concept.id!r}: complements itself")
            if other not in ids:
                raise ValueError(f"concept {concept.id!r}: complement {other!r} is not a concept")


@cache
def _default() -> Vocabulary:
    with DATA_PATH.open(encoding="utf-8") as handle:
        return Vocabulary.from_data(json.load(handle))
