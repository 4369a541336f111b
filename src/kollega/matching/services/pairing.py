"""Coffee pairs: rounds of one-to-one pairs among the members who opted in.

Never colleagues, never a pair from the last `repeat_window` rounds, never a blocked pair;
overlapping presence days preferred; the most match value in total (exact maximum-weight
matching per pool, a fast approximate method for very large pools); with an odd pool the
member who has been paired most often sits out. Rounds run on the CM's cadence (see
`pairing_rounds_run_due`, called by the task worker's scheduler) or by hand.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.core.permissions import is_space_staff
from kollega.matching.engine.pairing import pair_round
from kollega.matching.engine.reasons import render_all
from kollega.matching.engine.scoring import explain, pair_weights
from kollega.matching.models import Cadence, MatchingSettings, Pair, PairingRound
from kollega.matching.services.engine_input import (
    common_day,
    engine_constraints,
    engine_profiles,
    reader_language,
    space_vocabulary,
)
from kollega.members.models import Member, MemberStatus
from kollega.notifications.services import email_queue
from kollega.spaces.models import Space

HISTORY_ROUNDS = 104  # rounds of history read for fairness (who sat out, who was paired)


def pairing_pool(*, space: Space) -> list[Member]:
    """Active members who opted in to pairing and not out of matchmaking."""
    return list(
        Member.objects.filter(
            space=space,
            status=MemberStatus.ACTIVE,
            matching__pairing_opt_in=True,
            matching__suggestions_opt_out=False,
        ).order_by("pk")
    )


def round_due_date(
    *, settings: MatchingSettings, today: dt.date, last: dt.date | None
) -> dt.date | None:
    """The announcement day of the round due by `today`, or None when none is due.

    The round belongs to the latest pairing weekday on or before today, and is due once
    `cadence` weeks have passed since the last round (so a round missed while the server
    was down still runs later that week).
    """
    if settings.pairing_cadence == Cadence.OFF:
        return None
    anchor = today - dt.timedelta(days=(today.weekday() - settings.pairing_weekday) % 7)
    if last is not None and (anchor - last).days < 7 * settings.pairing_cadence:
        return None
    return anchor


def pairing_rounds_run_due(*, now: dt.datetime | None = None) -> list[PairingRound]:
    """Run every space's pairing round that is due. Safe to call from several workers at
    once and again and again: a round per space and day is created at most once."""
    now = now or timezone.now()
    created = []
    for matching in MatchingSettings.objects.exclude(pairing_cadence=Cadence.OFF).select_related(
        "space"
    ):
        space = matching.space
        today = timezone.localdate(now, timezone=space.tzinfo)
        last = PairingRound.objects.filter(space=space).aggregate(last=Max("week_of"))["last"]
        due = round_due_date(settings=matching, today=today, last=last)
        if due is not None and len(pairing_pool(space=space)) >= 2:
            created.append(pairing_round_run(space=space, week_of=due, actor=None))
    return created


@transaction.atomic
def pairing_round_run(*, space: Space, week_of: dt.date, actor: User | None) -> PairingRound:
    """Make the round of pairs announced on `week_of` and e-mail everyone their pair.

    `actor` None means the scheduler; a person must be staff of the space. Running it again
    for the same day returns the round already made.
    """
    if actor is not None and not is_space_staff(user=actor, space=space):
        raise PermissionDenied(_("Only the space's staff can start a pairing round."))
    matching, _created = MatchingSettings.objects.get_or_create(space=space)
    MatchingSettings.objects.select_for_update().get(pk=matching.pk)  # one round at a time
    existing = PairingRound.objects.filter(space=space, week_of=week_of).first()
    if existing is not None:
        return existing
    pool = pairing_pool(space=space)
    if len(pool) < 2:
        raise ValidationError(
            {"pool": _("At least two members must have opted in to pairing for a round.")}
        )
    data = engine_profiles(space=space, members=pool, periphery=False)
    vocabulary = space_vocabulary(space=space)
    constraints = engine_constraints(space=space)
    earlier = list(PairingRound.objects.filter(space=space).order_by("-week_of")[:HISTORY_ROUNDS])[
        ::-1
    ]
    pairs_by_round: dict[int, list[tuple[str, str]]] = {r.pk: [] for r in earlier}
    for round_id, low, high in Pair.objects.filter(
        round__in=earlier, second__isnull=False
    ).values_list("round_id", "first_id", "second_id"):
        pairs_by_round[round_id].append((str(low), str(high)))
    weights = pair_weights(
        data.profiles,
        constraints=constraints,
        vocabulary=vocabulary,
        theme=space.theme,
    )
    result = pair_round(
        data.profiles,
        weights=weights,
        history_rounds=[pairs_by_round[r.pk] for r in earlier],
        repeat_window=matching.repeat_window,
    )
    number = (PairingRound.objects.filter(space=space).aggregate(n=Max("number"))["n"] or 0) + 1
    round_ = PairingRound.objects.create(
        space=space,
        number=number,
        week_of=week_of,
        created_by=actor,
        method=result.method,
        weight=result.weight,
        pool_size=len(pool),
    )
    profiles = {p.id: p for p in data.profiles}
    # a day both are in during the round's week, from today on if the round runs late
    today = timezone.localdate(timezone=space.tzinfo)
    first_day = today if week_of <= today < week_of + dt.timedelta(days=7) else week_of
    pairs = []
    for first_id, second_id in result.pairs:
        first, second = profiles[first_id], profiles[second_id]
        reasons = {
            reader.id: list(
                render_all(
                    explain(reader, other, vocabulary=vocabulary, theme=space.theme),
                    reader=reader,
                    other=other,
                    vocabulary=vocabulary,
                )
            )
            for reader, other in ((first, second), (second, first))
        }
        pairs.append(
            Pair(
                round=round_,
                first=data.by_id[first_id],
                second=data.by_id[second_id],
                reasons=reasons,
                suggested_day=common_day(
                    first=first.presence_days,
                    second=second.presence_days,
                    after=first_day - dt.timedelta(days=1),
                    within_days=7,
                ),
            )
        )
    pairs += [Pair(round=round_, first=data.by_id[member_id]) for member_id in result.unpaired]
    Pair.objects.bulk_create(pairs)
    for pair in Pair.objects.filter(round=round_).select_related(
        "first__user", "second__user", "first__space", "second__space"
    ):
        _email_pair(round_, pair)
    return round_


def _email_pair(round_: PairingRound, pair: Pair) -> None:
    url = settings.KOLLEGA_BASE_URL + reverse("matching:home", kwargs={"slug": round_.space.slug})
    sides = (
        [(pair.first, pair.second), (pair.second, pair.first)]
        if pair.second
        else [(pair.first, None)]
    )
    for reader, other in sides:
        assert reader is not None
        email_queue(
            key=f"pair-{pair.pk}-{reader.pk}",
            to=reader.user.email,
            template="matching/email/pair",
            context={
                "name": reader.user.full_name,
                "other": other.user.full_name if other else "",
                "reasons": (pair.reasons or {}).get(str(reader.pk), []),
                "day": pair.suggested_day,
                "space": round_.space.name,
                "url": url,
            },
            language=reader_language(member=reader),
        )
