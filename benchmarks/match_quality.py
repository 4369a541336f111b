"""How good are the matching engine's suggestions? Recall@10 and MRR on the labelled set.

Loads benchmarks/data/eval_profiles.json (built by make_eval_set.py: 240 members writing
English, Norwegian, Danish or Swedish, and 120 known complementary pairs, most of them
across languages, each need sharing no word with the offer that meets it), runs
`kollega.matching.engine.scoring.recommend` (top 10, default options) and reports, for
the links overall, within one language and across languages:

- recall@10: the share of links whose `met_by` is among the 10 suggestions for `need_of`;
- MRR: the mean of 1/rank of `met_by` in that list (0 when it is not there);

beside a random baseline computed in the same run (10 members drawn at random among those
the hard rules allow — not oneself, not the same company — averaged over 20 seeds), and
the targets of the issue (recall@10 ≥ 0.8 within one language, ≥ 0.6 across languages):
printed as PASS/MISS, never asserted. It also checks the hard rules on the output (nobody
from the reader's own company), counts distractors in the lists, prints example suggestions
with their reasons in each language, and explains every missed link: where it ranked and
which vocabulary concepts the need and the offer were tagged with (so a missing term shows).

Run from the repository root:

    .venv/bin/python benchmarks/match_quality.py
    .venv/bin/python benchmarks/match_quality.py --misses 0      # no list of missed links
    .venv/bin/python benchmarks/match_quality.py --json figures.json
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kollega.matching.engine.io import parse_members
from kollega.matching.engine.scoring import recommend
from kollega.matching.engine.types import MatchOptions, Profile, Suggestion
from kollega.matching.engine.vocabulary import Vocabulary

DATA = Path(__file__).resolve().parent / "data" / "eval_profiles.json"
TOP = 10
SEEDS = 20
TARGETS = {"same-language": 0.8, "across languages": 0.6}
LANGS = ("en", "nb", "da", "sv")


@dataclass(frozen=True)
class EvalLink:
    need_of: str
    need: str
    met_by: str
    offer: str
    cross: bool
    topic: str
    need_language: str
    offer_language: str


def load(path: Path = DATA) -> tuple[list[Profile], list[EvalLink], dict[str, object]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    profiles = parse_members(data, source=str(path)).profiles
    links = [
        EvalLink(
            need_of=raw["need_of"],
            need=raw["need"],
            met_by=raw["met_by"],
            offer=raw["offer"],
            cross=bool(raw["cross_language"]),
            topic=raw.get("topic", ""),
            need_language=raw.get("need_language", ""),
            offer_language=raw.get("offer_language", ""),
        )
        for raw in data["links"]
    ]
    return profiles, links, data


def company_key(company: str) -> str:
    return "".join(company.split()).casefold()


def ranks(links: Sequence[EvalLink], lists: Mapping[str, Sequence[str]]) -> list[int]:
    """Rank (1-based) of each link's `met_by` in the list of its `need_of`; 0 when absent."""
    found = []
    for link in links:
        suggested = list(lists.get(link.need_of, ()))
        found.append(suggested.index(link.met_by) + 1 if link.met_by in suggested else 0)
    return found


def recall(found: Sequence[int]) -> float:
    return sum(1 for rank in found if rank) / len(found) if found else 0.0


def mrr(found: Sequence[int]) -> float:
    return sum(1 / rank for rank in found if rank) / len(found) if found else 0.0


def groups(links: Sequence[EvalLink]) -> dict[str, list[int]]:
    """Link positions per reported group, in print order."""
    result: dict[str, list[int]] = {
        "overall": list(range(len(links))),
        "same-language": [i for i, link in enumerate(links) if not link.cross],
        "across languages": [i for i, link in enumerate(links) if link.cross],
    }
    for lang in LANGS:
        result[f"need in {lang}"] = [
            i for i, link in enumerate(links) if link.need_language == lang
        ]
    return result


def random_lists(
    profiles: Sequence[Profile], readers: Iterable[str], seed: int, top: int = TOP
) -> dict[str, list[str]]:
    """Random top-`top` lists that respect the hard rules (not oneself, same company, opt-out)."""
    rng = random.Random(seed)
    by_id = {profile.id: profile for profile in profiles}
    lists = {}
    for reader_id in readers:
        reader = by_id[reader_id]
        key = company_key(reader.company)
        allowed = [
            p.id
            for p in profiles
            if p.id != reader.id and not p.opted_out and not (key and company_key(p.company) == key)
        ]
        lists[reader_id] = rng.sample(allowed, min(top, len(allowed)))
    return lists


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Recall@10 and MRR of the matching engine")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--misses", type=int, default=200, help="missed links to explain")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    profiles, links, data = load(args.data)
    print(
        f"evaluation set: {len(profiles)} members, {len(links)} links "
        f"({sum(link.cross for link in links)} across languages)"
    )
    started = time.perf_counter()
    vocabulary = Vocabulary.default()
    recommendations = recommend(profiles, options=MatchOptions(top=TOP), vocabulary=vocabulary)
    elapsed = time.perf_counter() - started
    print(
        f"recommend(): {elapsed:.2f} s for {len(profiles)} members, vocabulary of "
        f"{len(vocabulary)} concepts\n"
    )
    lists = {reader: [s.id for s in suggestions] for reader, suggestions in recommendations.items()}
    found = ranks(links, lists)

    readers = sorted({link.need_of for link in links})
    baseline_runs = [ranks(links, random_lists(profiles, readers, seed)) for seed in range(SEEDS)]

    figures: dict[str, dict[str, float]] = {}
    header = (
        f"{'links':<18}{'n':>4}  {'recall@10':>9}  {'MRR':>6}  {'random R@10':>11}  "
        f"{'random MRR':>10}  {'lift':>5}  target"
    )
    print(header)
    print("-" * len(header))
    for name, positions in groups(links).items():
        if not positions:
            continue
        mine = [found[i] for i in positions]
        base_recall = statistics.fmean(recall([run[i] for i in positions]) for run in baseline_runs)
        base_mrr = statistics.fmean(mrr([run[i] for i in positions]) for run in baseline_runs)
        value = recall(mine)
        target = TARGETS.get(name)
        verdict = f"≥ {target:.1f} {'PASS' if value >= target else 'MISS'}" if target else ""
        lift = value / base_recall if base_recall else float("inf")
        print(
            f"{name:<18}{len(mine):>4}  {value:>9.3f}  {mrr(mine):>6.3f}  {base_recall:>11.3f}  "
            f"{base_mrr:>10.3f}  {lift:>4.0f}x  {verdict}"
        )
        figures[name] = {
            "links": len(mine),
            "recall_at_10": round(value, 4),
            "mrr": round(mrr(mine), 4),
            "random_recall_at_10": round(base_recall, 4),
            "random_mrr": round(base_mrr, 4),
        }
    print()
    _print_without_vocabulary(profiles, links)
    _print_language_pairs(links, found)
    _print_topics(links, found)
    _check_rules(profiles, recommendations, data)
    _print_examples(profiles, links, found, recommendations)
    _explain_misses(profiles, links, found, vocabulary, limit=args.misses)
    if args.json:
        summary = {"seconds": round(elapsed, 3), "groups": figures}
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


def _print_without_vocabulary(profiles: Sequence[Profile], links: Sequence[EvalLink]) -> None:
    """The same engine with an empty vocabulary: what character n-grams alone find."""
    empty = Vocabulary.from_data({"version": 1, "concepts": []})
    result = recommend(profiles, options=MatchOptions(top=TOP), vocabulary=empty)
    found = ranks(links, {reader: [s.id for s in items] for reader, items in result.items()})
    same = [rank for rank, link in zip(found, links, strict=True) if not link.cross]
    cross = [rank for rank, link in zip(found, links, strict=True) if link.cross]
    print(
        f"the engine without its vocabulary (character n-grams only): recall@10 "
        f"{recall(found):.3f} overall, {recall(same):.3f} same-language, "
        f"{recall(cross):.3f} across languages\n"
    )


def _print_language_pairs(links: Sequence[EvalLink], found: Sequence[int]) -> None:
    print("recall@10 by need language (rows) and offer language (columns):")
    print("      " + "".join(f"{lang:>9}" for lang in LANGS))
    for need_lang in LANGS:
        cells = []
        for offer_lang in LANGS:
            mine = [
                found[i]
                for i, link in enumerate(links)
                if link.need_language == need_lang and link.offer_language == offer_lang
            ]
            cells.append(f"{recall(mine):>5.2f}/{len(mine):<3}" if mine else f"{'-':>9}")
        print(f"{need_lang:>6}" + "".join(f"{cell:>9}" for cell in cells))
    print()


def _print_topics(links: Sequence[EvalLink], found: Sequence[int]) -> None:
    per_topic: dict[str, list[int]] = defaultdict(list)
    for link, rank in zip(links, found, strict=True):
        per_topic[link.topic].append(rank)
    missed = sorted(
        (sum(1 for rank in ranks if rank) / len(ranks), topic, ranks)
        for topic, ranks in per_topic.items()
        if not all(ranks)
    )
    print(f"topics with missed links ({len(missed)} of {len(per_topic)}): found/links")
    line = "  "
    for _, topic, ranks in missed:
        cell = f"{topic} {sum(1 for rank in ranks if rank)}/{len(ranks)}; "
        if len(line) + len(cell) > 100:
            print(line.rstrip())
            line = "  "
        line += cell
    print(line.rstrip("; ") + "\n")


def _check_rules(
    profiles: Sequence[Profile],
    recommendations: Mapping[str, Sequence[Suggestion]],
    data: Mapping[str, object],
) -> None:
    by_id = {profile.id: profile for profile in profiles}
    same_company = 0
    per_company_over = 0
    for reader_id, suggestions in recommendations.items():
        key = company_key(by_id[reader_id].company)
        companies: dict[str, int] = defaultdict(int)
        for suggestion in suggestions:
            other = company_key(by_id[suggestion.id].company)
            same_company += bool(key) and other == key
            companies[other] += 1
        per_company_over += sum(1 for count in companies.values() if count > 2)
    traps = data.get("same_company_traps", [])
    assert isinstance(traps, list)
    trapped = sum(
        1 for trap in traps if trap["colleague"] in {s.id for s in recommendations[trap["need_of"]]}
    )
    distractors = data.get("distractors", {})
    assert isinstance(distractors, dict)
    lexical = set(distractors.get("lexical", ()))
    twins = set(distractors.get("need_twins", ()))
    lengths = [len(suggestions) for suggestions in recommendations.values()]
    print("hard rules and distractors:")
    print(
        f"  suggestions from the reader's own company: {same_company} (must be 0); "
        f"colleague traps suggested: {trapped} of {len(traps)}"
    )
    print(f"  lists with more than 2 from one company: {per_company_over}")
    print(f"  list length: mean {statistics.fmean(lengths):.1f}, shortest {min(lengths)}")
    share_lexical = sum(1 for s in recommendations.values() for x in s if x.id in lexical)
    share_twins = sum(1 for s in recommendations.values() for x in s if x.id in twins)
    total = sum(lengths) or 1
    print(
        f"  lexical distractors: {len(lexical)} members ({len(lexical) / len(profiles):.0%}), "
        f"{share_lexical / total:.1%} of all suggestions; need twins: {len(twins)} members, "
        f"{share_twins / total:.1%} of suggestions\n"
    )


def _print_examples(
    profiles: Sequence[Profile],
    links: Sequence[EvalLink],
    found: Sequence[int],
    recommendations: Mapping[str, Sequence[Suggestion]],
) -> None:
    by_id = {profile.id: profile for profile in profiles}
    print("example suggestions (a found link per language, across languages when there is one):")
    for lang in LANGS:
        choices = [
            (not link.cross, found[i], i)
            for i, link in enumerate(links)
            if link.need_language == lang and found[i]
        ]
        if not choices:
            print(f"  [{lang}] no link found")
            continue
        link = links[min(choices)[2]]
        reader = by_id[link.need_of]
        print(
            f"  [{lang}] {reader.name} ({reader.headline}) needs «{link.need}»; "
            f"labelled match {by_id[link.met_by].name} offers «{link.offer}» [{link.offer_language}]"
        )
        for rank, suggestion in enumerate(recommendations[reader.id][:3], start=1):
            other = by_id[suggestion.id]
            mark = " ← labelled" if suggestion.id == link.met_by else ""
            print(
                f"      {rank}. {other.name}, {other.headline} [{other.language}] "
                f"score {suggestion.score:.3f}{mark}"
            )
            for reason in suggestion.reasons:
                print(f"         - {reason}")
        if found[links.index(link)] > 3:
            print(f"      … labelled match at rank {found[links.index(link)]}")
    print()


def vocabulary_verdict(
    link: EvalLink, met_by: Profile, vocabulary: Vocabulary
) -> tuple[str, dict[str, float], dict[str, float]]:
    """Does the vocabulary connect the link's need with what `met_by` offers?

    "connected": a concept of the need (or one of its complements) is among the concepts of
    met_by's offers; "not connected": both are tagged, with concepts that do not meet;
    "need not tagged" / "offer not tagged": the vocabulary finds nothing in the phrase.
    Returns the verdict and the concepts of the need and of the labelled offer.
    """
    need_tags = vocabulary.tag(link.need)
    offer_tags = vocabulary.tag(link.offer)
    offered: set[str] = set()
    for offer in met_by.offers:
        offered.update(vocabulary.tag(offer))
    wanted = set(need_tags)
    for concept in need_tags:
        wanted.update(vocabulary.concept(concept).complements)
    if not need_tags:
        verdict = "need not tagged"
    elif not offer_tags:
        verdict = "offer not tagged"
    elif wanted & offered:
        verdict = "connected"
    else:
        verdict = "not connected"
    return verdict, need_tags, offer_tags


def _explain_misses(
    profiles: Sequence[Profile],
    links: Sequence[EvalLink],
    found: Sequence[int],
    vocabulary: Vocabulary,
    *,
    limit: int,
) -> None:
    by_id = {profile.id: profile for profile in profiles}
    verdicts = [vocabulary_verdict(link, by_id[link.met_by], vocabulary) for link in links]
    print("what limits recall: does the vocabulary connect the need with the labelled offer?")
    for verdict in ("connected", "not connected", "need not tagged", "offer not tagged"):
        mine = [i for i, (v, _, _) in enumerate(verdicts) if v == verdict]
        if not mine:
            continue
        same = [found[i] for i in mine if not links[i].cross]
        cross = [found[i] for i in mine if links[i].cross]
        print(
            f"  {verdict:<17} {len(mine):>4} links: recall@10 {recall([found[i] for i in mine]):.2f} "
            f"(same-language {sum(1 for r in same if r)}/{len(same)}, "
            f"across {sum(1 for r in cross if r)}/{len(cross)})"
        )
    print()
    missed = [i for i, rank in enumerate(found) if not rank]
    if not missed:
        print("every link found")
        return
    # The full ranking (no cap on the list) of the readers that missed, for their rank.
    full = recommend(
        profiles, options=MatchOptions(top=len(profiles), max_per_company=0), vocabulary=vocabulary
    )
    untagged: dict[str, set[str]] = defaultdict(set)
    print(f"missed links ({len(missed)}), rank in an uncapped full list:")
    for i in missed[:limit]:
        link = links[i]
        verdict, need_tags, offer_tags = verdicts[i]
        if verdict == "need not tagged":
            untagged[link.need_language].add(link.need)
        elif verdict == "offer not tagged":
            untagged[link.offer_language].add(link.offer)
        order = [s.id for s in full[link.need_of]]
        where = f"rank {order.index(link.met_by) + 1}" if link.met_by in order else "not ranked"
        print(
            f"  {link.need_of}→{link.met_by} [{link.need_language}→{link.offer_language}] "
            f"{link.topic}: {where}; {verdict}"
        )
        print(f"      need  «{link.need}» → {_tags(need_tags)}")
        print(f"      offer «{link.offer}» → {_tags(offer_tags)}")
    if len(missed) > limit:
        print(f"  … {len(missed) - limit} more")
    for lang in LANGS:
        if untagged[lang]:
            phrases = "; ".join(f"«{text}»" for text in sorted(untagged[lang]))
            print(f"  untagged {lang} phrases (terms missing from the vocabulary): {phrases}")


def _tags(tags: Mapping[str, float]) -> str:
    if not tags:
        return "(no concept)"
    return ", ".join(f"{concept} {weight:.1f}" for concept, weight in sorted(tags.items()))


if __name__ == "__main__":
    sys.exit(main())
