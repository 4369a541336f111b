"""The engine's data types: plain frozen dataclasses, no Django.

Shared by every engine module (vocabulary, features, scoring, reasons, pairing, io) and by
the product code that feeds the engine from the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES = ("en", "nb", "da", "sv")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def company_key(company: str) -> str:
    """The key two companies are "the same" by: case- and whitespace-insensitive."""
    return "".join(company.split()).casefold()


@dataclass(frozen=True)
class Profile:
    """One member as the engine sees them (the JSON input shape of `kollega match`)."""

    id: str
    name: str = ""
    company: str = ""
    site: str = ""
    languages: tuple[str, ...] = ()
    headline: str = ""
    bio: str = ""
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    presence_days: tuple[str, ...] = ()
    # Product-side signals (optional in files):
    opted_out: bool = False  # never suggested to anyone, gets no suggestions
    periphery: float = 0.0  # 0 = core of the community … 1 = on the periphery

    @property
    def language(self) -> str:
        """The language reasons are written in for this member: their first known language."""
        for code in self.languages:
            if code in LANGUAGES:
                return code
        return "en"


@dataclass(frozen=True)
class Reason:
    """Why two members should meet, before it is put into words in some language."""

    kind: (
        str  # "offers_need" | "needs_offer" | "shared_interest" | "theme" | "similar" | "presence"
    )
    their_text: str = ""  # the other member's phrase (their offer, need or interest)
    your_text: str = ""  # the reader's own phrase it matches
    concept: str = ""  # vocabulary concept id, when the match came through the vocabulary


@dataclass(frozen=True)
class Suggestion:
    id: str
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatchOptions:
    top: int = 10
    max_per_company: int = 2  # diversity: at most this many suggestions from one company
    periphery_boost: float = 0.0  # 0..1: how much to lift members on the periphery
    exclude_introduced: bool = True
    theme: str = ""  # the space's theme statement
    block_size: int = 2048  # rows scored at a time: never an N-by-N dense matrix for large N


@dataclass
class Constraints:
    """Hard rules besides same company and opt-out: pairs that must never be suggested."""

    blocked: set[frozenset[str]] = field(default_factory=set)  # either side blocked the other
    introduced: set[frozenset[str]] = field(default_factory=set)  # already introduced
