"""Events' periodic jobs (see kollega.core.scheduler)."""

from __future__ import annotations

from kollega.events.services import events_close_finished, events_send_reminders


def send_reminders() -> int:
    """Remind those going to events starting within a day; returns how many are due."""
    return events_send_reminders()


def close_finished_events() -> int:
    """Record no-shows and ask for feedback on events that are over; returns how many."""
    return events_close_finished()
