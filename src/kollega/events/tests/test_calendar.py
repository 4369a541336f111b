"""Event calendar feeds: the space's events and the events I am going to, opened by the
member's bookings feed secret, checked by parsing them with `icalendar` as a calendar app
would."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from kollega.bookings.services.calendar import calendar_feed_create, calendar_feed_revoke
from kollega.bookings.tests.factories import ResourceFactory
from kollega.events.models import EventKind, EventStatus, RsvpStatus
from kollega.events.tests.factories import NOW, TUESDAY, EventFactory, RsvpFactory, at
from kollega.members.models import MemberStatus

pytestmark = pytest.mark.django_db

THURSDAY = dt.date(2026, 3, 5)
SUMMER_DAY = dt.date(2026, 6, 18)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def smartby_events(world):
    """Events of Smartby Hub around Monday 2 March 2026, and Kari's answers to them."""
    space = world.space_a
    room = ResourceFactory(space=space, name="Storstua", capacity=40)
    kari = world.kari_member
    made = {
        "recent": EventFactory(
            space=space, title="Pitch & lunch", start=at(dt.date(2026, 2, 12), 11)
        ),  # 18 days back: in
        "bar": EventFactory(
            space=space,
            title="Torsdagsbar",
            start=at(THURSDAY, 16),
            end=at(THURSDAY, 19, 30),
            resource=room,
            location="",
        ),
        "lecture": EventFactory(
            space=space,
            title="Lunsjforedrag: solceller",
            kind=EventKind.PROFESSIONAL,
            start=at(SUMMER_DAY, 11, 30),
            end=at(SUMMER_DAY, 12, 30),
            location="",
            online_url="https://meet.example/solceller",
        ),
        "cancelled": EventFactory(
            space=space,
            title="Vaffeltorsdag",
            start=at(TUESDAY, 14),
            status=EventStatus.CANCELLED,
            cancelled_at=NOW - dt.timedelta(days=1),
        ),
        "waiting": EventFactory(space=space, title="Investor speed dating", capacity=1),
        "not_going": EventFactory(space=space, title="Frokost", start=at(TUESDAY, 8)),
        # Never in a feed:
        "too_old": EventFactory(
            space=space, title="Gammel fest", start=at(dt.date(2026, 1, 20), 15)
        ),
        "proposed": EventFactory(space=space, title="Forslag", status=EventStatus.PROPOSED),
        "declined": EventFactory(space=space, title="Avslått", status=EventStatus.DECLINED),
        "elsewhere": EventFactory(space=world.space_b, title="Fika i Bygda"),
    }
    for name in ("recent", "bar", "lecture", "cancelled", "too_old"):
        RsvpFactory(event=made[name], member=kari)
    RsvpFactory(event=made["waiting"], member=world.ola_member)
    RsvpFactory(event=made["waiting"], member=kari, status=RsvpStatus.WAITING)
    RsvpFactory(event=made["not_going"], member=kari, status=RsvpStatus.NOT_GOING)
    RsvpFactory(event=made["not_going"], member=world.ola_member)
    return made


def space_url(secret: str) -> str:
    return reverse("events_calendar:space_feed", kwargs={"secret": secret})


def my_url(secret: str) -> str:
    return reverse("events_calendar:my_feed", kwargs={"secret": secret})


def fetch(client, url: str) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def by_summary(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    entries = list(calendar.walk("VEVENT"))
    found = {str(entry["SUMMARY"]): entry for entry in entries}
    assert len(found) == len(entries)  # one entry per event
    return found


def test_the_space_feed_has_its_events_from_30_days_back_and_cancelled_ones_marked(
    client, world, smartby_events
):
    _feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    found = by_summary(fetch(client, space_url(secret)))  # no sign-in: the secret is the key
    assert set(found) == {
        "Pitch & lunch",
        "Torsdagsbar",
        "Lunsjforedrag: solceller",
        "Vaffeltorsdag",
        "Investor speed dating",
        "Frokost",
    }
    assert str(found["Vaffeltorsdag"]["STATUS"]) == "CANCELLED"
    assert {str(entry["STATUS"]) for name, entry in found.items() if name != "Vaffeltorsdag"} == {
        "CONFIRMED"
    }
    bar = found["Torsdagsbar"]
    assert str(bar["LOCATION"]) == "Storstua"
    assert str(bar["UID"]) == f"event-{smartby_events['bar'].pk}@127.0.0.1"
    assert str(bar["URL"]).endswith(f"/s/smartby/events/{smartby_events['bar'].pk}/")
    lecture = found["Lunsjforedrag: solceller"]
    assert str(lecture["LOCATION"]) == "https://meet.example/solceller"
    assert "https://meet.example/solceller" in str(lecture["DESCRIPTION"])


def test_my_feed_has_only_the_events_i_am_going_to(client, world, smartby_events):
    _feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    found = by_summary(fetch(client, my_url(secret)))
    # Not the one she waits for, nor the one she said no to, nor one too long ago.
    assert set(found) == {
        "Pitch & lunch",
        "Torsdagsbar",
        "Lunsjforedrag: solceller",
        "Vaffeltorsdag",
    }
    assert str(found["Vaffeltorsdag"]["STATUS"]) == "CANCELLED"
    # Ola's own feed has his events, not Kari's.
    _feed, olas_secret = calendar_feed_create(member=world.ola_member, actor=world.ola)
    assert set(by_summary(fetch(client, my_url(olas_secret)))) == {
        "Investor speed dating",
        "Frokost",
    }


def test_feed_times_are_in_the_spaces_time_zone_with_its_vtimezone(client, world, smartby_events):
    _feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    calendar = fetch(client, my_url(secret))
    found = by_summary(calendar)
    bar, lecture = found["Torsdagsbar"], found["Lunsjforedrag: solceller"]
    for entry in (bar, lecture):
        assert entry["DTSTART"].params["TZID"] == "Europe/Oslo"
        assert entry["DTEND"].params["TZID"] == "Europe/Oslo"
    start, end = bar.decoded("DTSTART"), bar.decoded("DTEND")
    assert (start.hour, start.minute, end.hour, end.minute) == (16, 0, 19, 30)
    assert start.utcoffset() == dt.timedelta(hours=1)  # winter time
    assert start == smartby_events["bar"].start
    summer = lecture.decoded("DTSTART")
    assert (summer.hour, summer.minute, summer.utcoffset()) == (11, 30, dt.timedelta(hours=2))
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert calendar.get_missing_tzids() == set()
    assert str(calendar["PRODID"]) == "-//Kollega//Bookings//EN"


def test_another_spaces_feed_is_in_that_spaces_time_zone(client, world, smartby_events):
    stockholm = zoneinfo.ZoneInfo("Europe/Stockholm")
    RsvpFactory(event=smartby_events["elsewhere"], member=world.sven_member)
    _feed, secret = calendar_feed_create(member=world.sven_member, actor=world.sven)
    for url in (space_url(secret), my_url(secret)):
        (entry,) = fetch(client, url).walk("VEVENT")
        assert str(entry["SUMMARY"]) == "Fika i Bygda"
        assert entry["DTSTART"].params["TZID"] == "Europe/Stockholm"
        assert entry.decoded("DTSTART") == smartby_events["elsewhere"].start
        assert entry.decoded("DTSTART").tzinfo.key == stockholm.key


def test_the_feed_speaks_the_members_language(client, world, smartby_events):
    """Calendar apps send no language: the feed is in the member's own."""
    _feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    for language in ("nb", "en"):
        world.kari.preferred_language = language
        world.kari.save()
        calendar = fetch(client, my_url(secret))
        with translation.override(language):
            name = gettext("My events at %(space)s") % {"space": "Smartby Hub"}
            cancelled = gettext("This event is cancelled.")
            social = gettext("Social")
        assert str(calendar["X-WR-CALNAME"]) == name
        entry = by_summary(calendar)["Vaffeltorsdag"]
        assert str(entry["DESCRIPTION"]).startswith(cancelled)
        assert entry["CATEGORIES"].cats == [social]


def test_the_feeds_are_never_cached_and_not_indexed(client, world, smartby_events):
    _feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    for url in (space_url(secret), my_url(secret)):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Referrer-Policy"] == "no-referrer"


def test_a_revoked_or_unknown_secret_is_404(client, world, smartby_events):
    feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    assert client.get(space_url(secret)).status_code == 200
    calendar_feed_revoke(feed=feed, actor=world.kari)
    for url in (space_url(secret), my_url(secret)):
        assert client.get(url).status_code == 404
    assert client.get(space_url("not-a-secret")).status_code == 404
    assert client.get(my_url(feed.token_hash)).status_code == 404  # the hash is no key


def test_a_former_members_secret_is_404(client, world, smartby_events):
    _feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    world.kari_member.status = MemberStatus.FORMER
    world.kari_member.save()
    assert client.get(space_url(secret)).status_code == 404
    assert client.get(my_url(secret)).status_code == 404


def test_the_feed_is_read_in_a_fixed_number_of_queries(
    client, world, smartby_events, django_assert_num_queries
):
    _feed, secret = calendar_feed_create(member=world.kari_member, actor=world.kari)
    # The feed by its secret (with the member, space and user), then the events.
    with django_assert_num_queries(2):
        client.get(space_url(secret))
    for day in range(5):
        EventFactory(space=world.space_a, start=at(THURSDAY + dt.timedelta(days=day), 9))
    with django_assert_num_queries(2):
        client.get(space_url(secret))
