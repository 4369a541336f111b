"""Forms for the member-facing pages: they parse and check the shape of input only;
the rules live in members/services.py and members/selectors.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from kollega.companies.models import Company, Industry, Stage
from kollega.companies.selectors import company_list
from kollega.members.models import Interest, MemberStatus, Profile, Visibility
from kollega.members.selectors import DirectoryFilters
from kollega.members.services import LANGUAGE_CODES
from kollega.spaces.models import Space

DIRECTORY_PAGE_SIZE = 24

# Names for the language codes members may list on their profile (members.services), for
# the few that Django itself does not know.
_EXTRA_LANGUAGE_NAMES: dict[str, Any] = {
    "se": _("Northern Sami"),
    "so": _("Somali"),
    "ti": _("Tigrinya"),
    "zh": _("Chinese"),
}
# The community's own languages first, then the rest by code.
_FIRST_LANGUAGES = ("nb", "nn", "da", "sv", "en", "se", "fi", "is")


def language_name(code: str) -> str:
    """The name of a language in the current interface language, e.g. "Danish" for "da"."""
    if code in _EXTRA_LANGUAGE_NAMES:
        return str(_EXTRA_LANGUAGE_NAMES[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def spoken_language_choices() -> list[tuple[str, str]]:
    codes = sorted(
        LANGUAGE_CODES,
        key=lambda code: (
            _FIRST_LANGUAGES.index(code) if code in _FIRST_LANGUAGES else len(_FIRST_LANGUAGES),
            code,
        ),
    )
    return [(code, language_name(code)) for code in codes]


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class DirectoryForm(forms.Form):
    """The directory's search box and filters (read from the query string)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "placeholder": _("Name, skill, need, interest …"),
            }
        ),
    )
    company = forms.ModelChoiceField(
        label=_("Company"),
        required=False,
        queryset=Company.objects.none(),
        empty_label=_("All companies"),
    )
    industry = forms.ChoiceField(
        label=_("Industry"),
        required=False,
        choices=_blank(_("All industries")) + list(Industry.choices),
    )
    stage = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=_blank(_("All stages")) + list(Stage.choices),
    )
    interest = forms.ModelChoiceField(
        label=_("Interest"),
        required=False,
        queryset=Interest.objects.none(),
        empty_label=_("All interests"),
    )
    former = forms.BooleanField(label=_("Include former members"), required=False)

    def __init__(self, *args: Any, space: Space, staff: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = staff
        company_field = self.fields["company"]
        assert isinstance(company_field, forms.ModelChoiceField)
        company_field.queryset = company_list(space=space).only("pk", "name")
        # Only interests someone in this space shows to this viewer, so a staff-only
        # interest does not leak through the filter list.
        profiles = Profile.objects.filter(
            user__memberships_in_spaces__space=space,
            user__memberships_in_spaces__status=MemberStatus.ACTIVE,
        )
        if not staff:
            profiles = profiles.exclude(visibility__interests=Visibility.STAFF)
        interest_field = self.fields["interest"]
        assert isinstance(interest_field, forms.ModelChoiceField)
        interest_field.queryset = Interest.objects.filter(profiles__in=profiles).distinct()
        if not staff:
            del self.fields["former"]

    def filters(self) -> DirectoryFilters:
        """The selector's filters; invalid input counts as no filter."""
        data = self.cleaned_data if self.is_valid() else {}
        company = data.get("company")
        interest = data.get("interest")
        return DirectoryFilters(
            query=data.get("q", "") or "",
            company_id=company.pk if company is not None else None,
            industry=data.get("industry", "") or "",
            stage=data.get("stage", "") or "",
            interest_id=interest.pk if interest is not None else None,
            include_former=bool(data.get("former")) and self.staff,
        )


class InviteColleagueForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    full_name = forms.CharField(label=_("Name"), required=False, max_length=150)


class InvitationSignupForm(forms.Form):
    """A new member's account: name, password (twice) and language."""

    full_name = forms.CharField(
        label=_("Your full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for Kollega"), choices=settings.LANGUAGES
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        return data


def apply_service_errors(
    form: forms.Form, error: ValidationError, field_map: dict[str, str | None] | None = None
) -> None:
    """Show a service's ValidationError on the form: each message next to its field
    (renamed through `field_map`), anything else at the top of the form."""
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, errors in error.error_dict.items():
        target = field_map.get(name, name)
        if target is not None and target not in form.fields:
            target = None
        for item in errors:
            for message in item.messages:
                form.add_error(target, message)
