"""The community's rhythm: what a CM needs to see whether the events work.

The window is 16 local weeks (Monday to Sunday in the space's time zone): the last 12,
this week included, and the next 4. For each week: the published events by kind, the going
answers (RSVPs), the attendance rate of the events already held (going members who checked
in / going members; walk-ins are attendees, not answers), the unique attendees (everyone who
checked in, walk-ins too) and the reach (unique attendees / the space's active members
today). Over the window: the balance of social and professional (professional + learning)
events. An event counts as held when it started before today, so today's events count from
tomorrow on (their check-ins show at once).

Gaps are flagged in plain words, each by a fixed rule:

- **No social / professional event for N weeks**: 3 or more weeks in a row in the window
  without a social event, or without a professional or learning event.
- **No event planned in week N**: this week or one of the next 4 has no event at all.
- **The same N people attend everything**: over the last 8 weeks (this one included), at
  least 4 events had check-ins; the regulars (members who checked in at at least half of
  those events) are 2 or more, made 70 % or more of all the check-ins, and are at most 15 %
  of the space's active members. A small crowd carries the events; the others drop by.
- **Attendance fell below 50 % in the last 4 weeks**: of at least 5 going answers to the
  events held in the last 4 weeks, fewer than half checked in.
- **Only N % of members took part in the last 12 weeks**: fewer than 30 % of the active
  members checked in at an event of the window (or no event was held at all).

Three queries, whatever the size of the space: the active members counted, the window's
events and the window's RSVP rows (going answers and check-ins).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kollega.events.models import Event, EventKind, EventStatus, Rsvp, RsvpStatus
from kollega.members.models import Member, MemberStatus
from kollega.spaces.models import Space

PAST_WEEKS = 12  # this week included
FUTURE_WEEKS = 4
GAP_WEEKS = 3
SAME_PEOPLE_WEEKS = 8
SAME_PEOPLE_MIN_EVENTS = 4
SAME_PEOPLE_SHARE = 0.70  # of the check-ins ...
SAME_PEOPLE_MAX_SHARE_OF_MEMBERS = 0.15  # ... made by at most this share of the members
ATTENDANCE_WEEKS = 4
ATTENDANCE_LOW = 0.50
ATTENDANCE_MIN_ANSWERS = 5
REACH_LOW = 0.30
PROFESSIONAL_KINDS = (EventKind.PROFESSIONAL, EventKind.LEARNING)

When = Literal["past", "current", "future"]


def percent(share: float | None) -> int | None:
    """0.734 → 73; None stays None."""
    return None if share is None else round(share * 100)


@dataclass(frozen=True)
class WeekFigures:
    """One local week of the window."""

    monday: dt.date
    when: When
    events: dict[str, int]  # kind → published events starting that week
    going: int  # going answers (walk-ins excluded)
    expected: int  # going answers to events already held
    came: int  # of those, checked in
    attendees: int  # unique members checked in (walk-ins too)
    active_members: int

    @property
    def number(self) -> int:
        """The ISO week number, as calendars in the Nordics show it."""
        return self.monday.isocalendar().week

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    @property
    def total(self) -> int:
        return sum(self.events.values())

    @property
    def professional(self) -> int:
        return sum(self.events[kind] for kind in PROFESSIONAL_KINDS)

    @property
    def by_kind(self) -> list[int]:
        """The counts in the order of `EventKind`."""
        return [self.events[kind] for kind in EventKind.values]

    @property
    def attendance_rate(self) -> float | None:
        """Checked in / going, for the events held; None before any was held."""
        return self.came / self.expected if self.expected else None

    @property
    def reach(self) -> float | None:
        """Unique attendees / active members; None for weeks still to come."""
        if self.when == "future" or not self.active_members:
            return None
        return min(1.0, self.attendees / self.active_members)

    @property
    def attendance_percent(self) -> int | None:
        return percent(self.attendance_rate)

    @property
    def reach_percent(self) -> int | None:
        return percent(self.reach)


@dataclass(frozen=True)
class Balance:
    """Events over the window: social, professional (with learning), and onboarding."""

    social: int
    professional: int
    onboarding: int

    @property
    def total(self) -> int:
        return self.social + self.professional + self.onboarding

    def share(self, count: int) -> float:
        return count / self.total if self.total else 0.0

    @property
    def social_percent(self) -> int:
        return round(self.share(self.social) * 100)

    @property
    def professional_percent(self) -> int:
        return round(self.share(self.professional) * 100)

    @property
    def onboarding_percent(self) -> int:
        return round(self.share(self.onboarding) * 100)


@dataclass(frozen=True)
class Flag:
    code: str  # stable, for tests and styling: e.g. "professional_gap"
    message: str  # translated, plain words


@dataclass(frozen=True)
class Rhythm:
    space: Space
    today: dt.date
    weeks: list[WeekFigures]
    balance: Balance
    active_members: int
    held: int  # events held in the window
    planned: int  # events from today on
    attendees: int  # unique members who checked in at an event of the window
    expected: int  # going answers to the events held in the window
    came: int  # of those, checked in
    flags: list[Flag]

    @property
    def reach(self) -> float | None:
        if not self.active_members:
            return None
        return min(1.0, self.attendees / self.active_members)

    @property
    def attendance_rate(self) -> float | None:
        return self.came / self.expected if self.expected else None

    @property
    def reach_percent(self) -> int | None:
        return percent(self.reach)

    @property
    def attendance_percent(self) -> int | None:
        return percent(self.attendance_rate)

    @property
    def current(self) -> WeekFigures:
        return next(week for week in self.weeks if week.when == "current")


@dataclass(frozen=True)
class _Row:
    """One RSVP row of an event in the window."""

    event_id: int
    member_id: int
    going: bool  # a going answer (not a walk-in)
    came: bool  # checked in


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _midnight(day: dt.date, space: Space) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=space.tzinfo)


def rhythm_overview(*, space: Space, today: dt.date) -> Rhythm:
    """The rhythm of `space`'s events around `today` (a local date); see the module's
    docstring for every figure and flag. Three queries."""
    this_monday = _monday(today)
    first = this_monday - dt.timedelta(weeks=PAST_WEEKS - 1)
    mondays = [first + dt.timedelta(weeks=n) for n in range(PAST_WEEKS + FUTURE_WEEKS)]
    start = _midnight(first, space)
    end = _midnight(mondays[-1] + dt.timedelta(weeks=1), space)
    today_start = _midnight(today, space)

    active_members = Member.objects.filter(space=space, status=MemberStatus.ACTIVE).count()
    events = list(
        Event.objects.filter(
            space=space, status=EventStatus.PUBLISHED, start__gte=start, start__lt=end
        ).values_list("pk", "kind", "start")
    )
    rows = [
        _Row(event_id, member_id, status == RsvpStatus.GOING and not walk_in, came is not None)
        for event_id, member_id, status, walk_in, came in Rsvp.objects.filter(
            event__space=space,
            event__status=EventStatus.PUBLISHED,
            event__start__gte=start,
            event__start__lt=end,
        )
        .filter(Q(status=RsvpStatus.GOING) | Q(checked_in_at__isnull=False))
        .values_list("event_id", "member_id", "status", "walk_in", "checked_in_at")
    ]

    tz = space.tzinfo
    week_of: dict[int, dt.date] = {}  # event → its week's monday
    held: set[int] = set()
    kinds: dict[dt.date, Counter[str]] = defaultdict(Counter)
    for pk, kind, event_start in events:
        monday = _monday(timezone.localtime(event_start, tz).date())
        week_of[pk] = monday
        kinds[monday][kind] += 1
        if event_start < today_start:
            held.add(pk)
    rows_of: dict[dt.date, list[_Row]] = defaultdict(list)
    for row in rows:
        rows_of[week_of[row.event_id]].append(row)

    weeks = []
    for monday in mondays:
        week_rows = rows_of[monday]
        when: When = (
            "current" if monday == this_monday else "past" if monday < this_monday else "future"
        )
        weeks.append(
            WeekFigures(
                monday=monday,
                when=when,
                events={kind: kinds[monday][kind] for kind in EventKind.values},
                going=sum(row.going for row in week_rows),
                expected=sum(row.going for row in week_rows if row.event_id in held),
                came=sum(row.going and row.came for row in week_rows if row.event_id in held),
                attendees=len({row.member_id for row in week_rows if row.came}),
                active_members=active_members,
            )
        )

    window_kinds = sum(kinds.values(), Counter[str]())
    balance = Balance(
        social=window_kinds[EventKind.SOCIAL],
        professional=sum(window_kinds[kind] for kind in PROFESSIONAL_KINDS),
        onboarding=window_kinds[EventKind.ONBOARDING],
    )
    held_rows = [row for row in rows if row.event_id in held]
    attendees = len({row.member_id for row in rows if row.came})
    flags = [
        *_gap_flags(weeks),
        *_nothing_planned_flags(weeks),
        *_same_people_flags(
            held_rows,
            week_of,
            since=this_monday - dt.timedelta(weeks=SAME_PEOPLE_WEEKS - 1),
            active_members=active_members,
        ),
        *_attendance_flags(
            held_rows, week_of, since=this_monday - dt.timedelta(weeks=ATTENDANCE_WEEKS - 1)
        ),
        *_reach_flags(held=len(held), attendees=attendees, active_members=active_members),
    ]
    return Rhythm(
        space=space,
        today=today,
        weeks=weeks,
        balance=balance,
        active_members=active_members,
        held=len(held),
        planned=len(events) - len(held),
        attendees=attendees,
        expected=sum(row.going for row in held_rows),
        came=sum(row.going and row.came for row in held_rows),
        flags=flags,
    )


def _gap_flags(weeks: Sequence[WeekFigures]) -> list[Flag]:
    flags = []
    checks = (
        ("social_gap", lambda week: week.events[EventKind.SOCIAL]),
        ("professional_gap", lambda week: week.professional),
    )
    for code, count in checks:
        run: list[WeekFigures] = []
        for week in [*weeks, None]:
            if week is not None and count(week) == 0:
                run.append(week)
                continue
            if len(run) >= GAP_WEEKS:
                flags.append(Flag(code, _gap_message(code, run)))
            run = []
    return flags


def _gap_message(code: str, run: Sequence[WeekFigures]) -> str:
    values = {"count": len(run), "first": run[0].number, "last": run[-1].number}
    if code == "social_gap":
        return _("No social event for %(count)d weeks (week %(first)d to week %(last)d).") % values
    return (
        _("No professional event for %(count)d weeks (week %(first)d to week %(last)d).") % values
    )


def _nothing_planned_flags(weeks: Sequence[WeekFigures]) -> list[Flag]:
    return [
        Flag("nothing_planned", _("No event planned in week %(week)d.") % {"week": week.number})
        for week in weeks
        if week.when != "past" and week.total == 0
    ]


def _same_people_flags(
    rows: Sequence[_Row], week_of: dict[int, dt.date], *, since: dt.date, active_members: int
) -> list[Flag]:
    check_ins = [row for row in rows if row.came and week_of[row.event_id] >= since]
    events = {row.event_id for row in check_ins}
    if len(events) < SAME_PEOPLE_MIN_EVENTS or not active_members:
        return []
    per_member = Counter(row.member_id for row in check_ins)
    regulars = {
        member: times for member, times in per_member.items() if times >= math.ceil(len(events) / 2)
    }
    share = sum(regulars.values()) / len(check_ins)
    if (
        len(regulars) < 2
        or share < SAME_PEOPLE_SHARE
        or len(regulars) > SAME_PEOPLE_MAX_SHARE_OF_MEMBERS * active_members
    ):
        return []
    message = ngettext(
        "The same %(count)d person attends everything: %(share)d%% of the check-ins in the "
        "last %(weeks)d weeks.",
        "The same %(count)d people attend everything: %(share)d%% of the check-ins in the "
        "last %(weeks)d weeks.",
        len(regulars),
    ) % {"count": len(regulars), "share": round(share * 100), "weeks": SAME_PEOPLE_WEEKS}
    return [Flag("same_people", message)]


def _attendance_flags(
    rows: Sequence[_Row], week_of: dict[int, dt.date], *, since: dt.date
) -> list[Flag]:
    answers = [row for row in rows if row.going and week_of[row.event_id] >= since]
    if len(answers) < ATTENDANCE_MIN_ANSWERS:
        return []
    rate = sum(row.came for row in answers) / len(answers)
    if rate >= ATTENDANCE_LOW:
        return []
    message = _(
        "Attendance fell below %(limit)d%% in the last %(weeks)d weeks: %(rate)d%% of those "
        "going checked in."
    ) % {
        "limit": round(ATTENDANCE_LOW * 100),
        "weeks": ATTENDANCE_WEEKS,
        "rate": round(rate * 100),
    }
    return [Flag("attendance_low", message)]


def _reach_flags(*, held: int, attendees: int, active_members: int) -> list[Flag]:
    if not active_members:
        return []
    if held == 0:
        message = _("No event was held in the last %(weeks)d weeks.") % {"weeks": PAST_WEEKS}
        return [Flag("reach_low", message)]
    reach = min(1.0, attendees / active_members)
    if reach >= REACH_LOW:
        return []
    message = _("Only %(share)d%% of members took part in the last %(weeks)d weeks.") % {
        "share": round(reach * 100),
        "weeks": PAST_WEEKS,
    }
    return [Flag("reach_low", message)]
