from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.companies.models import Company
from kollega.core.permissions import can_manage_company, is_space_staff
from kollega.spaces.models import Space

COMPANY_FIELDS = {"name", "org_number", "industry", "stage", "employees", "website", "description"}
_ORG_NUMBER = re.compile(r"^[0-9]{6,12}$")


def normalise_org_number(value: str) -> str:
    """Organisation numbers (NO 9 digits, DK CVR 8, SE 10 as NNNNNN-NNNN) without spaces/dashes."""
    digits = re.sub(r"[\s\-.]", "", value or "")
    if digits and not _ORG_NUMBER.match(digits):
        raise ValidationError(
            {
                "org_number": _(
                    "An organisation number has 6 to 12 digits (spaces and dashes are fine)."
                )
            }
        )
    return digits


def _check_unique_org_number(*, space: Space, org_number: str, exclude_pk: int | None) -> None:
    if not org_number:
        return
    clash = Company.objects.filter(space=space, org_number=org_number)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {
                "org_number": _(
                    "%(company)s in this space already has organisation number %(number)s."
                )
                % {"company": clash.first(), "number": org_number}
            }
        )


@transaction.atomic
def company_create(
    *, space: Space, actor: User | None, name: str, stage: str, **fields: Any
) -> Company:
    if actor is not None and not is_space_staff(user=actor, space=space):
        raise PermissionDenied(_("Only the space's staff can add companies."))
    unknown = set(fields) - COMPANY_FIELDS
    if unknown:
        raise ValidationError({field: _("Unknown field.") for field in unknown})
    fields["org_number"] = normalise_org_number(fields.get("org_number", ""))
    _check_unique_org_number(space=space, org_number=fields["org_number"], exclude_pk=None)
    company = Company(space=space, name=name.strip(), stage=stage, **fields)
    company.full_clean()
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:
        raise ValidationError(
            {"org_number": _("This organisation number is already used.")}
        ) from None
    return company


@transaction.atomic
def company_update(*, company: Company, actor: User, **fields: Any) -> Company:
    """Staff change anything; a company's contact person may update its public details."""
    if not can_manage_company(user=actor, company=company):
        raise PermissionDenied(_("You cannot change this company."))
    unknown = set(fields) - COMPANY_FIELDS
    if unknown:
        raise ValidationError({field: _("Unknown field.") for field in unknown})
    if "org_number" in fields:
        fields["org_number"] = normalise_org_number(fields["org_number"])
        _check_unique_org_number(
            space=company.space, org_number=fields["org_number"], exclude_pk=company.pk
        )
    for name, value in fields.items():
        setattr(company, name, value)
    company.full_clean()
    company.save()
    if "name" in fields:
        from kollega.members.services import member_search_refresh

        member_search_refresh(member_ids=company.people.values_list("pk", flat=True))
    return company


@transaction.atomic
def company_archive(*, company: Company, actor: User) -> Company:
    """Hide a company that has left; its history and memberships are kept."""
    if not is_space_staff(user=actor, space=company.space):
        raise PermissionDenied(_("Only the space's staff can archive companies."))
    if company.archived_at is None:
        company.archived_at = timezone.now()
        company.save(update_fields=["archived_at"])
    return company
