"""Forms for the community manager's pages. They parse input; the services decide."""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kollega.companies.models import Company, Industry, Stage
from kollega.members.models import Interest
from kollega.spaces.models import Currency, Operator, Space

# /manage/new/ opens a new space, so no space may be called "new".
RESERVED_SLUGS = {"new"}

NORDIC_TIME_ZONES = [
    "Europe/Oslo",
    "Europe/Copenhagen",
    "Europe/Stockholm",
    "Europe/Helsinki",
    "Atlantic/Reykjavik",
    "Atlantic/Faroe",
    "America/Nuuk",
]


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    """Every known time zone, the Nordic ones first."""
    rest = sorted(zoneinfo.available_timezones() - set(NORDIC_TIME_ZONES))
    return [(name, name.replace("_", " ")) for name in NORDIC_TIME_ZONES + rest]


def language_choices() -> list[tuple[str, Any]]:
    return list(settings.LANGUAGES)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the fields it names (else above the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class SpaceSettingsForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    address = forms.CharField(label=_("Address"), required=False, widget=forms.Textarea)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Languages the space works in."),
    )
    theme = forms.CharField(
        label=_("Theme"),
        required=False,
        widget=forms.Textarea,
        help_text=_("What this community has in common, e.g. “smart and sustainable cities”."),
    )
    house_values = forms.CharField(
        label=_("House values and expectations"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Shown to applicants and new members."),
    )
    max_seats_per_company = forms.IntegerField(
        label=_("Maximum seats per company"),
        required=False,
        min_value=1,
        help_text=_(
            "You are warned when a company goes above this: large companies tend to keep to "
            "themselves. Leave empty for no limit."
        ),
    )

    @classmethod
    def initial_for(cls, space: Space) -> dict[str, Any]:
        return {name: getattr(space, name) for name in cls.base_fields}


class SpaceCreateForm(forms.Form):
    operator = forms.ModelChoiceField(label=_("Operator"), queryset=Operator.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name in web addresses"),
        max_length=60,
        required=False,
        help_text=_("Leave empty to make one from the name."),
    )
    address = forms.CharField(label=_("Address"), required=False, widget=forms.Textarea)
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=time_zone_choices, initial="Europe/Oslo"
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        initial=["nb", "en"],
    )
    theme = forms.CharField(label=_("Theme"), required=False, widget=forms.Textarea)

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise ValidationError(
                _("“%(slug)s” is reserved; choose another."), params={"slug": slug}
            )
        return slug

    def __init__(self, *args: Any, operators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["operator"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = operators
        if len(operators) == 1:
            field.initial = operators[0].pk


class MemberFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    company = forms.ModelChoiceField(
        label=_("Company"),
        queryset=Company.objects.none(),
        required=False,
        empty_label=_("All companies"),
    )
    industry = forms.ChoiceField(
        label=_("Industry"),
        required=False,
        choices=[("", _("All industries")), *Industry.choices],
    )
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All stages")), *Stage.choices]
    )
    interest = forms.ModelChoiceField(
        label=_("Interest"),
        queryset=Interest.objects.none(),
        required=False,
        empty_label=_("All interests"),
    )
    include_former = forms.BooleanField(label=_("Include former members"), required=False)

    def __init__(self, *args: Any, companies: Any, interests: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        company_field = self.fields["company"]
        interest_field = self.fields["interest"]
        assert isinstance(company_field, forms.ModelChoiceField)
        assert isinstance(interest_field, forms.ModelChoiceField)
        company_field.queryset = companies
        interest_field.queryset = interests


class MemberInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    company = forms.ModelChoiceField(
        label=_("Company"),
        queryset=Company.objects.none(),
        required=False,
        empty_label=_("No company (individual member)"),
    )
    make_contact = forms.BooleanField(
        label=_("Make contact person"),
        required=False,
        help_text=_("A contact person can invite and remove colleagues in their company."),
    )

    def __init__(self, *args: Any, companies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["company"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = companies

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("make_contact") and not data.get("company"):
            self.add_error("make_contact", _("Choose a company to make them its contact person."))
        return data


class InvitationFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, statuses: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All")), *statuses]
