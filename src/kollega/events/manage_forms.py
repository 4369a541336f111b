"""Forms of the community manager's event pages. They parse input; the rules live in
`kollega.events.services`, whose errors are shown next to the fields they name.

Times are typed as local times of the space (an `<input type="datetime-local">`), whatever
time zone the browser or the server is in, and shown back the same way."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _

from kollega.bookings.models import Resource
from kollega.companies.models import Company
from kollega.events.forms import SpaceDateTimeField
from kollega.events.models import Audience, Event, EventFormat, EventKind, HostKind
from kollega.events.services import EventData
from kollega.events.services.events import ROOM_KINDS
from kollega.members.models import Member
from kollega.memberships.models import PlanKind
from kollega.spaces.forms import DateInput
from kollega.spaces.models import Space
from kollega.spaces.selectors import space_members_for_choice


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        user = obj.user
        return str(user.full_name or user.email)


class RoomChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(
            _("%(name)s (%(kind)s, %(seats)d seats)")
            % {"name": obj.name, "kind": obj.get_kind_display(), "seats": obj.capacity}
        )


def _set_queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def _or_current[M: models.Model](
    queryset: QuerySet[M], model: type[M], pk: int | None
) -> QuerySet[M]:
    """`queryset`, plus the object `pk` an event already has (a retired room, say)."""
    if pk is None:
        return queryset
    return queryset | model._default_manager.filter(pk=pk)


class EventForm(forms.Form):
    """Every field of `EventData`; on a new event also "repeat every N weeks until"; on an
    event of a series, whether a change is for this one or this and the following."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    formats = forms.MultipleChoiceField(
        label=_("Format"),
        choices=EventFormat.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    host_kind = forms.ChoiceField(label=_("Host"), choices=HostKind.choices, initial=HostKind.SPACE)
    host_member = MemberChoiceField(
        label=_("Hosting member"),
        queryset=Member.objects.none(),
        required=False,
        empty_label=_("Choose a member"),
        help_text=_("When a member hosts."),
    )
    host_company = forms.ModelChoiceField(
        label=_("Hosting company"),
        queryset=Company.objects.none(),
        required=False,
        empty_label=_("Choose a company"),
        help_text=_("When a member company hosts."),
    )
    host_name = forms.CharField(
        label=_("Outside speaker"),
        max_length=120,
        required=False,
        help_text=_("When an outside speaker hosts: their name."),
    )
    resource = RoomChoiceField(
        label=_("Room"),
        queryset=Resource.objects.none(),
        required=False,
        empty_label=_("Not in a room of the space"),
        help_text=_("The room is booked for the event."),
    )
    location = forms.CharField(
        label=_("Or the place"),
        max_length=200,
        required=False,
        help_text=_("Elsewhere: an address or a name people know."),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        help_text=_("For an event online (or both)."),
    )
    start = SpaceDateTimeField(label=_("Start"))
    end = SpaceDateTimeField(label=_("End"))
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=_("Empty: no limit (a room's seats when in a room)."),
    )
    rsvp_deadline = SpaceDateTimeField(
        label=_("RSVP deadline"),
        required=False,
        help_text=_("Empty: members can answer until the start."),
    )
    audience = forms.ChoiceField(
        label=_("Audience"), choices=Audience.choices, initial=Audience.MEMBERS
    )
    plan_kinds = forms.MultipleChoiceField(
        label=_("Plans the event is for"),
        choices=PlanKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when the event is for certain plans."),
    )

    def __init__(self, *args: Any, space: Space, event: Event | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.space = space
        tz = space.tzinfo
        for name in ("start", "end", "rsvp_deadline"):
            field = self.fields[name]
            assert isinstance(field, SpaceDateTimeField)
            field.tz = tz
            field.help_text = field.help_text or _("Local time (%(zone)s).") % {
                "zone": space.time_zone
            }
        language = self.fields["language"]
        if space.languages and not self.is_bound and "language" not in self.initial:
            language.initial = space.languages[0]
        members = space_members_for_choice(space=space)
        companies = Company.objects.filter(space=space, archived_at__isnull=True)
        rooms = Resource.objects.filter(space=space, kind__in=ROOM_KINDS, is_active=True)
        if event is not None:  # keep what the event has, even if retired since
            members = _or_current(members, Member, event.host_member_id)
            companies = _or_current(companies, Company, event.host_company_id)
            rooms = _or_current(rooms, Resource, event.resource_id)
        _set_queryset(self, "host_member", members.select_related("user"))
        _set_queryset(self, "host_company", companies.order_by("name"))
        _set_queryset(self, "resource", rooms.order_by("name"))
        if event is None:
            self.fields["repeat_every_weeks"] = forms.IntegerField(
                label=_("Repeat every … weeks"),
                min_value=1,
                max_value=52,
                required=False,
                help_text=_("E.g. 1 for every week at the same time."),
            )
            self.fields["repeat_until"] = forms.DateField(
                label=_("Repeat until"),
                required=False,
                widget=DateInput(),
                help_text=_("Empty: a single event."),
            )
        elif event.series_id is not None:
            self.fields["scope"] = forms.ChoiceField(
                label=_("Apply the change to"),
                choices=[
                    ("one", _("Only this one")),
                    ("following", _("This one and the following in the series")),
                ],
                initial="one",
                widget=forms.RadioSelect,
            )

    GROUPS = (
        (_("What"), ("title", "description", "language", "kind", "formats")),
        (_("Who hosts"), ("host_kind", "host_member", "host_company", "host_name")),
        (_("Where"), ("resource", "location", "online_url")),
        (_("When"), ("start", "end", "rsvp_deadline", "repeat_every_weeks", "repeat_until")),
        (_("Who for"), ("capacity", "audience", "plan_kinds")),
    )

    def groups(self) -> list[tuple[str, list[BoundField]]]:
        """The fields under a few headings, for the page (the fields this form has)."""
        return [
            (str(legend), [self[name] for name in names if name in self.fields])
            for legend, names in self.GROUPS
        ]

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        return {
            "title": event.title,
            "description": event.description,
            "language": event.language,
            "kind": event.kind,
            "formats": list(event.formats or []),
            "host_kind": event.host_kind,
            "host_member": event.host_member_id,
            "host_company": event.host_company_id,
            "host_name": event.host_name,
            "resource": event.resource_id,
            "location": event.location,
            "online_url": event.online_url,
            "start": event.start,
            "end": event.end,
            "capacity": event.capacity,
            "rsvp_deadline": event.rsvp_deadline,
            "audience": event.audience,
            "plan_kinds": list(event.plan_kinds or []),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        every, until = data.get("repeat_every_weeks"), data.get("repeat_until")
        if every and not until and not self.has_error("repeat_until"):
            self.add_error("repeat_until", _("Give the last day to repeat until."))
        return data

    def event_data(self) -> EventData:
        data = self.cleaned_data
        return EventData(
            title=data["title"],
            description=data["description"],
            language=data["language"],
            kind=data["kind"],
            formats=tuple(data["formats"]),
            host_kind=data["host_kind"],
            host_member=data["host_member"],
            host_company=data["host_company"],
            host_name=data["host_name"],
            resource=data["resource"],
            location=data["location"],
            online_url=data["online_url"],
            start=data["start"],
            end=data["end"],
            capacity=data["capacity"],
            rsvp_deadline=data["rsvp_deadline"],
            audience=data["audience"],
            plan_kinds=tuple(data["plan_kinds"]),
        )

    def repeat(self) -> tuple[int, dt.date] | None:
        """(every N weeks, until) when the new event repeats, else None."""
        until = self.cleaned_data.get("repeat_until")
        if until is None:
            return None
        return self.cleaned_data.get("repeat_every_weeks") or 1, until


# Where a service's error about a field not on the form is shown instead.
SERVICE_FIELDS: dict[str, str | None] = {
    "every_weeks": "repeat_every_weeks",
    "until": "repeat_until",
    "status": None,
    "event": None,
}


class CancelForm(forms.Form):
    message = forms.CharField(
        label=_("Message to those going and waiting (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecideForm(forms.Form):
    # Sent by the button pressed, so not rendered as a field.
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
    message = forms.CharField(
        label=_("Message to the member"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when you decline: tell them why."),
    )


class MemberPickForm(forms.Form):
    """A member of the space to act for, leaving out those in `exclude` (already on the list)."""

    member_label = _("Member")
    member = MemberChoiceField(
        label=member_label, queryset=Member.objects.none(), empty_label=_("Choose a member")
    )

    def __init__(self, *args: Any, space: Space, exclude: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].label = self.member_label  # a subclass's own
        _set_queryset(self, "member", space_members_for_choice(space=space).exclude(pk__in=exclude))


class WalkInForm(MemberPickForm):
    member_label = _("Add someone who came without an RSVP")


class SignUpForm(MemberPickForm):
    """A member signed up by staff (someone at the desk asks to be put down); their guest's
    name only where guests are invited."""

    guest_name = forms.CharField(label=_("Their guest's name (optional)"), required=False)

    def __init__(self, *args: Any, guests: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not guests:
            del self.fields["guest_name"]
