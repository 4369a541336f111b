"""The engine's scoring rules: complementarity both ways, across languages, hard rules."""

from __future__ import annotations

import gc
import random
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest

from kollega.matching.engine import scoring
from kollega.matching.engine.features import (
    EmbeddingBackend,
    Tagger,
    build_features,
    load_embedding_backend,
)
from kollega.matching.engine.scoring import explain, pair_weights, recommend
from kollega.matching.engine.types import Constraints, MatchOptions, Profile, Suggestion
from kollega.matching.engine.vocabulary import Vocabulary


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary.default()


def member(member_id: str, **fields: object) -> Profile:
    values: dict[str, object] = {"name": f"Member {member_id}", "company": f"Co {member_id}"}
    values.update(fields)
    for name in ("languages", "offers", "needs", "interests", "presence_days"):
        if name in values:
            values[name] = tuple(values[name])  # type: ignore[arg-type]
    return Profile(id=member_id, **values)  # type: ignore[arg-type]


# Members with nothing to do with accounting, in all four languages.
UNRELATED = [
    member("u1", languages=["en"], offers=["wedding photography"], needs=["a new van"]),
    member("u2", languages=["nb"], offers=["yogatimer"], needs=["kaffemaskin"]),
    member("u3", languages=["da"], offers=["oversættelse"], needs=["en cykel"]),
    member("u4", languages=["sv"], offers=["snickeri"], needs=["en hund"]),
    member("u5", languages=["en"], offers=["podcast production"], interests=["music"]),
]
KARI = member("kari", name="Kari Nordmann", languages=["nb"], needs=["hjelp med regnskap"])
METTE = member("mette", name="Mette Hansen", languages=["da"], offers=["regnskab og bogføring"])
INGRID = member("ingrid", name="Ingrid Berg", languages=["sv"], offers=["bokföring och bokslut"])


def ids(suggestions: Sequence[Suggestion]) -> list[str]:
    return [suggestion.id for suggestion in suggestions]


def test_cross_language_need_is_met_by_danish_and_swedish_offers(vocabulary: Vocabulary) -> None:
    result = recommend([KARI, *UNRELATED, METTE, INGRID], vocabulary=vocabulary)

    assert ids(result["kari"])[:2] in (["mette", "ingrid"], ["ingrid", "mette"])
    unrelated = {s.id: s.score for s in result["kari"] if s.id.startswith("u")}
    assert all(score < result["kari"][1].score for score in unrelated.values())
    assert result["kari"][0].reasons[0].startswith(("Mette tilbyr «", "Ingrid tilbyr «"))


def test_cross_language_match_also_with_dense_text_vectors(vocabulary: Vocabulary) -> None:
    profiles = [KARI, *UNRELATED, METTE, INGRID]
    for mode in ("exact", "lsa"):
        result = recommend(profiles, vocabulary=vocabulary, text_mode=mode)
        assert set(ids(result["kari"])[:2]) == {"mette", "ingrid"}, mode


def test_complementarity_counts_both_ways(vocabulary: Vocabulary) -> None:
    # Mette needs a website, which Kari offers; Kari needs accounting, which Mette offers.
    kari = member(
        "kari", name="Kari", languages=["nb"], needs=["hjelp med regnskap"], offers=["webdesign"]
    )
    mette = member("mette", languages=["da"], offers=["bogføring"], needs=["ny hjemmeside"])
    only_offers = member("ola", languages=["nb"], offers=["regnskapsføring"])
    result = recommend([kari, mette, only_offers, *UNRELATED], vocabulary=vocabulary)

    # Mette (helps Kari and is helped by her) ranks above Ola (only helps Kari) ...
    assert ids(result["kari"])[:2] == ["mette", "ola"]
    assert result["kari"][0].score > result["kari"][1].score
    # ... and Kari, who only *needs* what Ola offers, is in Ola's list for that reason.
    assert "kari" in ids(result["ola"])
    reasons = next(s.reasons for s in result["ola"] if s.id == "kari")
    assert any(
        reason.startswith("Kari ser etter «hjelp med regnskap», som du tilbyr")
        for reason in reasons
    )


def test_need_is_met_through_a_complement(vocabulary: Vocabulary) -> None:
    founder = member("f", languages=["en"], needs=["seed funding"])
    angel = member("a", languages=["en"], offers=["angel investor"])
    result = recommend([founder, angel, *UNRELATED], vocabulary=vocabulary)

    assert ids(result["f"])[0] == "a"
    reasons = explain(founder, angel, vocabulary=vocabulary)
    assert reasons[0].kind == "offers_need"
    assert reasons[0].concept == "seed-funding"
    assert (reasons[0].their_text, reasons[0].your_text) == ("angel investor", "seed funding")


def test_offering_more_services_hardly_dilutes_each_one(vocabulary: Vocabulary) -> None:
    """An unrelated second offer costs a member little on the first one's match (with
    plainly L2-normalised offer vectors it cost a fifth of the score)."""
    only = member("only", languages=["da"], offers=["regnskab og bogføring"])
    more = member(
        "more", languages=["da"], offers=["regnskab og bogføring", "arkitektur, byggetilladelser"]
    )
    result = recommend([KARI, only, more, *UNRELATED], vocabulary=vocabulary)
    scores = {suggestion.id: suggestion.score for suggestion in result["kari"]}

    assert ids(result["kari"])[:2] == ["only", "more"]  # the focused offer still ranks first
    assert scores["more"] >= 0.85 * scores["only"]


def test_same_company_is_never_suggested(vocabulary: Vocabulary) -> None:
    colleague = member("c", company="  fjord   AS ", languages=["nb"], offers=["regnskap"])
    kari = member("kari", company="Fjord AS", languages=["nb"], needs=["regnskap"])
    nobody = member("n", company="", languages=["nb"], offers=["regnskap"])
    other_nobody = member("m", company="", languages=["nb"], needs=["regnskap"])
    result = recommend([kari, colleague, nobody, other_nobody], vocabulary=vocabulary)

    assert "c" not in ids(result["kari"])
    assert "kari" not in ids(result["c"])
    # an empty company is no company: two members without one may meet
    assert "n" in ids(result["m"]) and "c" in ids(result["m"])


def test_opted_out_member_is_never_suggested_and_gets_nothing(vocabulary: Vocabulary) -> None:
    mette = member("mette", languages=["da"], offers=["regnskab"], opted_out=True)
    kari = member("kari", languages=["nb"], needs=["regnskap"], offers=["webdesign"])
    lars = member("lars", languages=["da"], needs=["hjemmeside"], opted_out=True)
    result = recommend([kari, mette, lars, INGRID], vocabulary=vocabulary)

    assert result["mette"] == [] and result["lars"] == []
    assert ids(result["kari"]) == ["ingrid"]
    assert all("mette" not in ids(s) and "lars" not in ids(s) for s in result.values())


def test_blocked_pair_is_never_suggested(vocabulary: Vocabulary) -> None:
    blocked = Constraints(blocked={frozenset({"kari", "mette"})})
    result = recommend([KARI, METTE, INGRID], constraints=blocked, vocabulary=vocabulary)

    assert ids(result["kari"]) == ["ingrid"]
    assert "kari" not in ids(result["mette"])


def test_introduced_pairs_are_excluded_only_when_configured(vocabulary: Vocabulary) -> None:
    introduced = Constraints(introduced={frozenset({"kari", "mette"})})
    profiles = [KARI, METTE, INGRID]

    excluded = recommend(profiles, constraints=introduced, vocabulary=vocabulary)
    allowed = recommend(
        profiles,
        options=MatchOptions(exclude_introduced=False),
        constraints=introduced,
        vocabulary=vocabulary,
    )

    assert "mette" not in ids(excluded["kari"])
    assert "mette" in ids(allowed["kari"])


def test_at_most_max_per_company_from_one_company(vocabulary: Vocabulary) -> None:
    firm = [
        member(f"b{i}", company="Bokføring AS", languages=["nb"], offers=["regnskap"])
        for i in range(5)
    ]
    others = [member(f"o{i}", languages=["sv"], offers=["bokföring"]) for i in range(3)]
    profiles = [KARI, *firm, *others]

    capped = recommend(profiles, options=MatchOptions(max_per_company=2), vocabulary=vocabulary)
    uncapped = recommend(profiles, options=MatchOptions(max_per_company=0), vocabulary=vocabulary)

    assert sum(1 for s in capped["kari"] if s.id.startswith("b")) == 2
    assert sum(1 for s in capped["kari"] if s.id.startswith("o")) == 3
    assert sum(1 for s in uncapped["kari"] if s.id.startswith("b")) == 5


def test_periphery_boost_lifts_a_peripheral_member(vocabulary: Vocabulary) -> None:
    # Two equally good offers; the second belongs to someone on the edge of the community.
    core = member("core", languages=["da"], offers=["regnskab"], periphery=0.0)
    edge = member("edge", languages=["da"], offers=["regnskab"], periphery=1.0)
    nobody = member("nobody", languages=["en"], offers=["yoga"], periphery=1.0)
    profiles = [KARI, core, edge, nobody]

    plain = recommend(profiles, vocabulary=vocabulary)
    boosted = recommend(profiles, options=MatchOptions(periphery_boost=0.2), vocabulary=vocabulary)

    assert ids(plain["kari"]) == ["core", "edge"]  # tie: the earlier member first
    assert plain["kari"][0].score == plain["kari"][1].score
    assert ids(boosted["kari"]) == ["edge", "core"]
    assert boosted["kari"][0].score > plain["kari"][1].score
    assert "nobody" not in ids(boosted["kari"])  # not suggested only for being peripheral


def test_theme_adds_value_and_a_reason(vocabulary: Vocabulary) -> None:
    kari = member("kari", languages=["en"], needs=["accounting"], interests=["solar energy"])
    solar = member("solar", languages=["en"], offers=["bookkeeping"], interests=["solar power"])
    plain = member("plain", languages=["en"], offers=["bookkeeping"], interests=["knitting"])
    options = MatchOptions(theme="solar energy")
    result = recommend([kari, plain, solar], options=options, vocabulary=vocabulary)

    assert ids(result["kari"]) == ["solar", "plain"]
    assert any(reason.startswith("Both of you work with ") for reason in result["kari"][0].reasons)


def _community(count: int, seed: int) -> list[Profile]:
    phrases = [
        "regnskap",
        "bogføring",
        "bokföring och bokslut",
        "web design",
        "hjemmeside",
        "marknadsföring",
        "legal advice",
        "juridisk rådgivning",
        "seed funding",
        "angel investor",
        "fotografering",
        "solenergi",
        "UX research",
        "brugerundersøgelser",
        "Kubernetes",
        "rekruttering",
    ]
    random_ = random.Random(seed)
    return [
        member(
            f"m{i:03d}",
            company=f"Co {random_.randint(0, count // 3)}",
            languages=[random_.choice(["en", "nb", "da", "sv"])],
            offers=random_.sample(phrases, 2),
            needs=random_.sample(phrases, 1),
            interests=random_.sample(phrases, 1),
            presence_days=random_.sample(["mon", "tue", "wed", "thu", "fri"], 2),
            periphery=random_.random(),
        )
        for i in range(count)
    ]


def test_blocks_give_the_same_top_k_as_one_block(vocabulary: Vocabulary) -> None:
    profiles = _community(90, seed=3)
    for mode in ("exact", "lsa"):  # sparse and dense text vectors
        options = MatchOptions(top=5, periphery_boost=0.1)
        whole = recommend(profiles, options=options, vocabulary=vocabulary, text_mode=mode)
        assert sum(len(suggestions) for suggestions in whole.values()) > 300
        for block_size in (1, 7, 32):
            blocked = recommend(
                profiles,
                options=MatchOptions(top=5, periphery_boost=0.1, block_size=block_size),
                vocabulary=vocabulary,
                text_mode=mode,
            )
            assert blocked == whole, (mode, block_size)


def test_scores_are_normalised_best_first_and_always_explained(vocabulary: Vocabulary) -> None:
    result = recommend(_community(60, seed=5), vocabulary=vocabulary)

    assert sum(len(suggestions) for suggestions in result.values()) > 300
    for suggestions in result.values():
        scores = [suggestion.score for suggestion in suggestions]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= score <= 1.0 and round(score, 3) == score for score in scores)
        assert all(1 <= len(suggestion.reasons) <= 3 for suggestion in suggestions)


def test_cycle_collector_is_paused_only_while_scoring(vocabulary: Vocabulary) -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), scoring.cyclic_gc_paused():
        assert not gc.isenabled()
        raise RuntimeError("an error inside still restores it")
    assert gc.isenabled()

    recommend([KARI, METTE, *UNRELATED], vocabulary=vocabulary)
    assert gc.isenabled()
    gc.disable()
    try:
        recommend([KARI, METTE, *UNRELATED], vocabulary=vocabulary)
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()


def test_top_candidates_with_chunk_threshold_match_a_full_sort() -> None:
    random_ = np.random.default_rng(1)
    block = random_.random((4, 20_000)).astype(np.float32)
    block[:, ::3] = -np.inf  # excluded columns are never candidates
    block[2, :] = -np.inf
    block[2, :5] = 0.5  # fewer valid columns than the pool
    candidates = scoring._top_candidates(block, 40)

    for row in (0, 1, 3):
        # best first; scores equal to 5 decimals count as a tie, broken by column
        columns = np.arange(block.shape[1])
        expected = np.lexsort((columns, -np.round(block[row], 5)))[:40]
        assert list(candidates[row][:40]) == list(expected)
    assert sorted(candidates[2]) == [0, 1, 2, 3, 4]


def test_pair_weights_are_symmetric_and_respect_the_hard_rules(vocabulary: Vocabulary) -> None:
    kari = member("kari", company="Fjord", languages=["nb"], needs=["regnskap"])
    colleague = member("col", company="fjord", languages=["nb"], offers=["regnskap"])
    mette = member("mette", languages=["da"], offers=["regnskab"], presence_days=["mon"])
    ingrid = member("ingrid", languages=["sv"], offers=["bokföring"], presence_days=["tue"])
    away = member("away", languages=["sv"], offers=["bokföring"], opted_out=True)
    blocked = member("blk", languages=["da"], offers=["bogføring"])
    profiles = [kari, colleague, mette, ingrid, away, blocked]
    constraints = Constraints(blocked={frozenset({"kari", "blk"})})

    weights = pair_weights(profiles, constraints=constraints, vocabulary=vocabulary).toarray()

    assert weights.shape == (6, 6)
    assert np.allclose(weights, weights.T)
    assert weights[0, 1] == 0 and weights[0, 5] == 0  # same company, blocked
    assert not weights[4].any() and not weights[:, 4].any()  # opted out
    assert weights[0, 2] > scoring.PAIR_FLOOR and weights[0, 3] > scoring.PAIR_FLOOR
    # allowed, nothing in common: the floor (plus a tie-breaking jitter)
    assert weights[1, 2] == pytest.approx(scoring.PAIR_FLOOR, abs=scoring.PAIR_JITTER)

    # overlapping presence days add a bonus
    kari_days = replace(kari, presence_days=("mon",))
    with_days = pair_weights(
        [kari_days, *profiles[1:]], constraints=constraints, vocabulary=vocabulary
    ).toarray()
    assert with_days[0, 2] == pytest.approx(weights[0, 2] + scoring.PRESENCE_BONUS, abs=1e-5)
    assert with_days[0, 3] == pytest.approx(weights[0, 3], abs=1e-5)


def test_pair_weights_keep_only_the_top_k_per_member(vocabulary: Vocabulary) -> None:
    profiles = _community(40, seed=8)
    weights = pair_weights(profiles, vocabulary=vocabulary, k=3)

    per_row = np.diff(weights.indptr)
    assert per_row.min() >= 3  # own top 3, plus those who chose this member
    assert weights.nnz < 40 * 39  # not everyone with everyone


def test_members_who_match_nobody_get_spread_out_candidates(vocabulary: Vocabulary) -> None:
    blank = [member(f"b{i:02d}") for i in range(40)]  # nothing written: all at the floor
    weights = pair_weights(blank, vocabulary=vocabulary, k=3)

    degrees = np.diff(weights.indptr)
    assert degrees.min() >= 3
    assert degrees.max() <= 12  # not everyone tied to the first few members
    assert weights.nnz <= 40 * 3 * 2


class WordEmbedding:
    """A fake semantic model: texts about animals at the zoo are all alike."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = []
        for text in texts:
            zoo = any(word in text.lower() for word in ("zebra", "giraffe"))
            rows.append([1.0, 0.0] if zoo else [0.0, 1.0])
        return np.asarray(rows, dtype=np.float32)


def fake_backend() -> WordEmbedding:
    return WordEmbedding()


def test_engine_works_without_an_embedding_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KOLLEGA_EMBEDDING_BACKEND", raising=False)
    assert load_embedding_backend() is None


def test_embedding_backend_plugs_in_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, vocabulary: Vocabulary
) -> None:
    keeper = member("keeper", languages=["en"], needs=["zebra care"])
    feeder = member("feeder", languages=["en"], offers=["giraffe feeding"])
    knitter = member("knitter", languages=["en"], offers=["knitting"])
    profiles = [keeper, knitter, feeder]
    assert "feeder" not in ids(recommend(profiles, vocabulary=vocabulary)["keeper"])

    monkeypatch.setenv("KOLLEGA_EMBEDDING_BACKEND", f"{__name__}:fake_backend")
    backend = load_embedding_backend()
    assert isinstance(backend, WordEmbedding) and isinstance(backend, EmbeddingBackend)
    features = build_features(profiles, tagger=Tagger(vocabulary), embedding=backend)
    assert features.embedding_needs is not None
    assert features.embedding_needs[0] @ features.embedding_offers[2] == pytest.approx(1.0)
    result = recommend(profiles, vocabulary=vocabulary)
    assert ids(result["keeper"])[0] == "feeder"


def test_a_bad_embedding_backend_setting_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    for spec in ("no-colon", "kollega.nowhere:factory", f"{__name__}:missing"):
        with pytest.raises(ValueError, match="KOLLEGA_EMBEDDING_BACKEND"):
            load_embedding_backend(spec)
