"""The multilingual vocabulary: its data, the tagger, validation and per-space extension."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kollega.matching.engine import vocabulary as vocabulary_module
from kollega.matching.engine.types import LANGUAGES
from kollega.matching.engine.vocabulary import (
    CASED_LABELS,
    DATA_PATH,
    FULL_WEIGHT,
    KINDS,
    PART_WEIGHT,
    Concept,
    Vocabulary,
)


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary.default()


def _valid_concept(concept_id: str = "coffee-roasting", **changes: object) -> dict[str, object]:
    concept: dict[str, object] = {
        "id": concept_id,
        "kind": "sector",
        "labels": {
            "en": ["coffee roasting"],
            "nb": ["kaffebrenning"],
            "da": ["kafferisteri"],
            "sv": ["kafferosteri"],
        },
        "complements": [],
    }
    concept.update(changes)
    return concept


# --- the data file -------------------------------------------------------------------


def test_the_file_has_several_hundred_concepts_each_in_all_four_languages(
    vocab: Vocabulary,
) -> None:
    assert len(vocab) >= 350
    for concept in vocab:
        assert concept.kind in KINDS
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", concept.id), concept.id
        for language in LANGUAGES:
            labels = concept.labels[language]
            assert labels, f"{concept.id} has no {language} label"
            assert all(label.strip() == label and label for label in labels), concept.id
        assert all(other in vocab for other in concept.complements), concept.id


def test_every_kind_is_well_represented(vocab: Vocabulary) -> None:
    kinds = Counter(concept.kind for concept in vocab)
    assert set(kinds) == set(KINDS)
    assert min(kinds.values()) >= 20, kinds


def test_most_concepts_have_synonyms_not_just_one_label(vocab: Vocabulary) -> None:
    with_synonyms = [
        concept for concept in vocab if all(len(concept.labels[lang]) >= 3 for lang in LANGUAGES)
    ]
    assert len(with_synonyms) >= 0.9 * len(vocab)


def test_every_label_finds_its_own_concept(vocab: Vocabulary) -> None:
    for concept in vocab:
        for language, label in concept.phrases():
            assert vocab.tag(label).get(concept.id) == FULL_WEIGHT, (concept.id, language, label)


def test_the_file_is_what_from_data_reads() -> None:
    data = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    assert len(Vocabulary.from_data(data)) == len(data["concepts"])
    assert Vocabulary.default() is Vocabulary.default()  # loaded once


def test_case_sensitive_labels_are_all_in_the_data(vocab: Vocabulary) -> None:
    labels = {label for concept in vocab for _, label in concept.phrases()}
    assert labels >= CASED_LABELS


def test_complements_point_from_a_need_to_the_offers_that_meet_it(vocab: Vocabulary) -> None:
    assert {"angel-investor", "venture-capital"} <= set(vocab.concept("seed-funding").complements)
    assert "accountant" in vocab.concept("accounting").complements
    assert "municipality" in vocab.concept("pilot-customer").complements
    assert "public-procurement" in vocab.concept("customer").complements
    assert "cto" in vocab.concept("co-founder").complements


# --- tagging -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "hjelp med regnskap",  # nb
        "regnskab og bogføring",  # da
        "bokföring och bokslut",  # sv
        "bookkeeping",  # en
        "Trenger noen til årsregnskapet",  # nb, inflected
        "Vi söker en redovisningskonsult",  # sv
    ],
)
def test_the_same_concept_is_found_in_every_language(vocab: Vocabulary, text: str) -> None:
    assert vocab.tag(text).get("accounting") == FULL_WEIGHT


@pytest.mark.parametrize(
    ("text", "concept_id", "weight"),
    [
        ("regnskapsfører", "accounting", FULL_WEIGHT),  # a label of its own
        ("regnskapsfører", "accountant", FULL_WEIGHT),
        ("regnskapshjelp", "accounting", PART_WEIGHT),
        ("bokföringsbyrå", "accounting", PART_WEIGHT),
        ("solenergianlegg", "solar", PART_WEIGHT),
        ("kommunesektoren", "municipality", PART_WEIGHT),
        ("vindkraftprosjekter", "wind-power", PART_WEIGHT),
    ],
)
def test_labels_are_found_inside_compound_words(
    vocab: Vocabulary, text: str, concept_id: str, weight: float
) -> None:
    assert vocab.tag(text).get(concept_id) == weight


@pytest.mark.parametrize(
    ("text", "not_found"),
    [
        ("fair", "ai"),
        ("mail", "ai"),
        ("email me", "ai"),
        ("luxury", "ux-design"),
        ("10 år erfaring", "ar-vr"),  # sv/da "år" folds like "AR"
        ("some people", "social-media"),  # "SoMe" only as written
        ("Kommunikatör", "municipality"),  # not "kommun"
        ("energisk", "energy"),  # "energi|sk" is no compound
        ("kunstig intelligens", "visual-arts"),  # "kunst" inside a phrase
        ("maskinlæring", "education"),
        ("Jeg har en bok", "prototyping"),  # nb "bok" folds like "POC"
        ("Firma ApS", "mobile-development"),  # da "ApS" folds like "apps"
        ("SCADA", "tax-advice"),  # folds like "skat"
        ("eventuelt", "events"),
        ("en småbedrift", "operations"),  # bedrift holds "drift"
        ("företagshemlighet", "diversity-inclusion"),  # folds to ...sjemlikhet
        ("immediately important", "media"),
    ],
)
def test_short_labels_do_not_match_inside_other_words(
    vocab: Vocabulary, text: str, not_found: str
) -> None:
    assert not_found not in vocab.tag(text)


@pytest.mark.parametrize(
    ("text", "concept_id"),
    [("AI", "ai"), ("ai og maskinlæring", "ai"), ("UX", "ux-design"), ("SoMe", "social-media")],
)
def test_short_labels_match_as_whole_words(vocab: Vocabulary, text: str, concept_id: str) -> None:
    assert vocab.tag(text).get(concept_id) == FULL_WEIGHT


@pytest.mark.parametrize(
    "text",
    [
        "public procurement",
        "offentlige anskaffelser",
        "offentlig anskaffelse",  # light inflection on both words
        "offentlig upphandling",
        "offentliga upphandlingar",
        "offentlige indkøb",
        "offentlige udbud",
        "erfaring med offentlige anbudskonkurranser",
    ],
)
def test_multiword_phrases_in_all_languages(vocab: Vocabulary, text: str) -> None:
    assert vocab.tag(text).get("public-procurement") == FULL_WEIGHT


def test_a_phrase_takes_precedence_over_the_words_inside_it(vocab: Vocabulary) -> None:
    assert vocab.tag("machine learning") == {"machine-learning": FULL_WEIGHT}
    assert vocab.tag("kunstig intelligens") == {"ai": FULL_WEIGHT}
    assert vocab.tag("offentlige indkøb") == {"public-procurement": FULL_WEIGHT}  # not purchasing


def test_plural_and_genitive_forms_match(vocab: Vocabulary) -> None:
    assert "angel-investor" in vocab.tag("intros to angel investors")
    assert "accounting" in vocab.tag("regnskapets tall")
    assert "venture-capital" in vocab.tag("VCs")


def test_tagging_a_whole_profile_text(vocab: Vocabulary) -> None:
    found = vocab.tag(
        "Vårt bolag bygger laddinfrastruktur för elbilar och vill komma in i offentlig "
        "upphandling. Vi söker en pilotkund i kommunen."
    )
    assert set(found) == {
        "ev-charging",
        "electric-vehicles",
        "public-procurement",
        "pilot-customer",
        "municipality",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Det spelar ingen roll om du är ny, kom och fika med oss!",
        "Vi har et godt fagmiljø og mange dyktige kolleger.",
        "Kontakt meg på mail eller telefon.",
        "I love coffee and long walks.",
        "Jeg taler dansk og tysk.",
        "Hun sto der i ti år.",
        "Vad gör du på fredag? Vi tar en kaffe i staden.",  # sv "vad" folds like "VAT"
        "Hvad siger du til det?",
        "",
        "!!! ???",
    ],
)
def test_everyday_sentences_tag_nothing(vocab: Vocabulary, text: str) -> None:
    assert vocab.tag(text) == {}


def test_weights_are_in_the_unit_interval_and_results_are_copies(vocab: Vocabulary) -> None:
    found = vocab.tag("regnskapshjelp og markedsføring")
    assert found and all(0.0 < weight <= 1.0 for weight in found.values())
    found["accounting"] = 42.0
    assert vocab.tag("regnskapshjelp og markedsføring")["accounting"] == PART_WEIGHT


# --- labels --------------------------------------------------------------------------


def test_label_in_the_readers_language_with_english_fallback(vocab: Vocabulary) -> None:
    assert vocab.label("accounting", "nb") == "regnskap"
    assert vocab.label("accounting", "da") == "regnskab"
    assert vocab.label("accounting", "sv") == "redovisning"
    assert vocab.label("accounting", "en") == "accounting"
    assert vocab.label("accounting", "fi") == "accounting"
    with pytest.raises(KeyError):
        vocab.label("no-such-concept", "en")


# --- validation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("concepts", "message"),
    [
        ([_valid_concept(kind="hobby")], "'coffee-roasting': unknown kind 'hobby'"),
        (
            [_valid_concept(labels={"en": ["coffee"], "nb": ["kaffe"], "da": ["kaffe"]})],
            "'coffee-roasting': no labels in 'sv'",
        ),
        (
            [
                _valid_concept(
                    labels={"en": ["a"], "nb": ["b"], "da": ["c"], "sv": []},
                )
            ],
            "'coffee-roasting': no labels in 'sv'",
        ),
        (
            [
                _valid_concept(
                    labels={"en": ["a"], "nb": ["b"], "da": ["c"], "sv": ["d"], "de": ["e"]}
                )
            ],
            "'coffee-roasting': unknown language 'de'",
        ),
        (
            [_valid_concept(complements=["tea"])],
            "'coffee-roasting': complement 'tea' is not a concept",
        ),
        ([_valid_concept(), _valid_concept()], "'coffee-roasting': duplicate id"),
        ([_valid_concept("Coffee Roasting")], "'Coffee Roasting': id must be lowercase-hyphenated"),
        ([_valid_concept(labels="coffee")], "'coffee-roasting': labels must be an object"),
        (
            [_valid_concept(labels={"en": ["???"], "nb": ["b"], "da": ["c"], "sv": ["d"]})],
            "'coffee-roasting': label '???' in 'en' has no words",
        ),
        ([{"kind": "skill", "labels": {}}], "concept #1: missing id"),
        ([_valid_concept(), "oops"], "concept #2: must be an object"),
    ],
)
def test_from_data_names_the_concept_and_the_problem(concepts: list[object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        Vocabulary.from_data({"concepts": concepts})


def test_from_data_accepts_a_plain_list_and_rejects_other_shapes() -> None:
    assert len(Vocabulary.from_data([_valid_concept()])) == 1
    with pytest.raises(ValueError, match="concepts"):
        Vocabulary.from_data({"items": []})


def test_to_data_round_trips(vocab: Vocabulary) -> None:
    again = Vocabulary.from_data(vocab.to_data())
    assert again.ids == vocab.ids
    assert again.tag("bokföring och bokslut") == vocab.tag("bokföring och bokslut")


# --- a space's own concepts ----------------------------------------------------------


def test_extended_adds_new_concepts_and_merges_labels_into_existing_ones(
    vocab: Vocabulary,
) -> None:
    space_vocab = vocab.extended(
        [
            Concept("coffee-roasting", "sector", {"nb": ("kaffebrenning", "kaffebrenneri")}),
            Concept("accounting", "skill", {"nb": ("rekneskap",)}, ("payroll",)),
        ]
    )
    assert len(space_vocab) == len(vocab) + 1
    assert space_vocab.tag("eget kaffebrenneri") == {"coffee-roasting": FULL_WEIGHT}
    assert space_vocab.tag("hjelp med rekneskapen")["accounting"] == FULL_WEIGHT  # nynorsk
    merged = space_vocab.concept("accounting")
    assert merged.labels["nb"][0] == "regnskap"  # the preferred label stays
    assert "rekneskap" in merged.labels["nb"]
    assert merged.complements[-1] == "payroll"
    assert space_vocab.label("coffee-roasting", "sv") == "kaffebrenning"  # only label there
    # the shared vocabulary is untouched
    assert vocab.tag("eget kaffebrenneri") == {}
    assert "rekneskap" not in vocab.concept("accounting").labels["nb"]


def test_extended_validates_the_additions(vocab: Vocabulary) -> None:
    with pytest.raises(ValueError, match="'tea-tasting': complement 'tea' is not a concept"):
        vocab.extended([Concept("tea-tasting", "theme", {"en": ("tea tasting",)}, ("tea",))])
    with pytest.raises(ValueError, match="'tea-tasting': unknown kind 'hobby'"):
        vocab.extended([Concept("tea-tasting", "hobby", {"en": ("tea tasting",)})])
    with pytest.raises(ValueError, match="'tea-tasting': no labels"):
        vocab.extended([Concept("tea-tasting", "theme", {})])


# --- purity --------------------------------------------------------------------------


def test_the_vocabulary_module_does_not_import_django() -> None:
    tree = ast.parse(Path(vocabulary_module.__file__).read_text(encoding="utf-8"))
    modules = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    modules += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert "kollega.members.search" in modules
    assert not any(name.split(".")[0] == "django" for name in modules)
    check = (
        "import sys, kollega.matching.engine.vocabulary as v; v.Vocabulary.default().tag('x'); "
        "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", check], check=False).returncode == 0  # noqa: S603
