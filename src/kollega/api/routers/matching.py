"""Matchmaking: people a member should meet, introductions with double opt-in, coffee-pair
rounds, the member's own choices (opt-outs, blocks) and, for staff, what it all brought.

Member endpoints act on the caller's own active membership of the space: staff who are not
members of it get 404 there. Everything is seen as the caller may see it: a decline is never
shown to the one declined, contact details only once both have said yes, and a member sees
only their own pair of a round.
"""

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Literal, Self, cast

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import ConfigDict

from kollega.api.errors import ERRORS
from kollega.api.routers.common import (
    Date,
    Id,
    MappedQuerySet,
    Pagination,
    Ref,
    Slug,
    Text,
    current_user,
    space_for_staff,
    space_for_viewer,
)
from kollega.core.permissions import is_space_staff
from kollega.matching.models import (
    Block,
    Introduction,
    IntroductionStatus,
    Outcome,
    Pair,
    PairingRound,
)
from kollega.matching.selectors import (
    IntroductionItem,
    SuggestionItem,
    block_list,
    introduction_get_for_member,
    introduction_list,
    introduction_status_for,
    matching_evidence,
    pair_get_for_member,
    pairing_round_list,
    pairing_round_pairs,
    preference_get,
    suggestion_list,
)
from kollega.matching.services import (
    block_create,
    block_delete,
    contact_details,
    introduction_answer,
    introduction_broker,
    introduction_request,
    introduction_withdraw,
    outcome_record,
    pairing_round_run,
    preference_update,
)
from kollega.matching.services.introductions import NOTE_MAX_LENGTH
from kollega.members.models import Member
from kollega.members.selectors import member_get_active, member_get_own
from kollega.spaces.models import Space
from kollega.spaces.selectors import space_today

router = Router(tags=["matchmaking"])

SeenStatus = Literal["to_answer", "waiting", "accepted", "declined"]
ShownStatus = SeenStatus | Literal["withdrawn"]


# --- schemas ------------------------------------------------------------------------------------


class SuggestedMember(Schema):
    id: int = Field(description="Member id.")
    name: str
    company: str | None = Field(description="Their company's name, if any.")


class SuggestionOut(Schema):
    member: SuggestedMember
    score: float = Field(description="How good a match, relative to the caller's others.")
    reasons: list[str] = Field(description="Why, in sentences in the caller's language.")
    introduction_status: SeenStatus | None = Field(
        description="The introduction already asked for between the two, as the caller sees "
        "it (null if none)."
    )


class ContactOut(Schema):
    email: str
    phone: str | None = Field(description="Only when they show their phone to members.")


class OutcomeIn(Schema):
    met: bool = Field(description="Did you meet?")
    useful: bool | None = Field(None, description="Was it useful? Cleared when you did not meet.")
    led_to_work: bool | None = Field(
        None, description="Did it lead to working together? Cleared when you did not meet."
    )


class OutcomeOut(Schema):
    met: bool
    useful: bool | None
    led_to_work: bool | None


class IntroductionOut(Schema):
    """An introduction as the caller, one of its two sides, may see it."""

    id: int
    other: Ref = Field(description="The other side (member id and name).")
    status: ShownStatus = Field(
        description="to_answer: waiting for your answer; waiting: for theirs (also what a "
        "decline looks like to the one declined); accepted: both said yes; declined: you "
        "declined; withdrawn: you took your request back."
    )
    note: str
    reasons: list[str] = Field(description="Why you two should meet, in your language.")
    brokered: bool = Field(description="Whether the space's staff made this introduction.")
    asked_by_me: bool = Field(description="Whether you asked (only then can you withdraw).")
    created_at: dt.datetime
    suggested_day: dt.date | None = Field(description="A day you are both usually in.")
    contact: ContactOut | None = Field(description="The other's details, once both said yes.")
    outcome: OutcomeOut | None = Field(description="What you said came of it.")


class IntroductionFilters(Schema):
    status: SeenStatus | None = Field(None, description="Only introductions with this status.")


class IntroductionIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"recipient": 2, "note": "Shall we have a coffee?"}]}
    )

    recipient: Id = Field(description="Member id of the person you would like to meet.")
    note: Text = Field("", max_length=NOTE_MAX_LENGTH, description="A short note to them.")


class BrokerIn(Schema):
    first: Id = Field(description="Member id.")
    second: Id = Field(description="Member id.")
    note: Text = Field("", max_length=NOTE_MAX_LENGTH, description="A warm word to both.")


class BrokeredOut(Schema):
    id: int
    first: Ref
    second: Ref
    note: str
    created_at: dt.datetime


class AnswerIn(Schema):
    accept: bool = Field(description="Yes (true) or no (false). A no is never shown to them.")


class PairOut(Schema):
    id: int
    first: Ref
    second: Ref | None = Field(description="Null when `first` sat out this round.")
    suggested_day: dt.date | None = Field(description="A day both are usually in that week.")
    reasons: list[str] = Field(description="Why you two, in your language (empty for staff).")
    outcome: OutcomeOut | None = Field(description="What you said came of it.")
    met: int | None = Field(description="Staff only: how many of the two said they met.")
    useful: int | None = Field(description="Staff only: how many said it was useful.")


class RoundOut(Schema):
    id: int
    number: int
    week_of: dt.date = Field(description="The day the round was announced.")
    pool_size: int | None = Field(description="Staff only: members who took part.")
    pair_count: int | None = Field(description="Staff only: pairs made.")
    sat_out: int | None = Field(description="Staff only: members who sat out.")
    my_pair: PairOut | None = Field(description="Your own pair, when you were in the round.")


class RoundDetailOut(RoundOut):
    pairs: list[PairOut] = Field(description="Staff: every pair; a member: only their own.")


class RoundIn(Schema):
    week_of: Date | None = Field(
        None, description="The day the round is announced; defaults to today in the space."
    )


class PreferencesIn(Schema):
    suggestions_opt_out: bool = Field(
        description="Neither be suggested to others nor see suggestions (also ends pairing)."
    )
    pairing_opt_in: bool = Field(description="Be paired with someone new each round.")


class PreferencesOut(Schema):
    suggestions_opt_out: bool
    pairing_opt_in: bool


class BlockIn(Schema):
    member: Id = Field(description="Member id of the person you never want to be matched with.")


class BlockOut(Schema):
    member: Ref = Field(description="The blocked member; they are never told.")
    created_at: dt.datetime


class EvidenceOut(Schema):
    """What matchmaking brought the space: counts, and counts of people saying so."""

    introductions: int = Field(description="Asked for or brokered (not withdrawn).")
    brokered: int
    accepted: int
    acceptance_rate: float | None = Field(description="accepted / introductions.")
    introductions_met: int = Field(description="Introductions where a side said they met.")
    introductions_useful: int
    introductions_work: int = Field(description="… that led to working together.")
    rounds: int
    pairs: int
    pairs_met: int
    pairs_useful: int
    pairs_work: int
    opted_in_pairing: int
    opted_out: int
    members: int = Field(description="Active members of the space.")


# --- looking things up --------------------------------------------------------------------------


class MappedList[T, U]:
    """A list (from a selector) turned into output objects only for the page shown."""

    def __init__(self, items: Sequence[T], mapper: Callable[[T], U]) -> None:
        self.items = items
        self.mapper = mapper

    def all(self) -> Self:
        return self

    def count(self) -> int:
        return len(self.items)

    def __getitem__(self, page: slice) -> list[U]:
        return [self.mapper(item) for item in self.items[page]]


def _own_member(request: HttpRequest, space: Space) -> Member:
    """The caller's own active membership of the space (404 for staff who are not members)."""
    member = member_get_own(user=current_user(request), space=space)
    if member is None:
        raise HttpError(
            404, _("Matchmaking is for members: you are not a member of this space yourself.")
        )
    return member


def _member_for(request: HttpRequest, slug: str) -> Member:
    return _own_member(request, space_for_viewer(request, slug))


def _active_member(space: Space, pk: int, field: str) -> Member:
    """An active member of this space by id, or a validation error naming the field."""
    member = member_get_active(space=space, member_id=pk)
    if member is None:
        raise ValidationError({field: _("There is no such member in this space.")})
    return member


def _introduction(member: Member, introduction_id: int) -> Introduction:
    introduction = introduction_get_for_member(introduction_id=introduction_id, member=member)
    if introduction is None:
        raise Http404
    return introduction


def _ref(member: Member) -> Ref:
    return Ref(id=member.pk, name=member.user.full_name)


def _outcome_out(outcome: Outcome | None) -> OutcomeOut | None:
    if outcome is None:
        return None
    return OutcomeOut(met=outcome.met, useful=outcome.useful, led_to_work=outcome.led_to_work)


def _item(introduction: Introduction, member: Member) -> IntroductionItem:
    """One introduction as `member` sees it, right after a change."""
    if introduction.status == IntroductionStatus.WITHDRAWN:
        status = "withdrawn"
    else:
        status = introduction_status_for(introduction, member)
    other = introduction.other(member)
    return IntroductionItem(
        introduction=introduction,
        other=other,
        status=status,
        reasons=list((introduction.reasons or {}).get(str(member.pk), [])),
        outcome=Outcome.objects.filter(member=member, introduction=introduction).first(),
        asked_by_me=introduction.requester_id == member.pk and introduction.brokered_by_id is None,
        contact=contact_details(member=other) if status == "accepted" else None,
    )


def _introduction_out(item: IntroductionItem) -> IntroductionOut:
    introduction, other = item.introduction, item.other
    contact = None
    if item.contact is not None:  # filled by the selector once both have said yes
        contact = ContactOut(email=item.contact["email"], phone=item.contact["phone"] or None)
    return IntroductionOut(
        id=introduction.pk,
        other=_ref(other),
        status=cast(ShownStatus, item.status),
        note=introduction.note,
        reasons=item.reasons,
        brokered=introduction.brokered_by_id is not None,
        asked_by_me=item.asked_by_me,
        created_at=introduction.created_at,
        suggested_day=introduction.suggested_day,
        contact=contact,
        outcome=_outcome_out(item.outcome),
    )


def _suggestion_out(item: SuggestionItem) -> SuggestionOut:
    suggested = item.suggestion.suggested
    return SuggestionOut(
        member=SuggestedMember(
            id=suggested.pk,
            name=suggested.user.full_name,
            company=suggested.company.name if suggested.company is not None else None,
        ),
        score=item.suggestion.score,
        reasons=[str(reason) for reason in item.suggestion.reasons],
        introduction_status=cast(SeenStatus | None, item.introduction_status or None),
    )


def _pair_out(pair: Pair, *, member: Member | None, outcome: Outcome | None = None) -> PairOut:
    """`member` None: as staff see it (counts of answers); else as that member sees it."""
    return PairOut(
        id=pair.pk,
        first=_ref(pair.first),
        second=_ref(pair.second) if pair.second is not None else None,
        suggested_day=pair.suggested_day,
        reasons=list((pair.reasons or {}).get(str(member.pk), [])) if member else [],
        outcome=_outcome_out(outcome),
        met=getattr(pair, "met", None) if member is None else None,
        useful=getattr(pair, "useful", None) if member is None else None,
    )


def _round_out(round_: PairingRound, *, my_pair: PairOut | None = None) -> RoundOut:
    """The round's counts are for staff: rounds from `pairing_round_list` carry them."""
    staff = hasattr(round_, "pair_count")
    return RoundOut(
        id=round_.pk,
        number=round_.number,
        week_of=round_.week_of,
        pool_size=round_.pool_size if staff else None,
        pair_count=getattr(round_, "pair_count", None),
        sat_out=getattr(round_, "sat_out", None),
        my_pair=my_pair,
    )


def _my_pairs(member: Member) -> QuerySet[Pair]:
    """The member's pairs (and sit-outs), newest round first, each with the member's answer."""
    return (
        Pair.objects.filter(Q(first=member) | Q(second=member), round__space_id=member.space_id)
        .select_related("round", "first__user", "second__user")
        .prefetch_related(
            Prefetch("outcomes", queryset=Outcome.objects.filter(member=member), to_attr="mine")
        )
        .order_by("-round__week_of", "-round__number")
    )


def _my_pair_out(pair: Pair, member: Member) -> PairOut:
    mine: list[Outcome] = getattr(pair, "mine", [])
    return _pair_out(pair, member=member, outcome=mine[0] if mine else None)


# --- suggestions and introductions --------------------------------------------------------------


@router.get(
    "/spaces/{slug}/suggestions",
    response={200: list[SuggestionOut], **ERRORS},
    summary="People you should meet",
    description="The caller's current suggestions, best first, each with the reasons in the "
    "caller's language. Empty when the caller opted out of matchmaking. Members only.",
)
@paginate(Pagination)
def suggestions_list(request: HttpRequest, slug: Slug) -> MappedList[SuggestionItem, SuggestionOut]:
    member = _member_for(request, slug)
    return MappedList(suggestion_list(member=member), _suggestion_out)


@router.get(
    "/spaces/{slug}/introductions",
    response={200: list[IntroductionOut], **ERRORS},
    summary="Your introductions",
    description="Introductions the caller is a side of, newest first, as the caller may see "
    "them: contact details only once both have said yes. Members only.",
)
@paginate(Pagination)
def introductions_list(
    request: HttpRequest, slug: Slug, filters: Query[IntroductionFilters]
) -> MappedList[IntroductionItem, IntroductionOut]:
    member = _member_for(request, slug)
    items = introduction_list(member=member, status=filters.status)
    return MappedList(items, _introduction_out)


@router.post(
    "/spaces/{slug}/introductions",
    response={201: IntroductionOut, **ERRORS},
    summary="Ask to meet someone",
    description="The other member gets an e-mail asking them; their contact details are "
    "shared only if they say yes. Members only.",
)
def introductions_create(
    request: HttpRequest, slug: Slug, payload: IntroductionIn
) -> Status[IntroductionOut]:
    member = _member_for(request, slug)
    recipient = _active_member(member.space, payload.recipient, "recipient")
    introduction = introduction_request(requester=member, recipient=recipient, note=payload.note)
    return Status(201, _introduction_out(_item(introduction, member)))


@router.post(
    "/spaces/{slug}/introductions/broker",
    response={201: BrokeredOut, **ERRORS},
    summary="Introduce two members",
    description="Staff only. Both get a warm e-mail asking them to say yes; blocks and "
    "opt-outs are respected without saying whose.",
)
def introductions_broker(
    request: HttpRequest, slug: Slug, payload: BrokerIn
) -> Status[BrokeredOut]:
    space = space_for_staff(request, slug)
    first = _active_member(space, payload.first, "first")
    second = _active_member(space, payload.second, "second")
    try:
        introduction = introduction_broker(
            actor=current_user(request), first=first, second=second, note=payload.note
        )
    except ValidationError as error:
        # The service speaks of the "recipient", which is `second` here.
        if hasattr(error, "error_dict") and "recipient" in error.error_dict:
            error.error_dict["second"] = error.error_dict.pop("recipient")
        raise
    return Status(
        201,
        BrokeredOut(
            id=introduction.pk,
            first=_ref(first),
            second=_ref(second),
            note=introduction.note,
            created_at=introduction.created_at,
        ),
    )


@router.post(
    "/spaces/{slug}/introductions/{introduction_id}/answer",
    response={200: IntroductionOut, **ERRORS},
    summary="Say yes or no to an introduction",
    description="When both have said yes, both get the other's contact details. A no is "
    "never shown to the other side.",
)
def introductions_answer(
    request: HttpRequest, slug: Slug, introduction_id: Id, payload: AnswerIn
) -> IntroductionOut:
    member = _member_for(request, slug)
    introduction = introduction_answer(
        introduction=_introduction(member, introduction_id), member=member, accept=payload.accept
    )
    return _introduction_out(_item(introduction, member))


@router.post(
    "/spaces/{slug}/introductions/{introduction_id}/withdraw",
    response={200: IntroductionOut, **ERRORS},
    summary="Withdraw your request",
    description="Only the member who asked, while it is unanswered.",
)
def introductions_withdraw(
    request: HttpRequest, slug: Slug, introduction_id: Id
) -> IntroductionOut:
    member = _member_for(request, slug)
    introduction = introduction_withdraw(
        introduction=_introduction(member, introduction_id), member=member
    )
    return _introduction_out(_item(introduction, member))


@router.post(
    "/spaces/{slug}/introductions/{introduction_id}/outcome",
    response={200: OutcomeOut, **ERRORS},
    summary="Say what came of an introduction",
    description="Once both have said yes; each side answers for themself and may correct it.",
)
def introductions_outcome(
    request: HttpRequest, slug: Slug, introduction_id: Id, payload: OutcomeIn
) -> OutcomeOut:
    member = _member_for(request, slug)
    outcome = outcome_record(
        member=member,
        introduction=_introduction(member, introduction_id),
        met=payload.met,
        useful=payload.useful,
        led_to_work=payload.led_to_work,
    )
    return OutcomeOut(met=outcome.met, useful=outcome.useful, led_to_work=outcome.led_to_work)


# --- pairing rounds -----------------------------------------------------------------------------


@router.get(
    "/spaces/{slug}/pairing/rounds",
    response={200: list[RoundOut], **ERRORS},
    summary="Pairing rounds",
    description="Staff: every round, newest first, with its counts. A member: the rounds they "
    "were in, each with only their own pair.",
)
@paginate(Pagination)
def pairing_rounds_list(
    request: HttpRequest, slug: Slug
) -> MappedQuerySet[PairingRound, RoundOut] | MappedQuerySet[Pair, RoundOut]:
    space = space_for_viewer(request, slug)
    if is_space_staff(user=current_user(request), space=space):
        return MappedQuerySet(pairing_round_list(space=space), _round_out)
    member = _own_member(request, space)
    return MappedQuerySet(
        _my_pairs(member),
        lambda pair: _round_out(pair.round, my_pair=_my_pair_out(pair, member)),
    )


@router.get(
    "/spaces/{slug}/pairing/rounds/{round_id}",
    response={200: RoundDetailOut, **ERRORS},
    summary="A pairing round",
    description="Staff: every pair with how many said they met. A member: only their own "
    "pair, and only for a round they were in.",
)
def pairing_rounds_get(request: HttpRequest, slug: Slug, round_id: Id) -> RoundDetailOut:
    space = space_for_viewer(request, slug)
    if is_space_staff(user=current_user(request), space=space):
        round_ = pairing_round_list(space=space).filter(pk=round_id).first()
        if round_ is None:
            raise Http404
        return _round_detail(round_)
    member = _own_member(request, space)
    pair = _my_pairs(member).filter(round_id=round_id).first()
    if pair is None:
        raise Http404
    mine = _my_pair_out(pair, member)
    return RoundDetailOut(**_round_out(pair.round, my_pair=mine).model_dump(), pairs=[mine])


def _round_detail(round_: PairingRound) -> RoundDetailOut:
    pairs = [_pair_out(pair, member=None) for pair in pairing_round_pairs(round=round_)]
    return RoundDetailOut(**_round_out(round_).model_dump(), pairs=pairs)


@router.post(
    "/spaces/{slug}/pairing/rounds",
    response={200: RoundDetailOut, 201: RoundDetailOut, **ERRORS},
    summary="Run a pairing round",
    description="Staff only. Pairs the members who opted in and e-mails each their pair. "
    "A round for a day that already has one answers 200 with that round.",
)
def pairing_rounds_create(
    request: HttpRequest, slug: Slug, payload: RoundIn
) -> Status[RoundDetailOut]:
    space = space_for_staff(request, slug)
    week_of = payload.week_of or space_today(space=space)
    existed = PairingRound.objects.filter(space=space, week_of=week_of).exists()
    round_ = pairing_round_run(space=space, week_of=week_of, actor=current_user(request))
    round_ = pairing_round_list(space=space).get(pk=round_.pk)
    return Status(200 if existed else 201, _round_detail(round_))


@router.post(
    "/spaces/{slug}/pairing/pairs/{pair_id}/outcome",
    response={200: OutcomeOut, **ERRORS},
    summary="Say what came of a pair",
    description="Each side of a pair answers for themself and may correct it.",
)
def pairs_outcome(request: HttpRequest, slug: Slug, pair_id: Id, payload: OutcomeIn) -> OutcomeOut:
    member = _member_for(request, slug)
    pair = pair_get_for_member(pair_id=pair_id, member=member)
    if pair is None:
        raise Http404
    outcome = outcome_record(
        member=member,
        pair=pair,
        met=payload.met,
        useful=payload.useful,
        led_to_work=payload.led_to_work,
    )
    return OutcomeOut(met=outcome.met, useful=outcome.useful, led_to_work=outcome.led_to_work)


# --- the member's own choices -------------------------------------------------------------------


@router.get(
    "/spaces/{slug}/matchmaking/preferences",
    response={200: PreferencesOut, **ERRORS},
    summary="Your matchmaking choices",
    description="Members only.",
)
def matchmaking_preferences_get(request: HttpRequest, slug: Slug) -> PreferencesOut:
    preference = preference_get(member=_member_for(request, slug))
    return PreferencesOut(
        suggestions_opt_out=preference.suggestions_opt_out,
        pairing_opt_in=preference.pairing_opt_in,
    )


@router.put(
    "/spaces/{slug}/matchmaking/preferences",
    response={200: PreferencesOut, **ERRORS},
    summary="Change your matchmaking choices",
    description="Members only. Opting out of matchmaking also takes you out of pairing.",
)
def matchmaking_preferences_put(
    request: HttpRequest, slug: Slug, payload: PreferencesIn
) -> PreferencesOut:
    preference = preference_update(
        member=_member_for(request, slug),
        actor=current_user(request),
        suggestions_opt_out=payload.suggestions_opt_out,
        pairing_opt_in=payload.pairing_opt_in,
    )
    return PreferencesOut(
        suggestions_opt_out=preference.suggestions_opt_out,
        pairing_opt_in=preference.pairing_opt_in,
    )


def _block_out(block: Block) -> BlockOut:
    return BlockOut(member=_ref(block.blocked), created_at=block.created_at)


@router.get(
    "/spaces/{slug}/matchmaking/blocks",
    response={200: list[BlockOut], **ERRORS},
    summary="People you blocked",
    description="Members only. They are never suggested to, introduced to or paired with you.",
)
@paginate(Pagination)
def blocks_list(request: HttpRequest, slug: Slug) -> MappedQuerySet[Block, BlockOut]:
    return MappedQuerySet(block_list(member=_member_for(request, slug)), _block_out)


@router.post(
    "/spaces/{slug}/matchmaking/blocks",
    response={201: BlockOut, **ERRORS},
    summary="Block someone",
    description="Members only. The blocked member is never told; an introduction still "
    "waiting between you is quietly closed.",
)
def blocks_create(request: HttpRequest, slug: Slug, payload: BlockIn) -> Status[BlockOut]:
    member = _member_for(request, slug)
    blocked = _active_member(member.space, payload.member, "member")
    block = block_create(blocker=member, blocked=blocked, actor=current_user(request))
    return Status(201, _block_out(block))


@router.delete(
    "/spaces/{slug}/matchmaking/blocks/{member_id}",
    response={204: None, **ERRORS},
    summary="Unblock someone",
    description="Members only. 404 when you have not blocked that member.",
)
def blocks_delete(request: HttpRequest, slug: Slug, member_id: Id) -> Status[None]:
    member = _member_for(request, slug)
    found = (
        Block.objects.filter(blocker=member, blocked_id=member_id).select_related("blocked").first()
    )
    if found is None:
        raise Http404
    block_delete(blocker=member, blocked=found.blocked, actor=current_user(request))
    return Status(204, None)


# --- evidence -----------------------------------------------------------------------------------


@router.get(
    "/spaces/{slug}/matchmaking/evidence",
    response={200: EvidenceOut, **ERRORS},
    summary="What matchmaking brought",
    description="Staff only. Introductions, pairs and what members said came of them.",
)
def matchmaking_evidence(request: HttpRequest, slug: Slug) -> EvidenceOut:
    evidence = matching_evidence(space=space_for_staff(request, slug))
    return EvidenceOut(**dataclasses.asdict(evidence), acceptance_rate=evidence.acceptance_rate)
