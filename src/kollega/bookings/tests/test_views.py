"""Booking pages through HTTP: the day's grid, booking with the price first, my bookings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from kollega.bookings.models import Booking, BookingStatus, Resource, ResourceKind
from kollega.bookings.services import booking_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(world):
    return Resource.objects.create(
        space=world.space_a,
        kind=ResourceKind.ROOM,
        name="Fjorden",
        capacity=8,
        hourly_price=Decimal("400"),
    )


def at(space, day_offset: int, hour: int) -> dt.datetime:
    from django.utils import timezone

    day = timezone.localdate(timezone=space.tzinfo) + dt.timedelta(days=day_offset)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=space.tzinfo)


def test_the_grid_shows_free_and_booked_slots_for_a_day(client, world, room):
    start = at(world.space_a, 1, 10)
    booking_create(
        member=world.ola_member,
        resource=room,
        start=start,
        end=start + dt.timedelta(hours=1),
        actor=world.ola,
    )
    client.force_login(world.kari)
    page = client.get(
        reverse("bookings:grid", kwargs={"slug": "smartby"}), {"date": start.date().isoformat()}
    ).content.decode()
    assert "Fjorden" in page
    assert page.count('class="slot booked"') == 2  # 10:00 and 10:30
    assert page.count('class="slot free"') == 20 - 2  # 08:00-18:00 in 30-minute steps


def test_the_grid_with_htmx_returns_only_the_day(client, world, room):
    client.force_login(world.kari)
    response = client.get(
        reverse("bookings:grid", kwargs={"slug": "smartby"}), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="day"') and "<html" not in body


def test_the_grid_is_404_for_someone_of_another_space(client, world, room):
    client.force_login(world.sven)
    assert client.get(reverse("bookings:grid", kwargs={"slug": "smartby"})).status_code == 404


def test_booking_shows_the_price_first_then_books(client, world, room):
    start = at(world.space_a, 1, 13)
    url = reverse("bookings:book", kwargs={"slug": "smartby"})
    client.force_login(world.mette)
    preview = client.get(url, {"resource": room.pk, "start": start.isoformat(), "minutes": 90})
    assert preview.status_code == 200
    assert 'data-price="600.00"' in preview.content.decode()  # 1.5 h x 400, no plan hours
    assert not Booking.objects.exists()
    response = client.post(
        url, {"resource": room.pk, "start": start.isoformat(), "minutes": 90, "title": "Kunde"}
    )
    booking = Booking.objects.get()
    assert response.status_code == 302 and f"#booking-{booking.pk}" in response.url
    assert (booking.member, booking.start, booking.end, booking.price) == (
        world.mette_member,
        start,
        start + dt.timedelta(minutes=90),
        Decimal("600.00"),
    )


def test_a_taken_time_gets_a_clear_message_and_nothing_is_written(client, world, room):
    start = at(world.space_a, 1, 9)
    booking_create(
        member=world.ola_member,
        resource=room,
        start=start,
        end=start + dt.timedelta(hours=2),
        actor=world.ola,
    )
    client.force_login(world.mette)
    response = client.post(
        reverse("bookings:book", kwargs={"slug": "smartby"}),
        {"resource": room.pk, "start": (start + dt.timedelta(hours=1)).isoformat(), "minutes": 60},
    )
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert Booking.objects.count() == 1


def test_my_bookings_and_cancel(client, world, room):
    start = at(world.space_a, 2, 10)
    booking = booking_create(
        member=world.kari_member,
        resource=room,
        start=start,
        end=start + dt.timedelta(hours=1),
        actor=world.kari,
    )
    client.force_login(world.kari)
    page = client.get(reverse("bookings:mine", kwargs={"slug": "smartby"})).content.decode()
    assert f'id="booking-{booking.pk}"' in page and "Fjorden" in page
    client.force_login(world.ola)  # a colleague cannot cancel it
    url = reverse("bookings:cancel", kwargs={"slug": "smartby", "booking_id": booking.pk})
    assert client.post(url).status_code == 404
    client.force_login(world.kari)
    client.post(url)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_a_slot_from_the_grid_opens_the_form_priced_for_the_usual_length(client, world, room):
    start = at(world.space_a, 1, 14)
    client.force_login(world.mette)
    response = client.get(
        reverse("bookings:book", kwargs={"slug": "smartby"}),
        {"resource": room.pk, "start": start.isoformat()},
        headers={"HX-Request": "true"},
    )
    assert 'data-price="400.00"' in response.content.decode()  # one hour at 400


def test_my_usage_shows_my_own_month_only(client, world, room):
    start = at(world.space_a, 1, 10)
    mine = booking_create(
        member=world.kari_member,
        resource=room,
        start=start,
        end=start + dt.timedelta(hours=1),
        actor=world.kari,
    )
    booking_create(
        member=world.ola_member,
        resource=room,
        start=start + dt.timedelta(hours=2),
        end=start + dt.timedelta(hours=3),
        actor=world.ola,
    )
    client.force_login(world.kari)
    page = client.get(
        reverse("bookings:my_usage", kwargs={"slug": "smartby"}),
        {"month": start.strftime("%Y-%m")},
    ).content.decode()
    assert 'data-usage="bookings">1<' in page
    assert page.count("<tr>") == 1 + 1 and mine.resource.name in page


def test_the_holder_releases_their_fixed_desk_from_my_bookings(client, world):
    from kollega.bookings.models import DeskRelease
    from kollega.core.tests.factories import PlanFactory
    from kollega.memberships.models import Membership

    plan = PlanFactory(space=world.space_a, kind="fixed_desk", name="Fast plass")
    membership = Membership.objects.create(
        space=world.space_a, plan=plan, company=world.fjordkraft, start_date=dt.date(2026, 1, 1)
    )
    desk = Resource.objects.create(
        space=world.space_a, kind=ResourceKind.DESK, name="Pult 3", fixed_membership=membership
    )
    day = at(world.space_a, 3, 9).date()
    url = reverse("bookings:desk_release", kwargs={"slug": "smartby", "resource_id": desk.pk})
    client.force_login(world.ola)  # a colleague at the company holding the desk
    assert (
        "Pult 3"
        in client.get(reverse("bookings:mine", kwargs={"slug": "smartby"})).content.decode()
    )
    client.post(url, {"date": day.isoformat()})
    assert DeskRelease.objects.filter(resource=desk, date=day).exists()
    client.post(url, {"date": day.isoformat(), "withdraw": "on"})
    assert not DeskRelease.objects.exists()
    client.force_login(world.mette)  # not hers: refused, nothing written
    client.post(url, {"date": day.isoformat()})
    assert not DeskRelease.objects.exists()
    page = client.get(reverse("bookings:mine", kwargs={"slug": "smartby"})).content.decode()
    assert f'data-desk="{desk.pk}"' not in page
