"""Bookings' periodic jobs (see kollega.core.scheduler)."""

from __future__ import annotations

from kollega.bookings.services import bookings_release_no_shows


def release_no_shows() -> int:
    """Release room bookings nobody checked in to in time; returns how many."""
    return bookings_release_no_shows()
