"""Coffee pairs: rounds of one-to-one pairs among the members who opted in, run by hand or
on the CM's cadence; what members say came of them; and the CM's evidence.

The story: at Smartby Hub, Kari and Ola (both Fjordkraft), Mette (Solo Design), Astrid
(an accountant), Nils (a drone pilot) and Ingrid (a freelancer without a company).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kollega.matching.models import Cadence, Pair, PairingRound, Weekday
from kollega.matching.selectors import matching_evidence, pair_list
from kollega.matching.services import (
    block_create,
    introduction_answer,
    introduction_broker,
    introduction_request,
    introduction_withdraw,
    matching_settings_update,
    outcome_record,
    pairing_round_run,
    pairing_rounds_run_due,
    preference_update,
)
from kollega.matching.tests.factories import pairing_opt_in, person, profile_set
from kollega.members.models import Member
from kollega.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db

Commit = Callable[[], AbstractContextManager[object]]

OSLO = ZoneInfo("Europe/Oslo")
MONDAY = dt.date(2026, 3, 2)


@pytest.fixture
def commit(django_capture_on_commit_callbacks) -> Commit:
    """A block after which what waits for the commit runs: tasks, then their e-mails."""
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def hub(world):
    """Three more members of Smartby Hub, each on their own."""
    world.astrid = person(
        world.space_a,
        full_name="Astrid Lindqvist",
        email="astrid@lindqvist.se",
        language="sv",
        company_name="Lindqvist Redovisning AB",
    )
    world.nils = person(
        world.space_a,
        full_name="Nils Dahl",
        email="nils@dronefoto.no",
        language="en",
        company_name="Dahl Dronefoto",
    )
    world.ingrid = person(world.space_a, full_name="Ingrid Moe", email="ingrid@moe.no")
    return world


def run(world, week_of: dt.date = MONDAY, commit: Commit | None = None) -> PairingRound:
    if commit is None:
        return pairing_round_run(space=world.space_a, week_of=week_of, actor=world.cecilie)
    with commit():
        return pairing_round_run(space=world.space_a, week_of=week_of, actor=world.cecilie)


def pairs_of(round_: PairingRound) -> set[frozenset[Member]]:
    return {
        frozenset((pair.first, pair.second))
        for pair in Pair.objects.filter(round=round_, second__isnull=False)
    }


def sat_out(round_: PairingRound) -> list[Member]:
    return [pair.first for pair in Pair.objects.filter(round=round_, second__isnull=True)]


def in_round(round_: PairingRound) -> set[Member]:
    return {member for pair in pairs_of(round_) for member in pair} | set(sat_out(round_))


def window(world, rounds: int) -> None:
    matching_settings_update(space=world.space_a, actor=world.cecilie, repeat_window=rounds)


# --- who is paired with whom -----------------------------------------------------------------


def test_only_members_who_opted_in_take_part(hub):
    world = hub
    pairing_opt_in(world.kari_member, world.mette_member, world.astrid, world.nils)
    round_ = run(world)
    assert in_round(round_) == {world.kari_member, world.mette_member, world.astrid, world.nils}
    assert len(pairs_of(round_)) == 2
    assert round_.pool_size == 4
    assert (round_.number, round_.week_of, round_.created_by) == (1, MONDAY, world.cecilie)


def test_a_member_who_opted_out_of_matchmaking_is_not_paired(hub):
    world = hub
    pairing_opt_in(world.kari_member, world.mette_member, world.astrid)
    preference_update(member=world.astrid, actor=world.astrid.user, suggestions_opt_out=True)
    assert in_round(run(world)) == {world.kari_member, world.mette_member}


def test_colleagues_are_never_paired_even_when_they_match_best(hub):
    world = hub
    profile_set(world.kari_member, needs=["hjelp med regnskap"], presence_days=["tue"])
    profile_set(world.ola_member, offers=["regnskap og årsoppgjør"], presence_days=["tue"])
    pairing_opt_in(world.kari_member, world.ola_member, world.mette_member, world.nils)
    round_ = run(world)
    assert len(pairs_of(round_)) == 2
    assert frozenset((world.kari_member, world.ola_member)) not in pairs_of(round_)


def test_no_pair_repeats_within_the_window_but_may_after_it(hub):
    world = hub
    pairing_opt_in(world.mette_member, world.astrid)
    window(world, 2)
    together = frozenset((world.mette_member, world.astrid))
    rounds = [run(world, MONDAY + dt.timedelta(weeks=week)) for week in range(4)]
    assert [pairs_of(r) == {together} for r in rounds] == [True, False, False, True]
    assert sat_out(rounds[1]) == [world.mette_member, world.astrid]


def test_with_the_default_window_a_pair_does_not_come_back_soon(hub):
    world = hub
    pairing_opt_in(world.mette_member, world.astrid)
    rounds = [run(world, MONDAY + dt.timedelta(weeks=week)) for week in range(3)]
    assert [len(pairs_of(r)) for r in rounds] == [1, 0, 0]


def test_blocked_members_are_never_paired(hub):
    world = hub
    profile_set(world.kari_member, needs=["hjelp med regnskap"], presence_days=["wed"])
    profile_set(world.astrid, offers=["bokföring och bokslut"], presence_days=["wed"])
    pairing_opt_in(world.kari_member, world.astrid, world.mette_member, world.nils)
    window(world, 0)  # repeats allowed: only the block can keep them apart
    best = frozenset((world.kari_member, world.astrid))
    assert best in pairs_of(run(world, MONDAY))

    block_create(blocker=world.astrid, blocked=world.kari_member, actor=world.astrid.user)
    later = run(world, MONDAY + dt.timedelta(weeks=1))
    assert best not in pairs_of(later)
    assert len(pairs_of(later)) == 2


def test_the_odd_one_out_is_recorded_and_someone_else_next_time(hub):
    world = hub
    pairing_opt_in(world.mette_member, world.astrid, world.nils)
    first = run(world, MONDAY)
    [out_first] = sat_out(first)
    assert len(pairs_of(first)) == 1
    assert Pair.objects.get(round=first, first=out_first).second is None

    second = run(world, MONDAY + dt.timedelta(weeks=1))
    [out_second] = sat_out(second)
    assert out_second != out_first
    assert any(out_first in pair for pair in pairs_of(second))
    [item, earlier] = pair_list(member=out_first)
    assert (item.round, earlier.round, earlier.other) == (second, first, None)


@pytest.mark.parametrize(
    "together",
    [
        (("mette_member", "nils"), ("astrid", "ingrid")),
        (("mette_member", "astrid"), ("nils", "ingrid")),
        (("mette_member", "ingrid"), ("astrid", "nils")),
    ],
    ids=["mette-nils", "mette-astrid", "mette-ingrid"],
)
def test_members_who_are_in_on_the_same_days_are_paired(hub, together, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC))  # the Monday of the round
    world = hub
    (a, b), (c, d) = [(getattr(world, x), getattr(world, y)) for x, y in together]
    for member in (a, b):
        profile_set(member, presence_days=["tue"])
    for member in (c, d):
        profile_set(member, presence_days=["thu"])
    pairing_opt_in(a, b, c, d)
    round_ = run(world)
    assert pairs_of(round_) == {frozenset((a, b)), frozenset((c, d))}
    days = {
        frozenset((p.first, p.second)): p.suggested_day for p in Pair.objects.filter(round=round_)
    }
    assert days == {frozenset((a, b)): dt.date(2026, 3, 3), frozenset((c, d)): dt.date(2026, 3, 5)}


def test_a_round_that_runs_late_suggests_a_day_still_ahead(hub, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 4, 8, 0, tzinfo=dt.UTC))  # Wednesday
    world = hub
    for member in (world.mette_member, world.nils):
        profile_set(member, presence_days=["tue", "thu"])
    pairing_opt_in(world.mette_member, world.nils)
    round_ = run(world)  # the Monday round, made on Wednesday
    [pair] = Pair.objects.filter(round=round_)
    assert pair.suggested_day == dt.date(2026, 3, 5)  # Thursday, not Tuesday gone by


def test_a_pair_hears_why_in_each_ones_language(hub):
    world = hub
    profile_set(world.kari_member, needs=["hjelp med regnskap"])
    profile_set(world.astrid, offers=["bokföring och bokslut"])
    pairing_opt_in(world.kari_member, world.astrid)
    round_ = run(world)
    [item] = pair_list(member=world.kari_member)
    assert item.round == round_ and item.other == world.astrid
    assert item.reasons == [
        "Astrid tilbyr «bokföring och bokslut», som passer med behovet ditt «hjelp med regnskap»"
    ]
    [item] = pair_list(member=world.astrid)
    assert item.reasons == [
        "Kari söker ”hjelp med regnskap”, som du erbjuder (”bokföring och bokslut”)"
    ]


# --- running a round -------------------------------------------------------------------------


def test_running_the_same_day_again_returns_the_round_and_sends_nothing_more(hub, commit):
    world = hub
    pairing_opt_in(world.mette_member, world.astrid, world.nils)
    first = run(world, commit=commit)
    emails = {(e.to, e.language) for e in OutboundEmail.objects.filter(key__startswith="pair-")}
    assert emails == {
        ("mette@solo.dk", "nb"),
        ("astrid@lindqvist.se", "sv"),
        ("nils@dronefoto.no", "en"),
    }
    sent = len(mail.outbox)
    assert sent == 3

    again = run(world, commit=commit)
    assert again.pk == first.pk
    assert PairingRound.objects.count() == 1
    assert Pair.objects.count() == 2
    assert OutboundEmail.objects.filter(key__startswith="pair-").count() == 3
    assert len(mail.outbox) == sent


def test_a_round_needs_two_members(hub):
    world = hub
    with pytest.raises(ValidationError) as error:
        run(world)
    assert "pool" in error.value.message_dict
    pairing_opt_in(world.mette_member)
    with pytest.raises(ValidationError):
        run(world)
    assert not PairingRound.objects.exists()


@pytest.mark.parametrize("actor", ["kari", "bjorn"], ids=["member", "cm-of-another-space"])
def test_only_the_spaces_staff_start_a_round(hub, actor):
    world = hub
    pairing_opt_in(world.mette_member, world.astrid)
    with pytest.raises(PermissionDenied):
        pairing_round_run(space=world.space_a, week_of=MONDAY, actor=getattr(world, actor))
    assert not PairingRound.objects.exists()


# --- rounds on the CM's cadence --------------------------------------------------------------


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=OSLO)


def weeks_of(rounds: list[PairingRound]) -> list[dt.date]:
    return [r.week_of for r in rounds]


@pytest.fixture
def opted_in(hub):
    pairing_opt_in(hub.mette_member, hub.astrid)
    return hub


def test_rounds_run_on_the_cms_weekday_once(opted_in):
    world = opted_in
    matching_settings_update(
        space=world.space_a, actor=world.cecilie, pairing_weekday=Weekday.WEDNESDAY
    )
    wednesday = dt.date(2026, 3, 4)
    assert weeks_of(pairing_rounds_run_due(now=at(wednesday))) == [wednesday]
    assert pairing_rounds_run_due(now=at(wednesday, 15)) == []
    assert pairing_rounds_run_due(now=at(wednesday + dt.timedelta(days=6))) == []  # Tuesday
    next_wednesday = wednesday + dt.timedelta(weeks=1)
    assert weeks_of(pairing_rounds_run_due(now=at(next_wednesday))) == [next_wednesday]
    assert [r.week_of.weekday() for r in PairingRound.objects.all()] == [2, 2]
    assert all(r.created_by is None for r in PairingRound.objects.all())


def test_the_weekday_is_the_spaces_local_day(opted_in):
    world = opted_in  # Monday 00:30 in Oslo is still Sunday in UTC
    sunday_night_utc = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)
    assert weeks_of(pairing_rounds_run_due(now=sunday_night_utc)) == [MONDAY]
    assert world.space_a.time_zone == "Europe/Oslo"


def test_every_other_week_skips_a_week(opted_in):
    world = opted_in
    window(world, 0)
    matching_settings_update(
        space=world.space_a, actor=world.cecilie, pairing_cadence=Cadence.FORTNIGHTLY
    )
    days = [MONDAY + dt.timedelta(weeks=week) for week in range(5)]
    created = [weeks_of(pairing_rounds_run_due(now=at(day))) for day in days]
    assert created == [[days[0]], [], [days[2]], [], [days[4]]]


@pytest.mark.usefixtures("opted_in")
def test_a_round_missed_on_its_day_runs_later_that_week():
    assert weeks_of(pairing_rounds_run_due(now=at(MONDAY))) == [MONDAY]
    thursday = MONDAY + dt.timedelta(days=10)
    assert weeks_of(pairing_rounds_run_due(now=at(thursday))) == [MONDAY + dt.timedelta(weeks=1)]
    assert pairing_rounds_run_due(now=at(thursday + dt.timedelta(days=1))) == []


def test_no_rounds_when_pairing_is_off(opted_in):
    world = opted_in
    matching_settings_update(space=world.space_a, actor=world.cecilie, pairing_cadence=Cadence.OFF)
    for week in range(3):
        assert pairing_rounds_run_due(now=at(MONDAY + dt.timedelta(weeks=week))) == []
    assert not PairingRound.objects.exists()


def test_a_space_with_too_few_members_opted_in_does_not_stop_the_others(opted_in):
    world = opted_in
    matching_settings_update(space=world.space_b, actor=world.bjorn, pairing_cadence=Cadence.WEEKLY)
    created = pairing_rounds_run_due(now=at(MONDAY))
    assert [r.space for r in created] == [world.space_a]


# --- outcomes of pairs, and the evidence ----------------------------------------------------


def test_the_sides_of_a_pair_say_how_it_went_but_not_the_one_who_sat_out(hub):
    world = hub
    pairing_opt_in(world.mette_member, world.astrid, world.nils)
    round_ = run(world)
    pair = Pair.objects.get(round=round_, second__isnull=False)
    alone = Pair.objects.get(round=round_, second__isnull=True)

    outcome = outcome_record(member=pair.second, pair=pair, met=True, useful=True)
    assert (outcome.pair, outcome.useful) == (pair, True)
    outcome_record(member=pair.second, pair=pair, met=False, useful=True)
    assert pair.outcomes.get().useful is None  # one row per side, corrected
    with pytest.raises(PermissionDenied):
        outcome_record(member=alone.first, pair=pair, met=True)
    with pytest.raises(ValidationError) as error:
        outcome_record(member=alone.first, pair=alone, met=True)
    assert "pair" in error.value.message_dict
    assert pair.outcomes.count() == 1 and not alone.outcomes.exists()


def test_the_evidence_counts_what_matchmaking_brought(hub, commit):
    world = hub
    kari, ola, mette = world.kari_member, world.ola_member, world.mette_member
    astrid, nils, ingrid = world.astrid, world.nils, world.ingrid
    with commit():
        made = introduction_request(requester=kari, recipient=mette)
        introduction_answer(introduction=made, member=mette, accept=True)
        introduction_broker(actor=world.cecilie, first=astrid, second=kari)  # waiting
        declined = introduction_request(requester=nils, recipient=mette)
        introduction_answer(introduction=declined, member=mette, accept=False)
        withdrawn = introduction_request(requester=ola, recipient=astrid)
        introduction_withdraw(introduction=withdrawn, member=ola)
        preference_update(member=ola, actor=ola.user, suggestions_opt_out=True)
    made.refresh_from_db()
    outcome_record(member=kari, introduction=made, met=True, useful=True, led_to_work=True)
    outcome_record(member=mette, introduction=made, met=True, useful=True, led_to_work=False)

    pairing_opt_in(mette, astrid, nils, ingrid)
    round_ = run(world)
    first, second = Pair.objects.filter(round=round_).order_by("pk")
    outcome_record(member=first.first, pair=first, met=True, useful=True)
    outcome_record(member=first.second, pair=first, met=True, useful=False)
    outcome_record(member=second.first, pair=second, met=False)

    evidence = matching_evidence(space=world.space_a)
    assert evidence.introductions == 3  # the withdrawn one does not count
    assert evidence.brokered == 1
    assert evidence.accepted == 1
    assert evidence.acceptance_rate == pytest.approx(1 / 3)
    assert (evidence.introductions_met, evidence.introductions_useful) == (1, 1)
    assert evidence.introductions_work == 1
    assert (evidence.rounds, evidence.pairs) == (1, 2)
    assert (evidence.pairs_met, evidence.pairs_useful, evidence.pairs_work) == (1, 1, 0)
    assert (evidence.opted_in_pairing, evidence.opted_out) == (4, 1)
    assert evidence.members == 6
    assert matching_evidence(space=world.space_b).introductions == 0


def test_rounds_are_listed_newest_first_and_an_old_round_keeps_its_own_week(hub, time_machine):
    from kollega.matching.selectors import pairing_round_list

    time_machine.move_to(dt.datetime(2026, 3, 20, 8, 0, tzinfo=dt.UTC))  # weeks later
    world = hub
    for member in (world.mette_member, world.nils):
        profile_set(member, presence_days=["thu"])
    pairing_opt_in(world.mette_member, world.nils, world.astrid, world.ingrid)
    first = run(world, week_of=MONDAY)
    second = run(world, week_of=MONDAY + dt.timedelta(days=7))
    assert list(pairing_round_list(space=world.space_a)) == [second, first]
    days = {p.suggested_day for p in Pair.objects.filter(round=first) if p.suggested_day}
    assert days == {dt.date(2026, 3, 5)}  # the Thursday of that round's own week
