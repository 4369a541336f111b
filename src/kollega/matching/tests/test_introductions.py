"""Introductions with double opt-in, their e-mails, and what members say came of them.

The story: Kari (Fjordkraft, reads Norwegian, in on Tuesdays and Thursdays) asks to meet
Mette (Solo Design, reads Danish, in on Thursdays and Fridays). Cecilie, the CM, can
broker an introduction. Nobody learns that they were declined or blocked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import partial
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kollega.matching.models import Introduction, IntroductionStatus, Outcome
from kollega.matching.selectors import introduction_list, introduction_status_for
from kollega.matching.services import (
    block_create,
    contact_details,
    introduction_answer,
    introduction_broker,
    introduction_request,
    introduction_withdraw,
    outcome_record,
    preference_update,
)
from kollega.matching.services.introductions import NOTE_MAX_LENGTH
from kollega.matching.tests.factories import person, profile_set
from kollega.members.models import Member
from kollega.members.services import member_remove
from kollega.notifications.models import OutboundEmail
from kollega.notifications.services import email_deliver, email_queue
from kollega.notifications.tasks import email_send

pytestmark = pytest.mark.django_db

Commit = Callable[[], AbstractContextManager[object]]

KARI = "kari@fjordkraft.no"
METTE = "mette@solo.dk"
MONDAY_MORNING = dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Oslo"))


@pytest.fixture
def commit(django_capture_on_commit_callbacks) -> Commit:
    """A block after which what waits for the commit runs: tasks, then their e-mails."""
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def people(world, commit):
    with commit():
        profile_set(world.kari_member, presence_days=["tue", "thu"])
        profile_set(world.mette_member, presence_days=["thu", "fri"], preferred_language="da")
    mail.outbox.clear()
    return world


def ask(world, commit, note: str = "Hei Mette! Jeg trenger en logo.") -> Introduction:
    with commit():
        return introduction_request(
            requester=world.kari_member, recipient=world.mette_member, note=note
        )


def answer(commit, introduction: Introduction, member: Member, accept: bool) -> Introduction:
    with commit():
        return introduction_answer(introduction=introduction, member=member, accept=accept)


def emails_to(address: str) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(to=address).order_by("pk"))


def seen_by(member: Member) -> list[tuple[Member, str]]:
    return [(item.other, item.status) for item in introduction_list(member=member)]


# --- double opt-in ---------------------------------------------------------------------------


def test_a_request_waits_for_the_recipient_who_is_asked_by_email(people, commit):
    world = people
    introduction = ask(world, commit)

    assert introduction.status == IntroductionStatus.PENDING
    assert introduction.requester_accepted_at is not None
    assert introduction.recipient_accepted_at is None
    assert seen_by(world.kari_member) == [(world.mette_member, "waiting")]
    assert seen_by(world.mette_member) == [(world.kari_member, "to_answer")]
    [asked] = emails_to(METTE)
    assert asked.language == "da"
    assert "Hei Mette! Jeg trenger en logo." in asked.body
    assert KARI not in asked.body  # no contact details before both said yes
    assert [message.to for message in mail.outbox] == [[METTE]]
    assert emails_to(KARI) == []


def test_only_the_recipient_can_answer(people, commit):
    world = people
    introduction = ask(world, commit)
    with pytest.raises(PermissionDenied):
        answer(commit, introduction, world.ola_member, accept=True)
    with pytest.raises(ValidationError) as error:
        answer(commit, introduction, world.kari_member, accept=True)
    assert "answer" in error.value.message_dict
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PENDING


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_accepting_shares_contact_details_with_both_in_their_own_language(people, commit):
    world = people
    introduction = ask(world, commit)
    introduction = answer(commit, introduction, world.mette_member, accept=True)

    assert introduction.status == IntroductionStatus.ACCEPTED
    assert introduction.suggested_day == dt.date(2026, 3, 5)  # the Thursday both are in
    assert seen_by(world.kari_member) == [(world.mette_member, "accepted")]
    assert seen_by(world.mette_member) == [(world.kari_member, "accepted")]
    [to_kari] = emails_to(KARI)
    [_asked, to_mette] = emails_to(METTE)
    assert (to_kari.language, to_mette.language) == ("nb", "da")
    assert METTE in to_kari.body and KARI not in to_kari.body
    assert KARI in to_mette.body and METTE not in to_mette.body
    assert "5 mars" in to_kari.body  # the day, written in Norwegian
    assert "5 marts" in to_mette.body  # and in Danish
    assert sorted(message.to[0] for message in mail.outbox) == [KARI, METTE, METTE]


def test_accepted_introduction_without_a_shared_day_suggests_none(people, commit):
    world = people
    with commit():
        profile_set(world.mette_member, presence_days=["mon"])
    introduction = answer(commit, ask(world, commit), world.mette_member, accept=True)
    assert introduction.status == IntroductionStatus.ACCEPTED
    assert introduction.suggested_day is None


def test_contact_details_share_the_phone_only_when_members_may_see_it(people, commit):
    world = people
    with commit():
        profile_set(world.mette_member, phone="+45 12 34 56 78")
    assert contact_details(member=world.mette_member) == {"email": METTE, "phone": ""}
    with commit():
        profile_set(world.mette_member, visibility={"phone": "members"})
    assert contact_details(member=world.mette_member) == {
        "email": METTE,
        "phone": "+45 12 34 56 78",
    }


def test_a_decline_looks_like_waiting_to_the_requester_who_gets_no_email(people, commit):
    world = people
    introduction = answer(commit, ask(world, commit), world.mette_member, accept=False)

    assert introduction.status == IntroductionStatus.DECLINED
    assert introduction_status_for(introduction, world.kari_member) == "waiting"
    assert introduction_status_for(introduction, world.mette_member) == "declined"
    assert seen_by(world.kari_member) == [(world.mette_member, "waiting")]
    assert seen_by(world.mette_member) == [(world.kari_member, "declined")]
    assert emails_to(KARI) == []
    assert [message.to for message in mail.outbox] == [[METTE]]  # only the question
    with pytest.raises(ValidationError):
        answer(commit, introduction, world.mette_member, accept=True)


def test_asking_someone_who_blocked_me_is_silently_declined(people, commit):
    world = people
    with commit():
        block_create(
            blocker=world.mette_member, blocked=world.kari_member, actor=world.mette_member.user
        )
    introduction = ask(world, commit)

    assert introduction.status == IntroductionStatus.DECLINED
    assert introduction_status_for(introduction, world.kari_member) == "waiting"
    assert seen_by(world.kari_member) == [(world.mette_member, "waiting")]
    assert emails_to(METTE) == []
    assert mail.outbox == []


def test_asking_someone_i_blocked_is_refused(people, commit):
    world = people
    with commit():
        block_create(
            blocker=world.kari_member, blocked=world.mette_member, actor=world.kari_member.user
        )
    with pytest.raises(ValidationError) as error:
        ask(world, commit)
    assert "recipient" in error.value.message_dict
    assert not Introduction.objects.exists()


def test_blocking_quietly_closes_a_request_still_waiting(people, commit):
    world = people
    introduction = ask(world, commit)
    with commit():
        block_create(
            blocker=world.mette_member, blocked=world.kari_member, actor=world.mette_member.user
        )
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.DECLINED
    assert introduction_status_for(introduction, world.kari_member) == "waiting"


# --- what cannot be asked --------------------------------------------------------------------


def test_a_second_request_for_the_same_pair_is_refused_either_way_round(people, commit):
    world = people
    ask(world, commit)
    with pytest.raises(ValidationError) as error:
        ask(world, commit)
    assert "recipient" in error.value.message_dict
    with pytest.raises(ValidationError) as error, commit():
        introduction_request(requester=world.mette_member, recipient=world.kari_member)
    assert "recipient" in error.value.message_dict
    assert Introduction.objects.count() == 1


def test_asking_again_after_being_introduced_is_refused(people, commit):
    world = people
    answer(commit, ask(world, commit), world.mette_member, accept=True)
    with pytest.raises(ValidationError) as error, commit():
        introduction_request(requester=world.mette_member, recipient=world.kari_member)
    assert "recipient" in error.value.message_dict


@pytest.mark.parametrize(
    "recipient",
    ["kari_member", "ola_member", "sven_member"],
    ids=["myself", "same-company", "other-space"],
)
def test_myself_a_colleague_or_someone_in_another_space_is_refused(world, commit, recipient):
    with pytest.raises(ValidationError) as error, commit():
        introduction_request(requester=world.kari_member, recipient=getattr(world, recipient))
    assert "recipient" in error.value.message_dict
    assert not Introduction.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_a_former_member_cannot_be_asked(world, commit):
    with commit():
        member_remove(member=world.mette_member, actor=world.cecilie)
    world.mette_member.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        ask(world, commit)
    assert "recipient" in error.value.message_dict


def test_someone_who_opted_out_cannot_be_asked_nor_ask(world, commit):
    mette = world.mette_member
    with commit():
        preference_update(member=mette, actor=mette.user, suggestions_opt_out=True)
    with pytest.raises(ValidationError) as error:
        ask(world, commit)
    assert "recipient" in error.value.message_dict
    with pytest.raises(ValidationError), commit():
        introduction_request(requester=mette, recipient=world.kari_member)
    assert not Introduction.objects.exists()


def test_a_note_too_long_is_refused_and_nothing_is_written(world, commit):
    with pytest.raises(ValidationError) as error:
        ask(world, commit, note="x" * (NOTE_MAX_LENGTH + 1))
    assert "note" in error.value.message_dict
    assert not Introduction.objects.exists()
    assert not OutboundEmail.objects.exists()
    assert mail.outbox == []


def test_a_note_of_the_maximum_length_is_fine(world, commit):
    introduction = ask(world, commit, note="x" * NOTE_MAX_LENGTH)
    assert len(introduction.note) == NOTE_MAX_LENGTH


# --- withdrawing -----------------------------------------------------------------------------


def test_the_requester_can_withdraw_and_then_ask_again(people, commit):
    world = people
    introduction = ask(world, commit)
    with pytest.raises(PermissionDenied), commit():
        introduction_withdraw(introduction=introduction, member=world.mette_member)
    with commit():
        withdrawn = introduction_withdraw(introduction=introduction, member=world.kari_member)
    assert withdrawn.status == IntroductionStatus.WITHDRAWN
    assert seen_by(world.kari_member) == []
    assert seen_by(world.mette_member) == []

    again = ask(world, commit)
    assert again.pk != introduction.pk
    assert again.status == IntroductionStatus.PENDING


def test_an_introduction_made_cannot_be_withdrawn(people, commit):
    world = people
    introduction = answer(commit, ask(world, commit), world.mette_member, accept=True)
    with pytest.raises(ValidationError) as error, commit():
        introduction_withdraw(introduction=introduction, member=world.kari_member)
    assert "status" in error.value.message_dict


# --- brokered by the community manager -------------------------------------------------------


def broker(world, commit) -> Introduction:
    with commit():
        return introduction_broker(
            actor=world.cecilie,
            first=world.kari_member,
            second=world.mette_member,
            note="Kari trenger en logo, Mette lager gode logoer.",
        )


def test_a_brokered_introduction_asks_both_and_needs_both_yeses(people, commit):
    world = people
    introduction = broker(world, commit)
    assert introduction.brokered_by == world.cecilie
    assert introduction.status == IntroductionStatus.PENDING
    [to_kari] = emails_to(KARI)
    [to_mette] = emails_to(METTE)
    assert (to_kari.language, to_mette.language) == ("nb", "da")
    assert "Kari trenger en logo" in to_kari.body and "Kari trenger en logo" in to_mette.body
    assert seen_by(world.kari_member) == [(world.mette_member, "to_answer")]
    assert seen_by(world.mette_member) == [(world.kari_member, "to_answer")]

    introduction = answer(commit, introduction, world.kari_member, accept=True)
    assert introduction.status == IntroductionStatus.PENDING
    assert seen_by(world.kari_member) == [(world.mette_member, "waiting")]
    with pytest.raises(ValidationError):
        answer(commit, introduction, world.kari_member, accept=True)

    introduction = answer(commit, introduction, world.mette_member, accept=True)
    assert introduction.status == IntroductionStatus.ACCEPTED
    assert METTE in emails_to(KARI)[-1].body
    assert KARI in emails_to(METTE)[-1].body
    assert len(mail.outbox) == 4


def test_a_no_to_a_brokered_introduction_is_seen_only_by_the_one_who_said_it(people, commit):
    world = people
    introduction = answer(commit, broker(world, commit), world.kari_member, accept=False)
    assert introduction.status == IntroductionStatus.DECLINED
    assert introduction_status_for(introduction, world.kari_member) == "declined"
    assert (len(emails_to(KARI)), len(emails_to(METTE))) == (1, 1)  # only the questions


def test_the_other_side_of_a_brokered_introduction_never_sees_the_decline(people, commit):
    world = people
    introduction = answer(commit, broker(world, commit), world.kari_member, accept=False)
    assert introduction_status_for(introduction, world.mette_member) != "declined"


def test_a_brokered_introduction_cannot_be_withdrawn_by_a_side(people, commit):
    world = people
    introduction = broker(world, commit)
    with pytest.raises(PermissionDenied):
        introduction_withdraw(introduction=introduction, member=world.kari_member)


@pytest.mark.parametrize("actor", ["ola", "bjorn"], ids=["member", "cm-of-another-space"])
def test_only_the_spaces_staff_broker_introductions(world, commit, actor):
    with pytest.raises(PermissionDenied), commit():
        introduction_broker(
            actor=getattr(world, actor), first=world.kari_member, second=world.mette_member
        )
    assert not Introduction.objects.exists()


def test_brokering_respects_a_block_without_saying_which(world, commit):
    with commit():
        block_create(
            blocker=world.mette_member, blocked=world.kari_member, actor=world.mette_member.user
        )
    with pytest.raises(ValidationError) as error:
        broker(world, commit)
    assert "second" in error.value.message_dict
    assert not OutboundEmail.objects.exists()


# --- e-mails are queued once and sent once ---------------------------------------------------


def test_the_same_email_key_queued_twice_gives_one_row_and_sending_twice_one_mail(
    world, django_capture_on_commit_callbacks
):
    def queue(to: str) -> OutboundEmail:
        return email_queue(
            key="introduction-1-ask-1",
            to=to,
            template="matching/email/introduction_ask",
            context={"name": "Mette", "other": "Kari", "space": "Smartby Hub", "url": "/"},
            language="da",
        )

    with django_capture_on_commit_callbacks() as callbacks:  # not sent yet
        first = queue(METTE)
        second = queue(KARI)
    assert first.pk == second.pk
    assert OutboundEmail.objects.get().to == METTE
    assert len(callbacks) == 1

    results = [email_send.enqueue(email_id=first.pk) for _ in range(2)]
    assert [result.return_value for result in results] == [True, False]
    assert [message.to for message in mail.outbox] == [[METTE]]
    first.refresh_from_db()
    assert first.sent_at is not None and first.attempts == 1


def test_delivering_an_introduction_email_again_sends_nothing(people, commit):
    world = people
    introduction = ask(world, commit)
    asked = OutboundEmail.objects.get(
        key=f"introduction-{introduction.pk}-ask-{world.mette_member.pk}"
    )
    assert asked.sent_at is not None
    assert email_deliver(email_id=asked.pk) is False
    assert email_send.enqueue(email_id=asked.pk).return_value is False
    assert len(mail.outbox) == 1


# --- outcomes --------------------------------------------------------------------------------


@pytest.fixture
def introduced(people, commit) -> Introduction:
    return answer(commit, ask(people, commit), people.mette_member, accept=True)


def test_each_side_says_how_it_went_and_can_correct_it(world, introduced):
    kari, mette = world.kari_member, world.mette_member
    outcome_record(member=kari, introduction=introduced, met=True, useful=True)
    outcome_record(member=mette, introduction=introduced, met=True, useful=False)
    corrected = outcome_record(
        member=kari, introduction=introduced, met=True, useful=True, led_to_work=True
    )
    assert Outcome.objects.filter(introduction=introduced).count() == 2
    assert (corrected.met, corrected.useful, corrected.led_to_work) == (True, True, True)
    assert Outcome.objects.get(member=mette).useful is False
    [item] = introduction_list(member=kari)
    assert item.outcome == corrected


def test_without_a_meeting_nothing_was_useful(world, introduced):
    outcome = outcome_record(
        member=world.kari_member, introduction=introduced, met=False, useful=True, led_to_work=True
    )
    assert (outcome.met, outcome.useful, outcome.led_to_work) == (False, None, None)
    outcome_record(member=world.kari_member, introduction=introduced, met=True, useful=True)
    outcome = outcome_record(member=world.kari_member, introduction=introduced, met=False)
    outcome.refresh_from_db()
    assert (outcome.met, outcome.useful, outcome.led_to_work) == (False, None, None)


def test_only_the_sides_answer_for_an_introduction(world, introduced):
    with pytest.raises(PermissionDenied):
        outcome_record(member=world.ola_member, introduction=introduced, met=True)
    assert not Outcome.objects.exists()


def test_there_is_no_outcome_before_both_said_yes(people, commit):
    world = people
    introduction = ask(world, commit)
    with pytest.raises(ValidationError) as error:
        outcome_record(member=world.kari_member, introduction=introduction, met=True)
    assert "introduction" in error.value.message_dict
    assert not Outcome.objects.exists()


def test_an_outcome_is_about_exactly_one_introduction_or_pair(world, introduced):
    with pytest.raises(ValidationError):
        outcome_record(member=world.kari_member, met=True)
    assert not Outcome.objects.exists()


def test_an_introduction_to_a_new_persona_uses_their_own_language(world, commit):
    astrid = person(
        world.space_a, full_name="Astrid Lindqvist", email="astrid@lindqvist.se", language="sv"
    )
    with commit():
        introduction = introduction_request(requester=world.kari_member, recipient=astrid)
    [asked] = emails_to("astrid@lindqvist.se")
    assert asked.key == f"introduction-{introduction.pk}-ask-{astrid.pk}"
    assert asked.language == "sv"


def test_blocking_takes_back_my_own_request_and_quietly_ends_one_made_to_me(world):
    from kollega.matching.selectors import introduction_list
    from kollega.matching.services import block_create

    mine = introduction_request(requester=world.kari_member, recipient=world.mette_member)
    block_create(blocker=world.kari_member, blocked=world.mette_member, actor=world.kari)
    mine.refresh_from_db()
    assert mine.status == IntroductionStatus.WITHDRAWN
    assert introduction_list(member=world.mette_member) == []  # nothing left to answer

    theirs = introduction_request(requester=world.ola_member, recipient=world.mette_member)
    block_create(blocker=world.mette_member, blocked=world.ola_member, actor=world.mette)
    theirs.refresh_from_db()
    assert theirs.status == IntroductionStatus.DECLINED
    assert introduction_status_for(theirs, world.ola_member) == "waiting"
    assert introduction_status_for(theirs, world.mette_member) == "declined"


def test_withdrawing_a_declined_request_and_asking_again_does_not_ask_twice(
    world, django_capture_on_commit_callbacks
):
    first = introduction_request(requester=world.kari_member, recipient=world.mette_member)
    introduction_answer(introduction=first, member=world.mette_member, accept=False)
    introduction_withdraw(introduction=first, member=world.kari_member)
    with django_capture_on_commit_callbacks(execute=True):
        again = introduction_request(requester=world.kari_member, recipient=world.mette_member)
    assert again.status == IntroductionStatus.DECLINED
    assert introduction_status_for(again, world.kari_member) == "waiting"
    assert not OutboundEmail.objects.filter(key__startswith=f"introduction-{again.pk}-").exists()
