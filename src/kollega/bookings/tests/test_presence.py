"""Who's in: members of the space with a booking or a check-in that day, minus those who
opted out; shown only to the space's own members and staff."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollega.bookings.models import BookingStatus, PresencePreference, ResourceKind
from kollega.bookings.presence import presence_hidden, week_of, whos_in
from kollega.bookings.services.presence import presence_preference_update
from kollega.bookings.tests.factories import (
    NOW,
    TUESDAY,
    WEDNESDAY,
    BookingFactory,
    ResourceFactory,
    at,
)
from kollega.core.tests.factories import MemberFactory, UserFactory
from kollega.members.models import MemberStatus

pytestmark = pytest.mark.django_db

MONDAY = NOW.date()
THURSDAY = dt.date(2026, 3, 5)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def room(world):
    return ResourceFactory(space=world.space_a, name="Fjorden")


@pytest.fixture
def desk(world):
    return ResourceFactory(space=world.space_a, name="Desk 1", kind=ResourceKind.DESK)


def names(entry) -> list[str]:
    return [member.user.full_name for member in entry.members]


def test_members_with_a_booking_that_day_are_in(world, room, desk):
    BookingFactory(resource=room, member=world.kari_member, start=at(MONDAY, 10))
    BookingFactory(resource=desk, member=world.ola_member, start=at(MONDAY, 8), end=at(MONDAY, 17))
    BookingFactory(resource=desk, member=world.mette_member, start=at(TUESDAY, 8))
    (today,) = whos_in(space=world.space_a, day=MONDAY)
    assert today.day == MONDAY
    assert names(today) == ["Kari Nordmann", "Ola Hansen"]


def test_a_member_with_two_bookings_is_listed_once(world, room, desk):
    BookingFactory(resource=room, member=world.kari_member, start=at(MONDAY, 10))
    BookingFactory(resource=desk, member=world.kari_member, start=at(MONDAY, 8), end=at(MONDAY, 17))
    (today,) = whos_in(space=world.space_a, day=MONDAY)
    assert names(today) == ["Kari Nordmann"]


def test_cancelled_and_released_bookings_do_not_count_but_a_check_in_does(world, room, desk):
    BookingFactory(
        resource=room,
        member=world.kari_member,
        start=at(MONDAY, 10),
        status=BookingStatus.CANCELLED,
    )
    BookingFactory(
        resource=room, member=world.ola_member, start=at(MONDAY, 12), status=BookingStatus.RELEASED
    )
    # Mette checked in, then cancelled what was left of her booking: she was in.
    BookingFactory(
        resource=desk,
        member=world.mette_member,
        start=at(MONDAY, 8),
        status=BookingStatus.CANCELLED,
        checked_in_at=at(MONDAY, 8, 5),
    )
    (today,) = whos_in(space=world.space_a, day=MONDAY)
    assert names(today) == ["Mette Jensen"]


def test_members_who_opted_out_are_hidden(world, room):
    BookingFactory(resource=room, member=world.kari_member, start=at(MONDAY, 10))
    BookingFactory(resource=room, member=world.ola_member, start=at(MONDAY, 12))
    presence_preference_update(member=world.ola_member, actor=world.ola, hide_from_whos_in=True)
    # A preference row that does not hide changes nothing.
    presence_preference_update(member=world.kari_member, actor=world.kari, hide_from_whos_in=False)
    (today,) = whos_in(space=world.space_a, day=MONDAY)
    assert names(today) == ["Kari Nordmann"]
    assert presence_hidden(member=world.ola_member) and not presence_hidden(
        member=world.kari_member
    )
    presence_preference_update(member=world.ola_member, actor=world.ola, hide_from_whos_in=False)
    (today,) = whos_in(space=world.space_a, day=MONDAY)
    assert names(today) == ["Kari Nordmann", "Ola Hansen"]


def test_former_members_and_other_spaces_are_not_shown(world, room):
    BookingFactory(resource=room, member=world.kari_member, start=at(MONDAY, 10))
    BookingFactory(resource=room, member=world.ola_member, start=at(MONDAY, 12))
    world.ola_member.status = MemberStatus.FORMER
    world.ola_member.save()
    BookingFactory(
        resource=ResourceFactory(space=world.space_b, name="Ladan"),
        member=world.sven_member,
        start=at(MONDAY, 10),
    )
    (today,) = whos_in(space=world.space_a, day=MONDAY)
    assert names(today) == ["Kari Nordmann"]
    (in_bygda,) = whos_in(space=world.space_b, day=MONDAY)
    assert names(in_bygda) == ["Sven Svensson"]


def test_the_week_is_monday_to_sunday_grouped_by_day(world, room):
    BookingFactory(resource=room, member=world.kari_member, start=at(TUESDAY, 10))
    BookingFactory(resource=room, member=world.ola_member, start=at(THURSDAY, 10))
    BookingFactory(resource=room, member=world.mette_member, start=at(THURSDAY, 12))
    BookingFactory(resource=room, member=world.mette_member, start=at(dt.date(2026, 3, 9), 12))
    week = whos_in(space=world.space_a, day=WEDNESDAY, week=True)
    assert [entry.day for entry in week] == week_of(WEDNESDAY)
    assert week[0].day == MONDAY and week[-1].day == dt.date(2026, 3, 8)
    assert {entry.day: names(entry) for entry in week if entry.members} == {
        TUESDAY: ["Kari Nordmann"],
        THURSDAY: ["Mette Jensen", "Ola Hansen"],
    }


def test_days_are_the_spaces_local_days(world, room):
    # 00:30 on Wednesday in Oslo is still Tuesday in UTC.
    booking = BookingFactory(resource=room, member=world.kari_member, start=at(WEDNESDAY, 0, 30))
    assert booking.start.astimezone(dt.UTC).date() == TUESDAY
    # Until midnight on Tuesday: not in on Wednesday.
    BookingFactory(
        resource=room, member=world.ola_member, start=at(TUESDAY, 23), end=at(WEDNESDAY, 0)
    )
    week = {
        entry.day: names(entry) for entry in whos_in(space=world.space_a, day=MONDAY, week=True)
    }
    assert week[TUESDAY] == ["Ola Hansen"]
    assert week[WEDNESDAY] == ["Kari Nordmann"]


def test_a_booking_over_several_days_counts_on_each(world):
    area = ResourceFactory(space=world.space_a, name="Hall", kind=ResourceKind.EVENT_AREA)
    BookingFactory(
        resource=area, member=world.kari_member, start=at(TUESDAY, 18), end=at(THURSDAY, 10)
    )
    week = {
        entry.day: names(entry) for entry in whos_in(space=world.space_a, day=MONDAY, week=True)
    }
    assert [day for day, people in week.items() if people] == [TUESDAY, WEDNESDAY, THURSDAY]


def test_whos_in_is_one_query_however_many_are_in(world, room, desk):
    for hour in range(8, 16):
        person = MemberFactory(space=world.space_a, user=UserFactory())
        BookingFactory(resource=room, member=person, start=at(MONDAY, hour))
    with CaptureQueriesContext(connection) as queries:
        week = whos_in(space=world.space_a, day=MONDAY, week=True)
        assert len(names(week[0])) == 8
        [(m.user.full_name, m.company) for entry in week for m in entry.members]
    assert len(queries) == 1


@pytest.mark.parametrize("actor", ["kari", "cecilie", "sven"])
def test_only_the_member_changes_their_presence_choice(world, actor):
    with pytest.raises(PermissionDenied):
        presence_preference_update(
            member=world.ola_member, actor=getattr(world, actor), hide_from_whos_in=True
        )
    assert not PresencePreference.objects.filter(hide_from_whos_in=True).exists()


# --- the page ---------------------------------------------------------------------------


def whos_in_url(slug: str = "smartby") -> str:
    return reverse("presence:whos_in", kwargs={"slug": slug})


@pytest.fixture
def busy_week(world, room):
    BookingFactory(resource=room, member=world.kari_member, start=at(MONDAY, 10))
    BookingFactory(resource=room, member=world.ola_member, start=at(MONDAY, 12))
    BookingFactory(resource=room, member=world.mette_member, start=at(THURSDAY, 12))
    presence_preference_update(member=world.ola_member, actor=world.ola, hide_from_whos_in=True)


@pytest.mark.parametrize("who", ["mette", "cecilie"])
def test_the_page_shows_today_and_the_week_to_members_and_staff(client, world, busy_week, who):
    client.force_login(getattr(world, who))
    response = client.get(whos_in_url())
    assert response.status_code == 200
    page = response.content.decode()
    today = page[page.index('id="today"') : page.index('id="week"')]
    assert "Kari Nordmann" in today and "Mette Jensen" not in today
    week = page[page.index('id="week"') :]
    assert week.count("Kari Nordmann") == 1 and week.count("Mette Jensen") == 1
    assert "Ola Hansen" not in page  # opted out
    assert (
        reverse("members:profile", kwargs={"slug": "smartby", "member_id": world.kari_member.pk})
        in page
    )


@pytest.mark.parametrize("who", ["sven", "bjorn"])
def test_the_page_is_404_for_another_spaces_people(client, world, busy_week, who):
    client.force_login(getattr(world, who))
    assert client.get(whos_in_url()).status_code == 404


def test_the_page_needs_sign_in(client, world):
    response = client.get(whos_in_url())
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_pages_query_count_does_not_grow_with_the_people_in(client, world, room):
    client.force_login(world.mette)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(whos_in_url()).status_code == 200
        return len(queries)

    BookingFactory(resource=room, member=world.kari_member, start=at(MONDAY, 8))
    few = count()
    for hour in range(9, 17):
        person = MemberFactory(space=world.space_a, user=UserFactory(), company=world.solo)
        BookingFactory(resource=room, member=person, start=at(TUESDAY, hour))
    assert count() == few


def test_the_presence_toggle_on_the_calendar_page(client, world, busy_week):
    url = reverse("presence:presence_update", kwargs={"slug": "smartby"})
    client.force_login(world.kari)
    page = client.get(reverse("presence:calendar", kwargs={"slug": "smartby"})).content.decode()
    assert 'name="hide_from_whos_in" id="hide-from-whos-in">' in page  # not ticked
    response = client.post(url, {"hide_from_whos_in": "on"})
    assert response.status_code == 302
    assert presence_hidden(member=world.kari_member)
    page = client.get(reverse("presence:calendar", kwargs={"slug": "smartby"})).content.decode()
    assert 'id="hide-from-whos-in" checked>' in page
    assert "Kari Nordmann" not in client.get(whos_in_url()).content.decode()
    client.post(url, {})
    assert not presence_hidden(member=world.kari_member)
    assert "Kari Nordmann" in client.get(whos_in_url()).content.decode()


def test_another_spaces_member_cannot_toggle_here(client, world):
    client.force_login(world.sven)
    url = reverse("presence:presence_update", kwargs={"slug": "smartby"})
    assert client.post(url, {"hide_from_whos_in": "on"}).status_code == 404
    assert not PresencePreference.objects.exists()
