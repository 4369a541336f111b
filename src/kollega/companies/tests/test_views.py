"""The community manager's company pages, through HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kollega.companies.models import Company
from kollega.core.tests.factories import CompanyFactory, MemberFactory
from kollega.members.models import Invitation, MemberStatus
from kollega.memberships.services import membership_create

pytestmark = pytest.mark.django_db


def url(name, company=None, **kwargs):
    kwargs["slug"] = kwargs.get("slug", "smartby")
    if company is not None:
        kwargs["company_id"] = company.pk
    return reverse(f"companies:{name}", kwargs=kwargs)


def get_pages(world):
    return [
        url("list"),
        url("create"),
        url("detail", world.fjordkraft),
        url("edit", world.fjordkraft),
    ]


def test_the_cm_sees_every_company_page(client, world):
    client.force_login(world.cecilie)
    for page in get_pages(world):
        assert client.get(page).status_code == 200, page


def test_a_cm_of_another_space_gets_404_on_every_company_page(client, world):
    client.force_login(world.bjorn)
    for page in get_pages(world):
        assert client.get(page).status_code == 404, page
    # Nor through his own space's address.
    page = url("detail", world.fjordkraft, slug="bygda")
    assert client.get(page).status_code == 404


def test_a_plain_member_even_a_contact_person_gets_404(client, world):
    client.force_login(world.kari)
    for page in get_pages(world):
        assert client.get(page).status_code == 404, page


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    for page in get_pages(world):
        response = client.get(page)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_other_space_cannot_post_company_actions(client, world):
    client.force_login(world.bjorn)
    actions = [
        url("archive", world.fjordkraft),
        url("invite", world.fjordkraft),
        url("edit", world.fjordkraft),
        reverse(
            "companies:person_contact",
            kwargs={
                "slug": "smartby",
                "company_id": world.fjordkraft.pk,
                "member_id": world.ola_member.pk,
            },
        ),
        reverse(
            "companies:person_remove",
            kwargs={
                "slug": "smartby",
                "company_id": world.fjordkraft.pk,
                "member_id": world.ola_member.pk,
            },
        ),
    ]
    for action in actions:
        response = client.post(
            action,
            {
                "name": "Hacked",
                "stage": "startup",
                "is_company_contact": "1",
                "email": "h@example.org",
            },
        )
        assert response.status_code == 404, action
    world.fjordkraft.refresh_from_db()
    world.ola_member.refresh_from_db()
    assert world.fjordkraft.archived_at is None
    assert world.fjordkraft.name == "Fjordkraft Data AS"
    assert world.ola_member.is_company_contact is False
    assert world.ola_member.status == MemberStatus.ACTIVE
    assert not Invitation.objects.exists()


# --- list -----------------------------------------------------------------------------------


def test_list_searches_name_and_org_number_and_filters(client, world):
    CompanyFactory(
        space=world.space_a,
        name="Havvind AS",
        org_number="987654321",
        industry="energy",
        stage="scaleup",
    )
    CompanyFactory(space=world.space_b, name="Havbruk AB", org_number="5566778899")
    client.force_login(world.cecilie)
    names = lambda response: [c.name for c in response.context["page"].object_list]  # noqa: E731
    assert names(client.get(url("list"), {"q": "hav"})) == ["Havvind AS"]
    assert names(client.get(url("list"), {"q": "98765"})) == ["Havvind AS"]
    assert names(client.get(url("list"), {"industry": "energy"})) == [
        "Fjordkraft Data AS",
        "Havvind AS",
    ]
    assert names(client.get(url("list"), {"stage": "freelancer"})) == ["Solo Design"]


def test_archived_companies_show_only_on_request(client, world):
    world.solo.archived_at = timezone.now()
    world.solo.save()
    client.force_login(world.cecilie)
    assert "Solo Design" not in client.get(url("list")).text
    response = client.get(url("list"), {"include_archived": "on"})
    assert "Solo Design" in response.text
    assert "Archived" in response.text


def test_live_search_returns_the_results_partial(client, world):
    client.force_login(world.cecilie)
    response = client.get(url("list"), {"q": "solo"}, headers={"HX-Request": "true"})
    assert 'id="company-results"' in response.text
    assert "<html" not in response.text
    assert "Solo Design" in response.text
    assert "Fjordkraft" not in response.text


def test_company_list_query_count_is_bounded(client, world, django_assert_max_num_queries):
    for n in range(25):
        company = CompanyFactory(space=world.space_a, name=f"Firma {n:02d}")
        MemberFactory(space=world.space_a, company=company)
    client.force_login(world.cecilie)
    # 7 today: session, user, space, navigation (2), count, page.
    with django_assert_max_num_queries(9):
        response = client.get(url("list"))
    assert len(response.context["page"].object_list) == 27
    firma = next(c for c in response.context["page"].object_list if c.name == "Firma 00")
    assert firma.people_count == 1


# --- create and edit ------------------------------------------------------------------------


def test_cm_creates_a_company(client, world):
    client.force_login(world.cecilie)
    response = client.post(
        url("create"),
        {
            "name": "Byplan Arkitekter",
            "org_number": "912 345 678",
            "industry": "architecture",
            "stage": "established",
            "employees": "12",
            "website": "https://byplan.no",
            "description": "Urban planning.",
        },
    )
    company = Company.objects.get(name="Byplan Arkitekter")
    assert response.status_code == 302
    assert response.url == url("detail", company)
    assert company.space == world.space_a
    assert company.org_number == "912345678"
    assert company.employees == 12


def test_duplicate_org_number_shows_the_error_on_the_org_number_field(client, world):
    CompanyFactory(space=world.space_a, name="Havvind AS", org_number="987654321")
    client.force_login(world.cecilie)
    response = client.post(
        url("create"),
        {
            "name": "Copycat AS",
            "org_number": "987 654 321",
            "industry": "energy",
            "stage": "startup",
            "employees": "3",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == ["org_number"]
    assert "Havvind AS" in form.errors["org_number"][0]
    assert not Company.objects.filter(name="Copycat AS").exists()


def test_the_same_org_number_is_fine_in_another_space(client, world):
    CompanyFactory(space=world.space_b, name="Havvind AB", org_number="987654321")
    client.force_login(world.cecilie)
    response = client.post(
        url("create"),
        {
            "name": "Havvind AS",
            "org_number": "987654321",
            "industry": "energy",
            "stage": "startup",
            "employees": "3",
        },
    )
    assert response.status_code == 302


def test_cm_edits_a_company(client, world):
    client.force_login(world.cecilie)
    response = client.get(url("edit", world.solo))
    assert 'value="Solo Design"' in response.text
    response = client.post(
        url("edit", world.solo),
        {
            "name": "Solo Design Studio",
            "org_number": "",
            "industry": "design",
            "stage": "freelancer",
            "employees": "2",
        },
    )
    assert response.status_code == 302
    world.solo.refresh_from_db()
    assert world.solo.name == "Solo Design Studio"
    assert world.solo.employees == 2


def test_cm_archives_a_company_and_its_history_stays(client, world):
    membership = membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.solo,
        start_date=dt.date(2026, 1, 1),
    ).membership
    client.force_login(world.cecilie)
    response = client.post(url("archive", world.solo))
    assert response.status_code == 302
    world.solo.refresh_from_db()
    assert world.solo.archived_at is not None
    assert Company.objects.filter(pk=world.solo.pk).exists()
    membership.refresh_from_db()
    assert membership.company == world.solo
    assert client.get(url("detail", world.solo)).status_code == 200


def test_archive_is_post_only(client, world):
    client.force_login(world.cecilie)
    assert client.get(url("archive", world.solo)).status_code == 405


# --- detail ---------------------------------------------------------------------------------


def test_detail_shows_people_contact_badge_memberships_history_and_invitations(client, world):
    membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.fjordkraft,
        start_date=dt.date(2026, 1, 1),
        seats=4,
        actor=world.cecilie,
    )
    Invitation.objects.create(
        space=world.space_a,
        company=world.fjordkraft,
        email="nora@fjordkraft.no",
        full_name="Nora Vik",
        token_hash="n" * 64,
        expires_at=timezone.now() + dt.timedelta(days=3),
    )
    client.force_login(world.cecilie)
    response = client.get(url("detail", world.fjordkraft))
    text = response.text
    assert "Kari Nordmann" in text
    assert "Ola Hansen" in text
    assert "Mette Jensen" not in text
    assert "Contact person" in text
    assert "Flex" in text
    assert "Started" in text  # the history
    assert "Nora Vik" in text
    assert response.context["overview"].seats_in_use == 4
    assert "above the space" not in text


def test_detail_warns_when_the_company_is_above_the_seat_policy(client, world):
    membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.fjordkraft,
        start_date=timezone.localdate(),
        seats=11,
    )
    client.force_login(world.cecilie)
    response = client.get(url("detail", world.fjordkraft))
    assert "This company has 11 seats, above the space's maximum of 10" in response.text
    assert "keep to themselves" in response.text


def test_cm_invites_someone_to_the_company_as_contact_person(client, world):
    client.force_login(world.cecilie)
    response = client.post(
        url("invite", world.fjordkraft),
        {
            "email": "nora@fjordkraft.no",
            "full_name": "Nora Vik",
            "make_contact": "on",
        },
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="nora@fjordkraft.no")
    assert invitation.company == world.fjordkraft
    assert invitation.make_contact is True
    response = client.get(url("detail", world.fjordkraft))
    assert "Nora Vik" in response.text


def test_invite_with_a_bad_address_shows_the_error(client, world):
    client.force_login(world.cecilie)
    response = client.post(url("invite", world.fjordkraft), {"email": "not-an-address"})
    assert response.status_code == 400
    assert "email" in response.context["invite_form"].errors


def test_cm_toggles_contact_person(client, world):
    client.force_login(world.cecilie)
    action = reverse(
        "companies:person_contact",
        kwargs={
            "slug": "smartby",
            "company_id": world.fjordkraft.pk,
            "member_id": world.ola_member.pk,
        },
    )
    assert client.post(action, {"is_company_contact": "1"}).status_code == 302
    world.ola_member.refresh_from_db()
    assert world.ola_member.is_company_contact is True
    response = client.post(action, {"is_company_contact": "0"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.strip().startswith(f'<tr id="person-{world.ola_member.pk}"')
    world.ola_member.refresh_from_db()
    assert world.ola_member.is_company_contact is False


def test_person_actions_only_for_people_of_that_company(client, world):
    client.force_login(world.cecilie)
    action = reverse(
        "companies:person_contact",
        kwargs={
            "slug": "smartby",
            "company_id": world.fjordkraft.pk,
            "member_id": world.mette_member.pk,
        },
    )
    assert client.post(action, {"is_company_contact": "1"}).status_code == 404
    world.mette_member.refresh_from_db()
    assert world.mette_member.is_company_contact is False


def test_cm_removes_a_person_who_becomes_a_former_member(client, world):
    client.force_login(world.cecilie)
    action = reverse(
        "companies:person_remove",
        kwargs={
            "slug": "smartby",
            "company_id": world.fjordkraft.pk,
            "member_id": world.ola_member.pk,
        },
    )
    assert client.post(action).status_code == 302
    world.ola_member.refresh_from_db()
    assert world.ola_member.status == MemberStatus.FORMER
    response = client.get(url("detail", world.fjordkraft))
    assert "1 former member" in response.text
    # Removing twice explains instead of failing.
    response = client.post(action, follow=True)
    assert "already a former member" in response.text
