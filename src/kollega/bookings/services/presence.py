"""Writes for a member's presence choices: whether they appear in "who's in"."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.bookings.models import PresencePreference
from kollega.members.models import Member


@transaction.atomic
def presence_preference_update(
    *, member: Member, actor: User, hide_from_whos_in: bool
) -> PresencePreference:
    """Hide `member` from (or show them again in) the space's "who's in" lists."""
    if member.user_id != actor.pk:
        raise PermissionDenied(_("Only the member can change whether they are shown."))
    preference, _created = PresencePreference.objects.select_for_update().get_or_create(
        member=member
    )
    if preference.hide_from_whos_in != hide_from_whos_in:
        preference.hide_from_whos_in = hide_from_whos_in
        preference.save(update_fields=["hide_from_whos_in"])
    return preference
