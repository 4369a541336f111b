"""Writes for a member's personal calendar feed: make one (the secret is shown once and only
its SHA-256 hash is stored, as for API tokens) and revoke it.

A member has at most one live feed: making a new one revokes the previous, so a leaked URL
is cut off by getting a fresh one.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.bookings.models import CalendarFeed
from kollega.members.models import Member, MemberStatus


def calendar_feed_hash(secret: str) -> str:
    """What is stored of a feed's secret: its SHA-256 hex digest."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _own(member: Member, actor: User) -> None:
    if member.user_id != actor.pk:
        raise PermissionDenied(_("Only the member can manage their own calendar feed."))


@transaction.atomic
def calendar_feed_create(*, member: Member, actor: User) -> tuple[CalendarFeed, str]:
    """A new secret feed URL for `member`'s bookings; their previous feed stops working.

    Returns the feed and its secret: the secret is not stored and cannot be shown again.
    """
    _own(member, actor)
    # Lock the member row so that two requests at once leave exactly one live feed.
    locked = Member.objects.select_for_update().get(pk=member.pk)
    if locked.status != MemberStatus.ACTIVE:
        raise PermissionDenied(_("Only active members can subscribe to their bookings."))
    CalendarFeed.objects.filter(member=locked, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    secret = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(member=locked, token_hash=calendar_feed_hash(secret))
    return feed, secret


@transaction.atomic
def calendar_feed_revoke(*, feed: CalendarFeed, actor: User) -> CalendarFeed:
    """Stop `feed` from working (calendar apps subscribed to it get 404 from now on)."""
    _own(feed.member, actor)
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
    return feed
