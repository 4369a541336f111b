"""Helpers for matchmaking tests: more personas, and profile and preference changes made
through the services, as a member would make them."""

from __future__ import annotations

from typing import Any

from kollega.accounts.models import User
from kollega.companies.models import Company
from kollega.core.tests.factories import CompanyFactory, MemberFactory, UserFactory
from kollega.matching.services import preference_update
from kollega.members.models import Member
from kollega.members.services import profile_update
from kollega.spaces.models import Space


def person(
    space: Space,
    *,
    full_name: str,
    email: str,
    language: str = "",
    company: Company | None = None,
    company_name: str = "",
) -> Member:
    """A new member of `space`; `company_name` founds a company of their own there."""
    if company is None and company_name:
        company = CompanyFactory(space=space, name=company_name)
    user: User = UserFactory(full_name=full_name, email=email, preferred_language=language)
    member: Member = MemberFactory(space=space, user=user, company=company)
    return member


def profile_set(member: Member, **fields: Any) -> None:
    """`member` edits their own profile (offers, needs, presence_days, visibility, ...)."""
    profile_update(user=member.user, actor=member.user, **fields)


def pairing_opt_in(*members: Member) -> None:
    for member in members:
        preference_update(member=member, actor=member.user, pairing_opt_in=True)
