"""The folded search text of members (see members/search.py for the folding)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from kollega.members.models import (
    VISIBLE_FIELDS,
    Member,
    Profile,
    Visibility,
)
from kollega.members.search import document_keys

_MEMBER_AUDIENCE = {Visibility.PUBLIC, Visibility.MEMBERS}


def search_texts(
    *,
    full_name: str,
    company: str | None,
    email: str,
    headline: str,
    offers: Sequence[str],
    needs: Sequence[str],
    interests: Sequence[str],
    visibility: Mapping[str, str],
    staff: bool,
) -> list[str]:
    """The texts of one member that go into the search document of an audience: everything
    for staff; for members only the fields the member lets members of their space see."""
    texts = [full_name]
    if company is not None:
        texts.append(company)

    def shown(name: str) -> bool:
        return staff or visibility.get(name, VISIBLE_FIELDS[name]) in _MEMBER_AUDIENCE

    if shown("headline"):
        texts.append(headline)
    if shown("offers"):
        texts.extend(offers)
    if shown("needs"):
        texts.extend(needs)
    if shown("interests"):
        texts.extend(interests)
    if staff:
        texts.append(email)
    return texts


def _field_texts(member: Member, profile: Profile | None, *, audience: str) -> list[str]:
    company = member.company.name if member.company is not None else None
    if profile is None:
        return [member.user.full_name] + ([company] if company is not None else [])
    return search_texts(
        full_name=member.user.full_name,
        company=company,
        email=member.user.email,
        headline=profile.headline,
        offers=[str(item) for item in profile.offers],
        needs=[str(item) for item in profile.needs],
        interests=[interest.name for interest in profile.interests.all()],
        visibility=profile.visibility or {},
        staff=audience == "staff",
    )


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
