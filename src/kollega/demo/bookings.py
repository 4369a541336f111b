"""Rooms, desks and bookings in the demo: what the spaces have, when they are open, the
CM's booking rules, and a few weeks of bookings before and after today.

Smartby Hub has a flex zone and a zone of fixed desks (one for each fixed-desk membership),
eight meeting rooms, three phone booths and "Torget", the event area; Fjellgarden two rooms
and a booth. Both close on Norwegian public holidays.

Every booking is made through `booking_create` (so opening hours, rules, fair use, overlaps
and the included room hours hold exactly as in production) with `now=` the moment it was
made: a while before it starts, so that past bookings pass "not in the past". Some are
cancelled through `booking_cancel`, at a moment before the deadline. Then `created_at` is
backdated with a bulk update, and bookings that have started are checked in (so that no
release task turns the demo's past into no-shows).

Mid-week is busier than Monday and Friday, and most meetings fall between 9 and 16. The
demo member has two room bookings coming up and one behind her; tomorrow keeps free time
in most rooms, so that a browser test (or a visitor) can book one. Deterministic from the
seed and `today` (only the times near the moment of building, such as when a booking made
"just now" was made, follow the clock). Only the hand-written spaces get any of this.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils import timezone

from kollega.bookings.models import (
    Booking,
    BookingRule,
    BookingStatus,
    ClosedDay,
    DeskRelease,
    OpeningHours,
    Resource,
    ResourceKind,
    Zone,
)
from kollega.bookings.services import booking_cancel, booking_create, desk_release
from kollega.demo import content
from kollega.members.models import Member, MemberStatus
from kollega.memberships.models import Membership, PlanKind
from kollega.spaces.models import Space

PAST_DAYS = 21  # three weeks of history (usage this month, and often last month's)
FUTURE_DAYS = 14  # the next two weeks are booked, thinning out towards the end

ROOM, BOOTH, DESK, EVENT_AREA = (
    ResourceKind.ROOM,
    ResourceKind.BOOTH,
    ResourceKind.DESK,
    ResourceKind.EVENT_AREA,
)

# --- what the spaces have ----------------------------------------------------------------


@dataclass(frozen=True)
class ResourceSpec:
    name: str
    kind: str
    capacity: int = 1
    price: int = 0  # per hour, in the space's currency
    equipment: tuple[str, ...] = ()
    zone: str = ""


@dataclass(frozen=True)
class SpaceResources:
    hours: Mapping[int, tuple[dt.time, dt.time]]  # weekday (0 = Monday) -> opens, closes
    zones: tuple[tuple[str, bool], ...]  # name, is_flex
    resources: tuple[ResourceSpec, ...]
    rules: Mapping[str, Mapping[str, object]]
    busy: float  # room bookings per room on a Tuesday
    booth_busy: float
    fixed_zone: str = ""  # its desks go to the fixed-desk memberships


_SCREEN = "Skjerm 65″"
_VIDEO = "Videokonferanse"
_WHITEBOARD = "Tavle"

_WEEKDAYS_7_20 = {day: (dt.time(7), dt.time(20)) for day in range(5)}

RULES: dict[str, dict[str, object]] = {
    ROOM: {
        "granularity_minutes": 30,
        "min_minutes": 30,
        "max_minutes": 480,
        "horizon_days": 60,
        "cancel_minutes": 120,
        "allowed_plan_kinds": [],
        "fair_use_hours": 20,
        "check_in_grace_minutes": 15,
    },
    BOOTH: {
        "granularity_minutes": 15,
        "min_minutes": 15,
        "max_minutes": 60,
        "horizon_days": 14,
        "cancel_minutes": 0,
        "allowed_plan_kinds": [],
        "fair_use_hours": None,
        "check_in_grace_minutes": None,
    },
    DESK: {  # a flex desk for the day (or part of it), for those whose plan has a desk
        "granularity_minutes": 30,
        "min_minutes": 60,
        "max_minutes": 780,
        "horizon_days": 14,
        "cancel_minutes": 0,
        "allowed_plan_kinds": [PlanKind.FLEX, PlanKind.FIXED_DESK],
        "fair_use_hours": None,
        "check_in_grace_minutes": None,
    },
    EVENT_AREA: {
        "granularity_minutes": 60,
        "min_minutes": 60,
        "max_minutes": 720,
        "horizon_days": 180,
        "cancel_minutes": 2880,
        "allowed_plan_kinds": [],
        "fair_use_hours": None,
        "check_in_grace_minutes": None,
    },
}

FLEX_ZONE, FIXED_ZONE = "Flexsonen", "Faste plasser"

SPACE_RESOURCES: dict[str, SpaceResources] = {
    content.SMARTBY: SpaceResources(
        hours={**_WEEKDAYS_7_20, 5: (dt.time(10), dt.time(16))},
        zones=((FLEX_ZONE, True), (FIXED_ZONE, False)),
        fixed_zone=FIXED_ZONE,
        resources=(
            ResourceSpec("Kanalen", ROOM, 12, 650, (_SCREEN, _VIDEO, _WHITEBOARD)),
            ResourceSpec("Akerselva", ROOM, 8, 450, (_SCREEN, _VIDEO, _WHITEBOARD)),
            ResourceSpec("Bryggen", ROOM, 6, 350, (_SCREEN, _WHITEBOARD)),
            ResourceSpec("Tårnet", ROOM, 6, 400, (_SCREEN, _VIDEO)),
            ResourceSpec("Sagene", ROOM, 4, 200, (_SCREEN,)),
            ResourceSpec("Vippa", ROOM, 4, 250, (_SCREEN, _VIDEO)),
            ResourceSpec("Fyrlykta", ROOM, 10, 550, (_SCREEN, _VIDEO, _WHITEBOARD, "Høyttaler")),
            ResourceSpec(
                "Verkstedet",
                ROOM,
                16,
                900,
                ("Projektor", _WHITEBOARD, "Tavlevegger", "Flippover", _VIDEO),
            ),
            *(ResourceSpec(f"Telefonboks {name}", BOOTH) for name in ("Nord", "Sør", "Øst")),
            ResourceSpec(
                "Torget",
                EVENT_AREA,
                60,
                1500,
                ("Scene", "Lydanlegg", "Projektor", "Mikrofoner", "Kjøkken"),
            ),
            *(
                ResourceSpec(
                    f"Flex {number}", DESK, equipment=("Skjerm", "Dokking"), zone=FLEX_ZONE
                )
                for number in range(1, 17)
            ),
            *(
                ResourceSpec(
                    f"Fast plass {number}",
                    DESK,
                    equipment=("Skjerm", "Skuff", "Hev-senk"),
                    zone=FIXED_ZONE,
                )
                for number in range(1, 9)
            ),
        ),
        rules=RULES,
        busy=3.0,
        booth_busy=1.5,
    ),
    content.FJELLGARDEN: SpaceResources(
        hours={day: (dt.time(7, 30), dt.time(17)) for day in range(5)},
        zones=(),
        resources=(
            ResourceSpec("Stabburet", ROOM, 6, 250, (_SCREEN, _VIDEO)),
            ResourceSpec("Låven", ROOM, 14, 450, ("Projektor", _WHITEBOARD, "Peis")),
            ResourceSpec("Bua", BOOTH),
        ),
        rules={ROOM: RULES[ROOM], BOOTH: RULES[BOOTH]},
        busy=1.0,
        booth_busy=1.0,
    ),
}

# Busier mid-week; Saturday is quiet.
WEEKDAY_LOAD = {0: 0.75, 1: 1.0, 2: 1.15, 3: 1.05, 4: 0.55, 5: 0.25, 6: 0.0}
# When meetings start (hour: weight): mostly between 9 and 15.
START_HOURS = {7: 1, 8: 3, 9: 9, 10: 9, 11: 6, 12: 4, 13: 8, 14: 7, 15: 4, 16: 2, 17: 1, 18: 1}
ROOM_MINUTES = (30, 60, 60, 60, 60, 90, 90, 120, 120, 180, 240)
BOOTH_MINUTES = (15, 30, 30, 30, 45, 60)
# Tomorrow keeps this free in every room but the first two (the busiest-looking).
TOMORROW_FREE = (dt.time(13), dt.time(15))
CANCELLED_SHARE = 0.08

ROOM_TITLES = (
    "Kundemøte",
    "Styremøte",
    "Sprintplanlegging",
    "Intervju",
    "Workshop",
    "Ukemøte",
    "Lunsjpresentasjon",
    "Investormøte",
    "Prosjektmøte med kommunen",
    "Kick-off",
    "1:1",
    "Team meeting",
    "Retro",
    "",
    "",
    "",
)
EVENT_TITLES = (
    "Frokostseminar",
    "Lansering",
    "Allmøte",
    "Kundeseminar",
    "Meetup: åpne data",
    "Kurs: søknad til Innovasjon Norge",
)

# The demo member's own bookings: (days from today, earliest; room; start; minutes; title).
MEMBER_BOOKINGS = (
    (-6, "Kanalen", dt.time(10), 90, "Investormøte"),
    (2, "Bryggen", dt.time(9), 60, "Pilotmøte med butikkene"),
    (7, "Verkstedet", dt.time(13), 120, "Workshop: ruteplanlegging"),
)


# --- the year's closed days ----------------------------------------------------------------


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


def norwegian_holidays(year: int) -> dict[dt.date, str]:
    """Norway's public holidays, and the two eves offices close on."""
    easter = easter_sunday(year)
    days = {
        dt.date(year, 1, 1): "1. nyttårsdag",
        easter - dt.timedelta(days=3): "Skjærtorsdag",
        easter - dt.timedelta(days=2): "Langfredag",
        easter + dt.timedelta(days=1): "2. påskedag",
        dt.date(year, 5, 1): "Offentlig høytidsdag",
        easter + dt.timedelta(days=39): "Kristi himmelfartsdag",
        easter + dt.timedelta(days=50): "2. pinsedag",
        dt.date(year, 12, 24): "Julaften",
        dt.date(year, 12, 25): "1. juledag",
        dt.date(year, 12, 26): "2. juledag",
        dt.date(year, 12, 31): "Nyttårsaften",
    }
    days.setdefault(dt.date(year, 5, 17), "Grunnlovsdag")  # may fall on Ascension Day
    return days


def closed_days(today: dt.date, *, maintenance: bool = False) -> dict[dt.date, str]:
    """The holidays a CM enters for the year ahead (and those of the weeks behind). With
    `maintenance`, when no holiday falls in the next two weeks, the space closes a Friday
    for maintenance, so that the booking grid has a closed day to show."""
    first, last = today - dt.timedelta(days=PAST_DAYS), today + dt.timedelta(days=365)
    days = {
        day: reason
        for year in range(first.year, last.year + 1)
        for day, reason in norwegian_holidays(year).items()
        if first <= day <= last
    }
    soon = today + dt.timedelta(days=FUTURE_DAYS)
    if maintenance and not any(today < day <= soon for day in days):
        after = today + dt.timedelta(days=8)
        friday = after + dt.timedelta(days=(4 - after.weekday()) % 7)
        days[friday] = "Stengt: service på ventilasjonsanlegget"
    return dict(sorted(days.items()))


# --- the result ------------------------------------------------------------------------------


@dataclass
class BookingsDemoResult:
    resources: Counter[str] = field(default_factory=Counter)
    bookings: int = 0
    cancelled: int = 0
    included_minutes: int = 0
    chargeable_minutes: int = 0

    def summary(self) -> str:
        kinds = ", ".join(
            f"{self.resources[kind]} {label}"
            for kind, label in ((ROOM, "rooms"), (BOOTH, "phone booths"), (DESK, "desks"))
        )
        return (
            f"  bookings: {kinds}; {self.bookings} bookings ({self.cancelled} cancelled), "
            f"{self.included_minutes // 60} h of included room hours used, "
            f"{self.chargeable_minutes // 60} h chargeable"
        )


def demo_bookings_wipe(*, spaces: QuerySet[Space]) -> None:
    """Bookings hold their members and resources: they go first."""
    Booking.objects.filter(space__in=spaces).delete()
    Resource.objects.filter(space__in=spaces).delete()


def demo_bookings_build(
    *, spaces: Mapping[str, Space], seed: int, today: dt.date
) -> BookingsDemoResult:
    """Resources, rules and bookings for the hand-written demo spaces (call inside
    demo_build's transaction, after the members' past has been backdated)."""
    rng = random.Random(f"bookings-{seed}")
    result = BookingsDemoResult()
    now = timezone.now()
    made: list[Booking] = []
    for slug, space in spaces.items():
        spec = SPACE_RESOURCES[slug]
        closed = closed_days(today, maintenance=slug == content.SMARTBY)
        resources = _space_create(space=space, spec=spec, closed=closed, today=today)
        result.resources.update(resource.kind for resource in resources)
        book = _Bookings(space=space, spec=spec, rng=rng, today=today, now=now, closed=closed)
        book.load(resources)
        if slug == content.SMARTBY:
            book.member_bookings()
            book.desk_released()
        book.build()
        made.extend(book.made)
        result.cancelled += book.cancelled
    _settle(made, now=now)
    result.bookings = len(made)
    usage = Booking.objects.filter(
        space__in=spaces.values(), status=BookingStatus.CONFIRMED, resource__kind=ROOM
    ).aggregate(included=Sum("included_minutes"), chargeable=Sum("chargeable_minutes"))
    result.included_minutes = usage["included"] or 0
    result.chargeable_minutes = usage["chargeable"] or 0
    return result


def _space_create(
    *, space: Space, spec: SpaceResources, closed: Mapping[dt.date, str], today: dt.date
) -> list[Resource]:
    OpeningHours.objects.bulk_create(
        OpeningHours(space=space, weekday=weekday, opens=opens, closes=closes)
        for weekday, (opens, closes) in sorted(spec.hours.items())
    )
    ClosedDay.objects.bulk_create(
        ClosedDay(space=space, date=day, reason=reason)
        for day, reason in closed.items()
        if day.weekday() in spec.hours
    )
    BookingRule.objects.bulk_create(
        BookingRule(space=space, kind=kind, **values) for kind, values in spec.rules.items()
    )
    zones = {
        name: Zone.objects.create(space=space, name=name, is_flex=is_flex)
        for name, is_flex in spec.zones
    }
    resources = Resource.objects.bulk_create(
        Resource(
            space=space,
            zone=zones.get(item.zone),
            kind=item.kind,
            name=item.name,
            capacity=item.capacity,
            hourly_price=Decimal(item.price),
            equipment=list(item.equipment),
        )
        for item in spec.resources
    )
    if spec.fixed_zone:
        _fixed_desks_assign(
            space=space,
            desks=[r for r in resources if r.zone is zones[spec.fixed_zone]],
            today=today,
        )
    return list(Resource.objects.filter(space=space).select_related("space").order_by("pk"))


def _fixed_desks_assign(*, space: Space, desks: Sequence[Resource], today: dt.date) -> None:
    """One desk for each running fixed-desk membership, smallest first (a freelancer's
    single seat before a firm's 25); a second round if desks are left."""
    memberships = list(
        Membership.objects.filter(
            space=space, plan__kind=PlanKind.FIXED_DESK, start_date__lte=today
        )
        .exclude(end_date__lt=today)
        .order_by("seats", "pk")
    )
    holders: list[Membership] = []
    for round_ in range(max((m.seats for m in memberships), default=0)):
        holders.extend(m for m in memberships if m.seats > round_)
    for desk, membership in zip(desks, holders, strict=False):
        desk.fixed_membership = membership
    Resource.objects.bulk_update(desks, ["fixed_membership"])


# --- the bookings ----------------------------------------------------------------------------


@dataclass
class _Booker:
    member: Member
    joined: dt.date
    present: frozenset[int]  # weekdays they are usually in
    own: list[Membership]
    company: list[Membership]

    def membership_on(self, day: dt.date) -> Membership | None:
        """What booking_create's membership_for finds: their own, else their company's."""
        for held in (self.own, self.company):
            running = [
                m for m in held if m.start_date <= day and (m.end_date is None or m.end_date >= day)
            ]
            if running:
                return min(running, key=lambda m: (-m.plan.included_room_hours, m.pk))
        return None


_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass
class _Bookings:
    space: Space
    spec: SpaceResources
    rng: random.Random
    today: dt.date
    now: dt.datetime
    closed: Mapping[dt.date, str]
    cancelled: int = 0
    made: list[Booking] = field(default_factory=list)
    bookers: list[_Booker] = field(default_factory=list)
    resources: dict[str, list[Resource]] = field(default_factory=dict)
    taken: dict[tuple[int, dt.date], list[tuple[dt.datetime, dt.datetime]]] = field(
        default_factory=dict
    )
    ahead: dict[int, list[Booking]] = field(default_factory=dict)  # confirmed, fair-use kinds
    reserved: set[int] = field(default_factory=set)  # members nobody books for at random
    desk_days: set[tuple[int, dt.date]] = field(default_factory=set)  # (member, day) at a desk
    _who: dict[tuple[dt.date, tuple[str, ...]], list[_Booker]] = field(default_factory=dict)

    def load(self, resources: Iterable[Resource]) -> None:
        for resource in resources:
            if resource.kind != DESK or resource.fixed_membership_id is None:
                self.resources.setdefault(resource.kind, []).append(resource)
        memberships = Membership.objects.filter(space=self.space).select_related("plan")
        own: dict[int, list[Membership]] = {}
        companies: dict[int, list[Membership]] = {}
        for membership in memberships.order_by("pk"):
            if membership.member_id is not None:
                own.setdefault(membership.member_id, []).append(membership)
            elif membership.company_id is not None:
                companies.setdefault(membership.company_id, []).append(membership)
        tz = self.space.tzinfo
        for member in (
            Member.objects.filter(space=self.space, status=MemberStatus.ACTIVE)
            .select_related("user__profile", "space")
            .order_by("pk")
        ):
            days = member.user.profile.presence_days or []
            self.bookers.append(
                _Booker(
                    member=member,
                    joined=timezone.localdate(member.joined_at, tz),
                    present=frozenset(_DAY_NAMES.index(d) for d in days if d in _DAY_NAMES),
                    own=own.get(member.pk, []),
                    company=companies.get(member.company_id or 0, []),
                )
            )

    # --- time ---------------------------------------------------------------------------

    def hours(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        if day in self.closed or day.weekday() not in self.spec.hours:
            return None
        opens, closes = self.spec.hours[day.weekday()]
        tz = self.space.tzinfo
        return dt.datetime.combine(day, opens, tzinfo=tz), dt.datetime.combine(
            day, closes, tzinfo=tz
        )

    def at(self, day: dt.date, time: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, time, tzinfo=self.space.tzinfo)

    def free(self, resource: Resource, start: dt.datetime, end: dt.datetime) -> bool:
        day = timezone.localdate(start, self.space.tzinfo)
        return all(
            end <= b_start or start >= b_end
            for b_start, b_end in self.taken.get((resource.pk, day), [])
        )

    def made_at(self, start: dt.datetime, lead_minutes: int, booker: _Booker) -> dt.datetime:
        """When it was booked: `lead_minutes` before it starts, after joining, not later
        than a few minutes ago."""
        made = start - dt.timedelta(minutes=lead_minutes)
        joined = self.at(booker.joined, dt.time(9))
        if made < joined < start:
            made = joined
        return min(made, self.now - dt.timedelta(minutes=5 + lead_minutes % 240))

    # --- booking --------------------------------------------------------------------------

    def book(
        self,
        *,
        booker: _Booker,
        resource: Resource,
        start: dt.datetime,
        minutes: int,
        lead_minutes: int,
        title: str = "",
        may_cancel: bool = True,
    ) -> Booking | None:
        end = start + dt.timedelta(minutes=minutes)
        made = self.made_at(start, lead_minutes, booker)
        if made >= start or not self.free(resource, start, end):
            return None
        rule = self.spec.rules[resource.kind]
        fair_use = rule["fair_use_hours"]
        ahead = self.ahead.setdefault(booker.member.pk, [])
        if isinstance(fair_use, int):
            booked = sum(
                _minutes(b) for b in ahead if b.resource.kind == resource.kind and b.end > made
            )
            if booked + minutes > fair_use * 60:
                return None
        booking = booking_create(
            member=booker.member,
            resource=resource,
            start=start,
            end=end,
            actor=booker.member.user,
            title=title,
            now=made,
        )
        booking.created_at = made
        self.made.append(booking)
        if may_cancel and self.rng.random() < CANCELLED_SHARE and self._cancel(booking, rule):
            return booking
        self.taken.setdefault((resource.pk, start.astimezone(self.space.tzinfo).date()), []).append(
            (start, end)
        )
        ahead.append(booking)
        return booking

    def _cancel(self, booking: Booking, rule: Mapping[str, object]) -> bool:
        """Cancelled some time between booking and the deadline (and before now)."""
        deadline = booking.start - dt.timedelta(minutes=int(str(rule["cancel_minutes"])))
        latest = min(deadline, self.now)
        if latest - booking.created_at < dt.timedelta(minutes=10):
            return False
        when = booking.created_at + (latest - booking.created_at) * self.rng.uniform(0.1, 0.9)
        assert booking.member is not None  # the demo's bookings are all members'
        booking_cancel(booking=booking, actor=booking.member.user, now=when)
        booking.status = BookingStatus.CANCELLED
        self.cancelled += 1
        return True

    def who(self, day: dt.date, *, plan_kinds: Sequence[str] = ()) -> list[_Booker]:
        """Members who could book on `day` (joined, with a running membership), those who
        are usually in on that weekday first."""
        key = (day, tuple(plan_kinds))
        if key in self._who:
            return self._who[key]
        able = [
            b
            for b in self.bookers
            if b.member.pk not in self.reserved
            and b.joined < day
            and (m := b.membership_on(day)) is not None
            and (not plan_kinds or m.plan.kind in plan_kinds)
        ]
        present = [b for b in able if day.weekday() in b.present]
        self._who[key] = present or able
        return self._who[key]

    def member_bookings(self) -> None:
        """The demo member's: one behind her, two ahead (booked first: they are hers)."""
        ingrid = next(
            b for b in self.bookers if b.member.user.full_name == content.DEMO_MEMBER_NAME
        )
        self.reserved.add(ingrid.member.pk)
        rooms = {r.name: r for r in self.resources[ROOM]}
        for offset, room, time, minutes, title in MEMBER_BOOKINGS:
            day = self.today + dt.timedelta(days=offset)
            while self.hours(day) is None or day.weekday() >= 5:
                day += dt.timedelta(days=1)
            booked = self.book(
                booker=ingrid,
                resource=rooms[room],
                start=self.at(day, time),
                minutes=minutes,
                lead_minutes=3 * 24 * 60 + 125,
                title=title,
                may_cancel=False,
            )
            if booked is None:
                raise RuntimeError(f"The demo member's booking of {room} did not fit.")

    def desk_released(self) -> None:
        """Someone with a fixed desk of their own is away two days next week and released it;
        a flex member took it the first day."""
        desks = Resource.objects.filter(
            space=self.space, kind=DESK, fixed_membership__isnull=False
        ).select_related("space", "fixed_membership")
        for desk in desks.order_by("pk"):
            held = desk.fixed_membership
            assert held is not None
            holders = [
                b
                for b in self.bookers
                if (held.member_id == b.member.pk)
                or (held.company_id is not None and held.company_id == b.member.company_id)
            ]
            if len(holders) == 1:
                break
        else:
            return
        day = self.today + dt.timedelta(days=3)
        days: list[dt.date] = []
        while len(days) < 2:
            if self.hours(day) is not None and day.weekday() < 5:
                days.append(day)
            day += dt.timedelta(days=1)
        for away in days:
            release = desk_release(
                resource=desk, member=holders[0].member, actor=holders[0].member.user, date=away
            )
            DeskRelease.objects.filter(pk=release.pk).update(
                created_at=self.now - dt.timedelta(days=2, hours=3)
            )
        flex = self.who(days[0], plan_kinds=[PlanKind.FLEX])
        if flex:
            booker = self.rng.choice(flex)
            self.desk_days.add((booker.member.pk, days[0]))
            self.book(
                booker=booker,
                resource=desk,
                start=self.at(days[0], dt.time(8, 30)),
                minutes=480,
                lead_minutes=1440,
                may_cancel=False,
            )

    def build(self) -> None:
        first = self.today - dt.timedelta(days=PAST_DAYS)
        for offset in range(PAST_DAYS + FUTURE_DAYS + 1):
            day = first + dt.timedelta(days=offset)
            if self.hours(day) is None:
                continue
            # The far end of the next two weeks is still filling up; of the weeks behind, the
            # last one is shown in full, the ones before only count in the usage statements.
            ahead = (day - self.today).days
            filling = 1.0 - 0.6 * max(0, ahead) / FUTURE_DAYS if ahead > -7 else 0.6
            load = WEEKDAY_LOAD[day.weekday()] * filling
            self.desks(day)
            for index, room in enumerate(self.resources.get(ROOM, [])):
                keep_free = day == self.today + dt.timedelta(days=1) and index >= 2
                self.meetings(
                    day, room, count=self.count(self.spec.busy * load), keep_free=keep_free
                )
            for booth in self.resources.get(BOOTH, []):
                self.calls(day, booth, count=self.count(self.spec.booth_busy * load))
            for area in self.resources.get(EVENT_AREA, []):
                if day.weekday() in (1, 3) and self.rng.random() < 0.3:
                    self.event(day, area)

    def count(self, mean: float) -> int:
        return int(mean + self.rng.random())

    def meetings(self, day: dt.date, room: Resource, *, count: int, keep_free: bool) -> None:
        hours = self.hours(day)
        assert hours is not None
        opens, closes = hours
        placed = 0
        for _attempt in range(count * 3):
            if placed >= count:
                break
            hour = self.rng.choices(list(START_HOURS), weights=list(START_HOURS.values()))[0]
            start = self.at(day, dt.time(hour, self.rng.choice((0, 0, 30))))
            minutes = self.rng.choice(ROOM_MINUTES)
            end = start + dt.timedelta(minutes=minutes)
            if start < opens or end > closes:
                continue
            if keep_free and not (
                end <= self.at(day, TOMORROW_FREE[0]) or start >= self.at(day, TOMORROW_FREE[1])
            ):
                continue
            candidates = self.who(day)
            if not candidates:
                return
            for booker in self.rng.sample(candidates, min(3, len(candidates))):
                lead = self.rng.choice(
                    (
                        self.rng.randrange(30, 300),
                        self.rng.randrange(1, 4) * 1440 + self.rng.randrange(600),
                        self.rng.randrange(4, 15) * 1440 + self.rng.randrange(600),
                    )
                )
                title = self.rng.choice(ROOM_TITLES)
                if self.book(
                    booker=booker,
                    resource=room,
                    start=start,
                    minutes=minutes,
                    lead_minutes=lead,
                    title=title,
                ):
                    placed += 1
                    break

    def calls(self, day: dt.date, booth: Resource, *, count: int) -> None:
        hours = self.hours(day)
        assert hours is not None
        opens, closes = hours
        candidates = self.who(day)
        for _call in range(count):
            hour = self.rng.choices(list(START_HOURS), weights=list(START_HOURS.values()))[0]
            start = self.at(day, dt.time(hour, self.rng.choice((0, 15, 30, 45))))
            minutes = self.rng.choice(BOOTH_MINUTES)
            if not candidates or start < opens or start + dt.timedelta(minutes=minutes) > closes:
                continue
            self.book(
                booker=self.rng.choice(candidates),
                resource=booth,
                start=start,
                minutes=minutes,
                lead_minutes=self.rng.randrange(15, 2 * 1440),
            )

    def desks(self, day: dt.date) -> None:
        """Flex members take a desk on the days they are usually in (most of them)."""
        desks = self.resources.get(DESK, [])
        if not desks or day.weekday() >= 5:
            return
        for booker in self.who(day, plan_kinds=[PlanKind.FLEX]):
            usually = day.weekday() in booker.present
            if (booker.member.pk, day) in self.desk_days:
                continue
            if self.rng.random() > (0.5 if usually else 0.05):
                continue
            start = self.at(day, dt.time(8 + self.rng.randrange(2), self.rng.choice((0, 30))))
            minutes = self.rng.choice((390, 420, 450, 480, 510))
            end = start + dt.timedelta(minutes=minutes)
            free = [d for d in desks if self.free(d, start, end)]
            if free:
                self.book(
                    booker=booker,
                    resource=self.rng.choice(free),
                    start=start,
                    minutes=minutes,
                    lead_minutes=self.rng.randrange(60, 5 * 1440),
                )

    def event(self, day: dt.date, area: Resource) -> None:
        """A company's seminar or launch at Torget, booked weeks ahead by its contact."""
        contacts = [b for b in self.who(day) if b.member.is_company_contact and b.member.company_id]
        if not contacts:
            return
        morning = self.rng.random() < 0.5
        self.book(
            booker=self.rng.choice(contacts),
            resource=area,
            start=self.at(day, dt.time(8) if morning else dt.time(16)),
            minutes=180,
            lead_minutes=self.rng.randrange(14, 40) * 1440,
            title=self.rng.choice(EVENT_TITLES),
            may_cancel=False,
        )


def _minutes(booking: Booking) -> int:
    return int((booking.end - booking.start).total_seconds() // 60)


def _settle(made: Sequence[Booking], *, now: dt.datetime) -> None:
    """Backdate when each booking was made; those that have started were checked in."""
    for booking in made:
        if booking.status == BookingStatus.CONFIRMED and booking.start <= now:
            booking.checked_in_at = min(booking.start + dt.timedelta(minutes=booking.pk % 11), now)
    Booking.objects.bulk_update(made, ["created_at", "checked_in_at"], batch_size=500)
