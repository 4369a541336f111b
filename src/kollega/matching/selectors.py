"""Reads for matchmaking pages and the API: a member's suggestions, introductions and pairs,
and the community manager's evidence of what matchmaking brings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from kollega.accounts.models import User
from kollega.matching.models import (
    Block,
    Introduction,
    IntroductionStatus,
    MatchingSettings,
    Outcome,
    Pair,
    PairingRound,
    Preference,
    Suggestion,
)
from kollega.members.models import Member, MemberStatus, Profile, Visibility
from kollega.spaces.models import Space


def preference_get(*, member: Member) -> Preference:
    """The member's choices (defaults when they never chose: suggestions on, pairing off)."""
    return Preference.objects.filter(member=member).first() or Preference(member=member)


@dataclass
class SuggestionItem:
    suggestion: Suggestion
    introduction: Introduction | None  # an introduction already asked for, as this member sees it
    introduction_status: str = ""


def suggestion_list(*, member: Member, limit: int = 10) -> list[SuggestionItem]:
    """The member's current suggestions, best first: never someone who left, was blocked
    since, or opted out since; each with the introduction between them, if any."""
    if preference_get(member=member).suggestions_opt_out:
        return []
    blocked = set(Block.objects.filter(blocker=member).values_list("blocked_id", flat=True)) | set(
        Block.objects.filter(blocked=member).values_list("blocker_id", flat=True)
    )
    suggestions = list(
        Suggestion.objects.filter(member=member, suggested__status=MemberStatus.ACTIVE)
        .exclude(suggested_id__in=blocked)
        .exclude(suggested__matching__suggestions_opt_out=True)
        .select_related("suggested__user", "suggested__company")
        .order_by("rank")[:limit]
    )
    introductions = {
        intro.other(member).pk: intro
        for intro in _introductions_of(member).filter(
            Q(requester_id__in=[s.suggested_id for s in suggestions])
            | Q(recipient_id__in=[s.suggested_id for s in suggestions])
        )
    }
    items = []
    for suggestion in suggestions:
        intro = introductions.get(suggestion.suggested_id)
        items.append(
            SuggestionItem(
                suggestion=suggestion,
                introduction=intro,
                introduction_status=introduction_status_for(intro, member) if intro else "",
            )
        )
    return items


def _introductions_of(member: Member) -> QuerySet[Introduction]:
    return (
        Introduction.objects.filter(Q(requester=member) | Q(recipient=member))
        .exclude(status=IntroductionStatus.WITHDRAWN)
        .select_related(
            "requester__user",
            "recipient__user",
            "requester__company",
            "recipient__company",
            "brokered_by",
            "space",
        )
    )


def introduction_status_for(introduction: Introduction, member: Member) -> str:
    """The status as `member` may see it: "to_answer" (waiting for my yes or no), "waiting"
    (waiting for the other side — also what a decline looks like to the one declined),
    "accepted", or "declined" (only ever shown to the one who declined)."""
    status = introduction.status
    if status == IntroductionStatus.ACCEPTED:
        return "accepted"
    mine = (
        introduction.requester_accepted_at
        if member.pk == introduction.requester_id
        else introduction.recipient_accepted_at
    )
    if status == IntroductionStatus.DECLINED:
        return "declined" if introduction.declined_by_id == member.pk else "waiting"
    return "to_answer" if mine is None else "waiting"


@dataclass
class IntroductionItem:
    introduction: Introduction
    other: Member
    status: str
    reasons: list[str] = field(default_factory=list)
    outcome: Outcome | None = None
    asked_by_me: bool = False
    contact: dict[str, str] | None = None  # the other's details, once both said yes


def introduction_list(*, member: Member, status: str | None = None) -> list[IntroductionItem]:
    """The member's introductions as they may see them (newest first); `status` filters on
    `introduction_status_for`."""
    introductions = list(_introductions_of(member).order_by("-created_at"))
    outcomes = {
        outcome.introduction_id: outcome
        for outcome in Outcome.objects.filter(
            member=member, introduction__in=[i.pk for i in introductions]
        )
    }
    accepted_users = [
        intro.other(member).user_id
        for intro in introductions
        if intro.status == IntroductionStatus.ACCEPTED
    ]
    profiles = {p.user_id: p for p in Profile.objects.filter(user_id__in=accepted_users)}
    items = []
    for intro in introductions:
        seen = introduction_status_for(intro, member)
        other = intro.other(member)
        if status is not None and seen != status:
            continue
        items.append(
            IntroductionItem(
                introduction=intro,
                other=intro.other(member),
                status=seen,
                reasons=list((intro.reasons or {}).get(str(member.pk), [])),
                outcome=outcomes.get(intro.pk),
                asked_by_me=intro.requester_id == member.pk and intro.brokered_by_id is None,
                contact=(
                    contact_details(member=other, profile=profiles.get(other.user_id))
                    if seen == "accepted"
                    else None
                ),
            )
        )
    return items


MEMBERS_SEE = (Visibility.PUBLIC, Visibility.MEMBERS)


def contact_details(*, member: Member, profile: Profile | None = None) -> dict[str, str]:
    """What an accepted introduction shares: the e-mail address, and the phone number when
    the member shows it to other members. Pass `profile` when it is already loaded."""
    if profile is None:
        profile = Profile.objects.filter(user_id=member.user_id).first()
    shown = profile is not None and profile.visibility_of("phone") in MEMBERS_SEE
    return {"email": member.user.email, "phone": profile.phone if shown and profile else ""}


def introduction_get_for_member(*, introduction_id: int, member: Member) -> Introduction | None:
    """An introduction the member is a side of (and did not withdraw), or None."""
    return _introductions_of(member).filter(pk=introduction_id).first()


@dataclass
class PairItem:
    pair: Pair
    round: PairingRound
    other: Member | None
    reasons: list[str]
    outcome: Outcome | None


def pair_list(*, member: Member, limit: int = 10) -> list[PairItem]:
    """The member's pairs (and sit-outs), newest round first."""
    pairs = list(
        Pair.objects.filter(Q(first=member) | Q(second=member))
        .select_related("round", "first__user", "second__user", "first__company", "second__company")
        .order_by("-round__week_of")[:limit]
    )
    outcomes = {
        o.pair_id: o for o in Outcome.objects.filter(member=member, pair__in=[p.pk for p in pairs])
    }
    return [
        PairItem(
            pair=pair,
            round=pair.round,
            other=pair.other(member),
            reasons=list((pair.reasons or {}).get(str(member.pk), [])),
            outcome=outcomes.get(pair.pk),
        )
        for pair in pairs
    ]


def pair_get_for_member(*, pair_id: int, member: Member) -> Pair | None:
    return Pair.objects.filter(Q(first=member) | Q(second=member), pk=pair_id).first()


def block_list(*, member: Member) -> QuerySet[Block]:
    return (
        Block.objects.filter(blocker=member)
        .select_related("blocked__user")
        .order_by("blocked__user__full_name")
    )


def pairing_round_list(*, space: Space) -> QuerySet[PairingRound]:
    return (
        PairingRound.objects.filter(space=space)
        .annotate(
            pair_count=Count("pairs", filter=Q(pairs__second__isnull=False)),
            sat_out=Count("pairs", filter=Q(pairs__second__isnull=True)),
        )
        .order_by("-week_of", "-number")  # Meta.ordering does not apply to grouped queries
    )


def pairing_round_pairs(*, round: PairingRound) -> QuerySet[Pair]:
    return (
        round.pairs.select_related(
            "first__user", "second__user", "first__company", "second__company"
        )
        .annotate(
            met=Count("outcomes", filter=Q(outcomes__met=True)),
            useful=Count("outcomes", filter=Q(outcomes__useful=True)),
        )
        .order_by("second_id", "pk")
    )


@dataclass(frozen=True)
class Evidence:
    """What matchmaking brought a space: counts of things, and of people saying so."""

    introductions: int  # asked for or brokered (not withdrawn)
    brokered: int
    accepted: int
    introductions_met: int  # introductions where at least one side said "we met"
    introductions_useful: int
    introductions_work: int
    rounds: int
    pairs: int
    pairs_met: int
    pairs_useful: int
    pairs_work: int
    opted_in_pairing: int
    opted_out: int
    members: int

    @property
    def acceptance_rate(self) -> float | None:
        return self.accepted / self.introductions if self.introductions else None


def matching_evidence(*, space: Space) -> Evidence:
    intros = Introduction.objects.filter(space=space).exclude(status=IntroductionStatus.WITHDRAWN)
    intro_outcomes = Outcome.objects.filter(introduction__space=space)
    pair_outcomes = Outcome.objects.filter(pair__round__space=space)
    pairs = Pair.objects.filter(round__space=space, second__isnull=False)
    members = Member.objects.filter(space=space, status=MemberStatus.ACTIVE)
    return Evidence(
        introductions=intros.count(),
        brokered=intros.filter(brokered_by__isnull=False).count(),
        accepted=intros.filter(status=IntroductionStatus.ACCEPTED).count(),
        introductions_met=_distinct(intro_outcomes.filter(met=True), "introduction_id"),
        introductions_useful=_distinct(intro_outcomes.filter(useful=True), "introduction_id"),
        introductions_work=_distinct(intro_outcomes.filter(led_to_work=True), "introduction_id"),
        rounds=PairingRound.objects.filter(space=space).count(),
        pairs=pairs.count(),
        pairs_met=_distinct(pair_outcomes.filter(met=True), "pair_id"),
        pairs_useful=_distinct(pair_outcomes.filter(useful=True), "pair_id"),
        pairs_work=_distinct(pair_outcomes.filter(led_to_work=True), "pair_id"),
        opted_in_pairing=members.filter(matching__pairing_opt_in=True).count(),
        opted_out=members.filter(matching__suggestions_opt_out=True).count(),
        members=members.count(),
    )


def _distinct(queryset: QuerySet[Outcome], field: str) -> int:
    return queryset.values(field).distinct().count()


def matching_settings_for(*, space: Space) -> MatchingSettings:
    return MatchingSettings.objects.filter(space=space).first() or MatchingSettings(space=space)


def matching_data_export(*, user: User) -> list[dict[str, Any]]:
    """Everything matchmaking holds about `user`, per space, for the GDPR export: their
    choices, whom they blocked, their current suggestions, introductions (as they see them:
    a decline they received stays "waiting"), pairs and the outcomes they reported. Who
    blocked them is the other person's data and is not included."""
    result = []
    for member in Member.objects.filter(user=user).select_related("space").order_by("pk"):
        preference = preference_get(member=member)
        result.append(
            {
                "space": member.space.name,
                "suggestions_opt_out": preference.suggestions_opt_out,
                "pairing_opt_in": preference.pairing_opt_in,
                "blocked": [block.blocked.user.full_name for block in block_list(member=member)],
                "suggestions": [
                    {
                        "name": item.suggestion.suggested.user.full_name,
                        "score": item.suggestion.score,
                        "reasons": item.suggestion.reasons,
                    }
                    for item in suggestion_list(member=member)
                ],
                "introductions": [
                    {
                        "with": item.other.user.full_name,
                        "asked_by_you": item.introduction.requester_id == member.pk,
                        "brokered": item.introduction.brokered_by_id is not None,
                        "note": item.introduction.note,
                        "status": item.status,
                        "created_at": item.introduction.created_at.isoformat(),
                        "outcome": _outcome_data(item.outcome),
                    }
                    for item in introduction_list(member=member)
                ],
                "pairs": [
                    {
                        "round": item.round.number,
                        "week_of": item.round.week_of.isoformat(),
                        "with": item.other.user.full_name if item.other else None,
                        "outcome": _outcome_data(item.outcome),
                    }
                    for item in pair_list(member=member, limit=10_000)
                ],
            }
        )
    return result


def _outcome_data(outcome: Outcome | None) -> dict[str, Any] | None:
    if outcome is None:
        return None
    return {"met": outcome.met, "useful": outcome.useful, "led_to_work": outcome.led_to_work}
