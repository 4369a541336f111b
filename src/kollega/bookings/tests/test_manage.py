"""The community manager sets up bookings: resources and zones, opening hours and closed days,
booking rules per kind, and prints the check-in sheet. Only the space's staff can; every
bad input gets a message naming what is wrong, and nothing is written."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kollega.bookings.models import (
    BookingRule,
    ClosedDay,
    OpeningHours,
    Resource,
    ResourceKind,
    Zone,
    new_token,
)
from kollega.bookings.services import booking_create
from kollega.bookings.services.setup import (
    booking_rule_save,
    closed_day_add,
    closed_day_remove,
    opening_hours_set,
    resource_create,
    resource_update,
    zone_save,
)
from kollega.bookings.tests.factories import (
    NOW,
    TUESDAY,
    ResourceFactory,
    ZoneFactory,
    at,
    give_membership,
)
from kollega.memberships.models import PlanKind

pytestmark = pytest.mark.django_db

NINE, FIVE = dt.time(9), dt.time(17)


@pytest.fixture
def room(world: Any) -> Any:
    return ResourceFactory(space=world.space_a, name="Fjordrommet")


def url(name: str, slug: str = "smartby", **kwargs: Any) -> str:
    return reverse(f"bookings_manage:{name}", kwargs={"slug": slug, **kwargs})


def rule_kwargs(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "kind": ResourceKind.ROOM,
        "granularity_minutes": 30,
        "min_minutes": 30,
        "max_minutes": 120,
        "horizon_days": 30,
        "cancel_minutes": 60,
        "allowed_plan_kinds": [],
        "fair_use_hours": None,
        "check_in_grace_minutes": 15,
    }
    values.update(changes)
    return values


def messages_of(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


# --- who may ---------------------------------------------------------------------------------


def every_page(world: Any, room: Any) -> list[tuple[str, str]]:
    """Each page with the methods it answers."""
    closed = ClosedDay.objects.create(space=world.space_a, date=TUESDAY)
    zone = ZoneFactory(space=world.space_a)
    return [
        (url("resources"), "get"),
        (url("resource_create"), "get post"),
        (url("resource_edit", resource_id=room.pk), "get post"),
        (url("zone_edit", zone_id=zone.pk), "get post"),
        (url("hours"), "get post"),
        (url("rules"), "get"),
        (url("rule_edit", kind="room"), "get post"),
        (url("usage"), "get"),
        (url("usage_csv"), "get"),
        (url("check_in_sheet"), "get"),
        (url("zone_create"), "post"),
        (url("closed_day_add"), "post"),
        (url("closed_day_remove", closed_day_id=closed.pk), "post"),
    ]


def test_every_page_is_404_for_members_and_other_spaces_staff(client, world, room):
    pages = every_page(world, room)
    for user in (world.kari, world.bjorn):
        client.force_login(user)
        for page, methods in pages:
            for method in methods.split():
                response = getattr(client, method)(page)
                assert response.status_code == 404, (user, method, page)
    assert ClosedDay.objects.count() == 1 and Zone.objects.count() == 1


def test_signed_out_visitors_are_sent_to_sign_in(client, world, room):
    response = client.get(url("resources"))
    assert response.status_code == 302 and "login" in response.url


def test_the_staff_sees_every_page_and_the_nav_links_bookings(client, world, room):
    client.force_login(world.cecilie)
    for page, methods in every_page(world, room):
        if "get" in methods:
            assert client.get(page).status_code == 200, page
    dashboard = client.get(reverse("spaces:dashboard", kwargs={"slug": "smartby"}))
    assert f'href="{url("resources")}"' in dashboard.content.decode()


def test_another_spaces_resource_is_404_for_the_staff(client, world):
    theirs = ResourceFactory(space=world.space_b)
    client.force_login(world.cecilie)
    assert client.get(url("resource_edit", resource_id=theirs.pk)).status_code == 404
    assert client.get(url("rule_edit", kind="spaceship")).status_code == 404


def test_services_refuse_anyone_but_the_staff(world, room):
    for call in (
        lambda: zone_save(space=world.space_a, actor=world.kari, name="Loft", is_flex=True),
        lambda: resource_create(space=world.space_a, actor=world.bjorn, kind="room", name="X"),
        lambda: opening_hours_set(space=world.space_a, actor=world.kari, hours={}),
        lambda: closed_day_add(space=world.space_a, actor=world.kari, date=TUESDAY),
        lambda: booking_rule_save(space=world.space_a, actor=world.kari, **rule_kwargs()),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert not Zone.objects.exists() and Resource.objects.count() == 1


# --- resources and zones ----------------------------------------------------------------------


def test_the_cm_adds_a_room_through_the_page(client, world):
    zone = ZoneFactory(space=world.space_a, name="Loftet")
    client.force_login(world.cecilie)
    response = client.post(
        url("resource_create"),
        {
            "kind": "room",
            "name": "Havet",
            "zone": zone.pk,
            "capacity": 8,
            "hourly_price": "350",
            "equipment": "screen, whiteboard ,",
        },
    )
    assert response.status_code == 302
    room = Resource.objects.get(name="Havet")
    assert (room.space, room.zone, room.capacity, room.hourly_price, room.equipment) == (
        world.space_a,
        zone,
        8,
        Decimal("350.00"),
        ["screen", "whiteboard"],
    )
    assert room.is_active and room.check_in_token


def test_a_duplicate_name_is_shown_on_the_name_field(client, world, room):
    client.force_login(world.cecilie)
    response = client.post(
        url("resource_create"),
        {"kind": "booth", "name": "fjordrommet", "capacity": 1, "hourly_price": "0"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["name"] == ["There is already a resource called fjordrommet."]
    assert Resource.objects.count() == 1


def test_the_cm_deactivates_a_resource(client, world, room):
    client.force_login(world.cecilie)
    response = client.post(
        url("resource_edit", resource_id=room.pk),
        {"kind": "room", "name": "Fjordrommet", "capacity": 6, "hourly_price": "200"},
    )
    assert response.status_code == 302
    room.refresh_from_db()
    assert not room.is_active
    page = client.get(url("resources")).content.decode()
    assert "Not bookable" in page


def test_resource_rules_name_the_field(world, room):
    other_zone = ZoneFactory(space=world.space_b)
    membership = give_membership(world.mette_member)
    cases = [
        ({"kind": "sofa"}, "kind"),
        ({"name": "  "}, "name"),
        ({"zone": other_zone}, "zone"),
        ({"capacity": 0}, "capacity"),
        ({"hourly_price": Decimal("-1")}, "hourly_price"),
        ({"fixed_membership": membership}, "fixed_membership"),  # a room, not a desk
    ]
    for change, field in cases:
        values = {"kind": "room", "name": "Havet", **change}
        with pytest.raises(ValidationError) as caught:
            resource_create(space=world.space_a, actor=world.cecilie, **values)
        assert list(messages_of(caught.value)) == [field], change
    assert Resource.objects.count() == 1


def test_a_fixed_desk_is_assigned_and_renaming_keeps_the_token(world, room):
    membership = give_membership(world.mette_member, kind=PlanKind.FIXED_DESK)
    desk = resource_create(
        space=world.space_a,
        actor=world.cecilie,
        kind="desk",
        name="Desk 4",
        fixed_membership=membership,
    )
    token = desk.check_in_token
    desk = resource_update(
        resource=desk,
        actor=world.cecilie,
        kind="desk",
        name="Desk 4 by the window",
        zone=None,
        capacity=1,
        hourly_price=Decimal(0),
        equipment=[],
        fixed_membership=membership,
        is_active=True,
    )
    desk.refresh_from_db()
    assert (desk.name, desk.fixed_membership, desk.check_in_token) == (
        "Desk 4 by the window",
        membership,
        token,
    )


def test_a_desk_keeps_its_holder_after_the_membership_ended(client, world, time_machine):
    time_machine.move_to(NOW, tick=False)
    membership = give_membership(world.mette_member, kind=PlanKind.FIXED_DESK)
    desk = ResourceFactory(
        space=world.space_a, kind=ResourceKind.DESK, name="Desk 9", fixed_membership=membership
    )
    membership.end_date = dt.date(2026, 2, 28)
    membership.save()
    client.force_login(world.cecilie)
    edit = url("resource_edit", resource_id=desk.pk)
    form = client.get(edit).context["form"]
    assert membership in form.fields["fixed_membership"].queryset
    response = client.post(
        edit,
        {
            "kind": "desk",
            "name": "Desk 9",
            "capacity": 1,
            "hourly_price": "0",
            "fixed_membership": membership.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302


def test_zones_are_added_and_renamed(client, world):
    client.force_login(world.cecilie)
    assert client.post(url("zone_create"), {"name": "Loftet", "is_flex": "on"}).status_code == 302
    zone = Zone.objects.get()
    assert (zone.space, zone.name, zone.is_flex) == (world.space_a, "Loftet", True)
    response = client.post(url("zone_create"), {"name": "loftet"})
    assert response.context["form"].errors["name"] == ["There is already a zone called loftet."]
    client.post(url("zone_edit", zone_id=zone.pk), {"name": "Kjelleren"})
    zone.refresh_from_db()
    assert (zone.name, zone.is_flex) == ("Kjelleren", False)


# --- opening hours and closed days ------------------------------------------------------------


def hours_post(**days: tuple[str, str]) -> dict[str, str]:
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    data = {}
    for name, (opens, closes) in days.items():
        weekday = names.index(name)
        data[f"opens_{weekday}"], data[f"closes_{weekday}"] = opens, closes
    return data


def test_the_cm_sets_every_weekday_at_once(client, world):
    OpeningHours.objects.create(space=world.space_a, weekday=6, opens=NINE, closes=FIVE)
    client.force_login(world.cecilie)
    response = client.post(
        url("hours"),
        hours_post(
            mon=("08:00", "17:00"),
            tue=("08:00", "17:00"),
            wed=("08:00", "20:00"),
            thu=("08:00", "17:00"),
            fri=("08:00", "15:00"),
        ),
    )
    assert response.status_code == 302
    assert list(
        OpeningHours.objects.filter(space=world.space_a).values_list("weekday", "opens", "closes")
    ) == [
        (0, dt.time(8), dt.time(17)),
        (1, dt.time(8), dt.time(17)),
        (2, dt.time(8), dt.time(20)),
        (3, dt.time(8), dt.time(17)),
        (4, dt.time(8), dt.time(15)),
    ]  # Sunday is closed now
    page = client.get(url("hours")).content.decode()
    assert 'name="closes_2" value="20:00"' in page


def test_closing_before_opening_names_the_weekday_and_changes_nothing(client, world):
    OpeningHours.objects.create(space=world.space_a, weekday=0, opens=NINE, closes=FIVE)
    client.force_login(world.cecilie)
    response = client.post(url("hours"), hours_post(mon=("08:00", "17:00"), tue=("17:00", "09:00")))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "closes_1": ["Tuesday: the space must open before it closes."]
    }
    assert list(OpeningHours.objects.values_list("weekday", "opens")) == [(0, NINE)]


def test_half_a_day_is_refused_by_the_form(client, world):
    client.force_login(world.cecilie)
    response = client.post(url("hours"), {"opens_4": "08:00"})
    assert response.context["form"].errors == {
        "closes_4": ["Friday: give both the opening and the closing time, or neither."]
    }
    assert not OpeningHours.objects.exists()


def test_the_service_checks_every_day_and_weekday_numbers(world):
    with pytest.raises(ValidationError) as caught:
        opening_hours_set(
            space=world.space_a,
            actor=world.cecilie,
            hours={0: (FIVE, NINE), 6: (NINE, NINE), 7: (NINE, FIVE)},
        )
    assert messages_of(caught.value) == {
        "hours": ["There is no weekday 7."],
        "closes_0": ["Monday: the space must open before it closes."],
        "closes_6": ["Sunday: the space must open before it closes."],
    }


def test_the_hours_apply_to_bookings(world, room, time_machine):
    time_machine.move_to(NOW, tick=False)
    opening_hours_set(
        space=world.space_a, actor=world.cecilie, hours={1: (dt.time(10), dt.time(12))}
    )
    with pytest.raises(ValidationError) as caught:
        booking_create(
            member=world.kari_member,
            resource=room,
            start=at(TUESDAY, 9),
            end=at(TUESDAY, 10),
            actor=world.kari,
        )
    assert messages_of(caught.value) == {
        "start": ["The space is open from 10:00 to 12:00 that day."]
    }


def test_closed_days_are_added_refused_twice_and_removed(client, world, room, time_machine):
    time_machine.move_to(NOW, tick=False)
    client.force_login(world.cecilie)
    response = client.post(url("closed_day_add"), {"date": "2026-03-03", "reason": "Strike"})
    assert response.status_code == 302
    closed = ClosedDay.objects.get()
    assert (closed.space, closed.date, closed.reason) == (world.space_a, TUESDAY, "Strike")
    assert "Strike" in client.get(url("hours")).content.decode()
    with pytest.raises(ValidationError):  # nobody can book it now
        booking_create(
            member=world.kari_member,
            resource=room,
            start=at(TUESDAY, 9),
            end=at(TUESDAY, 10),
            actor=world.kari,
        )
    again = client.post(url("closed_day_add"), {"date": "2026-03-03"})
    assert again.status_code == 200
    assert list(again.context["closed_form"].errors) == ["date"]
    assert ClosedDay.objects.count() == 1
    client.post(url("closed_day_remove", closed_day_id=closed.pk))
    assert not ClosedDay.objects.exists()


def test_another_spaces_closed_day_cannot_be_removed(client, world):
    theirs = closed_day_add(space=world.space_b, actor=world.bjorn, date=TUESDAY)
    client.force_login(world.cecilie)
    assert client.post(url("closed_day_remove", closed_day_id=theirs.pk)).status_code == 404
    with pytest.raises(PermissionDenied):
        closed_day_remove(closed_day=theirs, actor=world.cecilie)
    assert ClosedDay.objects.count() == 1


# --- booking rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"min_minutes": 120, "max_minutes": 60}, {"max_minutes"}),
        ({"granularity_minutes": 25, "min_minutes": 60, "max_minutes": 100}, {"min_minutes"}),
        ({"granularity_minutes": 25, "min_minutes": 50, "max_minutes": 120}, {"max_minutes"}),
        ({"granularity_minutes": 4}, {"granularity_minutes"}),
        ({"min_minutes": 0}, {"min_minutes"}),
        ({"max_minutes": 1470}, {"max_minutes"}),
        ({"allowed_plan_kinds": ["flex", "vip"]}, {"allowed_plan_kinds"}),
        ({"horizon_days": -1, "fair_use_hours": -2}, {"horizon_days", "fair_use_hours"}),
        ({"kind": "spaceship"}, {"kind"}),
    ],
)
def test_bad_rules_name_the_field_and_nothing_is_saved(world, changes, errors):
    with pytest.raises(ValidationError) as caught:
        booking_rule_save(space=world.space_a, actor=world.cecilie, **rule_kwargs(**changes))
    assert set(messages_of(caught.value)) == errors
    assert not BookingRule.objects.exists()


def test_the_messages_say_what_is_wrong(world):
    with pytest.raises(ValidationError) as caught:
        booking_rule_save(
            space=world.space_a,
            actor=world.cecilie,
            **rule_kwargs(
                granularity_minutes=25, min_minutes=60, max_minutes=50, allowed_plan_kinds=["vip"]
            ),
        )
    assert messages_of(caught.value) == {
        "min_minutes": ["The shortest booking must be a whole number of 25-minute steps."],
        "max_minutes": ["The longest booking cannot be shorter than the shortest (60 minutes)."],
        "allowed_plan_kinds": ["Unknown plan kind: vip."],
    }


def test_the_cm_saves_a_rule_and_bookings_follow_it(client, world, room, time_machine):
    time_machine.move_to(NOW, tick=False)
    give_membership(world.fjordkraft, kind=PlanKind.FLEX)
    client.force_login(world.cecilie)
    response = client.post(
        url("rule_edit", kind="room"),
        {
            "granularity_minutes": 15,
            "min_minutes": 15,
            "max_minutes": 60,
            "horizon_days": 14,
            "cancel_minutes": 120,
            "allowed_plan_kinds": ["flex", "private_office"],
            "fair_use_hours": 4,
            "check_in_grace_minutes": 10,
        },
    )
    assert response.status_code == 302
    rule = BookingRule.objects.get(space=world.space_a, kind="room")
    assert (rule.granularity_minutes, rule.max_minutes, rule.allowed_plan_kinds) == (
        15,
        60,
        ["private_office", "flex"],
    )
    assert (rule.fair_use_hours, rule.check_in_grace_minutes) == (4, 10)
    page = client.get(url("rules")).content.decode()
    row = page.split('id="rule-room"')[1].split("</tr>")[0]
    assert "15\u201360 min" in row and "Private office" in row and "after 10 min" in row
    with pytest.raises(ValidationError) as caught:  # 90 minutes is now too long
        booking_create(
            member=world.kari_member,
            resource=room,
            start=at(TUESDAY, 9),
            end=at(TUESDAY, 10, 30),
            actor=world.kari,
        )
    assert messages_of(caught.value) == {"end": ["The longest booking is 60 minutes."]}
    booking_create(  # a quarter past is a step now
        member=world.kari_member,
        resource=room,
        start=at(TUESDAY, 9, 15),
        end=at(TUESDAY, 10),
        actor=world.kari,
    )


def test_a_bad_rule_on_the_page_shows_next_to_its_field(client, world):
    client.force_login(world.cecilie)
    response = client.post(
        url("rule_edit", kind="desk"),
        {
            "granularity_minutes": 60,
            "min_minutes": 240,
            "max_minutes": 120,
            "horizon_days": 14,
            "cancel_minutes": 0,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "max_minutes": ["The longest booking cannot be shorter than the shortest (240 minutes)."]
    }
    assert not BookingRule.objects.exists()


def test_saving_again_updates_the_one_rule_of_the_kind(world):
    booking_rule_save(space=world.space_a, actor=world.cecilie, **rule_kwargs())
    booking_rule_save(space=world.space_a, actor=world.cecilie, **rule_kwargs(max_minutes=180))
    assert list(BookingRule.objects.values_list("kind", "max_minutes")) == [("room", 180)]


# --- check-in sheet --------------------------------------------------------------------------


def test_the_check_in_sheet_lists_rooms_booths_and_desks_with_their_address(client, world, room):
    desk = ResourceFactory(space=world.space_a, kind=ResourceKind.DESK, name="Desk 1")
    hall = ResourceFactory(space=world.space_a, kind=ResourceKind.EVENT_AREA, name="Hall")
    gone = ResourceFactory(space=world.space_a, name="Old room", is_active=False)
    theirs = ResourceFactory(space=world.space_b, name="Stugan")
    client.force_login(world.cecilie)
    page = client.get(url("check_in_sheet")).content.decode()
    for resource in (room, desk):
        assert f"http://testserver<wbr>/c/{resource.check_in_token}/" in page
    for resource in (hall, gone, theirs):
        assert resource.check_in_token not in page and resource.name not in page


def _qr_codes(page: str) -> dict[int, str]:
    """The sheet's QR code <svg> per resource id."""
    found = re.findall(r'<figure class="qr-code" data-resource="(\d+)">\s*(<svg .*?</svg>)', page)
    return {int(pk): svg for pk, svg in found}


def test_the_check_in_sheet_prints_a_qr_code_of_each_address(client, world, room):
    desk = ResourceFactory(space=world.space_a, kind=ResourceKind.DESK, name="Desk 1")
    ResourceFactory(space=world.space_a, kind=ResourceKind.EVENT_AREA, name="Hall")
    client.force_login(world.cecilie)
    page = client.get(url("check_in_sheet")).content.decode()
    codes = _qr_codes(page)
    assert set(codes) == {room.pk, desk.pk} and page.count("<svg ") == 2
    for resource in (room, desk):
        svg = codes[resource.pk]
        assert svg.startswith('<svg role="img" ')
        assert f"<title>QR code for checking in at {resource.name}</title>" in svg
        assert "<path " in svg and "<script" not in svg
    assert codes[room.pk] != codes[desk.pk]  # different tokens, different codes
    # A new token (e.g. the old label was stolen) gives a new code; the other stays.
    desk.check_in_token = new_token()
    desk.save(update_fields=["check_in_token"])
    again = _qr_codes(client.get(url("check_in_sheet")).content.decode())
    assert again[desk.pk] != codes[desk.pk] and again[room.pk] == codes[room.pk]


def test_a_resource_name_is_escaped_in_its_qr_code_label(client, world):
    ResourceFactory(space=world.space_a, name="<b>Rom & co</b>")
    client.force_login(world.cecilie)
    [svg] = _qr_codes(client.get(url("check_in_sheet")).content.decode()).values()
    assert "<title>QR code for checking in at &lt;b&gt;Rom &amp; co&lt;/b&gt;</title>" in svg
