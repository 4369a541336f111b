"""Companies of a space. Members see the public details; staff also the organisation number
and whether a company is archived. Staff and a company's contact person may change it."""

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kollega.api.errors import ERRORS
from kollega.api.routers.common import (
    Count,
    Id,
    MappedQuerySet,
    Pagination,
    PatchSchema,
    Slug,
    Text,
    current_user,
    ensure_viewer,
    space_for_staff,
    space_for_viewer,
)
from kollega.companies.models import Company, Industry, Stage
from kollega.companies.selectors import company_list
from kollega.companies.services import company_create, company_update
from kollega.core.permissions import is_space_staff

router = Router(tags=["companies"])


class CompanyOut(Schema):
    id: int
    name: str
    industry: Industry
    stage: Stage
    employees: int
    website: str
    description: str
    org_number: str | None = Field(description="Staff only (null for members).")
    archived_at: dt.datetime | None = Field(
        description="Staff only: when the company was archived (null if not, or for members)."
    )


class CompanyFilters(Schema):
    q: Text = Field(
        "", max_length=200, description="Part of the name (or, for staff, org. number)."
    )
    industry: Industry | None = None
    stage: Stage | None = None
    include_archived: bool = Field(False, description="Staff only: also archived companies.")


class CompanyIn(Schema):
    name: Text = Field(max_length=200)
    stage: Stage
    org_number: Text = Field("", max_length=30, description="Digits; spaces and dashes are fine.")
    industry: Industry = Industry.OTHER
    employees: Count = 1
    website: Text = Field("", max_length=200)
    description: Text = ""


class CompanyUpdateIn(PatchSchema):
    """Only the fields sent are changed."""

    name: Text | None = None
    stage: Stage | None = None
    org_number: Text | None = None
    industry: Industry | None = None
    employees: Count | None = None
    website: Text | None = None
    description: Text | None = None


def _out(company: Company, *, staff: bool) -> CompanyOut:
    return CompanyOut(
        id=company.pk,
        name=company.name,
        industry=Industry(company.industry),
        stage=Stage(company.stage),
        employees=company.employees,
        website=company.website,
        description=company.description,
        org_number=company.org_number if staff else None,
        archived_at=company.archived_at if staff else None,
    )


def _company_for_viewer(request: HttpRequest, company_id: int) -> tuple[Company, bool]:
    company = Company.objects.select_related("space").filter(pk=company_id).first()
    if company is None:
        raise Http404
    ensure_viewer(request, company.space)
    staff = is_space_staff(user=current_user(request), space=company.space)
    if company.archived_at is not None and not staff:
        raise Http404
    return company, staff


@router.get(
    "/spaces/{slug}/companies",
    response={200: list[CompanyOut], **ERRORS},
    summary="List companies",
    description="Companies of the space by name.",
)
@paginate(Pagination)
def companies_list(
    request: HttpRequest, slug: Slug, filters: Query[CompanyFilters]
) -> MappedQuerySet[Company, CompanyOut]:
    space = space_for_viewer(request, slug)
    staff = is_space_staff(user=current_user(request), space=space)
    companies = company_list(
        space=space,
        query=filters.q if staff else "",
        industry=filters.industry or "",
        stage=filters.stage or "",
        include_archived=staff and filters.include_archived,
    )
    if filters.q and not staff:  # members search names only, never organisation numbers
        companies = companies.filter(name__icontains=filters.q)
    return MappedQuerySet(companies, lambda company: _out(company, staff=staff))


@router.get(
    "/companies/{company_id}", response={200: CompanyOut, **ERRORS}, summary="Get a company"
)
def company_get(request: HttpRequest, company_id: Id) -> CompanyOut:
    company, staff = _company_for_viewer(request, company_id)
    return _out(company, staff=staff)


@router.post(
    "/spaces/{slug}/companies",
    response={201: CompanyOut, **ERRORS},
    summary="Add a company",
    description="Staff only. The organisation number must be unique in the space.",
)
def companies_create(request: HttpRequest, slug: Slug, payload: CompanyIn) -> Status[CompanyOut]:
    space = space_for_staff(request, slug)
    company = company_create(space=space, actor=current_user(request), **payload.model_dump())
    return Status(201, _out(company, staff=True))


@router.patch(
    "/companies/{company_id}",
    response={200: CompanyOut, **ERRORS},
    summary="Change a company",
    description="Staff, or the company's own contact person. Send only the fields to change.",
)
def company_patch(request: HttpRequest, company_id: Id, payload: CompanyUpdateIn) -> CompanyOut:
    company, staff = _company_for_viewer(request, company_id)
    company = company_update(
        company=company, actor=current_user(request), **payload.model_dump(exclude_unset=True)
    )
    return _out(company, staff=staff)
