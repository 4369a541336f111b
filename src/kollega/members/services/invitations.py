"""Invitations by e-mail to a space and a company."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.companies.models import Company
from kollega.core.permissions import can_manage_company, is_space_staff
from kollega.matching.services.suggestions import suggestions_request_refresh
from kollega.members.models import (
    Invitation,
    Member,
    MemberStatus,
    Profile,
)
from kollega.members.services.profiles import user_set_language_no_save
from kollega.members.services.search import member_search_refresh
from kollega.notifications.services import email_queue
from kollega.spaces.models import Space

INVITATION_VALID_FOR = dt.timedelta(days=14)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _can_invite(*, actor: User, space: Space, company: Company | None) -> bool:
    if is_space_staff(user=actor, space=space):
        return True
    return company is not None and can_manage_company(user=actor, company=company)


@transaction.atomic
def invitation_create(
    *,
    space: Space,
    email: str,
    actor: User,
    company: Company | None = None,
    full_name: str = "",
    make_contact: bool = False,
    language: str = "",
) -> Invitation:
    """Invite someone by e-mail to the space (and a company). The e-mail goes out on commit.

    A pending invitation for the same address in the same space is replaced, since its
    link cannot be sent again (only its hash is kept).
    """
    if not _can_invite(actor=actor, space=space, company=company):
        raise PermissionDenied(_("You cannot invite people to this company."))
    if company is not None and company.space_id != space.pk:
        raise ValidationError({"company": _("This company belongs to another space.")})
    if make_contact and not is_space_staff(user=actor, space=space):
        raise PermissionDenied(_("Only the space's staff can name contact persons."))
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("“%(email)s” is not an e-mail address.") % {"email": email}}
        ) from None
    if Member.objects.filter(
        space=space, user__email__iexact=email, status=MemberStatus.ACTIVE
    ).exists():
        raise ValidationError(
            {
                "email": _("%(email)s is already a member of %(space)s.")
                % {"email": email, "space": space.name}
            }
        )
    known = {code for code, _name in settings.LANGUAGES}
    language = language if language in known else (space.languages or ["en"])[0]
    now = timezone.now()
    Invitation.objects.filter(
        space=space, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        space=space,
        company=company,
        email=email,
        full_name=full_name.strip()[:150],
        make_contact=make_contact,
        language=language,
        invited_by=actor,
        token_hash=_token_hash(token),
        expires_at=now + INVITATION_VALID_FOR,
    )
    email_queue(
        key=f"invitation:{invitation.pk}",
        to=email,
        template="members/email/invitation",
        language=language,
        context={
            "space": space.name,
            "company": company.name if company else "",
            "inviter": actor.full_name or actor.email,
            "name": invitation.full_name,
            "theme": space.theme,
            "house_values": space.house_values,
            "url": settings.KOLLEGA_BASE_URL + reverse("invite:accept", kwargs={"token": token}),
            "expires_at": invitation.expires_at,
        },
    )
    return invitation


def invitation_get_by_token(*, token: str) -> Invitation | None:
    """A pending, unexpired invitation for this token, or None."""
    invitation = (
        Invitation.objects.select_related("space", "company")
        .filter(token_hash=_token_hash(token), accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None or invitation.expires_at < timezone.now():
        return None
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    user: User | None = None,
    full_name: str = "",
    password: str = "",
    preferred_language: str = "",
) -> Member:
    """Accept an invitation: as the signed-in user with the invited address, or by creating
    an account with a name and password."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.password_validation import validate_password

    invitation = invitation_get_by_token(token=token)
    if invitation is None:
        raise ValidationError({"token": _("This invitation link is invalid, used or expired.")})
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError({"token": _("This invitation has already been used.")})
    if user is not None and user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            raise ValidationError(
                {
                    "token": _(
                        "This invitation was sent to %(email)s; sign in with that address to accept it."
                    )
                    % {"email": invitation.email}
                }
            )
    else:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                {
                    "token": _(
                        "An account for %(email)s exists already: sign in first, then open the link again."
                    )
                    % {"email": invitation.email}
                }
            )
        full_name = full_name.strip() or invitation.full_name
        if not full_name:
            raise ValidationError({"full_name": _("Please tell us your name.")})
        new_user = User(email=invitation.email, full_name=full_name[:150])
        try:
            validate_password(password, new_user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from None
        new_user.set_password(password)
        user_set_language_no_save(user=new_user, language=preferred_language or invitation.language)
        new_user.save()
        user = new_user
    EmailAddress.objects.update_or_create(
        user=user, email=invitation.email, defaults={"verified": True, "primary": True}
    )
    Profile.objects.get_or_create(user=user)
    member, created = Member.objects.get_or_create(
        space=invitation.space,
        user=user,
        defaults={"company": invitation.company, "is_company_contact": invitation.make_contact},
    )
    if not created:
        member.status = MemberStatus.ACTIVE
        member.left_at = None
        member.company = invitation.company or member.company
        member.is_company_contact = invitation.make_contact or member.is_company_contact
        member.save(update_fields=["status", "left_at", "company", "is_company_contact"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_member = member
    invitation.save(update_fields=["accepted_at", "accepted_member"])
    member_search_refresh(member_ids=[member.pk])
    suggestions_request_refresh(space_ids=[member.space_id])
    return member


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    if not _can_invite(actor=actor, space=invitation.space, company=invitation.company):
        raise PermissionDenied(_("You cannot manage this invitation."))
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation
