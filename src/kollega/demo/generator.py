"""Build the demo community from content.py through the services, and wipe it again.

The demo lives in an ordinary Kollega database. It is recognised by its operator, its
space slugs and its users' reserved `.example` e-mail domains; anything else in the
database means it is not a demo database, and then nothing is touched.

Everything is deterministic from the seed. Dates are relative to `today`, so the demo
always looks current: memberships started months ago, a notice was given last week.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import secrets
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Min, Q

from kollega.accounts.models import User
from kollega.companies.models import Company
from kollega.companies.services import company_create
from kollega.demo import content
from kollega.demo.bookings import demo_bookings_build, demo_bookings_wipe
from kollega.demo.content import AccountSpec, PersonSpec
from kollega.demo.events import demo_events_build
from kollega.demo.matching import demo_matching_build
from kollega.members.models import Interest, Invitation, Member
from kollega.members.services import (
    INVITATION_VALID_FOR,
    member_create,
    member_remove,
    profile_update,
)
from kollega.memberships.models import Membership, MembershipEvent, Plan
from kollega.memberships.services import (
    membership_change_plan,
    membership_create,
    membership_give_notice,
    plan_create,
    plan_retire,
)
from kollega.notifications.models import OutboundEmail
from kollega.spaces.models import Operator, Space
from kollega.spaces.services import operator_create, space_create, space_staff_add

Log = Callable[[str], None]

_PRESENCE_PATTERNS: tuple[tuple[str, ...], ...] = (
    ("mon", "tue", "wed", "thu", "fri"),
    ("mon", "tue", "wed", "thu", "fri"),
    ("mon", "tue", "wed", "thu"),
    ("tue", "wed", "thu"),
    ("mon", "wed", "fri"),
    ("mon", "tue", "thu"),
    ("wed", "thu", "fri"),
)
_ASCII = str.maketrans(
    {"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "é": "e", "í": "i", "ü": "u", " ": "."}
)


class NotADemoDatabase(Exception):
    """The database holds data that the demo did not create."""


@dataclass(frozen=True)
class DemoAccount:
    label: str
    email: str
    password: str


@dataclass
class DemoResult:
    operator: Operator
    spaces: list[Space]
    accounts: list[DemoAccount]
    manager: User  # the CM of the themed space
    member: User  # the printed member account
    warnings: list[str] = field(default_factory=list)


# --- recognising and wiping a demo ------------------------------------------------------------


def demo_space_slugs() -> set[str]:
    from kollega.demo.synthetic import SYNTHETIC_SPACES

    return {spec.slug for spec in content.SPACES} | {spec.slug for spec in SYNTHETIC_SPACES}


def _demo_users() -> Q:
    return Q(email__iendswith=content.DEMO_EMAIL_SUFFIX)


def demo_database_state() -> str:
    """Whether the database is "empty" or holds nothing but a previous "demo".

    Raises NotADemoDatabase, naming what it found, when anything else is in it.
    """
    found: list[str] = []
    spaces = list(
        Space.objects.exclude(slug__in=demo_space_slugs()).values_list("name", flat=True)[:3]
    )
    if spaces:
        found.append("spaces: " + ", ".join(spaces))
    operators = list(
        Operator.objects.exclude(name=content.DEMO_OPERATOR_NAME).values_list("name", flat=True)[:3]
    )
    if operators:
        found.append("operators: " + ", ".join(operators))
    users = list(User.objects.exclude(_demo_users()).values_list("email", flat=True)[:3])
    if users:
        found.append("users: " + ", ".join(users))
    if found:
        raise NotADemoDatabase("; ".join(found))
    if Space.objects.exists() or Operator.objects.exists() or User.objects.exists():
        return "demo"
    return "empty"


@transaction.atomic
def demo_wipe() -> None:
    """Delete a previous demo, children before parents (memberships, members, companies
    and plans are protected from deletion while something still points to them)."""
    spaces = Space.objects.filter(slug__in=demo_space_slugs())
    demo_bookings_wipe(spaces=spaces)
    MembershipEvent.objects.filter(membership__space__in=spaces).delete()
    Membership.objects.filter(space__in=spaces).delete()
    Invitation.objects.filter(space__in=spaces).delete()
    Member.objects.filter(space__in=spaces).delete()
    Company.objects.filter(space__in=spaces).delete()
    Plan.objects.filter(space__in=spaces).delete()
    spaces.delete()
    Operator.objects.filter(name=content.DEMO_OPERATOR_NAME).delete()
    User.objects.filter(_demo_users()).delete()
    Interest.objects.filter(profiles__isnull=True).delete()
    OutboundEmail.objects.filter(to__iendswith=content.DEMO_EMAIL_SUFFIX).delete()


# --- small helpers -------------------------------------------------------------------------


def months_ago(today: dt.date, months: int) -> dt.date:
    """The first day of the month `months` before this one (negative: in the future)."""
    index = today.year * 12 + today.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def at_nine(day: dt.date, tz: str, minutes: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=zoneinfo.ZoneInfo(tz)) + dt.timedelta(
        minutes=minutes
    )


def email_for(person: PersonSpec, domain: str) -> str:
    if person.email:
        return person.email
    local = person.name.lower().translate(_ASCII)
    return f"{local}@{domain}"


def org_number_check_digit(first_eight: str) -> int | None:
    """The MOD11 check digit of a Norwegian organisation number, None if there is none."""
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    remainder = sum(int(d) * w for d, w in zip(first_eight, weights, strict=True)) % 11
    check = (11 - remainder) % 11
    return None if check == 10 else check


def org_numbers(rng: random.Random, count: int, *, first_digit: str = "9") -> list[str]:
    """`count` different, valid-looking Norwegian organisation numbers."""
    numbers: list[str] = []
    while len(numbers) < count:
        body = first_digit + "".join(str(rng.randrange(10)) for _ in range(7))
        check = org_number_check_digit(body)
        if check is not None and body + str(check) not in numbers:
            numbers.append(body + str(check))
    return numbers


def phone_number(rng: random.Random, lang: str) -> str:
    digits = [str(rng.randrange(10)) for _ in range(7)]
    if lang == "da":
        return (
            f"+45 {rng.choice('2345')}{digits[0]} {''.join(digits[1:3])} "
            f"{''.join(digits[3:5])} {''.join(digits[5:7])}"
        )
    if lang == "sv":
        return (
            f"+46 7{rng.choice('0236')} {''.join(digits[:3])} {''.join(digits[3:5])} "
            f"{''.join(digits[5:7])}"
        )
    return (
        f"+47 {rng.choice('49')}{''.join(digits[:2])} {''.join(digits[2:4])} {''.join(digits[4:7])}"
    )


def demo_user_create(
    *, email: str, full_name: str, language: str, password_hash: str, superuser: bool = False
) -> User:
    """A demo account with a verified address (as accepting an invitation would leave it)."""
    user = User.objects.create(
        email=email,
        full_name=full_name,
        preferred_language=language,
        password=password_hash,
        is_staff=superuser,
        is_superuser=superuser,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _account(spec: AccountSpec, password_hash: str, *, superuser: bool = False) -> User:
    return demo_user_create(
        email=spec.email,
        full_name=spec.full_name,
        language=spec.language,
        password_hash=password_hash,
        superuser=superuser,
    )


# --- the hand-written demo ------------------------------------------------------------------


def _profile_fields(person: PersonSpec, rng: random.Random) -> dict[str, object]:
    fields: dict[str, object] = {}
    for name in ("headline", "bio"):
        if getattr(person, name):
            fields[name] = getattr(person, name)
    if person.offers:
        fields["offers"] = list(person.offers)
    if person.needs:
        fields["needs"] = list(person.needs)
    if person.interests:
        fields["interests"] = list(person.interests)
    if person.speaks:
        fields["languages"] = list(person.speaks)
    if person.links:
        fields["links"] = list(person.links)
    thin = not person.bio
    presence = person.presence or (() if thin else rng.choice(_PRESENCE_PATTERNS))
    if presence:
        fields["presence_days"] = list(presence)
    if person.phone:
        fields["phone"] = phone_number(rng, person.lang)
    if person.visibility:
        fields["visibility"] = dict(person.visibility)
    return fields


@transaction.atomic
def demo_build(*, seed: int, today: dt.date, log: Log) -> DemoResult:
    """Build the hand-written demo: two spaces, ~20 companies, ~80 people, and what they
    made of matchmaking (see matching.py)."""
    rng = random.Random(seed)
    password_hash = make_password(content.DEMO_PASSWORD)
    admin = _account(content.OPERATOR_ADMIN, password_hash, superuser=True)
    operator = operator_create(name=content.DEMO_OPERATOR_NAME, admins=[admin])

    spaces: dict[str, Space] = {}
    plans: dict[tuple[str, str], Plan] = {}
    managers: dict[str, User] = {}
    for spec in content.SPACES:
        space = space_create(
            operator=operator,
            actor=admin,
            name=spec.name,
            slug=spec.slug,
            address=spec.address,
            time_zone=spec.time_zone,
            currency=spec.currency,
            languages=list(spec.languages),
            theme=spec.theme,
            house_values=spec.house_values,
            max_seats_per_company=spec.max_seats_per_company,
        )
        spaces[spec.slug] = space
        for plan_spec in spec.plans:
            plans[(spec.slug, plan_spec.key)] = plan_create(
                space=space,
                name=plan_spec.name,
                kind=plan_spec.kind,
                monthly_price=Decimal(plan_spec.price),
                seats=plan_spec.seats,
                included_room_hours=plan_spec.room_hours,
                notice_months=3,
                description=plan_spec.description,
            )
        manager_spec = content.SPACE_MANAGERS[spec.slug]
        managers[spec.slug] = _account(manager_spec, password_hash)
        space_staff_add(space=space, user=managers[spec.slug], title=manager_spec.title)
    log(f"  {len(spaces)} spaces with {len(plans)} plans")

    warnings: list[str] = []
    companies: dict[str, Company] = {}
    company_start: dict[str, dt.date] = {}
    holdings: dict[str, Membership] = {}
    for company_spec, org_number in zip(
        content.COMPANIES, org_numbers(rng, len(content.COMPANIES)), strict=True
    ):
        space = spaces[company_spec.space]
        manager = managers[company_spec.space]
        company = company_create(
            space=space,
            actor=manager,
            name=company_spec.name,
            stage=company_spec.stage,
            org_number=org_number,
            industry=company_spec.industry,
            employees=company_spec.employees,
            website=f"https://{company_spec.domain}",
            description=company_spec.description,
        )
        companies[company_spec.key] = company
        start = months_ago(today, company_spec.months_ago)
        company_start[company_spec.key] = start
        result = membership_create(
            space=space,
            plan=plans[(company_spec.space, company_spec.plan)],
            start_date=start,
            seats=company_spec.seats,
            company=company,
            actor=manager,
        )
        holdings[company_spec.key] = result.membership
        warnings.extend(result.warnings)
    log(f"  {len(companies)} companies with their memberships")

    domains = {spec.key: spec.domain for spec in content.COMPANIES}
    members: dict[str, Member] = {}
    joined: dict[int, dt.date] = {}
    for person in content.PEOPLE:
        space = spaces[person.space]
        user = demo_user_create(
            email=email_for(person, domains.get(person.company or "", "")),
            full_name=person.name,
            language=person.lang,
            password_hash=password_hash,
        )
        member = member_create(
            space=space,
            user=user,
            company=companies[person.company] if person.company else None,
            is_company_contact=person.contact,
        )
        profile_update(user=user, actor=user, **_profile_fields(person, rng))
        members[person.name] = member
        if person.company:
            start = company_start[person.company]
            days = max((today - start).days, 1)
            joined[member.pk] = (
                start if person.contact else start + dt.timedelta(days=rng.randrange(days))
            )
        elif person.plan:
            start = months_ago(today, person.months_ago)
            result = membership_create(
                space=space,
                plan=plans[(person.space, person.plan)],
                start_date=start,
                member=member,
                actor=managers[person.space],
            )
            holdings[person.name] = result.membership
            joined[member.pk] = min(start, today - dt.timedelta(days=10))
    log(f"  {len(members)} members with profiles")

    for event in content.HISTORY:
        day = today - dt.timedelta(days=event.days_ago)
        membership = holdings.get(event.holder)
        manager = managers[membership.space.slug] if membership else managers[content.SMARTBY]
        if event.kind == "seats" and membership is not None:
            membership_change_plan(
                membership=membership,
                plan=membership.plan,
                seats=event.seats,
                effective_date=day,
                actor=manager,
            )
        elif event.kind == "plan" and membership is not None:
            plan = plans[(membership.space.slug, event.plan)]
            membership_change_plan(
                membership=membership,
                plan=plan,
                seats=plan.seats,
                effective_date=day,
                actor=manager,
            )
        elif event.kind == "notice" and membership is not None:
            membership_give_notice(membership=membership, given_on=day, actor=manager)
        elif event.kind == "leave":
            member_remove(member=members[event.holder], actor=manager)
        else:
            raise ValueError(f"Unknown demo history entry: {event}")

    for spec in content.SPACES:
        for plan_spec in spec.plans:
            if plan_spec.retired:
                plan_retire(plan=plans[(spec.slug, plan_spec.key)])

    _invitations_create(spaces=spaces, companies=companies, managers=managers, today=today)
    _backdate(spaces=spaces.values(), joined=joined, today=today, rng=rng)
    log(demo_bookings_build(spaces=spaces, seed=seed, today=today).summary())
    log(demo_events_build(spaces=spaces, managers=managers, seed=seed, today=today).summary())
    demo_matching_build(spaces=spaces, managers=managers, seed=seed, today=today, log=log)

    member_user = members[content.DEMO_MEMBER_NAME].user
    smartby_manager = managers[content.SMARTBY]
    accounts = [
        DemoAccount(
            f"Community manager, {spaces[content.SMARTBY].name}",
            smartby_manager.email,
            content.DEMO_PASSWORD,
        ),
        DemoAccount(
            f"Member ({member_user.full_name}, {members[content.DEMO_MEMBER_NAME].company})",
            member_user.email,
            content.DEMO_PASSWORD,
        ),
        DemoAccount(
            "Operator admin (all spaces, Django admin)", admin.email, content.DEMO_PASSWORD
        ),
        DemoAccount(
            f"Community manager, {spaces[content.FJELLGARDEN].name}",
            managers[content.FJELLGARDEN].email,
            content.DEMO_PASSWORD,
        ),
    ]
    return DemoResult(
        operator=operator,
        spaces=list(spaces.values()),
        accounts=accounts,
        manager=smartby_manager,
        member=member_user,
        warnings=warnings,
    )


def _invitations_create(
    *,
    spaces: dict[str, Space],
    companies: dict[str, Company],
    managers: dict[str, User],
    today: dt.date,
) -> None:
    """Pending invitations. Written directly rather than through invitation_create, so that
    building the demo sends no e-mail (to made-up addresses)."""
    for spec in content.INVITATIONS:
        space = spaces[spec.space]
        sent = at_nine(today - dt.timedelta(days=spec.days_ago), space.time_zone)
        token_hash = hashlib.sha256(secrets.token_urlsafe(32).encode()).hexdigest()
        invitation = Invitation.objects.create(
            space=space,
            company=companies[spec.company] if spec.company else None,
            email=spec.email,
            full_name=spec.full_name,
            language=space.languages[0],
            invited_by=managers[spec.space],
            token_hash=token_hash,
            expires_at=sent + INVITATION_VALID_FOR,
        )
        Invitation.objects.filter(pk=invitation.pk).update(created_at=sent)


def _backdate(
    *, spaces: Iterable[Space], joined: dict[int, dt.date], today: dt.date, rng: random.Random
) -> None:
    """Give records the past they would have had: people joined when their company did (or
    later), contracts were signed before they started, history happened on its dates."""
    for space in spaces:
        tz = space.time_zone
        first = Membership.objects.filter(space=space).aggregate(first=Min("start_date"))["first"]
        opened = at_nine((first or today) - dt.timedelta(days=60), tz)
        Space.objects.filter(pk=space.pk).update(created_at=opened)
        Plan.objects.filter(space=space).update(created_at=opened)
        Plan.objects.filter(space=space, retired_at__isnull=False).update(
            retired_at=at_nine(today - dt.timedelta(days=730), tz)
        )
        memberships = list(Membership.objects.filter(space=space).order_by("pk"))
        companies: list[Company] = []
        for membership in memberships:
            signed = min(membership.start_date, today) - dt.timedelta(days=rng.randrange(3, 21))
            membership.created_at = at_nine(signed, tz, rng.randrange(420))
            if membership.company_id is not None:
                companies.append(Company(pk=membership.company_id, created_at=at_nine(signed, tz)))
        Membership.objects.bulk_update(memberships, ["created_at"])
        Company.objects.bulk_update(companies, ["created_at"])
        signed_at = {membership.pk: membership.created_at for membership in memberships}
        events = list(MembershipEvent.objects.filter(membership__space=space).order_by("pk"))
        for event in events:
            if event.kind == "created":
                event.happened_at = signed_at[event.membership_id]
            else:
                event.happened_at = at_nine(
                    min(event.effective_date, today), tz, rng.randrange(420)
                )
        MembershipEvent.objects.bulk_update(events, ["happened_at"])
        ended = {
            membership.member_id: membership.end_date
            for membership in memberships
            if membership.member_id is not None and membership.end_date is not None
        }
        members = list(Member.objects.filter(space=space).select_related("user").order_by("pk"))
        for member in members:
            member.joined_at = at_nine(joined.get(member.pk, today), tz, rng.randrange(420))
            member.user.date_joined = member.joined_at
            if member.left_at is not None and member.pk in ended:
                member.left_at = at_nine(ended[member.pk], tz, 480)
        Member.objects.bulk_update(members, ["joined_at", "left_at"])
        User.objects.bulk_update([member.user for member in members], ["date_joined"])
