from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.core.permissions import is_space_staff
from kollega.spaces.models import Operator, Space, SpaceStaff

SPACE_FIELDS = {
    "name",
    "slug",
    "address",
    "time_zone",
    "currency",
    "languages",
    "theme",
    "house_values",
    "max_seats_per_company",
}


# Space slugs appear in URLs next to fixed paths such as /manage/new/.
RESERVED_SLUGS = {"new", "api", "admin", "accounts", "static", "media"}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:50] or "space"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Space.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def space_create(*, operator: Operator, actor: User | None, name: str, **fields: Any) -> Space:
    """Open a new space for an operator. Only the operator's admins (or superusers) may."""
    if actor is not None and not (
        actor.is_superuser or operator.admins.filter(pk=actor.pk).exists()
    ):
        raise PermissionDenied(_("Only the operator's admins can open a new space."))
    unknown = set(fields) - SPACE_FIELDS
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in unknown})
    fields.setdefault("languages", ["nb", "en"])
    space = Space(operator=operator, name=name, **fields)
    if not space.slug:
        space.slug = _unique_slug(name)
    if space.slug in RESERVED_SLUGS:
        raise ValidationError(
            {"slug": _("“%(slug)s” is reserved; choose another short name.") % {"slug": space.slug}}
        )
    space.full_clean()
    space.save()
    return space


@transaction.atomic
def space_update(*, space: Space, actor: User, **fields: Any) -> Space:
    if not is_space_staff(user=actor, space=space):
        raise PermissionDenied(_("Only the space's staff can change its settings."))
    unknown = set(fields) - SPACE_FIELDS
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in unknown})
    for name, value in fields.items():
        setattr(space, name, value)
    space.full_clean()
    space.save()
    return space


@transaction.atomic
def space_staff_add(*, space: Space, user: User, title: str = "Community manager") -> SpaceStaff:
    staff, _created = SpaceStaff.objects.get_or_create(
        space=space, user=user, defaults={"title": title}
    )
    return staff


@transaction.atomic
def operator_create(*, name: str, admins: list[User] | None = None) -> Operator:
    operator = Operator.objects.create(name=name)
    if admins:
        operator.admins.set(admins)
    return operator
