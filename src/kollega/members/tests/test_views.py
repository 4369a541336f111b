"""The member-facing pages through HTTP: directory, profiles, photos, company pages and
invitations, with the permission matrix of the personas in conftest.py."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from conftest import PASSWORD
from kollega.accounts.models import User
from kollega.core.tests.factories import CompanyFactory, MemberFactory, UserFactory
from kollega.members.models import Invitation, Member, MemberStatus, Profile
from kollega.members.services import (
    invitation_create,
    profile_set_photo,
    profile_update,
)
from kollega.memberships.services import membership_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def png_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def directory_url(space) -> str:
    return reverse("members:directory", kwargs={"slug": space.slug})


def profile_url(member) -> str:
    return reverse("members:profile", kwargs={"slug": member.space.slug, "member_id": member.pk})


def photo_url(member) -> str:
    return reverse("members:photo", kwargs={"slug": member.space.slug, "member_id": member.pk})


def company_url(company) -> str:
    return reverse("members:company", kwargs={"slug": company.space.slug, "company_id": company.pk})


# --- directory ------------------------------------------------------------------------------


def test_directory_needs_sign_in(client, world):
    response = client.get(directory_url(world.space_a))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_directory_lists_the_space_members_with_what_members_may_see(client, world):
    profile_update(
        user=world.ola,
        actor=world.ola,
        headline="Data engineer",
        offers=["regnskapsfører for små firma"],
        phone="+47 400 00 000",
    )
    client.force_login(world.mette)
    response = client.get(directory_url(world.space_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ola Hansen" in html and "Kari Nordmann" in html and "Mette Jensen" in html
    assert "Data engineer" in html
    assert "regnskapsfører for små firma" in html
    assert "Sven Svensson" not in html  # space B
    assert "+47 400 00 000" not in html  # phone is staff-only by default


def test_directory_search_finds_danish_cognate_and_compounds(client, world):
    profile_update(user=world.ola, actor=world.ola, offers=["regnskapsfører"])
    profile_update(user=world.kari, actor=world.kari, offers=["Regnskap og lønn"])
    client.force_login(world.mette)
    response = client.get(directory_url(world.space_a), {"q": "regnskab"})
    names = {card.name for card in response.context["cards"]}
    assert names == {"Ola Hansen", "Kari Nordmann"}


def test_a_staff_only_need_is_searchable_by_the_cm_but_not_by_members(client, world):
    profile_update(
        user=world.ola, actor=world.ola, needs=["investor til vekst"], visibility={"needs": "staff"}
    )
    client.force_login(world.mette)
    response = client.get(directory_url(world.space_a), {"q": "investor"})
    assert [card.name for card in response.context["cards"]] == []
    assert "investor til vekst" not in response.content.decode()

    client.force_login(world.cecilie)
    response = client.get(directory_url(world.space_a), {"q": "investor"})
    assert [card.name for card in response.context["cards"]] == ["Ola Hansen"]
    assert "investor til vekst" in response.content.decode()


def test_directory_filters_by_company_industry_stage_and_interest(client, world):
    profile_update(user=world.mette, actor=world.mette, interests=["Circular economy"])
    client.force_login(world.kari)
    url = directory_url(world.space_a)

    by_company = client.get(url, {"company": world.fjordkraft.pk})
    assert {c.name for c in by_company.context["cards"]} == {"Kari Nordmann", "Ola Hansen"}
    by_industry = client.get(url, {"industry": "design"})
    assert [c.name for c in by_industry.context["cards"]] == ["Mette Jensen"]
    by_stage = client.get(url, {"stage": "freelancer"})
    assert [c.name for c in by_stage.context["cards"]] == ["Mette Jensen"]
    interest = Profile.objects.get(user=world.mette).interests.get()
    by_interest = client.get(url, {"interest": interest.pk})
    assert [c.name for c in by_interest.context["cards"]] == ["Mette Jensen"]


def test_a_company_of_another_space_is_not_a_valid_filter(client, world):
    other = CompanyFactory(space=world.space_b, name="Bygda Snekkeri")
    client.force_login(world.kari)
    response = client.get(directory_url(world.space_a), {"company": other.pk})
    assert response.status_code == 200
    assert "Bygda Snekkeri" not in response.content.decode()
    assert len(response.context["cards"]) == 3  # the invalid filter is ignored


def test_htmx_search_returns_only_the_results_partial(client, world):
    client.force_login(world.kari)
    response = client.get(
        directory_url(world.space_a), {"q": "Mette"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="results"')
    assert "Mette Jensen" in html and "Ola Hansen" not in html
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_full_page_has_the_htmx_search_box(client, world):
    client.force_login(world.kari)
    html = client.get(directory_url(world.space_a)).content.decode()
    assert 'hx-trigger="input changed delay:300ms, search"' in html
    assert 'hx-push-url="true"' in html
    assert 'id="results"' in html
    assert "style=" not in html and "onclick" not in html  # strict CSP


def test_directory_paginates_by_24(client, world):
    company = CompanyFactory(space=world.space_a)
    for n in range(30):
        MemberFactory(
            space=world.space_a, company=company, user=UserFactory(full_name=f"Zz Member {n:02d}")
        )
    client.force_login(world.kari)
    first = client.get(directory_url(world.space_a))
    assert len(first.context["cards"]) == 24
    assert first.context["page"].paginator.count == 33
    second = client.get(directory_url(world.space_a), {"page": 2})
    assert len(second.context["cards"]) == 9


def _members_with_profiles(space, company, count: int) -> None:
    for n in range(count):
        member = MemberFactory(
            space=space, company=company, user=UserFactory(full_name=f"Person {n:02d}")
        )
        profile_update(
            user=member.user,
            actor=member.user,
            headline=f"Headline {n}",
            offers=["Python", "regnskap"],
            needs=["kunder"],
            interests=["Mobility", f"Topic {n}"],
        )
        profile_set_photo(
            user=member.user,
            actor=member.user,
            upload=SimpleUploadedFile("p.png", png_bytes(), "image/png"),
        )


def test_directory_query_count_does_not_grow_with_members(
    client, world, django_assert_max_num_queries
):
    company = CompanyFactory(space=world.space_a)
    _members_with_profiles(world.space_a, company, 3)
    client.force_login(world.cecilie)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(directory_url(world.space_a), {"q": "regnskap"})
    assert len(few) <= 15
    _members_with_profiles(world.space_a, company, 12)
    with django_assert_max_num_queries(len(few)):
        response = client.get(directory_url(world.space_a), {"q": "regnskap"})
    assert len(response.context["cards"]) == 15
    assert all(card.fields["photo"] for card in response.context["cards"])


# --- spaces are walled off ------------------------------------------------------------------


def test_a_member_of_space_b_gets_404_on_space_a_pages(client, world):
    client.force_login(world.sven)
    assert client.get(directory_url(world.space_a)).status_code == 404
    assert client.get(profile_url(world.ola_member)).status_code == 404
    assert client.get(company_url(world.fjordkraft)).status_code == 404
    assert client.get(photo_url(world.ola_member)).status_code == 404


def test_the_cm_of_space_b_gets_404_on_space_a_pages(client, world):
    client.force_login(world.bjorn)
    assert client.get(directory_url(world.space_a)).status_code == 404
    assert client.get(profile_url(world.ola_member)).status_code == 404
    assert client.get(company_url(world.fjordkraft)).status_code == 404


def test_a_profile_is_only_found_under_its_own_space(client, world):
    client.force_login(world.cecilie)
    wrong = reverse(
        "members:profile", kwargs={"slug": world.space_b.slug, "member_id": world.ola_member.pk}
    )
    assert client.get(wrong).status_code == 404
    assert client.get(profile_url(world.ola_member)).status_code == 200


def test_a_company_is_only_found_under_its_own_space(client, world):
    client.force_login(world.cecilie)
    wrong = reverse(
        "members:company", kwargs={"slug": world.space_b.slug, "company_id": world.fjordkraft.pk}
    )
    assert client.get(wrong).status_code == 404


# --- profiles -------------------------------------------------------------------------------


def test_staff_only_fields_show_to_the_cm_and_self_but_not_to_other_members(client, world):
    profile_update(
        user=world.ola,
        actor=world.ola,
        headline="Data engineer",
        phone="+47 99 88 77 66",
        needs=["Seed funding"],
        languages=["nb", "da"],
        presence_days=["tue"],
        visibility={"needs": "staff"},
    )
    client.force_login(world.mette)
    html = client.get(profile_url(world.ola_member)).content.decode()
    assert "Data engineer" in html
    assert "Danish" in html and "Tuesday" in html and "name_local" not in html
    assert "+47 99 88 77 66" not in html
    assert "Seed funding" not in html

    client.force_login(world.cecilie)
    html = client.get(profile_url(world.ola_member)).content.decode()
    assert "+47 99 88 77 66" in html and "Seed funding" in html

    client.force_login(world.ola)
    html = client.get(profile_url(world.ola_member)).content.decode()
    assert "+47 99 88 77 66" in html and "Staff only" in html
    assert reverse("accounts:profile_edit") in html


def test_anonymous_viewers_must_sign_in_unless_something_is_public(client, world):
    response = client.get(profile_url(world.ola_member))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]

    profile_update(
        user=world.ola,
        actor=world.ola,
        headline="Open to pilots",
        bio="Private story",
        visibility={"headline": "public"},
    )
    response = client.get(profile_url(world.ola_member))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Open to pilots" in html
    assert "Private story" not in html
    assert "Fjordkraft" not in html


def test_former_members_are_hidden_from_members_but_not_from_staff(client, world):
    world.ola_member.status = MemberStatus.FORMER
    world.ola_member.save()
    client.force_login(world.mette)
    assert client.get(profile_url(world.ola_member)).status_code == 404
    client.force_login(world.cecilie)
    assert client.get(profile_url(world.ola_member)).status_code == 200


# --- photos ---------------------------------------------------------------------------------


def test_photo_is_served_with_safe_headers_to_those_who_may_see_it(client, world):
    profile_set_photo(
        user=world.ola,
        actor=world.ola,
        upload=SimpleUploadedFile("me.png", png_bytes(), "image/png"),
    )
    client.force_login(world.mette)
    response = client.get(photo_url(world.ola_member))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="member-{world.ola_member.pk}.png"'
    assert "private" in response["Cache-Control"]
    assert response.content.startswith(b"\x89PNG")


def test_photo_visibility_is_enforced(client, world):
    profile_set_photo(
        user=world.ola,
        actor=world.ola,
        upload=SimpleUploadedFile("me.png", png_bytes(), "image/png"),
    )
    profile_update(user=world.ola, actor=world.ola, visibility={"photo": "staff"})
    client.force_login(world.mette)
    assert client.get(photo_url(world.ola_member)).status_code == 404
    assert (
        photo_url(world.ola_member)
        not in client.get(profile_url(world.ola_member)).content.decode()
    )
    client.force_login(world.cecilie)
    assert client.get(photo_url(world.ola_member)).status_code == 200
    client.logout()
    assert client.get(photo_url(world.ola_member)).status_code == 404


def test_no_photo_means_404(client, world):
    client.force_login(world.mette)
    assert client.get(photo_url(world.ola_member)).status_code == 404


# --- company pages --------------------------------------------------------------------------


def test_company_page_shows_people_and_plan_prices_only_to_contacts_and_staff(client, world):
    import datetime as dt

    membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.fjordkraft,
        seats=4,
        start_date=dt.date(2024, 1, 1),
        actor=world.cecilie,
    )
    client.force_login(world.mette)
    response = client.get(company_url(world.fjordkraft))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kari Nordmann" in html and "Ola Hansen" in html
    assert "Flex" in html
    assert "3,500.00" not in html and "3500" not in html
    assert "Invite a colleague" not in html

    client.force_login(world.kari)
    html = client.get(company_url(world.fjordkraft)).content.decode()
    assert "3,500.00" in html or "3 500,00" in html
    assert "Invite a colleague" in html


def test_contact_person_invites_a_colleague(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.kari)
    url = reverse(
        "members:company_invite", kwargs={"slug": "smartby", "company_id": world.fjordkraft.pk}
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "Nina@Fjordkraft.no", "full_name": "Nina Berg"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="nina@fjordkraft.no")
    assert invitation.company == world.fjordkraft
    assert invitation.invited_by == world.kari
    assert len(mail.outbox) == 1
    page = client.get(company_url(world.fjordkraft)).content.decode()
    assert "nina@fjordkraft.no" in page  # pending invitation listed


def test_invite_errors_are_shown_on_the_field(client, world):
    client.force_login(world.kari)
    url = reverse(
        "members:company_invite", kwargs={"slug": "smartby", "company_id": world.fjordkraft.pk}
    )
    response = client.post(url, {"email": "ola@fjordkraft.no"})
    assert response.status_code == 400
    assert "already a member" in str(response.context["invite_form"].errors["email"])


def test_contact_person_cannot_manage_another_company(client, world):
    client.force_login(world.kari)
    invite = reverse(
        "members:company_invite", kwargs={"slug": "smartby", "company_id": world.solo.pk}
    )
    assert client.post(invite, {"email": "x@solo.dk"}).status_code == 403
    remove = reverse(
        "members:company_member_remove",
        kwargs={"slug": "smartby", "company_id": world.solo.pk, "member_id": world.mette_member.pk},
    )
    assert client.post(remove).status_code == 403
    assert Member.objects.get(pk=world.mette_member.pk).status == MemberStatus.ACTIVE
    assert not Invitation.objects.filter(email="x@solo.dk").exists()


def test_a_colleague_who_is_not_contact_cannot_invite_or_remove(client, world):
    client.force_login(world.ola)
    invite = reverse(
        "members:company_invite", kwargs={"slug": "smartby", "company_id": world.fjordkraft.pk}
    )
    assert client.post(invite, {"email": "x@fjordkraft.no"}).status_code == 403
    remove = reverse(
        "members:company_member_remove",
        kwargs={
            "slug": "smartby",
            "company_id": world.fjordkraft.pk,
            "member_id": world.kari_member.pk,
        },
    )
    assert client.post(remove).status_code == 403


def test_contact_person_removes_a_colleague_after_confirming(client, world):
    client.force_login(world.kari)
    url = reverse(
        "members:company_member_remove",
        kwargs={
            "slug": "smartby",
            "company_id": world.fjordkraft.pk,
            "member_id": world.ola_member.pk,
        },
    )
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Ola Hansen" in confirm.content.decode()
    assert Member.objects.get(pk=world.ola_member.pk).status == MemberStatus.ACTIVE
    response = client.post(url)
    assert response.status_code == 302
    assert Member.objects.get(pk=world.ola_member.pk).status == MemberStatus.FORMER
    page = client.get(company_url(world.fjordkraft))
    assert [card.name for card in page.context["cards"]] == ["Kari Nordmann"]
    assert "is no longer listed" in page.content.decode()


def test_contact_person_revokes_a_pending_invitation(client, world):
    invitation = invitation_create(
        space=world.space_a, company=world.fjordkraft, email="nina@fjordkraft.no", actor=world.kari
    )
    client.force_login(world.kari)
    url = reverse(
        "members:company_invitation_revoke",
        kwargs={
            "slug": "smartby",
            "company_id": world.fjordkraft.pk,
            "invitation_id": invitation.pk,
        },
    )
    assert client.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None

    other = invitation_create(
        space=world.space_a, company=world.solo, email="lars@solo.dk", actor=world.cecilie
    )
    wrong = reverse(
        "members:company_invitation_revoke",
        kwargs={"slug": "smartby", "company_id": world.solo.pk, "invitation_id": other.pk},
    )
    assert client.post(wrong).status_code == 403
    other.refresh_from_db()
    assert other.revoked_at is None


# --- invitations ----------------------------------------------------------------------------


def _invite(world, django_capture_on_commit_callbacks, email: str = "nina@fjordkraft.no") -> str:
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            space=world.space_a,
            company=world.fjordkraft,
            email=email,
            full_name="Nina Berg",
            actor=world.kari,
            language="en",
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [email]
    match = re.search(r"https?://\S+/invite/(\S+)/", message.body)
    assert match is not None
    return reverse("invite:accept", kwargs={"token": match.group(1)})


def test_invitation_email_is_warm_and_carries_the_space_and_the_link(
    world, django_capture_on_commit_callbacks
):
    world.space_a.house_values = "We share lunch on Thursdays."
    world.space_a.save()
    _invite(world, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert "Smartby Hub" in message.subject and "Kari Nordmann" in message.subject
    assert "Hi Nina Berg," in message.body
    assert "Fjordkraft Data AS" in message.body
    assert "We share lunch on Thursdays." in message.body
    assert "Smart and sustainable cities" in message.body
    assert "&amp;" not in message.body and "&#x27;" not in message.body


def test_invitation_accept_end_to_end(client, world, django_capture_on_commit_callbacks):
    world.space_a.house_values = "Clean desk, open door."
    world.space_a.save()
    url = _invite(world, django_capture_on_commit_callbacks)

    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Smartby Hub" in html and "Clean desk, open door." in html
    assert "Smart and sustainable cities" in html

    response = client.post(
        url,
        {
            "full_name": "Nina Berg",
            "password1": "fjord og fjell 2026",
            "password2": "fjord og fjell 2026",
            "preferred_language": "da",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile_edit")
    nina = User.objects.get(email="nina@fjordkraft.no")
    assert nina.preferred_language == "da"
    member = Member.objects.get(user=nina)
    assert member.space == world.space_a and member.company == world.fjordkraft
    welcome = client.get(response["Location"])
    assert welcome.status_code == 200
    assert welcome.wsgi_request.user == nina
    html = welcome.content.decode()
    assert '<html lang="da">' in html  # her chosen language from now on
    assert "Velkommen til Smartby Hub" in html

    client.logout()
    assert client.login(email="nina@fjordkraft.no", password="fjord og fjell 2026")
    client.logout()
    again = client.get(url)
    assert again.status_code == 404
    assert "does not work" in again.content.decode()
    assert (
        client.post(
            url,
            {
                "full_name": "X",
                "password1": "a long password 1",
                "password2": "a long password 1",
                "preferred_language": "en",
            },
        ).status_code
        == 404
    )


def test_invitation_signup_errors_are_shown_on_the_fields(
    client, world, django_capture_on_commit_callbacks
):
    url = _invite(world, django_capture_on_commit_callbacks)
    response = client.post(
        url,
        {
            "full_name": "Nina",
            "password1": "short",
            "password2": "short",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["password1"]
    response = client.post(
        url,
        {
            "full_name": "Nina",
            "password1": "fjord og fjell 2026",
            "password2": "fjord og fjell 2027",
            "preferred_language": "en",
        },
    )
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(email="nina@fjordkraft.no").exists()


def test_invitation_for_an_existing_account_asks_to_sign_in_first(
    client, world, django_capture_on_commit_callbacks
):
    UserFactory(email="nina@fjordkraft.no", full_name="Nina Berg")
    url = _invite(world, django_capture_on_commit_callbacks)
    html = client.get(url).content.decode()
    assert "sign in first" in html.lower()
    assert f"{reverse('account_login')}?next={url}" in html.replace("%2F", "/")

    client.login(email="nina@fjordkraft.no", password=PASSWORD)
    assert "Accept and join" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert Member.objects.filter(user__email="nina@fjordkraft.no", space=world.space_a).exists()


def test_invitation_opened_while_signed_in_as_someone_else(
    client, world, django_capture_on_commit_callbacks
):
    url = _invite(world, django_capture_on_commit_callbacks)
    client.force_login(world.mette)
    html = client.get(url).content.decode()
    assert "nina@fjordkraft.no" in html and "mette@solo.dk" in html
    client.post(url)
    assert not Member.objects.filter(user__email="nina@fjordkraft.no").exists()
    assert not Member.objects.filter(user=world.mette, company=world.fjordkraft).exists()


def test_an_unknown_invitation_token_is_a_friendly_404(client, db):
    response = client.get(reverse("invite:accept", kwargs={"token": "nope"}))
    assert response.status_code == 404
    assert "new invitation" in response.content.decode()
