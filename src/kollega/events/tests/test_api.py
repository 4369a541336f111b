"""Events through the JSON API, as a member's phone or the CM's tablet at the door meets it:
the calendar with seats and the caller's own answer, creating events and series, changing
and cancelling them, proposals and decisions, RSVPs that land on the waiting list when the
event is full, check-in, the attendance list, feedback, and who gets 403/404/422."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kollega.accounts.services import api_token_create
from kollega.bookings.models import Booking, BookingStatus
from kollega.bookings.tests.factories import ResourceFactory, give_membership
from kollega.events.models import (
    Audience,
    Event,
    EventKind,
    EventStatus,
    Feedback,
    Rsvp,
    RsvpStatus,
)
from kollega.events.services import (
    EventData,
    event_attendance_close,
    event_create,
    event_propose,
    rsvp_answer,
)
from kollega.memberships.models import PlanKind
from kollega.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db

API = "/api/v1"
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NOW = dt.datetime(2026, 3, 2, 8, 0, tzinfo=OSLO)  # Monday morning, winter time (UTC+1)
THURSDAY = dt.date(2026, 3, 5)
NEXT_THURSDAY = dt.date(2026, 3, 12)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=OSLO)


class Caller:
    """One persona calling the API: staff with a personal API token, members with their
    session (the test client does not enforce CSRF)."""

    def __init__(self, user: Any, *, token: bool = False) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if token:
            _token, secret = api_token_create(user=user, name="event tests")
            self.headers["Authorization"] = f"Bearer {secret}"
        else:
            self.client.force_login(user)
        self.user = user

    def sign_in_again(self) -> None:
        """Sessions last 12 hours: after days pass, members sign in again."""
        if "Authorization" not in self.headers:
            self.client.force_login(self.user)

    def get(self, url: str, **params: Any) -> Any:
        return self.client.get(API + url, params, headers=self.headers)

    def send(self, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.generic(
            method,
            API + url,
            data=json.dumps(body) if body is not None else "",
            content_type="application/json",
            headers=self.headers,
        )

    def post(self, url: str, body: dict[str, Any] | None = None) -> Any:
        return self.send("POST", url, body)

    def put(self, url: str, body: dict[str, Any]) -> Any:
        return self.send("PUT", url, body)

    def patch(self, url: str, body: dict[str, Any]) -> Any:
        return self.send("PATCH", url, body)


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def field_errors(response: Any) -> dict[str | None, str]:
    body = ok(response, 422)
    assert set(body) == {"message", "detail"}
    return {item["field"]: item["message"] for item in body["detail"]}


def denied(response: Any, status: int) -> None:
    assert response.status_code == status, response.content
    assert set(response.json()) == {"message", "detail"}


def times(day: dt.date, start: int, end: int) -> dict[str, str]:
    return {"start": at(day, start).isoformat(), "end": at(day, end).isoformat()}


def make(world: Any, title: str = "Thursday bar", **changes: Any) -> Event:
    fields: dict[str, Any] = {
        "title": title,
        "start": at(THURSDAY, 15),
        "end": at(THURSDAY, 17),
        "location": "The lounge",
    }
    fields.update(changes)
    return event_create(space=world.space_a, data=EventData(**fields), actor=world.cecilie)


def answer(event: Event, member: Any, *, going: bool = True, guest_name: str = "") -> Rsvp:
    return rsvp_answer(
        event=event, member=member, actor=member.user, going=going, guest_name=guest_name
    ).rsvp


@pytest.fixture
def club(world: Any, time_machine: Any) -> Any:
    """Smartby Hub on Monday 2 March 2026, 08:00, with a 40-seat hall (Storstua). Cecilie (CM)
    calls with a token, the members with their session; Sven and Bjørn are of Bygda."""
    time_machine.move_to(NOW, tick=False)
    world.clock = time_machine
    world.hall = ResourceFactory(space=world.space_a, name="Storstua", capacity=40)
    world.as_cecilie = Caller(world.cecilie, token=True)
    world.as_kari = Caller(world.kari)
    world.as_ola = Caller(world.ola)
    world.as_mette = Caller(world.mette)
    world.as_sven = Caller(world.sven)
    world.as_bjorn = Caller(world.bjorn)
    return world


def later(club: Any, minutes: int) -> None:
    """Let time pass (the waiting list is first come, first served)."""
    club.clock.move_to(NOW + dt.timedelta(minutes=minutes), tick=False)


def travel(club: Any, moment: dt.datetime) -> None:
    """Days later: everyone signs in again."""
    club.clock.move_to(moment, tick=False)
    for caller in (club.as_kari, club.as_ola, club.as_mette, club.as_sven, club.as_bjorn):
        caller.sign_in_again()


# --- the calendar -------------------------------------------------------------------------------


def test_members_see_published_events_with_seats_and_their_own_answer(club):
    bar = make(club, capacity=2, kind=EventKind.SOCIAL, audience=Audience.GUESTS)
    lecture = make(
        club,
        "Lunch lecture: VAT",
        kind=EventKind.PROFESSIONAL,
        start=at(NEXT_THURSDAY, 11, 30),
        end=at(NEXT_THURSDAY, 12, 15),
        resource=club.hall,
        location="",
    )
    cancelled = make(club, "Waffle Thursday", start=at(THURSDAY, 9), end=at(THURSDAY, 10))
    cancelled.status = EventStatus.CANCELLED
    cancelled.save()
    make(
        club,
        "Last week's bar",
        start=at(dt.date(2026, 2, 26), 15),
        end=at(dt.date(2026, 2, 26), 17),
    )
    event_propose(
        member=club.mette_member,
        actor=club.mette,
        data=EventData(
            title="Pitch night", start=at(THURSDAY, 18), end=at(THURSDAY, 20), location="Bar"
        ),
    )
    answer(bar, club.kari_member)
    later(club, 1)
    answer(bar, club.ola_member)
    later(club, 2)
    answer(bar, club.mette_member)  # full: waiting

    body = ok(club.as_mette.get("/spaces/smartby/events"))
    assert body["count"] == 2  # from today, published only
    first, second = body["items"]
    assert [first["title"], second["title"]] == ["Thursday bar", "Lunch lecture: VAT"]
    assert first["id"] == bar.pk
    assert (first["start"], first["end"]) == (
        "2026-03-05T15:00:00+01:00",
        "2026-03-05T17:00:00+01:00",
    )
    assert first["rsvps_close_at"] == "2026-03-05T15:00:00+01:00"
    assert (first["capacity"], first["seats_taken"], first["seats_left"]) == (2, 2, 0)
    assert first["waiting_count"] == 1
    assert first["guests_allowed"] is True
    assert first["my_rsvp"] == {
        "status": "waiting",
        "guest_name": "",
        "waiting_position": 1,
        "checked_in_at": None,
    }
    assert first["host"] == {
        "kind": "space",
        "name": "Smartby Hub",
        "member": None,
        "company": None,
    }
    assert first["decision_message"] is None
    assert second["resource"] == {"id": club.hall.pk, "name": "Storstua"}
    assert (second["kind"], second["capacity"], second["seats_left"]) == (
        "professional",
        None,
        None,
    )
    assert second["my_rsvp"] is None

    kari_sees = ok(club.as_kari.get("/spaces/smartby/events"))["items"][0]
    assert kari_sees["my_rsvp"]["status"] == "going"
    assert kari_sees["my_rsvp"]["waiting_position"] is None

    # Filters: a window of days (in the space's time zone), and a kind.
    week = ok(
        club.as_mette.get("/spaces/smartby/events", **{"from": "2026-02-23", "to": "2026-03-05"})
    )
    assert [e["title"] for e in week["items"]] == ["Last week's bar", "Thursday bar"]
    pro = ok(club.as_mette.get("/spaces/smartby/events", kind="professional"))
    assert [e["id"] for e in pro["items"]] == [lecture.pk]
    errors = field_errors(
        club.as_mette.get("/spaces/smartby/events", **{"from": "2026-03-05", "to": "2026-03-01"})
    )
    assert set(errors) == {"to"}
    assert "kind" in field_errors(club.as_mette.get("/spaces/smartby/events", kind="rave"))


def test_staff_filter_by_status_and_members_may_not(club):
    proposal = event_propose(
        member=club.mette_member,
        actor=club.mette,
        data=EventData(
            title="Pitch night", start=at(THURSDAY, 18), end=at(THURSDAY, 20), location="Bar"
        ),
    )
    make(club)
    proposals = ok(club.as_cecilie.get("/spaces/smartby/events", status="proposed"))
    assert [e["id"] for e in proposals["items"]] == [proposal.pk]
    assert proposals["items"][0]["proposed_by"] == {
        "id": club.mette_member.pk,
        "name": "Mette Jensen",
    }
    assert proposals["items"][0]["host"]["member"] == {
        "id": club.mette_member.pk,
        "name": "Mette Jensen",
    }
    denied(club.as_kari.get("/spaces/smartby/events", status="proposed"), 403)
    assert ok(club.as_kari.get("/spaces/smartby/events", status="published"))["count"] == 1


def test_one_event_as_members_staff_and_outsiders_see_it(club):
    bar = make(club)
    proposal = event_propose(
        member=club.mette_member,
        actor=club.mette,
        data=EventData(
            title="Pitch night", start=at(THURSDAY, 18), end=at(THURSDAY, 20), location="Bar"
        ),
    )
    assert ok(club.as_kari.get(f"/spaces/smartby/events/{bar.pk}"))["title"] == "Thursday bar"
    # A proposal: the proposer and staff see it, other members do not.
    mine = ok(club.as_mette.get(f"/spaces/smartby/events/{proposal.pk}"))
    assert (mine["status"], mine["decision_message"]) == ("proposed", "")
    assert ok(club.as_cecilie.get(f"/spaces/smartby/events/{proposal.pk}"))["status"] == "proposed"
    denied(club.as_kari.get(f"/spaces/smartby/events/{proposal.pk}"), 404)
    # Another space's people never learn it exists; nor does the event under another slug.
    denied(club.as_sven.get(f"/spaces/smartby/events/{bar.pk}"), 404)
    denied(club.as_sven.get("/spaces/smartby/events"), 404)
    denied(club.as_bjorn.get(f"/spaces/bygda/events/{bar.pk}"), 404)
    denied(club.as_kari.get("/spaces/smartby/events/999999"), 404)
    assert Client().get(f"{API}/spaces/smartby/events").status_code == 401


# --- creating, changing, cancelling -------------------------------------------------------------


def test_staff_create_an_event_that_holds_its_room(club):
    body = {
        "title": "Investor speed-dating",
        "description": "Ten minutes with each investor.",
        "kind": "professional",
        "formats": ["speed_dating", "pitch"],
        "host_kind": "company",
        "host_company": club.fjordkraft.pk,
        "resource": club.hall.pk,
        "capacity": 30,
        "rsvp_deadline": at(THURSDAY, 12).isoformat(),
        "audience": "plans",
        "plan_kinds": ["flex", "fixed_desk"],
        **times(THURSDAY, 16, 18),
    }
    created = ok(club.as_cecilie.post("/spaces/smartby/events", body), 201)
    assert (created["series"], created["conflicts"]) == (None, [])
    [event] = created["events"]
    assert event["status"] == "published"
    assert event["host"] == {
        "kind": "company",
        "name": "Fjordkraft Data AS",
        "member": None,
        "company": {"id": club.fjordkraft.pk, "name": "Fjordkraft Data AS"},
    }
    assert event["formats"] == ["speed_dating", "pitch"]
    assert event["plan_kinds"] == ["flex", "fixed_desk"]
    assert event["rsvps_close_at"] == "2026-03-05T12:00:00+01:00"
    assert event["language"] == "nb"  # the space's first language
    stored = Event.objects.get(pk=event["id"])
    hold = stored.room_booking
    assert hold is not None and hold.member is None and hold.resource == club.hall
    assert (hold.start, hold.end) == (at(THURSDAY, 16), at(THURSDAY, 18))

    # The hall is taken then: refused naming the room, nothing written.
    clash = {"title": "Yoga", "resource": club.hall.pk, **times(THURSDAY, 17, 18)}
    errors = field_errors(club.as_cecilie.post("/spaces/smartby/events", clash))
    assert set(errors) == {"resource"}
    assert Event.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end": "2026-03-05T14:00:00+01:00"}, "end"),
        ({"start": "2026-03-05T15:00:00"}, "start"),  # no time zone
        ({"title": ""}, "title"),
        ({"kind": "party"}, "kind"),
        ({"formats": ["rave"]}, "formats.0"),
        ({"host_kind": "member", "host_member": 999999}, "host_member"),
        ({"host_kind": "outside"}, "host_name"),
        ({"resource": 999999, "location": ""}, "resource"),
        ({"location": ""}, "resource"),
        ({"capacity": 0}, "capacity"),
        ({"audience": "plans"}, "plan_kinds"),
        ({"online_url": "not a link"}, "online_url"),
        ({"language": "de"}, "language"),
        ({"rsvp_deadline": "2026-03-05T16:00:00+01:00"}, "rsvp_deadline"),
        ({"repeat": {"every_weeks": 1, "until": "2026-03-01"}}, "until"),
    ],
)
def test_bad_event_input_is_a_422_naming_the_field(club, changes, field):
    body = {"title": "Thursday bar", "location": "The lounge", **times(THURSDAY, 15, 17), **changes}
    errors = field_errors(club.as_cecilie.post("/spaces/smartby/events", body))
    assert field in errors, errors
    assert not Event.objects.exists()


def test_members_cannot_create_and_outsiders_do_not_see_the_space(club):
    body = {"title": "My party", "location": "Roof", **times(THURSDAY, 15, 17)}
    denied(club.as_kari.post("/spaces/smartby/events", body), 403)
    denied(club.as_sven.post("/spaces/smartby/events", body), 404)
    denied(club.as_bjorn.post("/spaces/smartby/events", body), 404)
    assert not Event.objects.exists()


def test_a_weekly_series_leaves_out_the_weeks_its_room_is_taken(club):
    Booking.objects.create(
        space=club.space_a,
        resource=club.hall,
        member=club.kari_member,
        start=at(NEXT_THURSDAY, 15),
        end=at(NEXT_THURSDAY, 16),
        currency="NOK",
    )
    body = {
        "title": "Thursday bar",
        "resource": club.hall.pk,
        "capacity": 20,
        **times(THURSDAY, 15, 17),
        "repeat": {"every_weeks": 1, "until": "2026-03-19"},
    }
    created = ok(club.as_cecilie.post("/spaces/smartby/events", body), 201)
    assert [e["start"] for e in created["events"]] == [
        "2026-03-05T15:00:00+01:00",
        "2026-03-19T15:00:00+01:00",
    ]
    assert {e["series"] for e in created["events"]} == {created["series"]}
    [conflict] = created["conflicts"]
    assert conflict["start"] == "2026-03-12T15:00:00+01:00"
    assert "Storstua" in conflict["reason"]
    assert Event.objects.filter(series_id=created["series"]).count() == 2


def test_staff_change_one_event_or_the_rest_of_its_series(club):
    body = {
        "title": "Thursday bar",
        "location": "Lounge",
        "capacity": 10,
        **times(THURSDAY, 15, 17),
    }
    body["repeat"] = {"every_weeks": 1, "until": "2026-03-19"}
    first, second, third = ok(club.as_cecilie.post("/spaces/smartby/events", body), 201)["events"]

    one = ok(
        club.as_cecilie.patch(f"/spaces/smartby/events/{first['id']}", {"title": "Opening bar"})
    )
    assert [e["title"] for e in one["events"]] == ["Opening bar"]
    assert Event.objects.get(pk=second["id"]).title == "Thursday bar"

    # From the second on, an hour later and in the hall; the first keeps its time.
    change = {
        "title": "Late bar",
        "resource": club.hall.pk,
        "location": "",
        **times(NEXT_THURSDAY, 16, 18),
    }
    changed = ok(
        club.as_cecilie.patch(f"/spaces/smartby/events/{second['id']}?scope=following", change)
    )
    assert [(e["id"], e["title"], e["start"]) for e in changed["events"]] == [
        (second["id"], "Late bar", "2026-03-12T16:00:00+01:00"),
        (third["id"], "Late bar", "2026-03-19T16:00:00+01:00"),
    ]
    assert all(e["resource"]["name"] == "Storstua" for e in changed["events"])
    assert Event.objects.get(pk=first["id"]).start == at(THURSDAY, 15)
    assert (
        Booking.objects.filter(
            resource=club.hall, member=None, status=BookingStatus.CONFIRMED
        ).count()
        == 2
    )

    # Null clears what may be empty, and is refused for the rest.
    cleared = ok(club.as_cecilie.patch(f"/spaces/smartby/events/{first['id']}", {"capacity": None}))
    assert cleared["events"][0]["capacity"] is None
    assert set(
        field_errors(
            club.as_cecilie.patch(f"/spaces/smartby/events/{first['id']}", {"title": None})
        )
    ) == {"title"}
    unknown = club.as_cecilie.patch(f"/spaces/smartby/events/{first['id']}?scope=all", {})
    assert set(field_errors(unknown)) == {"scope"}
    denied(club.as_kari.patch(f"/spaces/smartby/events/{first['id']}", {"title": "Mine"}), 403)
    denied(club.as_sven.patch(f"/spaces/smartby/events/{first['id']}", {"title": "Mine"}), 404)


def test_capacity_cannot_go_below_the_seats_taken(club):
    bar = make(club, capacity=5)
    answer(bar, club.kari_member)
    answer(bar, club.ola_member)
    errors = field_errors(
        club.as_cecilie.patch(f"/spaces/smartby/events/{bar.pk}", {"capacity": 1})
    )
    assert set(errors) == {"capacity"}
    assert "2 seats" in errors["capacity"]
    bar.refresh_from_db()
    assert bar.capacity == 5


def test_cancelling_gives_the_room_back_and_tells_everyone_going(club):
    bar = make(club, resource=club.hall, location="")
    answer(bar, club.kari_member)
    denied(club.as_kari.post(f"/spaces/smartby/events/{bar.pk}/cancel"), 403)
    denied(club.as_bjorn.post(f"/spaces/smartby/events/{bar.pk}/cancel"), 404)
    denied(club.as_bjorn.post(f"/spaces/bygda/events/{bar.pk}/cancel"), 404)

    cancelled = ok(
        club.as_cecilie.post(f"/spaces/smartby/events/{bar.pk}/cancel", {"message": "Snowstorm."})
    )
    assert cancelled["status"] == "cancelled"
    assert cancelled["cancelled_at"] == "2026-03-02T08:00:00+01:00"
    assert Booking.objects.get(pk=bar.room_booking_id).status == BookingStatus.CANCELLED
    [mail] = OutboundEmail.objects.filter(to="kari@fjordkraft.no")
    assert "Snowstorm." in mail.body
    # Twice changes nothing; members still see it by id, but not in the calendar.
    assert (
        ok(club.as_cecilie.post(f"/spaces/smartby/events/{bar.pk}/cancel"))["status"] == "cancelled"
    )
    assert ok(club.as_kari.get(f"/spaces/smartby/events/{bar.pk}"))["status"] == "cancelled"
    assert ok(club.as_kari.get("/spaces/smartby/events"))["count"] == 0


# --- proposals ----------------------------------------------------------------------------------


def test_a_member_proposes_and_the_cm_declines_with_a_message_or_approves(club):
    body = {
        "title": "Lunch lecture: invoicing",
        "kind": "learning",
        "formats": ["lunch_lecture"],
        "resource": club.hall.pk,
        "capacity": 20,
        **times(THURSDAY, 11, 12),
    }
    proposed = ok(club.as_mette.post("/spaces/smartby/events/proposals", body), 201)
    assert proposed["status"] == "proposed"
    assert proposed["host"]["member"] == {"id": club.mette_member.pk, "name": "Mette Jensen"}
    assert not Booking.objects.filter(resource=club.hall).exists()  # held once approved
    url = f"/spaces/smartby/events/{proposed['id']}/decision"

    denied(club.as_kari.post(url, {"approve": True}), 403)
    denied(club.as_bjorn.post(url, {"approve": True}), 404)
    assert set(field_errors(club.as_cecilie.post(url, {"approve": False}))) == {"message"}
    declined = ok(club.as_cecilie.post(url, {"approve": False, "message": "Let's do it in May."}))
    assert declined["status"] == "declined"
    assert ok(club.as_mette.get(f"/spaces/smartby/events/{proposed['id']}"))[
        "decision_message"
    ] == ("Let's do it in May.")
    assert set(field_errors(club.as_cecilie.post(url, {"approve": True}))) == {"status"}

    second = ok(club.as_mette.post("/spaces/smartby/events/proposals", body), 201)
    approved = ok(
        club.as_cecilie.post(
            f"/spaces/smartby/events/{second['id']}/decision", {"approve": True, "message": "Yes!"}
        )
    )
    assert approved["status"] == "published"
    assert Event.objects.get(pk=second["id"]).room_booking.resource == club.hall
    assert OutboundEmail.objects.filter(to="mette@solo.dk").count() == 2  # declined, approved


def test_proposals_are_for_members_and_bad_ones_name_the_field(club):
    body = {"title": "Bar", "location": "Roof", **times(THURSDAY, 15, 17)}
    denied(club.as_cecilie.post("/spaces/smartby/events/proposals", body), 403)  # not a member
    denied(club.as_sven.post("/spaces/smartby/events/proposals", body), 404)
    bad = {**body, "end": at(THURSDAY, 14).isoformat()}
    assert set(field_errors(club.as_mette.post("/spaces/smartby/events/proposals", bad))) == {"end"}
    assert not Event.objects.exists()


# --- RSVP ---------------------------------------------------------------------------------------


def test_a_full_event_puts_you_on_the_waiting_list_and_a_seat_given_back_moves_you_up(club):
    bar = make(club, capacity=2, audience=Audience.GUESTS)
    url = f"/spaces/smartby/events/{bar.pk}/rsvp"

    kari = ok(club.as_kari.put(url, {"going": True, "guest_name": "Per Hansen"}))
    assert kari == {
        "event": bar.pk,
        "status": "going",
        "guest_name": "Per Hansen",
        "waiting_position": None,
        "checked_in_at": None,
        "capacity": 2,
        "seats_taken": 2,
        "waiting_count": 0,
    }
    later(club, 1)
    ola = ok(club.as_ola.put(url, {"going": True}))  # full: not an error
    assert (ola["status"], ola["waiting_position"], ola["waiting_count"]) == ("waiting", 1, 1)
    later(club, 2)
    mette = ok(club.as_mette.put(url, {"going": True}))
    assert (mette["status"], mette["waiting_position"]) == ("waiting", 2)
    assert (
        ok(club.as_mette.get(f"/spaces/smartby/events/{bar.pk}"))["my_rsvp"]["waiting_position"]
        == 2
    )

    # Kari is not coming after all: both seats go to the waiting list, first come first.
    gone = ok(club.as_kari.put(url, {"going": False}))
    assert (gone["status"], gone["guest_name"], gone["seats_taken"]) == ("not_going", "", 2)
    assert ok(club.as_ola.get(f"/spaces/smartby/events/{bar.pk}"))["my_rsvp"]["status"] == "going"
    assert ok(club.as_mette.get(f"/spaces/smartby/events/{bar.pk}"))["my_rsvp"]["status"] == "going"
    assert OutboundEmail.objects.filter(to__in=["ola@fjordkraft.no", "mette@solo.dk"]).count() == 2
    assert Rsvp.objects.filter(event=bar, status=RsvpStatus.GOING).count() == 2


def test_rsvp_refusals_are_422_naming_the_field_and_write_nothing(club):
    members_only = make(club)
    closed = make(club, "Breakfast", rsvp_deadline=at(dt.date(2026, 3, 1), 12))
    flex_only = make(club, "Flex breakfast", audience=Audience.PLANS, plan_kinds=(PlanKind.FLEX,))
    cases = [
        (members_only, {"going": True, "guest_name": "Per"}, "guest_name"),
        (closed, {"going": True}, "event"),
        (flex_only, {"going": True}, "member"),
    ]
    for event, body, field in cases:
        errors = field_errors(club.as_kari.put(f"/spaces/smartby/events/{event.pk}/rsvp", body))
        assert set(errors) == {field}, (event.title, errors)
    assert not Rsvp.objects.exists()
    assert "RSVPs for this event closed" in errors_for(club, closed)
    # With a flex membership, Kari may answer the flex breakfast.
    give_membership(club.kari_member, kind=PlanKind.FLEX)
    url = f"/spaces/smartby/events/{flex_only.pk}/rsvp"
    assert ok(club.as_kari.put(url, {"going": True}))["status"] == "going"
    assert set(field_errors(club.as_kari.put(url, {}))) == {"going"}


def errors_for(club: Any, event: Event) -> str:
    response = club.as_kari.put(f"/spaces/smartby/events/{event.pk}/rsvp", {"going": True})
    return field_errors(response)["event"]


def test_only_members_of_the_space_answer(club):
    bar = make(club)
    url = f"/spaces/smartby/events/{bar.pk}/rsvp"
    denied(club.as_cecilie.put(url, {"going": True}), 403)  # staff, not a member
    denied(club.as_sven.put(url, {"going": True}), 404)
    denied(club.as_bjorn.put(url, {"going": True}), 404)
    proposal = event_propose(
        member=club.mette_member,
        actor=club.mette,
        data=EventData(title="Pitch", start=at(THURSDAY, 18), end=at(THURSDAY, 20), location="x"),
    )
    denied(club.as_kari.put(f"/spaces/smartby/events/{proposal.pk}/rsvp", {"going": True}), 404)
    assert not Rsvp.objects.exists()


def test_staff_answer_for_a_member_and_members_only_for_themselves(club):
    """Someone signs up at the desk: the CM answers for them, with the same rules (the
    waiting list when full, the plan); a member naming someone else gets 403."""
    bar = make(club, capacity=1)
    url = f"/spaces/smartby/events/{bar.pk}/rsvp"
    mette = ok(club.as_cecilie.put(url, {"going": True, "member": club.mette_member.pk}))
    assert (mette["status"], mette["seats_taken"]) == ("going", 1)
    kari = ok(club.as_cecilie.put(url, {"going": True, "member": club.kari_member.pk}))
    assert (kari["status"], kari["waiting_position"]) == ("waiting", 1)
    denied(club.as_ola.put(url, {"going": True, "member": club.kari_member.pk}), 403)
    own = ok(club.as_ola.put(url, {"going": False, "member": club.ola_member.pk}))
    assert own["status"] == "not_going"
    unknown = {"going": True, "member": club.sven_member.pk}  # of Bygda
    assert set(field_errors(club.as_cecilie.put(url, unknown))) == {"member"}
    assert dict(Rsvp.objects.values_list("member__user__email", "status")) == {
        club.mette.email: RsvpStatus.GOING,
        club.kari.email: RsvpStatus.WAITING,
        club.ola.email: RsvpStatus.NOT_GOING,
    }


# --- at the door, and after ---------------------------------------------------------------------


def test_check_in_at_the_door_and_the_attendance_list(club):
    bar = make(club, capacity=10)
    answer(bar, club.kari_member)
    answer(bar, club.mette_member)
    url = f"/spaces/smartby/events/{bar.pk}/check-in"
    assert set(field_errors(club.as_kari.post(url))) == {"event"}  # Monday: far too early

    travel(club, at(THURSDAY, 14, 30))
    kari = ok(club.as_kari.post(url))
    assert kari["member"] == {"id": club.kari_member.pk, "name": "Kari Nordmann"}
    assert (kari["status"], kari["walk_in"], kari["checked_in_at"]) == (
        "going",
        False,
        "2026-03-05T14:30:00+01:00",
    )
    assert ok(club.as_kari.post(url))["checked_in_at"] == "2026-03-05T14:30:00+01:00"  # twice
    denied(club.as_kari.post(url, {"member": club.ola_member.pk}), 403)
    ola = ok(club.as_ola.post(url, {"member": club.ola_member.pk}))
    assert (ola["status"], ola["walk_in"], ola["company"]) == ("going", True, "Fjordkraft Data AS")

    # Staff tick someone on the list; staff who are not members must say whom.
    assert set(field_errors(club.as_cecilie.post(url))) == {"member"}
    assert set(field_errors(club.as_cecilie.post(url, {"member": club.sven_member.pk}))) == {
        "member"
    }
    assert ok(club.as_cecilie.post(url, {"member": club.mette_member.pk}))["checked_in_at"]
    denied(club.as_sven.post(url), 404)

    attendance = ok(club.as_cecilie.get(f"/spaces/smartby/events/{bar.pk}/attendance"))
    assert attendance["count"] == 3
    assert [a["member"]["name"] for a in attendance["items"]] == [
        "Kari Nordmann",
        "Mette Jensen",
        "Ola Hansen",
    ]
    assert all(a["checked_in_at"] for a in attendance["items"])
    denied(club.as_kari.get(f"/spaces/smartby/events/{bar.pk}/attendance"), 403)
    denied(club.as_bjorn.get(f"/spaces/smartby/events/{bar.pk}/attendance"), 404)


def test_staff_undo_a_check_in_ticked_by_mistake(club):
    bar = make(club, capacity=10)
    answer(bar, club.kari_member)
    travel(club, at(THURSDAY, 15, 10))
    check_in = f"/spaces/smartby/events/{bar.pk}/check-in"
    ok(club.as_cecilie.post(check_in, {"member": club.kari_member.pk}))
    ok(club.as_cecilie.post(check_in, {"member": club.ola_member.pk}))  # a walk-in
    kari_url = f"/spaces/smartby/events/{bar.pk}/check-ins/{club.kari_member.pk}"
    ola_url = f"/spaces/smartby/events/{bar.pk}/check-ins/{club.ola_member.pk}"
    denied(club.as_kari.send("DELETE", kari_url), 403)
    denied(club.as_bjorn.send("DELETE", kari_url), 404)
    outsider = f"/spaces/smartby/events/{bar.pk}/check-ins/{club.sven_member.pk}"
    denied(club.as_cecilie.send("DELETE", outsider), 404)
    assert club.as_cecilie.send("DELETE", kari_url).status_code == 204
    assert club.as_cecilie.send("DELETE", ola_url).status_code == 204
    # Kari said yes and is going again, not ticked; the walk-in's answer is gone.
    kari = Rsvp.objects.get(event=bar, member=club.kari_member)
    assert (kari.status, kari.checked_in_at) == (RsvpStatus.GOING, None)
    assert not Rsvp.objects.filter(event=bar, member=club.ola_member).exists()
    assert club.as_cecilie.send("DELETE", kari_url).status_code == 204  # nothing to undo
    # Once attendance is closed, the list is history.
    ok(club.as_cecilie.post(check_in, {"member": club.kari_member.pk}))
    travel(club, at(THURSDAY, 20))
    event_attendance_close(event=bar)
    assert set(field_errors(club.as_cecilie.send("DELETE", kari_url))) == {"event"}
    assert Rsvp.objects.get(event=bar, member=club.kari_member).checked_in_at is not None


def test_feedback_from_those_who_came(club):
    bar = make(club)
    answer(bar, club.kari_member)
    answer(bar, club.ola_member)
    travel(club, at(THURSDAY, 15))
    ok(club.as_kari.post(f"/spaces/smartby/events/{bar.pk}/check-in"))
    travel(club, at(THURSDAY, 18))
    url = f"/spaces/smartby/events/{bar.pk}/feedback"

    assert set(field_errors(club.as_ola.put(url, {"worth_it": True}))) == {"event"}  # not there
    assert set(field_errors(club.as_kari.put(url, {}))) == {"worth_it"}
    first = ok(club.as_kari.put(url, {"worth_it": True}))
    assert first == {
        "worth_it": True,
        "met_someone_new": None,
        "answered_at": "2026-03-05T18:00:00+01:00",
    }
    second = ok(club.as_kari.put(url, {"met_someone_new": False}))  # keeps the first answer
    assert (second["worth_it"], second["met_someone_new"]) == (True, False)
    assert Feedback.objects.get(event=bar).worth_it is True
    assert (
        ok(club.as_kari.get(f"/spaces/smartby/events/{bar.pk}"))["my_feedback"]["worth_it"] is True
    )
    denied(club.as_cecilie.put(url, {"worth_it": True}), 403)
    denied(club.as_sven.put(url, {"worth_it": True}), 404)


# --- the list's queries, and the schema ---------------------------------------------------------


def test_the_calendar_takes_the_same_queries_for_few_or_many_events(club):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            ok(club.as_kari.get("/spaces/smartby/events"))
        return len(context.captured_queries)

    for n in range(2):
        answer(make(club, f"Bar {n}", capacity=5), club.kari_member)
    few = queries()
    for n in range(2, 8):
        answer(make(club, f"Bar {n}", capacity=5, audience=Audience.GUESTS), club.kari_member)
    assert queries() == few


def test_the_openapi_schema_documents_every_events_operation(club):
    schema = ok(club.as_kari.get("/openapi.json"))
    operations = {
        (method, path.removeprefix(API)): operation
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if "events" in operation.get("tags", [])
    }
    assert set(operations) == {
        ("get", "/spaces/{slug}/events"),
        ("post", "/spaces/{slug}/events"),
        ("post", "/spaces/{slug}/events/proposals"),
        ("get", "/spaces/{slug}/events/{event_id}"),
        ("patch", "/spaces/{slug}/events/{event_id}"),
        ("post", "/spaces/{slug}/events/{event_id}/cancel"),
        ("post", "/spaces/{slug}/events/{event_id}/decision"),
        ("put", "/spaces/{slug}/events/{event_id}/rsvp"),
        ("post", "/spaces/{slug}/events/{event_id}/check-in"),
        ("delete", "/spaces/{slug}/events/{event_id}/check-ins/{member_id}"),
        ("get", "/spaces/{slug}/events/{event_id}/attendance"),
        ("put", "/spaces/{slug}/events/{event_id}/feedback"),
    }
    for key, operation in operations.items():
        assert operation["summary"] and len(operation["description"]) > 40, key
        assert {"403", "404", "422"} <= set(operation["responses"]), key
