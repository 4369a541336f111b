"""The matchmaking pages through HTTP: the member home, introductions, outcomes, choices,
and the community manager's pages. Each member acts only on what is theirs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from kollega.core.tests.factories import CompanyFactory, MemberFactory, UserFactory
from kollega.matching.models import (
    Block,
    Introduction,
    IntroductionStatus,
    Outcome,
    Pair,
    PairingRound,
    Preference,
    SpaceConcept,
)
from kollega.matching.services import (
    introduction_answer,
    introduction_request,
    pairing_round_run,
    preference_update,
    suggestions_refresh,
)
from kollega.members.services import profile_update
from kollega.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db


def home_url(space):
    return reverse("matching:home", kwargs={"slug": space.slug})


@pytest.fixture
def matched(world):
    """Kari (nb) needs accounting help that Mette (sv) offers; both are in on Thursdays."""
    profile_update(
        user=world.kari,
        actor=world.kari,
        needs=["hjelp med regnskap"],
        offers=["maskinlæring og dataanalyse"],
        presence_days=["mon", "thu"],
        preferred_language="nb",
    )
    profile_update(
        user=world.mette,
        actor=world.mette,
        offers=["bokföring och bokslut"],
        needs=["data science"],
        presence_days=["thu"],
        phone="+45 12 34 56 78",
        visibility={"phone": "members"},
        preferred_language="sv",
    )
    suggestions_refresh(space=world.space_a)
    return world


def test_member_home_shows_people_to_meet_with_reasons_in_my_language(client, matched):
    client.force_login(matched.kari)
    response = client.get(home_url(matched.space_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mette Jensen" in page
    assert "Mette tilbyr «bokföring och bokslut»" in page  # Norwegian sentence, her words
    assert "Ola Hansen" not in page.split('id="suggestions-heading"')[1]  # a colleague: never


def test_home_query_count_is_pinned(client, matched, django_assert_max_num_queries):
    client.force_login(matched.kari)
    with django_assert_max_num_queries(25):
        assert client.get(home_url(matched.space_a)).status_code == 200


def test_signed_in_member_lands_on_their_space_home(client, world):
    client.force_login(world.mette)
    response = client.get(reverse("home"))
    assert response.url == home_url(world.space_a)


def test_home_of_another_space_is_404_and_staff_go_to_the_manage_page(client, world):
    client.force_login(world.sven)
    assert client.get(home_url(world.space_a)).status_code == 404
    client.force_login(world.cecilie)
    response = client.get(home_url(world.space_a))
    assert response.url == reverse("matching_manage:overview", kwargs={"slug": "smartby"})


def test_asking_to_meet_with_htmx_swaps_in_the_asked_state(client, matched):
    client.force_login(matched.kari)
    url = reverse(
        "matching:introduction_request",
        kwargs={"slug": "smartby", "member_id": matched.mette_member.pk},
    )
    form = client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in form.content.decode() and 'name="note"' in form.content.decode()
    response = client.post(url, {"note": "Hei! Kaffe?"}, headers={"HX-Request": "true"})
    assert 'class="introduction-asked"' in response.content.decode()
    introduction = Introduction.objects.get()
    assert (introduction.requester, introduction.recipient) == (
        matched.kari_member,
        matched.mette_member,
    )
    assert introduction.note == "Hei! Kaffe?"
    assert OutboundEmail.objects.filter(to=matched.mette.email).count() == 1


def test_a_note_too_long_shows_the_error_and_writes_nothing(client, matched):
    client.force_login(matched.kari)
    url = reverse(
        "matching:introduction_request",
        kwargs={"slug": "smartby", "member_id": matched.mette_member.pk},
    )
    response = client.post(url, {"note": "x" * 601})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Introduction.objects.exists()


def test_asking_to_meet_a_colleague_is_refused_with_a_message(client, world):
    client.force_login(world.kari)
    url = reverse(
        "matching:introduction_request",
        kwargs={"slug": "smartby", "member_id": world.ola_member.pk},
    )
    response = client.post(url, {"note": ""})
    assert "works at the same company" in response.content.decode()
    assert not Introduction.objects.exists()


def test_recipient_accepts_and_both_see_contact_details_and_a_day(client, matched):
    introduction = introduction_request(
        requester=matched.kari_member, recipient=matched.mette_member, note="Hei"
    )
    client.force_login(matched.mette)
    page = client.get(home_url(matched.space_a)).content.decode()
    assert 'id="to-answer"' in page and "Hei" in page
    answer = reverse(
        "matching:introduction_answer",
        kwargs={"slug": "smartby", "introduction_id": introduction.pk},
    )
    client.post(answer, {"accept": "yes"})
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED
    assert introduction.suggested_day.weekday() == 3  # Thursday, the day both are in
    page = client.get(home_url(matched.space_a)).content.decode()
    assert matched.kari.email in page
    client.force_login(matched.kari)
    page = client.get(home_url(matched.space_a)).content.decode()
    assert matched.mette.email in page and "+45 12 34 56 78" in page


def test_a_decline_is_never_shown_to_the_one_who_asked(client, matched):
    introduction = introduction_request(
        requester=matched.kari_member, recipient=matched.mette_member
    )
    client.force_login(matched.mette)
    answer = reverse(
        "matching:introduction_answer",
        kwargs={"slug": "smartby", "introduction_id": introduction.pk},
    )
    client.post(answer, {"accept": "no"})
    with translation.override("sv"):  # Mette reads Swedish
        you_declined = gettext("You declined")
    assert client.get(home_url(matched.space_a)).content.decode().count(you_declined) == 1
    client.force_login(matched.kari)
    page = client.get(home_url(matched.space_a)).content.decode()
    with translation.override("nb"):  # Kari reads Norwegian
        assert gettext("Waiting for an answer") in page
        assert gettext("You declined") not in page
    assert matched.mette.email not in page


def test_only_the_recipient_may_answer_and_outsiders_get_404(client, matched):
    introduction = introduction_request(
        requester=matched.kari_member, recipient=matched.mette_member
    )
    answer = reverse(
        "matching:introduction_answer",
        kwargs={"slug": "smartby", "introduction_id": introduction.pk},
    )
    client.force_login(matched.ola)  # same space, not a side
    assert client.post(answer, {"accept": "yes"}).status_code == 404
    client.force_login(matched.kari)  # the one who asked cannot answer for the other
    client.post(answer, {"accept": "yes"})
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PENDING


def test_withdraw_and_outcome(client, matched):
    introduction = introduction_request(
        requester=matched.kari_member, recipient=matched.mette_member
    )
    client.force_login(matched.kari)
    client.post(
        reverse(
            "matching:introduction_withdraw",
            kwargs={"slug": "smartby", "introduction_id": introduction.pk},
        )
    )
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.WITHDRAWN
    again = introduction_request(requester=matched.kari_member, recipient=matched.mette_member)
    introduction_answer(introduction=again, member=matched.mette_member, accept=True)
    outcome = reverse(
        "matching:introduction_outcome", kwargs={"slug": "smartby", "introduction_id": again.pk}
    )
    client.post(outcome, {"met": "yes", "useful": "yes", "led_to_work": ""})
    saved = Outcome.objects.get(member=matched.kari_member)
    assert (saved.met, saved.useful, saved.led_to_work) == (True, True, None)
    client.force_login(matched.ola)
    assert client.post(outcome, {"met": "yes"}).status_code == 404


def test_preferences_opt_out_hides_suggestions_and_pairing_opt_in(client, matched):
    client.force_login(matched.kari)
    url = reverse("matching:preferences", kwargs={"slug": "smartby"})
    refused = client.post(url, {"pairing": "on"})  # pairing without matchmaking: refused
    assert refused.status_code == 200 and 'role="alert"' in refused.content.decode()
    assert not Preference.objects.exists()
    client.post(url, {})  # both boxes unticked: matchmaking off
    preference = Preference.objects.get(member=matched.kari_member)
    assert preference.suggestions_opt_out and not preference.pairing_opt_in
    home = client.get(home_url(matched.space_a)).content.decode()
    assert "Mette Jensen" not in home.split('id="suggestions-heading"')[1]
    with translation.override("nb"):
        assert gettext("Turn it on") in home
    client.post(url, {"suggestions": "on", "pairing": "on"})
    preference.refresh_from_db()
    assert not preference.suggestions_opt_out and preference.pairing_opt_in


def test_block_from_the_profile_and_unblock(client, matched):
    client.force_login(matched.kari)
    profile_page = client.get(
        reverse("members:profile", kwargs={"slug": "smartby", "member_id": matched.mette_member.pk})
    ).content.decode()
    assert (
        reverse("matching:block", kwargs={"slug": "smartby", "member_id": matched.mette_member.pk})
        in profile_page
    )
    client.post(
        reverse("matching:block", kwargs={"slug": "smartby", "member_id": matched.mette_member.pk})
    )
    assert Block.objects.filter(blocker=matched.kari_member, blocked=matched.mette_member).exists()
    home = client.get(home_url(matched.space_a)).content.decode()
    assert "Mette Jensen" not in home.split('id="suggestions-heading"')[1]
    client.post(
        reverse(
            "matching:unblock", kwargs={"slug": "smartby", "member_id": matched.mette_member.pk}
        )
    )
    assert not Block.objects.exists()


def test_blocking_a_member_of_another_space_is_404(client, world):
    client.force_login(world.kari)
    url = reverse("matching:block", kwargs={"slug": "smartby", "member_id": world.sven_member.pk})
    assert client.post(url).status_code == 404
    assert not Block.objects.exists()


def test_pair_shows_on_home_and_takes_an_outcome(client, matched):
    for member, user in (
        (matched.kari_member, matched.kari),
        (matched.mette_member, matched.mette),
    ):
        preference_update(member=member, actor=user, pairing_opt_in=True)
    round_ = pairing_round_run(space=matched.space_a, week_of=dt.date(2026, 11, 23), actor=None)
    pair = Pair.objects.get(round=round_)
    client.force_login(matched.mette)
    page = client.get(home_url(matched.space_a)).content.decode()
    assert "Kari Nordmann" in page.split('id="pairs-heading"')[1]
    client.post(
        reverse("matching:pair_outcome", kwargs={"slug": "smartby", "pair_id": pair.pk}),
        {"met": "no", "useful": "yes"},
    )
    saved = Outcome.objects.get(pair=pair)
    assert (saved.met, saved.useful) == (False, None)


# --- the community manager's pages ------------------------------------------------------


def manage_url(name, **kwargs):
    return reverse(f"matching_manage:{name}", kwargs={"slug": "smartby", **kwargs})


@pytest.mark.parametrize("name", ["overview", "settings", "vocabulary"])
def test_manage_pages_are_404_for_members_and_other_staff(client, world, name):
    client.force_login(world.kari)
    assert client.get(manage_url(name)).status_code == 404
    client.force_login(world.bjorn)
    assert client.get(manage_url(name)).status_code == 404
    client.force_login(world.cecilie)
    assert client.get(manage_url(name)).status_code == 200


def test_cm_brokers_an_introduction_in_one_click(client, matched):
    client.force_login(matched.cecilie)
    response = client.post(
        manage_url("broker"),
        {"first": matched.kari_member.pk, "second": matched.mette_member.pk, "note": "Snakk!"},
    )
    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert introduction.brokered_by == matched.cecilie
    mails = {mail.to: mail for mail in OutboundEmail.objects.all()}
    assert mails[matched.kari.email].language == "nb"
    assert mails[matched.mette.email].language == "sv"
    assert "Cecilie Berg" in mails[matched.mette.email].subject


def test_cm_cannot_broker_between_a_member_and_someone_of_another_space(client, world):
    client.force_login(world.cecilie)
    client.post(
        manage_url("broker"), {"first": world.kari_member.pk, "second": world.sven_member.pk}
    )
    assert not Introduction.objects.exists()


def test_overview_shows_the_evidence(client, matched):
    introduction = introduction_request(
        requester=matched.kari_member, recipient=matched.mette_member
    )
    introduction_answer(introduction=introduction, member=matched.mette_member, accept=True)
    client.force_login(matched.cecilie)
    page = client.get(manage_url("overview")).content.decode()
    assert 'data-stat="introductions">1<' in page
    assert 'data-stat="accepted">1<' in page


def test_cm_runs_a_round_and_sees_its_pairs(client, world):
    extra = CompanyFactory(space=world.space_a, name="Nordlys AS")
    nora = MemberFactory(
        space=world.space_a, user=UserFactory(full_name="Nora Nilsen"), company=extra
    )
    for member in (world.kari_member, world.mette_member, world.ola_member, nora):
        preference_update(member=member, actor=member.user, pairing_opt_in=True)
    client.force_login(world.cecilie)
    response = client.post(manage_url("round_run"))
    round_ = PairingRound.objects.get()
    assert response.url == manage_url("round_detail", round_id=round_.pk)
    page = client.get(response.url).content.decode()
    assert page.count("<tr>") == 1 + 2  # header + two pairs
    assert round_.pairs.filter(second__isnull=False).count() == 2


def test_a_round_with_too_few_people_says_why(client, world):
    client.force_login(world.cecilie)
    client.post(manage_url("round_run"))
    page = client.get(manage_url("overview")).content.decode()
    assert "At least two members must have opted in" in page
    assert not PairingRound.objects.exists()


def test_cm_changes_settings_with_validation(client, world):
    client.force_login(world.cecilie)
    bad = client.post(
        manage_url("settings"),
        {
            "periphery_boost": "3",
            "pairing_cadence": "2",
            "pairing_weekday": "3",
            "repeat_window": "4",
        },
    )
    assert bad.status_code == 200 and "less than or equal to 1" in bad.content.decode()
    client.post(
        manage_url("settings"),
        {
            "periphery_boost": "0.3",
            "pairing_cadence": "2",
            "pairing_weekday": "3",
            "repeat_window": "4",
            "suggestions_enabled": "on",
        },
    )
    settings = world.space_a.matching
    settings.refresh_from_db()
    assert (settings.pairing_cadence, settings.pairing_weekday, settings.repeat_window) == (2, 3, 4)
    assert not settings.exclude_introduced


def test_cm_extends_the_vocabulary_and_it_matches(client, world):
    profile_update(user=world.kari, actor=world.kari, needs=["en som kan fly dronekartlegging"])
    profile_update(user=world.mette, actor=world.mette, offers=["UAV photogrammetry"])
    client.force_login(world.cecilie)
    response = client.post(
        manage_url("vocabulary"),
        {
            "concept_id": "drone-survey",
            "kind": "service",
            "labels_nb": "dronekartlegging",
            "labels_en": "UAV photogrammetry, drone survey",
        },
    )
    assert response.status_code == 302
    assert SpaceConcept.objects.get().labels["nb"] == ["dronekartlegging"]
    suggestions_refresh(space=world.space_a)
    reasons = world.kari_member.suggestions.get(suggested=world.mette_member).reasons
    assert any("UAV photogrammetry" in reason for reason in reasons)
    bad = client.post(
        manage_url("vocabulary"), {"concept_id": "Not OK", "kind": "service", "labels_en": "x"}
    )
    assert "lowercase" in bad.content.decode()
    client.post(manage_url("vocabulary_delete", concept_id=SpaceConcept.objects.get().pk))
    assert not SpaceConcept.objects.exists()


def test_the_personal_data_export_holds_matchmaking_but_not_who_blocked_you(client, matched):
    from kollega.matching.services import block_create
    from kollega.members.gdpr import user_data_export

    introduction = introduction_request(
        requester=matched.kari_member, recipient=matched.mette_member, note="Hei"
    )
    introduction_answer(introduction=introduction, member=matched.mette_member, accept=False)
    block_create(blocker=matched.mette_member, blocked=matched.ola_member, actor=matched.mette)
    kari = user_data_export(user=matched.kari)["matchmaking"][0]
    assert kari["introductions"][0]["status"] == "waiting"  # the decline stays private
    assert kari["introductions"][0]["note"] == "Hei"
    assert kari["blocked"] == []
    mette = user_data_export(user=matched.mette)["matchmaking"][0]
    assert mette["introductions"][0]["status"] == "declined"
    assert mette["blocked"] == ["Ola Hansen"]
    ola = user_data_export(user=matched.ola)["matchmaking"][0]
    assert "Mette" not in str(ola)


def test_overview_query_count_does_not_grow_with_introductions(
    client, matched, django_assert_max_num_queries
):
    introduction_request(requester=matched.kari_member, recipient=matched.mette_member)
    introduction_request(requester=matched.ola_member, recipient=matched.mette_member)
    client.force_login(matched.cecilie)
    with django_assert_max_num_queries(30):
        assert client.get(manage_url("overview")).status_code == 200


def test_home_query_count_does_not_grow_with_accepted_introductions(
    client, matched, django_assert_max_num_queries
):
    for index in range(4):
        other = MemberFactory(
            space=matched.space_a,
            user=UserFactory(full_name=f"Person {index}"),
            company=CompanyFactory(space=matched.space_a, name=f"Firma {index}"),
        )
        introduction = introduction_request(requester=matched.kari_member, recipient=other)
        introduction_answer(introduction=introduction, member=other, accept=True)
    client.force_login(matched.kari)
    with django_assert_max_num_queries(25):
        page = client.get(home_url(matched.space_a)).content.decode()
    assert page.count('class="contact"') == 4
