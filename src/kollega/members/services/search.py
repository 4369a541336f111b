"""The folded search text of members (see members/search.py for the folding)."""

from __future__ import annotations

from collections.abc import Iterable

from kollega.members.models import (
    Member,
    Profile,
    Visibility,
)
from kollega.members.search import document_keys


def _field_texts(member: Member, profile: Profile | None, *, audience: str) -> list[str]:
    texts = [member.user.full_name]
    if member.company is not None:
        texts.append(member.company.name)
    if profile is None:
        return texts
    allowed = {Visibility.PUBLIC, Visibility.MEMBERS} if audience == "members" else set(Visibility)
    if profile.visibility_of("headline") in allowed:
        texts.append(profile.headline)
    for field in ("offers", "needs"):
        if profile.visibility_of(field) in allowed:
            texts.extend(str(item) for item in getattr(profile, field))
    if profile.visibility_of("interests") in allowed:
        texts.extend(interest.name for interest in profile.interests.all())
    if audience == "staff":
        texts.append(member.user.email)
    return texts


def member_search_refresh(*, member_ids: Iterable[int]) -> None:
    """Rebuild the folded search text of these members (after a profile or company change)."""
    members = list(Member.objects.filter(pk__in=list(member_ids)).select_related("user", "company"))
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(
            user_id__in=[member.user_id for member in members]
        ).prefetch_related("interests")
    }
    for member in members:
        profile = profiles.get(member.user_id)
        member.search_members = document_keys(_field_texts(member, profile, audience="members"))
        member.search_staff = document_keys(_field_texts(member, profile, audience="staff"))
    Member.objects.bulk_update(members, ["search_members", "search_staff"], batch_size=500)
