"""Reasons put into words, in the reader's language (English, Norwegian, Danish, Swedish).

The engine runs without Django, so the phrases live here rather than in gettext catalogues;
each language has its own sentence for each kind of reason and its own quotation marks
(en *…*, nb «…», da »…«, sv ”…”). Members' own phrases are quoted exactly as they wrote
them (only very long ones are shortened with "…"); concepts and the space's theme are named
with the vocabulary's label in the reader's language; weekdays are written out.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from kollega.matching.engine.types import LANGUAGES, WEEKDAYS, Profile, Reason

if TYPE_CHECKING:
    from kollega.matching.engine.vocabulary import Vocabulary

QUOTE_LIMIT = 80  # characters of a member's phrase before it is shortened
CACHE_SIZE = 200_000  # sentences remembered by render_all's cache

_QUOTES = {"en": ("*", "*"), "nb": ("«", "»"), "da": ("»", "«"), "sv": ("”", "”")}

_SENTENCES: dict[str, dict[str, str]] = {
    "en": {
        "offers_need": "{name} offers {their}, which matches your need {your}",
        "needs_offer": "{name} is looking for {their}, which you offer ({your})",
        "shared_interest": "You share an interest in {label}",
        "similar": "{name} mentions {their}, much like your {your}",
        "theme": "Both of you work with {label}",
        "presence": "You are both usually in on {days}",
        "shared_role": "You both work as {article} {label}",
    },
    "nb": {
        "offers_need": "{name} tilbyr {their}, som passer med behovet ditt {your}",
        "needs_offer": "{name} ser etter {their}, som du tilbyr ({your})",
        "shared_interest": "Dere deler en interesse for {label}",
        "similar": "{name} nevner {their}, omtrent som du ({your})",
        "theme": "Dere jobber begge med {label}",
        "presence": "Dere er begge vanligvis her på {days}",
        "shared_role": "Dere jobber begge som {label}",
    },
    "da": {
        "offers_need": "{name} tilbyder {their}, som passer til dit behov {your}",
        "needs_offer": "{name} søger {their}, som du tilbyder ({your})",
        "shared_interest": "I deler en interesse for {label}",
        "similar": "{name} nævner {their}, ligesom du ({your})",
        "theme": "I arbejder begge med {label}",
        "presence": "I plejer begge at være her om {days}",
        "shared_role": "I arbejder begge som {label}",
    },
    "sv": {
        "offers_need": "{name} erbjuder {their}, som passar ditt behov {your}",
        "needs_offer": "{name} söker {their}, som du erbjuder ({your})",
        "shared_interest": "Ni delar ett intresse för {label}",
        "similar": "{name} nämner {their}, precis som du ({your})",
        "theme": "Ni arbetar båda med {label}",
        "presence": "Ni brukar båda vara här på {days}",
        "shared_role": "Ni arbetar båda som {label}",
    },
}

# Weekdays as they read in "usually in on …": en Thursday; nb torsdager; da torsdagen; sv
# torsdagar (the habitual forms).
_DAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "nb": ("mandager", "tirsdager", "onsdager", "torsdager", "fredager", "lørdager", "søndager"),
    "da": ("mandagen", "tirsdagen", "onsdagen", "torsdagen", "fredagen", "lørdagen", "søndagen"),
    "sv": ("måndagar", "tisdagar", "onsdagar", "torsdagar", "fredagar", "lördagar", "söndagar"),
}
_NAMED = frozenset({"offers_need", "needs_offer", "similar"})  # sentences naming the other
_AND = {"en": "and", "nb": "og", "da": "og", "sv": "och"}
_NO_NAME = {"en": "This member", "nb": "Dette medlemmet", "da": "Dette medlem", "sv": "Medlemmen"}


def render_all(
    reasons: Sequence[Reason],
    *,
    reader: Profile,
    other: Profile,
    vocabulary: Vocabulary,
    limit: int = 3,
    cache: dict[tuple[str, ...], str] | None = None,
) -> tuple[str, ...]:
    """The first `limit` reasons as sentences in the reader's language.

    `cache` (a dict the caller keeps for one run with one vocabulary) remembers sentences:
    the same reasons recur - shared interests, themes, weekdays, a member's offer in many
    lists.
    """
    parts = [(r.kind, r.their_text, r.your_text, r.concept) for r in reasons[:limit]]
    if cache is None:
        cache = {}
    return render_parts(
        parts,
        language=reader.language,
        name=first_name(other.name),
        vocabulary=vocabulary,
        cache=cache,
    )


def render_parts(
    parts: Sequence[tuple[str, str, str, str]],
    *,
    language: str,
    name: str,
    vocabulary: Vocabulary,
    cache: dict[tuple[str, ...], str],
) -> tuple[str, ...]:
    """`render_all` for reasons given as their fields (kind, their_text, your_text,
    concept), as the engine keeps them while it chooses suggestions: all of them, for a
    reader writing `language`, about the member called `name` (`first_name`)."""
    sentences = []
    for kind, their, your, concept in parts:
        who = name if kind in _NAMED else ""
        key = (kind, their, your, concept, language, who)
        sentence = cache.get(key)
        if sentence is None:
            sentence = _render(Reason(kind, their, your, concept), language, name, vocabulary)
            if len(cache) >= CACHE_SIZE:
                cache.clear()
            cache[key] = sentence
        sentences.append(sentence)
    return tuple(sentences)


def render(reason: Reason, *, language: str, other_name: str, vocabulary: Vocabulary) -> str:
    """One reason as a sentence in `language` (English for an unknown language)."""
    return _render(reason, language, first_name(other_name), vocabulary)


_ABOUT_CONCEPT = frozenset({"shared_interest", "theme"})  # sentences naming a concept


def _render(reason: Reason, language: str, name: str, vocabulary: Vocabulary) -> str:
    if language not in LANGUAGES:
        language = "en"
    kind = reason.kind
    if (
        kind in _ABOUT_CONCEPT
        and reason.concept in vocabulary
        and vocabulary.concept(reason.concept).kind == "role"  # not "an interest in developer"
    ):
        kind = "shared_role"
    sentence = _SENTENCES[language][kind]
    label = vocabulary.label(reason.concept, language) if reason.concept else ""
    if reason.kind == "theme" and not label:
        label = quote(reason.your_text, language)
    return sentence.format(
        article="an" if label[:1].lower() in "aeiou" else "a",
        name=name or _NO_NAME[language],
        their=quote(reason.their_text, language),
        your=quote(reason.your_text, language),
        label=label,
        days=days_text(reason.their_text.split(), language) if reason.kind == "presence" else "",
    )


def first_name(name: str) -> str:
    """How a reason names the other member: their first name as written."""
    parts = name.split()
    return parts[0] if parts else ""


@lru_cache(maxsize=65536)  # a member's phrase is quoted in many lists
def quote(text: str, language: str) -> str:
    """A member's own phrase in the language's quotation marks, shortened if very long."""
    text = " ".join(text.split())
    if len(text) > QUOTE_LIMIT:
        cut = text[:QUOTE_LIMIT].rsplit(" ", 1)[0] or text[:QUOTE_LIMIT]
        text = cut.rstrip(",.;:") + "…"
    opening, closing = _QUOTES.get(language, _QUOTES["en"])
    return f"{opening}{text}{closing}"


def days_text(days: Sequence[str], language: str) -> str:
    """ "Monday and Thursday", "mandager og torsdager" … in week order."""
    names = _DAYS.get(language, _DAYS["en"])
    written = [names[WEEKDAYS.index(day)] for day in WEEKDAYS if day in days]
    if len(written) <= 1:
        return "".join(written)
    return f"{', '.join(written[:-1])} {_AND.get(language, 'and')} {written[-1]}"
