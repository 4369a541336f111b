from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from kollega.bookings.models import ResourceKind

MAX_ID = 2**63 - 1
LENGTHS = [15, 30, 45, 60, 90, 120, 180, 240, 480]


class DayForm(forms.Form):
    date = forms.DateField(
        label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(
        label=_("What"), choices=ResourceKind.choices, required=False, initial=ResourceKind.ROOM
    )


class BookForm(forms.Form):
    resource = forms.IntegerField(widget=forms.HiddenInput)
    start = forms.DateTimeField(widget=forms.HiddenInput)
    minutes = forms.TypedChoiceField(label=_("How long"), coerce=int, choices=[])
    title = forms.CharField(label=_("What for (optional)"), max_length=120, required=False)
    repeat_until = forms.DateField(
        label=_("Repeat every week until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(
        self, *args: object, min_minutes: int, max_minutes: int, step: int, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [m for m in LENGTHS if min_minutes <= m <= max_minutes and m % step == 0]
        if not choices:
            choices = [min_minutes]
        field = self.fields["minutes"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(m, _duration(m)) for m in choices]
        field.initial = 60 if 60 in choices else choices[0]

    def end(self) -> dt.datetime:
        return self.cleaned_data["start"] + dt.timedelta(minutes=self.cleaned_data["minutes"])


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return str(_("%(minutes)d min") % {"minutes": rest})
    if not rest:
        return str(_("%(hours)d h") % {"hours": hours})
    return str(_("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest})


class DeskReleaseForm(forms.Form):
    date = forms.DateField(label=_("Day away"), widget=forms.DateInput(attrs={"type": "date"}))
    withdraw = forms.BooleanField(required=False)


class DeskDayForm(forms.Form):
    """A desk for the whole day: a zone (any free desk in it) or one desk."""

    date = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    zone = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput
    )
    resource = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput
    )
