"""Event pages through HTTP: the week with one-click RSVP, an event's page, the waiting list,
guests and deadlines, feedback afterwards, proposing an event, and the QR check-in.

"Now" is Monday 2 March 2026, 08:00 in Oslo; the events are on Wednesday 4 March."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollega.bookings.tests.factories import ResourceFactory, give_membership
from kollega.events.models import (
    Audience,
    Event,
    EventFormat,
    EventKind,
    EventStatus,
    Feedback,
    HostKind,
    Rsvp,
    RsvpStatus,
)
from kollega.events.tests.factories import (
    NOW,
    WEDNESDAY,
    EventFactory,
    FeedbackFactory,
    RsvpFactory,
    at,
)
from kollega.memberships.models import PlanKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def monday_morning(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


def text(response) -> str:
    return html.unescape(response.content.decode())


def list_url(slug: str = "smartby") -> str:
    return reverse("events:list", kwargs={"slug": slug})


def detail_url(event, slug: str = "smartby") -> str:
    return reverse("events:detail", kwargs={"slug": slug, "event_id": event.pk})


def rsvp_url(event, slug: str = "smartby") -> str:
    return reverse("events:rsvp", kwargs={"slug": slug, "event_id": event.pk})


def feedback_url(event) -> str:
    return reverse("events:feedback", kwargs={"slug": "smartby", "event_id": event.pk})


def check_in_url(event) -> str:
    return reverse("event_checkin:check_in", kwargs={"token": event.check_in_token})


def card_of(page: str, event) -> str:
    """The HTML of one event's card on the week page."""
    start = page.index(f'id="event-{event.pk}"')
    return page[start : page.index("</article>", start)]


# --- the week ------------------------------------------------------------------------------------


def test_the_week_shows_each_event_with_seats_host_place_and_my_answer(client, world):
    room = ResourceFactory(space=world.space_a, name="Fjorden", capacity=20)
    lecture = EventFactory(
        space=world.space_a,
        title="Lunch lecture: heat pumps",
        kind=EventKind.PROFESSIONAL,
        formats=[EventFormat.LUNCH_LECTURE],
        host_kind=HostKind.OUTSIDE,
        host_name="Ingrid Vik",
        resource=room,
        location="",
        capacity=3,
        start=at(WEDNESDAY, 11, 30),
    )
    RsvpFactory(event=lecture, member=world.ola_member)
    bar = EventFactory(
        space=world.space_a,
        title="Thursday bar",
        formats=[EventFormat.BAR],
        capacity=1,
        start=at(WEDNESDAY + dt.timedelta(days=1), 16),
    )
    RsvpFactory(event=bar, member=world.ola_member)
    RsvpFactory(event=bar, member=world.mette_member, status=RsvpStatus.WAITING)
    RsvpFactory(
        event=bar,
        member=world.kari_member,
        status=RsvpStatus.WAITING,
        answered_at=NOW + dt.timedelta(minutes=5),
    )
    breakfast = EventFactory(space=world.space_a, title="Shared breakfast", capacity=None)
    RsvpFactory(event=breakfast, member=world.mette_member, guest_name="Per")
    EventFactory(
        space=world.space_a,
        title="Next week's pitch",
        start=at(WEDNESDAY, 9) + dt.timedelta(weeks=1),
    )
    EventFactory(space=world.space_b, title="Fika in Bygda")

    client.force_login(world.kari)
    page = text(client.get(list_url()))

    lecture_card = card_of(page, lecture)
    assert "Lunch lecture: heat pumps" in lecture_card
    assert "Wednesday 4 March, 11:30" in lecture_card and "13:30" in lecture_card
    assert "Professional" in lecture_card and "Lunch lecture" in lecture_card
    assert "Ingrid Vik (guest speaker)" in lecture_card and "Fjorden" in lecture_card
    assert "2 of 3 seats left" in lecture_card
    assert "I'm going" in lecture_card and "data-status" not in lecture_card
    bar_card = card_of(page, bar)
    assert "Full: waiting list" in bar_card
    assert "Waiting list #2" in bar_card and "Leave the waiting list" in bar_card
    assert "2 going" in card_of(page, breakfast)  # Mette and her guest
    assert "Next week's pitch" not in page and "Fika in Bygda" not in page
    mine = page[page.index("My upcoming events") : page.index('id="week"')]
    assert "Thursday bar" in mine and "Waiting list #2" in mine and "Shared breakfast" not in mine
    assert reverse("events:propose", kwargs={"slug": "smartby"}) in page


def test_times_are_shown_in_the_space_time_zone(client, world):
    world.space_a.time_zone = "Europe/Helsinki"  # one hour ahead of Oslo
    world.space_a.save()
    event = EventFactory(space=world.space_a, start=at(WEDNESDAY, 15))
    client.force_login(world.kari)
    assert "Wednesday 4 March, 16:00" in card_of(text(client.get(list_url())), event)
    assert "Wednesday 4 March 2026, 16:00" in text(client.get(detail_url(event)))


def test_the_week_moves_back_and_forth(client, world):
    EventFactory(space=world.space_a, title="This week's waffles")
    EventFactory(
        space=world.space_a,
        title="Pitch and lunch",
        start=at(WEDNESDAY, 11) + dt.timedelta(weeks=1),
    )
    client.force_login(world.kari)
    page = text(client.get(list_url(), {"week": "2026-03-12"}))  # a Thursday: its week
    assert "Pitch and lunch" in page and "This week's waffles" not in page
    assert "9 March \u2013 15 March 2026" in page
    assert "?week=2026-03-02" in page and "?week=2026-03-16" in page
    assert f'<a href="{list_url()}">This week</a>' in page
    this_week = text(client.get(list_url()))
    assert "This week's waffles" in this_week and "2 March \u2013 8 March 2026" in this_week
    assert "No events this week." in text(client.get(list_url(), {"week": "2026-04-06"}))


def test_the_week_is_404_for_someone_of_another_space(client, world):
    client.force_login(world.sven)
    assert client.get(list_url()).status_code == 404


def test_the_week_costs_the_same_queries_for_one_event_or_many(client, world):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(list_url()).status_code == 200
        return len(queries)

    client.force_login(world.kari)
    first = EventFactory(space=world.space_a, capacity=1, formats=[EventFormat.BREAKFAST])
    RsvpFactory(event=first, member=world.ola_member)
    RsvpFactory(event=first, member=world.kari_member, status=RsvpStatus.WAITING)
    one = count_queries()
    for hour in range(9, 15):
        host = world.ola_member if hour % 2 else None
        event = EventFactory(
            space=world.space_a,
            start=at(WEDNESDAY, hour),
            capacity=1,
            host_kind=HostKind.MEMBER if host else HostKind.SPACE,
            host_member=host,
            resource=ResourceFactory(space=world.space_a),
        )
        RsvpFactory(event=event, member=world.mette_member)
        RsvpFactory(event=event, member=world.kari_member, status=RsvpStatus.WAITING)
    assert count_queries() == one == 10
    # Events for certain plans: one query for the member's memberships, however many.
    for hour in (15, 16, 17):
        EventFactory(
            space=world.space_a,
            start=at(WEDNESDAY, hour),
            audience=Audience.PLANS,
            plan_kinds=[PlanKind.FLEX],
        )
        assert count_queries() == 11


# --- RSVP ----------------------------------------------------------------------------------------


def test_rsvp_yes_then_no_from_the_week(client, world):
    event = EventFactory(space=world.space_a, capacity=10)
    client.force_login(world.kari)
    response = client.post(rsvp_url(event), {"going": "yes", "back": "list"})
    assert response.status_code == 302
    assert response.url == f"{list_url()}?week=2026-03-02#event-{event.pk}"
    rsvp = Rsvp.objects.get(event=event, member=world.kari_member)
    assert rsvp.status == RsvpStatus.GOING
    page = text(client.get(response.url))
    assert "You're going." in page and "9 of 10 seats left" in card_of(page, event)

    page = text(client.post(rsvp_url(event), {"going": "no", "back": "list"}, follow=True))
    rsvp.refresh_from_db()
    assert rsvp.status == RsvpStatus.NOT_GOING
    assert "You're not going." in page and "Not going" in card_of(page, event)


def test_a_full_event_puts_me_on_the_waiting_list_with_my_place_in_line(client, world):
    event = EventFactory(space=world.space_a, capacity=1)
    RsvpFactory(event=event, member=world.ola_member)
    RsvpFactory(
        event=event,
        member=world.mette_member,
        status=RsvpStatus.WAITING,
        answered_at=NOW - dt.timedelta(hours=1),
    )
    client.force_login(world.kari)
    page = text(client.post(rsvp_url(event), {"going": "yes", "back": "detail"}, follow=True))
    assert Rsvp.objects.get(event=event, member=world.kari_member).status == RsvpStatus.WAITING
    assert "The event is full: you are number 2 on the waiting list." in page
    assert "You are number 2 on the waiting list." in page
    assert Rsvp.objects.filter(event=event, status=RsvpStatus.GOING).count() == 1


def test_rsvp_with_htmx_swaps_the_card_with_the_message(client, world):
    event = EventFactory(space=world.space_a, capacity=4)
    client.force_login(world.kari)
    response = client.post(
        rsvp_url(event), {"going": "yes", "back": "list"}, headers={"HX-Request": "true"}
    )
    body = text(response)
    assert response.status_code == 200 and "<html" not in body
    assert body.lstrip().startswith(f'<article class="card event-card" id="event-{event.pk}"')
    assert "You're going." in body and "3 of 4 seats left" in body
    assert 'data-status="going"' in body and "Cancel my seat" in body


def test_rsvp_with_htmx_on_the_event_page_swaps_the_rsvp_panel(client, world):
    event = EventFactory(space=world.space_a, capacity=1)
    RsvpFactory(event=event, member=world.ola_member)
    client.force_login(world.kari)
    body = text(
        client.post(
            rsvp_url(event), {"going": "yes", "back": "detail"}, headers={"HX-Request": "true"}
        )
    )
    assert body.lstrip().startswith('<section class="card rsvp-panel" id="rsvp"')
    assert "number 1 on the waiting list" in body and "Waiting list #1" in body


def test_a_guest_is_refused_when_guests_are_not_invited(client, world):
    event = EventFactory(space=world.space_a, audience=Audience.MEMBERS)
    client.force_login(world.kari)
    assert 'name="guest_name"' not in text(client.get(detail_url(event)))
    page = text(
        client.post(
            rsvp_url(event),
            {"going": "yes", "guest_name": "Per", "back": "detail"},
            follow=True,
        )
    )
    assert "Guests are not invited to this event." in page
    assert not Rsvp.objects.filter(event=event).exists()


def test_a_member_brings_a_guest_when_guests_are_welcome(client, world):
    event = EventFactory(space=world.space_a, audience=Audience.GUESTS, capacity=5)
    client.force_login(world.kari)
    assert 'name="guest_name"' in text(client.get(detail_url(event)))
    page = text(
        client.post(
            rsvp_url(event),
            {"going": "yes", "guest_name": "Per Olsen", "back": "detail"},
            follow=True,
        )
    )
    rsvp = Rsvp.objects.get(event=event, member=world.kari_member)
    assert (rsvp.status, rsvp.guest_name) == (RsvpStatus.GOING, "Per Olsen")
    assert "Going, with Per Olsen" in page and "3 of 5 seats left" in page


def test_an_answer_after_the_deadline_is_refused_with_the_deadline(client, world):
    event = EventFactory(space=world.space_a, rsvp_deadline=at(NOW.date(), 7))
    client.force_login(world.kari)
    assert "RSVPs closed" in card_of(text(client.get(list_url())), event)
    page = text(client.post(rsvp_url(event), {"going": "yes", "back": "detail"}, follow=True))
    assert "RSVPs for this event closed (03/02/2026 7 a.m.)." in page  # in the space's time
    assert not Rsvp.objects.filter(event=event).exists()
    assert "I'm going" not in page


def test_an_event_for_other_plans_is_refused_naming_the_plan_rule(client, world):
    give_membership(world.kari_member, kind=PlanKind.FLEX)
    event = EventFactory(
        space=world.space_a, audience=Audience.PLANS, plan_kinds=[PlanKind.PRIVATE_OFFICE]
    )
    client.force_login(world.kari)
    page = text(client.get(detail_url(event)))
    assert "Only members on certain plans: Private office" in page
    assert "This event is not open to your plan." in page and "I'm going" not in page
    page = text(client.post(rsvp_url(event), {"going": "yes", "back": "list"}, follow=True))
    assert "This event is not open to your plan." in page
    assert not Rsvp.objects.filter(event=event).exists()


def test_the_week_offers_an_event_for_certain_plans_only_to_members_on_them(client, world):
    """The card checks the plan the member has on the event's day, so nobody is offered a
    button that can only refuse them."""
    event = EventFactory(
        space=world.space_a,
        title="Founders' breakfast",
        audience=Audience.PLANS,
        plan_kinds=[PlanKind.PRIVATE_OFFICE],
    )
    everyone = EventFactory(space=world.space_a, title="Friday bar", start=at(WEDNESDAY, 16))
    client.force_login(world.kari)  # no membership yet
    page = text(client.get(list_url()))
    assert "This event is not open to your plan." in card_of(page, event)
    assert "I'm going" not in card_of(page, event)
    assert "I'm going" in card_of(page, everyone)
    # A private office that starts after the event's day does not count; one before it does.
    give_membership(
        world.kari_member, kind=PlanKind.PRIVATE_OFFICE, start_date=WEDNESDAY.replace(day=5)
    )
    assert "I'm going" not in card_of(text(client.get(list_url())), event)
    give_membership(world.kari_member, kind=PlanKind.PRIVATE_OFFICE, start_date=WEDNESDAY)
    page = text(client.get(list_url()))
    assert "I'm going" in card_of(page, event)
    assert "This event is not open to your plan." not in card_of(page, event)


def test_another_space_event_is_404_everywhere(client, world):
    event = EventFactory(space=world.space_a)
    client.force_login(world.sven)
    assert client.get(detail_url(event)).status_code == 404
    assert client.get(detail_url(event, slug="bygda")).status_code == 404
    assert client.post(rsvp_url(event, slug="bygda"), {"going": "yes"}).status_code == 404
    assert not Rsvp.objects.exists()


# --- one event -----------------------------------------------------------------------------------


def test_the_event_page_tells_everything_about_the_event(client, world):
    room = ResourceFactory(space=world.space_a, name="Fjorden", capacity=12)
    event = EventFactory(
        space=world.space_a,
        title="Investor speed-dating",
        description="Five minutes each.\nBring your deck.",
        language="nb",
        kind=EventKind.PROFESSIONAL,
        formats=[EventFormat.SPEED_DATING, EventFormat.PITCH],
        host_kind=HostKind.OUTSIDE,
        host_name="Nordic Angels",
        resource=room,
        online_url="https://meet.example.org/angels",
        capacity=12,
        rsvp_deadline=at(WEDNESDAY, 12),
        audience=Audience.GUESTS,
    )
    RsvpFactory(event=event, member=world.ola_member, guest_name="Anne")
    client.force_login(world.kari)
    page = text(client.get(detail_url(event)))
    assert "<h1" in page and "Investor speed-dating" in page
    assert "Five minutes each.<br>Bring your deck." in page
    assert "Professional" in page and "Speed dating" in page and "Pitch" in page
    assert "Nordic Angels (guest speaker)" in page
    assert "Norsk (bokmål)" in page
    assert "Fjorden" in page and 'href="https://meet.example.org/angels"' in page
    assert "Members, who may bring a guest" in page
    assert "Wednesday 4 March, 12:00" in page  # the RSVP deadline
    assert "10 of 12 seats left" in page
    assert "I'm going" in page and "Are you coming?" in page


def test_a_cancelled_event_says_so_and_takes_no_answers(client, world):
    event = EventFactory(space=world.space_a, status=EventStatus.CANCELLED)
    client.force_login(world.kari)
    page = text(client.get(detail_url(event)))
    assert "This event is cancelled." in page
    assert 'id="rsvp"' not in page
    assert event.title not in text(client.get(list_url()))


def test_my_proposal_shows_its_status_and_the_community_manager_message(client, world):
    declined = EventFactory(
        space=world.space_a,
        status=EventStatus.DECLINED,
        proposed_by=world.kari_member,
        host_kind=HostKind.MEMBER,
        host_member=world.kari_member,
        decision_message="We have a breakfast that week.\nHow about the week after?",
    )
    client.force_login(world.kari)
    page = text(client.get(detail_url(declined)))
    assert "Your proposal" in page and "Declined" in page
    assert "We have a breakfast that week.<br>How about the week after?" in page
    assert "Kari Nordmann" in page  # the host
    client.force_login(world.ola)  # someone else's proposal is not there for others
    assert client.get(detail_url(declined)).status_code == 404


# --- feedback ------------------------------------------------------------------------------------


def test_an_attendee_answers_the_two_questions_with_one_tap_each(client, world, monday_morning):
    event = EventFactory(space=world.space_a)
    RsvpFactory(event=event, member=world.kari_member, checked_in_at=at(WEDNESDAY, 15, 5))
    client.force_login(world.kari)
    assert 'id="feedback"' not in text(client.get(detail_url(event)))  # not before it is over
    monday_morning.move_to(at(WEDNESDAY, 18), tick=False)
    client.force_login(world.kari)  # sessions last 12 hours
    page = text(client.get(detail_url(event)))
    assert "Was it worth your time?" in page and "Did you meet someone new?" in page

    page = text(client.post(feedback_url(event), {"worth_it": "yes"}, follow=True))
    feedback = Feedback.objects.get(event=event, member=world.kari_member)
    assert (feedback.worth_it, feedback.met_someone_new) == (True, None)
    assert "Thank you for telling us." in page

    body = text(
        client.post(feedback_url(event), {"met_someone_new": "no"}, headers={"HX-Request": "true"})
    )
    feedback.refresh_from_db()
    assert (feedback.worth_it, feedback.met_someone_new) == (True, False)
    assert body.lstrip().startswith('<section class="card event-feedback" id="feedback"')
    question = body[body.index('data-question="met_someone_new"') :]
    assert "Your answer: no" in question
    assert 'value="no" aria-pressed="true"' in question


def test_someone_who_was_not_there_cannot_give_feedback(client, world, monday_morning):
    event = EventFactory(space=world.space_a)
    RsvpFactory(event=event, member=world.ola_member)  # going, never checked in
    FeedbackFactory(event=event, member=world.kari_member, worth_it=True)
    monday_morning.move_to(at(WEDNESDAY, 18), tick=False)
    client.force_login(world.ola)
    assert 'id="feedback"' not in text(client.get(detail_url(event)))
    page = text(client.post(feedback_url(event), {"worth_it": "no"}, follow=True))
    assert "Only those who were there can give feedback." in page
    assert not Feedback.objects.filter(member=world.ola_member).exists()


# --- proposing -----------------------------------------------------------------------------------


def test_a_member_proposes_an_event_in_a_room_at_the_space_local_time(client, world):
    world.space_a.time_zone = "Europe/Helsinki"
    world.space_a.save()
    room = ResourceFactory(space=world.space_a, name="Auditoriet", capacity=40)
    ResourceFactory(space=world.space_b, name="Elsewhere")
    url = reverse("events:propose", kwargs={"slug": "smartby"})
    client.force_login(world.kari)
    form = text(client.get(url))
    assert "Auditoriet" in form and "Elsewhere" not in form
    assert 'type="datetime-local"' in form and 'type="checkbox"' in form
    response = client.post(
        url,
        {
            "title": "Heat pumps 101",
            "description": "What we learned.",
            "language": "nb",
            "kind": EventKind.LEARNING,
            "formats": [EventFormat.WORKSHOP, EventFormat.TALK],
            "start": "2026-03-10T17:00",
            "end": "2026-03-10T19:00",
            "room": room.pk,
            "capacity": "30",
            "audience": Audience.GUESTS,
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == detail_url(event)
    assert event.status == EventStatus.PROPOSED
    assert (event.proposed_by, event.host_kind, event.host_member) == (
        world.kari_member,
        HostKind.MEMBER,
        world.kari_member,
    )
    assert event.start == dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)  # 17:00 in Helsinki
    assert event.end - event.start == dt.timedelta(hours=2)
    assert (event.resource, event.room_booking) == (room, None)  # held only once approved
    assert event.formats == [EventFormat.WORKSHOP, EventFormat.TALK]
    assert (event.capacity, event.audience, event.language) == (30, Audience.GUESTS, "nb")
    page = text(client.get(response.url))
    assert "Waiting for the community manager's answer" in page
    assert "Thank you! The community manager will look at your proposal" in page


def test_a_proposal_that_ends_before_it_starts_is_refused_and_nothing_written(client, world):
    client.force_login(world.kari)
    response = client.post(
        reverse("events:propose", kwargs={"slug": "smartby"}),
        {
            "title": "Backwards",
            "language": "en",
            "kind": EventKind.SOCIAL,
            "start": "2026-03-10T17:00",
            "end": "2026-03-10T16:00",
            "location": "The roof",
            "audience": Audience.MEMBERS,
        },
    )
    assert response.status_code == 200
    assert "The end must be after the start." in text(response)
    assert not Event.objects.exists()


# --- the QR code at the door ---------------------------------------------------------------------


def test_the_qr_code_checks_the_signed_in_member_in(client, world, monday_morning):
    event = EventFactory(space=world.space_a)
    RsvpFactory(event=event, member=world.kari_member)
    monday_morning.move_to(at(WEDNESDAY, 14, 50), tick=False)
    client.force_login(world.kari)
    page = text(client.get(check_in_url(event)))
    assert event.title in page and "Check in" in page and "Kari Nordmann" in page
    response = client.post(check_in_url(event))
    assert response.status_code == 302 and response.url == check_in_url(event)
    rsvp = Rsvp.objects.get(event=event, member=world.kari_member)
    assert rsvp.checked_in_at == at(WEDNESDAY, 14, 50)
    page = text(client.get(response.url))
    assert "You're checked in - welcome!" in page and "you checked in at 14:50" in page


def test_someone_without_an_rsvp_checks_in_as_a_walk_in(client, world, monday_morning):
    event = EventFactory(space=world.space_a)
    monday_morning.move_to(at(WEDNESDAY, 15, 30), tick=False)
    client.force_login(world.mette)
    client.post(check_in_url(event))
    rsvp = Rsvp.objects.get(event=event, member=world.mette_member)
    assert rsvp.walk_in and rsvp.checked_in_at is not None


def test_checking_in_too_early_says_when_it_opens(client, world):
    event = EventFactory(space=world.space_a)
    client.force_login(world.kari)
    page = text(client.post(check_in_url(event), follow=True))
    assert "Check-in opens an hour before the start." in page
    assert not Rsvp.objects.exists()


def test_the_qr_code_is_404_for_an_unknown_token_or_another_space(client, world):
    event = EventFactory(space=world.space_a)
    client.force_login(world.kari)
    missing = reverse("event_checkin:check_in", kwargs={"token": "no-such-token"})
    assert client.get(missing).status_code == 404
    client.force_login(world.sven)
    assert client.get(check_in_url(event)).status_code == 404
    assert client.post(check_in_url(event)).status_code == 404
    assert not Rsvp.objects.exists()


def test_the_qr_code_asks_to_sign_in_first(client, world):
    event = EventFactory(space=world.space_a)
    response = client.get(check_in_url(event))
    assert response.status_code == 302 and "login" in response.url
