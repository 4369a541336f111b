"""Bookings through the JSON API, as a member's phone or a kiosk at the door meets it: the
space's resources, a day's free and booked times (who booked only for staff and the booker),
the price before booking, booking and cancelling, a desk for the whole day, weekly series,
fixed desks released for days away, and who gets 401/403/404/422."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kollega.accounts.services import api_token_create
from kollega.bookings.models import (
    Booking,
    BookingSeries,
    BookingStatus,
    DeskRelease,
    ResourceKind,
)
from kollega.bookings.tests.factories import (
    NOW,
    TUESDAY,
    WEDNESDAY,
    BookingFactory,
    BookingRuleFactory,
    ResourceFactory,
    ZoneFactory,
    at,
    give_membership,
)
from kollega.core.tests.factories import MemberFactory, UserFactory
from kollega.memberships.models import PlanKind

pytestmark = pytest.mark.django_db

API = "/api/v1"


class Caller:
    """One persona calling the API: staff with a personal API token, members with their
    session (the test client does not enforce CSRF)."""

    def __init__(self, user: Any, *, token: bool = False) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if token:
            _token, secret = api_token_create(user=user, name="booking tests")
            self.headers["Authorization"] = f"Bearer {secret}"
        elif user is not None:
            self.client.force_login(user)

    def get(self, url: str, **params: Any) -> Any:
        return self.client.get(API + url, params, headers=self.headers)

    def post(self, url: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(
            API + url,
            data=json.dumps(body or {}),
            content_type="application/json",
            headers=self.headers,
        )

    def delete(self, url: str) -> Any:
        return self.client.delete(API + url, headers=self.headers)


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def field_errors(response: Any) -> dict[str | None, str]:
    body = ok(response, 422)
    assert set(body) == {"message", "detail"}
    return {item["field"]: item["message"] for item in body["detail"]}


@pytest.fixture
def hub(world: Any, time_machine: Any) -> Any:
    """Smartby Hub on Monday 2 March 2026, 08:00: two meeting rooms, a desk and a booth (no
    opening hours set: any time). Fjordkraft (Kari, Ola) has 4 included room hours a month;
    Mette has no membership, so she pays for every minute. Bygda has a room of its own."""
    time_machine.move_to(NOW, tick=False)
    quiet = ZoneFactory(space=world.space_a, name="Stillesonen")
    world.quiet = quiet
    world.fjorden = ResourceFactory(
        space=world.space_a,
        name="Fjorden",
        capacity=8,
        equipment=["screen", "whiteboard"],
        hourly_price=Decimal("300.00"),
    )
    world.skogen = ResourceFactory(space=world.space_a, name="Skogen", capacity=4)
    world.desk = ResourceFactory(
        space=world.space_a, name="Desk 1", kind=ResourceKind.DESK, zone=quiet
    )
    world.booth = ResourceFactory(space=world.space_a, name="Booth", kind=ResourceKind.BOOTH)
    world.elgen = ResourceFactory(space=world.space_b, name="Elgen")
    give_membership(world.fjordkraft, included_room_hours=4)
    world.as_kari = Caller(world.kari)
    world.as_ola = Caller(world.ola)
    world.as_mette = Caller(world.mette)
    world.as_sven = Caller(world.sven)
    world.as_bjorn = Caller(world.bjorn)
    world.as_cecilie = Caller(world.cecilie, token=True)
    return world


def times(day: dt.date, start: int, end: int) -> dict[str, str]:
    return {"start": at(day, start).isoformat(), "end": at(day, end).isoformat()}


def book(caller: Caller, resource: Any, start: int, end: int, **extra: Any) -> dict[str, Any]:
    body = {"resource": resource.pk, **times(TUESDAY, start, end), **extra}
    return ok(caller.post("/spaces/smartby/bookings", body), 201)


# --- resources ----------------------------------------------------------------------------------


def test_members_see_the_resources_by_kind(hub):
    body = ok(hub.as_kari.get("/spaces/smartby/resources"))
    assert body["count"] == 4
    assert [r["name"] for r in body["items"]] == ["Booth", "Desk 1", "Fjorden", "Skogen"]
    rooms = ok(hub.as_kari.get("/spaces/smartby/resources", kind="room"))["items"]
    assert rooms[0] == {
        "id": hub.fjorden.pk,
        "kind": "room",
        "name": "Fjorden",
        "zone": None,
        "capacity": 8,
        "equipment": ["screen", "whiteboard"],
        "hourly_price": "300.00",
        "currency": "NOK",
    }
    assert [r["name"] for r in rooms] == ["Fjorden", "Skogen"]
    [desk] = ok(hub.as_cecilie.get("/spaces/smartby/resources", kind="desk"))["items"]
    assert desk["zone"] == "Stillesonen"
    assert "kind" in field_errors(hub.as_kari.get("/spaces/smartby/resources", kind="spaceship"))


# --- the price first, then the booking ----------------------------------------------------------


def test_included_hours_are_used_first_and_the_rest_is_priced(hub):
    body = {"resource": hub.fjorden.pk, **times(TUESDAY, 10, 12)}
    quote = ok(hub.as_kari.post("/spaces/smartby/bookings/quote", body))
    assert quote == {
        "minutes": 120,
        "included_minutes": 120,
        "chargeable_minutes": 0,
        "price": "0.00",
        "currency": "NOK",
    }
    assert not Booking.objects.exists()  # a quote writes nothing

    made = book(hub.as_kari, hub.fjorden, 10, 12, title="Styremøte")
    assert made["resource"] == {"id": hub.fjorden.pk, "kind": "room", "name": "Fjorden"}
    assert made["member"] == {"id": hub.kari_member.pk, "name": "Kari Nordmann"}
    assert made["start"] == "2026-03-03T10:00:00+01:00"  # in the space's time zone
    assert made["end"] == "2026-03-03T12:00:00+01:00"
    assert (made["status"], made["title"]) == ("confirmed", "Styremøte")
    assert (made["included_minutes"], made["chargeable_minutes"], made["price"]) == (
        120,
        0,
        "0.00",
    )
    booking = Booking.objects.get(pk=made["id"])
    assert booking.member == hub.kari_member
    assert booking.start == dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC)

    # Ola shares Fjordkraft's 4 hours: 2 are left, the third hour costs 300 NOK.
    body = {"resource": hub.fjorden.pk, **times(TUESDAY, 13, 16)}
    quote = ok(hub.as_ola.post("/spaces/smartby/bookings/quote", body))
    assert (quote["included_minutes"], quote["chargeable_minutes"], quote["price"]) == (
        120,
        60,
        "300.00",
    )


def test_without_a_membership_every_minute_is_charged(hub):
    body = {"resource": hub.fjorden.pk, **times(TUESDAY, 10, 11)}
    body["end"] = at(TUESDAY, 11, 30).isoformat()
    quote = ok(hub.as_mette.post("/spaces/smartby/bookings/quote", body))
    assert quote["chargeable_minutes"] == 90
    assert quote["price"] == "450.00"


def test_a_time_already_booked_is_a_422_naming_start(hub):
    book(hub.as_kari, hub.fjorden, 10, 12)
    body = {"resource": hub.fjorden.pk, **times(TUESDAY, 11, 13)}
    for url in ("/spaces/smartby/bookings", "/spaces/smartby/bookings/quote"):
        response = hub.as_mette.post(url, body)
        errors = field_errors(response)
        assert set(errors) == {"start"}
        assert "already booked" in errors["start"]
        assert "Fjorden" in response.json()["message"]
    assert Booking.objects.count() == 1
    # Back to back is fine, and so is another room at the same time.
    book(hub.as_mette, hub.fjorden, 12, 13)
    book(hub.as_mette, hub.skogen, 10, 12)
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 3


def test_staff_book_for_a_member_and_members_only_for_themselves(hub):
    made = book(hub.as_cecilie, hub.fjorden, 9, 10, member=hub.mette_member.pk)
    assert made["member"]["name"] == "Mette Jensen"
    assert Booking.objects.get(pk=made["id"]).member == hub.mette_member

    body = {"resource": hub.skogen.pk, **times(TUESDAY, 9, 10), "member": hub.mette_member.pk}
    refused = hub.as_kari.post("/spaces/smartby/bookings", body)
    assert refused.status_code == 403, refused.content
    assert refused.json()["message"]
    # Cecilie is not a member herself: she must say whom for.
    del body["member"]
    assert set(field_errors(hub.as_cecilie.post("/spaces/smartby/bookings", body))) == {"member"}
    body["member"] = hub.sven_member.pk  # of another space
    assert set(field_errors(hub.as_cecilie.post("/spaces/smartby/bookings", body))) == {"member"}
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("resource", "field"),
    [("elgen", "resource"), (None, "resource")],
    ids=["another space's room", "no such id"],
)
def test_an_unknown_resource_is_a_422_naming_resource(hub, resource, field):
    pk = getattr(hub, resource).pk if resource else 999_999
    body = {"resource": pk, **times(TUESDAY, 10, 11)}
    for url in ("/spaces/smartby/bookings", "/spaces/smartby/bookings/quote"):
        assert set(field_errors(hub.as_kari.post(url, body))) == {field}
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start": "2026-03-03T10:00:00"}, "start"),  # no time zone
        ({"start": "2026-03-03T12:00:00+01:00"}, "end"),  # ends before it starts
        ({"start": "2026-03-02T07:00:00+01:00"}, "start"),  # already passed
        ({"start": "2026-03-03T10:10:00+01:00"}, "start"),  # not on a 30-minute step
        ({"end": "2026-03-03T19:00:00+01:00"}, "end"),  # longer than 4 hours
        ({"start": "2026-06-01T10:00:00+02:00", "end": "2026-06-01T11:00:00+02:00"}, "start"),
        ({"start": "9999-12-31T23:00:00+00:00"}, "start"),  # beyond any calendar
        ({"end": "tomorrow"}, "end"),
        ({"resource": 0}, "resource"),
        ({"title": "x" * 121}, "title"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(hub, change, field):
    body = {"resource": hub.fjorden.pk, **times(TUESDAY, 10, 11), **change}
    errors = field_errors(hub.as_kari.post("/spaces/smartby/bookings", body))
    assert set(errors) == {field}, errors
    assert errors[field]
    assert not Booking.objects.exists()


def test_a_missing_field_is_named(hub):
    errors = field_errors(hub.as_kari.post("/spaces/smartby/bookings", {"resource": 1}))
    assert {"start", "end"} <= set(errors)


# --- availability -------------------------------------------------------------------------------


def test_availability_shows_free_and_booked_times_and_who_only_to_staff_and_booker(hub):
    made = book(hub.as_kari, hub.fjorden, 10, 12)
    url = "/spaces/smartby/availability"

    def fjorden(caller: Caller) -> dict[str, Any]:
        body = ok(caller.get(url, date="2026-03-03"))
        assert (body["date"], body["kind"], body["time_zone"]) == (
            "2026-03-03",
            "room",
            "Europe/Oslo",
        )
        assert (body["opens"], body["closes"], body["step_minutes"]) == ("08:00:00", "18:00:00", 30)
        rows = {row["resource"]["name"]: row for row in body["resources"]}
        assert set(rows) == {"Fjorden", "Skogen"}
        assert rows["Skogen"]["booked"] == []
        assert rows["Skogen"]["free"] == [
            {"start": "2026-03-03T08:00:00+01:00", "end": "2026-03-03T18:00:00+01:00"}
        ]
        return rows["Fjorden"]

    seen_by_kari = fjorden(hub.as_kari)
    assert seen_by_kari["free"] == [
        {"start": "2026-03-03T08:00:00+01:00", "end": "2026-03-03T10:00:00+01:00"},
        {"start": "2026-03-03T12:00:00+01:00", "end": "2026-03-03T18:00:00+01:00"},
    ]
    assert seen_by_kari["booked"] == [
        {
            "start": "2026-03-03T10:00:00+01:00",
            "end": "2026-03-03T12:00:00+01:00",
            "booking": made["id"],
            "booked_by": "Kari Nordmann",
            "mine": True,
        }
    ]
    [seen_by_mette] = fjorden(hub.as_mette)["booked"]
    assert (seen_by_mette["booking"], seen_by_mette["booked_by"], seen_by_mette["mine"]) == (
        None,
        None,
        False,
    )
    assert b"Kari" not in hub.as_mette.get(url, date="2026-03-03").content
    [seen_by_staff] = fjorden(hub.as_cecilie)["booked"]
    assert (seen_by_staff["booked_by"], seen_by_staff["mine"]) == ("Kari Nordmann", False)

    desks = ok(hub.as_kari.get(url, date="2026-03-03", kind="desk"))["resources"]
    assert [row["resource"]["name"] for row in desks] == ["Desk 1"]
    assert "date" in field_errors(hub.as_kari.get(url, date="03.03.2026"))
    assert "date" in field_errors(hub.as_kari.get(url))


def test_two_bookings_back_to_back_are_two_booked_ranges(hub):
    book(hub.as_kari, hub.fjorden, 10, 11)
    book(hub.as_mette, hub.fjorden, 11, 12)
    body = ok(hub.as_cecilie.get("/spaces/smartby/availability", date="2026-03-03"))
    [fjorden] = [row for row in body["resources"] if row["resource"]["name"] == "Fjorden"]
    assert [(b["booked_by"], b["start"][11:16], b["end"][11:16]) for b in fjorden["booked"]] == [
        ("Kari Nordmann", "10:00", "11:00"),
        ("Mette Jensen", "11:00", "12:00"),
    ]


def test_availability_costs_the_same_queries_for_one_booking_or_many(hub):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            ok(hub.as_mette.get("/spaces/smartby/availability", date="2026-03-03"))
        return len(captured)

    lab = ZoneFactory(space=hub.space_a, name="Lab")
    ResourceFactory(space=hub.space_a, name="Lab room", zone=lab)
    book(hub.as_kari, hub.fjorden, 10, 11)
    one = queries()
    book(hub.as_mette, hub.skogen, 9, 10)
    book(hub.as_ola, hub.fjorden, 14, 15)
    ResourceFactory(space=hub.space_a, name="Lab room 2", zone=lab)
    ResourceFactory(space=hub.space_a, name="Havet")
    assert queries() == one


# --- my bookings, and cancelling ----------------------------------------------------------------


def test_members_list_their_own_bookings_and_staff_every_booking(hub):
    kari_booking = book(hub.as_kari, hub.fjorden, 10, 11)
    mette_booking = book(hub.as_mette, hub.skogen, 10, 11)
    url = "/spaces/smartby/bookings"

    assert [b["id"] for b in ok(hub.as_kari.get(url))["items"]] == [kari_booking["id"]]
    assert ok(hub.as_ola.get(url))["count"] == 0  # a colleague's booking is not Ola's
    everything = ok(hub.as_cecilie.get(url))
    assert {b["id"] for b in everything["items"]} == {kari_booking["id"], mette_booking["id"]}
    only_mette = ok(hub.as_cecilie.get(url, member=hub.mette_member.pk))["items"]
    assert [b["id"] for b in only_mette] == [mette_booking["id"]]

    refused = hub.as_kari.get(url, member=hub.mette_member.pk)
    assert refused.status_code == 403, refused.content
    assert "member" in field_errors(hub.as_cecilie.get(url, member=hub.sven_member.pk))


def test_upcoming_and_past_bookings(hub, time_machine):
    early = book(hub.as_kari, hub.fjorden, 9, 10)
    late = book(hub.as_kari, hub.fjorden, 14, 15)
    cancelled = book(hub.as_kari, hub.skogen, 16, 17)
    ok(hub.as_kari.post(f"/spaces/smartby/bookings/{cancelled['id']}/cancel"))
    url = "/spaces/smartby/bookings"

    upcoming = ok(hub.as_kari.get(url, when="upcoming"))["items"]
    assert [b["id"] for b in upcoming] == [early["id"], late["id"]]
    assert [b["id"] for b in ok(hub.as_kari.get(url, when="past"))["items"]] == [cancelled["id"]]

    time_machine.move_to(at(TUESDAY, 12), tick=False)
    hub.as_kari = Caller(hub.kari)  # a day later: signed in again
    assert [b["id"] for b in ok(hub.as_kari.get(url, when="upcoming"))["items"]] == [late["id"]]
    past = ok(hub.as_kari.get(url, when="past"))["items"]
    assert [b["id"] for b in past] == [cancelled["id"], early["id"]]
    assert ok(hub.as_kari.get(url))["count"] == 3
    assert ok(hub.as_kari.get(url, page_size=2))["items"][0]["id"] == cancelled["id"]
    assert "when" in field_errors(hub.as_kari.get(url, when="someday"))


def test_listing_bookings_costs_the_same_queries_for_one_or_many(hub):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert ok(hub.as_cecilie.get("/spaces/smartby/bookings"))["items"]
        return len(captured)

    book(hub.as_kari, hub.fjorden, 10, 11)
    queries()  # the token's first use is noted once a minute
    one = queries()
    for hour, member in ((12, hub.mette_member), (14, hub.ola_member)):
        BookingFactory(
            resource=hub.skogen, member=member, start=at(TUESDAY, hour), end=at(TUESDAY, hour + 1)
        )
    assert ok(hub.as_cecilie.get("/spaces/smartby/bookings"))["count"] == 3
    assert queries() == one


def test_cancelling_frees_the_time_and_gives_the_included_hours_back(hub):
    made = book(hub.as_kari, hub.fjorden, 10, 14)  # all 4 included hours
    url = f"/spaces/smartby/bookings/{made['id']}/cancel"
    # Someone else's booking does not exist for Ola, nor for another space's staff.
    assert hub.as_ola.post(url).status_code == 404
    assert hub.as_bjorn.post(f"/spaces/bygda/bookings/{made['id']}/cancel").status_code == 404
    assert Booking.objects.get(pk=made["id"]).status == BookingStatus.CONFIRMED

    cancelled = ok(hub.as_kari.post(url))
    assert cancelled["status"] == "cancelled"
    assert cancelled["cancelled_at"] == "2026-03-02T08:00:00+01:00"
    assert set(field_errors(hub.as_kari.post(url))) == {"status"}  # not twice

    again = book(hub.as_mette, hub.fjorden, 10, 11)  # the time is free again
    assert again["status"] == "confirmed"
    quote = ok(
        hub.as_ola.post(
            "/spaces/smartby/bookings/quote", {"resource": hub.fjorden.pk, **times(TUESDAY, 12, 16)}
        )
    )
    assert quote["included_minutes"] == 240


def test_members_cancel_until_the_deadline_and_staff_after_it(hub, time_machine):
    made = book(hub.as_kari, hub.fjorden, 10, 11)
    url = f"/spaces/smartby/bookings/{made['id']}/cancel"
    time_machine.move_to(at(TUESDAY, 9, 30), tick=False)  # 30 minutes before; the rule says 60
    hub.as_kari = Caller(hub.kari)  # a day later: signed in again
    assert set(field_errors(hub.as_kari.post(url))) == {"status"}
    assert Booking.objects.get(pk=made["id"]).status == BookingStatus.CONFIRMED
    assert ok(hub.as_cecilie.post(url))["status"] == "cancelled"


def test_check_in_at_the_door_from_15_minutes_before(hub, time_machine):
    made = book(hub.as_kari, hub.fjorden, 10, 11)
    url = f"/spaces/smartby/bookings/{made['id']}/check-in"
    time_machine.move_to(at(TUESDAY, 9, 30), tick=False)
    hub.as_kari = Caller(hub.kari)  # a day later: signed in again
    assert set(field_errors(hub.as_kari.post(url))) == {"booking"}  # too early
    assert Caller(hub.ola).post(url).status_code == 404  # not his
    time_machine.move_to(at(TUESDAY, 9, 50), tick=False)
    checked = ok(hub.as_kari.post(url))
    assert checked["checked_in_at"] == "2026-03-03T09:50:00+01:00"
    time_machine.move_to(at(TUESDAY, 10, 5), tick=False)
    assert ok(hub.as_cecilie.post(url))["checked_in_at"] == checked["checked_in_at"]


# --- a desk for the whole day -------------------------------------------------------------------


@pytest.fixture
def desks(hub: Any) -> Any:
    """Desks may be booked for a whole day (no opening hours: 08-18). Stillesonen (flex) has
    Desk 1; Desk 9, in no zone, is Mette's fixed desk."""
    BookingRuleFactory(space=hub.space_a, kind=ResourceKind.DESK, max_minutes=600)
    mettes = give_membership(hub.mette_member, kind=PlanKind.FIXED_DESK)
    hub.fixed_desk = ResourceFactory(
        space=hub.space_a, name="Desk 9", kind=ResourceKind.DESK, fixed_membership=mettes
    )
    return hub


def book_day(caller: Caller, **body: Any) -> Any:
    return caller.post("/spaces/smartby/desks/book-day", {"date": "2026-03-03", **body})


def test_a_desk_for_the_whole_day_from_a_zone_until_the_zone_is_full(desks):
    made = ok(book_day(desks.as_kari, zone=desks.quiet.pk), 201)
    assert made["resource"] == {"id": desks.desk.pk, "kind": "desk", "name": "Desk 1"}
    assert (made["start"], made["end"]) == (
        "2026-03-03T08:00:00+01:00",
        "2026-03-03T18:00:00+01:00",
    )
    assert made["member"] == {"id": desks.kari_member.pk, "name": "Kari Nordmann"}
    errors = field_errors(book_day(desks.as_ola, zone=desks.quiet.pk))
    assert errors == {"zone": "No desk is free in Stillesonen on March 3, 2026."}
    errors = field_errors(book_day(desks.as_kari, resource=desks.fixed_desk.pk))
    assert errors == {"date": "You already have a desk on March 3, 2026: Desk 1."}
    assert Booking.objects.count() == 1


def test_book_day_takes_a_zone_or_a_desk_and_names_the_field_otherwise(desks):
    assert set(field_errors(book_day(desks.as_kari))) == {"zone"}
    both = book_day(desks.as_kari, zone=desks.quiet.pk, resource=desks.desk.pk)
    assert set(field_errors(both)) == {"resource"}
    elsewhere = ZoneFactory(space=desks.space_b, name="Skogen")
    for zone in (elsewhere.pk, 999_999):
        assert field_errors(book_day(desks.as_kari, zone=zone)) == {
            "zone": "There is no such zone in this space."
        }
    assert set(field_errors(book_day(desks.as_kari, resource=desks.fjorden.pk))) == {"resource"}
    assert set(field_errors(book_day(desks.as_kari, resource=desks.elgen.pk))) == {"resource"}
    past = book_day(desks.as_kari, zone=desks.quiet.pk, date="2026-03-01")
    assert field_errors(past) == {"date": "March 1, 2026 has already passed."}
    assert set(field_errors(book_day(desks.as_kari, zone=desks.quiet.pk, date="3 March"))) == {
        "date"
    }
    assert not Booking.objects.exists()


def test_staff_book_a_day_for_a_member_and_members_only_for_themselves(desks):
    made = ok(book_day(desks.as_cecilie, zone=desks.quiet.pk, member=desks.ola_member.pk), 201)
    assert made["member"]["name"] == "Ola Hansen"
    refused = book_day(desks.as_kari, resource=desks.desk.pk, member=desks.mette_member.pk)
    assert refused.status_code == 403, refused.content


# --- fixed desks released for days away ---------------------------------------------------------


def releases_url(desk: Any, day: str = "") -> str:
    url = f"/spaces/smartby/desks/{desk.pk}/releases"
    return f"{url}/{day}" if day else url


def test_the_holder_releases_their_desk_and_a_flex_member_books_it(desks):
    assert ok(desks.as_mette.get("/spaces/smartby/desks/mine")) == [
        {"id": desks.fixed_desk.pk, "name": "Desk 9", "zone": None, "releases": []}
    ]
    release = ok(desks.as_mette.post(releases_url(desks.fixed_desk), {"date": "2026-03-03"}), 201)
    assert release == {
        "resource": desks.fixed_desk.pk,
        "date": "2026-03-03",
        "released_by": {"id": desks.mette_member.pk, "name": "Mette Jensen"},
    }
    again = desks.as_mette.post(releases_url(desks.fixed_desk), {"date": "2026-03-03"})
    assert ok(again, 201) == release and DeskRelease.objects.count() == 1
    [mine] = ok(desks.as_mette.get("/spaces/smartby/desks/mine"))
    assert mine["releases"] == ["2026-03-03"]

    made = ok(book_day(desks.as_kari, resource=desks.fixed_desk.pk), 201)
    assert made["resource"]["name"] == "Desk 9"
    # Booked by Kari: Mette cannot take the day back.
    errors = field_errors(desks.as_mette.delete(releases_url(desks.fixed_desk, "2026-03-03")))
    assert set(errors) == {"date"}
    assert DeskRelease.objects.count() == 1


def test_the_holder_takes_a_day_back_unless_someone_booked_it(desks):
    desks.as_mette.post(releases_url(desks.fixed_desk), {"date": "2026-03-04"})
    response = desks.as_mette.delete(releases_url(desks.fixed_desk, "2026-03-04"))
    assert response.status_code == 204, response.content
    assert not DeskRelease.objects.exists()
    gone = desks.as_mette.delete(releases_url(desks.fixed_desk, "2026-03-04"))
    assert gone.status_code == 404
    errors = field_errors(book_day(desks.as_kari, resource=desks.fixed_desk.pk, date="2026-03-04"))
    assert "fixed desk" in errors["resource"]


def test_only_the_holder_releases_a_desk(desks):
    DeskRelease.objects.create(
        resource=desks.fixed_desk, date=WEDNESDAY, released_by=desks.mette_member
    )
    for caller in (desks.as_kari, desks.as_cecilie):
        response = caller.post(releases_url(desks.fixed_desk), {"date": "2026-03-03"})
        assert response.status_code == 403, response.content
        response = caller.delete(releases_url(desks.fixed_desk, "2026-03-04"))
        assert response.status_code == 403, response.content
    flex = desks.as_kari.post(releases_url(desks.desk), {"date": "2026-03-03"})  # not fixed
    assert flex.status_code == 403
    assert list(DeskRelease.objects.values_list("date", flat=True)) == [WEDNESDAY]
    assert ok(desks.as_kari.get("/spaces/smartby/desks/mine")) == []
    assert ok(desks.as_cecilie.get("/spaces/smartby/desks/mine")) == []


def test_release_refusals_name_the_field_or_are_404(desks):
    past = desks.as_mette.post(releases_url(desks.fixed_desk), {"date": "2026-03-01"})
    assert set(field_errors(past)) == {"date"}
    assert set(field_errors(desks.as_mette.post(releases_url(desks.fixed_desk), {}))) == {"date"}
    bad_day = desks.as_mette.delete(releases_url(desks.fixed_desk, "someday"))
    assert set(field_errors(bad_day)) == {"date"}
    for resource in (desks.fjorden, desks.elgen):  # not a desk; another space's
        response = desks.as_mette.post(releases_url(resource), {"date": "2026-03-03"})
        assert response.status_code == 404, response.content
    missing = desks.as_mette.post("/spaces/smartby/desks/999999/releases", {"date": "2026-03-03"})
    assert missing.status_code == 404
    assert not DeskRelease.objects.exists()


# --- weekly series ------------------------------------------------------------------------------


def series(caller: Caller, resource: Any, **changes: Any) -> Any:
    body = {
        "resource": resource.pk,
        "start": at(TUESDAY, 9).isoformat(),
        "minutes": 60,
        "every_weeks": 1,
        "until": (TUESDAY + dt.timedelta(weeks=3)).isoformat(),
        "title": "Standup",
        **changes,
    }
    return caller.post("/spaces/smartby/booking-series", body)


def test_a_weekly_series_books_every_free_week_and_reports_the_others(hub):
    clash = TUESDAY + dt.timedelta(weeks=2)
    BookingFactory(
        resource=hub.skogen, member=hub.ola_member, start=at(clash, 9, 30), end=at(clash, 10, 30)
    )
    made = ok(series(hub.as_kari, hub.skogen), 201)
    assert BookingSeries.objects.get().pk == made["id"]
    assert [b["start"] for b in made["booked"]] == [
        "2026-03-03T09:00:00+01:00",
        "2026-03-10T09:00:00+01:00",
        "2026-03-24T09:00:00+01:00",
    ]
    assert {b["title"] for b in made["booked"]} == {"Standup"}
    [conflict] = made["conflicts"]
    assert conflict["start"] == "2026-03-17T09:00:00+01:00"
    assert "already booked" in conflict["reason"]
    assert Booking.objects.filter(series_id=made["id"]).count() == 3


def test_a_series_that_books_nothing_is_a_422_and_writes_nothing(hub):
    errors = field_errors(series(hub.as_kari, hub.skogen, minutes=600))  # longer than allowed
    assert set(errors) == {"start"} and "None of the times could be booked" in errors["start"]
    day_before = (TUESDAY - dt.timedelta(days=1)).isoformat()
    assert set(field_errors(series(hub.as_kari, hub.skogen, until=day_before))) == {"until"}
    for change, field in (
        ({"every_weeks": 0}, "every_weeks"),
        ({"minutes": 0}, "minutes"),
        ({"start": "2026-03-03T09:00:00"}, "start"),
        ({"until": "soon"}, "until"),
    ):
        assert set(field_errors(series(hub.as_kari, hub.skogen, **change))) == {field}
    assert set(field_errors(series(hub.as_kari, hub.elgen))) == {"resource"}
    assert not Booking.objects.exists() and not BookingSeries.objects.exists()


def test_staff_make_a_series_for_a_member_and_members_only_for_themselves(hub):
    made = ok(series(hub.as_cecilie, hub.skogen, member=hub.kari_member.pk), 201)
    assert {b["member"]["name"] for b in made["booked"]} == {"Kari Nordmann"}
    refused = series(hub.as_ola, hub.fjorden, member=hub.kari_member.pk)
    assert refused.status_code == 403, refused.content
    assert Booking.objects.count() == 4 and BookingSeries.objects.count() == 1


# --- who may call what --------------------------------------------------------------------------

READS = [
    ("/spaces/smartby/resources", {}),
    ("/spaces/smartby/availability", {"date": "2026-03-03"}),
    ("/spaces/smartby/bookings", {}),
]


@pytest.mark.parametrize("persona", ["as_sven", "as_bjorn"])
@pytest.mark.parametrize(("url", "params"), READS)
def test_people_of_another_space_get_404(hub, persona, url, params):
    response = getattr(hub, persona).get(url, **params)
    assert response.status_code == 404, response.content
    assert set(response.json()) == {"message", "detail"}


@pytest.mark.parametrize("persona", ["as_sven", "as_bjorn"])
def test_people_of_another_space_cannot_book_there(hub, persona):
    caller = getattr(hub, persona)
    body = {"resource": hub.fjorden.pk, **times(TUESDAY, 10, 11), "member": hub.kari_member.pk}
    assert caller.post("/spaces/smartby/bookings", body).status_code == 404
    assert caller.post("/spaces/smartby/bookings/quote", body).status_code == 404
    day = {"date": "2026-03-03", "zone": hub.quiet.pk, "member": hub.kari_member.pk}
    assert caller.post("/spaces/smartby/desks/book-day", day).status_code == 404
    weekly = {
        "resource": hub.fjorden.pk,
        "start": at(TUESDAY, 9).isoformat(),
        "minutes": 60,
        "until": "2026-03-31",
        "member": hub.kari_member.pk,
    }
    assert caller.post("/spaces/smartby/booking-series", weekly).status_code == 404
    assert not Booking.objects.exists()


@pytest.mark.parametrize("persona", ["as_sven", "as_bjorn"])
def test_people_of_another_space_cannot_touch_its_desks(desks, persona):
    caller = getattr(desks, persona)
    assert caller.get("/spaces/smartby/desks/mine").status_code == 404
    url = releases_url(desks.fixed_desk)
    assert caller.post(url, {"date": "2026-03-03"}).status_code == 404
    DeskRelease.objects.create(
        resource=desks.fixed_desk, date=WEDNESDAY, released_by=desks.mette_member
    )
    assert caller.delete(releases_url(desks.fixed_desk, "2026-03-04")).status_code == 404
    assert DeskRelease.objects.count() == 1


def test_anonymous_callers_get_401(hub):
    assert Caller(None).get("/spaces/smartby/availability", date="2026-03-03").status_code == 401
    body = {"resource": hub.fjorden.pk, **times(TUESDAY, 10, 11)}
    assert Caller(None).post("/spaces/smartby/bookings", body).status_code == 401


def test_a_former_member_cannot_book(hub):
    nora = UserFactory(email="nora@example.org", full_name="Nora Nilsen")
    MemberFactory(space=hub.space_a, user=nora, status="former")
    body = {"resource": hub.fjorden.pk, **times(TUESDAY, 10, 11)}
    assert Caller(nora).post("/spaces/smartby/bookings", body).status_code == 404
    assert not Booking.objects.exists()


def test_openapi_schema_documents_the_booking_endpoints(client):
    schema = ok(client.get(f"{API}/openapi.json"))
    paths = schema["paths"]
    create = paths["/api/v1/spaces/{slug}/bookings"]["post"]
    assert create["operationId"] == "bookings_create"
    assert create["tags"] == ["bookings"]
    assert set(create["responses"]) >= {"201", "403", "404", "422"}
    for path, method in (
        ("/api/v1/spaces/{slug}/desks/mine", "get"),
        ("/api/v1/spaces/{slug}/desks/{resource_id}/releases", "post"),
        ("/api/v1/spaces/{slug}/desks/{resource_id}/releases/{date}", "delete"),
        ("/api/v1/spaces/{slug}/desks/book-day", "post"),
        ("/api/v1/spaces/{slug}/booking-series", "post"),
    ):
        operation = paths[path][method]
        assert operation["tags"] == ["bookings"] and operation["description"]
        assert {"403", "404", "422"} <= set(operation["responses"])
    assert paths["/api/v1/spaces/{slug}/booking-series"]["post"]["operationId"] == (
        "booking_series_create"
    )
    for path in (
        "/api/v1/spaces/{slug}/resources",
        "/api/v1/spaces/{slug}/availability",
        "/api/v1/spaces/{slug}/bookings/quote",
        "/api/v1/spaces/{slug}/bookings/{booking_id}/cancel",
    ):
        assert path in paths
    assert "Bookings" in schema["info"]["description"]
