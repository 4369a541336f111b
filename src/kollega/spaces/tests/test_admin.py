"""Django admin is for rare fixes: every model is registered, lists and searches work."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse

from kollega.accounts.models import ApiToken, User
from kollega.companies.models import Company
from kollega.core.tests.factories import UserFactory
from kollega.members.models import Interest, Invitation, Member, Profile
from kollega.memberships.models import Membership, Plan
from kollega.memberships.services import membership_create
from kollega.notifications.models import OutboundEmail
from kollega.spaces.models import Operator, Space, SpaceStaff

pytestmark = pytest.mark.django_db

MODELS = [
    User,
    ApiToken,
    Operator,
    Space,
    SpaceStaff,
    Company,
    Plan,
    Membership,
    Member,
    Profile,
    Interest,
    Invitation,
    OutboundEmail,
]


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_model_has_a_searchable_changelist(superuser_client, world, model):
    assert admin.site.is_registered(model)
    meta = model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    assert superuser_client.get(url).status_code == 200
    assert superuser_client.get(url, {"q": "kari"}).status_code == 200


def test_membership_change_page_shows_history_and_cannot_delete(superuser_client, world):
    membership = membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.solo,
        start_date=dt.date(2026, 1, 1),
    ).membership
    url = reverse("admin:memberships_membership_change", args=[membership.pk])
    response = superuser_client.get(url)
    assert response.status_code == 200
    assert "Started" in response.text
    delete = reverse("admin:memberships_membership_delete", args=[membership.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_admin_creates_a_user_by_email(superuser_client, world):
    response = superuser_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "ny@example.org",
            "full_name": "Ny Person",
            "usable_password": "true",
            "password1": "a long enough pass 123",
            "password2": "a long enough pass 123",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="ny@example.org").full_name == "Ny Person"


def test_member_search_text_is_refreshed_after_an_admin_fix(superuser_client, world):
    member = world.ola_member
    url = reverse("admin:members_member_change", args=[member.pk])
    response = superuser_client.post(
        url,
        {
            "space": world.space_a.pk,
            "user": world.ola.pk,
            "company": world.solo.pk,
            "status": "active",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.company == world.solo
    assert "solo" in member.search_staff
