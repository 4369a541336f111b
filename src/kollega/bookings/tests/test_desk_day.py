"""A flex desk for the whole day in one click: a zone gives its first free desk (its capacity
is its desks), a fixed desk counts only on days its holder released it, one desk a day per
member, closed days refused; the grid's buttons and how many desks each zone has free."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kollega.bookings.models import (
    Booking,
    BookingRule,
    BookingStatus,
    DeskRelease,
    ResourceKind,
)
from kollega.bookings.selectors import flex_zone_free
from kollega.bookings.services import desk_book_day
from kollega.bookings.tests.factories import (
    NOW,
    TUESDAY,
    BookingFactory,
    BookingRuleFactory,
    ClosedDayFactory,
    ResourceFactory,
    ZoneFactory,
    at,
    give_membership,
    open_weekdays,
)
from kollega.memberships.models import PlanKind

pytestmark = pytest.mark.django_db

SATURDAY = dt.date(2026, 3, 7)


@pytest.fixture
def desks(world: Any, time_machine: Any) -> Any:
    """Smartby on Monday 2 March 2026, 08:00, open 08-17 on weekdays; desks may be booked for
    up to 10 hours. Flexsonen has Flex 1 and Flex 2; in Faste plasser, Fast 1 is Mette's
    fixed desk."""
    time_machine.move_to(NOW, tick=False)
    open_weekdays(world.space_a, opens=dt.time(8), closes=dt.time(17), days=range(5))
    BookingRuleFactory(space=world.space_a, kind=ResourceKind.DESK, max_minutes=600)
    world.flex = ZoneFactory(space=world.space_a, name="Flexsonen", is_flex=True)
    world.fixed = ZoneFactory(space=world.space_a, name="Faste plasser", is_flex=False)

    def desk(name: str, zone: Any, **extra: Any) -> Any:
        return ResourceFactory(
            space=world.space_a,
            kind=ResourceKind.DESK,
            name=name,
            zone=zone,
            capacity=1,
            hourly_price=Decimal(0),
            **extra,
        )

    # Made out of order: the zone's desks are tried by name.
    world.flex_2 = desk("Flex 2", world.flex)
    world.flex_1 = desk("Flex 1", world.flex)
    mettes = give_membership(world.mette_member, kind=PlanKind.FIXED_DESK)
    world.fast_1 = desk("Fast 1", world.fixed, fixed_membership=mettes)
    return world


def book_day(member: Any, **kwargs: Any) -> Booking:
    kwargs.setdefault("day", TUESDAY)
    return desk_book_day(member=member, actor=member.user, **kwargs)


def refused(member: Any, **kwargs: Any) -> dict[str, list[str]]:
    before = Booking.objects.count()
    with pytest.raises(ValidationError) as error:
        book_day(member, **kwargs)
    assert Booking.objects.count() == before
    return error.value.message_dict


def taken_on_tuesday(desk: Any, member: Any, start: int = 9, end: int = 10) -> Any:
    return BookingFactory(
        resource=desk, member=member, start=at(TUESDAY, start), end=at(TUESDAY, end)
    )


# --- services -----------------------------------------------------------------------------------


def test_a_zone_books_its_first_free_desk_by_name_from_opening_to_closing(desks):
    first = book_day(desks.kari_member, zone=desks.flex)
    assert (first.resource, first.start, first.end) == (
        desks.flex_1,
        at(TUESDAY, 8),
        at(TUESDAY, 17),
    )
    assert first.status == BookingStatus.CONFIRMED and first.member == desks.kari_member
    second = book_day(desks.ola_member, zone=desks.flex)
    assert second.resource == desks.flex_2


def test_a_desk_booked_for_part_of_the_day_is_not_free_for_the_whole_day(desks):
    taken_on_tuesday(desks.flex_1, desks.ola_member, 15, 16)
    assert book_day(desks.kari_member, zone=desks.flex).resource == desks.flex_2


def test_a_full_zone_is_refused_and_nothing_is_written(desks):
    taken_on_tuesday(desks.flex_1, desks.ola_member)
    taken_on_tuesday(desks.flex_2, desks.mette_member, 13, 14)
    errors = refused(desks.kari_member, zone=desks.flex)
    assert errors == {"zone": ["No desk is free in Flexsonen on March 3, 2026."]}


def test_a_fixed_desk_is_free_for_others_only_on_a_day_its_holder_released(desks):
    errors = refused(desks.kari_member, zone=desks.fixed)
    assert errors == {"zone": ["No desk is free in Faste plasser on March 3, 2026."]}
    DeskRelease.objects.create(resource=desks.fast_1, date=TUESDAY, released_by=desks.mette_member)
    booking = book_day(desks.kari_member, zone=desks.fixed)
    assert booking.resource == desks.fast_1
    # Released on Tuesday only: on Wednesday it is Mette's again.
    errors = refused(desks.ola_member, resource=desks.fast_1, day=TUESDAY + dt.timedelta(days=1))
    assert "fixed desk" in errors["resource"][0]


def test_a_member_gets_one_desk_a_day(desks):
    book_day(desks.kari_member, zone=desks.flex)
    errors = refused(desks.kari_member, resource=desks.flex_2)
    assert errors == {"day": ["You already have a desk on March 3, 2026: Flex 1."]}
    # The next day is another day.
    assert book_day(desks.kari_member, zone=desks.flex, day=TUESDAY + dt.timedelta(days=1))


def test_a_desk_booked_by_the_hour_counts_as_the_days_desk(desks):
    taken_on_tuesday(desks.flex_1, desks.kari_member, 9, 11)
    assert refused(desks.kari_member, zone=desks.flex)["day"][0].endswith("Flex 1.")


def test_a_closed_day_or_weekday_is_refused_on_day(desks):
    ClosedDayFactory(space=desks.space_a, date=TUESDAY, reason="Strike")
    assert refused(desks.kari_member, zone=desks.flex) == {
        "day": ["The space is closed on March 3, 2026."]
    }
    assert refused(desks.kari_member, zone=desks.flex, day=SATURDAY) == {
        "day": ["The space is closed on March 7, 2026."]
    }


def test_a_past_day_is_refused(desks):
    errors = refused(desks.kari_member, zone=desks.flex, day=NOW.date() - dt.timedelta(days=1))
    assert errors == {"day": ["March 1, 2026 has already passed."]}


def test_today_after_opening_the_day_starts_at_the_next_time_step(desks, time_machine):
    time_machine.move_to(at(NOW.date(), 10, 10), tick=False)
    booking = book_day(desks.kari_member, zone=desks.flex, day=NOW.date())
    assert (booking.start, booking.end) == (at(NOW.date(), 10, 30), at(NOW.date(), 17))
    time_machine.move_to(at(NOW.date(), 17, 0), tick=False)
    assert refused(desks.ola_member, zone=desks.flex, day=NOW.date()) == {
        "day": ["The space has closed for today."]
    }


def test_without_a_desk_rule_a_desk_is_booked_for_the_whole_day(desks):
    """The default rule for desks allows a whole day (other kinds default to 4 hours)."""
    BookingRule.objects.filter(kind=ResourceKind.DESK).delete()
    booking = book_day(desks.kari_member, zone=desks.flex)
    assert booking.end - booking.start == dt.timedelta(hours=9)


def test_a_desk_rule_shorter_than_the_day_says_so(desks):
    BookingRule.objects.filter(kind=ResourceKind.DESK).update(max_minutes=240)
    errors = refused(desks.kari_member, zone=desks.flex)
    assert list(errors) == ["day"]
    assert "at most 4:00 hours" in errors["day"][0] and "(9:00 hours)" in errors["day"][0]


def test_a_rule_that_holds_for_every_desk_is_reported_not_the_zone_as_full(desks):
    BookingRule.objects.filter(kind=ResourceKind.DESK).update(
        allowed_plan_kinds=[PlanKind.FIXED_DESK]
    )
    errors = refused(desks.kari_member, zone=desks.flex)
    assert errors == {"resource": ["Your plan does not include booking this kind of resource."]}


def test_exactly_one_of_a_zone_or_a_desk_and_only_desks(desks):
    assert refused(desks.kari_member) == {"zone": ["Choose a zone or a desk."]}
    assert refused(desks.kari_member, zone=desks.flex, resource=desks.flex_1) == {
        "resource": ["Choose a zone or a desk, not both."]
    }
    room = ResourceFactory(space=desks.space_a, name="Fjorden")
    assert refused(desks.kari_member, resource=room) == {
        "resource": ["Only desks can be booked for the whole day."]
    }
    elsewhere = ZoneFactory(space=desks.space_b, name="Skogen")
    assert refused(desks.kari_member, zone=elsewhere) == {
        "zone": ["There is no such zone in this space."]
    }


def test_members_book_only_for_themselves_and_staff_for_anyone(desks):
    with pytest.raises(PermissionDenied):
        desk_book_day(member=desks.kari_member, day=TUESDAY, actor=desks.ola, zone=desks.flex)
    assert not Booking.objects.exists()
    booking = desk_book_day(
        member=desks.kari_member, day=TUESDAY, actor=desks.cecilie, zone=desks.flex
    )
    assert booking.member == desks.kari_member


# --- selector -----------------------------------------------------------------------------------


def free(entries: list[Any]) -> list[tuple[str, int, int]]:
    return [(entry.zone.name, entry.desks, entry.free) for entry in entries]


def test_each_zone_counts_its_desks_free_for_the_whole_day(desks):
    taken_on_tuesday(desks.flex_2, desks.ola_member, 16, 17)
    assert free(flex_zone_free(space=desks.space_a, day=TUESDAY)) == [("Flexsonen", 2, 1)]
    DeskRelease.objects.create(resource=desks.fast_1, date=TUESDAY, released_by=desks.mette_member)
    entries = flex_zone_free(space=desks.space_a, day=TUESDAY)
    assert free(entries) == [("Faste plasser", 1, 1), ("Flexsonen", 2, 1)]
    assert entries[1].free_desks == [desks.flex_1]
    cancelled = taken_on_tuesday(desks.flex_1, desks.kari_member)
    cancelled.status = BookingStatus.CANCELLED
    cancelled.save()
    assert free(flex_zone_free(space=desks.space_a, day=TUESDAY))[1] == ("Flexsonen", 2, 1)


def test_a_closed_day_has_no_zones(desks):
    assert flex_zone_free(space=desks.space_a, day=SATURDAY) == []


def test_counting_free_desks_takes_four_queries_however_many_zones_and_desks(
    desks, django_assert_num_queries
):
    with django_assert_num_queries(4):
        flex_zone_free(space=desks.space_a, day=TUESDAY)
    for number in range(3):
        zone = ZoneFactory(space=desks.space_a, name=f"Sone {number}")
        for seat in range(4):
            desk = ResourceFactory(
                space=desks.space_a, kind=ResourceKind.DESK, name=f"S{number}-{seat}", zone=zone
            )
            taken_on_tuesday(desk, desks.ola_member, 8 + seat, 9 + seat)
    DeskRelease.objects.create(resource=desks.fast_1, date=TUESDAY, released_by=desks.mette_member)
    with django_assert_num_queries(4):
        entries = flex_zone_free(space=desks.space_a, day=TUESDAY)
    assert len(entries) == 5 and sum(entry.desks for entry in entries) == 15


# --- pages --------------------------------------------------------------------------------------


def grid_url() -> str:
    return reverse("bookings:grid", kwargs={"slug": "smartby"})


def desk_day_url() -> str:
    return reverse("bookings:desk_day", kwargs={"slug": "smartby"})


def test_the_desk_grid_offers_each_zone_and_each_free_desk_for_the_whole_day(client, desks):
    taken_on_tuesday(desks.flex_2, desks.ola_member)
    client.force_login(desks.kari)
    page = client.get(grid_url(), {"date": "2026-03-03", "kind": "desk"}).content.decode()
    assert "Book a desk in Flexsonen for the whole day (1 free)" in page
    assert "Faste plasser for the whole day" not in page  # nothing released that day
    assert page.count('name="resource"') == 1  # a whole-day button for Flex 1 only
    assert f'name="resource" value="{desks.flex_1.pk}"' in page
    rooms = client.get(grid_url(), {"date": "2026-03-03", "kind": "room"}).content.decode()
    assert "for the whole day" not in rooms


def test_one_click_books_the_day_and_comes_back_to_the_grid(client, desks):
    client.force_login(desks.kari)
    response = client.post(desk_day_url(), {"date": "2026-03-03", "zone": desks.flex.pk})
    booking = Booking.objects.get()
    assert (booking.member, booking.resource) == (desks.kari_member, desks.flex_1)
    assert response.status_code == 302
    assert response.url == f"{grid_url()}?date=2026-03-03&kind=desk"
    page = client.get(response.url).content.decode()
    assert "Booked: Flex 1, March 3, 2026 from 08:00 to 17:00." in page
    assert "Book a desk in Flexsonen for the whole day (1 free)" in page


def test_with_htmx_the_day_is_rendered_again_with_the_message(client, desks):
    client.force_login(desks.kari)
    response = client.post(
        desk_day_url(),
        {"date": "2026-03-03", "resource": desks.flex_2.pk},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="day"') and "<html" not in body
    assert "Booked: Flex 2, March 3, 2026 from 08:00 to 17:00." in body
    assert "Book a desk in Flexsonen for the whole day (1 free)" in body
    # The message is shown once: not again on the next page.
    assert "Booked: Flex 2" not in client.get(grid_url()).content.decode()


def test_a_refusal_is_a_message_and_nothing_is_written(client, desks):
    taken_on_tuesday(desks.flex_1, desks.ola_member)
    taken_on_tuesday(desks.flex_2, desks.mette_member)
    client.force_login(desks.kari)
    response = client.post(desk_day_url(), {"date": "2026-03-03", "zone": desks.flex.pk})
    page = client.get(response.url).content.decode()
    assert "No desk is free in Flexsonen on March 3, 2026." in page
    assert Booking.objects.count() == 2
    response = client.post(desk_day_url(), {"zone": desks.flex.pk})  # no day
    assert "Choose a day, and a zone or a desk." in client.get(response.url).content.decode()


def test_a_zone_or_desk_of_another_space_is_404_and_outsiders_are_404(client, desks):
    elsewhere = ZoneFactory(space=desks.space_b, name="Skogen")
    client.force_login(desks.kari)
    response = client.post(desk_day_url(), {"date": "2026-03-03", "zone": elsewhere.pk})
    assert response.status_code == 404
    client.force_login(desks.sven)
    response = client.post(desk_day_url(), {"date": "2026-03-03", "zone": desks.flex.pk})
    assert response.status_code == 404
    assert not Booking.objects.exists()
