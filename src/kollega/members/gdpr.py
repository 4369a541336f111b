"""Personal data: a copy of everything Kollega holds about one person (GDPR art. 15 and 20).

Secrets are never exported (password and token hashes, invitation tokens); everything else
about the person is, as plain JSON-ready values.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from allauth.account.models import EmailAddress

from kollega.accounts.models import ApiToken, User
from kollega.bookings.selectors import bookings_data_export
from kollega.events.selectors import events_data_export
from kollega.matching.selectors import matching_data_export
from kollega.members.models import Invitation, Member, Profile
from kollega.memberships.models import Membership
from kollega.notifications.models import OutboundEmail

EXPORT_FORMAT_VERSION = 1


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _row(obj: object, names: list[str]) -> dict[str, Any]:
    return {name: _value(getattr(obj, name)) for name in names}


def user_data_export(*, user: User) -> dict[str, Any]:
    """All data held about `user`, as a dict of JSON-ready values."""
    from django.utils import timezone

    profile = Profile.objects.filter(user=user).prefetch_related("interests").first()
    profile_data: dict[str, Any] | None = None
    if profile is not None:
        profile_data = {
            **_row(
                profile,
                [
                    "headline",
                    "bio",
                    "languages",
                    "offers",
                    "needs",
                    "presence_days",
                    "links",
                    "phone",
                    "visibility",
                    "updated_at",
                ],
            ),
            "interests": [interest.name for interest in profile.interests.all()],
            "photo": profile.photo.name or None,
        }
    members = Member.objects.filter(user=user).select_related("space", "company").order_by("pk")
    invitations = (
        Invitation.objects.filter(email__iexact=user.email)
        .select_related("space", "company", "invited_by")
        .order_by("created_at")
    )
    memberships = (
        Membership.objects.filter(member__user=user)
        .select_related("space", "plan")
        .order_by("start_date", "pk")
    )
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": _value(timezone.now()),
        "user": _row(
            user,
            ["email", "full_name", "preferred_language", "date_joined", "last_login", "is_active"],
        ),
        "email_addresses": [
            _row(address, ["email", "verified", "primary"])
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "profile": profile_data,
        "members": [
            {
                "space": member.space.name,
                "space_slug": member.space.slug,
                "company": member.company.name if member.company else None,
                **_row(member, ["is_company_contact", "status", "joined_at", "left_at"]),
            }
            for member in members
        ],
        "invitations_received": [
            {
                "space": invitation.space.name,
                "company": invitation.company.name if invitation.company else None,
                "invited_by": str(invitation.invited_by) if invitation.invited_by else None,
                **_row(
                    invitation,
                    [
                        "email",
                        "full_name",
                        "language",
                        "created_at",
                        "expires_at",
                        "accepted_at",
                        "revoked_at",
                    ],
                ),
            }
            for invitation in invitations
        ],
        "individual_memberships": [
            {
                "space": membership.space.name,
                "plan": membership.plan.name,
                "plan_kind": membership.plan.kind,
                "monthly_price": _value(membership.plan.monthly_price),
                "currency": membership.plan.currency,
                **_row(membership, ["seats", "start_date", "notice_given_on", "end_date"]),
            }
            for membership in memberships
        ],
        "api_tokens": [
            _row(token, ["name", "prefix", "created_at", "last_used_at", "revoked_at"])
            for token in ApiToken.objects.filter(user=user).order_by("created_at")
        ],
        "matchmaking": matching_data_export(user=user),
        "bookings": bookings_data_export(user=user),
        "events": events_data_export(user=user),
        "emails_sent_to_you": [
            _row(email, ["subject", "language", "created_at", "sent_at"])
            for email in OutboundEmail.objects.filter(to__iexact=user.email).order_by("created_at")
        ],
    }
