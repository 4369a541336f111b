"""Members, profiles and invitations."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.companies.models import Company
from kollega.core.permissions import can_manage_company, is_space_staff
from kollega.members.models import (
    VISIBLE_FIELDS,
    Interest,
    Invitation,
    Member,
    MemberStatus,
    Profile,
    Visibility,
    Weekday,
)
from kollega.members.search import document_keys
from kollega.notifications.services import email_queue
from kollega.spaces.models import Space

INVITATION_VALID_FOR = dt.timedelta(days=14)
MAX_LIST_ITEMS = 20
MAX_ITEM_LENGTH = 200
LANGUAGE_CODES = {
    "en",
    "nb",
    "nn",
    "da",
    "sv",
    "fi",
    "is",
    "de",
    "fr",
    "es",
    "it",
    "nl",
    "pl",
    "pt",
    "uk",
    "ru",
    "ar",
    "zh",
    "ja",
    "hi",
    "tr",
    "fa",
    "so",
    "ti",
    "lt",
    "lv",
    "et",
    "se",
}
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
PHOTO_MAX_SIDE = 800


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- search ---------------------------------------------------------------------------------


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


# --- profiles -------------------------------------------------------------------------------


def _clean_text_list(value: Any, field: str) -> list[str]:
    if not isinstance(value, list):
        raise ValidationError({field: _("Give a list of short texts.")})
    items = [str(item).strip() for item in value if str(item).strip()]
    if len(items) > MAX_LIST_ITEMS:
        raise ValidationError({field: _("At most %(n)d items.") % {"n": MAX_LIST_ITEMS}})
    too_long = [item for item in items if len(item) > MAX_ITEM_LENGTH]
    if too_long:
        raise ValidationError(
            {
                field: _("“%(item)s…” is longer than %(n)d characters.")
                % {"item": too_long[0][:30], "n": MAX_ITEM_LENGTH}
            }
        )
    return list(dict.fromkeys(items))


def _clean_profile_field(name: str, value: Any) -> Any:
    if name in {"offers", "needs"}:
        return _clean_text_list(value, name)
    if name == "languages":
        codes = _clean_text_list(value, name)
        unknown = [code for code in codes if code not in LANGUAGE_CODES]
        if unknown:
            raise ValidationError(
                {name: _("Unknown language code: %(code)s.") % {"code": unknown[0]}}
            )
        return codes
    if name == "presence_days":
        days = _clean_text_list(value, name)
        unknown = [day for day in days if day not in Weekday.values]
        if unknown:
            raise ValidationError({name: _("Unknown weekday: %(day)s.") % {"day": unknown[0]}})
        return [day for day in Weekday.values if day in days]
    if name == "links":
        links = _clean_text_list(value, name)
        validate = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                validate(link)
            except ValidationError:
                raise ValidationError(
                    {
                        name: _("“%(link)s” is not a web address (http:// or https://).")
                        % {"link": link}
                    }
                ) from None
        return links
    if name == "visibility":
        if not isinstance(value, dict):
            raise ValidationError({name: _("Give a visibility level for each field.")})
        cleaned = {}
        for field, level in value.items():
            if field not in VISIBLE_FIELDS:
                raise ValidationError({name: _("Unknown profile field: %(f)s.") % {"f": field}})
            if level not in Visibility.values:
                raise ValidationError(
                    {
                        name: _("Unknown visibility “%(level)s” for %(f)s.")
                        % {"level": level, "f": field}
                    }
                )
            cleaned[field] = level
        return cleaned
    return value


@transaction.atomic
def profile_update(*, user: User, actor: User, **fields: Any) -> Profile:
    """Update a profile. Only the person themself may change it.

    Accepted fields: headline, bio, phone, languages, offers, needs, presence_days, links,
    visibility (a partial dict merged into the current one), interests (a list of names),
    full_name and preferred_language (stored on the user).
    """
    if actor.pk != user.pk:
        raise PermissionDenied(_("Only the member can change their own profile."))
    profile, _created = Profile.objects.get_or_create(user=user)
    simple = {"headline", "bio", "phone", "languages", "offers", "needs", "presence_days", "links"}
    unknown = set(fields) - simple - {"visibility", "interests", "full_name", "preferred_language"}
    if unknown:
        raise ValidationError({name: _("Unknown profile field.") for name in unknown})
    for name in simple & set(fields):
        setattr(profile, name, _clean_profile_field(name, fields[name]))
    if "visibility" in fields:
        profile.visibility = {
            **profile.visibility,
            **_clean_profile_field("visibility", fields["visibility"]),
        }
    profile.full_clean(exclude=["photo", "user"])
    profile.save()
    if "interests" in fields:
        names = _clean_text_list(fields["interests"], "interests")
        profile.interests.set([interest_get_or_create(name=name) for name in names])
    user_fields = []
    if "full_name" in fields:
        full_name = str(fields["full_name"]).strip()
        if not full_name:
            raise ValidationError({"full_name": _("Your name cannot be empty.")})
        user.full_name = full_name[:150]
        user_fields.append("full_name")
    if "preferred_language" in fields:
        user_set_language_no_save(user=user, language=str(fields["preferred_language"]))
        user_fields.append("preferred_language")
    if user_fields:
        user.save(update_fields=user_fields)
    member_search_refresh(member_ids=Member.objects.filter(user=user).values_list("pk", flat=True))
    return profile


def interest_get_or_create(*, name: str) -> Interest:
    name = " ".join(name.split())[:80]
    existing = Interest.objects.filter(name__iexact=name).first()
    return existing or Interest.objects.create(name=name)


def user_set_language_no_save(*, user: User, language: str) -> None:
    known = {code for code, _name in settings.LANGUAGES}
    if language and language not in known:
        raise ValidationError({"preferred_language": _("Unknown language.")})
    user.preferred_language = language


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    user_set_language_no_save(user=user, language=language)
    user.save(update_fields=["preferred_language"])
    return user


@transaction.atomic
def profile_set_photo(*, user: User, actor: User, upload: UploadedFile) -> Profile:
    """Store a profile photo: JPEG, PNG or WebP only, size-limited, re-encoded without metadata
    (no location data from the camera), at most 800 px on its longest side."""
    from PIL import Image, UnidentifiedImageError

    if actor.pk != user.pk:
        raise PermissionDenied(_("Only the member can change their own photo."))
    limit = settings.KOLLEGA_MAX_PHOTO_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {"photo": _("The photo is too large: at most %(mb).1f MB.") % {"mb": limit / 1048576}}
        )
    image: Image.Image
    try:
        image = Image.open(upload)
        image_format = image.format or ""
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError({"photo": _("This file is not a picture we can read.")}) from None
    if image_format not in PHOTO_FORMATS:
        raise ValidationError({"photo": _("Use a JPEG, PNG or WebP picture.")})
    image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    if image_format == "JPEG" and image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    profile, _created = Profile.objects.get_or_create(user=user)
    if profile.photo:
        profile.photo.delete(save=False)
    profile.photo.save(
        f"photo.{PHOTO_FORMATS[image_format]}", ContentFile(buffer.getvalue()), save=True
    )
    return profile


@transaction.atomic
def profile_remove_photo(*, user: User, actor: User) -> Profile:
    if actor.pk != user.pk:
        raise PermissionDenied(_("Only the member can change their own photo."))
    profile, _created = Profile.objects.get_or_create(user=user)
    if profile.photo:
        profile.photo.delete(save=True)
    return profile


@dataclass(frozen=True)
class Completeness:
    percent: int
    suggestions: list[str]


def profile_completeness(*, profile: Profile) -> Completeness:
    """How complete a profile is, and concrete next steps, most useful first."""
    checks: list[tuple[bool, str]] = [
        (
            bool(profile.offers) and len(profile.offers) >= 2,
            _("Add at least two things you can help others with, so the right people find you."),
        ),
        (
            bool(profile.needs),
            _("Say what you are looking for right now: a skill, a partner, customers, advice."),
        ),
        (bool(profile.headline), _("Write a one-line headline about what you do.")),
        (bool(profile.photo), _("Add a photo so people recognise you at the coffee machine.")),
        (len(profile.bio) >= 80, _("Tell a little more about yourself (a few sentences).")),
        (
            profile.pk is not None and profile.interests.count() >= 3,
            _("Pick at least three interests or themes you care about."),
        ),
        (
            bool(profile.presence_days),
            _("Mark the days you are usually in, so others know when to find you."),
        ),
        (bool(profile.languages), _("List the languages you speak.")),
        (bool(profile.links), _("Add a link: your website, portfolio or LinkedIn.")),
    ]
    done = sum(1 for ok, _text in checks if ok)
    return Completeness(
        percent=round(100 * done / len(checks)),
        suggestions=[text for ok, text in checks if not ok],
    )


# --- invitations and members ----------------------------------------------------------------


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
    return member


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    if not _can_invite(actor=actor, space=invitation.space, company=invitation.company):
        raise PermissionDenied(_("You cannot manage this invitation."))
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def member_create(
    *, space: Space, user: User, company: Company | None = None, is_company_contact: bool = False
) -> Member:
    """Add an existing user to a space directly (staff tools, demo data)."""
    if company is not None and company.space_id != space.pk:
        raise ValidationError({"company": _("This company belongs to another space.")})
    Profile.objects.get_or_create(user=user)
    member = Member.objects.create(
        space=space, user=user, company=company, is_company_contact=is_company_contact
    )
    member_search_refresh(member_ids=[member.pk])
    return member


@transaction.atomic
def member_remove(*, member: Member, actor: User) -> Member:
    """A contact person removes a colleague from their company (or staff remove anyone).
    The member becomes a former member of the space; nothing is deleted."""
    member = (
        Member.objects.select_for_update(of=("self",))  # company is nullable: lock only members
        .select_related("company", "space")
        .get(pk=member.pk)
    )
    staff = is_space_staff(user=actor, space=member.space)
    if not staff:
        if member.company is None or not can_manage_company(user=actor, company=member.company):
            raise PermissionDenied(_("You can only remove colleagues from your own company."))
        if member.user_id == actor.pk:
            raise ValidationError(_("You cannot remove yourself; ask the community manager."))
    if member.status == MemberStatus.FORMER:
        raise ValidationError(_("%(name)s is already a former member.") % {"name": member.user})
    member.status = MemberStatus.FORMER
    member.left_at = timezone.now()
    member.is_company_contact = False
    member.save(update_fields=["status", "left_at", "is_company_contact"])
    return member


@transaction.atomic
def member_update(
    *,
    member: Member,
    actor: User,
    company: Company | object | None = ...,
    is_company_contact: bool | None = None,
) -> Member:
    """Staff move a member to another company or name them contact person."""
    if not is_space_staff(user=actor, space=member.space):
        raise PermissionDenied(_("Only the space's staff can change this."))
    fields = []
    if company is not ...:
        if isinstance(company, Company) and company.space_id != member.space_id:
            raise ValidationError({"company": _("This company belongs to another space.")})
        member.company = company if isinstance(company, Company) else None
        fields.append("company")
    if is_company_contact is not None:
        member.is_company_contact = is_company_contact
        fields.append("is_company_contact")
    if fields:
        member.save(update_fields=fields)
        member_search_refresh(member_ids=[member.pk])
    return member
