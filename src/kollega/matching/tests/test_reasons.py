"""Reasons in the reader's language, quoting the members' own phrases."""

from __future__ import annotations

import pytest

from kollega.matching.engine.reasons import days_text, quote, render, render_all
from kollega.matching.engine.scoring import explain, recommend
from kollega.matching.engine.types import MatchOptions, Profile, Reason
from kollega.matching.engine.vocabulary import Vocabulary


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    """A small vocabulary of our own, so the labels in these sentences are fixed."""
    return Vocabulary.from_data(
        {
            "concepts": [
                {
                    "id": "accounting",
                    "kind": "service",
                    "labels": {
                        "en": ["accounting", "bookkeeping"],
                        "nb": ["regnskap", "bokføring"],
                        "da": ["regnskab", "bogføring"],
                        "sv": ["redovisning", "bokföring", "bokslut"],
                    },
                },
                {
                    "id": "solar",
                    "kind": "sector",
                    "labels": {
                        "en": ["solar energy"],
                        "nb": ["solenergi"],
                        "da": ["solenergi"],
                        "sv": ["solenergi"],
                    },
                },
                {
                    "id": "cycling",
                    "kind": "theme",
                    "labels": {
                        "en": ["cycling"],
                        "nb": ["sykling"],
                        "da": ["cykling"],
                        "sv": ["cykling"],
                    },
                },
            ]
        }
    )


OFFERS_NEED = Reason(
    kind="offers_need",
    their_text="bokföring och bokslut",
    your_text="hjelp med regnskap",
    concept="accounting",
)
NEEDS_OFFER = Reason(
    kind="needs_offer", their_text="hjælp til regnskab", your_text="Bookkeeping & VAT"
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "Ingrid offers *bokföring och bokslut*, which matches your need *hjelp med regnskap*",
        ),
        (
            "nb",
            "Ingrid tilbyr «bokföring och bokslut», som passer med behovet ditt "
            "«hjelp med regnskap»",
        ),
        (
            "da",
            "Ingrid tilbyder »bokföring och bokslut«, som passer til dit behov "
            "»hjelp med regnskap«",
        ),
        (
            "sv",
            "Ingrid erbjuder ”bokföring och bokslut”, som passar ditt behov ”hjelp med regnskap”",
        ),
    ],
)
def test_offer_meeting_your_need_in_each_language(
    language: str, expected: str, vocabulary: Vocabulary
) -> None:
    assert (
        render(OFFERS_NEED, language=language, other_name="Ingrid Berg", vocabulary=vocabulary)
        == expected
    )


@pytest.mark.parametrize(
    ("language", "looking", "interest", "theme", "presence"),
    [
        (
            "en",
            "Mette is looking for *hjælp til regnskab*, which you offer (*Bookkeeping & VAT*)",
            "You share an interest in cycling",
            "Both of you work with solar energy",
            "You are both usually in on Monday and Thursday",
        ),
        (
            "nb",
            "Mette ser etter «hjælp til regnskab», som du tilbyr («Bookkeeping & VAT»)",
            "Dere deler en interesse for sykling",
            "Dere jobber begge med solenergi",
            "Dere er begge vanligvis her på mandager og torsdager",
        ),
        (
            "da",
            "Mette søger »hjælp til regnskab«, som du tilbyder (»Bookkeeping & VAT«)",
            "I deler en interesse for cykling",
            "I arbejder begge med solenergi",
            "I plejer begge at være her om mandagen og torsdagen",
        ),
        (
            "sv",
            "Mette söker ”hjælp til regnskab”, som du erbjuder (”Bookkeeping & VAT”)",
            "Ni delar ett intresse för cykling",
            "Ni arbetar båda med solenergi",
            "Ni brukar båda vara här på måndagar och torsdagar",
        ),
    ],
)
def test_every_kind_of_reason_in_each_language(
    language: str,
    looking: str,
    interest: str,
    theme: str,
    presence: str,
    vocabulary: Vocabulary,
) -> None:
    def say(reason: Reason) -> str:
        return render(reason, language=language, other_name="Mette", vocabulary=vocabulary)

    assert say(NEEDS_OFFER) == looking
    assert say(Reason(kind="shared_interest", concept="cycling")) == interest
    assert say(Reason(kind="theme", concept="solar")) == theme
    assert say(Reason(kind="presence", their_text="mon thu")) == presence


def test_weekdays_are_listed_in_week_order() -> None:
    assert days_text(["fri", "mon", "wed"], "en") == "Monday, Wednesday and Friday"
    assert days_text(["thu"], "sv") == "torsdagar"


def test_members_phrases_are_quoted_as_written_and_long_ones_shortened() -> None:
    assert quote("Årsregnskap & MVA-rådgivning", "nb") == "«Årsregnskap & MVA-rådgivning»"
    long = "regnskap " * 20
    quoted = quote(long, "en")
    assert quoted.startswith("*regnskap regnskap") and quoted.endswith("…*")
    assert len(quoted) <= 84


def test_reader_without_a_name_or_known_language(vocabulary: Vocabulary) -> None:
    text = render(OFFERS_NEED, language="de", other_name="", vocabulary=vocabulary)
    assert text.startswith("This member offers *bokföring och bokslut*")


def test_reasons_are_written_in_the_readers_language(vocabulary: Vocabulary) -> None:
    kari = Profile(
        id="kari",
        name="Kari Nordmann",
        company="Fjord AS",
        languages=("de", "nb", "en"),  # first *known* language: Norwegian
        needs=("hjelp med regnskap",),
        interests=("sykling",),
        presence_days=("mon", "thu"),
    )
    ingrid = Profile(
        id="ingrid",
        name="Ingrid Berg",
        company="Svea AB",
        languages=("sv",),
        offers=("Bokföring och bokslut",),
        interests=("cykling",),
        presence_days=("thu",),
    )
    result = recommend([kari, ingrid], vocabulary=vocabulary)

    assert result["kari"][0].reasons == (
        "Ingrid tilbyr «Bokföring och bokslut», som passer med behovet ditt «hjelp med regnskap»",
        "Dere deler en interesse for sykling",
        "Dere er begge vanligvis her på torsdager",
    )
    assert result["ingrid"][0].reasons[0] == (
        "Kari söker ”hjelp med regnskap”, som du erbjuder (”Bokföring och bokslut”)"
    )


def test_most_important_reason_first_and_at_most_three(vocabulary: Vocabulary) -> None:
    reader = Profile(
        id="r",
        languages=("en",),
        needs=("bookkeeping", "solar energy"),
        offers=("cycling tours",),
        interests=("cycling", "solar energy"),
        presence_days=("tue",),
    )
    other = Profile(
        id="o",
        name="Ola",
        languages=("nb",),
        offers=("regnskap",),
        needs=("sykling",),
        interests=("sykling", "solenergi"),
        presence_days=("tue",),
    )
    reasons = explain(reader, other, vocabulary=vocabulary, theme="solenergi")
    assert [reason.kind for reason in reasons] == ["offers_need", "needs_offer", "theme"]
    sentences = render_all(
        reasons, reader=reader, other=Profile(id="o", name="Ola"), vocabulary=vocabulary
    )
    assert sentences[0] == "Ola offers *regnskap*, which matches your need *bookkeeping*"

    result = recommend(
        [reader, other], options=MatchOptions(theme="solenergi"), vocabulary=vocabulary
    )
    assert len(result["r"][0].reasons) == 3


def test_text_match_outside_the_vocabulary_quotes_both_phrases(vocabulary: Vocabulary) -> None:
    reader = Profile(id="r", languages=("en",), needs=("Kubernetes cluster upgrades",))
    other = Profile(id="o", name="Zed", languages=("en",), offers=("Kubernetes clusters",))
    reasons = explain(reader, other, vocabulary=vocabulary)

    assert reasons[0] == Reason(
        kind="offers_need",
        their_text="Kubernetes clusters",
        your_text="Kubernetes cluster upgrades",
        concept="",
    )
    result = recommend([reader, other], vocabulary=vocabulary)
    assert result["r"][0].reasons[0] == (
        "Zed offers *Kubernetes clusters*, which matches your need *Kubernetes cluster upgrades*"
    )


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "You both work as a lawyer"),
        ("nb", "Dere jobber begge som advokat"),
        ("da", "I arbejder begge som advokat"),
        ("sv", "Ni arbetar båda som advokat"),
    ],
)
def test_a_shared_role_reads_as_a_role_not_an_interest(language, sentence):
    vocabulary = Vocabulary.default()
    for kind in ("shared_interest", "theme"):
        reason = Reason(kind=kind, concept="lawyer")
        assert (
            render(reason, language=language, other_name="Kari", vocabulary=vocabulary) == sentence
        )
