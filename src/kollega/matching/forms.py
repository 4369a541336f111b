from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kollega.matching.engine.types import LANGUAGES
from kollega.matching.engine.vocabulary import KINDS
from kollega.matching.models import MatchingSettings
from kollega.matching.services.introductions import NOTE_MAX_LENGTH
from kollega.members.models import Member

YES_NO_UNKNOWN = [("", _("Not sure yet")), ("yes", _("Yes")), ("no", _("No"))]


def _tri(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class IntroductionRequestForm(forms.Form):
    note = forms.CharField(
        label=_("A short note: why would you like to meet?"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    accept = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))])


class OutcomeForm(forms.Form):
    met = forms.ChoiceField(label=_("Did you meet?"), choices=[("yes", _("Yes")), ("no", _("No"))])
    useful = forms.ChoiceField(label=_("Was it useful?"), choices=YES_NO_UNKNOWN, required=False)
    led_to_work = forms.ChoiceField(
        label=_("Did it lead to working together?"), choices=YES_NO_UNKNOWN, required=False
    )

    def answers(self) -> dict[str, bool | None]:
        data = self.cleaned_data
        return {
            "met": data["met"] == "yes",
            "useful": _tri(data.get("useful") or ""),
            "led_to_work": _tri(data.get("led_to_work") or ""),
        }


class PreferenceForm(forms.Form):
    suggestions = forms.BooleanField(
        label=_("Suggest people for me to meet, and suggest me to others"), required=False
    )
    pairing = forms.BooleanField(
        label=_("Pair me with someone new in each pairing round"), required=False
    )


class MatchingSettingsForm(forms.ModelForm):
    class Meta:
        model = MatchingSettings
        fields = [
            "suggestions_enabled",
            "exclude_introduced",
            "periphery_boost",
            "pairing_cadence",
            "pairing_weekday",
            "repeat_window",
        ]
        widgets = {"periphery_boost": forms.NumberInput(attrs={"step": "0.05", "min": 0, "max": 1})}


class BrokerForm(forms.Form):
    first = forms.ModelChoiceField(label=_("Introduce"), queryset=Member.objects.none())
    second = forms.ModelChoiceField(label=_("to"), queryset=Member.objects.none())
    note = forms.CharField(
        label=_("Why they should meet (goes into the e-mail)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first", "second"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = members
            field.empty_label = str(_("Choose a member"))
            field.label_from_instance = lambda member: (  # type: ignore[method-assign,assignment]
                f"{member.user.full_name} ({member.company.name})"
                if member.company
                else member.user.full_name
            )


class ConceptForm(forms.Form):
    concept_id = forms.CharField(
        label=_("Concept"),
        max_length=60,
        help_text=_(
            "Lowercase with hyphens, e.g. “drone-survey”. Use an existing concept's name to "
            "add words to it."
        ),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[(kind, kind) for kind in KINDS])
    labels_en = forms.CharField(label=_("Words in English"), required=False, max_length=400)
    labels_nb = forms.CharField(label=_("Words in Norwegian"), required=False, max_length=400)
    labels_da = forms.CharField(label=_("Words in Danish"), required=False, max_length=400)
    labels_sv = forms.CharField(label=_("Words in Swedish"), required=False, max_length=400)
    complements = forms.CharField(
        label=_("Needs it meets (other concepts, comma-separated)"), required=False, max_length=400
    )

    def labels(self) -> dict[str, object]:
        return {code: self.cleaned_data.get(f"labels_{code}") or "" for code in LANGUAGES}

    def complement_list(self) -> list[str]:
        return [c.strip() for c in (self.cleaned_data.get("complements") or "").split(",")]
