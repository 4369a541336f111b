"""Forms for plans and memberships: they parse input, the services decide."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kollega.companies.models import Company
from kollega.members.models import Member
from kollega.memberships.models import Membership, Plan, PlanKind
from kollega.memberships.selectors import MembershipFilter
from kollega.spaces.forms import DateInput
from kollega.spaces.models import Space
from kollega.spaces.selectors import space_members_for_choice

PLAN_FORM_FIELDS = [
    "name",
    "kind",
    "monthly_price",
    "seats",
    "included_room_hours",
    "notice_months",
    "description",
]


class PlanForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanKind.choices)
    monthly_price = forms.DecimalField(
        label=_("Monthly price"),
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        localize=True,
    )
    seats = forms.IntegerField(label=_("Seats included"), min_value=1, initial=1)
    included_room_hours = forms.IntegerField(
        label=_("Meeting-room hours per month"), min_value=0, initial=0
    )
    notice_months = forms.IntegerField(
        label=_("Notice period (months)"),
        min_value=0,
        max_value=24,
        initial=3,
        help_text=_("Counted from the end of the month in which notice is given."),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)

    @staticmethod
    def initial_for(plan: Plan) -> dict[str, Any]:
        return {name: getattr(plan, name) for name in PLAN_FORM_FIELDS}


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        user = obj.user
        return f"{user.full_name} <{user.email}>" if user.full_name else user.email


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


def _set_queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def usable_plans(space: Space) -> QuerySet[Plan]:
    return Plan.objects.filter(space=space, retired_at__isnull=True).order_by(
        "monthly_price", "name"
    )


class MembershipFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MembershipFilter.choices, required=False)
    plan = PlanChoiceField(
        label=_("Plan"), queryset=Plan.objects.none(), required=False, empty_label=_("All plans")
    )
    holder = forms.CharField(
        label=_("Company or person"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "plan", Plan.objects.filter(space=space).order_by("name"))


class MembershipCreateForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Company"),
        queryset=Company.objects.none(),
        required=False,
        empty_label=_("— none: an individual membership —"),
    )
    member = MemberChoiceField(
        label=_("Or one member"),
        queryset=Member.objects.none(),
        required=False,
        empty_label=_("— none: a company membership —"),
    )
    plan = PlanChoiceField(label=_("Plan"), queryset=Plan.objects.none())
    seats = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to use the plan's seats."),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(
            self,
            "company",
            Company.objects.filter(space=space, archived_at__isnull=True).order_by("name"),
        )
        _set_queryset(self, "member", space_members_for_choice(space=space))
        _set_queryset(self, "plan", usable_plans(space))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("company")) == bool(data.get("member")):
            self.add_error(
                "company", _("Choose either a company or one member to hold the membership.")
            )
        return data


class NoticeForm(forms.Form):
    given_on = forms.DateField(
        label=_("Notice given on"),
        widget=DateInput(),
        help_text=_("The end date follows from the plan's notice period."),
    )


class ChangePlanForm(forms.Form):
    plan = PlanChoiceField(label=_("Plan"), queryset=Plan.objects.none())
    seats = forms.IntegerField(label=_("Seats"), min_value=1)
    effective_date = forms.DateField(label=_("From"), widget=DateInput())

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(
            self,
            "plan",
            Plan.objects.filter(
                Q(space=membership.space_id, retired_at__isnull=True) | Q(pk=membership.plan_id)
            ).order_by("monthly_price", "name"),
        )


class EndForm(forms.Form):
    end_date = forms.DateField(label=_("Last day"), widget=DateInput())
