"""The community manager's event pages: the list, a new event or weekly series (a clash
with a room booking reported, not fatal), editing one occurrence or the rest of a series,
cancelling (the room is given back), deciding members' proposals (they get an e-mail), the
attendance list ticked at the door, and the QR code. Only the space's staff; everyone else
gets 404 and nothing changes."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.urls import reverse

from kollega.bookings.models import Booking, BookingStatus
from kollega.bookings.tests.factories import BookingFactory, ResourceFactory
from kollega.core.tests.factories import MemberFactory, UserFactory
from kollega.events.models import Audience, Event, EventStatus, HostKind, Rsvp, RsvpStatus
from kollega.events.services import (
    EventData,
    event_create,
    event_propose,
    event_series_create,
)
from kollega.events.tests.factories import (
    NOW,
    WEDNESDAY,
    EventFactory,
    RsvpFactory,
    at,
)
from kollega.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db

THURSDAY = dt.date(2026, 3, 5)


@pytest.fixture
def hub(world: Any, time_machine: Any) -> Any:
    """Smartby Hub on Monday 2 March 2026, 08:00 Oslo, with Fjordrommet (20 seats)."""
    time_machine.move_to(NOW, tick=False)
    world.room = ResourceFactory(space=world.space_a, name="Fjordrommet", capacity=20)
    return world


def url(name: str, slug: str = "smartby", **kwargs: Any) -> str:
    return reverse(f"events_manage:{name}", kwargs={"slug": slug, **kwargs})


def form_data(**changes: Any) -> dict[str, Any]:
    """What the CM types into the event form: a lunch lecture on Thursday in the kitchen."""
    values: dict[str, Any] = {
        "title": "Lunch lecture: heat pumps",
        "description": "Ingrid explains the new heat pumps.",
        "language": "en",
        "kind": "professional",
        "formats": ["lunch_lecture"],
        "host_kind": "space",
        "host_member": "",
        "host_company": "",
        "host_name": "",
        "resource": "",
        "location": "The kitchen",
        "online_url": "",
        "start": "2026-03-05T11:30",
        "end": "2026-03-05T12:30",
        "capacity": "",
        "rsvp_deadline": "",
        "audience": "members",
        "repeat_every_weeks": "",
        "repeat_until": "",
    }
    values.update(changes)
    return values


def thursday_bar(**changes: Any) -> EventData:
    fields: dict[str, Any] = {
        "title": "Thursday bar",
        "kind": "social",
        "start": at(THURSDAY, 15),
        "end": at(THURSDAY, 17),
        "location": "The lounge",
    }
    fields.update(changes)
    return EventData(**fields)


def messages_in(response: Any) -> list[tuple[int, str]]:
    return [(message.level, str(message)) for message in response.context["messages"]]


def field_errors(response: Any) -> dict[str, list[str]]:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


# --- who may --------------------------------------------------------------------------------


def every_page(hub: Any) -> list[tuple[str, str]]:
    event = EventFactory(space=hub.space_a)
    return [
        (url("list"), "get"),
        (url("create"), "get post"),
        (url("edit", event_id=event.pk), "get post"),
        (url("cancel", event_id=event.pk), "post"),
        (url("attendance", event_id=event.pk), "get post"),
        (url("attendance_toggle", event_id=event.pk, member_id=hub.kari_member.pk), "post"),
        (url("attendance_sign_up", event_id=event.pk), "post"),
        (url("qr", event_id=event.pk), "get"),
        (url("decide", event_id=event.pk), "post"),
    ]


def test_every_page_is_404_for_members_and_other_spaces_staff(client, hub):
    pages = every_page(hub)
    for user in (hub.kari, hub.bjorn):  # a member of the space; the CM of another space
        client.force_login(user)
        for page, methods in pages:
            for method in methods.split():
                response = getattr(client, method)(page, form_data() if method == "post" else {})
                assert response.status_code == 404, (user, method, page)
    event = Event.objects.get()
    assert event.status == EventStatus.PUBLISHED and event.title.startswith("Waffle")
    assert not Rsvp.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, hub):
    response = client.get(url("list"))
    assert response.status_code == 302 and "login" in response.url


def test_the_staff_sees_every_page(client, hub):
    client.force_login(hub.cecilie)
    for page, methods in every_page(hub):
        if "get" in methods:
            assert client.get(page).status_code == 200, page


def test_another_spaces_event_is_404_for_the_staff(client, hub):
    theirs = EventFactory(space=hub.space_b)
    client.force_login(hub.cecilie)
    for name in ("edit", "attendance", "qr"):
        assert client.get(url(name, event_id=theirs.pk)).status_code == 404, name
    assert client.post(url("cancel", event_id=theirs.pk)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == EventStatus.PUBLISHED


# --- create -----------------------------------------------------------------------------------


def test_the_cm_publishes_an_event_in_a_room_which_is_booked_for_it(client, hub):
    client.force_login(hub.cecilie)
    page = client.get(url("create")).content.decode()
    assert 'type="datetime-local"' in page and "Fjordrommet" in page
    response = client.post(
        url("create"),
        form_data(
            resource=str(hub.room.pk),
            location="",
            capacity="12",
            rsvp_deadline="2026-03-04T16:00",
            host_kind="outside",
            host_name="Ingrid Solberg",
            formats=["lunch_lecture", "food"],
            audience="plans",
            plan_kinds=["flex", "fixed_desk"],
        ),
    )
    assert response.status_code == 302 and response.url == url("list")
    event = Event.objects.get()
    assert event.title == "Lunch lecture: heat pumps" and event.kind == "professional"
    assert event.start == at(THURSDAY, 11, 30) and event.end == at(THURSDAY, 12, 30)
    assert event.rsvp_deadline == at(WEDNESDAY, 16)
    assert event.capacity == 12 and event.formats == ["lunch_lecture", "food"]
    assert event.host_kind == HostKind.OUTSIDE and event.host_name == "Ingrid Solberg"
    assert sorted(event.plan_kinds) == ["fixed_desk", "flex"]
    hold = event.room_booking
    assert hold is not None and hold.resource == hub.room and hold.member is None
    assert hold.status == BookingStatus.CONFIRMED and hold.start == event.start
    listing = client.get(url("list")).content.decode()
    assert f'id="event-{event.pk}"' in listing and "Fjordrommet" in listing


def test_times_are_typed_and_shown_in_the_spaces_time_zone(client, hub):
    hub.space_a.time_zone = "America/New_York"  # not the server's zone (Europe/Oslo)
    hub.space_a.save()
    client.force_login(hub.cecilie)
    client.post(url("create"), form_data(start="2026-03-05T11:30", end="2026-03-05T12:30"))
    event = Event.objects.get()
    new_york = zoneinfo.ZoneInfo("America/New_York")
    assert event.start == dt.datetime(2026, 3, 5, 11, 30, tzinfo=new_york)
    page = client.get(url("edit", event_id=event.pk)).content.decode()
    assert 'value="2026-03-05T11:30"' in page and "America/New_York" in page


def test_service_errors_land_on_the_field_they_name(client, hub):
    client.force_login(hub.cecilie)
    cases = [
        ({"end": "2026-03-05T11:00"}, "end", "The end must be after the start."),
        ({"host_kind": "member"}, "host_member", "Choose the member who hosts the event."),
        ({"host_kind": "outside"}, "host_name", "Give the outside speaker's name."),
        ({"audience": "plans"}, "plan_kinds", "Choose which plans the event is for."),
        (
            {"resource": str(hub.room.pk), "capacity": "40"},
            "capacity",
            "Fjordrommet seats 20.",
        ),
        (
            {"location": ""},
            "resource",
            "Choose a room, or say where the event is or give its online link.",
        ),
        (
            {"rsvp_deadline": "2026-03-05T12:00"},
            "rsvp_deadline",
            "The RSVP deadline must be before the event starts.",
        ),
        ({"repeat_every_weeks": "1"}, "repeat_until", "Give the last day to repeat until."),
        (
            {"repeat_until": "2026-03-01"},
            "repeat_until",
            "The last day is before the first event.",
        ),
    ]
    for changes, field, message in cases:
        response = client.post(url("create"), form_data(**changes))
        assert response.status_code == 200, changes
        assert field_errors(response).get(field) == [message], (changes, field_errors(response))
    assert not Event.objects.exists() and not Booking.objects.exists()


def test_a_weekly_series_is_created_and_the_clash_with_a_booking_reported(client, hub):
    BookingFactory(  # Kari has Fjordrommet on the second Thursday
        resource=hub.room,
        member=hub.kari_member,
        start=at(dt.date(2026, 3, 12), 11),
        end=at(dt.date(2026, 3, 12), 13),
    )
    client.force_login(hub.cecilie)
    response = client.post(
        url("create"),
        form_data(
            resource=str(hub.room.pk),
            location="",
            repeat_every_weeks="1",
            repeat_until="2026-03-26",
        ),
        follow=True,
    )
    events = list(Event.objects.order_by("start"))
    assert [e.start.date() for e in events] == [
        dt.date(2026, 3, 5),
        dt.date(2026, 3, 19),
        dt.date(2026, 3, 26),
    ]
    assert len({e.series_id for e in events}) == 1 and events[0].series_id is not None
    assert all(e.room_booking is not None for e in events)
    found = messages_in(response)
    assert [level for level, _text in found] == [constants.SUCCESS, constants.WARNING]
    assert "3 times" in found[0][1]
    assert found[1][1].startswith("Not created") and "Fjordrommet" in found[1][1]


# --- edit -------------------------------------------------------------------------------------


@pytest.fixture
def series(hub: Any) -> list[Event]:
    """Thursday bar every week in March, 15:00-17:00."""
    result = event_series_create(
        space=hub.space_a,
        data=thursday_bar(),
        every_weeks=1,
        until=dt.date(2026, 3, 26),
        actor=hub.cecilie,
    )
    return result.created


def test_editing_only_one_occurrence_of_a_series(client, hub, series):
    client.force_login(hub.cecilie)
    second = series[1]
    page = client.get(url("edit", event_id=second.pk)).content.decode()
    assert 'value="2026-03-12T15:00"' in page and 'name="scope"' in page
    response = client.post(
        url("edit", event_id=second.pk),
        form_data(
            title="Thursday bar: quiz night",
            kind="social",
            formats=["bar"],
            location="The lounge",
            start="2026-03-12T16:00",
            end="2026-03-12T18:00",
            scope="one",
        ),
    )
    assert response.status_code == 302
    titles = list(Event.objects.order_by("start").values_list("title", "start"))
    assert titles[1] == ("Thursday bar: quiz night", at(dt.date(2026, 3, 12), 16))
    assert [title for title, _ in titles[:1] + titles[2:]] == ["Thursday bar"] * 3
    assert [start.hour for _, start in titles] == [14, 15, 14, 14]  # UTC: 15, 16, 15, 15 Oslo


def test_editing_this_and_the_following_occurrences(client, hub, series):
    client.force_login(hub.cecilie)
    response = client.post(
        url("edit", event_id=series[1].pk),
        form_data(
            title="Friday bar",
            kind="social",
            location="The lounge",
            start="2026-03-13T16:00",  # a day later, an hour later
            end="2026-03-13T18:00",
            scope="following",
        ),
        follow=True,
    )
    assert "3 events changed" in messages_in(response)[0][1]
    events = list(Event.objects.order_by("start"))
    assert [(e.title, e.start) for e in events] == [
        ("Thursday bar", at(THURSDAY, 15)),
        ("Friday bar", at(dt.date(2026, 3, 13), 16)),
        ("Friday bar", at(dt.date(2026, 3, 20), 16)),
        ("Friday bar", at(dt.date(2026, 3, 27), 16)),
    ]


def test_an_edit_that_would_oversell_is_refused_on_the_capacity_field(client, hub):
    event = event_create(space=hub.space_a, data=thursday_bar(), actor=hub.cecilie)
    for person in (hub.kari_member, hub.ola_member, hub.mette_member):
        RsvpFactory(event=event, member=person)
    client.force_login(hub.cecilie)
    response = client.post(
        url("edit", event_id=event.pk),
        form_data(
            title="Thursday bar", start="2026-03-05T15:00", end="2026-03-05T17:00", capacity="2"
        ),
    )
    assert field_errors(response)["capacity"] == [
        "3 seats are already taken; the capacity cannot be lower."
    ]
    event.refresh_from_db()
    assert event.capacity is None


# --- cancel -----------------------------------------------------------------------------------


def test_cancelling_gives_the_room_back_and_tells_those_going(client, hub):
    event = event_create(
        space=hub.space_a,
        data=thursday_bar(resource=hub.room, location=""),
        actor=hub.cecilie,
    )
    RsvpFactory(event=event, member=hub.kari_member)
    RsvpFactory(event=event, member=hub.ola_member, status=RsvpStatus.NOT_GOING)
    hold = event.room_booking
    client.force_login(hub.cecilie)
    page = client.get(url("edit", event_id=event.pk)).content.decode()
    assert url("cancel", event_id=event.pk) in page
    response = client.post(
        url("cancel", event_id=event.pk), {"message": "The bartender is ill, sorry!"}
    )
    assert response.status_code == 302 and response.url == url("list")
    event.refresh_from_db()
    hold.refresh_from_db()
    assert event.status == EventStatus.CANCELLED and event.cancelled_at == NOW
    assert hold.status == BookingStatus.CANCELLED
    emails = list(OutboundEmail.objects.all())
    assert [email.to for email in emails] == [hub.kari.email]
    assert "The bartender is ill, sorry!" in emails[0].body


def test_an_event_that_is_over_cannot_be_cancelled(client, hub, time_machine):
    event = EventFactory(space=hub.space_a)
    time_machine.move_to(at(WEDNESDAY, 18), tick=False)
    client.force_login(hub.cecilie)
    response = client.post(url("cancel", event_id=event.pk), {"message": ""}, follow=True)
    assert (constants.ERROR, "This event is over.") in messages_in(response)
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


# --- proposals --------------------------------------------------------------------------------


@pytest.fixture
def proposal(hub: Any) -> Event:
    return event_propose(
        member=hub.kari_member,
        data=thursday_bar(title="Pitch & lunch", kind="professional"),
        actor=hub.kari,
    )


def test_the_cm_approves_a_proposal_and_the_member_is_told(client, hub, proposal):
    client.force_login(hub.cecilie)
    listing = client.get(url("list")).content.decode()
    assert f'id="proposal-{proposal.pk}"' in listing and "Kari Nordmann" in listing
    response = client.post(
        url("decide", event_id=proposal.pk),
        {"decision": "approve", "message": "Great idea, see you there."},
        follow=True,
    )
    proposal.refresh_from_db()
    assert proposal.status == EventStatus.PUBLISHED
    assert f'id="event-{proposal.pk}"' in response.content.decode()
    email = OutboundEmail.objects.get(key=f"event-{proposal.pk}-decided")
    assert email.to == hub.kari.email


def test_the_cm_edits_a_proposal_before_approving_it(client, hub, proposal):
    client.force_login(hub.cecilie)
    page = client.get(url("edit", event_id=proposal.pk)).content.decode()
    assert "Kari Nordmann proposed this event." in page
    assert url("decide", event_id=proposal.pk) in page
    response = client.post(
        url("edit", event_id=proposal.pk),
        form_data(
            title="Pitch & lunch: climate tech",
            resource=str(hub.room.pk),
            location="",
            host_kind="member",
            host_member=str(hub.kari_member.pk),
        ),
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Pitch & lunch: climate tech" and proposal.resource == hub.room
    assert proposal.status == EventStatus.PROPOSED and proposal.room_booking is None
    client.post(url("decide", event_id=proposal.pk), {"decision": "approve"})
    proposal.refresh_from_db()
    assert proposal.status == EventStatus.PUBLISHED
    assert proposal.room_booking is not None and proposal.room_booking.resource == hub.room


def test_declining_a_proposal_needs_a_message_which_the_member_gets(client, hub, proposal):
    client.force_login(hub.cecilie)
    response = client.post(url("decide", event_id=proposal.pk), {"decision": "decline"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tell the member why, so they can propose something else." in page
    proposal.refresh_from_db()
    assert proposal.status == EventStatus.PROPOSED and not OutboundEmail.objects.exists()
    client.post(
        url("decide", event_id=proposal.pk),
        {"decision": "decline", "message": "We have a pitch event on Friday already."},
    )
    proposal.refresh_from_db()
    assert proposal.status == EventStatus.DECLINED
    email = OutboundEmail.objects.get(key=f"event-{proposal.pk}-decided")
    assert email.to == hub.kari.email and "pitch event on Friday" in email.body
    response = client.post(
        url("decide", event_id=proposal.pk), {"decision": "approve"}, follow=True
    )
    assert (constants.ERROR, "This proposal has already been decided.") in messages_in(response)


# --- attendance -------------------------------------------------------------------------------


@pytest.fixture
def waffles(hub: Any, time_machine: Any) -> Event:
    """Waffle Wednesday, 15:00-17:00; Kari going with a guest, Ola waiting. It is 15:05."""
    event = EventFactory(space=hub.space_a, capacity=2)
    RsvpFactory(event=event, member=hub.kari_member, guest_name="Per")
    RsvpFactory(event=event, member=hub.ola_member, status=RsvpStatus.WAITING)
    time_machine.move_to(at(WEDNESDAY, 15, 5), tick=False)
    return event


def count_of(page: str, name: str) -> str:
    return page.split(f'data-count="{name}">')[1].split("<")[0]


def test_the_attendance_list_shows_counts_and_everyone_answering(client, hub, waffles):
    client.force_login(hub.cecilie)
    page = client.get(url("attendance", event_id=waffles.pk)).content.decode()
    assert (count_of(page, "checked-in"), count_of(page, "going"), count_of(page, "waiting")) == (
        "0",
        "1",
        "1",
    )
    assert f'id="attendee-{hub.kari_member.pk}"' in page and "Guest: Per" in page
    assert f'id="attendee-{hub.ola_member.pk}"' in page
    assert f'<option value="{hub.mette_member.pk}">' in page  # a walk-in may be added
    assert f'<option value="{hub.kari_member.pk}">' not in page


def test_ticking_and_unticking_someone_with_htmx(client, hub, waffles):
    client.force_login(hub.cecilie)
    toggle = url("attendance_toggle", event_id=waffles.pk, member_id=hub.kari_member.pk)
    response = client.post(toggle, {"present": "1"}, headers={"HX-Request": "true"})
    row = response.content.decode()
    assert row.lstrip().startswith(
        f'<li class="card row page-heading attendee" id="attendee-{hub.kari_member.pk}"'
    )
    assert 'aria-pressed="true"' in row and 'hx-swap-oob="true"' in row
    assert count_of(row, "checked-in") == "1"
    rsvp = Rsvp.objects.get(member=hub.kari_member)
    assert rsvp.checked_in_at == at(WEDNESDAY, 15, 5) and not rsvp.walk_in

    row = client.post(toggle, {"present": "0"}, headers={"HX-Request": "true"}).content.decode()
    assert 'aria-pressed="false"' in row and count_of(row, "checked-in") == "0"
    rsvp.refresh_from_db()
    assert rsvp.checked_in_at is None and rsvp.status == RsvpStatus.GOING


def test_ticking_without_javascript_goes_back_to_the_list(client, hub, waffles):
    client.force_login(hub.cecilie)
    toggle = url("attendance_toggle", event_id=waffles.pk, member_id=hub.ola_member.pk)
    response = client.post(toggle, {"present": "1"})
    assert response.status_code == 302 and response.url == url("attendance", event_id=waffles.pk)
    ola = Rsvp.objects.get(member=hub.ola_member)  # was waiting: came anyway
    assert ola.status == RsvpStatus.GOING and ola.checked_in_at is not None


def test_a_walk_in_is_added_and_taken_off_again(client, hub, waffles):
    client.force_login(hub.cecilie)
    response = client.post(
        url("attendance", event_id=waffles.pk), {"member": hub.mette_member.pk}, follow=True
    )
    assert (constants.SUCCESS, "Mette Jensen is checked in.") in messages_in(response)
    mette = Rsvp.objects.get(member=hub.mette_member)
    assert mette.walk_in and mette.checked_in_at is not None
    page = response.content.decode()
    assert f'id="attendee-{hub.mette_member.pk}"' in page and count_of(page, "checked-in") == "1"

    toggle = url("attendance_toggle", event_id=waffles.pk, member_id=hub.mette_member.pk)
    row = client.post(toggle, {"present": "0"}, headers={"HX-Request": "true"}).content.decode()
    assert "attendee-" not in row and count_of(row, "checked-in") == "0"  # the row goes away
    assert not Rsvp.objects.filter(member=hub.mette_member).exists()


def test_another_spaces_member_cannot_be_added_as_a_walk_in(client, hub, waffles):
    client.force_login(hub.cecilie)
    response = client.post(url("attendance", event_id=waffles.pk), {"member": hub.sven_member.pk})
    assert response.status_code == 200 and "member" in response.context["walk_in_form"].errors
    toggle = url("attendance_toggle", event_id=waffles.pk, member_id=hub.sven_member.pk)
    assert client.post(toggle, {"present": "1"}).status_code == 404
    assert not Rsvp.objects.filter(member=hub.sven_member).exists()


def test_ticking_before_check_in_opens_shows_why_in_the_row(client, hub, waffles, time_machine):
    time_machine.move_to(at(WEDNESDAY, 13), tick=False)
    client.force_login(hub.cecilie)
    toggle = url("attendance_toggle", event_id=waffles.pk, member_id=hub.kari_member.pk)
    row = client.post(toggle, {"present": "1"}, headers={"HX-Request": "true"}).content.decode()
    assert 'role="alert"' in row and "Check-in opens an hour before the start." in row
    assert Rsvp.objects.get(member=hub.kari_member).checked_in_at is None


def sign_up_section(page: str) -> str:
    start = page.index('id="sign-up"')
    return page[start : page.index("</section>", start)]


def test_the_cm_signs_members_up_and_a_full_event_puts_them_on_the_waiting_list(client, hub):
    event = EventFactory(space=hub.space_a, capacity=1)  # Wednesday 15:00; it is Monday
    client.force_login(hub.cecilie)
    sign_up = url("attendance_sign_up", event_id=event.pk)
    response = client.post(sign_up, {"member": hub.mette_member.pk}, follow=True)
    assert (constants.SUCCESS, "Mette Jensen is going.") in messages_in(response)
    response = client.post(sign_up, {"member": hub.kari_member.pk}, follow=True)
    assert (
        constants.INFO,
        "The event is full: Kari Nordmann is number 1 on the waiting list.",
    ) in messages_in(response)
    assert dict(Rsvp.objects.values_list("member", "status")) == {
        hub.mette_member.pk: RsvpStatus.GOING,
        hub.kari_member.pk: RsvpStatus.WAITING,
    }
    # Those answering already are not offered again; the others are.
    offered = sign_up_section(response.content.decode())
    assert f'<option value="{hub.ola_member.pk}">' in offered
    assert f'<option value="{hub.mette_member.pk}">' not in offered
    assert f'<option value="{hub.kari_member.pk}">' not in offered


def test_signing_up_keeps_the_rules_of_a_members_own_answer(client, hub, time_machine):
    event = EventFactory(space=hub.space_a, capacity=10)
    client.force_login(hub.cecilie)
    sign_up = url("attendance_sign_up", event_id=event.pk)
    response = client.post(sign_up, {"member": hub.sven_member.pk}, follow=True)  # Bygda's
    assert [level for level, _text in messages_in(response)] == [constants.ERROR]
    # A guest only where guests are invited: no field for one elsewhere.
    page = client.get(url("attendance", event_id=event.pk)).content.decode()
    assert 'name="guest_name"' not in sign_up_section(page)
    client.post(sign_up, {"member": hub.ola_member.pk, "guest_name": "Per"})
    assert Rsvp.objects.get(event=event, member=hub.ola_member).seats == 1
    pitch = EventFactory(space=hub.space_a, audience=Audience.GUESTS)
    page = client.get(url("attendance", event_id=pitch.pk)).content.decode()
    assert 'name="guest_name"' in sign_up_section(page)
    client.post(
        url("attendance_sign_up", event_id=pitch.pk),
        {"member": hub.ola_member.pk, "guest_name": "Per"},
    )
    assert Rsvp.objects.get(event=pitch, member=hub.ola_member).seats == 2
    Rsvp.objects.filter(member=hub.ola_member).delete()
    # After the start, answers are closed: the form is gone and a POST is refused.
    time_machine.move_to(at(WEDNESDAY, 15, 5), tick=False)
    client.force_login(hub.cecilie)  # sessions last 12 hours
    page = client.get(url("attendance", event_id=event.pk)).content.decode()
    assert 'id="sign-up"' not in page and 'id="walk-in"' in page
    response = client.post(sign_up, {"member": hub.mette_member.pk}, follow=True)
    assert [level for level, _text in messages_in(response)] == [constants.ERROR]
    assert "closed" in messages_in(response)[0][1]
    assert not Rsvp.objects.filter(event=event).exists()


# --- QR code ----------------------------------------------------------------------------------


def test_the_qr_page_leads_to_the_events_check_in(client, hub):
    event = EventFactory(space=hub.space_a)
    client.force_login(hub.cecilie)
    page = client.get(url("qr", event_id=event.pk)).content.decode()
    check_in = settings.KOLLEGA_BASE_URL + reverse(
        "event_checkin:check_in", kwargs={"token": event.check_in_token}
    )
    assert f'href="{check_in}"' in page
    assert '<svg role="img"' in page and f"QR code for checking in to {event.title}" in page


# --- the list ---------------------------------------------------------------------------------


def test_the_list_shows_seats_waiting_and_past_attendance(client, hub, time_machine):
    past = EventFactory(space=hub.space_a, title="Breakfast", start=at(dt.date(2026, 2, 24), 8))
    RsvpFactory(event=past, member=hub.kari_member, checked_in_at=past.start)
    RsvpFactory(event=past, member=hub.ola_member, no_show=True)
    coming = EventFactory(space=hub.space_a, capacity=2)
    RsvpFactory(event=coming, member=hub.kari_member, guest_name="Per")
    RsvpFactory(event=coming, member=hub.ola_member, status=RsvpStatus.WAITING)
    later = EventFactory(space=hub.space_a, start=at(dt.date(2026, 5, 6), 15))  # > 8 weeks
    client.force_login(hub.cecilie)
    page = client.get(url("list")).content.decode()
    upcoming = page.split('id="upcoming"')[1].split("</section>")[0]
    row = upcoming.split(f'id="event-{coming.pk}"')[1].split("</tr>")[0]
    assert "2 of 2" in row and "(incl. 1 guest)" in row and 'data-waiting="1"' in row
    assert f'id="event-{later.pk}"' not in page and f'id="event-{past.pk}"' not in upcoming
    recent = page.split(f'id="recent-{past.pk}"')[1].split("</tr>")[0]
    assert "1 / 2" in recent and 'data-no-shows="1"' in recent
    assert url("rhythm") in page and url("create") in page


def test_the_list_takes_the_same_queries_however_many_events(
    client, hub, django_assert_num_queries
):
    def add_events(count: int) -> None:
        for n in range(count):
            day = WEDNESDAY + dt.timedelta(days=n)
            coming = EventFactory(space=hub.space_a, start=at(day, 15), resource=hub.room)
            RsvpFactory(event=coming, member=hub.kari_member)
            past = EventFactory(space=hub.space_a, start=at(day - dt.timedelta(days=14), 9))
            RsvpFactory(event=past, member=hub.ola_member, checked_in_at=past.start)
            EventFactory(
                space=hub.space_a,
                title=f"Idea {n}",
                status=EventStatus.PROPOSED,
                proposed_by=MemberFactory(space=hub.space_a, user=UserFactory()),
                resource=hub.room,
            )

    add_events(1)
    client.force_login(hub.cecilie)
    # session, user, space (staff), upcoming, proposals, recent; the site menu's two
    with django_assert_num_queries(8):
        client.get(url("list"))
    add_events(4)
    with django_assert_num_queries(8):
        page = client.get(url("list")).content.decode()
    assert page.count('class="card proposal"') == 5
