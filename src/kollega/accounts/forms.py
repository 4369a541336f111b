"""Forms for a person's own profile and settings. They parse input into what the services
take (lists from one-per-line text, visibility per field); the services validate the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kollega.accounts.models import User
from kollega.members.forms import spoken_language_choices
from kollega.members.models import VISIBLE_FIELDS, Profile, Visibility, Weekday

# The label of each field whose visibility the member chooses.
VISIBILITY_LABELS: dict[str, Any] = {
    "photo": _("Photo"),
    "headline": _("Headline"),
    "bio": _("About me"),
    "languages": _("Languages I speak"),
    "offers": _("What I can help with"),
    "needs": _("What I am looking for"),
    "interests": _("Interests and themes"),
    "presence_days": _("Days I am usually in"),
    "links": _("Links"),
    "email": _("E-mail address"),
    "phone": _("Phone"),
}
# Fields edited as one item per line, and the one edited as a comma-separated list.
LINE_FIELDS = ("offers", "needs", "links")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _commas(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def visibility_field_name(name: str) -> str:
    return f"visibility_{name}"


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    headline = forms.CharField(
        label=_("Headline"),
        required=False,
        max_length=160,
        help_text=_(
            "One line about what you do, e.g. “Urban planner helping small towns go car-free”."
        ),
    )
    bio = forms.CharField(
        label=_("About me"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    offers = forms.CharField(
        label=_("What I can help with"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, e.g. “accounting for start-ups” or “Python code reviews”."),
    )
    needs = forms.CharField(
        label=_("What I am looking for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: a skill, a partner, customers, advice, a pilot site …"),
    )
    interests = forms.CharField(
        label=_("Interests and themes"),
        required=False,
        max_length=2000,
        help_text=_("Separate with commas, e.g. “urban mobility, circular economy, climbing”."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages I speak"),
        required=False,
        choices=spoken_language_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    presence_days = forms.MultipleChoiceField(
        label=_("Days I am usually in"),
        required=False,
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line: your website, portfolio or LinkedIn."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in VISIBLE_FIELDS:
            self.fields[visibility_field_name(name)] = forms.ChoiceField(
                label=format_lazy("{}: {}", _("Who can see"), VISIBILITY_LABELS.get(name, name)),
                choices=Visibility.choices,
                initial=VISIBLE_FIELDS[name].value,
            )

    @classmethod
    def initial_for(cls, *, user: User, profile: Profile | None) -> dict[str, Any]:
        initial: dict[str, Any] = {"full_name": user.full_name}
        if profile is None:
            return initial
        initial.update(
            {
                "headline": profile.headline,
                "bio": profile.bio,
                "phone": profile.phone,
                "languages": list(profile.languages),
                "presence_days": list(profile.presence_days),
                "interests": ", ".join(interest.name for interest in profile.interests.all())
                if profile.pk
                else "",
            }
        )
        for name in LINE_FIELDS:
            initial[name] = "\n".join(str(item) for item in getattr(profile, name))
        for name in VISIBLE_FIELDS:
            initial[visibility_field_name(name)] = profile.visibility_of(name).value
        return initial

    def rows(self) -> list[tuple[forms.BoundField | None, forms.BoundField]]:
        """Each profile field next to its visibility choice (photo and e-mail have only the
        choice here: the photo is uploaded separately and the address is the sign-in one)."""
        pairs: list[tuple[forms.BoundField | None, forms.BoundField]] = []
        for name in VISIBLE_FIELDS:
            field = self[name] if name in self.fields else None
            pairs.append((field, self[visibility_field_name(name)]))
        return pairs

    def service_fields(self) -> dict[str, Any]:
        """The cleaned input as keyword arguments for members.services.profile_update."""
        data = self.cleaned_data
        fields: dict[str, Any] = {
            "full_name": data["full_name"],
            "headline": data["headline"],
            "bio": data["bio"],
            "phone": data["phone"],
            "languages": list(data["languages"]),
            "presence_days": list(data["presence_days"]),
            "interests": _commas(data["interests"]),
            "visibility": {name: data[visibility_field_name(name)] for name in VISIBLE_FIELDS},
        }
        for name in LINE_FIELDS:
            fields[name] = _lines(data[name])
        return fields


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("New photo"),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["photo"].help_text = _(
            "A JPEG, PNG or WebP picture of at most %(mb).1f MB. We remove location data "
            "and scale it down to 800 pixels."
        ) % {"mb": settings.KOLLEGA_MAX_PHOTO_BYTES / 1048576}


class LanguageForm(forms.Form):
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What it is for, e.g. “Booking system sync”."),
    )
