"""Profiles: what a person tells the community, its photo and its completeness."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.matching.services.suggestions import suggestions_request_refresh
from kollega.members.models import (
    VISIBLE_FIELDS,
    Interest,
    Member,
    Profile,
    Visibility,
    Weekday,
)
from kollega.members.services.search import member_search_refresh

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
    places = list(Member.objects.filter(user=user).values_list("pk", "space_id"))
    member_search_refresh(member_ids=[member_id for member_id, _space in places])
    suggestions_request_refresh(space_ids=[space_id for _member, space_id in places])
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
    # suggestions are written in the reader's language
    suggestions_request_refresh(
        space_ids=Member.objects.filter(user=user).values_list("space_id", flat=True)
    )
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
