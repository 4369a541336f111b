"""The demo community: what `kollega demo` builds, and that it can be built again safely."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Q, Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kollega.accounts.models import User
from kollega.companies.models import Company
from kollega.core.permissions import is_space_staff, member_spaces, staff_spaces
from kollega.core.tests.factories import SpaceFactory, UserFactory
from kollega.demo.content import DEMO_PASSWORD
from kollega.demo.generator import demo_wipe
from kollega.demo.tests.test_demo_bookings import bookings_snapshot, overlapping_pairs
from kollega.demo.tests.test_demo_events import calendar_snapshot
from kollega.matching.models import Introduction, Pair, PairingRound, Suggestion
from kollega.members.models import Invitation, Member, MemberStatus, Profile
from kollega.members.selectors import DirectoryFilters, member_directory_search
from kollega.members.services import member_search_refresh
from kollega.memberships.models import Membership, MembershipStatus, Plan
from kollega.memberships.selectors import companies_over_seat_limit
from kollega.spaces.models import Space

pytestmark = pytest.mark.django_db

CM = "cm@smartby.example"
MEMBER = "ingrid.haugen@trakk.example"
OPERATOR = "admin@kollega-demo.example"


def build(**options: object) -> str:
    out = io.StringIO()
    call_command("demo_build", stdout=out, **options)
    return out.getvalue()


def profile_text(profile: Profile) -> str:
    return " ".join([profile.headline, profile.bio, *profile.offers, *profile.needs])


def count_profiles(texts: list[str], *, words: tuple[str, ...], letters: str = "") -> int:
    return sum(
        1
        for text in texts
        if any(word in f" {text.lower()} " for word in words)
        and (not letters or any(letter in text.lower() for letter in letters))
    )


def test_demo_is_a_community_a_nordic_manager_recognises(demo_output: str) -> None:
    output = demo_output
    today = timezone.localdate()
    smartby = Space.objects.get(slug="smartby-hub")
    assert Space.objects.count() == 2
    assert smartby.max_seats_per_company == 15
    assert sorted(smartby.languages) == ["da", "en", "nb", "sv"]
    assert "du får det du gir" in smartby.house_values.lower()

    active = Member.objects.filter(status=MemberStatus.ACTIVE)
    assert 70 <= active.count() <= 90
    assert 18 <= Company.objects.count() <= 24
    assert Member.objects.filter(space__slug="fjellgarden").count() in range(10, 16)
    assert set(Company.objects.values_list("stage", flat=True)) >= {
        "freelancer",
        "startup",
        "scaleup",
        "established",
        "remote_team",
        "public_sector",
        "academia",
    }
    org_numbers = list(Company.objects.values_list("org_number", flat=True))
    assert len(set(org_numbers)) == len(org_numbers)
    assert all(len(number) == 9 and number.isdigit() for number in org_numbers)

    # Exactly one company of 25 seats, and the CM dashboard's seat-policy warning names it.
    current = Q(memberships__start_date__lte=today) & (
        Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today)
    )
    seats = Company.objects.annotate(seats=Sum("memberships__seats", filter=current))
    assert seats.filter(seats=25).count() == 1
    over = companies_over_seat_limit(space=smartby, on=today)
    assert [(company.name, count) for company, count in over] == [("Bylogikk Rådgivning AS", 25)]
    assert "Seat policy" in output

    # Every company and every company-less member holds a membership; some history.
    assert not Company.objects.filter(memberships__isnull=True).exists()
    assert not Member.objects.filter(
        company__isnull=True, individual_memberships__isnull=True
    ).exists()
    statuses = [m.status_on(today) for m in Membership.objects.all()]
    assert statuses.count(MembershipStatus.NOTICE) >= 2
    assert statuses.count(MembershipStatus.ENDED) == 1
    assert Member.objects.filter(status=MemberStatus.FORMER).count() == 1
    assert Plan.objects.filter(retired_at__isnull=False, memberships__isnull=False).exists()
    assert Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True).count() >= 1

    # Profiles written in Norwegian, Danish, Swedish and English.
    texts = [profile_text(profile) for profile in Profile.objects.all()]
    assert count_profiles(texts, words=(" av ", " meg ", " ikke "), letters="æøå") >= 20
    assert count_profiles(texts, words=(" af ", " mig ", "hjælp", "virksomhed"), letters="æøå") >= 7
    assert count_profiles(texts, words=(" och ", " jag "), letters="äö") >= 8
    assert count_profiles(texts, words=(" the ", " and ", " i ")) >= 10
    assert Profile.objects.filter(visibility__needs="staff").count() >= 2
    assert Profile.objects.filter(visibility__headline="public").count() >= 3
    assert all(
        link.startswith("https://example.org/")
        for links in Profile.objects.values_list("links", flat=True)
        for link in links
    )
    assert not User.objects.exclude(email__endswith=".example").exists()

    # The printed sign-in details work.
    for email in (CM, MEMBER, OPERATOR):
        assert email in output
    assert DEMO_PASSWORD in output
    assert "http://127.0.0.1:8000" in output


def test_printed_accounts_sign_in_and_the_member_finds_the_danish_accountant(
    client: Client, demo_output: str
) -> None:
    response = client.post(reverse("account_login"), {"login": CM, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")
    cm = User.objects.get(email=CM)
    assert [space.slug for space in staff_spaces(user=cm)] == ["smartby-hub"]
    assert cm.preferred_language == "nb"
    operator = User.objects.get(email=OPERATOR)
    assert {space.slug for space in staff_spaces(user=operator)} == {"smartby-hub", "fjellgarden"}
    assert operator.preferred_language == "en"
    assert client.login(email=MEMBER, password=DEMO_PASSWORD)

    # Ingrid needs "hjelp med regnskap"; searching as a member finds Signe's "regnskab".
    ingrid = User.objects.get(email=MEMBER)
    space = member_spaces(user=ingrid).get()
    assert not is_space_staff(user=ingrid, space=space)
    assert "regnskap" in " ".join(ingrid.profile.needs)
    found = member_directory_search(space=space, filters=DirectoryFilters(query="regnskap"))
    danish = [m for m in found if any("regnskab" in offer for offer in m.user.profile.offers)]
    assert [m.user.full_name for m in danish] == ["Signe Kjærgaard"]
    swedish = member_directory_search(space=space, filters=DirectoryFilters(query="bokføring"))
    assert {"Signe Kjærgaard", "Ebba Lindqvist"} <= {m.user.full_name for m in swedish}

    # Needs marked staff-only are searchable by the CM, not by members.
    query = DirectoryFilters(query="ny jobb")
    assert not member_directory_search(space=space, filters=query).exists()
    assert member_directory_search(space=space, filters=query, staff=True).exists()


def test_same_seed_gives_the_same_demo_and_it_can_be_rebuilt() -> None:
    def snapshot() -> list[tuple[object, ...]]:
        people = list(
            Member.objects.order_by("user__email").values_list(
                "user__full_name",
                "user__email",
                "space__slug",
                "company__name",
                "user__profile__phone",
                "user__profile__presence_days",
            )
        )
        companies = list(Company.objects.order_by("name").values_list("name", "org_number"))
        introductions = list(
            Introduction.objects.order_by("created_at").values_list(
                "requester__user__email", "recipient__user__email", "status", "note", "created_at"
            )
        )
        pairs = list(
            Pair.objects.order_by(
                "round__space__slug", "round__number", "first__user__email"
            ).values_list("round__week_of", "first__user__email", "second__user__email")
        )
        return people + companies + introductions + pairs

    def everything() -> dict[str, list[tuple[object, ...]]]:
        return {
            "community": snapshot(),
            "bookings": bookings_snapshot(),
            "calendar": calendar_snapshot(),
        }

    build(seed=11)
    first = everything()
    assert Introduction.objects.exists() and Pair.objects.exists()
    assert len(first["bookings"]) > 300 and len(first["calendar"]) > 500
    output = build(seed=11)
    assert "Removed the previous demo" in output
    assert everything() == first
    assert Space.objects.count() == 2
    assert Member.objects.count() == len([row for row in first["community"] if len(row) == 6])
    assert overlapping_pairs() == 0


def test_a_database_that_is_not_a_demo_is_left_alone() -> None:
    demo_wipe()  # the shared demo (conftest.py), in this test's transaction only
    SpaceFactory(name="Ekte Kontor", slug="ekte-kontor")
    with pytest.raises(CommandError, match="KOLLEGA_DATA_DIR") as refused:
        build(seed=2026)
    assert "Ekte Kontor" in str(refused.value)
    assert list(Space.objects.values_list("slug", flat=True)) == ["ekte-kontor"]

    Space.objects.all().delete()
    UserFactory(email="kari@firma.no")
    with pytest.raises(CommandError, match=re.escape("kari@firma.no")):
        build(seed=2026)
    assert not Space.objects.exists()


def test_a_large_synthetic_community_is_built_and_searchable() -> None:
    output = build(seed=2026, members=300)
    assert "Bryggen Cowork (synthetic): 120 members" in output
    synthetic = Member.objects.exclude(space__slug__in=["smartby-hub", "fjellgarden"])
    bryggen = Space.objects.get(slug="bryggen-cowork")
    ingrid = User.objects.get(email=MEMBER)
    # 300 synthetic people, plus the demo member who joins the largest space.
    assert synthetic.exclude(user=ingrid).count() == 300
    assert synthetic.filter(user=ingrid).get().space == bryggen
    assert is_space_staff(user=User.objects.get(email=CM), space=bryggen)
    assert Membership.objects.filter(space=bryggen).count() >= bryggen.companies.count()
    assert Profile.interests.through.objects.filter(
        profile__user__memberships_in_spaces__space=bryggen
    ).exists()
    # Matchmaking is the hand-written spaces': no suggestions computed for 300 (or 50,000).
    assert not Suggestion.objects.filter(member__space=bryggen).exists()
    assert not PairingRound.objects.filter(space=bryggen).exists()

    # The bulk-built search text is what the services would have written.
    stored = dict(synthetic.values_list("pk", "search_staff"))
    stored_members = dict(synthetic.values_list("pk", "search_members"))
    member_search_refresh(member_ids=list(stored))
    for pk, search_staff, search_members in synthetic.values_list(
        "pk", "search_staff", "search_members"
    ):
        assert set(search_staff.split()) == set(stored[pk].split())
        assert set(search_members.split()) == set(stored_members[pk].split())

    someone = (
        synthetic.filter(space=bryggen)
        .exclude(user=ingrid)
        .select_related("user__profile")
        .order_by("pk")[7]
    )
    query = someone.user.profile.offers[0]
    found = member_directory_search(space=bryggen, filters=DirectoryFilters(query=query))
    assert someone in found
