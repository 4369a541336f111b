"""The month's usage statement per company and member, and its CSV for accounting.

The constructed month (March 2026, Smartby, Oslo time; rooms cost 200 an hour):
- Fjordkraft's company membership includes 2 room hours a month.
  Kari books 1 h (all included); Ola books 2 h (1 h included, 1 h charged: 200.00),
  and did not show up for another booking (released).
- Mette holds her own membership with no room hours: 1.5 h charged (300.00); she is billed
  herself, although she works at Solo Design.
- Not in March: a cancelled booking, one starting 1 April 00:30 Oslo time (still 31 March in
  UTC), and a booking in another space.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from kollega.bookings.models import BookingStatus
from kollega.bookings.services import booking_create
from kollega.bookings.tests.factories import (
    NOW,
    OSLO,
    TUESDAY,
    WEDNESDAY,
    BookingFactory,
    ResourceFactory,
    at,
    give_membership,
)
from kollega.bookings.usage import parse_month, usage_csv_write, usage_statement

pytestmark = pytest.mark.django_db

MARCH = dt.date(2026, 3, 1)


@pytest.fixture
def month(world: Any, time_machine: Any) -> Any:
    time_machine.move_to(NOW, tick=False)
    room = ResourceFactory(space=world.space_a, name="Fjordrommet", hourly_price=Decimal(200))
    give_membership(world.fjordkraft, included_room_hours=2)
    give_membership(world.mette_member, included_room_hours=0)

    def book(member: Any, user: Any, day: dt.date, hour: int, minutes: int) -> Any:
        start = at(day, hour)
        return booking_create(
            member=member,
            resource=room,
            start=start,
            end=start + dt.timedelta(minutes=minutes),
            actor=user,
        )

    kari = book(world.kari_member, world.kari, TUESDAY, 9, 60)
    ola = book(world.ola_member, world.ola, TUESDAY, 10, 120)
    mette = book(world.mette_member, world.mette, WEDNESDAY, 13, 90)
    no_show = book(world.ola_member, world.ola, WEDNESDAY, 9, 60)
    no_show.status = BookingStatus.RELEASED
    no_show.save()
    cancelled = book(world.kari_member, world.kari, WEDNESDAY, 15, 60)
    cancelled.status = BookingStatus.CANCELLED
    cancelled.save()
    BookingFactory(  # April in Oslo, though still March in UTC
        resource=room,
        member=world.kari_member,
        start=dt.datetime(2026, 4, 1, 0, 30, tzinfo=OSLO),
        price=Decimal("999.00"),
    )
    BookingFactory(resource=ResourceFactory(space=world.space_b), member=world.sven_member)
    return {"room": room, "kari": kari, "ola": ola, "mette": mette}


def figures(row: Any) -> tuple[int, int, int, int, Decimal, int]:
    return (
        row.bookings,
        row.minutes,
        row.included_minutes,
        row.chargeable_minutes,
        row.amount,
        row.no_shows,
    )


def test_the_statement_adds_up_per_company_member_and_individual(world, month):
    statement = usage_statement(space=world.space_a, month=MARCH)

    assert [group.company for group in statement.companies] == [world.fjordkraft]
    fjordkraft = statement.companies[0]
    assert figures(fjordkraft) == (2, 180, 120, 60, Decimal("200.00"), 1)
    assert [(row.member, figures(row)) for row in fjordkraft.members] == [
        (world.kari_member, (1, 60, 60, 0, Decimal("0.00"), 0)),
        (world.ola_member, (1, 120, 60, 60, Decimal("200.00"), 1)),
    ]
    assert [(row.member, figures(row)) for row in statement.individuals] == [
        (world.mette_member, (1, 90, 0, 90, Decimal("300.00"), 0)),
    ]
    assert figures(statement.total) == (3, 270, 120, 150, Decimal("500.00"), 1)
    assert (statement.currency, statement.mixed_currencies) == ("NOK", False)
    assert (fjordkraft.hours, fjordkraft.included_hours, fjordkraft.chargeable_hours) == (
        "3:00",
        "2:00",
        "1:00",
    )


def test_a_month_is_the_spaces_calendar_month(world, month):
    april = usage_statement(space=world.space_a, month=dt.date(2026, 4, 1))
    assert figures(april.total) == (1, 60, 0, 0, Decimal("999.00"), 0)
    assert figures(usage_statement(space=world.space_a, month=dt.date(2026, 2, 1)).total) == (
        0,
        0,
        0,
        0,
        Decimal("0.00"),
        0,
    )


def test_without_a_membership_the_members_company_is_billed(world, month):
    BookingFactory(
        resource=month["room"],
        member=world.mette_member,  # works at Solo Design
        membership=None,
        start=at(dt.date(2026, 5, 5), 10),
        price=Decimal("50.00"),
    )
    may = usage_statement(space=world.space_a, month=dt.date(2026, 5, 1))
    assert [g.company for g in may.companies] == [world.solo] and may.individuals == []


def test_a_member_sees_only_their_own_month(world, month):
    mine = usage_statement(space=world.space_a, month=MARCH, member=world.ola_member)
    assert figures(mine.total) == (1, 120, 60, 60, Decimal("200.00"), 1)
    assert [row.member for row in mine.companies[0].members] == [world.ola_member]


def test_mixed_currencies_are_flagged(world, month):
    BookingFactory(
        resource=month["room"],
        member=world.kari_member,
        start=at(dt.date(2026, 3, 20), 10),
        currency="EUR",
    )
    statement = usage_statement(space=world.space_a, month=MARCH)
    assert statement.mixed_currencies and statement.currencies == ["EUR", "NOK"]


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_has_one_row_per_confirmed_booking_in_local_time(world, month):
    out = io.StringIO()
    with translation.override("en"):
        written = usage_csv_write(space=world.space_a, month=MARCH, out=out)
    rows = read_csv(out.getvalue())
    assert written == 3
    assert rows == [
        {
            "Booking": str(month["kari"].pk),
            "Company": "Fjordkraft Data AS",
            "Member": "Kari Nordmann",
            "E-mail": "kari@fjordkraft.no",
            "Resource": "Fjordrommet",
            "Start": "2026-03-03 09:00",
            "End": "2026-03-03 10:00",
            "Minutes": "60",
            "Included minutes": "60",
            "Chargeable minutes": "0",
            "Price": "0.00",
            "Currency": "NOK",
        },
        {
            "Booking": str(month["ola"].pk),
            "Company": "Fjordkraft Data AS",
            "Member": "Ola Hansen",
            "E-mail": "ola@fjordkraft.no",
            "Resource": "Fjordrommet",
            "Start": "2026-03-03 10:00",
            "End": "2026-03-03 12:00",
            "Minutes": "120",
            "Included minutes": "60",
            "Chargeable minutes": "60",
            "Price": "200.00",
            "Currency": "NOK",
        },
        {
            "Booking": str(month["mette"].pk),
            "Company": "",
            "Member": "Mette Jensen",
            "E-mail": "mette@solo.dk",
            "Resource": "Fjordrommet",
            "Start": "2026-03-04 13:00",
            "End": "2026-03-04 14:30",
            "Minutes": "90",
            "Included minutes": "0",
            "Chargeable minutes": "90",
            "Price": "300.00",
            "Currency": "NOK",
        },
    ]


def test_the_csv_cannot_smuggle_a_spreadsheet_formula(world, month):
    world.ola.full_name = '=HYPERLINK("http://evil")'
    world.ola.save()
    out = io.StringIO()
    with translation.override("en"):
        usage_csv_write(space=world.space_a, month=MARCH, out=out)
    assert [row["Member"] for row in read_csv(out.getvalue())][1] == '\'=HYPERLINK("http://evil")'


def test_the_csv_download_is_utf8_with_a_bom_for_the_staff_only(client, world, month):
    world.kari.full_name = "Kari Nordmann Ødegård"
    world.kari.save()
    url = reverse("bookings_manage:usage_csv", kwargs={"slug": "smartby"})
    client.force_login(world.cecilie)
    response = client.get(url, {"month": "2026-03"}, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="smartby-bookings-2026-03.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = read_csv(response.content.decode("utf-8-sig"))
    assert [row["Member"] for row in rows] == [
        "Kari Nordmann Ødegård",
        "Ola Hansen",
        "Mette Jensen",
    ]
    for user in (world.kari, world.bjorn):  # a member, another space's staff
        client.force_login(user)
        assert client.get(url, {"month": "2026-03"}).status_code == 404


def test_the_statement_page_shows_the_figures_and_links_the_csv(
    client, world, month, django_assert_num_queries
):
    client.force_login(world.cecilie)
    url = reverse("bookings_manage:usage", kwargs={"slug": "smartby"})
    # session, user, space, the month's bookings; the site menu's two (base.html)
    with django_assert_num_queries(6):
        page = client.get(url, {"month": "2026-03"}).content.decode()
    assert "usage.csv?month=2026-03" in page
    company = world.fjordkraft.pk
    assert f'id="company-{company}"' in page
    ola_row = page.split(f'id="company-{company}-member-{world.ola_member.pk}"')[1]
    ola_row = ola_row.split("</tr>")[0]
    assert 'data-amount="200.00"' in ola_row and "2:00" in ola_row
    total = page.split('id="usage-total"')[1].split("</tr>")[0]
    assert 'data-amount="500.00"' in total and "4:30" in total
    members = [world.kari_member, world.ola_member, world.mette_member]
    for day in range(10, 19):  # more bookings by more members: no more queries
        BookingFactory(
            resource=month["room"], member=members[day % 3], start=at(dt.date(2026, 3, day), 8)
        )
    with django_assert_num_queries(6):
        client.get(url, {"month": "2026-03"})


def test_the_statement_page_defaults_to_this_month(client, world, month):
    client.force_login(world.cecilie)
    page = client.get(reverse("bookings_manage:usage", kwargs={"slug": "smartby"}), {"month": "x"})
    assert page.status_code == 200 and 'value="2026-03"' in page.content.decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2026-03", MARCH), ("2026-13", None), ("", None), (None, None), ("march", None)],
)
def test_parse_month(value, expected):
    assert parse_month(value) == expected
