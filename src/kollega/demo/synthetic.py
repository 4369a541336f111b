"""A large synthetic community for benchmarks (`kollega demo --members 50000`).

Members are combined from fragments of the hand-written content (names, headlines,
offers, needs, interests in the same language), deterministically from the seed. The
services would take hours for 50,000 people, so rows are written with bulk_create in
batches; the denormalised search text is built with members.search.document_keys
exactly as members.services.member_search_refresh would build it, and interests go
through the profile-interest table.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction

from kollega.accounts.models import User
from kollega.companies.models import Company, Industry, Stage
from kollega.demo import content
from kollega.demo.generator import Log, months_ago, org_number_check_digit
from kollega.members.models import (
    Interest,
    Member,
    Profile,
    Visibility,
    default_visibility,
)
from kollega.members.search import document_keys
from kollega.members.services import interest_get_or_create, member_create
from kollega.members.services.search import search_texts
from kollega.memberships.models import Membership, MembershipEvent, MembershipEventKind, Plan
from kollega.memberships.services import plan_create
from kollega.spaces.models import Operator, Space
from kollega.spaces.services import space_create, space_staff_add

BATCH = 2000
_LEGAL_FORM = {"NOK": "AS", "DKK": "ApS", "SEK": "AB"}
_PRICE_FACTOR = {"NOK": Decimal("1"), "DKK": Decimal("0.65"), "SEK": Decimal("1")}
_STAGES: tuple[tuple[str, int], ...] = (
    (Stage.STARTUP, 40),
    (Stage.SCALEUP, 12),
    (Stage.ESTABLISHED, 15),
    (Stage.FREELANCER, 18),
    (Stage.REMOTE_TEAM, 8),
    (Stage.PUBLIC_SECTOR, 4),
    (Stage.ACADEMIA, 3),
)
_PRESENCE: tuple[tuple[str, ...], ...] = (
    ("mon", "tue", "wed", "thu", "fri"),
    ("mon", "tue", "wed", "thu"),
    ("tue", "wed", "thu"),
    ("mon", "wed", "fri"),
    ("tue", "thu"),
    ("thu",),
)


@dataclass(frozen=True)
class SyntheticSpace:
    slug: str
    name: str
    address: str
    currency: str
    languages: tuple[str, ...]
    time_zone: str
    share: float
    profile_languages: dict[str, int]


SYNTHETIC_SPACES: tuple[SyntheticSpace, ...] = (
    SyntheticSpace(
        "bryggen-cowork",
        "Bryggen Cowork",
        "Bergen sentrum",
        "NOK",
        ("nb", "en"),
        "Europe/Oslo",
        0.40,
        {"nb": 60, "en": 20, "sv": 10, "da": 10},
    ),
    SyntheticSpace(
        "nidaros-hub",
        "Nidaros Hub",
        "Trondheim sentrum",
        "NOK",
        ("nb", "en"),
        "Europe/Oslo",
        0.25,
        {"nb": 65, "en": 20, "sv": 10, "da": 5},
    ),
    SyntheticSpace(
        "havnegade-kontorfaellesskab",
        "Havnegade Kontorfællesskab",
        "København K",
        "DKK",
        ("da", "en"),
        "Europe/Copenhagen",
        0.20,
        {"da": 60, "en": 20, "sv": 10, "nb": 10},
    ),
    SyntheticSpace(
        "sodermalm-coworking",
        "Södermalm Coworking",
        "Stockholm",
        "SEK",
        ("sv", "en"),
        "Europe/Stockholm",
        0.15,
        {"sv": 60, "en": 20, "nb": 10, "da": 10},
    ),
)


@dataclass
class SyntheticSpaceResult:
    space: Space
    members: int
    companies: int


# --- fragments --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pools:
    offers: dict[str, list[str]]
    needs: dict[str, list[str]]
    interests: dict[str, list[str]]


def _pools() -> _Pools:
    offers: dict[str, list[str]] = {}
    needs: dict[str, list[str]] = {}
    interests: dict[str, list[str]] = {}
    for person in content.PEOPLE:
        for pool, items in (
            (offers, person.offers),
            (needs, person.needs),
            (interests, person.interests),
        ):
            bucket = pool.setdefault(person.lang, [])
            bucket.extend(item for item in items if item not in bucket)
    return _Pools(offers=offers, needs=needs, interests=interests)


def _ascii(text: str) -> str:
    table = str.maketrans(
        {
            "æ": "ae",
            "ø": "o",
            "å": "a",
            "ä": "a",
            "ö": "o",
            "é": "e",
            "í": "i",
            "á": "a",
            "ü": "u",
            " ": "",
        }
    )
    return text.lower().translate(table)


def _company_names(rng: random.Random, count: int, legal_form: str) -> list[str]:
    combos = [
        f"{prefix}{suffix}{tail}"
        for prefix in content.COMPANY_PREFIXES
        for suffix in content.COMPANY_SUFFIXES
        for tail in content.COMPANY_TAILS
    ]
    rng.shuffle(combos)
    names = []
    for index in range(count):
        base = combos[index % len(combos)]
        round_ = index // len(combos)
        names.append(f"{base} {round_ + 1} {legal_form}" if round_ else f"{base} {legal_form}")
    return names


class _OrgNumbers:
    """Valid-looking, distinct organisation numbers starting with 8 (the hand-written
    demo's start with 9)."""

    def __init__(self) -> None:
        self.next_body = 80_000_000

    def take(self) -> str:
        while True:
            body = str(self.next_body)
            self.next_body += 1
            check = org_number_check_digit(body)
            if check is not None:
                return body + str(check)


# --- building -------------------------------------------------------------------------------


def _plans(space: Space) -> dict[str, Plan]:
    factor = _PRICE_FACTOR[space.currency]
    specs = (
        ("office-8", "Private office, 8 desks", "private_office", 46000, 8, 20),
        ("office-4", "Private office, 4 desks", "private_office", 24500, 4, 10),
        ("fixed", "Fixed desk", "fixed_desk", 5400, 1, 4),
        ("flex", "Flex (clean desk)", "flex", 3700, 1, 2),
        ("community", "Community pass", "community", 1250, 1, 2),
    )
    return {
        key: plan_create(
            space=space,
            name=name,
            kind=kind,
            monthly_price=(Decimal(price) * factor).quantize(Decimal("1")),
            seats=seats,
            included_room_hours=hours,
        )
        for key, name, kind, price, seats, hours in specs
    }


@transaction.atomic
def synthetic_build(
    *,
    members: int,
    seed: int,
    today: dt.date,
    operator: Operator,
    manager: User,
    member_user: User,
    log: Log,
) -> list[SyntheticSpaceResult]:
    """Add `members` synthetic members in several spaces of the demo operator. The demo's
    CM becomes staff of the largest one and the demo member joins it, so both can try
    the directory at scale."""
    rng = random.Random(f"synthetic:{seed}:{members}")
    password_hash = make_password(content.DEMO_PASSWORD)
    pools = _pools()
    interest_objects: dict[str, Interest] = {
        name: interest_get_or_create(name=name)
        for names in pools.interests.values()
        for name in names
    }
    org_numbers = _OrgNumbers()
    started = time.perf_counter()
    shares = [round(members * spec.share) for spec in SYNTHETIC_SPACES]
    shares[0] += members - sum(shares)
    results: list[SyntheticSpaceResult] = []
    serial = 0
    for spec, count in zip(SYNTHETIC_SPACES, shares, strict=True):
        space = space_create(
            operator=operator,
            actor=None,
            name=spec.name,
            slug=spec.slug,
            address=spec.address,
            time_zone=spec.time_zone,
            currency=spec.currency,
            languages=list(spec.languages),
            theme="Smart and sustainable cities",
            house_values="You get what you give.",
            max_seats_per_company=15,
        )
        plans = _plans(space)
        if not results:
            space_staff_add(space=space, user=manager)
            member_create(space=space, user=member_user)
        companies = _companies_create(
            space=space, count=max(1, round(count / 8)), rng=rng, org_numbers=org_numbers
        )
        company_weights = [rng.paretovariate(1.3) for _ in companies]
        languages = list(spec.profile_languages)
        language_weights = list(spec.profile_languages.values())
        company_people: Counter[int] = Counter()
        individuals: list[int] = []
        for start in range(0, count, BATCH):
            size = min(BATCH, count - start)
            people = []
            for _ in range(size):
                serial += 1
                lang = rng.choices(languages, language_weights)[0]
                company = (
                    None if rng.random() < 0.12 else rng.choices(companies, company_weights)[0]
                )
                people.append(
                    _person(
                        rng=rng,
                        lang=lang,
                        company=company,
                        serial=serial,
                        domain=spec.slug.split("-")[0],
                        pools=pools,
                    )
                )
            created = _people_create(
                space=space,
                people=people,
                password_hash=password_hash,
                interests=interest_objects,
                company_people=company_people,
            )
            individuals.extend(member.pk for member in created if member.company_id is None)
            log(
                f"  {spec.name}: {start + size:,}/{count:,} members "
                f"({time.perf_counter() - started:.1f} s)"
            )
        _memberships_create(
            space=space,
            plans=plans,
            companies=companies,
            company_people=company_people,
            individuals=individuals,
            rng=rng,
            today=today,
        )
        results.append(SyntheticSpaceResult(space=space, members=count, companies=len(companies)))
    return results


def _companies_create(
    *, space: Space, count: int, rng: random.Random, org_numbers: _OrgNumbers
) -> list[Company]:
    stages = [stage for stage, _weight in _STAGES]
    stage_weights = [weight for _stage, weight in _STAGES]
    industries = list(Industry.values)
    companies = []
    for name in _company_names(rng, count, _LEGAL_FORM[space.currency]):
        stage = rng.choices(stages, stage_weights)[0]
        companies.append(
            Company(
                space=space,
                name=name,
                org_number=org_numbers.take(),
                stage=stage,
                industry=rng.choice(industries),
                employees=1 if stage == Stage.FREELANCER else rng.randint(2, 40),
                website=f"https://{_ascii(name.rsplit(' ', 1)[0])}.example",
            )
        )
    return Company.objects.bulk_create(companies, batch_size=BATCH)


@dataclass
class _Person:
    full_name: str
    email: str
    lang: str
    company: Company | None
    headline: str
    bio: str
    offers: list[str]
    needs: list[str]
    interests: list[str]
    presence: list[str]
    visibility: dict[str, str]


def _person(
    *,
    rng: random.Random,
    lang: str,
    company: Company | None,
    serial: int,
    domain: str,
    pools: _Pools,
) -> _Person:
    first = rng.choice(content.FIRST_NAMES[lang])
    last = rng.choice(content.LAST_NAMES[lang])
    visibility: dict[str, str] = {}
    roll = rng.random()
    if roll < 0.04:
        visibility["needs"] = Visibility.STAFF
    elif roll < 0.09:
        visibility["headline"] = Visibility.PUBLIC
    offers = pools.offers[lang]
    needs = pools.needs[lang]
    interests = pools.interests[lang]
    return _Person(
        full_name=f"{first} {last}",
        email=f"{_ascii(first)}.{_ascii(last)}.{serial}@{domain}.example",
        lang=lang,
        company=company,
        headline=f"{rng.choice(content.HEADLINE_ROLES[lang])} "
        f"{rng.choice(content.HEADLINE_FIELDS[lang])}",
        bio=f"{rng.choice(content.BIO_OPENINGS[lang])} {rng.choice(content.BIO_CLOSINGS[lang])}",
        offers=rng.sample(offers, rng.randint(2, 4)),
        needs=rng.sample(needs, rng.randint(0, 2)),
        interests=rng.sample(interests, min(len(interests), rng.randint(1, 4))),
        presence=list(rng.choice(_PRESENCE)),
        visibility=visibility,
    )


def _people_create(
    *,
    space: Space,
    people: list[_Person],
    password_hash: str,
    interests: dict[str, Interest],
    company_people: Counter[int],
) -> list[Member]:
    users = User.objects.bulk_create(
        [
            User(
                email=person.email,
                full_name=person.full_name,
                preferred_language=person.lang,
                password=password_hash,
            )
            for person in people
        ],
        batch_size=BATCH,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
        batch_size=BATCH,
    )
    profiles = Profile.objects.bulk_create(
        [
            Profile(
                user=user,
                headline=person.headline,
                bio=person.bio,
                languages=list(dict.fromkeys([person.lang, "en"])),
                offers=person.offers,
                needs=person.needs,
                presence_days=person.presence,
                visibility={**default_visibility(), **person.visibility},
            )
            for user, person in zip(users, people, strict=True)
        ],
        batch_size=BATCH,
    )
    through = Profile.interests.through
    Profile.interests.through.objects.bulk_create(
        [
            through(profile_id=profile.pk, interest_id=interests[name].pk)
            for profile, person in zip(profiles, people, strict=True)
            for name in person.interests
        ],
        batch_size=BATCH * 2,
    )
    members = []
    for user, person in zip(users, people, strict=True):
        company_name = person.company.name if person.company is not None else None
        interest_names = sorted(interests[name].name for name in person.interests)
        texts = {
            staff: search_texts(
                full_name=person.full_name,
                company=company_name,
                email=person.email,
                headline=person.headline,
                offers=person.offers,
                needs=person.needs,
                interests=interest_names,
                visibility=person.visibility,
                staff=staff,
            )
            for staff in (False, True)
        }
        contact = False
        if person.company is not None:
            contact = company_people[person.company.pk] == 0
            company_people[person.company.pk] += 1
        members.append(
            Member(
                space=space,
                user=user,
                company=person.company,
                is_company_contact=contact,
                search_members=document_keys(texts[False]),
                search_staff=document_keys(texts[True]),
            )
        )
    return Member.objects.bulk_create(members, batch_size=BATCH)


def _memberships_create(
    *,
    space: Space,
    plans: dict[str, Plan],
    companies: list[Company],
    company_people: Counter[int],
    individuals: list[int],
    rng: random.Random,
    today: dt.date,
) -> None:
    memberships = []
    for company in companies:
        people = max(1, company_people[company.pk])
        plan = plans["office-8" if people > 4 else "office-4" if people > 1 else "fixed"]
        memberships.append(
            Membership(
                space=space,
                plan=plan,
                company=company,
                seats=max(people, plan.seats),
                start_date=months_ago(today, rng.randrange(0, 48)),
            )
        )
    for member_id in individuals:
        plan = plans[rng.choice(("flex", "flex", "fixed", "community"))]
        memberships.append(
            Membership(
                space=space,
                plan=plan,
                member_id=member_id,
                seats=1,
                start_date=months_ago(today, rng.randrange(0, 48)),
            )
        )
    created = Membership.objects.bulk_create(memberships, batch_size=BATCH)
    MembershipEvent.objects.bulk_create(
        [
            MembershipEvent(
                membership=membership,
                kind=MembershipEventKind.CREATED,
                effective_date=membership.start_date,
                details={"plan": membership.plan.name, "seats": membership.seats},
            )
            for membership in created
        ],
        batch_size=BATCH,
    )
