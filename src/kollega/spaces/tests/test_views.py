"""The community manager's space pages, through HTTP: dashboard, settings, new spaces,
members list, invitations. A CM of one space never sees another space."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kollega.core.tests.factories import (
    CompanyFactory,
    MemberFactory,
    OperatorFactory,
    PlanFactory,
    UserFactory,
)
from kollega.members.models import Invitation, MemberStatus
from kollega.memberships.services import membership_create, membership_give_notice
from kollega.notifications.models import OutboundEmail
from kollega.spaces.models import Space

pytestmark = pytest.mark.django_db


def login_url() -> str:
    return reverse("account_login")


SPACE_PAGES = ["spaces:dashboard", "spaces:settings", "spaces:members", "spaces:invitations"]


@pytest.mark.parametrize("name", SPACE_PAGES)
def test_the_spaces_cm_sees_the_page(client, world, name):
    client.force_login(world.cecilie)
    response = client.get(reverse(name, kwargs={"slug": "smartby"}))
    assert response.status_code == 200
    assert "Smartby Hub" in response.text


@pytest.mark.parametrize("name", SPACE_PAGES)
def test_a_cm_of_another_space_gets_404(client, world, name):
    client.force_login(world.bjorn)
    assert client.get(reverse(name, kwargs={"slug": "smartby"})).status_code == 404


@pytest.mark.parametrize("name", SPACE_PAGES)
def test_a_plain_member_gets_404(client, world, name):
    client.force_login(world.kari)
    assert client.get(reverse(name, kwargs={"slug": "smartby"})).status_code == 404


@pytest.mark.parametrize("name", SPACE_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, world, name):
    response = client.get(reverse(name, kwargs={"slug": "smartby"}))
    assert response.status_code == 302
    assert response.url.startswith(login_url())


def test_an_unknown_space_is_404_for_a_cm(client, world):
    client.force_login(world.cecilie)
    assert client.get(reverse("spaces:dashboard", kwargs={"slug": "nowhere"})).status_code == 404


def test_actions_of_another_space_are_404_and_change_nothing(client, world):
    client.force_login(world.bjorn)
    invitation = Invitation.objects.create(
        space=world.space_a,
        email="x@example.org",
        token_hash="a" * 64,
        expires_at=timezone.now() + dt.timedelta(days=3),
    )
    urls = [
        reverse("spaces:settings", kwargs={"slug": "smartby"}),
        reverse("spaces:member_invite", kwargs={"slug": "smartby"}),
        reverse(
            "spaces:invitation_revoke", kwargs={"slug": "smartby", "invitation_id": invitation.pk}
        ),
    ]
    for url in urls:
        assert client.post(url, {"name": "Hacked", "email": "y@example.org"}).status_code == 404
    world.space_a.refresh_from_db()
    invitation.refresh_from_db()
    assert world.space_a.name == "Smartby Hub"
    assert invitation.revoked_at is None
    assert not Invitation.objects.filter(email="y@example.org").exists()


def test_bjorn_cannot_revoke_an_invitation_of_space_a_through_his_own_space(client, world):
    invitation = Invitation.objects.create(
        space=world.space_a,
        email="x@example.org",
        token_hash="b" * 64,
        expires_at=timezone.now() + dt.timedelta(days=3),
    )
    client.force_login(world.bjorn)
    url = reverse(
        "spaces:invitation_revoke", kwargs={"slug": "bygda", "invitation_id": invitation.pk}
    )
    assert client.post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


# --- dashboard ------------------------------------------------------------------------------


def test_dashboard_shows_counts_notice_ending_soon_and_seat_policy_warning(client, world):
    today = timezone.localdate()
    membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.fjordkraft,
        start_date=today - dt.timedelta(days=30),
        seats=12,
    )
    solo = membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.solo,
        start_date=today - dt.timedelta(days=200),
        seats=1,
    ).membership
    # Three months from the end of the month 45 days ago: between 15 and 80 days from today.
    membership_give_notice(membership=solo, given_on=today - dt.timedelta(days=45))
    client.force_login(world.cecilie)

    response = client.get(reverse("spaces:dashboard", kwargs={"slug": "smartby"}))

    board = response.context["board"]
    assert board.active_members == 3
    assert board.companies == 2
    assert board.active_memberships == 2
    assert board.seats_in_use == 13
    assert [membership.pk for membership in board.ending_soon] == [solo.pk]
    assert board.over_limit == [(world.fjordkraft, 12)]
    text = response.text
    assert "Companies above the seat policy" in text
    assert "Large companies tend to keep to themselves" in text
    assert "Fjordkraft Data AS" in text


def test_dashboard_lists_pending_invitations_and_newest_members(client, world):
    Invitation.objects.create(
        space=world.space_a,
        email="new@example.org",
        full_name="Nina Ny",
        token_hash="c" * 64,
        expires_at=timezone.now() + dt.timedelta(days=3),
    )
    Invitation.objects.create(
        space=world.space_a,
        email="old@example.org",
        full_name="Olav Gammel",
        token_hash="d" * 64,
        expires_at=timezone.now() - dt.timedelta(days=1),
    )
    client.force_login(world.cecilie)
    response = client.get(reverse("spaces:dashboard", kwargs={"slug": "smartby"}))
    board = response.context["board"]
    assert board.pending_invitation_count == 1
    assert "Nina Ny" in response.text
    assert "Olav Gammel" not in response.text
    assert "Mette Jensen" in response.text


def test_dashboard_query_count_does_not_grow_with_the_community(
    client, world, django_assert_max_num_queries
):
    today = timezone.localdate()
    plan = PlanFactory(space=world.space_a, name="Fixed", kind="fixed_desk")
    for n in range(25):
        company = CompanyFactory(space=world.space_a, name=f"Firma {n:02d}")
        MemberFactory(space=world.space_a, company=company)
        result = membership_create(
            space=world.space_a,
            plan=plan,
            company=company,
            start_date=today - dt.timedelta(days=200),
            seats=11,
        )
        membership_give_notice(membership=result.membership, given_on=today - dt.timedelta(days=45))
        Invitation.objects.create(
            space=world.space_a,
            email=f"p{n}@example.org",
            company=company,
            token_hash=f"{n:064d}",
            expires_at=timezone.now() + dt.timedelta(days=3),
        )
    client.force_login(world.cecilie)
    url = reverse("spaces:dashboard", kwargs={"slug": "smartby"})
    # 13 today: session, user, space, 8 for the board, 2 for the navigation.
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["board"].over_limit) == 25
    assert len(response.context["board"].ending_soon) == 25


# --- settings -------------------------------------------------------------------------------


def test_cm_changes_the_spaces_settings(client, world):
    client.force_login(world.cecilie)
    url = reverse("spaces:settings", kwargs={"slug": "smartby"})
    response = client.post(
        url,
        {
            "name": "Smartby Hub Bergen",
            "address": "Kaien 1, Bergen",
            "time_zone": "Europe/Oslo",
            "currency": "EUR",
            "languages": ["nb", "sv"],
            "theme": "Smart cities",
            "house_values": "Say hello.",
            "max_seats_per_company": "15",
        },
    )
    assert response.status_code == 302
    space = Space.objects.get(pk=world.space_a.pk)
    assert space.name == "Smartby Hub Bergen"
    assert space.currency == "EUR"
    assert space.languages == ["nb", "sv"]
    assert space.max_seats_per_company == 15
    assert space.house_values == "Say hello."


def test_settings_page_offers_nordic_time_zones_first_and_the_languages(client, world):
    client.force_login(world.cecilie)
    response = client.get(reverse("spaces:settings", kwargs={"slug": "smartby"}))
    choices = [value for value, _label in response.context["form"].fields["time_zone"].choices]
    assert choices[:4] == [
        "Europe/Oslo",
        "Europe/Copenhagen",
        "Europe/Stockholm",
        "Europe/Helsinki",
    ]
    assert 'type="checkbox" name="languages" value="da"' in response.text


def test_settings_errors_are_shown_on_the_field(client, world):
    client.force_login(world.cecilie)
    url = reverse("spaces:settings", kwargs={"slug": "smartby"})
    response = client.post(
        url, {"name": "", "time_zone": "Mars/Olympus", "currency": "NOK", "languages": []}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"name", "time_zone", "languages"}
    assert Space.objects.get(pk=world.space_a.pk).name == "Smartby Hub"


# --- new spaces -----------------------------------------------------------------------------


def test_an_operator_admin_opens_a_new_space(client, world):
    operator = world.space_a.operator
    operator.admins.add(world.cecilie)
    client.force_login(world.cecilie)
    response = client.post(
        reverse("spaces:create"),
        {
            "operator": operator.pk,
            "name": "Fjellhuset",
            "time_zone": "Europe/Oslo",
            "currency": "NOK",
            "languages": ["nb"],
            "theme": "Rural coworking",
        },
    )
    space = Space.objects.get(name="Fjellhuset")
    assert response.status_code == 302
    assert response.url == reverse("spaces:dashboard", kwargs={"slug": space.slug})
    assert space.operator == operator
    assert space.languages == ["nb"]


def test_only_operator_admins_may_open_spaces(client, world):
    client.force_login(world.cecilie)  # CM, not operator admin
    assert client.get(reverse("spaces:create")).status_code == 404
    response = client.post(
        reverse("spaces:create"),
        {
            "operator": world.space_a.operator_id,
            "name": "Sneaky",
            "time_zone": "Europe/Oslo",
            "currency": "NOK",
            "languages": ["nb"],
        },
    )
    assert response.status_code == 404
    assert not Space.objects.filter(name="Sneaky").exists()


def test_an_operator_admin_cannot_open_a_space_for_another_operator(client, world):
    mine = OperatorFactory(name="Mine")
    mine.admins.add(world.bjorn)
    client.force_login(world.bjorn)
    response = client.post(
        reverse("spaces:create"),
        {
            "operator": world.space_a.operator_id,
            "name": "Sneaky",
            "time_zone": "Europe/Oslo",
            "currency": "NOK",
            "languages": ["nb"],
        },
    )
    assert response.status_code == 200
    assert "operator" in response.context["form"].errors
    assert not Space.objects.filter(name="Sneaky").exists()


def test_manage_index_sends_a_cm_of_one_space_to_its_dashboard(client, world):
    client.force_login(world.cecilie)
    response = client.get(reverse("spaces:index"))
    assert response.status_code == 302
    assert response.url == reverse("spaces:dashboard", kwargs={"slug": "smartby"})
    client.force_login(world.kari)
    assert client.get(reverse("spaces:index")).status_code == 404


# --- members --------------------------------------------------------------------------------


def test_members_list_shows_email_company_contact_badge_and_can_filter(client, world):
    client.force_login(world.cecilie)
    url = reverse("spaces:members", kwargs={"slug": "smartby"})
    response = client.get(url)
    assert "kari@fjordkraft.no" in response.text
    assert "Contact person" in response.text
    assert "Sven Svensson" not in response.text
    response = client.get(url, {"company": world.solo.pk})
    names = [member.user.full_name for member in response.context["page"].object_list]
    assert names == ["Mette Jensen"]
    response = client.get(url, {"industry": "energy"})
    names = [member.user.full_name for member in response.context["page"].object_list]
    assert names == ["Kari Nordmann", "Ola Hansen"]


def test_members_search_finds_by_email_for_staff_and_former_members_on_request(client, world):
    world.ola_member.status = MemberStatus.FORMER
    world.ola_member.save()
    client.force_login(world.cecilie)
    url = reverse("spaces:members", kwargs={"slug": "smartby"})
    response = client.get(url, {"q": "mette@solo.dk"})
    assert [m.user.full_name for m in response.context["page"].object_list] == ["Mette Jensen"]
    response = client.get(url)
    assert "Ola Hansen" not in response.text
    response = client.get(url, {"include_former": "on"})
    assert "Ola Hansen" in response.text
    assert "Former member" in response.text


def test_members_live_search_answers_htmx_with_the_results_partial_only(client, world):
    client.force_login(world.cecilie)
    response = client.get(
        reverse("spaces:members", kwargs={"slug": "smartby"}),
        {"q": "kari"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="member-results"' in response.text
    assert "<html" not in response.text
    assert "Kari Nordmann" in response.text
    assert "Mette Jensen" not in response.text


def test_members_list_query_count_is_bounded(client, world, django_assert_max_num_queries):
    for _n in range(30):
        MemberFactory(space=world.space_a, company=world.fjordkraft)
    client.force_login(world.cecilie)
    url = reverse("spaces:members", kwargs={"slug": "smartby"})
    # 11 today: session, user, space, navigation, filter choices, count, page, interests.
    with django_assert_max_num_queries(13):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 33


def test_cm_invites_a_member_to_a_company_as_contact_person(client, world):
    client.force_login(world.cecilie)
    response = client.post(
        reverse("spaces:member_invite", kwargs={"slug": "smartby"}),
        {
            "email": "Nora@Fjordkraft.no",
            "full_name": "Nora Vik",
            "company": world.fjordkraft.pk,
            "make_contact": "on",
        },
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="nora@fjordkraft.no")
    assert invitation.space == world.space_a
    assert invitation.company == world.fjordkraft
    assert invitation.make_contact is True
    assert invitation.invited_by == world.cecilie
    assert OutboundEmail.objects.filter(to="nora@fjordkraft.no").exists()


def test_inviting_an_existing_member_shows_the_error_on_the_email_field(client, world):
    client.force_login(world.cecilie)
    response = client.post(
        reverse("spaces:member_invite", kwargs={"slug": "smartby"}), {"email": "kari@fjordkraft.no"}
    )
    assert response.status_code == 400
    assert "email" in response.context["invite_form"].errors
    assert not Invitation.objects.filter(email="kari@fjordkraft.no").exists()


def test_invite_form_cannot_pick_a_company_of_another_space(client, world):
    other = CompanyFactory(space=world.space_b, name="Bygg AB")
    client.force_login(world.cecilie)
    response = client.post(
        reverse("spaces:member_invite", kwargs={"slug": "smartby"}),
        {"email": "z@example.org", "company": other.pk},
    )
    assert response.status_code == 400
    assert "company" in response.context["invite_form"].errors
    assert not Invitation.objects.filter(email="z@example.org").exists()


# --- invitations ----------------------------------------------------------------------------


def _invitation(space, email, **fields):
    defaults = {"expires_at": timezone.now() + dt.timedelta(days=3)}
    defaults.update(fields)
    return Invitation.objects.create(
        space=space, email=email, token_hash=email.ljust(64, "x")[:64], **defaults
    )


def test_invitations_list_shows_each_status_and_filters(client, world):
    _invitation(world.space_a, "pending@example.org")
    _invitation(world.space_a, "accepted@example.org", accepted_at=timezone.now())
    _invitation(world.space_a, "revoked@example.org", revoked_at=timezone.now())
    _invitation(
        world.space_a, "expired@example.org", expires_at=timezone.now() - dt.timedelta(days=1)
    )
    _invitation(world.space_b, "other@example.org")
    client.force_login(world.cecilie)
    url = reverse("spaces:invitations", kwargs={"slug": "smartby"})
    response = client.get(url)
    statuses = {inv.email: inv.status for inv in response.context["page"].object_list}
    assert statuses == {
        "pending@example.org": "pending",
        "accepted@example.org": "accepted",
        "revoked@example.org": "revoked",
        "expired@example.org": "expired",
    }
    response = client.get(url, {"status": "expired"})
    assert [inv.email for inv in response.context["page"].object_list] == ["expired@example.org"]


def test_cm_revokes_a_pending_invitation(client, world):
    invitation = _invitation(world.space_a, "pending@example.org")
    client.force_login(world.cecilie)
    url = reverse(
        "spaces:invitation_revoke", kwargs={"slug": "smartby", "invitation_id": invitation.pk}
    )
    response = client.post(url)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_revoke_by_htmx_swaps_the_row(client, world):
    invitation = _invitation(world.space_a, "pending@example.org")
    client.force_login(world.cecilie)
    url = reverse(
        "spaces:invitation_revoke", kwargs={"slug": "smartby", "invitation_id": invitation.pk}
    )
    response = client.post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.strip().startswith(f'<tr id="invitation-{invitation.pk}"')
    assert "Revoked" in response.text


def test_a_plain_member_cannot_revoke(client, world):
    invitation = _invitation(world.space_a, "pending@example.org")
    client.force_login(world.kari)
    url = reverse(
        "spaces:invitation_revoke", kwargs={"slug": "smartby", "invitation_id": invitation.pk}
    )
    assert client.post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_an_anonymous_post_changes_nothing(client, world):
    invitation = _invitation(world.space_a, "pending@example.org")
    url = reverse(
        "spaces:invitation_revoke", kwargs={"slug": "smartby", "invitation_id": invitation.pk}
    )
    response = client.post(url)
    assert response.status_code == 302
    assert response.url.startswith(login_url())
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_superuser_is_staff_everywhere(client, world):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("spaces:dashboard", kwargs={"slug": "bygda"})).status_code == 200


def test_an_operator_admin_sees_their_spaces_and_the_new_space_form(client, world):
    world.space_a.operator.admins.add(world.cecilie)
    client.force_login(world.cecilie)
    response = client.get(reverse("spaces:index"))
    assert response.status_code == 200
    assert "Smartby Hub" in response.text
    assert "Bygda Cowork" not in response.text
    assert reverse("spaces:create") in response.text
    response = client.get(reverse("spaces:create"))
    assert response.status_code == 200
    operators = list(response.context["form"].fields["operator"].queryset)
    assert operators == [world.space_a.operator]


def test_a_new_space_cannot_take_the_address_of_the_new_space_page(client, world):
    world.space_a.operator.admins.add(world.cecilie)
    client.force_login(world.cecilie)
    response = client.post(
        reverse("spaces:create"),
        {
            "operator": world.space_a.operator_id,
            "name": "Nytt",
            "slug": "new",
            "time_zone": "Europe/Oslo",
            "currency": "NOK",
            "languages": ["nb"],
        },
    )
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert not Space.objects.filter(slug="new").exists()
