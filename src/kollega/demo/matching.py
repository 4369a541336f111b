"""Matchmaking in the demo: settings, members' choices, past pairing rounds, introductions in
every state and what came of them, and fresh suggestions for everyone.

Built through the matchmaking services (so blocks, opt-outs, "never colleagues" and "no
repeat within the window" hold exactly as in production), then backdated with queryset
updates: the rounds ran on past Mondays, introductions were asked for days or weeks ago.
Only the hand-written spaces get matchmaking; the large synthetic ones (`--members N`) are
left alone, so that building them computes no suggestions.

The services queue e-mails (asking, accepted, your pair this week). The demo must send
nothing, so those outbox rows are marked as sent at the moment they belong to: a worker
that picks up their send tasks finds them delivered and does nothing. (The addresses use
the reserved `.example` domain anyway, and `demo_wipe` deletes them with the users.)
"""

# ruff: noqa: RUF001 - the notes are written with the en dashes Nordic typography uses.
from __future__ import annotations

import datetime as dt
import random
import re
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from kollega.accounts.models import User
from kollega.demo import content
from kollega.matching.engine.reasons import first_name, quote
from kollega.matching.engine.scoring import explain
from kollega.matching.engine.types import Reason
from kollega.matching.engine.vocabulary import Vocabulary
from kollega.matching.models import (
    Cadence,
    Introduction,
    IntroductionStatus,
    Outcome,
    Pair,
    PairingRound,
    SpaceConcept,
    Suggestion,
    Weekday,
)
from kollega.matching.services import (
    block_create,
    introduction_answer,
    introduction_broker,
    introduction_request,
    introduction_withdraw,
    matching_settings_update,
    outcome_record,
    pairing_round_run,
    preference_update,
    space_concept_save,
    suggestions_refresh,
)
from kollega.matching.services.engine_input import (
    common_day,
    engine_profiles,
    reader_language,
    space_vocabulary,
)
from kollega.members.models import Member, MemberStatus
from kollega.notifications.models import OutboundEmail
from kollega.spaces.models import Space

Log = Callable[[str], None]

PAIRING_SHARE = 0.7  # of a space's active members opted in to pairing rounds
OPTED_OUT = {content.SMARTBY: 2, content.FJELLGARDEN: 1}  # out of matchmaking altogether
SMARTBY_ROUNDS = 5  # weekly, the last one this week
FJELLGARDEN_ROUNDS = 2  # every other week

# Smartby's own word for something the shipped vocabulary does not know: the traffic and
# bike counts that Bylogikk, Datavev and the city keep asking each other for. Sensors
# (a shipped concept) are what meets a need for them.
SMARTBY_CONCEPT_ID = "traffic-counts"
SMARTBY_CONCEPT_LABELS: dict[str, object] = {
    "nb": ["trafikktellinger", "trafikktelling", "sykkeltellinger", "tellepunkter"],
    "en": ["traffic counts", "traffic count", "bike counts", "bike-count data"],
}

# What a member writes when asking to meet someone, by the strongest reason the engine
# sees for it (from the asker's side) and the asker's language. {name}: the other's first
# name; {their}: the other's own words, quoted; {label}: the shared concept.
NOTES: dict[str, dict[str, str]] = {
    "en": {
        "offers_need": "Hi {name}! I saw that you offer {their} – that is exactly what I "
        "need help with right now. Could we grab a coffee one day this week?",
        "needs_offer": "Hi {name}, you mention that you are looking for {their}. I might be "
        "able to help – happy to have a chat over coffee.",
        "shared": "Hi {name}! Looks like we are both into {label}. Fancy a coffee and "
        "comparing notes?",
        "other": "Hi {name}! I read your profile and think we have a lot to talk about. "
        "Coffee one day?",
    },
    "nb": {
        "offers_need": "Hei {name}! Jeg så at du tilbyr {their} – det er akkurat det jeg "
        "trenger hjelp med nå. Har du tid til en kaffe en dag denne uka?",
        "needs_offer": "Hei {name}! Du skriver at du ser etter {their}. Det kan jeg kanskje "
        "hjelpe med – skal vi ta en kaffe?",
        "shared": "Hei {name}! Vi er visst begge opptatt av {label}. Lyst til å ta en kaffe "
        "og utveksle erfaringer?",
        "other": "Hei {name}! Jeg leste profilen din og tror vi har en del å snakke om. "
        "Kaffe en dag?",
    },
    "da": {
        "offers_need": "Hej {name}! Jeg kan se, at du tilbyder {their} – det er præcis det, "
        "jeg har brug for lige nu. Har du tid til en kop kaffe en af dagene?",
        "needs_offer": "Hej {name}! Du skriver, at du søger {their}. Det kan jeg måske hjælpe "
        "med – skal vi tage en kop kaffe?",
        "shared": "Hej {name}! Vi er vist begge optaget af {label}. Skal vi tage en kop kaffe "
        "og udveksle erfaringer?",
        "other": "Hej {name}! Jeg har læst din profil og tror, at vi har en del at tale om. "
        "Kaffe en dag?",
    },
    "sv": {
        "offers_need": "Hej {name}! Jag såg att du erbjuder {their} – det är precis vad jag "
        "behöver hjälp med just nu. Har du tid för en fika någon dag?",
        "needs_offer": "Hej {name}! Du skriver att du söker {their}. Det kan jag kanske hjälpa "
        "till med – ska vi ta en fika?",
        "shared": "Hej {name}! Vi verkar båda vara intresserade av {label}. Ska vi ta en fika "
        "och utbyta erfarenheter?",
        "other": "Hej {name}! Jag läste din profil och tror att vi har en del att prata om. "
        "Fika någon dag?",
    },
}
# The community manager's note when she introduces two members herself.
BROKER_NOTES: dict[str, str] = {
    "nb": "Hei {first} og {second}! Jeg tror dere to burde snakke sammen – dere jobber med "
    "mye av det samme fra hver deres kant. Ta en kaffe når dere begge er her. Hilsen {me}",
    "en": "Hi {first} and {second}! I think you two should talk – you work on much of the "
    "same from different sides. Grab a coffee when you are both in. Best, {me}",
}
_EMAIL_KEY = re.compile(r"^(introduction-\d+-(?:ask|accepted)-|pair-\d+-)")


@dataclass
class MatchingDemoResult:
    rounds: int = 0
    pairs: int = 0
    introductions: int = 0
    outcomes: int = 0
    suggestions: int = 0
    opted_in: int = 0
    opted_out: int = 0

    def summary(self) -> str:
        return (
            f"  matchmaking: {self.opted_in} members in pairing rounds, {self.opted_out} opted "
            f"out; {self.rounds} rounds with {self.pairs} pairs, {self.introductions} "
            f"introductions, {self.outcomes} outcomes, {self.suggestions} suggestions"
        )


def at(day: dt.date, tz: str, hour: int, minute: int = 0) -> dt.datetime:
    start = dt.datetime.combine(day, dt.time(hour), tzinfo=zoneinfo.ZoneInfo(tz))
    return start + dt.timedelta(minutes=minute)


def last_weekday(today: dt.date, weekday: int) -> dt.date:
    """The latest `weekday` (0 = Monday) on or before `today`."""
    return today - dt.timedelta(days=(today.weekday() - weekday) % 7)


def demo_matching_build(
    *,
    spaces: Mapping[str, Space],
    managers: Mapping[str, User],
    seed: int,
    today: dt.date,
    log: Log,
) -> MatchingDemoResult:
    """Matchmaking for the hand-written demo spaces (call inside demo_build's transaction)."""
    rng = random.Random(f"matching-{seed}")
    result = MatchingDemoResult()
    outbox_before = OutboundEmail.objects.aggregate(last=Max("pk"))["last"] or 0
    sent_at: dict[str, dt.datetime] = {}

    smartby, fjellgarden = spaces[content.SMARTBY], spaces[content.FJELLGARDEN]
    cm = managers[content.SMARTBY]
    matching_settings_update(
        space=smartby,
        actor=cm,
        pairing_cadence=Cadence.WEEKLY,
        pairing_weekday=Weekday.MONDAY,
        repeat_window=8,
        periphery_boost=0.2,
    )
    matching_settings_update(
        space=fjellgarden,
        actor=managers[content.FJELLGARDEN],
        pairing_cadence=Cadence.FORTNIGHTLY,
        pairing_weekday=Weekday.MONDAY,
    )
    rounds = {content.SMARTBY: SMARTBY_ROUNDS, content.FJELLGARDEN: FJELLGARDEN_ROUNDS}
    cadence = {content.SMARTBY: 1, content.FJELLGARDEN: 2}
    for slug, space in spaces.items():
        weeks = [
            last_weekday(today, Weekday.MONDAY) - dt.timedelta(weeks=cadence[slug] * back)
            for back in range(rounds[slug] - 1, -1, -1)
        ]
        opted_in, opted_out = _preferences(
            space=space, rng=rng, opt_outs=OPTED_OUT[slug], joined_by=weeks[0]
        )
        result.opted_in += opted_in
        result.opted_out += opted_out
        if slug == content.SMARTBY:
            _block(space=space, rng=rng)
        for week_of in weeks:  # oldest first: each round avoids the pairs before it
            round_ = pairing_round_run(space=space, week_of=week_of, actor=None)
            announced = at(week_of, space.time_zone, 8)
            PairingRound.objects.filter(pk=round_.pk).update(created_at=announced)
            for pair_id in Pair.objects.filter(round=round_).values_list("pk", flat=True):
                sent_at[f"pair-{pair_id}-"] = announced
            result.rounds += 1
        result.outcomes += _pair_outcomes(space=space, rng=rng, today=today)
    result.pairs = Pair.objects.filter(
        round__space__in=spaces.values(), second__isnull=False
    ).count()

    suggestions_refresh(space=smartby)  # the introductions follow the engine's suggestions
    introductions = _Introductions(space=smartby, cm=cm, rng=rng, today=today, sent_at=sent_at)
    introductions.build()
    result.introductions = introductions.count
    result.outcomes += introductions.outcomes

    # The CM taught the vocabulary Smartby's own word last week. (Added last on purpose: a
    # space's own concepts make every engine call rebuild the vocabulary, ~0.2 s each.)
    concept = space_concept_save(
        space=smartby,
        actor=cm,
        concept_id=SMARTBY_CONCEPT_ID,
        kind="skill",
        labels=SMARTBY_CONCEPT_LABELS,
        complements=["sensors"],
    )
    SpaceConcept.objects.filter(pk=concept.pk).update(
        created_at=at(today - dt.timedelta(days=6), smartby.time_zone, 14)
    )
    for space in spaces.values():
        result.suggestions += suggestions_refresh(space=space)
    _outbox_settle(since_pk=outbox_before, sent_at=sent_at)
    log(result.summary())
    return result


def _active(space: Space) -> list[Member]:
    return list(
        Member.objects.filter(space=space, status=MemberStatus.ACTIVE)
        .select_related("user", "space", "company")
        .order_by("pk")
    )


def _preferences(
    *, space: Space, rng: random.Random, opt_outs: int, joined_by: dt.date
) -> tuple[int, int]:
    """A few members opt out of matchmaking; about PAIRING_SHARE of the others (who were
    already members when the first round ran, and always the demo member) opt in to pairing.
    Everyone else keeps the defaults: suggestions on, no pairing rounds."""
    members = _active(space)
    demo_member = [m for m in members if m.user.full_name == content.DEMO_MEMBER_NAME]
    others = [m for m in members if m not in demo_member]
    out = rng.sample([m for m in others if not m.is_company_contact], opt_outs)
    for member in out:
        preference_update(member=member, actor=member.user, suggestions_opt_out=True)
    eligible = [
        m
        for m in others
        if m not in out and m.joined_at is not None and m.joined_at.date() <= joined_by
    ]
    wanted = max(round(PAIRING_SHARE * len(members)) - len(demo_member), 0)
    chosen = demo_member + sorted(
        rng.sample(eligible, min(wanted, len(eligible))), key=lambda m: m.pk
    )
    for member in chosen:
        preference_update(member=member, actor=member.user, pairing_opt_in=True)
    return len(chosen), len(out)


def _block(*, space: Space, rng: random.Random) -> None:
    """One member has blocked another (who is never told)."""
    members = [m for m in _active(space) if m.user.full_name != content.DEMO_MEMBER_NAME]
    blocker = rng.choice(members)
    blocked = rng.choice(
        [m for m in members if m != blocker and (m.company_id or -1) != blocker.company_id]
    )
    block_create(blocker=blocker, blocked=blocked, actor=blocker.user)


def _pair_outcomes(*, space: Space, rng: random.Random, today: dt.date) -> int:
    """Most pairs of rounds at least a few days old said how it went: mostly they met, many
    found it useful, for a few it led to working together."""
    pairs = list(
        Pair.objects.filter(
            round__space=space,
            round__week_of__lt=today - dt.timedelta(days=3),
            second__isnull=False,
        )
        .select_related("round", "first", "second")
        .order_by("round__week_of", "pk")
    )
    recorded: list[tuple[Outcome, dt.datetime]] = []
    for pair in pairs:
        if rng.random() < 0.15:
            continue  # nobody answered
        met = rng.random() < 0.85
        day = pair.suggested_day or pair.round.week_of + dt.timedelta(days=2)
        sides = [pair.first, pair.second] if rng.random() < 0.6 else [pair.first]
        for member in sides:
            assert member is not None
            useful = rng.random() < 0.7 if met else None
            work = bool(useful and rng.random() < 0.08) if met else None
            outcome = outcome_record(
                member=member, pair=pair, met=met, useful=useful, led_to_work=work
            )
            recorded.append((outcome, _answered(day, space, rng, today)))
    if not any(o.led_to_work for o, _when in recorded):  # a few: at least one
        for index, (outcome, when) in enumerate(recorded):
            if outcome.useful and outcome.pair is not None:
                recorded[index] = (
                    outcome_record(
                        member=outcome.member,
                        pair=outcome.pair,
                        met=True,
                        useful=True,
                        led_to_work=True,
                    ),
                    when,
                )
                break
    _backdate_outcomes(recorded)
    return len(recorded)


def _answered(met_on: dt.date, space: Space, rng: random.Random, today: dt.date) -> dt.datetime:
    """When someone said how a meeting went: the day after it, or so; never in the future."""
    day = min(met_on + dt.timedelta(days=rng.randrange(0, 3)), today)
    return min(at(day, space.time_zone, 15, rng.randrange(180)), timezone.now())


def _backdate_outcomes(recorded: Sequence[tuple[Outcome, dt.datetime]]) -> None:
    for outcome, when in recorded:
        outcome.answered_at = when
    Outcome.objects.bulk_update([o for o, _when in recorded], ["answered_at"])


@dataclass
class _Introductions:
    """Introductions in Smartby in every state, between people the engine suggests."""

    space: Space
    cm: User
    rng: random.Random
    today: dt.date
    sent_at: dict[str, dt.datetime]
    count: int = 0
    outcomes: int = 0
    members: dict[int, Member] = field(default_factory=dict)
    suggested: dict[int, list[int]] = field(default_factory=dict)
    involved: Counter[int] = field(default_factory=Counter)
    pairs: set[frozenset[int]] = field(default_factory=set)
    reserved: set[int] = field(default_factory=set)  # nobody else asks them
    _vocabulary: Vocabulary | None = None

    def build(self) -> None:
        self.members = {m.pk: m for m in _active(self.space)}
        for member_id, suggested_id in Suggestion.objects.filter(
            member__space=self.space
        ).values_list("member_id", "suggested_id"):  # ordered by member, rank
            self.suggested.setdefault(member_id, []).append(suggested_id)
        ingrid = next(
            m for m in self.members.values() if m.user.full_name == content.DEMO_MEMBER_NAME
        )
        mine = [pk for pk in self.suggested.get(ingrid.pk, []) if pk in self.members]
        # The demo member: an introduction that went well, one she asked for and one she
        # has been asked for and can answer.
        self.accepted(ingrid, self.members[mine[1]], days_ago=26, useful=(True, True))
        self.pending(ingrid, self.members[mine[0]], days_ago=2)
        # Whoever has her highest among their own suggestions asks her.
        asking = [
            pk
            for _rank, pk in sorted(
                (ranked.index(ingrid.pk), pk)
                for pk, ranked in self.suggested.items()
                if ingrid.pk in ranked
            )
        ]
        asker = next(pk for pk in [*asking, *mine] if self._free(pk, ingrid.pk, limit=3))
        self.pending(self.members[asker], ingrid, days_ago=1)
        self.reserved.add(ingrid.pk)
        # Everyone else: accepted with outcomes, waiting, declined, withdrawn.
        requesters = [pk for pk in self.suggested if pk != ingrid.pk]
        self.rng.shuffle(requesters)
        order = iter(requesters)
        for days_ago, useful, work in ((38, (True, True), True), (31, (True, True), False)):
            self.accepted(*self._next(order), days_ago=days_ago, useful=useful, work=work)
        self.accepted(*self._next(order), days_ago=19, useful=(True, False))
        self.accepted(*self._next(order), days_ago=4, useful=None)  # not met yet
        self.pending(*self._next(order), days_ago=3)
        self.pending(*self._next(order), days_ago=6)
        self.declined(*self._next(order), days_ago=16)
        self.declined(*self._next(order), days_ago=9)
        self.withdrawn(*self._next(order), days_ago=22)
        # The community manager introduced two pairs who suggest each other.
        self.brokered(*self._mutual(), days_ago=24, both=True)
        self.brokered(*self._mutual(), days_ago=5, both=False)

    # --- choosing pairs ----------------------------------------------------------------

    def _free(self, first: int, second: int, *, limit: int = 2) -> bool:
        return (
            first != second
            and not {first, second} & self.reserved
            and frozenset((first, second)) not in self.pairs
            and self.involved[first] < limit
            and self.involved[second] < limit
            and first in self.members
            and second in self.members
        )

    def _next(self, order: Iterator[int]) -> tuple[Member, Member]:
        """The next requester in `order` with a suggestion they are free to ask: their best."""
        for requester in order:
            for recipient in self.suggested[requester]:
                if self._free(requester, recipient):
                    return self.members[requester], self.members[recipient]
        raise RuntimeError("The demo ran out of suggestions to introduce.")

    def _mutual(self) -> tuple[Member, Member]:
        """Two members high in each other's suggestions (the best the CM could pick)."""
        for limit in (1, 2):  # preferably two who have no introduction yet
            candidates = [
                (ranked.index(second) + self.suggested[second].index(first), first, second)
                for first, ranked in self.suggested.items()
                for second in ranked
                if first < second
                and first in self.suggested.get(second, [])
                and self._free(first, second, limit=limit)
            ]
            if candidates:
                _score, first, second = min(candidates)
                return self.members[first], self.members[second]
        raise RuntimeError("The demo found no two members who suggest each other.")

    # --- making them -------------------------------------------------------------------

    def _ask(self, requester: Member, recipient: Member) -> Introduction:
        self.pairs.add(frozenset((requester.pk, recipient.pk)))
        self.involved.update((requester.pk, recipient.pk))
        self.count += 1
        return introduction_request(
            requester=requester, recipient=recipient, note=self.note(requester, recipient)
        )

    def pending(self, requester: Member, recipient: Member, *, days_ago: int) -> None:
        self._backdate(self._ask(requester, recipient), days_ago=days_ago)

    def declined(self, requester: Member, recipient: Member, *, days_ago: int) -> None:
        introduction = self._ask(requester, recipient)
        introduction_answer(introduction=introduction, member=recipient, accept=False)
        self._backdate(introduction, days_ago=days_ago)

    def withdrawn(self, requester: Member, recipient: Member, *, days_ago: int) -> None:
        introduction = self._ask(requester, recipient)
        introduction_withdraw(introduction=introduction, member=requester)
        self._backdate(introduction, days_ago=days_ago)

    def accepted(
        self,
        requester: Member,
        recipient: Member,
        *,
        days_ago: int,
        useful: tuple[bool, bool] | None,
        work: bool = False,
    ) -> None:
        """Both said yes; they met and each says whether it was useful (None: not met yet)."""
        introduction = introduction_answer(
            introduction=self._ask(requester, recipient), member=recipient, accept=True
        )
        self._backdate(introduction, days_ago=days_ago)
        if useful is not None:
            self._outcomes(introduction, (requester, recipient), useful=useful, work=work)

    def brokered(self, first: Member, second: Member, *, days_ago: int, both: bool) -> None:
        self.pairs.add(frozenset((first.pk, second.pk)))
        self.involved.update((first.pk, second.pk))
        self.count += 1
        languages = {reader_language(member=first), reader_language(member=second)}
        template = BROKER_NOTES["en" if "en" in languages else "nb"]
        note = template.format(
            first=first_name(first.user.full_name),
            second=first_name(second.user.full_name),
            me=first_name(self.cm.full_name),
        )
        introduction = introduction_broker(actor=self.cm, first=first, second=second, note=note)
        introduction = introduction_answer(introduction=introduction, member=first, accept=True)
        if both:
            introduction = introduction_answer(
                introduction=introduction, member=second, accept=True
            )
        self._backdate(introduction, days_ago=days_ago)
        if both:
            self._outcomes(introduction, (first, second), useful=(True, True), work=False)

    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = space_vocabulary(space=self.space)
        return self._vocabulary

    def note(self, requester: Member, recipient: Member) -> str:
        """A short note in the asker's language, about the strongest reason to meet."""
        language = reader_language(member=requester)
        data = engine_profiles(space=self.space, members=[requester, recipient], periphery=False)
        mine, theirs = data.profiles if data.members[0] == requester else data.profiles[::-1]
        vocabulary = self.vocabulary()
        reasons = explain(mine, theirs, vocabulary=vocabulary, theme=self.space.theme)
        kind, reason = "other", Reason(kind="other")
        for candidate in reasons:
            if found := _note_kind(candidate, vocabulary):
                kind, reason = found, candidate
                break
        return NOTES[language][kind].format(
            name=first_name(recipient.user.full_name),
            their=quote(reason.their_text, language),
            label=vocabulary.label(reason.concept, language) if reason.concept else "",
        )

    # --- the past ----------------------------------------------------------------------

    def _backdate(self, introduction: Introduction, *, days_ago: int) -> None:
        """Asked `days_ago` days ago; answered within a day or two (each yes in turn)."""
        tz = self.space.time_zone
        asked = at(self.today - dt.timedelta(days=days_ago), tz, 9, self.rng.randrange(420))
        answered = min(asked + dt.timedelta(hours=self.rng.randrange(3, 40)), timezone.now())
        intro = Introduction.objects.get(pk=introduction.pk)
        intro.created_at = asked
        if intro.brokered_by_id is None:
            intro.requester_accepted_at = asked
        elif intro.requester_accepted_at is not None:
            intro.requester_accepted_at = asked + (answered - asked) / 3
        if intro.recipient_accepted_at is not None:
            intro.recipient_accepted_at = answered
        if intro.answered_at is not None:
            intro.answered_at = answered
        if intro.status == IntroductionStatus.ACCEPTED:
            sides = engine_profiles(
                space=self.space, members=[intro.requester, intro.recipient], periphery=False
            ).profiles
            intro.suggested_day = common_day(
                first=sides[0].presence_days,
                second=sides[1].presence_days,
                after=answered.date(),
            )
        intro.save(
            update_fields=[
                "created_at",
                "requester_accepted_at",
                "recipient_accepted_at",
                "answered_at",
                "suggested_day",
            ]
        )
        introduction.refresh_from_db()
        self.sent_at[f"introduction-{intro.pk}-ask-"] = asked
        self.sent_at[f"introduction-{intro.pk}-accepted-"] = answered

    def _outcomes(
        self,
        introduction: Introduction,
        sides: tuple[Member, Member],
        *,
        useful: tuple[bool, bool],
        work: bool,
    ) -> None:
        assert introduction.answered_at is not None
        met_on = introduction.suggested_day or introduction.answered_at.date()
        recorded = []
        for member, found_useful in zip(sides, useful, strict=True):
            outcome = outcome_record(
                member=member,
                introduction=introduction,
                met=True,
                useful=found_useful,
                led_to_work=work and found_useful,
            )
            recorded.append((outcome, _answered(met_on, self.space, self.rng, self.today)))
        _backdate_outcomes(recorded)
        self.outcomes += len(recorded)


def _note_kind(reason: Reason, vocabulary: Vocabulary) -> str:
    """Which note fits a reason ("" when none does): a shared role ("developer") makes no
    sentence like "we are both into …"."""
    if reason.kind in ("offers_need", "needs_offer"):
        return reason.kind
    if reason.kind in ("shared_interest", "theme") and reason.concept in vocabulary:
        return "shared" if vocabulary.concept(reason.concept).kind != "role" else ""
    return ""


def _outbox_settle(*, since_pk: int, sent_at: Mapping[str, dt.datetime]) -> None:
    """Mark the e-mails the services queued while building as sent when they belong: the
    demo delivers nothing, and a worker finding them sent does nothing either."""
    now = timezone.now()
    emails = list(OutboundEmail.objects.filter(pk__gt=since_pk))
    for email in emails:
        match = _EMAIL_KEY.match(email.key)
        email.created_at = email.sent_at = sent_at.get(match.group(1), now) if match else now
    OutboundEmail.objects.bulk_update(emails, ["created_at", "sent_at"], batch_size=1000)
