"""Invitations, photos and the personal-data export, through the services and selectors."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from kollega.accounts.models import User
from kollega.accounts.services import api_token_create
from kollega.core.tests.factories import PlanFactory
from kollega.members.gdpr import user_data_export
from kollega.members.models import Invitation, Member, Profile
from kollega.members.selectors import InvitationStatus, invitation_list
from kollega.members.services import (
    invitation_accept,
    invitation_create,
    invitation_get_by_token,
    invitation_revoke,
    profile_set_photo,
    profile_update,
)
from kollega.memberships.services import membership_create

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "fjord og fjell 2026"


def token_from_outbox(index: int = -1) -> str:
    match = re.search(r"/invite/([^/\s]+)/", mail.outbox[index].body)
    assert match is not None
    return match.group(1)


def invite(world, capture, email: str = "nina@fjordkraft.no", **kwargs) -> Invitation:
    with capture(execute=True):
        return invitation_create(
            space=world.space_a, company=world.fjordkraft, email=email, actor=world.kari, **kwargs
        )


# --- invitations ----------------------------------------------------------------------------


def test_an_invitation_sends_one_email_after_commit_in_the_chosen_language(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        invitation = invitation_create(
            space=world.space_a,
            company=world.fjordkraft,
            email="Nina@Fjordkraft.NO",
            actor=world.kari,
            full_name="Nina Berg",
            language="en",
        )
        assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert invitation.email == "nina@fjordkraft.no"
    assert invitation.expires_at > timezone.now() + dt.timedelta(days=13)
    token = token_from_outbox()
    assert invitation.token_hash != token  # only the hash is stored
    assert invitation_get_by_token(token=token) == invitation


def test_inviting_again_replaces_the_old_link(world, django_capture_on_commit_callbacks):
    invite(world, django_capture_on_commit_callbacks)
    first = token_from_outbox()
    invite(world, django_capture_on_commit_callbacks)
    second = token_from_outbox()
    assert invitation_get_by_token(token=first) is None
    assert invitation_get_by_token(token=second) is not None
    assert (
        invitation_list(
            space=world.space_a, company=world.fjordkraft, status=InvitationStatus.PENDING
        ).count()
        == 1
    )


def test_accepting_creates_the_account_the_member_and_uses_up_the_link(
    world, django_capture_on_commit_callbacks
):
    invite(world, django_capture_on_commit_callbacks, full_name="Nina Berg")
    token = token_from_outbox()
    member = invitation_accept(
        token=token, full_name="", password=NEW_PASSWORD, preferred_language="sv"
    )
    assert member.user.full_name == "Nina Berg"  # taken from the invitation
    assert member.user.preferred_language == "sv"
    assert member.user.check_password(NEW_PASSWORD)
    assert member.company == world.fjordkraft and not member.is_company_contact
    assert Profile.objects.filter(user=member.user).exists()
    with pytest.raises(ValidationError) as error:
        invitation_accept(token=token, full_name="Nina", password=NEW_PASSWORD)
    assert "token" in error.value.message_dict
    assert User.objects.filter(email="nina@fjordkraft.no").count() == 1


def test_a_weak_password_is_refused_on_the_password_field(
    world, django_capture_on_commit_callbacks
):
    invite(world, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as error:
        invitation_accept(token=token_from_outbox(), full_name="Nina", password="12345")
    assert "password" in error.value.message_dict
    assert not User.objects.filter(email="nina@fjordkraft.no").exists()


def test_an_expired_invitation_cannot_be_used(world, django_capture_on_commit_callbacks):
    invite(world, django_capture_on_commit_callbacks)
    token = token_from_outbox()
    with time_machine.travel(timezone.now() + dt.timedelta(days=15)):
        assert invitation_get_by_token(token=token) is None
        with pytest.raises(ValidationError):
            invitation_accept(token=token, full_name="Nina", password=NEW_PASSWORD)


def test_a_revoked_invitation_cannot_be_used(world, django_capture_on_commit_callbacks):
    invitation = invite(world, django_capture_on_commit_callbacks)
    invitation_revoke(invitation=invitation, actor=world.kari)
    assert invitation_get_by_token(token=token_from_outbox()) is None
    assert invitation_list(space=world.space_a, status=InvitationStatus.PENDING).count() == 0


def test_only_the_companys_contact_or_staff_may_invite_to_it(world):
    with pytest.raises(PermissionDenied):
        invitation_create(
            space=world.space_a, company=world.solo, email="x@solo.dk", actor=world.kari
        )
    with pytest.raises(PermissionDenied):
        invitation_create(
            space=world.space_a, company=world.fjordkraft, email="x@fk.no", actor=world.ola
        )
    with pytest.raises(PermissionDenied):
        invitation_create(
            space=world.space_a, company=world.fjordkraft, email="x@fk.no", actor=world.bjorn
        )


def test_accepting_while_signed_in_requires_the_invited_address(
    world, django_capture_on_commit_callbacks
):
    invite(world, django_capture_on_commit_callbacks, email="sven@bygda.se")
    token = token_from_outbox()
    with pytest.raises(ValidationError):
        invitation_accept(token=token, user=world.ola)
    member = invitation_accept(token=token, user=world.sven)
    assert member.space == world.space_a and member.company == world.fjordkraft
    assert Member.objects.filter(user=world.sven).count() == 2  # still in space B too


# --- photos ---------------------------------------------------------------------------------


def _jpeg_with_location() -> bytes:
    image = Image.new("RGB", (1600, 1200), (30, 90, 150))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 54.0, 0.0)}  # GPSInfo: Oslo
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_a_photo_is_scaled_down_and_stripped_of_location_data(world):
    upload = SimpleUploadedFile("me.jpg", _jpeg_with_location(), content_type="image/jpeg")
    assert Image.open(io.BytesIO(upload.read())).getexif()  # it had metadata
    upload.seek(0)
    profile = profile_set_photo(user=world.ola, actor=world.ola, upload=upload)
    with profile.photo.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert image.format == "JPEG"
    assert max(image.size) == 800
    assert not image.getexif()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        (
            "anim.gif",
            b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04"
            b"\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
        ),
    ],
)
def test_only_jpeg_png_and_webp_photos_are_accepted(world, name, content):
    with pytest.raises(ValidationError) as error:
        profile_set_photo(user=world.ola, actor=world.ola, upload=SimpleUploadedFile(name, content))
    assert "photo" in error.value.message_dict


def test_nobody_sets_another_members_photo(world):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="PNG")
    with pytest.raises(PermissionDenied):
        profile_set_photo(
            user=world.ola,
            actor=world.cecilie,
            upload=SimpleUploadedFile("x.png", buffer.getvalue()),
        )


# --- personal data export -------------------------------------------------------------------


def test_the_data_export_holds_everything_about_the_person_and_no_secrets(
    world, django_capture_on_commit_callbacks
):
    sven = world.sven
    profile_update(
        user=sven,
        actor=sven,
        headline="Snickare",
        phone="+46 70 000 00 00",
        offers=["Möbler"],
        interests=["Trä"],
        visibility={"phone": "staff"},
    )
    plan_b = PlanFactory(space=world.space_b, name="Skrivbord", currency="SEK")
    membership_create(
        space=world.space_b,
        plan=plan_b,
        member=world.sven_member,
        start_date=dt.date(2025, 3, 1),
        actor=world.bjorn,
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            space=world.space_a, email="sven@bygda.se", actor=world.cecilie, company=world.solo
        )
    data = user_data_export(user=sven)

    assert data["user"]["email"] == "sven@bygda.se"
    assert data["user"]["full_name"] == "Sven Svensson"
    assert data["profile"]["headline"] == "Snickare"
    assert data["profile"]["phone"] == "+46 70 000 00 00"  # own staff-only fields included
    assert data["profile"]["interests"] == ["Trä"]
    assert data["profile"]["visibility"]["phone"] == "staff"
    assert [(m["space"], m["company"], m["status"]) for m in data["members"]] == [
        ("Bygda Cowork", None, "active")
    ]
    membership = data["individual_memberships"][0]
    assert (
        membership["plan"],
        membership["start_date"],
        membership["monthly_price"],
        membership["currency"],
    ) == ("Skrivbord", "2025-03-01", "3500.00", "SEK")
    received = data["invitations_received"][0]
    assert (received["space"], received["company"], received["invited_by"]) == (
        "Smartby Hub",
        "Solo Design",
        "Cecilie Berg",
    )
    assert received["accepted_at"] is None
    assert data["emails_sent_to_you"][0]["sent_at"] is not None

    text = json.dumps(data)  # plain JSON, no special encoder needed
    assert "token_hash" not in text and sven.password not in text


def test_the_data_export_lists_token_names_but_never_their_secrets(world):
    token, secret = api_token_create(user=world.cecilie, name="Sync")
    data = user_data_export(user=world.cecilie)
    assert data["api_tokens"] == [
        {
            "name": "Sync",
            "prefix": token.prefix,
            "created_at": token.created_at.isoformat(),
            "last_used_at": None,
            "revoked_at": None,
        }
    ]
    assert secret not in json.dumps(data) and token.token_hash not in json.dumps(data)


def test_the_data_export_contains_nobody_else(world):
    profile_update(user=world.kari, actor=world.kari, headline="Kari's secret headline")
    data = user_data_export(user=world.ola)
    assert "Kari" not in json.dumps(data, ensure_ascii=False)
