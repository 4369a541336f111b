"""The rhythm view: figures per week from a constructed history of events, each gap flag
raised and not raised, the charts' geometry, a pinned query count, and the page for staff.

"Today" is Wednesday 4 March 2026 (ISO week 10): the window runs from week 51 of 2025 (the
last 12 weeks, this one included) to week 14 (the next 4)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from kollega.core.tests.factories import MemberFactory, UserFactory
from kollega.events.charts import (
    BAR_SHARE,
    BOTTOM,
    TOP,
    balance_chart,
    events_chart,
    nice_top,
    participation_chart,
)
from kollega.events.models import EventKind, EventStatus, RsvpStatus
from kollega.events.rhythm import rhythm_overview
from kollega.events.tests.factories import WEDNESDAY, EventFactory, RsvpFactory, at
from kollega.members.models import MemberStatus

pytestmark = pytest.mark.django_db

TODAY = WEDNESDAY  # 4 March 2026
THIS_MONDAY = dt.date(2026, 3, 2)


def day(weeks: int, weekday: int = 1) -> dt.date:
    """A day `weeks` weeks from this week (negative: before), Tuesday unless told."""
    return THIS_MONDAY + dt.timedelta(weeks=weeks, days=weekday)


def held(space, on: dt.date, *, kind=EventKind.SOCIAL, going=(), came=(), walk_ins=(), **extra):
    """An event on `on` at 15:00 with going answers; those in `came` checked in, and
    `walk_ins` checked in without an answer."""
    event = EventFactory(space=space, kind=kind, start=at(on, 15), **extra)
    for member in going:
        RsvpFactory(
            event=event, member=member, checked_in_at=at(on, 15, 5) if member in came else None
        )
    for member in walk_ins:
        RsvpFactory(event=event, member=member, walk_in=True, checked_in_at=at(on, 15, 10))
    return event


def people(space, count: int) -> list:
    return [MemberFactory(space=space, user=UserFactory()) for _ in range(count)]


def flags(rhythm, code: str) -> list[str]:
    return [flag.message for flag in rhythm.flags if flag.code == code]


# --- figures --------------------------------------------------------------------------------


@pytest.fixture
def history(world):
    """Smartby Hub with 10 active members (and one former) and a few weeks of events."""
    space = world.space_a
    crowd = [world.kari_member, world.ola_member, world.mette_member, *people(space, 7)]
    MemberFactory(space=space, status=MemberStatus.FORMER)
    a, b, c, d, e, f, g, h, i, _j = crowd
    # Week 9: a bar (4 going, 3 came, and a walk-in) and a talk (2 going, both came; Ola
    # was at the bar too). Answers that are not "going" do not count.
    bar = held(space, day(-1, 3), going=[a, b, c, d], came=[a, b, c], walk_ins=[e])
    RsvpFactory(event=bar, member=f, status=RsvpStatus.NOT_GOING)
    talk = held(space, day(-1, 1), kind=EventKind.PROFESSIONAL, going=[b, f], came=[b, f])
    RsvpFactory(event=talk, member=g, status=RsvpStatus.WAITING)
    # This week: a workshop yesterday (held: 2 going, 1 came) and a bar tomorrow (3 going).
    held(space, day(0, 1), kind=EventKind.LEARNING, going=[g, h], came=[g])
    held(space, day(0, 3), going=[a, h, i])
    # Week 12: an onboarding session, one going.
    held(space, day(2, 0), kind=EventKind.ONBOARDING, going=[c])
    # Not counted: cancelled, proposed, another space's, before the window.
    held(space, day(-1, 4), going=[a], status=EventStatus.CANCELLED)
    held(space, day(1, 2), status=EventStatus.PROPOSED)
    held(world.space_b, day(-1, 2), going=[world.sven_member], came=[world.sven_member])
    held(space, day(-12), going=[a, b], came=[a, b])
    return space


def test_the_window_is_the_last_12_weeks_and_the_next_4(history):
    rhythm = rhythm_overview(space=history, today=TODAY)
    assert len(rhythm.weeks) == 16
    assert rhythm.weeks[0].monday == dt.date(2025, 12, 15) and rhythm.weeks[0].number == 51
    assert rhythm.weeks[-1].monday == dt.date(2026, 3, 30) and rhythm.weeks[-1].number == 14
    assert [week.when for week in rhythm.weeks].count("past") == 11
    assert rhythm.current.monday == THIS_MONDAY and rhythm.current.number == 10
    assert [week.when for week in rhythm.weeks[-4:]] == ["future"] * 4


def test_figures_per_week(history):
    weeks = {week.number: week for week in rhythm_overview(space=history, today=TODAY).weeks}
    last = weeks[9]
    assert last.events == {"social": 1, "professional": 1, "learning": 0, "onboarding": 0}
    assert (last.going, last.expected, last.came) == (6, 6, 5)  # the walk-in answered nothing
    assert last.attendance_percent == 83
    assert last.attendees == 5  # a, b, c, the walk-in e, and f (b came twice)
    assert last.reach == 0.5 and last.reach_percent == 50  # of 10 active members
    this = weeks[10]
    assert this.events == {"social": 1, "professional": 0, "learning": 1, "onboarding": 0}
    assert this.going == 5
    assert (this.expected, this.came, this.attendees) == (2, 1, 1)  # tomorrow's bar: not yet
    planned = weeks[12]
    assert planned.total == 1 and planned.going == 1
    assert planned.attendance_rate is None and planned.reach is None
    quiet = weeks[2]
    assert quiet.total == 0 and quiet.attendance_rate is None and quiet.reach == 0.0


def test_figures_over_the_window(history):
    rhythm = rhythm_overview(space=history, today=TODAY)
    assert rhythm.active_members == 10
    assert (rhythm.held, rhythm.planned) == (3, 2)
    assert (rhythm.expected, rhythm.came) == (8, 6)
    assert rhythm.attendees == 6 and rhythm.reach_percent == 60
    balance = rhythm.balance
    assert (balance.social, balance.professional, balance.onboarding) == (2, 2, 1)
    assert (balance.social_percent, balance.professional_percent) == (40, 40)


def test_the_rhythm_is_read_in_three_queries_whatever_the_history(
    history, world, django_assert_num_queries
):
    with django_assert_num_queries(3):
        rhythm_overview(space=history, today=TODAY)
    crowd = people(history, 5)
    for weeks in range(-11, 5):
        held(history, day(weeks, 4), kind=EventKind.LEARNING, going=crowd, came=crowd[:3])
    with django_assert_num_queries(3):
        rhythm = rhythm_overview(space=history, today=TODAY)
    assert rhythm.held == 3 + 11 and rhythm.attendees == 6 + 3


# --- flags ----------------------------------------------------------------------------------


def test_a_gap_of_three_weeks_without_a_professional_event_is_flagged(world):
    space = world.space_a
    for weeks in range(-11, 5):
        if weeks in (-6, -5, -4):
            continue
        kind = EventKind.LEARNING if weeks == -3 else EventKind.PROFESSIONAL  # learning counts
        held(space, day(weeks), kind=kind)
    rhythm = rhythm_overview(space=space, today=TODAY)
    assert flags(rhythm, "professional_gap") == [
        "No professional event for 3 weeks (week 4 to week 6)."
    ]
    # Nothing social in the whole window.
    assert flags(rhythm, "social_gap") == ["No social event for 16 weeks (week 51 to week 14)."]


def test_two_weeks_without_a_professional_event_are_not_flagged(world):
    space = world.space_a
    for weeks in range(-11, 5):
        held(space, day(weeks, 1), kind=EventKind.SOCIAL)
        if weeks not in (-5, -4):
            held(space, day(weeks, 3), kind=EventKind.PROFESSIONAL)
    rhythm = rhythm_overview(space=space, today=TODAY)
    assert flags(rhythm, "professional_gap") == []
    assert flags(rhythm, "social_gap") == []


def test_a_week_to_come_without_events_is_flagged(world):
    space = world.space_a
    held(space, day(0, 0))  # this Monday: this week has an event
    for weeks in (1, 2, 4):
        held(space, day(weeks))
    held(space, day(3), status=EventStatus.CANCELLED)  # week 13's only event is cancelled
    rhythm = rhythm_overview(space=space, today=TODAY)
    assert flags(rhythm, "nothing_planned") == ["No event planned in week 13."]
    held(space, day(3, 4))
    assert flags(rhythm_overview(space=space, today=TODAY), "nothing_planned") == []


@pytest.mark.parametrize(
    ("active", "occasional", "flagged"),
    [
        (40, 8, True),  # 5 regulars make 40 of 48 check-ins (83 %), and 5 ≤ 15 % of 40
        (40, 28, False),  # 40 of 68 check-ins (59 %): many others come too
        (30, 8, False),  # 5 regulars are more than 15 % of 30 members
    ],
)
def test_the_same_people_at_everything_is_flagged(world, active, occasional, flagged):
    space = world.space_a
    crowd = [world.kari_member, world.ola_member, world.mette_member, *people(space, active - 3)]
    regulars, others = crowd[:5], crowd[5 : 5 + occasional]
    for n, weeks in enumerate(range(-7, 1)):  # the last 8 weeks, one event each (Tuesdays)
        visitors = others[n::8]
        held(space, day(weeks), going=regulars + visitors, came=regulars + visitors)
    # Events before the 8 weeks do not count.
    held(space, day(-9), going=crowd, came=crowd)
    rhythm = rhythm_overview(space=space, today=TODAY)
    expected = (
        ["The same 5 people attend everything: 83% of the check-ins in the last 8 weeks."]
        if flagged
        else []
    )
    assert flags(rhythm, "same_people") == expected


def test_the_same_people_needs_four_events_to_say_so(world):
    space = world.space_a
    crowd = [world.kari_member, world.ola_member, *people(space, 38)]
    for weeks in (-2, -1, 0):
        held(space, day(weeks), going=crowd[:2], came=crowd[:2])
    assert flags(rhythm_overview(space=space, today=TODAY), "same_people") == []


@pytest.mark.parametrize(("came", "flagged"), [(4, True), (5, False)])
def test_attendance_below_half_in_the_last_4_weeks_is_flagged(world, came, flagged):
    space = world.space_a
    crowd = [world.kari_member, world.ola_member, world.mette_member, *people(space, 7)]
    walk_ins = people(space, 3)
    held(space, day(-2), going=crowd, came=crowd[:came], walk_ins=walk_ins)  # walk-ins: no answer
    held(space, day(-5), going=crowd, came=[])  # before the 4 weeks
    held(space, day(1), going=crowd)  # to come: nobody could check in yet
    rhythm = rhythm_overview(space=space, today=TODAY)
    expected = (
        ["Attendance fell below 50% in the last 4 weeks: 40% of those going checked in."]
        if flagged
        else []
    )
    assert flags(rhythm, "attendance_low") == expected


def test_low_attendance_needs_five_answers_to_say_so(world):
    space = world.space_a
    crowd = [world.kari_member, world.ola_member, world.mette_member, *people(space, 1)]
    held(space, day(-1), going=crowd, came=[])
    assert flags(rhythm_overview(space=space, today=TODAY), "attendance_low") == []


@pytest.mark.parametrize(("attendees", "flagged"), [(5, True), (6, False)])
def test_few_members_reached_in_12_weeks_is_flagged(world, attendees, flagged):
    space = world.space_a
    crowd = [world.kari_member, world.ola_member, world.mette_member, *people(space, 17)]
    for _former in range(5):  # former members are not part of the community any more
        MemberFactory(space=space, status=MemberStatus.FORMER)
    came = crowd[:attendees]
    held(space, day(-10), going=came, came=came)
    held(space, day(-1), going=came[:2], came=came[:2])  # the same people again
    rhythm = rhythm_overview(space=space, today=TODAY)
    expected = ["Only 25% of members took part in the last 12 weeks."] if flagged else []
    assert flags(rhythm, "reach_low") == expected


def test_no_event_held_in_12_weeks_is_flagged(world):
    space = world.space_a
    held(space, day(1), going=[world.kari_member])
    rhythm = rhythm_overview(space=space, today=TODAY)
    assert flags(rhythm, "reach_low") == ["No event was held in the last 12 weeks."]


def test_a_steady_rhythm_raises_no_flag(world):
    space = world.space_a
    crowd = [world.kari_member, world.ola_member, world.mette_member]
    for weeks in range(-11, 5):
        held(space, day(weeks, 1), going=crowd, came=crowd if weeks < 0 else [])
        held(space, day(weeks, 3), kind=EventKind.PROFESSIONAL, going=crowd[:2], came=crowd[:2])
    assert rhythm_overview(space=space, today=TODAY).flags == []


# --- charts ---------------------------------------------------------------------------------


def test_nice_axis_tops():
    assert nice_top(0) == (1, 1)
    assert nice_top(4) == (4, 1)
    assert nice_top(7) == (8, 2)
    assert nice_top(23) == (25, 5)
    assert nice_top(160) == (200, 50)


def test_the_events_chart_stacks_each_weeks_kinds_and_draws_weeks_to_come_lighter(history):
    rhythm = rhythm_overview(space=history, today=TODAY)
    chart = events_chart(rhythm.weeks)
    assert [column.label for column in chart.columns][:3] == ["51", "52", "1"]
    assert [column.current for column in chart.columns].index(True) == 11
    assert [tick.label for tick in chart.ticks] == ["0", "1", "2"]  # at most 2 a week
    week_9, week_10, week_12 = chart.columns[10], chart.columns[11], chart.columns[13]
    unit = (BOTTOM - TOP) / 2
    social, professional = week_9.bars
    assert social.colour != professional.colour
    assert social.height == professional.height == round(unit, 1)
    assert social.y == round(BOTTOM - unit, 1) and professional.y == round(BOTTOM - 2 * unit, 1)
    assert social.title == "Week 9, Social: 1"
    assert not any(bar.planned for bar in week_10.bars)
    assert [bar.planned for bar in week_12.bars] == [True]
    assert chart.columns[1].bars == []
    slot = (chart.right - chart.left) / 16
    assert social.width == round(slot * BAR_SHARE, 1)
    assert chart.current is not None and chart.current.x == round(chart.left + 11 * slot, 1)
    assert chart.bar_count == 5


def test_the_participation_chart_has_two_bars_for_weeks_with_events_held(history):
    rhythm = rhythm_overview(space=history, today=TODAY)
    chart = participation_chart(rhythm.weeks)
    attendance, reach = chart.columns[10].bars  # week 9: 83 % came, 50 % reached
    assert attendance.height == round((BOTTOM - TOP) * 5 / 6, 1)
    assert reach.height == round((BOTTOM - TOP) * 0.5, 1)
    assert attendance.title == "Week 9, attendance: 83%"
    assert len(chart.columns[13].bars) == 0  # to come
    assert chart.reference is not None and chart.reference.position == round(
        BOTTOM - (BOTTOM - TOP) / 2, 1
    )
    assert [tick.label for tick in chart.ticks] == ["0%", "25%", "50%", "75%", "100%"]


def test_the_balance_chart_splits_one_bar_by_share(history):
    chart = balance_chart(rhythm_overview(space=history, today=TODAY).balance)
    widths = [segment.rect.width for segment in chart.segments]
    assert widths == [288.0, 288.0, 144.0]  # 40 %, 40 %, 20 % of 720
    assert [segment.label for segment in chart.segments] == [
        "Social 40%",
        "Professional and learning 40%",
        "Onboarding 20%",
    ]
    assert chart.segments[1].rect.x == 288.0


# --- the page -------------------------------------------------------------------------------


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(at(TODAY, 9), tick=False)


def rhythm_url(space) -> str:
    return reverse("events_manage:rhythm", kwargs={"slug": space.slug})


def test_the_cm_sees_charts_and_flags(client, world, history, frozen):
    client.force_login(world.cecilie)
    response = client.get(rhythm_url(history))
    assert response.status_code == 200
    html = response.content.decode()
    for chart in ("events-chart", "participation-chart", "balance-chart"):
        assert f'<svg id="{chart}"' in html
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in html
        assert f'id="{chart}-table"' in html  # the data as a table, for screen readers
    # Bars: 5 in the events chart, 2 weeks of 2 in participation (weeks 9 and 10), 3 kinds.
    assert html.count('class="bar"') == 5 + 4 + 3
    assert 'id="rhythm-flags"' in html
    rhythm = rhythm_overview(space=history, today=TODAY)
    assert rhythm.flags
    for flag in rhythm.flags:
        assert f'data-flag="{flag.code}"' in html


def test_chart_numbers_are_not_localised(client, world, history, frozen):
    world.cecilie.preferred_language = "nb"
    world.cecilie.save()
    client.force_login(world.cecilie)
    html = client.get(rhythm_url(history)).content.decode()
    start = html.index('<svg id="events-chart"')
    svg = html[html.index(">", start) : html.index("</svg>", start)]  # inside the <svg>
    for value in re.findall(r' (?:x|y|width|height)="([^"]*)"', svg):
        assert re.fullmatch(r"-?\d+(\.\d+)?", value), value


def test_the_page_is_read_in_a_fixed_number_of_queries(
    client, world, history, frozen, django_assert_num_queries
):
    client.force_login(world.cecilie)
    # Session, user, the managed space, the rhythm's three, the navigation's two.
    with django_assert_num_queries(8):
        client.get(rhythm_url(history))
    for weeks in range(-11, 5):
        held(history, day(weeks, 4), going=[world.kari_member], came=[world.kari_member])
    with django_assert_num_queries(8):
        assert client.get(rhythm_url(history)).status_code == 200


@pytest.mark.parametrize("who", ["kari", "bjorn"])
def test_members_and_other_spaces_staff_get_404(client, world, who, frozen):
    client.force_login(getattr(world, who))
    assert client.get(rhythm_url(world.space_a)).status_code == 404


def test_signing_in_is_required(client, world, frozen):
    response = client.get(rhythm_url(world.space_a))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
