"""What came of an introduction or a pair, in each member's own words: did we meet, was it
useful, did it lead to working together."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kollega.matching.models import Introduction, IntroductionStatus, Outcome, Pair
from kollega.members.models import Member


@transaction.atomic
def outcome_record(
    *,
    member: Member,
    met: bool,
    useful: bool | None = None,
    led_to_work: bool | None = None,
    introduction: Introduction | None = None,
    pair: Pair | None = None,
) -> Outcome:
    """Record (or correct) `member`'s answer about one introduction or pair. Without a
    meeting there is nothing to be useful: `useful` and `led_to_work` are then cleared."""
    if (introduction is None) == (pair is None):
        raise ValidationError(_("Say which introduction or pair this is about."))
    if introduction is not None:
        sides = {introduction.requester_id, introduction.recipient_id}
        if member.pk not in sides:
            raise PermissionDenied(_("You can only answer for your own introductions."))
        if introduction.status != IntroductionStatus.ACCEPTED:
            raise ValidationError(
                {"introduction": _("You can say how it went once both have said yes.")}
            )
    if pair is not None:
        if member.pk not in {pair.first_id, pair.second_id}:
            raise PermissionDenied(_("You can only answer for your own pairs."))
        if pair.second_id is None:
            raise ValidationError({"pair": _("Nobody was paired with you in this round.")})
    if not met:
        useful = led_to_work = None
    outcome, _created = Outcome.objects.update_or_create(
        member=member,
        introduction=introduction,
        pair=pair,
        defaults={"met": met, "useful": useful, "led_to_work": led_to_work},
    )
    return outcome
