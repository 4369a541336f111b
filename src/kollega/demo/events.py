"""Events in the demo: a living calendar for each hand-written space, twelve weeks back and
four ahead.

Smartby Hub keeps the rhythm a CM would recognise: the Thursday bar every week at Torget, a
breakfast talk every other Tuesday, a lunch lecture by an outside speaker every other
Wednesday, pitch & lunch once a month (members may bring a guest), a welcome session for
newcomers every four weeks, workshops hosted by member companies and an investor speed-dating.
Fjellgarden keeps a village-sized version: a Friday bar, a lunch talk every other Thursday, a
founders' lunch, a village breakfast, a tour for newcomers, a course by a member company and
investors visiting. Titles and descriptions are in the languages the spaces use (mostly
Norwegian; a lecture in English, Swedish and Danish at Smartby). Three weeks without a
professional event at Smartby (the lecture series paused) give the rhythm view something to
flag.

Everything is written through the events services: `event_series_create` and `event_create`
(which hold the rooms through bookings, so no event clashes with a demo booking; an occurrence
whose room is taken moves to another room or to the canteen; a holiday moves an event to the
day before or after), `rsvp_answer`, `event_check_in`, `event_attendance_close`, `feedback_give`,
`event_propose` and `event_decide`, each with `now=` the moment it happened where the service
takes one. The services accept every answer of the past this way (an RSVP before its
deadline, a check-in during the event), so no RSVP or attendance row is written directly.
Afterwards only bookkeeping is backdated in bulk: when each event was announced (and its room
held), when the e-mails the services queued went out (the demo delivers none), and the rooms
of events that have started are marked as used, as the bookings demo does for its bookings.

Members come as they are: some are regulars, most come now and then, some never; they come
on the days they are usually in, and to the kinds of event they like. Past events have
answers, 70-90 % of those going checked in (the rest are no-shows), a few walk-ins, and one-tap
feedback from most of those who came. Upcoming events are filling up: the next lunch lecture
is full with a waiting list (one seat was given back and the first in line promoted), and the
next pitch & lunch has members bringing guests. One member proposal waits for the CM; another
was declined with a message; a third was approved and took place.

The demo member (Ingrid) is going to the next Thursday bar and to a workshop, is on the
waiting list of the full lunch lecture, and came to the last lunch lecture without answering
its feedback questions yet. Deterministic from the seed and `today`; each event draws from its
own seeded random, so only events near the moment of building follow the clock.
"""

# ruff: noqa: RUF001 - the texts are written with the en dashes Nordic typography uses.

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone

from kollega.accounts.models import User
from kollega.bookings.models import Booking, ClosedDay, OpeningHours, Resource
from kollega.companies.models import Company
from kollega.demo import content
from kollega.demo.bookings import norwegian_holidays
from kollega.events.models import (
    Audience,
    Event,
    EventFormat,
    EventKind,
    EventSeries,
    EventStatus,
    Feedback,
    HostKind,
    Rsvp,
    RsvpStatus,
)
from kollega.events.services import (
    EventData,
    event_attendance_close,
    event_check_in,
    event_create,
    event_decide,
    event_propose,
    event_series_create,
    feedback_give,
    rsvp_answer,
    rsvp_deadline,
)
from kollega.events.services.attendance import ATTENDANCE_GRACE
from kollega.members.models import Member, MemberStatus
from kollega.notifications.models import OutboundEmail
from kollega.spaces.models import Space

PAST_WEEKS = 12  # the rhythm view looks twelve weeks back ...
FUTURE_WEEKS = 4  # ... and four ahead
SMARTBY_GAP = (-8, -7, -6)  # weeks without a professional event (the lecture series paused)

SOCIAL, PROFESSIONAL, LEARNING, ONBOARDING = (
    EventKind.SOCIAL,
    EventKind.PROFESSIONAL,
    EventKind.LEARNING,
    EventKind.ONBOARDING,
)
F = EventFormat

GUEST_NAMES = (
    "Nora Aksnes",
    "Jon Ivar Dahl",
    "Lise Strøm",
    "Mohammed Ali",
    "Eva Brekke",
    "Tor Ims",
    "Hanna Lund",
    "Kim Solheim",
)
_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_EMAIL_KEY = re.compile(r"^(event-\d+-[a-z]+)")


# --- what happens: the plans ------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """One kind of event as the CM writes it up."""

    title: str
    description: str
    kind: str
    formats: tuple[str, ...]
    minutes: int
    language: str = "nb"
    rooms: tuple[str, ...] = ()  # tried in order; then `location`
    location: str = ""  # where it is without a room (default: the space's other place)
    capacity: int | None = None
    audience: str = Audience.MEMBERS
    host_kind: str = HostKind.SPACE
    host: str = ""  # the host company's key, or the outside speaker's name
    deadline_hours: int = 0  # 0: answers close when it starts
    going: tuple[int, int] = (8, 14)  # how many say yes (when the event is near)
    walk_ins: int = 1  # at most this many come without an answer
    met_someone: float = 0.45  # of those who answer, the share who met someone new
    lead_days: int = 21  # announced this long before
    newcomers: bool = False  # for those who joined in the last weeks


@dataclass(frozen=True)
class Repeat:
    """A series: every `every_weeks` weeks from `first_week` (0 = this week)."""

    plan: Plan
    weekday: int
    time: dt.time
    every_weeks: int
    first_week: int = -PAST_WEEKS


@dataclass(frozen=True)
class Once:
    plan: Plan
    week: int
    weekday: int
    time: dt.time
    role: str = ""  # "ingrid": the demo member is going; "lecture": may become the full one


@dataclass(frozen=True)
class Proposal:
    proposer: str  # a member's name
    plan: Plan
    week: int
    weekday: int
    time: dt.time
    proposed_days_ago: int
    decision: str = ""  # "", "approved" or "declined"
    decided_days_ago: int = 0
    message: str = ""


@dataclass(frozen=True)
class Calendar:
    place: str  # where an event goes when its rooms are taken
    repeats: tuple[Repeat, ...]
    once: tuple[Once, ...]
    proposals: tuple[Proposal, ...] = ()


# Smartby Hub --------------------------------------------------------------------------------

_KANTINA = "Kantina, 1. etasje"

SMARTBY_BAR = Plan(
    "Torsdagsbar",
    "Vi runder av uka på Torget: kald drikke, noe å bite i og folk fra alle selskapene i "
    "huset. Ta med kollegaen du ikke har snakket med ennå. Alkoholfritt finnes alltid.",
    SOCIAL,
    (F.BAR,),
    180,
    rooms=("Torget",),
    going=(7, 12),
    walk_ins=3,
    met_someone=0.55,
    lead_days=14,
)
SMARTBY_BREAKFAST = Plan(
    "Frokostprat",
    "Felles frokost på Torget, og ti minutter fra en nabo: hva jobber dere med, og hva "
    "trenger dere hjelp til? Kaffe og nybakt brød fra halv åtte.",
    SOCIAL,
    (F.BREAKFAST, F.TALK),
    60,
    rooms=("Torget",),
    capacity=40,
    going=(5, 9),
    met_someone=0.4,
    lead_days=14,
)
SMARTBY_WELCOME = Plan(
    "Velkommen til Smartby Hub",
    "For deg som er ny i huset: en runde i lokalene, hvordan du booker rom og "
    "telefonbokser, husreglene, og hvem du bør hilse på. Vi avslutter med kaffe i Kantina.",
    ONBOARDING,
    (F.TALK,),
    60,
    rooms=("Fyrlykta", "Verkstedet"),
    capacity=10,
    going=(3, 6),
    walk_ins=0,
    met_someone=0.8,
    lead_days=14,
    newcomers=True,
)


def _lecture(title: str, description: str, speaker: str, language: str = "nb") -> Plan:
    return Plan(
        title,
        description,
        PROFESSIONAL,
        (F.LUNCH_LECTURE,),
        60,
        language=language,
        rooms=("Verkstedet", "Fyrlykta"),
        capacity=16,
        host_kind=HostKind.OUTSIDE,
        host=speaker,
        deadline_hours=24,  # lunch is ordered the day before
        going=(6, 11),
        walk_ins=1,
        met_someone=0.3,
        lead_days=28,
    )


SMARTBY_LECTURES = (
    _lecture(
        "Lunsjforedrag: Bildeling som virker",
        "Erfaringer fra bildeling i fem norske byer: hvor mange privatbiler erstatter én "
        "delebil, og hva må kommunen gjøre for at ordningen skal lønne seg? Lunsj serveres.",
        "Kari Strand, Mobilitetslaben",
    ),
    _lecture(
        "Lunch lecture: Digital twins for city planning – hype or help?",
        "What a digital twin of a district can and cannot tell a planner, with examples from "
        "three Nordic cities. Bring your questions; lunch is served.",
        "Dr. Anna Kowalski, Urban Data Institute",
        "en",
    ),
    _lecture(
        "Lunsjforedrag: Sirkulære bygg",
        "Slik ble en hel kontorblokk fra 70-tallet demontert og bygget opp igjen med 80 % "
        "gjenbrukte materialer – og hva det kostet. Lunsj serveres.",
        "Henrik Aasen, arkitekt",
    ),
    _lecture(
        "Lunchföreläsning: Belysning som gör staden trygg",
        "Hur ljus påverkar hur trygga vi känner oss i staden, och hur kommuner kan spara energi "
        "utan att göra gatorna mörkare. Lunch serveras.",
        "Maria Holmgren, ljusdesigner",
        "sv",
    ),
    _lecture(
        "Lunsjforedrag: Personvern i smarte byer",
        "Sensorer, kameraer og mobildata: hva er lov å måle i byrommet, og hvordan bygger du "
        "en tjeneste som tåler et innsyn? Lunsj serveres.",
        "Jon Vetle Berg, advokat",
    ),
    _lecture(
        "Lunsjforedrag: Slik selger du til kommunen",
        "Innkjøpsreglene på tretti minutter: terskelverdier, innovasjonspartnerskap og hvordan "
        "en liten bedrift vinner et anbud. Lunsj serveres; få plasser, meld deg på i tide.",
        "Eva Brenna, innkjøpsrådgiver",
    ),
    _lecture(
        "Frokostforedrag: Cykelbyen København – hvad kan Oslo lære?",
        "Hvordan København fik hver anden til at cykle til arbejde, og hvad der ikke lykkedes. "
        "Frokost serveres.",
        "Mads Kjeldsen, byplanlægger",
        "da",
    ),
)
SMARTBY_PITCH = Plan(
    "Pitch & lunsj",
    "Tre medlemmer pitcher det de jobber med på fem minutter hver, og sier hva de trenger. "
    "Etterpå lunsj og spørsmål. Ta gjerne med en gjest som bør høre det.",
    PROFESSIONAL,
    (F.PITCH, F.FOOD),
    90,
    rooms=("Torget",),
    capacity=50,
    audience=Audience.GUESTS,
    going=(10, 16),
    walk_ins=2,
    met_someone=0.5,
    lead_days=21,
)
SMARTBY_DATAVEV_WORKSHOP = Plan(
    "Workshop: Åpne bydata i praksis",
    "Datavev viser hvordan du henter, vasker og kobler åpne data fra kommunen og Statens "
    "vegvesen, og så jobber vi med deres egne datasett. Ta med PC.",
    LEARNING,
    (F.WORKSHOP,),
    150,
    rooms=("Verkstedet", "Fyrlykta"),
    capacity=16,
    host_kind=HostKind.COMPANY,
    host="datavev",
    going=(6, 10),
    walk_ins=1,
    met_someone=0.4,
    lead_days=28,
)
SMARTBY_ACCOUNTING_WORKSHOP = Plan(
    "Workshop: Regnskab og moms for iværksættere",
    "Kjærgaard Regnskab gennemgår bogføring, moms og de første årsregnskaber – og svarer "
    "på jeres spørgsmål. På dansk, men vi forstår norsk og svensk.",
    LEARNING,
    (F.WORKSHOP,),
    150,
    language="da",
    rooms=("Verkstedet", "Fyrlykta"),
    capacity=12,
    host_kind=HostKind.COMPANY,
    host="kjaergaard",
    going=(5, 8),
    walk_ins=1,
    lead_days=28,
)
SMARTBY_INVESTORS = Plan(
    "Investor-speeddating",
    "Ti minutter med hver investor: tolv oppstartsselskaper møter fire investorer fra "
    "Fjellvind Ventures og nettverket deres. Meld deg på med en setning om hva dere trenger.",
    PROFESSIONAL,
    (F.SPEED_DATING,),
    120,
    rooms=("Torget",),
    capacity=12,
    host_kind=HostKind.OUTSIDE,
    host="Fjellvind Ventures",
    going=(7, 10),
    walk_ins=0,
    met_someone=0.85,
    lead_days=42,
)
SMARTBY_MEETUP = Plan(
    "Nordic mobility meetup",
    "Mobility people from Oslo, Helsinki and Stockholm swap notes on what worked in their "
    "pilots this year. Short talks, then pizza. Hosted by a member.",
    PROFESSIONAL,
    (F.MEETUP, F.TALK),
    120,
    language="en",
    rooms=("Verkstedet",),
    capacity=16,
    going=(7, 11),
    walk_ins=1,
    met_someone=0.6,
)
SMARTBY_HACK_NIGHT = Plan(
    "Hack night: open mobility data",
    "An evening of building small things with the city's open mobility data. I bring the "
    "datasets and the pizza; you bring a laptop and an idea.",
    LEARNING,
    (F.WORKSHOP, F.MEETUP),
    180,
    language="en",
    rooms=("Verkstedet",),
    capacity=16,
)
SMARTBY_WINE = Plan(
    "Vinprovning på fredag",
    "Jag bjuder in till en enkel vinprovning med sex viner från Sydeuropa. Vi delar på kostnaden.",
    SOCIAL,
    (F.FOOD,),
    120,
    language="sv",
    rooms=("Torget",),
    capacity=30,
)


def _smartby() -> Calendar:
    once: list[Once] = []
    lectures = iter(SMARTBY_LECTURES * 2)
    for week in range(-PAST_WEEKS, FUTURE_WEEKS + 1):
        if week in SMARTBY_GAP:
            continue
        if week % 2 == 1:
            once.append(Once(next(lectures), week, 2, dt.time(11, 30), role="lecture"))
        if week % 4 == 0:
            once.append(Once(SMARTBY_PITCH, week, 2, dt.time(11, 30)))
    once += [
        Once(SMARTBY_INVESTORS, -10, 2, dt.time(14)),
        Once(SMARTBY_DATAVEV_WORKSHOP, -3, 3, dt.time(9)),
        Once(SMARTBY_ACCOUNTING_WORKSHOP, 2, 3, dt.time(9), role="ingrid"),
        Once(SMARTBY_INVESTORS, 3, 2, dt.time(14)),
    ]
    return Calendar(
        place=_KANTINA,
        repeats=(
            Repeat(SMARTBY_BAR, 3, dt.time(15), 1),
            Repeat(SMARTBY_BREAKFAST, 1, dt.time(8), 2),
            Repeat(SMARTBY_WELCOME, 1, dt.time(9, 15), 4, first_week=-10),
        ),
        once=tuple(once),
        proposals=(
            Proposal(
                "Eero Mäkinen",
                SMARTBY_MEETUP,
                -4,
                1,
                dt.time(17),
                proposed_days_ago=60,
                decision="approved",
                decided_days_ago=57,
            ),
            Proposal(
                "Tobias Wik",
                SMARTBY_WINE,
                2,
                4,
                dt.time(16),
                proposed_days_ago=6,
                decision="declined",
                decided_days_ago=4,
                message="Takk for forslaget, Tobias! Fredagene holder vi rolige, og Torget er "
                "leid ut den dagen. Vil du heller ha vinsmaking som tema på en torsdagsbar i "
                "desember? Da hjelper jeg deg gjerne med innkjøpet.",
            ),
            Proposal("Priya Raman", SMARTBY_HACK_NIGHT, 3, 3, dt.time(17), proposed_days_ago=2),
        ),
    )


# Fjellgarden --------------------------------------------------------------------------------

_PEISESTUA = "Peisestua"

FJELLGARDEN_BAR = Plan(
    "Fredagsbar",
    "Vi tar helga i forskudd i Låven: noe godt i glasset, nøtter og prat om uka som gikk. "
    "Familie og hunder er velkomne innom.",
    SOCIAL,
    (F.BAR,),
    90,
    rooms=("Låven",),
    going=(3, 5),
    walk_ins=1,
    met_someone=0.2,
    lead_days=14,
)
FJELLGARDEN_BREAKFAST = Plan(
    "Bygdefrokost",
    "Felles frokost med rømmegraut, spekemat og kaffe fra kokekaffekjelen. Annenhver gang "
    "har vi med oss en gjest fra næringslivet i dalen.",
    SOCIAL,
    (F.BREAKFAST, F.FOOD),
    60,
    rooms=("Låven",),
    capacity=14,
    going=(3, 6),
    met_someone=0.25,
    lead_days=14,
)


def _lunch_talk(title: str, description: str, speaker: str, language: str = "nb") -> Plan:
    return Plan(
        title,
        description,
        PROFESSIONAL,
        (F.LUNCH_LECTURE,),
        45,
        language=language,
        rooms=("Låven", "Stabburet"),
        capacity=14,
        host_kind=HostKind.OUTSIDE,
        host=speaker,
        going=(3, 5),
        walk_ins=1,
        met_someone=0.25,
        lead_days=21,
    )


FJELLGARDEN_LUNCH_TALKS = (
    _lunch_talk(
        "Lunsjprat: Markedsføring for små bedrifter i distriktet",
        "Hvordan nå kunder utenfor dalen uten et stort budsjett. Ta med matpakke; vi spanderer "
        "kaffe og kake.",
        "Guro Lien, Næringshagen i Valdres",
    ),
    _lunch_talk(
        "Lunsjprat: Skatt og regnskap for enkeltpersonforetak",
        "Det du bør vite før første skattemelding: fradrag, forskuddsskatt og hjemmekontor.",
        "Pål Aasmundstad, skatterådgiver",
    ),
    _lunch_talk(
        "Lunch talk: Working remotely for international clients",
        "Contracts, invoicing in euros and keeping a client in Berlin happy from a village in "
        "Valdres. In English.",
        "Tom Ellis, remote-work consultant",
        "en",
    ),
    _lunch_talk(
        "Lunsjprat: Reiseliv hele året",
        "Nye produkter for skuldersesongen: hva gjestene spør etter, og hvordan små aktører "
        "kan selge sammen.",
        "Ingrid Bakke, Destinasjon Valdres",
    ),
    _lunch_talk(
        "Lunsjprat: Bærekraft som konkurransefortrinn",
        "Hvordan en liten bedrift dokumenterer klimaarbeidet sitt uten en egen rådgiver.",
        "Eirik Hagen, Klimapartnere Innlandet",
    ),
)
FJELLGARDEN_FOUNDERS_LUNCH = Plan(
    "Gründerlunsj",
    "To gründere fra bygda forteller hva de holder på med og hva de trenger. Suppe og brød; "
    "ta gjerne med en gjest.",
    PROFESSIONAL,
    (F.PITCH, F.FOOD),
    60,
    rooms=("Låven",),
    capacity=14,
    audience=Audience.GUESTS,
    going=(3, 5),
    walk_ins=1,
    met_someone=0.35,
)
FJELLGARDEN_TOUR = Plan(
    "Omvisning for nye medlemmer",
    "En runde i huset, nøkkelkort og kaffekassa, og en prat om hvordan vi har det her.",
    ONBOARDING,
    (F.TALK,),
    60,
    rooms=("Stabburet", "Låven"),
    capacity=6,
    going=(1, 3),
    walk_ins=0,
    met_someone=0.6,
    lead_days=14,
    newcomers=True,
)
FJELLGARDEN_COURSE = Plan(
    "Kurs: Kom i gang med KI-verktøy i småbedriften",
    "Kodekraft viser hvordan du bruker KI til tekst, regneark og kundeservice – og hva du "
    "ikke bør legge inn. Ta med PC.",
    LEARNING,
    (F.WORKSHOP,),
    150,
    rooms=("Låven",),
    capacity=14,
    host_kind=HostKind.COMPANY,
    host="kodekraft",
    going=(4, 6),
    walk_ins=1,
    lead_days=28,
)
FJELLGARDEN_INVESTORS = Plan(
    "Investor-speeddating: møt investorene i Innlandet",
    "Fire investorer fra Vidda Invest og nettverket deres tar en ettermiddag i Fagernes. "
    "Ti minutter med hver; meld deg på med en setning om hva du trenger.",
    PROFESSIONAL,
    (F.SPEED_DATING,),
    120,
    rooms=("Låven",),
    capacity=10,
    host_kind=HostKind.OUTSIDE,
    host="Vidda Invest",
    going=(3, 5),
    walk_ins=0,
    met_someone=0.85,
    lead_days=35,
)
FJELLGARDEN_SKI_TRIP = Plan(
    "Skitur i lunsjen",
    "Når løypene er kjørt: en times tur rundt skistadion i lunsjen, og kakao etterpå. "
    "Jeg tar med termos.",
    SOCIAL,
    (F.MEETUP,),
    90,
    location="Valdres skistadion, Fagernes",
)


def _fjellgarden() -> Calendar:
    once: list[Once] = []
    talks = iter(FJELLGARDEN_LUNCH_TALKS * 2)
    for week in range(-PAST_WEEKS, FUTURE_WEEKS + 1):
        if week % 2 == 1:
            once.append(Once(next(talks), week, 3, dt.time(11, 30)))
        if week % 4 == 0:
            once.append(Once(FJELLGARDEN_FOUNDERS_LUNCH, week, 1, dt.time(11, 30)))
    once += [
        Once(FJELLGARDEN_TOUR, -5, 1, dt.time(9)),
        Once(FJELLGARDEN_COURSE, -2, 3, dt.time(13)),
        Once(FJELLGARDEN_TOUR, 2, 1, dt.time(9)),
        Once(FJELLGARDEN_INVESTORS, 3, 1, dt.time(13)),
    ]
    return Calendar(
        place=_PEISESTUA,
        repeats=(
            Repeat(FJELLGARDEN_BAR, 4, dt.time(15), 1),
            Repeat(FJELLGARDEN_BREAKFAST, 2, dt.time(8), 4, first_week=-10),
        ),
        once=tuple(once),
        proposals=(
            Proposal("Tore Fjeld", FJELLGARDEN_SKI_TRIP, 2, 2, dt.time(11), proposed_days_ago=3),
        ),
    )


CALENDARS = {content.SMARTBY: _smartby, content.FJELLGARDEN: _fjellgarden}


# --- the result ------------------------------------------------------------------------------


@dataclass
class EventsDemoResult:
    past: int = 0
    upcoming: int = 0
    rsvps: int = 0
    check_ins: int = 0
    walk_ins: int = 0
    no_shows: int = 0
    feedback: int = 0
    proposals: int = 0

    def summary(self) -> str:
        return (
            f"  events: {self.past} past and {self.upcoming} upcoming; {self.rsvps} RSVPs, "
            f"{self.check_ins} check-ins ({self.walk_ins} walk-ins), {self.no_shows} no-shows, "
            f"{self.feedback} feedback answers, {self.proposals} proposals waiting for the CM"
        )


def demo_events_build(
    *, spaces: Mapping[str, Space], managers: Mapping[str, User], seed: int, today: dt.date
) -> EventsDemoResult:
    """The hand-written spaces' calendars (call inside demo_build's transaction, after the
    bookings demo: events hold rooms around its bookings)."""
    now = timezone.now()
    outbox_before = OutboundEmail.objects.order_by("-pk").values_list("pk", flat=True).first()
    made: list[_Made] = []
    sent_at: dict[str, dt.datetime] = {}
    for slug, space in spaces.items():
        calendar = _SpaceCalendar(
            space=space, cm=managers[slug], seed=seed, today=today, now=now, sent_at=sent_at
        )
        calendar.build(CALENDARS[slug]())
        made.extend(calendar.made)
    _settle(made, now=now, since_pk=outbox_before or 0, sent_at=sent_at)
    return _result(spaces.values(), now=now)


# --- building one space's calendar ------------------------------------------------------------


@dataclass
class _Person:
    member: Member
    present: frozenset[int]  # weekdays they are usually in
    engagement: float  # regulars high, most around one, some hardly ever
    likes: dict[str, float]  # by event kind


@dataclass
class _Made:
    event: Event
    plan: Plan
    announced: dt.datetime  # when members could first answer
    role: str = ""


@dataclass
class _SpaceCalendar:
    space: Space
    cm: User
    seed: int
    today: dt.date
    now: dt.datetime
    sent_at: dict[str, dt.datetime]
    made: list[_Made] = field(default_factory=list)
    people: list[_Person] = field(default_factory=list)
    rooms: dict[str, Resource] = field(default_factory=dict)
    companies: dict[str, Company] = field(default_factory=dict)
    closed: set[dt.date] = field(default_factory=set)
    open_weekdays: set[int] = field(default_factory=set)
    ingrid: Member | None = None

    # --- setting up ---------------------------------------------------------------------

    def load(self) -> None:
        space = self.space
        # The house rule: every event at Torget is open to all members (no plan-only events).
        Resource.objects.filter(space=space, name="Torget").update(events_open_to_all=True)
        self.rooms = {
            r.name: r for r in Resource.objects.filter(space=space).select_related("space")
        }
        names = {spec.name: spec.key for spec in content.COMPANIES}
        self.companies = {
            names[c.name]: c for c in Company.objects.filter(space=space) if c.name in names
        }
        self.open_weekdays = set(
            OpeningHours.objects.filter(space=space).values_list("weekday", flat=True)
        )
        first, last = self.week_day(-PAST_WEEKS, 0), self.week_day(FUTURE_WEEKS, 6)
        self.closed = set(ClosedDay.objects.filter(space=space).values_list("date", flat=True))
        for year in range(first.year, last.year + 1):
            self.closed |= set(norwegian_holidays(year))
        rng = random.Random(f"events-{self.seed}-{space.slug}-people")
        for member in (
            Member.objects.filter(space=space, status=MemberStatus.ACTIVE)
            .select_related("user__profile", "space")
            .order_by("pk")
        ):
            days = member.user.profile.presence_days or []
            tier = rng.random()
            engagement = (
                rng.uniform(2.5, 4.0)
                if tier < 0.2
                else rng.uniform(0.7, 1.4)
                if tier < 0.75
                else rng.uniform(0.1, 0.35)
            )
            self.people.append(
                _Person(
                    member=member,
                    present=frozenset(_DAY_NAMES.index(d) for d in days if d in _DAY_NAMES),
                    engagement=engagement,
                    likes={kind: rng.uniform(0.5, 1.5) for kind in EventKind.values},
                )
            )
            if member.user.full_name == content.DEMO_MEMBER_NAME:
                self.ingrid = member
                self.people[-1].engagement = max(engagement, 2.0)  # she comes to a lot

    def week_day(self, week: int, weekday: int) -> dt.date:
        monday = self.today - dt.timedelta(days=self.today.weekday())
        return monday + dt.timedelta(weeks=week, days=weekday)

    def at(self, day: dt.date, time: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, time, tzinfo=self.space.tzinfo)

    def is_open(self, day: dt.date) -> bool:
        return day not in self.closed and day.weekday() in self.open_weekdays

    def member_named(self, name: str) -> Member:
        return next(p.member for p in self.people if p.member.user.full_name == name)

    # --- creating the events ---------------------------------------------------------------

    def build(self, calendar: Calendar) -> None:
        self.load()
        for repeat in calendar.repeats:
            self.repeat(repeat, place=calendar.place)
        for item in calendar.once:
            day = self.week_day(item.week, item.weekday)
            while not self.is_open(day) and day.weekday() < 4:  # a holiday: a day later
                day += dt.timedelta(days=1)
            if not self.is_open(day):
                continue
            start = self.at(day, item.time)
            announced = self.announce(start, item.plan.lead_days, salt=len(self.made))
            event = self.create(item.plan, start, item.plan.rooms, place=calendar.place)
            self.made.append(_Made(event, item.plan, announced, role=item.role))
        for proposal in calendar.proposals:
            self.propose(proposal, place=calendar.place)
        self.made.sort(key=lambda m: (m.event.start, m.event.pk))
        self.assign_roles()
        for index, made in enumerate(self.made):
            rng = random.Random(f"events-{self.seed}-{self.space.slug}-{index}")
            self.answer(made, rng)
            self.attend(made, rng)

    def announce(self, start: dt.datetime, lead_days: int, *, salt: int) -> dt.datetime:
        """When the CM published it: `lead_days` before, in office hours, and at least a day
        before now."""
        day = timezone.localdate(start, self.space.tzinfo) - dt.timedelta(days=lead_days)
        announced = self.at(day, dt.time(9)) + dt.timedelta(minutes=(salt * 37) % 420)
        return min(announced, self.now - dt.timedelta(days=1, minutes=(salt * 13) % 600))

    def data(self, plan: Plan, start: dt.datetime, room: Resource | None, place: str) -> EventData:
        capacity = plan.capacity
        if room is not None and capacity is not None:
            capacity = min(capacity, room.capacity)
        deadline = start - dt.timedelta(hours=plan.deadline_hours) if plan.deadline_hours else None
        return EventData(
            title=plan.title,
            description=plan.description,
            language=plan.language,
            kind=plan.kind,
            formats=plan.formats,
            start=start,
            end=start + dt.timedelta(minutes=plan.minutes),
            host_kind=plan.host_kind,
            host_company=self.companies.get(plan.host)
            if plan.host_kind == HostKind.COMPANY
            else None,
            host_name=plan.host if plan.host_kind == HostKind.OUTSIDE else "",
            resource=room,
            location="" if room is not None else plan.location or place,
            capacity=capacity,
            rsvp_deadline=deadline,
            audience=plan.audience,
        )

    def create(self, plan: Plan, start: dt.datetime, rooms: Sequence[str], *, place: str) -> Event:
        """The event in the first of `rooms` that is free then (the service holds it), else at
        the space's other place."""
        for name in rooms:
            try:
                return event_create(
                    space=self.space,
                    data=self.data(plan, start, self.rooms[name], place),
                    actor=self.cm,
                )
            except ValidationError as error:
                if "resource" not in error.message_dict:
                    raise
        return event_create(
            space=self.space, data=self.data(plan, start, None, place), actor=self.cm
        )

    def repeat(self, repeat: Repeat, *, place: str) -> None:
        """A series over the whole window. The CM split it around holidays (that week's
        occurrence moves to the day before, on its own) and moved the occurrences whose
        room was already booked to another room or `place`."""
        plan = repeat.plan
        days = [
            self.week_day(week, repeat.weekday)
            for week in range(repeat.first_week, FUTURE_WEEKS + 1, repeat.every_weeks)
            if week >= -PAST_WEEKS
        ]
        runs: list[list[dt.date]] = [[]]
        moved: list[dt.date] = []
        for day in days:
            if self.is_open(day):
                runs[-1].append(day)
                continue
            runs.append([])
            before = day - dt.timedelta(days=1)
            if self.is_open(before):
                moved.append(before)
        announced = self.announce(self.at(days[0], repeat.time), plan.lead_days, salt=len(days))
        for run in (run for run in runs if run):
            data = self.data(plan, self.at(run[0], repeat.time), self.rooms[plan.rooms[0]], place)
            try:
                result = event_series_create(
                    space=self.space,
                    data=data,
                    every_weeks=repeat.every_weeks,
                    until=run[-1],
                    actor=self.cm,
                )
            except ValidationError:  # none could be held: each goes elsewhere on its own
                conflicts = [self.at(day, repeat.time) for day in run]
            else:
                self.made += [_Made(event, plan, announced) for event in result.created]
                conflicts = [start for start, _why in result.conflicts]
            for start in conflicts:
                event = self.create(plan, start, plan.rooms[1:], place=place)
                self.made.append(_Made(event, plan, announced))
        for day in moved:
            event = self.create(plan, self.at(day, repeat.time), plan.rooms, place=place)
            self.made.append(_Made(event, plan, announced))

    def propose(self, proposal: Proposal, *, place: str) -> None:
        member = self.member_named(proposal.proposer)
        day = self.week_day(proposal.week, proposal.weekday)
        start = self.at(day, proposal.time)
        room = self.rooms[proposal.plan.rooms[0]] if proposal.plan.rooms else None
        data = replace(self.data(proposal.plan, start, room, place), host_kind=HostKind.MEMBER)
        if proposal.decision == "approved":
            proposed = start - dt.timedelta(days=proposal.proposed_days_ago)
            decided = start - dt.timedelta(days=proposal.decided_days_ago)
        else:
            proposed = self.at(
                self.today - dt.timedelta(days=proposal.proposed_days_ago), dt.time(14)
            )
            decided = self.at(self.today - dt.timedelta(days=proposal.decided_days_ago), dt.time(9))
        event = event_propose(member=member, data=data, actor=member.user)
        Event.objects.filter(pk=event.pk).update(created_at=proposed)
        if not proposal.decision:
            return
        self.sent_at[f"event-{event.pk}-decided"] = decided
        if proposal.decision == "declined":
            event_decide(event=event, actor=self.cm, approve=False, message=proposal.message)
            return
        try:
            event = event_decide(event=event, actor=self.cm, approve=True)
        except ValidationError:  # the room was taken meanwhile: approved for the other place
            event = event_decide(
                event=event,
                actor=self.cm,
                approve=True,
                data=replace(data, resource=None, location=place),
            )
        event.created_at = proposed
        self.made.append(_Made(event, proposal.plan, decided, role="proposal"))

    def assign_roles(self) -> None:
        """The demo member's events, and the full one: chosen among what was created."""
        upcoming = [m for m in self.made if m.event.start > self.now]
        lectures = [m for m in upcoming if m.role == "lecture"]
        if lectures:
            lectures[0].role = "full"
        if self.ingrid is None:
            for item in self.made:
                item.role = "" if item.role.startswith("ingrid") else item.role
            return
        bars = [m for m in upcoming if m.plan is SMARTBY_BAR]
        if bars:
            bars[0].role = "ingrid"
        closed = [
            m
            for m in self.made
            if m.role == "lecture" and m.event.end + ATTENDANCE_GRACE <= self.now
        ]
        if closed:
            closed[-1].role = "ingrid_feedback_pending"

    # --- members answering and coming -------------------------------------------------------

    def weight(self, person: _Person, event: Event, plan: Plan) -> float:
        weekday = timezone.localdate(event.start, self.space.tzinfo).weekday()
        present = 1.0 if not person.present or weekday in person.present else 0.35
        host = (
            3.0
            if plan.host_kind == HostKind.COMPANY
            and (person.member.company_id == getattr(self.companies.get(plan.host), "pk", None))
            else 1.0
        )
        return person.engagement * person.likes[plan.kind] * present * host

    def answer(self, item: _Made, rng: random.Random) -> None:
        """Members answer between the announcement and the deadline (or now): most soon after
        it was announced. The demo member answers only where she has a part to play, and at
        random in the past."""
        event, plan, role = item.event, item.plan, item.role
        closes = min(rsvp_deadline(event), self.now)
        opened = item.announced
        if closes <= opened:
            return
        ingrid = self.ingrid
        ingrid_at_random = event.end + ATTENDANCE_GRACE <= self.now and not role.startswith(
            "ingrid"
        )
        pool = [
            p
            for p in self.people
            if p.member.joined_at < closes - dt.timedelta(hours=1)
            and (ingrid_at_random or p.member != ingrid)
        ]
        if plan.newcomers:
            pool = [p for p in pool if p.member.joined_at > event.start - dt.timedelta(days=75)]
        capacity = event.capacity or 0
        if role == "full":
            wanted = capacity + 3  # three more than there are seats
        else:
            days_ahead = (event.start - self.now).days
            filling = 1.0 if days_ahead < 7 else 0.75 if days_ahead < 14 else 0.5
            wanted = round(rng.randint(*plan.going) * filling)
        going = _weighted_sample(pool, [self.weight(p, event, plan) for p in pool], wanted, rng)
        chosen = {p.member.pk for p in going}
        rest = [p for p in pool if p.member.pk not in chosen]
        declined = rng.sample(rest, min(len(rest), rng.randint(0, 1)))

        def when(member: Member) -> dt.datetime:
            lo = max(opened, member.joined_at + dt.timedelta(hours=1))
            return lo + (closes - lo) * rng.random() ** 1.5

        answers = [(when(p.member), p.member, True) for p in going]
        answers += [(when(p.member), p.member, False) for p in declined]
        if ingrid is not None and role in ("ingrid", "ingrid_feedback_pending"):
            answers.append((opened + (closes - opened) / 20, ingrid, True))  # early: a seat
        yes = sorted(moment for moment, _member, going_ in answers if going_)
        if ingrid is not None and role == "full" and len(yes) >= capacity + 3:
            # She asks after the seats are gone: third on the waiting list (then second).
            answers.append(
                (yes[capacity + 1] + (yes[capacity + 2] - yes[capacity + 1]) / 2, ingrid, True)
            )
        answers.sort(key=lambda a: (a[0], a[1].pk))
        for moment, member, going_ in answers:
            guest = ""
            if going_ and event.guests_allowed and member != ingrid and rng.random() < 0.25:
                guest = rng.choice(GUEST_NAMES)
            rsvp_answer(
                event=event,
                member=member,
                actor=member.user,
                going=going_,
                guest_name=guest,
                now=moment,
            )
        if role == "full" and len(yes) > capacity:
            # Someone with a seat gives it back after the list formed: the first in line is
            # promoted (and told).
            seated = [m for _t, m, going_ in answers if going_ and m != ingrid][: capacity - 1]
            leaving = rng.choice(seated)
            last = answers[-1][0]
            moment = last + (closes - last) * rng.uniform(0.3, 0.7)
            rsvp_answer(event=event, member=leaving, actor=leaving.user, going=False, now=moment)
            self.sent_at[f"event-{event.pk}-promoted"] = moment

    def attend(self, item: _Made, rng: random.Random) -> None:
        """Check-ins (at the door by the QR code, or ticked by the CM), walk-ins, then, once it
        is over, no-shows recorded and feedback from most of those who came."""
        event, plan = item.event, item.plan
        if event.start > self.now:
            return
        ingrid = self.ingrid
        pending = item.role == "ingrid_feedback_pending"
        latest = min(self.now, event.end - dt.timedelta(minutes=1))
        came: list[Member] = []
        rate = rng.uniform(0.7, 0.9)
        going = list(
            Rsvp.objects.filter(event=event, status=RsvpStatus.GOING)
            .select_related("member__user", "member__space")
            .order_by("pk")
        )
        for rsvp in going:
            forced = pending and rsvp.member == ingrid
            if not forced and rng.random() >= rate:
                continue
            moment = event.start + dt.timedelta(minutes=rng.randint(-10, 25))
            if moment > latest:
                continue
            by_qr = rng.random() < 0.7
            event_check_in(
                event=event,
                member=rsvp.member,
                actor=rsvp.member.user if by_qr else self.cm,
                now=moment,
            )
            came.append(rsvp.member)
        answered = set(Rsvp.objects.filter(event=event).values_list("member_id", flat=True))
        others = [
            p
            for p in self.people
            if p.member.pk not in answered
            and p.member != ingrid
            and p.member.joined_at < event.start
        ]
        room_left = None if event.capacity is None else event.capacity - len(going)
        walk_ins = rng.randint(0, plan.walk_ins)
        if room_left is not None:
            walk_ins = min(walk_ins, max(room_left, 0))
        for person in _weighted_sample(
            others, [self.weight(p, event, plan) for p in others], walk_ins, rng
        ):
            moment = event.start + dt.timedelta(minutes=rng.randint(5, 60))
            if moment > latest:
                continue
            event_check_in(event=event, member=person.member, actor=person.member.user, now=moment)
            came.append(person.member)
        closed = event.end + ATTENDANCE_GRACE
        if closed > self.now:
            return  # attendance stays open: the CM can still tick the list
        event_attendance_close(event=event, now=closed)
        self.sent_at[f"event-{event.pk}-feedback"] = closed
        share = rng.uniform(0.75, 0.9)
        for member in came:
            is_ingrid = member == ingrid
            if pending and is_ingrid:
                continue
            if not is_ingrid and rng.random() >= share:
                continue
            moment = closed + dt.timedelta(minutes=rng.randint(5, 36 * 60))
            if moment >= self.now:
                if not is_ingrid:
                    continue
                moment = closed + (self.now - closed) / 2
            met: bool | None = rng.random() < plan.met_someone
            if rng.random() < 0.1:
                met = None  # answered only the first question
            feedback_give(
                event=event,
                member=member,
                actor=member.user,
                worth_it=rng.random() < 0.86,
                met_someone_new=met,
                now=moment,
            )


def _weighted_sample[T](
    items: Sequence[T], weights: Sequence[float], count: int, rng: random.Random
) -> list[T]:
    """`count` items without replacement, each drawn with odds by its weight (Efraimidis and
    Spirakis: the largest random**(1/weight) keys win)."""
    keyed = sorted(
        ((rng.random() ** (1.0 / w), index) for index, w in enumerate(weights) if w > 0),
        reverse=True,
    )
    return [items[index] for _key, index in keyed[: max(count, 0)]]


# --- after building ------------------------------------------------------------------------


def _settle(
    made: Sequence[_Made], *, now: dt.datetime, since_pk: int, sent_at: Mapping[str, dt.datetime]
) -> None:
    """Backdate what the services stamped with the clock: when each event was announced (and
    its room held), and when the e-mails they queued were sent. Rooms of events that have
    started were in use (as the bookings demo checks in the bookings that have started)."""
    events = [item.event for item in made]
    announced = {item.event.pk: item.announced for item in made}
    for item in made:
        if item.role != "proposal":  # a proposal was made before it was announced
            item.event.created_at = item.announced
    Event.objects.bulk_update(events, ["created_at"], batch_size=500)
    series: dict[int, dt.datetime] = {}
    for event in events:
        if event.series_id is not None:
            series[event.series_id] = min(
                event.created_at, series.get(event.series_id, event.created_at)
            )
    EventSeries.objects.bulk_update(
        [EventSeries(pk=pk, created_at=created) for pk, created in series.items()], ["created_at"]
    )
    holds = {event.room_booking_id: event for event in events if event.room_booking_id is not None}
    bookings = list(Booking.objects.filter(pk__in=list(holds)))
    for booking in bookings:
        event = holds[booking.pk]
        booking.created_at = announced[event.pk]
        if event.start <= now:
            booking.checked_in_at = event.start
    Booking.objects.bulk_update(bookings, ["created_at", "checked_in_at"], batch_size=500)
    emails = list(OutboundEmail.objects.filter(pk__gt=since_pk, key__startswith="event-"))
    for email in emails:
        match = _EMAIL_KEY.match(email.key)
        email.created_at = email.sent_at = sent_at.get(match.group(1), now) if match else now
    OutboundEmail.objects.bulk_update(emails, ["created_at", "sent_at"], batch_size=1000)


def _result(spaces: Iterable[Space], *, now: dt.datetime) -> EventsDemoResult:
    events = Event.objects.filter(space__in=list(spaces))
    published = events.filter(status=EventStatus.PUBLISHED)
    rsvps = Rsvp.objects.filter(event__in=published).aggregate(
        answers=Count("pk", filter=Q(walk_in=False)),
        check_ins=Count("pk", filter=Q(checked_in_at__isnull=False)),
        walk_ins=Count("pk", filter=Q(walk_in=True)),
        no_shows=Count("pk", filter=Q(no_show=True)),
    )
    return EventsDemoResult(
        past=published.filter(start__lte=now).count(),
        upcoming=published.filter(start__gt=now).count(),
        rsvps=rsvps["answers"],
        check_ins=rsvps["check_ins"],
        walk_ins=rsvps["walk_ins"],
        no_shows=rsvps["no_shows"],
        feedback=Feedback.objects.filter(event__in=published).count(),
        proposals=events.filter(status=EventStatus.PROPOSED).count(),
    )
