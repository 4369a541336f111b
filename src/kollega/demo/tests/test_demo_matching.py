"""Matchmaking in the demo: what the demo member and the community manager find when they
open it, and that it keeps the rules real matchmaking keeps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kollega.demo.content import DEMO_PASSWORD
from kollega.matching.models import (
    Block,
    Cadence,
    Introduction,
    IntroductionStatus,
    MatchingSettings,
    Outcome,
    Pair,
    PairingRound,
    Preference,
    SpaceConcept,
    Suggestion,
)
from kollega.matching.selectors import introduction_list, matching_evidence, suggestion_list
from kollega.matching.services import introduction_answer
from kollega.members.models import Member, MemberStatus
from kollega.notifications.models import OutboundEmail
from kollega.spaces.models import Space

pytestmark = pytest.mark.django_db

CM = "cm@smartby.example"
MEMBER = "ingrid.haugen@trakk.example"
# Words of the Norwegian reason sentences (kollega.matching.engine.reasons), and of the
# English ones that must not show up for a Norwegian reader.
NORWEGIAN = ("Dere ", " tilbyr ", " ser etter ", " nevner ")
ENGLISH = ("You ", "Both of you", " offers ", " is looking for ", " mentions ")


def ingrid() -> Member:
    return Member.objects.select_related("space", "user").get(
        user__email=MEMBER, space__slug="smartby-hub"
    )


def test_the_demo_member_has_suggestions_and_introductions_to_answer(
    client: Client, demo_output: str
) -> None:
    output = demo_output
    assert "matchmaking:" in output
    member = ingrid()

    suggestions = suggestion_list(member=member)
    assert len(suggestions) >= 5
    for item in suggestions:
        reasons = item.suggestion.reasons
        assert item.suggestion.language == "nb"
        assert reasons and all(reason.strip() for reason in reasons)
        assert not any(word in reason for reason in reasons for word in ENGLISH)
    assert any(
        word in reason
        for item in suggestions
        for reason in item.suggestion.reasons
        for word in NORWEGIAN
    )

    # Someone asked to meet her, with a note in their own language; she asked someone too.
    [asked] = introduction_list(member=member, status="to_answer")
    assert not asked.asked_by_me and asked.introduction.brokered_by is None
    assert asked.introduction.note.startswith(
        {"nb": "Hei", "da": "Hej", "sv": "Hej", "en": "Hi"}[asked.other.user.preferred_language]
    )
    assert asked.reasons
    [waiting] = introduction_list(member=member, status="waiting")
    assert waiting.asked_by_me and waiting.introduction.note.startswith("Hei ")
    [met] = introduction_list(member=member, status="accepted")
    assert met.outcome is not None and met.outcome.met and met.outcome.useful

    # The home page shows it, and she can say yes.
    assert client.login(email=MEMBER, password=DEMO_PASSWORD)
    page = client.get(reverse("matching:home", kwargs={"slug": "smartby-hub"}))
    assert page.status_code == 200
    assert [item.introduction.pk for item in page.context["to_answer"]] == [asked.introduction.pk]
    assert asked.other.user.full_name in page.content.decode()
    answered = introduction_answer(introduction=asked.introduction, member=member, accept=True)
    assert answered.status == IntroductionStatus.ACCEPTED


@pytest.mark.usefixtures("demo_output")
def test_the_community_manager_sees_what_matchmaking_brought() -> None:
    smartby = Space.objects.get(slug="smartby-hub")
    fjellgarden = Space.objects.get(slug="fjellgarden")

    evidence = matching_evidence(space=smartby)
    assert 10 <= evidence.introductions <= 15
    assert evidence.brokered == 2
    assert evidence.accepted > 0 and evidence.introductions_met > 0
    assert evidence.introductions_useful > 0 and evidence.pairs_useful > 0
    assert evidence.introductions_work + evidence.pairs_work > 0
    assert 4 <= evidence.rounds <= 6
    assert evidence.pairs_met > evidence.pairs / 2
    assert matching_evidence(space=fjellgarden).rounds == 2

    settings = MatchingSettings.objects.get(space=smartby)
    assert (settings.pairing_cadence, settings.pairing_weekday) == (Cadence.WEEKLY, 0)
    assert (settings.repeat_window, settings.periphery_boost) == (8, 0.2)
    assert MatchingSettings.objects.get(space=fjellgarden).pairing_cadence == Cadence.FORTNIGHTLY

    # Every state, and the two the CM brokered: one made, one waiting for one side.
    introductions = Introduction.objects.filter(space=smartby)
    assert set(introductions.values_list("status", flat=True)) == set(IntroductionStatus.values)
    brokered = introductions.filter(brokered_by__email=CM)
    assert sorted(brokered.values_list("status", flat=True)) == ["accepted", "pending"]
    waiting = brokered.get(status="pending")
    assert (waiting.requester_accepted_at is None) != (waiting.recipient_accepted_at is None)
    assert not Introduction.objects.filter(space=fjellgarden).exists()

    # Members' choices: about 70% in pairing rounds, a few out altogether, one block.
    active = Member.objects.filter(space__in=[smartby, fjellgarden], status=MemberStatus.ACTIVE)
    opted_in = active.filter(matching__pairing_opt_in=True).count()
    assert 0.6 <= opted_in / active.count() <= 0.8
    assert Preference.objects.filter(suggestions_opt_out=True).count() in (2, 3)
    assert Block.objects.count() == 1

    concept = SpaceConcept.objects.get(space=smartby)
    assert {"nb", "en"} <= set(concept.labels)


@pytest.mark.usefixtures("demo_output")
def test_the_demo_keeps_the_rules_of_matchmaking() -> None:
    today = timezone.localdate()
    now = timezone.now()
    for space in Space.objects.filter(slug__in=["smartby-hub", "fjellgarden"]):
        window = MatchingSettings.objects.get(space=space).repeat_window
        rounds = list(PairingRound.objects.filter(space=space).order_by("number"))
        days = [r.week_of for r in rounds]
        assert days == sorted(days) and days[-1] <= today
        assert all(day.weekday() == 0 for day in days)
        assert all(r.created_at <= now for r in rounds)
        earlier: list[set[frozenset[int]]] = []
        for round_ in rounds:
            pairs = Pair.objects.filter(round=round_, second__isnull=False).select_related(
                "first", "second"
            )
            keys = set()
            for pair in pairs:
                assert pair.second is not None
                assert pair.first.company_id is None or pair.first.company_id != (
                    pair.second.company_id
                ), f"colleagues paired in {round_}"
                keys.add(frozenset((pair.first_id, pair.second_id)))
            assert not keys & set().union(*earlier[-window:]), f"a pair repeats in {round_}"
            earlier.append(keys)

    # Blocks and opt-outs hold everywhere.
    block = Block.objects.get()
    blocked_pair = {block.blocker_id, block.blocked_id}
    assert not Pair.objects.filter(first_id__in=blocked_pair, second_id__in=blocked_pair).exists()
    assert not Suggestion.objects.filter(
        member_id__in=blocked_pair, suggested_id__in=blocked_pair
    ).exists()
    out = list(Preference.objects.filter(suggestions_opt_out=True).values_list("member", flat=True))
    assert not Pair.objects.filter(first_id__in=out).exists()
    assert not Pair.objects.filter(second_id__in=out).exists()
    assert not Suggestion.objects.filter(suggested_id__in=out).exists()

    # Everyone who wrote a profile opens the demo with current suggestions and reasons.
    written = (
        Member.objects.filter(status=MemberStatus.ACTIVE)
        .exclude(pk__in=out)
        .exclude(user__profile__bio="")
        .select_related("user")
    )
    assert written.count() > 50
    for member in written:
        suggestions = list(Suggestion.objects.filter(member=member))
        assert suggestions, f"{member} has no suggestions"
        assert all(s.reasons for s in suggestions)

    # The past is in the past, and nobody was e-mailed while building.
    assert not Introduction.objects.filter(created_at__gt=now).exists()
    assert Introduction.objects.filter(created_at__lt=now - dt.timedelta(days=14)).exists()
    assert not Outcome.objects.filter(answered_at__gt=now).exists()
    assert OutboundEmail.objects.exists()
    assert not OutboundEmail.objects.filter(sent_at__isnull=True).exists()
    assert mail.outbox == []
