"""Calendar feeds: a member's secret, revocable feed of their bookings and a feed per room,
checked by parsing them with the `icalendar` library as a calendar app would."""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo

import icalendar
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from kollega.bookings.models import BookingStatus, CalendarFeed, ResourceKind
from kollega.bookings.services.calendar import calendar_feed_create, calendar_feed_revoke
from kollega.bookings.tests.factories import (
    NOW,
    OSLO,
    TUESDAY,
    WEDNESDAY,
    BookingFactory,
    ResourceFactory,
    at,
)
from kollega.members.models import MemberStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def room(world):
    return ResourceFactory(space=world.space_a, name="Fjorden")


@pytest.fixture
def karis_bookings(world, room):
    """Kari's bookings of Fjorden, and some that are not in her feed."""
    other_room = ResourceFactory(space=world.space_a, name="Skogen")
    kari = world.kari_member
    return {
        "past": BookingFactory(
            resource=room, member=kari, start=at(dt.date(2026, 2, 10), 9)
        ),  # 20 days back: in
        "tuesday": BookingFactory(
            resource=room,
            member=kari,
            start=at(TUESDAY, 10),
            end=at(TUESDAY, 11, 30),
            title="Kunde",
        ),
        "summer": BookingFactory(
            resource=other_room,
            member=kari,
            start=at(dt.date(2026, 6, 16), 9),
            end=at(dt.date(2026, 6, 16), 10, 30),
        ),
        # Not in the feed:
        "too_old": BookingFactory(resource=room, member=kari, start=at(dt.date(2026, 1, 20), 9)),
        "cancelled": BookingFactory(
            resource=room, member=kari, start=at(WEDNESDAY, 10), status=BookingStatus.CANCELLED
        ),
        "released": BookingFactory(
            resource=room, member=kari, start=at(WEDNESDAY, 13), status=BookingStatus.RELEASED
        ),
        "olas": BookingFactory(
            resource=room, member=world.ola_member, start=at(TUESDAY, 13), title="Ola's meeting"
        ),
    }


def feed_url(secret: str) -> str:
    return reverse("calendar:member_feed", kwargs={"secret": secret})


def room_url(resource) -> str:
    return reverse("calendar:room_feed", kwargs={"token": resource.check_in_token})


def fetch(client, url: str) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(calendar.walk("VEVENT"))


# --- making and revoking a feed ---------------------------------------------------------


def test_a_feed_secret_is_returned_once_and_only_its_hash_is_stored(world):
    feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    assert len(secret) >= 40
    stored = CalendarFeed.objects.get()
    assert stored == feed and stored.revoked_at is None
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in stored.token_hash


def test_a_new_feed_revokes_the_previous_one(world):
    first, first_secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    second, second_secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    assert first_secret != second_secret
    # Ola's feed is his own and stays live.
    olas, _secret = calendar_feed_create(member=world.ola_member, actor=world.ola)
    calendar_feed_create(member=world.kari_member, actor=world.kari)
    olas.refresh_from_db()
    assert olas.revoked_at is None


@pytest.mark.parametrize("actor", ["ola", "cecilie", "sven"])
def test_only_the_member_makes_or_revokes_their_feed(world, actor):
    with pytest.raises(PermissionDenied):
        calendar_feed_create(member=world.kari_member, actor=getattr(world, actor))
    assert not CalendarFeed.objects.exists()
    feed, _secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    with pytest.raises(PermissionDenied):
        calendar_feed_revoke(feed=feed, actor=getattr(world, actor))
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_a_former_member_cannot_make_a_feed(world):
    world.kari_member.status = MemberStatus.FORMER
    world.kari_member.save()
    with pytest.raises(PermissionDenied):
        calendar_feed_create(member=world.kari_member, actor=world.kari)
    assert not CalendarFeed.objects.exists()


# --- the personal feed ------------------------------------------------------------------


def test_the_personal_feed_has_confirmed_bookings_from_30_days_back_and_all_upcoming(
    client, world, karis_bookings
):
    _feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    calendar = fetch(client, feed_url(secret))  # no sign-in: the secret is the key
    found = {str(event["UID"]): event for event in events(calendar)}
    wanted = {
        f"booking-{karis_bookings[name].pk}@127.0.0.1": karis_bookings[name]
        for name in ("past", "tuesday", "summer")
    }
    assert set(found) == set(wanted)
    tuesday = found[f"booking-{karis_bookings['tuesday'].pk}@127.0.0.1"]
    assert str(tuesday["SUMMARY"]) == "Fjorden: Kunde"
    assert str(tuesday["LOCATION"]) == "Smartby Hub"
    assert str(found[f"booking-{karis_bookings['past'].pk}@127.0.0.1"]["SUMMARY"]) == "Fjorden"
    assert "Ola" not in calendar.to_ical().decode()


def test_feed_times_are_in_the_spaces_time_zone_also_in_summer(client, world, karis_bookings):
    _feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    calendar = fetch(client, feed_url(secret))
    by_uid = {str(event["UID"]): event for event in events(calendar)}
    tuesday = by_uid[f"booking-{karis_bookings['tuesday'].pk}@127.0.0.1"]
    summer = by_uid[f"booking-{karis_bookings['summer'].pk}@127.0.0.1"]
    for event in (tuesday, summer):
        assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
        assert event["DTEND"].params["TZID"] == "Europe/Oslo"
    start, end = tuesday.decoded("DTSTART"), tuesday.decoded("DTEND")
    assert (start.hour, start.minute, end.hour, end.minute) == (10, 0, 11, 30)
    assert start.utcoffset() == dt.timedelta(hours=1)  # winter time
    assert start == karis_bookings["tuesday"].start and end == karis_bookings["tuesday"].end
    summer_start = summer.decoded("DTSTART")
    assert (summer_start.hour, summer_start.utcoffset()) == (9, dt.timedelta(hours=2))
    assert summer_start == karis_bookings["summer"].start
    # The calendar describes the time zone itself, for apps without a zone database.
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert calendar.get_missing_tzids() == set()


def test_another_spaces_feed_uses_that_spaces_time_zone(client, world):
    room_b = ResourceFactory(space=world.space_b, name="Ladan")
    stockholm = zoneinfo.ZoneInfo("Europe/Stockholm")
    booking = BookingFactory(
        resource=room_b,
        member=world.sven_member,
        start=dt.datetime(2026, 3, 3, 14, 0, tzinfo=stockholm),
    )
    _feed, secret = calendar_feed_create(member=world.sven_member, actor=world.sven)
    (event,) = events(fetch(client, feed_url(secret)))
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event.decoded("DTSTART") == booking.start
    assert str(event["LOCATION"]) == "Bygda Cowork"


def test_a_bookings_uid_is_stable_between_fetches(client, world, karis_bookings, time_machine):
    _feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    first = sorted(str(event["UID"]) for event in events(fetch(client, feed_url(secret))))
    time_machine.move_to(NOW + dt.timedelta(hours=1), tick=False)
    second = sorted(str(event["UID"]) for event in events(fetch(client, feed_url(secret))))
    assert first == second and len(set(first)) == 3


def test_a_cancelled_booking_leaves_the_feed(client, world, karis_bookings):
    _feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    tuesday = karis_bookings["tuesday"]
    tuesday.status = BookingStatus.CANCELLED
    tuesday.save()
    uids = {str(event["UID"]) for event in events(fetch(client, feed_url(secret)))}
    assert f"booking-{tuesday.pk}@127.0.0.1" not in uids and len(uids) == 2


def test_the_feed_is_never_cached(client, world):
    _feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    response = client.get(feed_url(secret))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_revoked_or_unknown_feed_is_404(client, world, karis_bookings):
    feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    assert client.get(feed_url(secret)).status_code == 200
    calendar_feed_revoke(feed=feed, actor=world.kari)
    assert client.get(feed_url(secret)).status_code == 404
    assert client.get(feed_url("not-a-secret")).status_code == 404
    # The hash itself is no key.
    assert client.get(feed_url(feed.token_hash)).status_code == 404


def test_a_replaced_feed_is_404_and_the_new_one_works(client, world, karis_bookings):
    _old, old_secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    _new, new_secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    assert client.get(feed_url(old_secret)).status_code == 404
    assert len(events(fetch(client, feed_url(new_secret)))) == 3


def test_a_former_members_feed_is_404(client, world, karis_bookings):
    _feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    world.kari_member.status = MemberStatus.FORMER
    world.kari_member.save()
    assert client.get(feed_url(secret)).status_code == 404


# --- the room feed ----------------------------------------------------------------------


def test_the_room_feed_shows_when_it_is_booked_but_never_by_whom(client, world, karis_bookings):
    room = karis_bookings["tuesday"].resource
    response = client.get(room_url(room))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    for secret in ("Kari", "Nordmann", "Ola", "Hansen", "Kunde", "Ola's meeting", "fjordkraft"):
        assert secret not in body
    calendar = icalendar.Calendar.from_ical(response.content)
    found = {str(event["UID"]): event for event in events(calendar)}
    expected = {karis_bookings[name] for name in ("past", "tuesday", "olas")}  # this room only
    assert set(found) == {f"booking-{booking.pk}@127.0.0.1" for booking in expected}
    with translation.override("nb"):  # the space's first language
        booked = gettext("Booked")
    for booking in expected:
        event = found[f"booking-{booking.pk}@127.0.0.1"]
        assert str(event["SUMMARY"]) == booked
        assert str(event["LOCATION"]) == "Smartby Hub"
        assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
        assert event.decoded("DTSTART") == booking.start.astimezone(OSLO)
        assert event.decoded("DTEND") == booking.end.astimezone(OSLO)
        assert "DESCRIPTION" not in event and "ORGANIZER" not in event


def test_an_unknown_room_token_is_404(client, world, room):
    assert client.get(reverse("calendar:room_feed", kwargs={"token": "nope"})).status_code == 404
    assert client.get(room_url(room)).status_code == 200


# --- the member's calendar page ---------------------------------------------------------


def calendar_page(slug: str = "smartby") -> str:
    return reverse("presence:calendar", kwargs={"slug": slug})


def test_the_calendar_page_shows_the_feed_url_once(client, world, karis_bookings):
    client.force_login(world.kari)
    page = client.get(calendar_page())
    assert page.status_code == 200
    assert "Make my calendar address" in page.content.decode()
    created = client.post(reverse("presence:feed_create", kwargs={"slug": "smartby"}))
    assert created.status_code == 200
    assert "no-store" in created["Cache-Control"]
    feed = CalendarFeed.objects.get(member=world.kari_member)
    body = created.content.decode()
    prefix = "http://testserver/calendar/"
    start = body.index(prefix) + len(prefix)
    secret = body[start : body.index(".ics", start)]
    assert hashlib.sha256(secret.encode()).hexdigest() == feed.token_hash
    assert f"webcal://testserver/calendar/{secret}.ics" in body
    assert len(events(fetch(client, feed_url(secret)))) == 3
    # The same secret opens the event feeds, shown beside it.
    for path in (f"{secret}/events.ics", f"{secret}/my-events.ics"):
        assert f"{prefix}{path}" in body
        assert client.get(f"/calendar/{path}").status_code == 200
    again = client.get(calendar_page()).content.decode()
    assert secret not in again and "cannot be shown again" in again


def test_the_calendar_page_revokes_the_feed(client, world):
    _feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    client.force_login(world.kari)
    response = client.post(reverse("presence:feed_revoke", kwargs={"slug": "smartby"}))
    assert response.status_code == 302 and response.url == calendar_page()
    assert client.get(feed_url(secret)).status_code == 404


def test_the_calendar_page_lists_room_feeds_but_not_desks(client, world, room):
    desk = ResourceFactory(space=world.space_a, name="Desk 7", kind=ResourceKind.DESK)
    other_space = ResourceFactory(space=world.space_b, name="Ladan")
    client.force_login(world.kari)
    body = client.get(calendar_page()).content.decode()
    assert f"http://testserver{room_url(room)}" in body
    assert desk.check_in_token not in body and other_space.check_in_token not in body


@pytest.mark.parametrize("who", ["sven", "bjorn", "cecilie"])
def test_the_calendar_page_is_404_for_anyone_but_the_spaces_members(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(calendar_page()).status_code == 404
    response = client.post(reverse("presence:feed_create", kwargs={"slug": "smartby"}))
    assert response.status_code == 404
    assert not CalendarFeed.objects.exists()


def test_the_calendar_page_needs_sign_in(client, world):
    response = client.get(calendar_page())
    assert response.status_code == 302 and "/accounts/login/" in response.url
