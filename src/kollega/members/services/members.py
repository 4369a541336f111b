"""A person's place in a space: adding, moving and removing members."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.companies.models import Company
from kollega.core.permissions import can_manage_company, is_space_staff
from kollega.matching.services.suggestions import suggestions_request_refresh
from kollega.members.models import (
    Member,
    MemberStatus,
    Profile,
)
from kollega.members.services.search import member_search_refresh
from kollega.spaces.models import Space


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
    suggestions_request_refresh(space_ids=[space.pk])
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
    suggestions_request_refresh(space_ids=[member.space_id])
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
        suggestions_request_refresh(space_ids=[member.space_id])
    return member
