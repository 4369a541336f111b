"""People you should meet: stored suggestions, recomputed in the background whenever
something changes who should meet whom; and the choices that shape them (a member's
opt-out and blocks, the CM's settings and the space's own vocabulary).

The story: Kari (Fjordkraft, reads Norwegian) needs help with her accounts; Astrid, a
Swedish accountant with her own firm, offers bookkeeping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import partial

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.tasks import TaskResult
from django.tasks.signals import task_finished

from kollega.matching.models import MatchingSettings, SpaceConcept, Suggestion
from kollega.matching.selectors import suggestion_list
from kollega.matching.services import (
    block_create,
    introduction_request,
    matching_settings_update,
    preference_update,
    space_concept_delete,
    space_concept_save,
    suggestions_refresh,
    suggestions_refresh_if_stale,
)
from kollega.matching.tasks import suggestions_refresh_space
from kollega.matching.tests.factories import person, profile_set
from kollega.members.models import Member
from kollega.members.services import member_remove

pytestmark = pytest.mark.django_db

Commit = Callable[[], AbstractContextManager[object]]

KARI_NEEDS = "hjelp med regnskap"
ASTRID_OFFERS = "bokföring och bokslut"


@pytest.fixture
def commit(django_capture_on_commit_callbacks) -> Commit:
    """A block after which what waits for the commit runs: tasks, then their e-mails."""
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def astrid(world) -> Member:
    return person(
        world.space_a,
        full_name="Astrid Lindqvist",
        email="astrid@lindqvist.se",
        language="sv",
        company_name="Lindqvist Redovisning AB",
    )


@pytest.fixture
def accounting(world, astrid, commit) -> Member:
    """Kari needs help with her accounts and Astrid offers it; suggestions are computed."""
    with commit():
        profile_set(world.kari_member, needs=[KARI_NEEDS])
        profile_set(astrid, offers=[ASTRID_OFFERS])
    return astrid


def suggested(member: Member) -> list[Member]:
    return [s.suggested for s in Suggestion.objects.filter(member=member).order_by("rank")]


def all_reasons() -> list[str]:
    return [reason for s in Suggestion.objects.all() for reason in s.reasons]


# --- what is suggested, and why -----------------------------------------------------------


def test_a_norwegian_need_met_by_a_swedish_offer_is_suggested_in_each_readers_language(
    world, accounting
):
    astrid = accounting
    for_kari = Suggestion.objects.get(member=world.kari_member)
    assert for_kari.suggested == astrid
    assert for_kari.rank == 1
    assert for_kari.language == "nb"  # Kari chose no language: the space's first one
    assert for_kari.reasons == [
        "Astrid tilbyr «bokföring och bokslut», som passer med behovet ditt «hjelp med regnskap»"
    ]
    for_astrid = Suggestion.objects.get(member=astrid)
    assert for_astrid.suggested == world.kari_member
    assert for_astrid.language == "sv"
    assert for_astrid.reasons == [
        "Kari söker ”hjelp med regnskap”, som du erbjuder (”bokföring och bokslut”)"
    ]


def test_choosing_another_language_rewrites_the_reasons_in_it(world, accounting, commit):
    with commit():
        profile_set(world.kari_member, preferred_language="en")
    for_kari = Suggestion.objects.get(member=world.kari_member)
    assert for_kari.language == "en"
    assert for_kari.reasons == [
        "Astrid offers *bokföring och bokslut*, which matches your need *hjelp med regnskap*"
    ]


def test_a_colleague_at_the_same_company_is_never_suggested(world, accounting, commit):
    with commit():
        profile_set(world.ola_member, offers=["regnskap og årsoppgjør"])
    assert suggested(world.kari_member) == [accounting]
    assert world.kari_member not in suggested(world.ola_member)


def test_a_member_who_opted_out_is_never_suggested_and_gets_no_suggestions(
    world, accounting, commit
):
    astrid = accounting
    assert suggested(world.kari_member) == [astrid]
    with commit():
        preference_update(member=astrid, actor=astrid.user, suggestions_opt_out=True)
    assert suggested(world.kari_member) == []
    assert suggested(astrid) == []
    assert suggestion_list(member=astrid) == []


@pytest.mark.parametrize("kari_blocks", [True, False], ids=["kari-blocks", "astrid-blocks"])
def test_a_blocked_member_is_never_suggested_either_way(world, accounting, commit, kari_blocks):
    astrid = accounting
    blocker, blocked = (world.kari_member, astrid) if kari_blocks else (astrid, world.kari_member)
    with commit():
        block_create(blocker=blocker, blocked=blocked, actor=blocker.user)
    assert suggested(world.kari_member) == []
    assert suggested(astrid) == []


def test_people_already_introduced_are_left_out_unless_the_space_wants_them(
    world, accounting, commit
):
    astrid = accounting
    with commit():
        introduction_request(requester=world.kari_member, recipient=astrid, note="Hei!")
    assert suggested(world.kari_member) == []
    assert suggested(astrid) == []

    with commit():
        matching_settings_update(space=world.space_a, actor=world.cecilie, exclude_introduced=False)
    assert suggested(world.kari_member) == [astrid]
    assert suggested(astrid) == [world.kari_member]


def test_former_members_are_not_suggested(world, accounting, commit):
    astrid = accounting
    with commit():
        member_remove(member=astrid, actor=world.cecilie)
    assert suggested(world.kari_member) == []
    assert suggested(astrid) == []


def test_a_field_kept_to_staff_is_neither_used_nor_quoted(world, accounting, commit):
    astrid = accounting
    with commit():
        profile_set(world.kari_member, visibility={"needs": "staff"})
    assert suggested(world.kari_member) == []
    assert suggested(astrid) == []
    assert not [reason for reason in all_reasons() if "regnskap" in reason]

    with commit():
        profile_set(world.kari_member, visibility={"needs": "members"})
    assert suggested(astrid) == [world.kari_member]


def test_a_space_concept_creates_a_match_the_shipped_vocabulary_does_not_see(world, commit):
    with commit():
        profile_set(world.kari_member, needs=["termografi av fasader"])
        profile_set(world.mette_member, offers=["varmekamera"])
    assert suggested(world.kari_member) == []

    with commit():
        concept = space_concept_save(
            space=world.space_a,
            actor=world.cecilie,
            concept_id="thermography",
            labels={"nb": ["termografi"], "da": "varmekamera, termografering"},
        )
    assert concept.labels == {"nb": ["termografi"], "da": ["varmekamera", "termografering"]}
    assert suggested(world.kari_member) == [world.mette_member]
    assert Suggestion.objects.get(member=world.kari_member).reasons == [
        "Mette tilbyr «varmekamera», som passer med behovet ditt «termografi av fasader»"
    ]

    with commit():
        space_concept_delete(concept=concept, actor=world.cecilie)
    assert suggested(world.kari_member) == []


def test_a_space_concept_stays_in_its_own_space(world, commit):
    sven_colleague = person(world.space_b, full_name="Lena Ek", email="lena@bygda.se")
    with commit():
        profile_set(world.sven_member, needs=["termografi av fasader"])
        profile_set(sven_colleague, offers=["varmekamera"])
        space_concept_save(
            space=world.space_a,
            actor=world.cecilie,
            concept_id="thermography",
            labels={"nb": ["termografi", "varmekamera"]},
        )
    assert suggested(world.sven_member) == []


# --- recomputing -----------------------------------------------------------------------------


def test_a_burst_of_changes_costs_one_recomputation(
    world, astrid, django_capture_on_commit_callbacks
):
    finished: list[object] = []

    def record(sender: object, task_result: TaskResult, **kwargs: object) -> None:
        if task_result.task.func is suggestions_refresh_space.func:
            finished.append(task_result.return_value)

    task_finished.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            profile_set(world.kari_member, needs=[KARI_NEEDS])
            profile_set(astrid, offers=[ASTRID_OFFERS])
            profile_set(world.mette_member, headline="Grafisk design")
    finally:
        task_finished.disconnect(record)
    assert finished == [True]  # three refreshes asked for, one task, one computation
    assert suggested(world.kari_member) == [astrid]


def test_the_refresh_does_nothing_when_nothing_changed_since(world, accounting, commit):
    space_id = world.space_a.pk
    assert suggestions_refresh_if_stale(space_id=space_id) is False

    with commit():  # the task runs: it recomputes, and the next call has nothing to do
        profile_set(accounting, offers=[ASTRID_OFFERS, "lønn"])
    assert suggestions_refresh_if_stale(space_id=space_id) is False


def test_a_change_makes_the_suggestions_stale_until_recomputed(
    world, accounting, django_capture_on_commit_callbacks
):
    space_id = world.space_a.pk
    with django_capture_on_commit_callbacks() as callbacks:  # the task is not run
        profile_set(world.kari_member, needs=[])
    assert len(callbacks) == 1
    assert suggested(world.kari_member) == [accounting]  # still the old computation

    assert suggestions_refresh_if_stale(space_id=space_id) is True
    assert suggested(world.kari_member) == []
    assert suggestions_refresh_if_stale(space_id=space_id) is False


def test_a_space_without_matchmaking_settings_has_nothing_to_refresh(world):
    assert not MatchingSettings.objects.filter(space=world.space_b).exists()
    assert suggestions_refresh_if_stale(space_id=world.space_b.pk) is False


def test_turning_suggestions_off_removes_them(world, accounting, commit):
    with commit():
        matching_settings_update(
            space=world.space_a, actor=world.cecilie, suggestions_enabled=False
        )
    assert Suggestion.objects.filter(member__space=world.space_a).count() == 0
    assert suggestions_refresh(space=world.space_a) == 0


# --- the member's list -----------------------------------------------------------------------


def test_the_list_hides_someone_blocked_after_the_suggestions_were_computed(
    world, accounting, django_capture_on_commit_callbacks
):
    astrid = accounting
    assert [item.suggestion.suggested for item in suggestion_list(member=world.kari_member)] == [
        astrid
    ]
    with django_capture_on_commit_callbacks():  # no recomputation yet
        block_create(blocker=astrid, blocked=world.kari_member, actor=astrid.user)
    assert Suggestion.objects.filter(member=world.kari_member, suggested=astrid).exists()
    assert suggestion_list(member=world.kari_member) == []


def test_the_list_shows_an_introduction_already_asked_for_as_the_member_sees_it(
    world, accounting, django_capture_on_commit_callbacks
):
    astrid = accounting
    with django_capture_on_commit_callbacks():  # no recomputation yet
        introduction = introduction_request(requester=world.kari_member, recipient=astrid)
    [item] = suggestion_list(member=world.kari_member)
    assert item.introduction == introduction
    assert item.introduction_status == "waiting"
    [item] = suggestion_list(member=astrid)
    assert item.introduction_status == "to_answer"


# --- a member's choices ----------------------------------------------------------------------


def test_only_the_member_changes_their_own_matchmaking_choices(world, astrid):
    with pytest.raises(PermissionDenied):
        preference_update(member=astrid, actor=world.cecilie, suggestions_opt_out=True)
    with pytest.raises(PermissionDenied):
        block_create(blocker=astrid, blocked=world.kari_member, actor=world.kari)


def test_opting_out_of_matchmaking_also_leaves_pairing(world):
    kari = world.kari_member
    preference_update(member=kari, actor=kari.user, pairing_opt_in=True)
    preference = preference_update(member=kari, actor=kari.user, suggestions_opt_out=True)
    assert preference.pairing_opt_in is False
    with pytest.raises(ValidationError) as error:
        preference_update(member=kari, actor=kari.user, pairing_opt_in=True)
    assert "pairing_opt_in" in error.value.message_dict


@pytest.mark.parametrize("other", ["kari_member", "sven_member"], ids=["self", "other-space"])
def test_a_member_cannot_block_themself_or_someone_from_another_space(world, other):
    kari = world.kari_member
    with pytest.raises(ValidationError) as error:
        block_create(blocker=kari, blocked=getattr(world, other), actor=kari.user)
    assert "member" in error.value.message_dict


# --- the CM's settings -----------------------------------------------------------------------


def test_the_cm_changes_the_settings(world):
    settings = matching_settings_update(
        space=world.space_a, actor=world.cecilie, periphery_boost=0.5, repeat_window=4
    )
    settings.refresh_from_db()
    assert (settings.periphery_boost, settings.repeat_window) == (0.5, 4)


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"periphery_boost": 1.5}, "periphery_boost"),
        ({"periphery_boost": -0.1}, "periphery_boost"),
        ({"repeat_window": 105}, "repeat_window"),
        ({"pairing_weekday": 6}, "pairing_weekday"),
        ({"pairing_cadence": 3}, "pairing_cadence"),
        ({"space_id": 2}, "space_id"),
    ],
)
def test_a_wrong_setting_is_refused_naming_the_field_and_nothing_is_saved(world, fields, named):
    with pytest.raises(ValidationError) as error:
        matching_settings_update(space=world.space_a, actor=world.cecilie, **fields)
    assert named in error.value.message_dict
    stored = MatchingSettings.objects.filter(space=world.space_a).first()
    assert stored is None or (stored.periphery_boost, stored.repeat_window) == (0.1, 8)


@pytest.mark.parametrize("actor", ["kari", "bjorn"], ids=["member", "cm-of-another-space"])
def test_only_the_spaces_staff_change_settings_and_vocabulary(world, actor):
    user = getattr(world, actor)
    with pytest.raises(PermissionDenied):
        matching_settings_update(space=world.space_a, actor=user, periphery_boost=0.5)
    with pytest.raises(PermissionDenied):
        space_concept_save(
            space=world.space_a, actor=user, concept_id="thermography", labels={"nb": ["x"]}
        )
    assert not SpaceConcept.objects.exists()


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"concept_id": "Drone Survey!"}, "concept_id"),
        ({"concept_id": "drone--survey"}, "concept_id"),
        ({"kind": "mood"}, "kind"),
        ({"labels": {"fi": ["lennokki"]}}, "labels"),
        ({"labels": {"nb": ["  ", ""]}}, "labels"),
        ({"labels": {"nb": 42}}, "labels_nb"),
    ],
)
def test_a_wrong_concept_is_refused_naming_the_field(world, fields, named):
    arguments = {"concept_id": "drone-survey", "labels": {"nb": ["droneoppmåling"]}, **fields}
    with pytest.raises(ValidationError) as error:
        space_concept_save(space=world.space_a, actor=world.cecilie, **arguments)
    assert named in error.value.message_dict
    assert not SpaceConcept.objects.exists()


def test_a_concept_with_an_unknown_complement_is_refused(world):
    with pytest.raises(ValidationError) as error:
        space_concept_save(
            space=world.space_a,
            actor=world.cecilie,
            concept_id="drone-survey",
            labels={"nb": ["droneoppmåling"]},
            complements=["drones", "no-such-concept"],
        )
    assert error.value.message_dict  # named after a field
    assert not SpaceConcept.objects.exists()


def test_an_unknown_complement_is_named_on_the_complements_field(world):
    with pytest.raises(ValidationError) as error:
        space_concept_save(
            space=world.space_a,
            actor=world.cecilie,
            concept_id="drone-survey",
            labels={"nb": ["droneoppmåling"]},
            complements=["no-such-concept"],
        )
    assert "complements" in error.value.message_dict


def test_words_for_a_shipped_concept_extend_it(world):
    concept = space_concept_save(
        space=world.space_a,
        actor=world.cecilie,
        concept_id="drones",
        labels={"nb": ["dronefoto"]},
        complements=["photography"],
    )
    assert (concept.concept_id, concept.complements) == ("drones", ["photography"])


def test_a_change_while_computing_is_picked_up_by_the_same_task(world, astrid, monkeypatch):
    from kollega.matching.services import suggestions as module

    profile_set(world.kari_member, needs=[KARI_NEEDS])
    real = module.suggestions_refresh
    runs: list[int] = []

    def refresh_then_change(*, space, now=None):
        runs.append(1)
        result = real(space=space, now=now)
        if len(runs) == 1:  # someone edits their profile while the first run computes
            profile_set(astrid, offers=[ASTRID_OFFERS])
        return result

    monkeypatch.setattr(module, "suggestions_refresh", refresh_then_change)
    assert module.suggestions_refresh_if_stale(space_id=world.space_a.pk) is True
    assert len(runs) == 2
    assert suggested(world.kari_member) == [astrid]


def test_a_refresh_left_waiting_is_done_by_the_periodic_job(world, astrid, time_machine):
    from kollega.matching.services import suggestions_refresh_stale

    time_machine.move_to(dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC))
    profile_set(world.kari_member, needs=[KARI_NEEDS])  # no commit: the task never runs
    profile_set(astrid, offers=[ASTRID_OFFERS])
    assert suggestions_refresh_stale() == 0  # waiting only a moment: the task may still come
    time_machine.move_to(dt.datetime(2026, 3, 2, 8, 11, tzinfo=dt.UTC))
    assert suggestions_refresh_stale() == 1
    assert suggested(world.kari_member) == [astrid]
    assert suggestions_refresh_stale() == 0


def test_a_spaces_vocabulary_is_built_once_per_set_of_additions(world):
    from kollega.matching.services.engine_input import space_vocabulary

    space_concept_save(
        space=world.space_a,
        actor=world.cecilie,
        concept_id="drone-survey",
        kind="service",
        labels={"nb": "dronekartlegging"},
    )
    first = space_vocabulary(space=world.space_a)
    assert "drone-survey" in first
    assert space_vocabulary(space=world.space_a) is first
    space_concept_save(
        space=world.space_a,
        actor=world.cecilie,
        concept_id="drone-survey",
        kind="service",
        labels={"nb": "dronekartlegging, droneinspeksjon"},
    )
    assert space_vocabulary(space=world.space_a) is not first
