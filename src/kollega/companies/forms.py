"""Forms for the community manager's company pages: they parse input, the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kollega.companies.models import Company, Industry, Stage

COMPANY_FORM_FIELDS = [
    "name",
    "org_number",
    "industry",
    "stage",
    "employees",
    "website",
    "description",
]


class CompanyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=30,
        required=False,
        help_text=_("Norwegian 9 digits, Danish CVR 8, Swedish 10; spaces and dashes are fine."),
    )
    industry = forms.ChoiceField(
        label=_("Industry"), choices=Industry.choices, initial=Industry.OTHER
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    employees = forms.IntegerField(label=_("Number of employees"), min_value=0, initial=1)
    website = forms.URLField(label=_("Website"), required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)

    @staticmethod
    def initial_for(company: Company) -> dict[str, Any]:
        return {name: getattr(company, name) for name in COMPANY_FORM_FIELDS}


class CompanyFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or organisation number"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    industry = forms.ChoiceField(
        label=_("Industry"),
        required=False,
        choices=[("", _("All industries")), *Industry.choices],
    )
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All stages")), *Stage.choices]
    )
    include_archived = forms.BooleanField(label=_("Include archived"), required=False)


class CompanyInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    make_contact = forms.BooleanField(
        label=_("Make contact person"),
        required=False,
        help_text=_("A contact person can invite and remove colleagues in their company."),
    )
