"""Forms of the members' event pages. They parse input; the rules live in
`kollega.events.services`, whose errors are shown next to the fields they name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kollega.bookings.models import Resource, ResourceKind
from kollega.events.models import Audience, EventFormat, EventKind
from kollega.events.services import EventData
from kollega.spaces.models import Space

MAX_CAPACITY = 100_000
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class WeekForm(forms.Form):
    """`?week=YYYY-MM-DD`: any day of the week to show (its Monday is used)."""

    week = forms.DateField(required=False)


class RsvpForm(forms.Form):
    going = forms.ChoiceField(choices=YES_NO)
    guest_name = forms.CharField(label=_("Your guest's name (optional)"), required=False)
    # Which page the answer came from, so the right page (or htmx partial) answers.
    back = forms.ChoiceField(
        choices=[("list", "list"), ("detail", "detail")], required=False, widget=forms.HiddenInput
    )


class FeedbackForm(forms.Form):
    """One tap answers one question; the other keeps its saved answer."""

    worth_it = forms.ChoiceField(choices=YES_NO, required=False)
    met_someone_new = forms.ChoiceField(choices=YES_NO, required=False)

    def answer(self, name: str) -> bool | None:
        value = self.cleaned_data.get(name)
        return None if not value else value == "yes"


class SpaceDateTimeField(forms.DateTimeField):
    """A date and time typed in the space's zone `tz` (set by the form), whatever the
    server's zone: parsed to an aware datetime in that zone, and an aware initial value shown
    in it. A time that does not exist there (the hour skipped in spring) is refused by
    Django's own check."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.tz: dt.tzinfo = dt.UTC

    def to_python(self, value: Any) -> dt.datetime | None:
        with timezone.override(self.tz):
            return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return timezone.localtime(value, self.tz).replace(tzinfo=None)
        return value


class ProposeForm(forms.Form):
    """A member's proposal of an event they would host."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happens, who it is for, what to bring."),
    )
    language = forms.ChoiceField(label=_("Language of the event"), choices=settings.LANGUAGES)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    formats = forms.MultipleChoiceField(
        label=_("Format"),
        choices=EventFormat.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start = SpaceDateTimeField(label=_("Starts"))
    end = SpaceDateTimeField(label=pgettext_lazy("event", "Ends"))
    room = forms.ModelChoiceField(label=_("Room"), queryset=Resource.objects.none(), required=False)
    location = forms.CharField(
        label=_("Or somewhere else"),
        max_length=200,
        required=False,
        help_text=_("Where, if not in one of the space's rooms."),
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=MAX_CAPACITY,
        required=False,
        help_text=_("Leave empty for no limit."),
    )
    audience = forms.ChoiceField(
        label=_("Who is it for"),
        choices=[
            (Audience.MEMBERS.value, Audience.MEMBERS.label),
            (Audience.GUESTS.value, Audience.GUESTS.label),
        ],
        initial=Audience.MEMBERS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.space = space
        for name in ("start", "end"):
            field = self.fields[name]
            assert isinstance(field, SpaceDateTimeField)
            field.tz = space.tzinfo
            field.help_text = _("In the space's time zone (%(zone)s).") % {"zone": space.time_zone}
        language = self.fields["language"]
        language.initial = space.languages[0] if space.languages else settings.LANGUAGE_CODE
        room = self.fields["room"]
        assert isinstance(room, forms.ModelChoiceField)
        room.queryset = Resource.objects.filter(
            space=space,
            is_active=True,
            kind__in=[ResourceKind.ROOM, ResourceKind.EVENT_AREA],
        ).order_by("name")
        room.empty_label = str(_("No room: somewhere else or online"))
        room.label_from_instance = _room_label  # type: ignore[method-assign,assignment]

    def data_for_service(self) -> EventData:
        data = self.cleaned_data
        return EventData(
            title=data["title"],
            description=data["description"],
            language=data["language"],
            kind=data["kind"],
            formats=tuple(data["formats"]),
            start=data["start"],
            end=data["end"],
            resource=data["room"],
            location=data["location"],
            online_url=data["online_url"],
            capacity=data["capacity"],
            audience=data["audience"],
        )


def _room_label(room: Resource) -> str:
    return str(_("%(name)s (%(seats)d seats)") % {"name": room.name, "seats": room.capacity})
