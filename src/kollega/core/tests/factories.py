"""factory_boy factories shared by every app's tests, with named personas in conftest.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from kollega.accounts.models import User
from kollega.companies.models import Company, Stage
from kollega.members.models import Member, Profile
from kollega.memberships.models import Plan, PlanKind
from kollega.spaces.models import Operator, Space, SpaceStaff


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


class OperatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Operator

    name = factory.Sequence(lambda n: f"Operator {n}")


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    operator = factory.SubFactory(OperatorFactory)
    name = factory.Sequence(lambda n: f"Space {n}")
    slug = factory.Sequence(lambda n: f"space-{n}")
    time_zone = "Europe/Oslo"
    currency = "NOK"
    languages = factory.LazyFunction(lambda: ["nb", "en"])
    theme = "Smart and sustainable cities"


class SpaceStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpaceStaff

    space = factory.SubFactory(SpaceFactory)
    user = factory.SubFactory(UserFactory)


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    space = factory.SubFactory(SpaceFactory)
    name = factory.Sequence(lambda n: f"Company {n} AS")
    stage = Stage.STARTUP
    industry = "software"
    employees = 5


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    space = factory.SubFactory(SpaceFactory)
    name = factory.Sequence(lambda n: f"Plan {n}")
    kind = PlanKind.FLEX
    monthly_price = Decimal("3500.00")
    currency = "NOK"
    seats = 1
    included_room_hours = 4
    notice_months = 3


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)


class MemberFactory(factory.django.DjangoModelFactory):
    """A member of a space; search text is refreshed like the services do."""

    class Meta:
        model = Member
        skip_postgeneration_save = True

    space = factory.SubFactory(SpaceFactory)
    user = factory.SubFactory(UserFactory)
    company = None

    @factory.post_generation
    def _profile_and_search(obj: Member, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            from kollega.members.services import member_search_refresh

            Profile.objects.get_or_create(user=obj.user)
            member_search_refresh(member_ids=[obj.pk])


def a_date(year: int = 2026, month: int = 1, day: int = 15) -> dt.date:
    return dt.date(year, month, day)
