"""Events' services as specifications: creating and changing events (rooms held through
bookings), RSVPs with a waiting list that never oversells, proposals, attendance, feedback
and reminders."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kollega.bookings.models import Booking, BookingStatus, ResourceKind
from kollega.bookings.services import booking_cancel, booking_create
from kollega.bookings.tests.factories import ResourceFactory, give_membership
from kollega.core.tests.factories import MemberFactory, UserFactory
from kollega.events.models import (
    Audience,
    Event,
    EventStatus,
    Feedback,
    HostKind,
    Rsvp,
    RsvpStatus,
)
from kollega.events.services import (
    EventData,
    event_attendance_close,
    event_cancel,
    event_check_in,
    event_check_in_undo,
    event_create,
    event_decide,
    event_propose,
    event_series_create,
    event_update,
    events_close_finished,
    events_send_reminders,
    feedback_give,
    rsvp_answer,
    seats_taken,
)
from kollega.memberships.models import PlanKind
from kollega.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NOW = dt.datetime(2026, 3, 2, 8, 0, tzinfo=OSLO)  # Monday morning
THURSDAY = dt.date(2026, 3, 5)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=OSLO)


def data(**changes: object) -> EventData:
    fields: dict[str, object] = {
        "title": "Thursday bar",
        "start": at(THURSDAY, 15),
        "end": at(THURSDAY, 17),
        "location": "The lounge",
    }
    fields.update(changes)
    return EventData(**fields)  # type: ignore[arg-type]


def member(world, name: str):
    return MemberFactory(space=world.space_a, user=UserFactory(full_name=name))


@pytest.fixture
def bar(world) -> Event:
    return event_create(space=world.space_a, data=data(capacity=2), actor=world.cecilie)


# --- creating and changing ------------------------------------------------------------------


def test_a_cm_creates_an_event_in_the_spaces_language(world):
    event = event_create(space=world.space_a, data=data(), actor=world.cecilie)
    assert event.status == EventStatus.PUBLISHED
    assert event.language == "nb"  # the space's first language
    assert event.room_booking is None


def test_members_cannot_create_events(world):
    with pytest.raises(PermissionDenied):
        event_create(space=world.space_a, data=data(), actor=world.kari)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"end": at(THURSDAY, 14)}, "end"),
        ({"rsvp_deadline": at(THURSDAY, 16)}, "rsvp_deadline"),
        ({"location": ""}, "resource"),
        ({"kind": "party"}, "kind"),
        ({"formats": ("rave",)}, "formats"),
        ({"host_kind": HostKind.OUTSIDE}, "host_name"),
        ({"host_kind": HostKind.MEMBER}, "host_member"),
        ({"audience": Audience.PLANS}, "plan_kinds"),
        ({"capacity": 0}, "capacity"),
        ({"language": "de"}, "language"),
    ],
)
def test_bad_event_input_names_the_field_and_writes_nothing(world, changes, field):
    with pytest.raises(ValidationError) as error:
        event_create(space=world.space_a, data=data(**changes), actor=world.cecilie)
    assert field in error.value.message_dict
    assert not Event.objects.exists()


def test_an_event_in_a_room_holds_the_room_and_a_member_cannot_book_it(world):
    room = ResourceFactory(space=world.space_a, name="Storstua", capacity=40)
    event = event_create(
        space=world.space_a, data=data(resource=room, location=""), actor=world.cecilie
    )
    hold = event.room_booking
    assert hold is not None and hold.member is None and hold.resource == room
    assert (hold.start, hold.end) == (event.start, event.end)
    with pytest.raises(ValidationError) as error:
        booking_create(
            member=world.kari_member,
            resource=room,
            start=at(THURSDAY, 16),
            end=at(THURSDAY, 17),
            actor=world.kari,
            now=NOW,
        )
    assert "start" in error.value.message_dict


def test_an_event_cannot_take_a_room_someone_booked(world):
    room = ResourceFactory(space=world.space_a, name="Storstua", capacity=40)
    Booking.objects.create(
        space=world.space_a,
        resource=room,
        member=world.kari_member,
        start=at(THURSDAY, 16),
        end=at(THURSDAY, 18),
        currency="NOK",
    )
    with pytest.raises(ValidationError) as error:
        event_create(
            space=world.space_a, data=data(resource=room, location=""), actor=world.cecilie
        )
    assert "Storstua" in error.value.message_dict["resource"][0]
    assert not Event.objects.exists()


def test_capacity_cannot_exceed_the_rooms_seats(world):
    room = ResourceFactory(space=world.space_a, name="Lille", capacity=6)
    with pytest.raises(ValidationError) as error:
        event_create(
            space=world.space_a,
            data=data(resource=room, location="", capacity=10),
            actor=world.cecilie,
        )
    assert "capacity" in error.value.message_dict


def test_a_room_open_to_all_refuses_a_plan_only_event(world):
    lounge = ResourceFactory(
        space=world.space_a, name="Lounge", kind=ResourceKind.EVENT_AREA, events_open_to_all=True
    )
    with pytest.raises(ValidationError) as error:
        event_create(
            space=world.space_a,
            data=data(
                resource=lounge, location="", audience=Audience.PLANS, plan_kinds=(PlanKind.FLEX,)
            ),
            actor=world.cecilie,
        )
    assert "Lounge" in error.value.message_dict["audience"][0]


def test_moving_an_event_moves_its_room_hold_and_cancelling_frees_it(world):
    room = ResourceFactory(space=world.space_a, name="Storstua", capacity=40)
    event = event_create(
        space=world.space_a, data=data(resource=room, location=""), actor=world.cecilie
    )
    event_update(
        event=event,
        data=data(resource=room, location="", start=at(THURSDAY, 18), end=at(THURSDAY, 20)),
        actor=world.cecilie,
    )
    hold = Booking.objects.get(pk=event.room_booking_id)
    assert (hold.start, hold.end) == (at(THURSDAY, 18), at(THURSDAY, 20))
    event_cancel(event=event, actor=world.cecilie, now=NOW)
    hold.refresh_from_db()
    assert hold.status == BookingStatus.CANCELLED
    with pytest.raises(ValidationError):  # a member cannot cancel the space's hold
        booking_cancel(booking=hold, actor=world.cecilie)


def test_capacity_cannot_go_below_the_seats_taken(world, bar):
    rsvp_answer(event=bar, member=world.kari_member, actor=world.kari, going=True, now=NOW)
    rsvp_answer(event=bar, member=world.ola_member, actor=world.ola, going=True, now=NOW)
    with pytest.raises(ValidationError) as error:
        event_update(event=bar, data=data(capacity=1), actor=world.cecilie)
    assert "2 seats" in error.value.message_dict["capacity"][0]
    bar.refresh_from_db()
    assert bar.capacity == 2


def test_raising_capacity_promotes_the_waiting_list(world, bar):
    for person in (world.kari_member, world.ola_member, world.mette_member):
        rsvp_answer(event=bar, member=person, actor=person.user, going=True, now=NOW)
    assert Rsvp.objects.get(member=world.mette_member).status == RsvpStatus.WAITING
    event_update(event=bar, data=data(capacity=3), actor=world.cecilie, now=NOW)
    assert Rsvp.objects.get(member=world.mette_member).status == RsvpStatus.GOING


def test_a_weekly_series_keeps_local_time_across_dst_and_reports_clashes(world):
    room = ResourceFactory(space=world.space_a, name="Storstua", capacity=40)
    # Someone has the room on the third Thursday.
    Booking.objects.create(
        space=world.space_a,
        resource=room,
        member=world.kari_member,
        start=at(dt.date(2026, 3, 19), 15),
        end=at(dt.date(2026, 3, 19), 16),
        currency="NOK",
    )
    result = event_series_create(
        space=world.space_a,
        data=data(resource=room, location=""),
        every_weeks=1,
        until=dt.date(2026, 4, 2),
        actor=world.cecilie,
    )
    starts = [e.start.astimezone(OSLO) for e in result.created]
    assert [s.date() for s in starts] == [
        dt.date(2026, 3, 5),
        dt.date(2026, 3, 12),
        dt.date(2026, 3, 26),
        dt.date(2026, 4, 2),
    ]
    assert {s.time() for s in starts} == {dt.time(15)}  # summer time starts on 29 March
    assert [when.date() for when, _why in result.conflicts] == [dt.date(2026, 3, 19)]


def test_changing_this_and_following_occurrences(world):
    result = event_series_create(
        space=world.space_a,
        data=data(),
        every_weeks=1,
        until=dt.date(2026, 3, 26),
        actor=world.cecilie,
    )
    second = result.created[1]
    changed = event_update(
        event=second,
        data=data(
            title="Friday bar", start=at(dt.date(2026, 3, 13), 16), end=at(dt.date(2026, 3, 13), 18)
        ),
        actor=world.cecilie,
        scope="following",
    )
    assert len(changed) == 3
    titles = list(Event.objects.order_by("start").values_list("title", flat=True))
    assert titles == ["Thursday bar", "Friday bar", "Friday bar", "Friday bar"]
    last = Event.objects.order_by("start").last()
    assert last.start.astimezone(OSLO) == at(dt.date(2026, 3, 27), 16)


def test_changing_only_one_occurrence(world):
    result = event_series_create(
        space=world.space_a,
        data=data(),
        every_weeks=2,
        until=dt.date(2026, 4, 2),
        actor=world.cecilie,
    )
    event_update(
        event=result.created[0],
        data=data(title="Waffle Thursday"),
        actor=world.cecilie,
        scope="one",
    )
    assert sorted(Event.objects.values_list("title", flat=True)) == [
        "Thursday bar",
        "Thursday bar",
        "Waffle Thursday",
    ]


# --- RSVP and the waiting list --------------------------------------------------------------


def test_a_full_event_puts_the_next_member_on_the_waiting_list(world, bar):
    first = rsvp_answer(event=bar, member=world.kari_member, actor=world.kari, going=True, now=NOW)
    second = rsvp_answer(event=bar, member=world.ola_member, actor=world.ola, going=True, now=NOW)
    third = rsvp_answer(
        event=bar, member=world.mette_member, actor=world.mette, going=True, now=NOW
    )
    assert first.rsvp.status == second.rsvp.status == RsvpStatus.GOING
    assert third.rsvp.status == RsvpStatus.WAITING
    assert third.waiting_position == 1
    assert seats_taken(bar) == 2


def test_cancelling_promotes_the_first_waiting_and_tells_them(world, bar):
    extra = member(world, "Per Olsen")
    for person in (world.kari_member, world.ola_member):
        rsvp_answer(event=bar, member=person, actor=person.user, going=True, now=NOW)
    rsvp_answer(event=bar, member=world.mette_member, actor=world.mette, going=True, now=NOW)
    rsvp_answer(
        event=bar,
        member=extra,
        actor=extra.user,
        going=True,
        now=NOW + dt.timedelta(minutes=1),
    )
    rsvp_answer(event=bar, member=world.kari_member, actor=world.kari, going=False, now=NOW)
    statuses = dict(Rsvp.objects.values_list("member__user__full_name", "status"))
    assert statuses["Mette Jensen"] == RsvpStatus.GOING
    assert statuses["Per Olsen"] == RsvpStatus.WAITING
    email = OutboundEmail.objects.get(to=world.mette.email)
    assert "Thursday bar" in email.subject


def test_a_guest_takes_a_seat_and_only_where_guests_are_invited(world):
    open_bar = event_create(
        space=world.space_a, data=data(capacity=2, audience=Audience.GUESTS), actor=world.cecilie
    )
    rsvp_answer(
        event=open_bar,
        member=world.kari_member,
        actor=world.kari,
        going=True,
        guest_name="Nils",
        now=NOW,
    )
    late = rsvp_answer(
        event=open_bar, member=world.ola_member, actor=world.ola, going=True, now=NOW
    )
    assert late.rsvp.status == RsvpStatus.WAITING
    closed = event_create(space=world.space_a, data=data(title="Members only"), actor=world.cecilie)
    with pytest.raises(ValidationError) as error:
        rsvp_answer(
            event=closed,
            member=world.kari_member,
            actor=world.kari,
            going=True,
            guest_name="Nils",
            now=NOW,
        )
    assert "guest_name" in error.value.message_dict
    assert not Rsvp.objects.filter(event=closed).exists()


def test_a_waiting_member_who_needs_two_seats_lets_the_next_one_fitting_go_first(world):
    event = event_create(
        space=world.space_a, data=data(capacity=2, audience=Audience.GUESTS), actor=world.cecilie
    )
    rsvp_answer(
        event=event,
        member=world.kari_member,
        actor=world.kari,
        going=True,
        guest_name="Nils",
        now=NOW,
    )
    rsvp_answer(
        event=event,
        member=world.ola_member,
        actor=world.ola,
        going=True,
        guest_name="Siri",
        now=NOW,
    )
    rsvp_answer(
        event=event,
        member=world.mette_member,
        actor=world.mette,
        going=True,
        now=NOW + dt.timedelta(minutes=1),
    )
    rsvp_answer(event=event, member=world.kari_member, actor=world.kari, going=True, now=NOW)
    # Kari dropped her guest: one seat free; Ola needs two, Mette one.
    assert Rsvp.objects.get(member=world.ola_member).status == RsvpStatus.WAITING
    assert Rsvp.objects.get(member=world.mette_member).status == RsvpStatus.GOING


def test_no_rsvp_after_the_deadline(world):
    event = event_create(
        space=world.space_a, data=data(rsvp_deadline=at(THURSDAY, 12)), actor=world.cecilie
    )
    with pytest.raises(ValidationError) as error:
        rsvp_answer(
            event=event,
            member=world.kari_member,
            actor=world.kari,
            going=True,
            now=at(THURSDAY, 12, 30),
        )
    assert "event" in error.value.message_dict
    assert not Rsvp.objects.exists()


def test_an_event_for_certain_plans_refuses_other_members(world):
    give_membership(world.kari_member, kind=PlanKind.FIXED_DESK)
    give_membership(world.mette_member, kind=PlanKind.FLEX)
    event = event_create(
        space=world.space_a,
        data=data(audience=Audience.PLANS, plan_kinds=(PlanKind.FIXED_DESK,)),
        actor=world.cecilie,
    )
    assert (
        rsvp_answer(
            event=event, member=world.kari_member, actor=world.kari, going=True, now=NOW
        ).rsvp.status
        == RsvpStatus.GOING
    )
    with pytest.raises(ValidationError) as error:
        rsvp_answer(event=event, member=world.mette_member, actor=world.mette, going=True, now=NOW)
    assert "plan" in error.value.message_dict["member"][0]


def test_members_answer_only_for_themselves_and_only_in_their_space(world, bar):
    with pytest.raises(PermissionDenied):
        rsvp_answer(event=bar, member=world.ola_member, actor=world.kari, going=True, now=NOW)
    with pytest.raises(ValidationError):
        rsvp_answer(event=bar, member=world.sven_member, actor=world.sven, going=True, now=NOW)


def test_a_cancelled_event_tells_everyone_going_or_waiting(world, bar):
    for person in (world.kari_member, world.ola_member, world.mette_member):
        rsvp_answer(event=bar, member=person, actor=person.user, going=True, now=NOW)
    event_cancel(event=bar, actor=world.cecilie, message="The bar is flooded.", now=NOW)
    cancelled = OutboundEmail.objects.filter(key__contains="cancelled")
    assert cancelled.count() == 3
    assert "flooded" in cancelled.first().body
    with pytest.raises(ValidationError):
        rsvp_answer(event=bar, member=world.kari_member, actor=world.kari, going=True, now=NOW)


# --- proposals ------------------------------------------------------------------------------


def test_a_member_proposes_and_the_cm_approves_with_edits(world):
    room = ResourceFactory(space=world.space_a, name="Storstua", capacity=40)
    proposal = event_propose(
        member=world.mette_member,
        data=data(title="Design critique", kind="professional"),
        actor=world.mette,
    )
    assert proposal.status == EventStatus.PROPOSED
    assert proposal.host_member == world.mette_member and proposal.room_booking is None
    event = event_decide(
        event=proposal,
        actor=world.cecilie,
        approve=True,
        data=data(
            title="Design critique",
            kind="professional",
            resource=room,
            location="",
            host_kind=HostKind.MEMBER,
            host_member=world.mette_member,
        ),
    )
    assert event.status == EventStatus.PUBLISHED and event.room_booking is not None
    assert OutboundEmail.objects.filter(to=world.mette.email).count() == 1


def test_declining_a_proposal_needs_a_message_which_the_member_gets(world):
    proposal = event_propose(member=world.mette_member, data=data(), actor=world.mette)
    with pytest.raises(ValidationError):
        event_decide(event=proposal, actor=world.cecilie, approve=False)
    event_decide(
        event=proposal,
        actor=world.cecilie,
        approve=False,
        message="We already have a bar on Thursdays.",
    )
    proposal.refresh_from_db()
    assert proposal.status == EventStatus.DECLINED
    assert "already have a bar" in OutboundEmail.objects.get(to=world.mette.email).body
    with pytest.raises(ValidationError):
        event_decide(event=proposal, actor=world.cecilie, approve=True)


def test_members_cannot_decide_proposals(world):
    proposal = event_propose(member=world.mette_member, data=data(), actor=world.mette)
    with pytest.raises(PermissionDenied):
        event_decide(event=proposal, actor=world.kari, approve=True)


# --- attendance, feedback, reminders ---------------------------------------------------------


def test_check_in_by_qr_opens_an_hour_before(world, bar):
    rsvp_answer(event=bar, member=world.kari_member, actor=world.kari, going=True, now=NOW)
    with pytest.raises(ValidationError):
        event_check_in(
            event=bar, member=world.kari_member, actor=world.kari, now=at(THURSDAY, 13, 30)
        )
    rsvp = event_check_in(
        event=bar, member=world.kari_member, actor=world.kari, now=at(THURSDAY, 14, 5)
    )
    assert rsvp.checked_in_at == at(THURSDAY, 14, 5) and not rsvp.walk_in
    again = event_check_in(
        event=bar, member=world.kari_member, actor=world.kari, now=at(THURSDAY, 15)
    )
    assert again.checked_in_at == at(THURSDAY, 14, 5)


def test_the_cm_ticks_a_walk_in_and_can_untick_it(world, bar):
    rsvp = event_check_in(
        event=bar, member=world.ola_member, actor=world.cecilie, now=at(THURSDAY, 15, 30)
    )
    assert rsvp.walk_in and rsvp.status == RsvpStatus.GOING
    with pytest.raises(PermissionDenied):
        event_check_in(
            event=bar, member=world.ola_member, actor=world.kari, now=at(THURSDAY, 15, 30)
        )
    event_check_in_undo(event=bar, member=world.ola_member, actor=world.cecilie)
    assert not Rsvp.objects.filter(member=world.ola_member).exists()


def test_closing_attendance_records_no_shows_and_asks_attendees_once(world, bar):
    rsvp_answer(event=bar, member=world.kari_member, actor=world.kari, going=True, now=NOW)
    rsvp_answer(event=bar, member=world.ola_member, actor=world.ola, going=True, now=NOW)
    event_check_in(event=bar, member=world.kari_member, actor=world.kari, now=at(THURSDAY, 15))
    with pytest.raises(ValidationError):
        event_attendance_close(event=bar, now=at(THURSDAY, 16))
    assert events_close_finished(now=at(THURSDAY, 18)) == 0  # within the grace
    assert events_close_finished(now=at(THURSDAY, 20)) == 1
    assert events_close_finished(now=at(THURSDAY, 21)) == 0
    assert Rsvp.objects.get(member=world.ola_member).no_show
    assert not Rsvp.objects.get(member=world.kari_member).no_show
    asked = OutboundEmail.objects.filter(key__contains="feedback")
    assert list(asked.values_list("to", flat=True)) == [world.kari.email]


def test_feedback_only_from_those_who_came_one_tap_at_a_time(world, bar):
    rsvp_answer(event=bar, member=world.kari_member, actor=world.kari, going=True, now=NOW)
    event_check_in(event=bar, member=world.kari_member, actor=world.kari, now=at(THURSDAY, 15))
    after = at(THURSDAY, 18)
    feedback_give(event=bar, member=world.kari_member, actor=world.kari, worth_it=True, now=after)
    feedback_give(
        event=bar, member=world.kari_member, actor=world.kari, met_someone_new=False, now=after
    )
    answer = Feedback.objects.get()
    assert (answer.worth_it, answer.met_someone_new) == (True, False)
    with pytest.raises(ValidationError):
        feedback_give(event=bar, member=world.ola_member, actor=world.ola, worth_it=True, now=after)
    with pytest.raises(ValidationError):
        feedback_give(event=bar, member=world.kari_member, actor=world.kari, now=after)


def test_reminders_go_once_to_those_going_in_their_language(world, bar):
    world.kari.preferred_language = "da"
    world.kari.save()
    rsvp_answer(event=bar, member=world.kari_member, actor=world.kari, going=True, now=NOW)
    rsvp_answer(event=bar, member=world.ola_member, actor=world.ola, going=False, now=NOW)
    assert events_send_reminders(now=at(THURSDAY, 9) - dt.timedelta(days=1)) == 0  # too early
    events_send_reminders(now=at(dt.date(2026, 3, 4), 16))
    events_send_reminders(now=at(dt.date(2026, 3, 4), 17))
    reminder = OutboundEmail.objects.get(key__contains="reminder")
    assert reminder.to == world.kari.email
    assert reminder.language == "da"


def test_the_personal_data_export_includes_answers_guests_attendance_and_proposals(world):
    from kollega.members.gdpr import user_data_export

    event = event_create(
        space=world.space_a, data=data(audience=Audience.GUESTS), actor=world.cecilie
    )
    rsvp_answer(
        event=event,
        member=world.mette_member,
        actor=world.mette,
        going=True,
        guest_name="Nils",
        now=NOW,
    )
    event_check_in(event=event, member=world.mette_member, actor=world.mette, now=at(THURSDAY, 15))
    feedback_give(
        event=event,
        member=world.mette_member,
        actor=world.mette,
        worth_it=True,
        now=at(THURSDAY, 18),
    )
    event_propose(member=world.mette_member, data=data(title="Design critique"), actor=world.mette)
    exported = user_data_export(user=world.mette)["events"]
    [answer] = exported["answers"]
    assert answer["guest_name"] == "Nils" and answer["checked_in_at"] is not None
    assert answer["feedback"] == {"worth_it": True, "met_someone_new": None}
    assert [p["title"] for p in exported["proposals"]] == ["Design critique"]
    assert user_data_export(user=world.kari)["events"] == {"answers": [], "proposals": []}
