"""Geometry of the rhythm view's charts, as plain data the template draws as inline SVG.

No JavaScript and no chart library: each function turns the rhythm's figures into
rectangles, ticks and legend entries in a fixed coordinate system (the SVG's viewBox), so the
page is drawn by the server and reads the same on a phone. Colours are the Okabe-Ito
palette, darkened until each has at least 4.5:1 contrast with white (bars are told apart by
colour-blind readers, and white text is readable on them); weeks still to come are drawn
lighter with a full-colour outline, so they keep a 3:1 outline contrast.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kollega.events.models import EventKind
from kollega.events.rhythm import Balance, WeekFigures

KIND_COLOURS = {
    EventKind.SOCIAL: "#0072b2",
    EventKind.PROFESSIONAL: "#c05600",
    EventKind.LEARNING: "#00785a",
    EventKind.ONBOARDING: "#a8457f",
}
ATTENDANCE_COLOUR = "#0072b2"
REACH_COLOUR = "#c05600"
CURRENT_WEEK_COLOUR = "#e6eef5"

WIDTH = 720
HEIGHT = 250
LEFT, RIGHT, TOP, BOTTOM = 40.0, 712.0, 26.0, 214.0  # the plot area inside the viewBox
BAR_SHARE = 0.64  # of a week's slot
BALANCE_HEIGHT = 44


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str
    planned: bool = False  # drawn lighter, with an outline
    title: str = ""  # what the bar says, shown on hover

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Tick:
    position: float  # y of a value axis tick
    label: str

    @property
    def label_y(self) -> float:
        return round(self.position + 4, 1)


@dataclass(frozen=True)
class Column:
    centre: float  # x of the week's label
    label: str
    current: bool
    bars: list[Rect]


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str
    planned: bool = False


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    columns: list[Column]
    ticks: list[Tick]
    legend: list[LegendEntry]
    current: Rect | None  # the band behind this week
    reference: Tick | None = None  # a dashed line across, e.g. at 50 %

    @property
    def bar_count(self) -> int:
        return sum(len(column.bars) for column in self.columns)

    @property
    def week_label_y(self) -> float:
        return self.bottom + 18

    @property
    def tick_label_x(self) -> float:
        return self.left - 6

    @property
    def current_label_y(self) -> float:
        return self.top - 5


@dataclass(frozen=True)
class Segment:
    rect: Rect
    label: str  # "Social 40%"
    percent: int
    show_label: bool  # wide enough to write the label inside


@dataclass(frozen=True)
class BalanceChart:
    width: int
    height: int
    segments: list[Segment]

    @property
    def label_y(self) -> float:
        return self.height / 2 + 5


def nice_top(maximum: float, *, intervals: int = 5) -> tuple[int, int]:
    """The axis top and step for values up to `maximum`: steps of 1, 2, 5, 10, 20, 50 …,
    at most `intervals` of them. 7 → (8, 2); 0 → (1, 1)."""
    maximum = max(maximum, 1)
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if math.ceil(maximum / step) <= intervals:
                return math.ceil(maximum / step) * step, step
        magnitude *= 10


def _y(value: float, top: float) -> float:
    return BOTTOM - (BOTTOM - TOP) * value / top


def _slots(weeks: Sequence[WeekFigures]) -> list[tuple[float, float]]:
    """Each week's slot: (left x, width)."""
    width = (RIGHT - LEFT) / len(weeks)
    return [(LEFT + n * width, width) for n in range(len(weeks))]


def _current_band(weeks: Sequence[WeekFigures]) -> Rect | None:
    for (x, width), week in zip(_slots(weeks), weeks, strict=True):
        if week.when == "current":
            return Rect(
                x=round(x, 1),
                y=TOP - 16,
                width=round(width, 1),
                height=BOTTOM - TOP + 16,
                colour=CURRENT_WEEK_COLOUR,
                title=_("This week"),
            )
    return None


def _ticks(top: int, step: int, *, percent: bool = False) -> list[Tick]:
    return [
        Tick(position=round(_y(value, top), 1), label=f"{value}%" if percent else str(value))
        for value in range(0, top + 1, step)
    ]


def events_chart(weeks: Sequence[WeekFigures]) -> BarChart:
    """Stacked bars: each week's events by kind; weeks to come lighter."""
    top, step = nice_top(max((week.total for week in weeks), default=0))
    columns = []
    for (x, slot), week in zip(_slots(weeks), weeks, strict=True):
        width = slot * BAR_SHARE
        left = x + (slot - width) / 2
        base = BOTTOM
        bars = []
        for kind, colour in KIND_COLOURS.items():
            count = week.events[kind]
            if not count:
                continue
            height = (BOTTOM - TOP) * count / top
            base -= height
            bars.append(
                Rect(
                    x=round(left, 1),
                    y=round(base, 1),
                    width=round(width, 1),
                    height=round(height, 1),
                    colour=colour,
                    planned=week.when == "future",
                    title=_("Week %(week)d, %(kind)s: %(count)d")
                    % {"week": week.number, "kind": EventKind(kind).label, "count": count},
                )
            )
        columns.append(
            Column(
                centre=round(x + slot / 2, 1),
                label=str(week.number),
                current=week.when == "current",
                bars=bars,
            )
        )
    legend = [
        LegendEntry(str(EventKind(kind).label), colour) for kind, colour in KIND_COLOURS.items()
    ]
    legend.append(LegendEntry(_("Planned (lighter)"), "#56606f", planned=True))
    return BarChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bottom=BOTTOM,
        columns=columns,
        ticks=_ticks(top, step),
        legend=legend,
        current=_current_band(weeks),
    )


def participation_chart(weeks: Sequence[WeekFigures], *, reference: float = 0.5) -> BarChart:
    """Two bars a week, in percent: the attendance rate of the events held and the share of
    active members reached; a dashed line at `reference`. Weeks to come have no bars."""
    top = 100
    columns = []
    for (x, slot), week in zip(_slots(weeks), weeks, strict=True):
        width = slot * BAR_SHARE / 2
        left = x + (slot - 2 * width) / 2
        bars = []
        values = (
            (week.attendance_rate, ATTENDANCE_COLOUR, _("Week %(week)d, attendance: %(value)d%%")),
            (week.reach, REACH_COLOUR, _("Week %(week)d, members reached: %(value)d%%")),
        )
        for n, (value, colour, title) in enumerate(values):
            if not value:  # nothing held, or nobody: no bar (the table says 0 %)
                continue
            height = (BOTTOM - TOP) * value
            bars.append(
                Rect(
                    x=round(left + n * width, 1),
                    y=round(BOTTOM - height, 1),
                    width=round(width, 1),
                    height=round(height, 1),
                    colour=colour,
                    title=title % {"week": week.number, "value": round(value * 100)},
                )
            )
        columns.append(
            Column(
                centre=round(x + slot / 2, 1),
                label=str(week.number),
                current=week.when == "current",
                bars=bars,
            )
        )
    return BarChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bottom=BOTTOM,
        columns=columns,
        ticks=_ticks(top, 25, percent=True),
        legend=[
            LegendEntry(_("Attendance (checked in / going)"), ATTENDANCE_COLOUR),
            LegendEntry(_("Members reached"), REACH_COLOUR),
        ],
        current=_current_band(weeks),
        reference=Tick(position=round(_y(reference * 100, top), 1), label=f"{reference:.0%}"),
    )


def balance_chart(balance: Balance) -> BalanceChart:
    """One bar across: the shares of social, professional (with learning) and onboarding
    events over the window."""
    parts = (
        (balance.social, KIND_COLOURS[EventKind.SOCIAL], str(EventKind.SOCIAL.label)),
        (
            balance.professional,
            KIND_COLOURS[EventKind.PROFESSIONAL],
            _("Professional and learning"),
        ),
        (balance.onboarding, KIND_COLOURS[EventKind.ONBOARDING], str(EventKind.ONBOARDING.label)),
    )
    segments = []
    x = 0.0
    for count, colour, name in parts:
        if not count:
            continue
        share = balance.share(count)
        width = WIDTH * share
        label = f"{name} {round(share * 100)}%"
        segments.append(
            Segment(
                rect=Rect(
                    x=round(x, 1),
                    y=0,
                    width=round(width, 1),
                    height=BALANCE_HEIGHT,
                    colour=colour,
                    title=_("%(kind)s: %(count)d events") % {"kind": name, "count": count},
                ),
                label=label,
                percent=round(share * 100),
                show_label=width >= 9 * len(label),
            )
        )
        x += width
    return BalanceChart(width=WIDTH, height=BALANCE_HEIGHT, segments=segments)
