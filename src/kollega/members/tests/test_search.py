"""The directory search: Nordic cognates and compounds, filters, and visibility."""

from __future__ import annotations

import pytest

from kollega.core.tests.factories import MemberFactory, UserFactory
from kollega.members.models import Profile
from kollega.members.selectors import DirectoryFilters, member_directory_search
from kollega.members.services import member_remove, member_update, profile_update

pytestmark = pytest.mark.django_db


def names(space, *, staff: bool = False, **filters) -> list[str]:
    members = member_directory_search(space=space, filters=DirectoryFilters(**filters), staff=staff)
    return [member.user.full_name for member in members]


def test_a_danish_search_finds_the_norwegian_word_and_its_compounds(world):
    profile_update(user=world.ola, actor=world.ola, offers=["Regnskap for små bedrifter"])
    profile_update(user=world.kari, actor=world.kari, headline="Autorisert regnskapsfører")
    profile_update(user=world.mette, actor=world.mette, offers=["Logo design"])
    assert names(world.space_a, query="regnskab") == ["Kari Nordmann", "Ola Hansen"]


def test_a_swedish_search_finds_norwegian_and_danish_spellings(world):
    profile_update(user=world.ola, actor=world.ola, offers=["bokføring"])
    profile_update(user=world.mette, actor=world.mette, offers=["bogføring og moms"])
    assert names(world.space_a, query="bokföring") == ["Mette Jensen", "Ola Hansen"]


def test_every_query_word_must_match(world):
    profile_update(user=world.ola, actor=world.ola, offers=["Python", "regnskap"])
    profile_update(user=world.kari, actor=world.kari, offers=["Python"])
    assert names(world.space_a, query="python regnskab") == ["Ola Hansen"]


def test_search_covers_names_companies_and_interests(world):
    profile_update(user=world.mette, actor=world.mette, interests=["Urban mobility"])
    assert names(world.space_a, query="nordmann") == ["Kari Nordmann"]
    assert names(world.space_a, query="fjordkraft") == ["Kari Nordmann", "Ola Hansen"]
    assert names(world.space_a, query="mobility") == ["Mette Jensen"]


def test_a_staff_only_need_is_found_by_staff_but_not_by_members(world):
    profile_update(
        user=world.ola, actor=world.ola, needs=["investor"], visibility={"needs": "staff"}
    )
    assert names(world.space_a, query="investor") == []
    assert names(world.space_a, query="investor", staff=True) == ["Ola Hansen"]


def test_changing_visibility_refreshes_what_members_can_find(world):
    profile_update(user=world.ola, actor=world.ola, offers=["fundraising"])
    assert names(world.space_a, query="fundraising") == ["Ola Hansen"]
    profile_update(user=world.ola, actor=world.ola, visibility={"offers": "staff"})
    assert names(world.space_a, query="fundraising") == []
    profile_update(user=world.ola, actor=world.ola, visibility={"offers": "public"})
    assert names(world.space_a, query="fundraising") == ["Ola Hansen"]


def test_the_email_address_is_searchable_by_staff_only(world):
    assert names(world.space_a, query="mette@solo.dk") == []
    assert names(world.space_a, query="solo.dk", staff=True) == ["Mette Jensen"]


def test_search_stays_within_the_space(world):
    profile_update(user=world.sven, actor=world.sven, offers=["regnskap"])
    assert names(world.space_a, query="regnskap") == []
    assert names(world.space_b, query="regnskab") == ["Sven Svensson"]


def test_filters_combine_with_the_query(world):
    profile_update(user=world.ola, actor=world.ola, offers=["Python"])
    profile_update(user=world.mette, actor=world.mette, offers=["Python"])
    assert names(world.space_a, query="python", company_id=world.solo.pk) == ["Mette Jensen"]
    assert names(world.space_a, query="python", industry="energy") == ["Ola Hansen"]
    assert names(world.space_a, stage="freelancer") == ["Mette Jensen"]


def test_a_staff_only_interest_is_not_a_filter_match_for_members(world):
    profile_update(
        user=world.ola, actor=world.ola, interests=["Hydrogen"], visibility={"interests": "staff"}
    )
    interest = Profile.objects.get(user=world.ola).interests.get()
    assert names(world.space_a, interest_id=interest.pk) == []
    assert names(world.space_a, interest_id=interest.pk, staff=True) == ["Ola Hansen"]


def test_former_members_only_for_staff_who_ask(world):
    member_remove(member=world.ola_member, actor=world.kari)
    assert "Ola Hansen" not in names(world.space_a)
    assert "Ola Hansen" not in names(world.space_a, staff=True)
    assert "Ola Hansen" in names(world.space_a, staff=True, include_former=True)
    assert "Ola Hansen" not in names(world.space_a, include_former=True)  # members cannot


def test_moving_a_member_to_another_company_updates_company_search(world):
    member_update(member=world.ola_member, actor=world.cecilie, company=world.solo)
    assert names(world.space_a, query="solo") == ["Mette Jensen", "Ola Hansen"]


def test_results_are_sorted_by_name(world):
    MemberFactory(space=world.space_a, user=UserFactory(full_name="Anne Aas"))
    result = names(world.space_a)
    assert result == sorted(result)
    assert result[0] == "Anne Aas"
