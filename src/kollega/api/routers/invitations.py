"""Invitations by e-mail: staff invite anyone, a company's contact person their colleagues."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from kollega.api.errors import ERRORS
from kollega.api.routers.common import Id, Ref, Slug, Text, current_user, space_for_viewer
from kollega.companies.models import Company
from kollega.members.models import Invitation
from kollega.members.services import invitation_create

router = Router(tags=["invitations"])


class InvitationIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"email": "nora@example.org", "full_name": "Nora Nilsen", "company": 1}]
        }
    )

    email: Text = Field(max_length=254)
    company: Id | None = Field(
        None, description="Company id. Required for a contact person inviting colleagues."
    )
    full_name: Text = Field("", max_length=150)
    make_contact: bool = Field(False, description="Staff only: make them a contact person.")
    language: Text = Field(
        "",
        max_length=8,
        description="Language of the e-mail: "
        + ", ".join(code for code, _name in settings.LANGUAGES)
        + "; defaults to the space's first language.",
    )


class InvitationOut(Schema):
    id: int
    email: str
    full_name: str
    company: Ref | None
    make_contact: bool
    language: str
    created_at: dt.datetime
    expires_at: dt.datetime


def _out(invitation: Invitation) -> InvitationOut:
    company = invitation.company
    return InvitationOut(
        id=invitation.pk,
        email=invitation.email,
        full_name=invitation.full_name,
        company=Ref(id=company.pk, name=company.name) if company is not None else None,
        make_contact=invitation.make_contact,
        language=invitation.language,
        created_at=invitation.created_at,
        expires_at=invitation.expires_at,
    )


@router.post(
    "/spaces/{slug}/invitations",
    response={201: InvitationOut, **ERRORS},
    summary="Invite someone by e-mail",
    description="Staff invite anyone (to the space or a company); a company's contact person "
    "invites colleagues to their own company. The e-mail with the link is sent in the "
    "background; a pending invitation to the same address is replaced.",
)
def invitations_create(
    request: HttpRequest, slug: Slug, payload: InvitationIn
) -> Status[InvitationOut]:
    space = space_for_viewer(request, slug)
    company = None
    if payload.company is not None:
        company = Company.objects.filter(space=space, pk=payload.company).first()
        if company is None:
            raise ValidationError({"company": _("There is no such company in this space.")})
    invitation = invitation_create(
        space=space,
        email=payload.email,
        actor=current_user(request),
        company=company,
        full_name=payload.full_name,
        make_contact=payload.make_contact,
        language=payload.language,
    )
    return Status(201, _out(invitation))
