"""Personal API tokens and the language setting, through the services."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kollega.accounts.models import ApiToken
from kollega.accounts.services import api_token_authenticate, api_token_create, api_token_revoke
from kollega.members.services import user_set_language

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_only_as_a_hash(world):
    token, secret = api_token_create(user=world.cecilie, name="  Booking sync  ")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.name == "Booking sync"
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(stored.prefix) and len(stored.prefix) < len(secret)
    assert secret not in {stored.name, stored.prefix, stored.token_hash}


def test_a_token_authenticates_its_owner_until_revoked(world):
    token, secret = api_token_create(user=world.cecilie, name="Script")
    assert api_token_authenticate(secret=secret) == world.cecilie
    token.refresh_from_db()
    assert token.last_used_at is not None
    api_token_revoke(token=token, actor=world.cecilie)
    assert api_token_authenticate(secret=secret) is None
    assert api_token_authenticate(secret="klg_not-a-real-token") is None


def test_only_staff_create_tokens(world):
    with pytest.raises(PermissionDenied):
        api_token_create(user=world.kari, name="Mine")
    assert not ApiToken.objects.exists()


def test_a_token_needs_a_name(world):
    with pytest.raises(ValidationError) as error:
        api_token_create(user=world.cecilie, name="   ")
    assert "name" in error.value.message_dict


def test_only_the_owner_revokes_a_token(world):
    token, _secret = api_token_create(user=world.cecilie, name="Script")
    with pytest.raises(PermissionDenied):
        api_token_revoke(token=token, actor=world.bjorn)
    token.refresh_from_db()
    assert token.is_active


def test_the_preferred_language_is_one_of_the_interface_languages(world):
    user_set_language(user=world.ola, language="nb")
    world.ola.refresh_from_db()
    assert world.ola.preferred_language == "nb"
    with pytest.raises(ValidationError):
        user_set_language(user=world.ola, language="klingon")
    world.ola.refresh_from_db()
    assert world.ola.preferred_language == "nb"
