"""Build the labelled evaluation set for the matching engine: benchmarks/data/eval_profiles.json.

About 240 members of a Nordic coworking community, a quarter each writing in English,
Norwegian bokmål, Danish and Swedish, in the input shape of `kollega match`, plus
"links": the known complementary pairs (a need of one member and the offer of another
member that meets it), at least half of them across languages. A need and the offer
that meets it share no word (after lowercasing) — nor does the need share a word with any
offer or the headline of the member who meets it — so that the engine has to find them
through its vocabulary and cognate-folded character n-grams, not through shared words.
The script checks this and exits non-zero if a link breaks the rule.

Also in the set: members per company (so the same-company rule matters: for some links a
colleague of the asker offers exactly what they need, and must never be suggested),
lexical distractors (offers sharing a word with a need without meeting it: "rare books"
for "someone to keep our books") and "need twins" (members who need the same things as
others but offer nothing anyone needs).

Deterministic: hand-written phrase tables (eval_phrases.py) combined with a fixed seed.
Run from the repository root:

    .venv/bin/python benchmarks/make_eval_set.py            # writes the JSON, prints stats
    .venv/bin/python benchmarks/make_eval_set.py --check    # only checks, writes nothing
    .venv/bin/python benchmarks/make_eval_set.py --tables   # lists need/offer pairs of a
                                                            # topic that can never be linked

`synthetic_members()` builds the large communities of match_speed.py from the same tables.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from eval_phrases import (
    BIOS,
    COMPANY_PARTS,
    FIRST_NAMES,
    INTERESTS,
    LANGS,
    LAST_NAMES,
    LEXICAL_DISTRACTORS,
    SITES,
    SOFT_HEADLINES,
    SOFT_OFFERS,
    TOPICS,
)

SEED = 20251122
OUTPUT = Path(__file__).resolve().parent / "data" / "eval_profiles.json"
LINKS_PER_LANGUAGE = 30  # needers per language, one labelled need each → 120 links
CROSS_PER_LANGUAGE = 18  # of those, met by a member writing another language (60 %)
TRAPS = 16  # links where a colleague of the asker offers the need (same company: excluded)
SECONDARY_SHARE = 0.3  # primary members who also offer a second topic
INTERNATIONAL_STAFF = 8  # English speakers working in Nordic companies
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
COMPANY_SIZES = (1, 1, 1, 2, 2, 2, 3, 3, 4, 5)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def word_set(text: str) -> set[str]:
    """The words of a text after lowercasing (letters and digits; punctuation splits)."""
    return set(_WORD.findall(text.lower()))


@dataclass
class Member:
    lang: str
    kind: str  # "primary" | "lexical" | "twin"
    topic: str = ""  # the topic a primary member offers
    headline: str = ""
    offers: list[str] = field(default_factory=list)
    offer_topics: set[str] = field(default_factory=set)
    needs: list[str] = field(default_factory=list)
    need_topics: set[str] = field(default_factory=set)
    id: str = ""
    name: str = ""
    company: str = ""
    site: str = ""
    languages: list[str] = field(default_factory=list)
    bio: str = ""
    interests: list[str] = field(default_factory=list)
    presence_days: list[str] = field(default_factory=list)

    def record(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "company": self.company,
            "site": self.site,
            "languages": self.languages,
            "headline": self.headline,
            "bio": self.bio,
            "offers": self.offers,
            "needs": self.needs,
            "interests": self.interests,
            "presence_days": self.presence_days,
        }

    def offer_words(self) -> set[str]:
        found = word_set(self.headline)
        for offer in self.offers:
            found |= word_set(offer)
        return found


@dataclass
class Link:
    need_of: Member
    need: str
    met_by: Member
    offer: str
    topic: str

    def record(self) -> dict[str, object]:
        return {
            "need_of": self.need_of.id,
            "need": self.need,
            "met_by": self.met_by.id,
            "offer": self.offer,
            "cross_language": self.need_of.lang != self.met_by.lang,
            "topic": self.topic,
            "need_language": self.need_of.lang,
            "offer_language": self.met_by.lang,
        }


class EvalSetError(Exception):
    pass


def build_eval_set(seed: int = SEED) -> dict[str, object]:
    rng = random.Random(seed)
    members: list[Member] = []
    primary: dict[tuple[str, str], Member] = {}
    for topic, by_lang in TOPICS.items():
        for lang in LANGS:
            phrases = by_lang[lang]
            member = Member(
                lang=lang,
                kind="primary",
                topic=topic,
                headline=phrases.headline,
                offers=[phrases.offers[rng.randrange(2)]],
                offer_topics={topic},
            )
            primary[topic, lang] = member
            members.append(member)
    for lang in LANGS:
        for headline, offers in LEXICAL_DISTRACTORS[lang]:
            members.append(
                Member(lang=lang, kind="lexical", headline=headline, offers=list(offers))
            )
        for index, offer in enumerate(SOFT_OFFERS[lang]):
            headline = SOFT_HEADLINES[lang][index % len(SOFT_HEADLINES[lang])]
            members.append(Member(lang=lang, kind="twin", headline=headline, offers=[offer]))
    rng.shuffle(members)
    for number, member in enumerate(members, start=1):
        member.id = f"p{number:03d}"
    _name_members(members, rng)
    companies = _make_companies(members, rng)
    links = _make_links(members, primary, companies, rng)
    traps = _set_traps(links, companies, rng)
    _add_secondary_offers(members, primary, links, rng)
    _add_other_needs(members, links, rng)
    _finish_profiles(members, companies, rng)
    check(members, links)
    return {
        "about": {
            "description": (
                "Labelled evaluation set for Kollega's matching engine: members in en/nb/da/sv "
                "(input shape of `kollega match`) and known complementary pairs. A link's need "
                "shares no word with the offers or headline of the member who meets it."
            ),
            "generator": "benchmarks/make_eval_set.py",
            "seed": seed,
        },
        "members": [member.record() for member in members],
        "links": [link.record() for link in links],
        "distractors": {
            "lexical": [m.id for m in members if m.kind == "lexical"],
            "need_twins": [m.id for m in members if m.kind == "twin"],
        },
        "same_company_traps": traps,
    }


def _name_members(members: list[Member], rng: random.Random) -> None:
    used: set[str] = set()
    for member in members:
        while True:
            name = f"{rng.choice(FIRST_NAMES[member.lang])} {rng.choice(LAST_NAMES[member.lang])}"
            if name not in used:
                used.add(name)
                member.name = name
                break
        member.languages = [member.lang]
        if member.lang != "en" and rng.random() < 0.6:
            member.languages.append("en")
        elif member.lang == "en" and rng.random() < 0.2:
            member.languages.append(rng.choice(LANGS[1:]))


def _company_name(lang: str, rng: random.Random, used: set[str]) -> str:
    prefixes, suffixes = COMPANY_PARTS[lang]
    for _ in range(1000):
        name = f"{rng.choice(prefixes)}{rng.choice(suffixes)}"
        if name not in used:
            used.add(name)
            return name
    raise EvalSetError(f"out of company names for {lang}")


def _make_companies(members: list[Member], rng: random.Random) -> dict[str, list[Member]]:
    companies: dict[str, list[Member]] = {}
    used: set[str] = set()
    for lang in LANGS:
        group = [m for m in members if m.lang == lang]
        rng.shuffle(group)
        start = 0
        while start < len(group):
            size = rng.choice(COMPANY_SIZES)
            name = _company_name(lang, rng, used)
            companies[name] = group[start : start + size]
            start += size
    nordic = [name for name, staff in companies.items() if staff[0].lang != "en" and len(staff) > 1]
    english = [m for m in members if m.lang == "en"]
    for member in rng.sample(english, INTERNATIONAL_STAFF):
        old = next(name for name, staff in companies.items() if member in staff)
        if len(companies[old]) == 1:
            del companies[old]
        else:
            companies[old].remove(member)
        companies[rng.choice(nordic)].append(member)
    for name, staff in companies.items():
        for member in staff:
            member.company = name
    return companies


def _make_links(
    members: list[Member],
    primary: dict[tuple[str, str], Member],
    companies: dict[str, list[Member]],
    rng: random.Random,
) -> list[Link]:
    links: list[Link] = []
    topic_use: Counter[str] = Counter()
    topics = list(TOPICS)
    for lang in LANGS:
        needers = rng.sample([m for m in members if m.lang == lang], LINKS_PER_LANGUAGE)
        others = [other for other in LANGS if other != lang]
        targets = [lang] * (LINKS_PER_LANGUAGE - CROSS_PER_LANGUAGE) + [
            others[i % len(others)] for i in range(CROSS_PER_LANGUAGE)
        ]
        rng.shuffle(targets)
        for needer, target in zip(needers, targets, strict=True):
            order = sorted(topics, key=lambda topic: (topic_use[topic], rng.random()))
            for topic in order:
                met_by = primary[topic, target]
                if topic in needer.offer_topics or met_by.company == needer.company:
                    continue
                taboo = met_by.offer_words()
                variants = list(TOPICS[topic][lang].needs)
                rng.shuffle(variants)
                need = next((v for v in variants if not word_set(v) & taboo), None)
                if need is None:
                    continue
                needer.needs.append(need)
                needer.need_topics.add(topic)
                topic_use[topic] += 1
                links.append(Link(needer, need, met_by, met_by.offers[0], topic))
                break
            else:
                raise EvalSetError(f"no topic can be linked for {needer.id} ({lang}→{target})")
    return links


def _set_traps(
    links: list[Link], companies: dict[str, list[Member]], rng: random.Random
) -> list[dict[str, str]]:
    """A colleague of the asker offers exactly the need (same language): must not be suggested."""
    traps: list[dict[str, str]] = []
    candidates = [link for link in links if len(companies[link.need_of.company]) > 1]
    rng.shuffle(candidates)
    met_by_ids = {link.met_by.id for link in links}
    for link in candidates:
        if len(traps) >= TRAPS:
            break
        colleagues = [
            m
            for m in companies[link.need_of.company]
            if m is not link.need_of and m.id not in met_by_ids and link.topic not in m.offer_topics
        ]
        if not colleagues:
            continue
        colleague = rng.choice(colleagues)
        variants = TOPICS[link.topic][link.need_of.lang].offers
        offer = max(variants, key=lambda v: len(word_set(v) & word_set(link.need)))
        colleague.offers.append(offer)
        colleague.offer_topics.add(link.topic)
        traps.append({"need_of": link.need_of.id, "colleague": colleague.id, "offer": offer})
    return traps


def _add_secondary_offers(
    members: list[Member],
    primary: dict[tuple[str, str], Member],
    links: list[Link],
    rng: random.Random,
) -> None:
    needs_met: dict[str, list[str]] = defaultdict(list)
    for link in links:
        needs_met[link.met_by.id].append(link.need)
    for member in members:
        if member.kind != "primary" or rng.random() >= SECONDARY_SHARE:
            continue
        topic = rng.choice([t for t in TOPICS if t not in member.offer_topics])
        used = primary[topic, member.lang].offers[0]
        offer = next(v for v in TOPICS[topic][member.lang].offers if v != used)
        if any(word_set(offer) & word_set(need) for need in needs_met[member.id]):
            continue
        member.offers.append(offer)
        member.offer_topics.add(topic)


def _add_other_needs(members: list[Member], links: list[Link], rng: random.Random) -> None:
    """Unlabelled needs: everyone has one or two; need twins copy the labelled needs of others."""
    linked = {link.need_of.id for link in links}
    labelled_by_lang: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for link in links:
        labelled_by_lang[link.need_of.lang].append((link.topic, link.need))
    for member in members:
        if member.kind == "twin":
            for topic, need in rng.sample(labelled_by_lang[member.lang], 2):
                if topic not in member.need_topics:
                    member.needs.append(need)
                    member.need_topics.add(topic)
            continue
        extra = rng.choice((0, 1)) if member.id in linked else rng.choice((1, 1, 2))
        choices = [t for t in TOPICS if t not in member.offer_topics | member.need_topics]
        for topic in rng.sample(choices, extra):
            member.needs.append(rng.choice(TOPICS[topic][member.lang].needs))
            member.need_topics.add(topic)


def _finish_profiles(
    members: list[Member], companies: dict[str, list[Member]], rng: random.Random
) -> None:
    for staff in companies.values():
        site = rng.choice(SITES[staff[0].lang])
        for member in staff:
            member.site = site
    for member in members:
        member.interests = rng.sample(INTERESTS[member.lang], rng.choice((2, 2, 3)))
        days = rng.sample(WEEKDAYS, rng.randint(1, 4))
        member.presence_days = [day for day in WEEKDAYS if day in days]
        template = rng.choice(BIOS[member.lang])
        member.bio = template.format(
            years=rng.randint(2, 25),
            role=member.headline.lower(),
            company=member.company,
            interest=rng.choice(INTERESTS[member.lang]),
        )


def check(members: list[Member], links: list[Link]) -> None:
    """The rules of the set; EvalSetError naming the link that breaks one."""
    ids = [m.id for m in members]
    if len(set(ids)) != len(ids):
        raise EvalSetError("duplicate member ids")
    seen: set[tuple[str, str]] = set()
    for link in links:
        where = f"link {link.need_of.id} → {link.met_by.id} ({link.topic})"
        if link.need not in link.need_of.needs or link.offer not in link.met_by.offers:
            raise EvalSetError(f"{where}: need or offer missing from the profiles")
        shared = word_set(link.need) & word_set(link.offer)
        if shared:
            raise EvalSetError(f"{where}: need and offer share {sorted(shared)}")
        shared = word_set(link.need) & link.met_by.offer_words()
        if shared:
            raise EvalSetError(
                f"{where}: need shares {sorted(shared)} with the offers or headline of its match"
            )
        if link.need_of.company == link.met_by.company:
            raise EvalSetError(f"{where}: same company")
        if (link.need_of.id, link.met_by.id) in seen:
            raise EvalSetError(f"{where}: duplicate link")
        seen.add((link.need_of.id, link.met_by.id))
    cross = sum(link.need_of.lang != link.met_by.lang for link in links)
    if cross * 2 < len(links):
        raise EvalSetError(f"only {cross} of {len(links)} links cross languages")


def table_conflicts() -> list[str]:
    """(topic, need language, offer) combinations where no need variant can be linked."""
    problems = []
    for topic, by_lang in TOPICS.items():
        for offer_lang in LANGS:
            phrases = by_lang[offer_lang]
            for offer in phrases.offers:
                taboo = word_set(offer) | word_set(phrases.headline)
                for need_lang in LANGS:
                    needs = by_lang[need_lang].needs
                    if all(word_set(need) & taboo for need in needs):
                        problems.append(
                            f"{topic}: {need_lang} needs {needs} vs {offer_lang} {offer!r}"
                        )
    return problems


def stats(data: dict[str, object]) -> str:
    members = data["members"]
    links = data["links"]
    traps = data["same_company_traps"]
    assert isinstance(members, list) and isinstance(links, list) and isinstance(traps, list)
    by_lang = Counter(m["languages"][0] for m in members)
    companies = Counter(m["company"] for m in members)
    cross = sum(link["cross_language"] for link in links)
    pairs = Counter(f"{link['need_language']}→{link['offer_language']}" for link in links)
    lines = [
        f"members: {len(members)} ({', '.join(f'{k} {by_lang[k]}' for k in LANGS)})",
        f"companies: {len(companies)}, with 2+ members: "
        f"{sum(1 for n in companies.values() if n > 1)}, largest: {max(companies.values())}",
        f"links: {len(links)}, across languages: {cross} ({cross / len(links):.0%})",
        "links by language (need→offer): "
        + ", ".join(f"{k} {v}" for k, v in sorted(pairs.items())),
        f"topics linked: {len({link['topic'] for link in links})} of {len(TOPICS)}",
        f"same-company traps: {len(traps)}",
    ]
    return "\n".join(lines)


# ---- large synthetic communities for match_speed.py ------------------------------------------

NEED_QUALIFIERS: dict[str, tuple[str, ...]] = {
    "en": ("this spring", "before summer", "for a pilot", "fairly soon", "on a small budget"),
    "nb": ("i vår", "før sommeren", "til et pilotprosjekt", "ganske snart", "med lite budsjett"),
    "da": ("i foråret", "før sommer", "til et pilotprojekt", "ret snart", "med et lille budget"),
    "sv": ("i vår", "före sommaren", "till ett pilotprojekt", "ganska snart", "med liten budget"),
}


def synthetic_members(count: int, seed: int = SEED) -> list[dict[str, object]]:
    """`count` members in the input shape of `kollega match`, built from the phrase tables.

    Offers recombine the comma-separated items of a topic's two offer phrases, needs get an
    optional qualifier, bios carry the member's years, company and an interest, so texts are
    varied like a real community's rather than a handful of repeated strings.
    """
    rng = random.Random(seed)
    topics = list(TOPICS)
    records: list[dict[str, object]] = []
    company = ""
    company_left = 0
    company_number = 0
    for number in range(1, count + 1):
        lang = LANGS[rng.randrange(len(LANGS))]
        if company_left == 0:
            company_number += 1
            prefixes, suffixes = COMPANY_PARTS[lang]
            company = f"{rng.choice(prefixes)}{rng.choice(suffixes)} {company_number}"
            company_left = rng.choice(COMPANY_SIZES)
        company_left -= 1
        own = rng.sample(topics, 2 if rng.random() < 0.4 else 1)
        offers = [_recombined_offer(TOPICS[topic][lang].offers, rng) for topic in own]
        needs = []
        for topic in rng.sample([t for t in topics if t not in own], rng.choice((1, 1, 2))):
            need = rng.choice(TOPICS[topic][lang].needs)
            if rng.random() < 0.5:
                need = f"{need} {rng.choice(NEED_QUALIFIERS[lang])}"
            needs.append(need)
        headline = TOPICS[own[0]][lang].headline
        days = rng.sample(WEEKDAYS, rng.randint(1, 4))
        records.append(
            {
                "id": f"m{number:06d}",
                "name": f"{rng.choice(FIRST_NAMES[lang])} {rng.choice(LAST_NAMES[lang])}",
                "company": company,
                "site": rng.choice(SITES[lang]),
                "languages": [lang],
                "headline": headline,
                "bio": rng.choice(BIOS[lang]).format(
                    years=rng.randint(1, 30),
                    role=headline.lower(),
                    company=company,
                    interest=rng.choice(INTERESTS[lang]),
                ),
                "offers": offers,
                "needs": needs,
                "interests": rng.sample(INTERESTS[lang], rng.choice((1, 2, 3))),
                "presence_days": [day for day in WEEKDAYS if day in days],
            }
        )
    return records


def _recombined_offer(variants: tuple[str, str], rng: random.Random) -> str:
    items = [item.strip() for variant in variants for item in variant.split(",")]
    chosen = rng.sample(items, min(len(items), rng.randint(1, 3)))
    return ", ".join(chosen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="check only, write nothing")
    parser.add_argument("--tables", action="store_true", help="list unlinkable table combinations")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.tables:
        problems = table_conflicts()
        print("\n".join(problems) or "every need/offer combination of a topic can be linked")
        return 0
    try:
        data = build_eval_set()
    except EvalSetError as error:
        print(f"evaluation set rejected: {error}", file=sys.stderr)
        return 1
    print(stats(data))
    if not args.check:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
