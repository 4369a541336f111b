"""Introductions with double opt-in.

A member asks to meet someone with a short note; the other says yes or no privately. A
community manager can broker one between two members; then both are asked. Only when
everyone has said yes do both get the other's contact details and a day they are both
usually in. A "no" is never shown to the other side: to them the request just stays
unanswered. Every e-mail goes through the outbox in the recipient's language, once.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.core.permissions import is_space_staff
from kollega.matching.engine.reasons import render_all
from kollega.matching.engine.scoring import explain
from kollega.matching.models import Block, Introduction, IntroductionStatus, Preference
from kollega.matching.selectors import contact_details
from kollega.matching.services.engine_input import (
    common_day,
    engine_profiles,
    is_blocked,
    reader_language,
    space_vocabulary,
)
from kollega.matching.services.suggestions import suggestions_request_refresh
from kollega.members.models import Member, MemberStatus, Profile
from kollega.members.selectors import profile_visible_fields
from kollega.notifications.services import email_queue

NOTE_MAX_LENGTH = 600


def pair_key(first: Member, second: Member) -> str:
    low, high = sorted((first.pk, second.pk))
    return f"{low}-{high}"


def _check_pair(first: Member, second: Member) -> None:
    if first.pk == second.pk:
        raise ValidationError({"recipient": _("You cannot be introduced to yourself.")})
    if first.space_id != second.space_id:
        raise ValidationError({"recipient": _("You can only meet members of the same space.")})
    for member in (first, second):
        if member.status != MemberStatus.ACTIVE:
            raise ValidationError(
                {"recipient": _("%(name)s is no longer a member here.") % {"name": _name(member)}}
            )
    if first.company_id is not None and first.company_id == second.company_id:
        raise ValidationError(
            {"recipient": _("%(name)s works at the same company.") % {"name": _name(second)}}
        )


def _name(member: Member) -> str:
    return member.user.full_name or member.user.email


def _opted_out(member: Member) -> bool:
    return Preference.objects.filter(member=member, suggestions_opt_out=True).exists()


def introduction_reasons(*, first: Member, second: Member) -> dict[str, list[str]]:
    """Why these two should meet, for each of them in their own language."""
    data = engine_profiles(space=first.space, members=[first, second], periphery=False)
    vocabulary = space_vocabulary(space=first.space)
    a, b = data.profiles
    result = {}
    for reader, other in ((a, b), (b, a)):
        reasons = explain(reader, other, vocabulary=vocabulary, theme=first.space.theme)
        result[reader.id] = list(
            render_all(reasons, reader=reader, other=other, vocabulary=vocabulary)
        )
    return result


@transaction.atomic
def introduction_request(*, requester: Member, recipient: Member, note: str = "") -> Introduction:
    """`requester` asks to meet `recipient`. The recipient gets an e-mail asking them."""
    _check_pair(requester, recipient)
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "note": _("Keep the note to at most %(count)d characters.")
                % {"count": NOTE_MAX_LENGTH}
            }
        )
    if "\x00" in note:
        raise ValidationError({"note": _("Text may not contain NUL characters.")})
    if Block.objects.filter(blocker=requester, blocked=recipient).exists():
        raise ValidationError(
            {
                "recipient": _("You have blocked %(name)s. Unblock them first.")
                % {"name": _name(recipient)}
            }
        )
    if _opted_out(requester):
        raise ValidationError(
            {
                "recipient": _(
                    "You have turned matchmaking off. Turn it on to ask for introductions."
                )
            }
        )
    if _opted_out(recipient):
        raise ValidationError(
            {"recipient": _("%(name)s is not taking introductions.") % {"name": _name(recipient)}}
        )
    _refuse_duplicate(requester, recipient)
    # Someone who blocked the requester simply never hears of it: the request is stored as
    # declined, which to the requester looks like a request still waiting for an answer.
    # The same goes for someone who once said no to this person (asking again after
    # withdrawing a request does not ask them twice).
    silently_declined = (
        Block.objects.filter(blocker=recipient, blocked=requester).exists()
        or Introduction.objects.filter(
            space=requester.space, pair_key=pair_key(requester, recipient), declined_by=recipient
        ).exists()
    )
    now = timezone.now()
    introduction = _create(
        space=requester.space,
        requester=requester,
        recipient=recipient,
        note=note,
        requester_accepted_at=now,
        status=IntroductionStatus.DECLINED if silently_declined else IntroductionStatus.PENDING,
        declined_by=recipient if silently_declined else None,
        answered_at=now if silently_declined else None,
        reasons=introduction_reasons(first=requester, second=recipient),
    )
    if not silently_declined:
        _email_ask(introduction, recipient)
    suggestions_request_refresh(space_ids=[requester.space_id])
    return introduction


@transaction.atomic
def introduction_broker(
    *, actor: User, first: Member, second: Member, note: str = ""
) -> Introduction:
    """A community manager introduces two members: a warm e-mail to both, in each one's
    language, asking each to say yes. Blocks and opt-outs are respected without saying which."""
    if not is_space_staff(user=actor, space=first.space):
        raise PermissionDenied(_("Only the space's staff can broker introductions."))
    if first.pk == second.pk:
        raise ValidationError({"second": _("Choose two different members.")})
    _check_pair(first, second)
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "note": _("Keep the note to at most %(count)d characters.")
                % {"count": NOTE_MAX_LENGTH}
            }
        )
    if is_blocked(first=first, second=second) or _opted_out(first) or _opted_out(second):
        raise ValidationError(
            {"second": _("These two cannot be introduced: one of them has opted out of it.")}
        )
    _refuse_duplicate(first, second)
    introduction = _create(
        space=first.space,
        requester=first,
        recipient=second,
        note=note,
        brokered_by=actor,
        reasons=introduction_reasons(first=first, second=second),
    )
    _email_ask(introduction, first)
    _email_ask(introduction, second)
    suggestions_request_refresh(space_ids=[first.space_id])
    return introduction


def _refuse_duplicate(first: Member, second: Member) -> None:
    existing = (
        Introduction.objects.filter(space=first.space, pair_key=pair_key(first, second))
        .exclude(status=IntroductionStatus.WITHDRAWN)
        .first()
    )
    if existing is None:
        return
    if existing.status == IntroductionStatus.ACCEPTED:
        message = _("You have already been introduced to %(name)s.")
    else:
        message = _("An introduction to %(name)s has already been asked for.")
    raise ValidationError({"recipient": message % {"name": _name(second)}})


def _create(**fields: object) -> Introduction:
    requester, recipient = fields["requester"], fields["recipient"]
    assert isinstance(requester, Member) and isinstance(recipient, Member)
    try:
        with transaction.atomic():
            return Introduction.objects.create(pair_key=pair_key(requester, recipient), **fields)
    except IntegrityError:  # the same pair asked at the same moment from another process
        raise ValidationError(
            {
                "recipient": _("An introduction to %(name)s has already been asked for.")
                % {"name": _name(recipient)}
            }
        ) from None


@transaction.atomic
def introduction_answer(
    *, introduction: Introduction, member: Member, accept: bool
) -> Introduction:
    """`member` says yes or no to an introduction waiting for them."""
    introduction = Introduction.objects.select_for_update(of=("self",)).get(pk=introduction.pk)
    if member.pk not in (introduction.requester_id, introduction.recipient_id):
        raise PermissionDenied(_("This introduction is not yours to answer."))
    if introduction.status != IntroductionStatus.PENDING:
        raise ValidationError({"answer": _("This introduction has already been answered.")})
    field = (
        "requester_accepted_at"
        if member.pk == introduction.requester_id
        else "recipient_accepted_at"
    )
    if getattr(introduction, field) is not None:
        raise ValidationError({"answer": _("You have already said yes; now it is their turn.")})
    now = timezone.now()
    if not accept:
        introduction.status = IntroductionStatus.DECLINED
        introduction.declined_by = member
        introduction.answered_at = now
        introduction.save(update_fields=["status", "declined_by", "answered_at"])
        return introduction
    setattr(introduction, field, now)
    update = [field]
    if introduction.requester_accepted_at and introduction.recipient_accepted_at:
        introduction.status = IntroductionStatus.ACCEPTED
        introduction.answered_at = now
        introduction.suggested_day = _suggested_day(introduction)
        update += ["status", "answered_at", "suggested_day"]
    introduction.save(update_fields=update)
    if introduction.status == IntroductionStatus.ACCEPTED:
        for side in (introduction.requester, introduction.recipient):
            _email_accepted(introduction, side)
        suggestions_request_refresh(space_ids=[introduction.space_id])
    return introduction


@transaction.atomic
def introduction_withdraw(*, introduction: Introduction, member: Member) -> Introduction:
    """The one who asked takes the request back while it is unanswered (or declined, which to
    them looks the same)."""
    introduction = Introduction.objects.select_for_update(of=("self",)).get(pk=introduction.pk)
    if member.pk != introduction.requester_id or introduction.brokered_by_id is not None:
        raise PermissionDenied(_("Only the member who asked can withdraw the request."))
    if introduction.status not in (IntroductionStatus.PENDING, IntroductionStatus.DECLINED):
        raise ValidationError(
            {"status": _("An introduction that has been made cannot be withdrawn.")}
        )
    introduction.status = IntroductionStatus.WITHDRAWN
    introduction.save(update_fields=["status"])
    suggestions_request_refresh(space_ids=[introduction.space_id])
    return introduction


def _suggested_day(introduction: Introduction) -> dt.date | None:
    profiles = {
        p.user_id: profile_visible_fields(profile=p, level="members").get("presence_days") or []
        for p in Profile.objects.filter(
            user_id__in=[introduction.requester.user_id, introduction.recipient.user_id]
        )
    }
    today = timezone.localdate(timezone=introduction.space.tzinfo)
    return common_day(
        first=profiles.get(introduction.requester.user_id, []),
        second=profiles.get(introduction.recipient.user_id, []),
        after=today,
    )


def _home_url(introduction: Introduction) -> str:
    return settings.KOLLEGA_BASE_URL + reverse(
        "matching:home", kwargs={"slug": introduction.space.slug}
    )


def _email_ask(introduction: Introduction, reader: Member) -> None:
    other = introduction.other(reader)
    email_queue(
        key=f"introduction-{introduction.pk}-ask-{reader.pk}",
        to=reader.user.email,
        template="matching/email/introduction_ask",
        context={
            "name": reader.user.full_name,
            "other": other.user.full_name,
            "other_company": other.company.name if other.company else "",
            "broker": introduction.brokered_by.full_name if introduction.brokered_by else "",
            "note": introduction.note,
            "reasons": (introduction.reasons or {}).get(str(reader.pk), []),
            "space": introduction.space.name,
            "url": _home_url(introduction),
        },
        language=reader_language(member=reader),
    )


def _email_accepted(introduction: Introduction, reader: Member) -> None:
    other = introduction.other(reader)
    email_queue(
        key=f"introduction-{introduction.pk}-accepted-{reader.pk}",
        to=reader.user.email,
        template="matching/email/introduction_accepted",
        context={
            "name": reader.user.full_name,
            "other": other.user.full_name,
            "contact": contact_details(member=other),
            "day": introduction.suggested_day,
            "space": introduction.space.name,
            "url": _home_url(introduction),
        },
        language=reader_language(member=reader),
    )
