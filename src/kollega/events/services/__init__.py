"""Writes for events, one module per entity.

Import services from here: `from kollega.events.services import rsvp_answer`.
"""

from kollega.events.services.attendance import (
    event_attendance_close,
    event_check_in,
    event_check_in_undo,
    events_close_finished,
    events_send_reminders,
    feedback_give,
)
from kollega.events.services.events import (
    EventData,
    SeriesResult,
    event_cancel,
    event_create,
    event_decide,
    event_propose,
    event_series_create,
    event_update,
    seats_taken,
)
from kollega.events.services.rsvps import RsvpResult, rsvp_answer, rsvp_check_open, rsvp_deadline

__all__ = [
    "EventData",
    "RsvpResult",
    "SeriesResult",
    "event_attendance_close",
    "event_cancel",
    "event_check_in",
    "event_check_in_undo",
    "event_create",
    "event_decide",
    "event_propose",
    "event_series_create",
    "event_update",
    "events_close_finished",
    "events_send_reminders",
    "feedback_give",
    "rsvp_answer",
    "rsvp_check_open",
    "rsvp_deadline",
    "seats_taken",
]
