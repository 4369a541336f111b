"""From the database to the engine: members as engine `Profile`s, the space's vocabulary, and
the pairs that must never be suggested. Reads only; shared by suggestions and pairing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Q

from kollega.matching.engine.types import LANGUAGES, Constraints
from kollega.matching.engine.types import Profile as EngineProfile
from kollega.matching.engine.vocabulary import Concept, Vocabulary
from kollega.matching.models import (
    Block,
    Introduction,
    IntroductionStatus,
    Pair,
    Preference,
    SpaceConcept,
)
from kollega.members.models import Member, MemberStatus, Profile
from kollega.members.selectors import member_language, profile_visible_fields
from kollega.spaces.models import Space

WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def reader_language(*, member: Member) -> str:
    """The language reasons and e-mails are written in for a member (the engine writes
    reasons in its four languages, which are the UI's)."""
    language = member_language(member=member)
    return language if language in LANGUAGES else "en"


@dataclass
class EngineInput:
    members: list[Member]  # in the same order as `profiles`
    profiles: list[EngineProfile]
    by_id: dict[str, Member] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {str(member.pk): member for member in self.members}


def engine_profiles(
    *, space: Space, members: Iterable[Member] | None = None, periphery: bool = True
) -> EngineInput:
    """The space's active members as the engine sees them.

    Only what every member of the space may see goes in (the profile as seen at the
    "members" level): suggestions quote other people's words, and a field someone keeps to
    staff must never show up in a reason. Company is the company's id, so two firms with the
    same name are still different. `opted_out` is the member's opt-out from suggestions.
    """
    if members is None:
        members = Member.objects.filter(space=space, status=MemberStatus.ACTIVE)
    chosen = list(
        Member.objects.filter(pk__in=[m.pk for m in members])
        .select_related("user", "company", "space", "matching")
        .order_by("pk")
    )
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(user_id__in=[m.user_id for m in chosen])
        .select_related("user")
        .prefetch_related("interests")
    }
    connections = _connections(space) if periphery else Counter()
    result = []
    for member in chosen:
        fields = profile_visible_fields(profile=profiles.get(member.user_id), level="members")
        preference: Preference | None = getattr(member, "matching", None)
        result.append(
            EngineProfile(
                id=str(member.pk),
                name=member.user.full_name,
                company=f"company-{member.company_id}" if member.company_id else "",
                languages=(reader_language(member=member),),
                headline=str(fields.get("headline") or ""),
                bio=str(fields.get("bio") or ""),
                offers=tuple(str(item) for item in fields.get("offers") or ()),
                needs=tuple(str(item) for item in fields.get("needs") or ()),
                interests=tuple(str(item) for item in fields.get("interests") or ()),
                presence_days=tuple(
                    str(day) for day in fields.get("presence_days") or () if day in WEEKDAY_CODES
                ),
                opted_out=bool(preference and preference.suggestions_opt_out),
                periphery=1.0 / (1.0 + connections[member.pk]),
            )
        )
    return EngineInput(members=chosen, profiles=result)


def _connections(space: Space) -> Counter[int]:
    """How many people each member has been introduced to or paired with."""
    counts: Counter[int] = Counter()
    for first, second in Introduction.objects.filter(
        space=space, status=IntroductionStatus.ACCEPTED
    ).values_list("requester_id", "recipient_id"):
        counts.update((first, second))
    for first, second in Pair.objects.filter(round__space=space, second__isnull=False).values_list(
        "first_id", "second_id"
    ):
        counts.update((first, second))
    return counts


def engine_constraints(*, space: Space) -> Constraints:
    """Pairs never to suggest: blocked either way; and everyone already introduced (or asked
    to be), which the caller may or may not use."""
    blocked = {
        frozenset((str(a), str(b)))
        for a, b in Block.objects.filter(blocker__space=space).values_list(
            "blocker_id", "blocked_id"
        )
    }
    introduced = {
        frozenset((str(a), str(b)))
        for a, b in Introduction.objects.filter(space=space)
        .exclude(status=IntroductionStatus.WITHDRAWN)
        .values_list("requester_id", "recipient_id")
    }
    return Constraints(blocked=blocked, introduced=introduced)


def is_blocked(*, first: Member, second: Member) -> bool:
    return Block.objects.filter(
        Q(blocker=first, blocked=second) | Q(blocker=second, blocked=first)
    ).exists()


def space_vocabulary(*, space: Space) -> Vocabulary:
    """The shipped vocabulary plus the space's own concepts.

    Building the tagger's index takes a noticeable fraction of a second, so the result is
    kept per distinct set of additions (spaces with the same additions share it).
    """
    rows = tuple(
        (
            concept.concept_id,
            concept.kind,
            tuple((lang, tuple(words)) for lang, words in sorted((concept.labels or {}).items())),
            tuple(concept.complements or ()),
        )
        for concept in SpaceConcept.objects.filter(space=space).order_by("concept_id")
    )
    return _extended_vocabulary(rows) if rows else Vocabulary.default()


@lru_cache(maxsize=32)
def _extended_vocabulary(
    rows: tuple[tuple[str, str, tuple[tuple[str, tuple[str, ...]], ...], tuple[str, ...]], ...],
) -> Vocabulary:
    return Vocabulary.default().extended(
        Concept(
            id=concept_id,
            kind=kind,
            labels={lang: words for lang, words in labels if words},
            complements=complements,
        )
        for concept_id, kind, labels, complements in rows
    )


def common_day(
    *, first: Sequence[str], second: Sequence[str], after: dt.date, within_days: int = 14
) -> dt.date | None:
    """The first weekday after `after` on which both are usually in (None if they share none)."""
    shared = set(first) & set(second)
    for offset in range(1, within_days + 1):
        day = after + dt.timedelta(days=offset)
        if WEEKDAY_CODES[day.weekday()] in shared:
            return day
    return None
