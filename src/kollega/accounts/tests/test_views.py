"""A person's own pages through HTTP: sign-in (password, code, throttling), profile editing,
photos, settings (language, API tokens) and the data export."""

from __future__ import annotations

import hashlib
import io
import json
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from conftest import PASSWORD
from kollega.accounts.models import ApiToken
from kollega.members.models import Profile
from kollega.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def png_upload(name: str = "me.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50), (10, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- signing in -----------------------------------------------------------------------------


def test_login_page_fits_the_site_and_offers_a_code_and_a_reset(client, db):
    response = client.get(reverse("account_login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in html  # extends base.html
    assert reverse("account_request_login_code") in html
    assert reverse("account_reset_password") in html
    assert "style=" not in html
    code_page = client.get(reverse("account_request_login_code")).content.decode()
    assert 'class="site-header"' in code_page and 'name="email"' in code_page


def test_sign_in_with_email_and_password(client, world):
    response = client.post(
        reverse("account_login"), {"login": "kari@fjordkraft.no", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert is_signed_in(client)


def test_sign_in_with_a_code_by_email(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_request_login_code"), {"email": "ola@fjordkraft.no"}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ola@fjordkraft.no"]
    assert message.subject == "Your Kollega sign-in code"
    queued = OutboundEmail.objects.get(to="ola@fjordkraft.no")  # through our outbox
    assert queued.sent_at is not None and queued.body == message.body
    match = re.search(r"^\s{4}(\S+)\s*$", message.body, re.MULTILINE)
    assert match is not None
    code = match.group(1)
    assert not is_signed_in(client)

    confirm = client.get(reverse("account_confirm_login_code"))
    assert confirm.status_code == 200
    assert 'class="site-header"' in confirm.content.decode()
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert is_signed_in(client)
    assert client.session["_auth_user_id"] == str(world.ola.pk)


def test_a_wrong_code_does_not_sign_in(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_request_login_code"), {"email": "ola@fjordkraft.no"})
    response = client.post(reverse("account_confirm_login_code"), {"code": "WRONG1"})
    assert response.status_code == 200
    assert response.context["verify_form"].errors
    assert not is_signed_in(client)


def test_a_code_for_an_unknown_address_reveals_nothing(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_request_login_code"), {"email": "nobody@example.org"}
        )
    assert response.status_code == 302  # same answer as for a real account
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "invitation-only" in body
    assert "/signup/" not in body


def test_repeated_wrong_passwords_lock_the_address(client, world):
    url = reverse("account_login")
    for _attempt in range(5):
        response = client.post(url, {"login": "kari@fjordkraft.no", "password": "wrong guess"})
        assert response.status_code == 200
        assert not is_signed_in(client)
    # The sixth attempt is refused even with the right password. allauth answers the
    # login_failed limit with a form error on an HTTP 200 page, not with a 429.
    response = client.post(url, {"login": "kari@fjordkraft.no", "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert not is_signed_in(client)
    # ... also from another IP address (the limit is per address too) ...
    response = client.post(
        url, {"login": "kari@fjordkraft.no", "password": PASSWORD}, REMOTE_ADDR="10.9.8.7"
    )
    assert not is_signed_in(client)
    # ... while someone else, elsewhere, still signs in.
    response = client.post(
        url, {"login": "ola@fjordkraft.no", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302
    assert is_signed_in(client)


def test_a_flood_of_sign_in_attempts_from_one_ip_gets_429(client, world):
    url = reverse("account_login")
    for n in range(30):
        response = client.post(url, {"login": f"guess{n}@example.org", "password": "x"})
        assert response.status_code == 200
    response = client.post(url, {"login": "kari@fjordkraft.no", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()  # our page, not a bare error
    assert not is_signed_in(client)


def test_signup_is_closed_and_explains_invitations(client, db):
    response = client.get(reverse("account_signup"))
    html = response.content.decode()
    assert "invitation-only" in html
    assert 'class="site-header"' in html


@pytest.mark.parametrize(
    "name",
    [
        "account_logout",
        "account_reset_password",
        "account_reset_password_done",
        "account_change_password",
    ],
)
def test_account_pages_extend_the_site_layout(client, world, name):
    client.force_login(world.kari)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert 'class="site-header"' in response.content.decode()


def test_password_reset_by_email_link(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "kari@fjordkraft.no"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Reset your Kollega password"
    match = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert match is not None
    page = client.get(match.group(1), follow=True)
    assert page.status_code == 200
    assert 'class="site-header"' in page.content.decode()
    new_password = "a brand new fjord password"
    done = client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else match.group(1),
        {"password1": new_password, "password2": new_password},
    )
    assert done.status_code == 302
    world.kari.refresh_from_db()
    assert world.kari.check_password(new_password)


# --- profile --------------------------------------------------------------------------------


def test_profile_edit_needs_sign_in(client, db):
    response = client.get(reverse("accounts:profile_edit"))
    assert response.status_code == 302


def test_profile_edit_shows_completeness_and_visibility_choices(client, world):
    client.force_login(world.ola)
    response = client.get(reverse("accounts:profile_edit"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<progress id="completeness-bar"' in html
    assert "Add at least two things you can help others with" in html
    assert 'name="visibility_phone"' in html and 'name="visibility_photo"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'accept="image/jpeg,image/png,image/webp"' in html


def _profile_post(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "full_name": "Ola Hansen",
        "headline": "Data engineer",
        "bio": "",
        "offers": "Bokføring for startups\nPython\n",
        "needs": "Kunder i Sverige",
        "interests": "Urban mobility, Energy",
        "languages": ["nb", "en"],
        "presence_days": ["mon", "thu"],
        "links": "https://ola.example.org",
        "phone": "",
    }
    for field in (
        "photo",
        "headline",
        "bio",
        "languages",
        "offers",
        "needs",
        "interests",
        "presence_days",
        "links",
        "email",
    ):
        data[f"visibility_{field}"] = "members"
    data["visibility_phone"] = "staff"
    data.update(overrides)
    return data


def test_profile_edit_saves_and_refreshes_the_directory_search(client, world):
    client.force_login(world.ola)
    response = client.post(
        reverse("accounts:profile_edit"), _profile_post(visibility_needs="staff")
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=world.ola)
    assert profile.offers == ["Bokføring for startups", "Python"]
    assert profile.presence_days == ["mon", "thu"]
    assert profile.languages == ["nb", "en"]
    assert sorted(i.name for i in profile.interests.all()) == ["Energy", "Urban mobility"]
    assert profile.visibility["needs"] == "staff"

    client.force_login(world.mette)
    directory = reverse("members:directory", kwargs={"slug": "smartby"})
    found = client.get(directory, {"q": "bogføring"})  # Danish spelling
    assert [card.name for card in found.context["cards"]] == ["Ola Hansen"]
    hidden = client.get(directory, {"q": "Sverige"})  # a staff-only need
    assert hidden.context["cards"] == []


def test_profile_errors_are_shown_on_the_right_field(client, world):
    client.force_login(world.ola)
    response = client.post(
        reverse("accounts:profile_edit"), _profile_post(links="ftp://files.example.org")
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == ["links"]
    assert "ftp://files.example.org" in form.errors["links"][0]
    assert Profile.objects.get(user=world.ola).links == []

    response = client.post(reverse("accounts:profile_edit"), _profile_post(full_name=" "))
    assert "full_name" in response.context["form"].errors


def test_photo_upload_and_removal(client, world):
    client.force_login(world.ola)
    response = client.post(reverse("accounts:photo_upload"), {"photo": png_upload()})
    assert response.status_code == 302
    profile = Profile.objects.get(user=world.ola)
    assert profile.photo.name.endswith(".png")
    page = client.get(reverse("accounts:profile_edit")).content.decode()
    assert (
        reverse("members:photo", kwargs={"slug": "smartby", "member_id": world.ola_member.pk})
        in page
    )
    response = client.post(reverse("accounts:photo_remove"))
    assert response.status_code == 302
    assert not Profile.objects.get(user=world.ola).photo


def test_an_svg_upload_is_refused_on_the_photo_field(client, world):
    client.force_login(world.ola)
    svg = SimpleUploadedFile(
        "me.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        content_type="image/svg+xml",
    )
    response = client.post(reverse("accounts:photo_upload"), {"photo": svg})
    assert response.status_code == 400
    assert response.context["photo_form"].errors["photo"]
    assert not Profile.objects.get(user=world.ola).photo


def test_an_oversize_upload_is_refused_on_the_photo_field(client, world):
    client.force_login(world.ola)
    big = SimpleUploadedFile(
        "big.jpg", b"\xff\xd8\xff" + b"0" * (2 * 1024 * 1024 + 10), content_type="image/jpeg"
    )
    response = client.post(reverse("accounts:photo_upload"), {"photo": big})
    assert response.status_code == 400
    assert "too large" in response.context["photo_form"].errors["photo"][0]
    assert not Profile.objects.get(user=world.ola).photo


# --- settings -------------------------------------------------------------------------------


def test_language_change_persists_and_the_next_page_uses_it(client, world):
    client.force_login(world.kari)
    response = client.post(reverse("accounts:settings"), {"preferred_language": "sv"})
    assert response.status_code == 302
    world.kari.refresh_from_db()
    assert world.kari.preferred_language == "sv"
    page = client.get(reverse("accounts:settings"))
    assert page["Content-Language"] == "sv"
    assert '<html lang="sv">' in page.content.decode()


def test_an_unknown_language_is_refused(client, world):
    client.force_login(world.kari)
    response = client.post(reverse("accounts:settings"), {"preferred_language": "xx"})
    assert response.status_code == 400
    assert response.context["language_form"].errors["preferred_language"]


def test_staff_create_a_token_see_the_secret_once_and_only_the_hash_is_stored(client, world):
    client.force_login(world.cecilie)
    assert "Personal API tokens" in client.get(reverse("accounts:settings")).content.decode()
    response = client.post(reverse("accounts:api_token_create"), {"name": "Booking sync"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = response.context["secret"]
    assert secret.startswith("klg_")
    assert secret in response.content.decode()
    token = ApiToken.objects.get(user=world.cecilie)
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in (token.name, token.prefix, token.token_hash)
    settings_page = client.get(reverse("accounts:settings")).content.decode()
    assert secret not in settings_page
    assert token.prefix in settings_page and "Booking sync" in settings_page


def test_a_token_needs_a_name(client, world):
    client.force_login(world.cecilie)
    response = client.post(reverse("accounts:api_token_create"), {"name": ""})
    assert response.status_code == 400
    assert response.context["token_form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_staff_revoke_their_token(client, world):
    client.force_login(world.cecilie)
    client.post(reverse("accounts:api_token_create"), {"name": "Old script"})
    token = ApiToken.objects.get()
    response = client.post(reverse("accounts:api_token_revoke", kwargs={"token_id": token.pk}))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Revoked" in client.get(reverse("accounts:settings")).content.decode()


def test_no_one_revokes_someone_elses_token(client, world):
    client.force_login(world.cecilie)
    client.post(reverse("accounts:api_token_create"), {"name": "Cecilie's"})
    token = ApiToken.objects.get()
    client.force_login(world.bjorn)
    url = reverse("accounts:api_token_revoke", kwargs={"token_id": token.pk})
    assert client.post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_members_who_are_not_staff_have_no_tokens(client, world):
    client.force_login(world.kari)
    html = client.get(reverse("accounts:settings")).content.decode()
    assert "Personal API tokens" not in html
    response = client.post(reverse("accounts:api_token_create"), {"name": "Sneaky"})
    assert response.status_code == 404
    assert not ApiToken.objects.exists()
    assert (
        client.post(reverse("accounts:api_token_revoke", kwargs={"token_id": 1})).status_code == 404
    )


def test_download_my_data(client, world):
    client.force_login(world.kari)
    response = client.get(reverse("accounts:data_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="kollega-data-')
    data = json.loads(response.content)
    assert data["user"]["email"] == "kari@fjordkraft.no"
    assert data["members"][0]["space"] == "Smartby Hub"
    assert data["members"][0]["company"] == "Fjordkraft Data AS"
    assert "password" not in json.dumps(data)


def test_set_language_view_still_works(client, world):
    client.force_login(world.ola)
    response = client.post(reverse("accounts:set_language"), {"language": "da", "next": "/"})
    assert response.status_code == 302
    world.ola.refresh_from_db()
    assert world.ola.preferred_language == "da"
