"""Forms of the community manager's bookings pages. They parse input; the rules live in
`kollega.bookings.services.setup`, whose errors are shown next to the fields they name."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.forms.boundfield import BoundField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kollega.bookings.models import BookingRule, Resource, ResourceKind, Zone
from kollega.bookings.services.setup import MINUTES_PER_DAY, weekday_name
from kollega.memberships.models import Membership, PlanKind
from kollega.spaces.forms import DateInput
from kollega.spaces.models import Space


class ZoneForm(forms.Form):
    name = forms.CharField(label=_("Zone name"), max_length=100)
    is_flex = forms.BooleanField(
        label=_("Flex zone"),
        required=False,
        help_text=_("Desks anyone on a flex plan may book; otherwise desks are assigned."),
    )


def _holder_name(membership: Membership) -> str:
    return f"{membership.holder_name} ({membership.plan.name})"


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    name = forms.CharField(label=_("Name"), max_length=100)
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=Zone.objects.none(), required=False, empty_label=_("No zone")
    )
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, initial=1)
    hourly_price = forms.DecimalField(
        label=_("Price per hour"),
        min_value=Decimal(0),
        max_digits=8,
        decimal_places=2,
        initial=Decimal(0),
        help_text=_("Charged for time beyond a plan's included meeting-room hours."),
    )
    equipment = forms.CharField(
        label=_("Equipment"),
        required=False,
        max_length=500,
        help_text=_("Separate with commas, e.g. screen, whiteboard, video call."),
    )
    fixed_membership = forms.ModelChoiceField(
        label=_("Fixed desk of"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("Nobody (bookable)"),
        help_text=_("Desks only: the membership this desk is assigned to."),
    )
    is_active = forms.BooleanField(
        label=_("Bookable"),
        required=False,
        initial=True,
        help_text=_("Untick to take it out of booking; its existing bookings stay."),
    )

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = self.fields["zone"]
        assert isinstance(zone, forms.ModelChoiceField)
        zone.queryset = Zone.objects.filter(space=space)
        membership = self.fields["fixed_membership"]
        assert isinstance(membership, forms.ModelChoiceField)
        queryset: QuerySet[Membership] = (
            Membership.objects.filter(space=space)
            .filter(
                Q(end_date__isnull=True)
                | Q(end_date__gte=timezone.localdate(timezone=space.tzinfo))
                | Q(pk=self.initial.get("fixed_membership"))
            )
            .select_related("plan", "company", "member__user")
            .order_by("company__name", "member__user__full_name", "pk")
        )
        membership.queryset = queryset
        membership.label_from_instance = _holder_name  # type: ignore[method-assign,assignment]

    @classmethod
    def initial_for(cls, resource: Resource) -> dict[str, Any]:
        return {
            "kind": resource.kind,
            "name": resource.name,
            "zone": resource.zone_id,
            "capacity": resource.capacity,
            "hourly_price": resource.hourly_price,
            "equipment": ", ".join(str(item) for item in resource.equipment or []),
            "fixed_membership": resource.fixed_membership_id,
            "is_active": resource.is_active,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["equipment"] = [item.strip() for item in data["equipment"].split(",")]
        return data


class OpeningHoursForm(forms.Form):
    """Opening and closing time for each weekday; a day left empty is closed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for weekday in range(7):
            name = weekday_name(weekday)
            self.fields[f"opens_{weekday}"] = forms.TimeField(
                label=_("%(weekday)s opens") % {"weekday": name},
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )
            self.fields[f"closes_{weekday}"] = forms.TimeField(
                label=_("%(weekday)s closes") % {"weekday": name},
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )

    @classmethod
    def initial_for(cls, hours: Any) -> dict[str, dt.time]:
        initial = {}
        for entry in hours:
            initial[f"opens_{entry.weekday}"] = entry.opens
            initial[f"closes_{entry.weekday}"] = entry.closes
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for weekday in range(7):
            opens, closes = data.get(f"opens_{weekday}"), data.get(f"closes_{weekday}")
            if (opens is None) != (closes is None) and not self.has_error(f"opens_{weekday}"):
                missing = f"closes_{weekday}" if closes is None else f"opens_{weekday}"
                self.add_error(
                    missing,
                    _("%(weekday)s: give both the opening and the closing time, or neither.")
                    % {"weekday": weekday_name(weekday)},
                )
        return data

    def hours(self) -> dict[int, tuple[dt.time, dt.time] | None]:
        result: dict[int, tuple[dt.time, dt.time] | None] = {}
        for weekday in range(7):
            opens = self.cleaned_data.get(f"opens_{weekday}")
            closes = self.cleaned_data.get(f"closes_{weekday}")
            result[weekday] = (opens, closes) if opens and closes else None
        return result

    def days(self) -> list[tuple[str, BoundField, BoundField]]:
        """(weekday name, opens field, closes field) for each weekday, for the table."""
        return [
            (weekday_name(day), self[f"opens_{day}"], self[f"closes_{day}"]) for day in range(7)
        ]


class ClosedDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reason"), max_length=100, required=False, help_text=_("E.g. Easter Monday.")
    )


class BookingRuleForm(forms.Form):
    granularity_minutes = forms.IntegerField(
        label=_("Time steps (minutes)"), min_value=5, max_value=MINUTES_PER_DAY
    )
    min_minutes = forms.IntegerField(
        label=_("Shortest booking (minutes)"), min_value=1, max_value=MINUTES_PER_DAY
    )
    max_minutes = forms.IntegerField(
        label=_("Longest booking (minutes)"), min_value=1, max_value=MINUTES_PER_DAY
    )
    horizon_days = forms.IntegerField(label=_("Bookable days ahead"), min_value=0, max_value=3650)
    cancel_minutes = forms.IntegerField(
        label=_("Free cancellation until (minutes before)"), min_value=0
    )
    allowed_plan_kinds = forms.MultipleChoiceField(
        label=_("Plan kinds that may book"),
        choices=PlanKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every plan."),
    )
    fair_use_hours = forms.IntegerField(
        label=_("At most hours booked ahead per member"),
        min_value=1,
        max_value=32767,
        required=False,
        help_text=_("Empty: no limit."),
    )
    check_in_grace_minutes = forms.IntegerField(
        label=_("Released if nobody checks in within (minutes)"),
        min_value=1,
        max_value=32767,
        required=False,
        help_text=_("Empty: bookings are never released."),
    )

    @classmethod
    def initial_for(cls, rule: BookingRule) -> dict[str, Any]:
        return {name: getattr(rule, name) for name in cls.base_fields}
