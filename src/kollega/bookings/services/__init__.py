"""Writes for bookings, one module per entity.

Import services from here: `from kollega.bookings.services import booking_create`.
"""

from kollega.bookings.services.bookings import (
    ALLOWANCE_KINDS,
    Quote,
    booking_cancel,
    booking_create,
    booking_quote,
    booking_rule_for,
    membership_for,
    membership_on,
    memberships_running,
)
from kollega.bookings.services.calendar import calendar_feed_create, calendar_feed_revoke
from kollega.bookings.services.checkin import (
    booking_check_in,
    booking_for_check_in,
    bookings_release_no_shows,
)
from kollega.bookings.services.desk_day import desk_book_day
from kollega.bookings.services.desks import desk_release, desk_release_withdraw
from kollega.bookings.services.holds import (
    booking_hold_create,
    booking_hold_move,
    booking_hold_release,
)
from kollega.bookings.services.presence import presence_preference_update
from kollega.bookings.services.series import SeriesResult, booking_series_create
from kollega.bookings.services.setup import (
    booking_rule_save,
    closed_day_add,
    closed_day_remove,
    opening_hours_set,
    resource_create,
    resource_update,
    zone_save,
)

__all__ = [
    "ALLOWANCE_KINDS",
    "Quote",
    "SeriesResult",
    "booking_cancel",
    "booking_check_in",
    "booking_create",
    "booking_for_check_in",
    "booking_hold_create",
    "booking_hold_move",
    "booking_hold_release",
    "booking_quote",
    "booking_rule_for",
    "booking_rule_save",
    "booking_series_create",
    "bookings_release_no_shows",
    "calendar_feed_create",
    "calendar_feed_revoke",
    "closed_day_add",
    "closed_day_remove",
    "desk_book_day",
    "desk_release",
    "desk_release_withdraw",
    "membership_for",
    "membership_on",
    "memberships_running",
    "opening_hours_set",
    "presence_preference_update",
    "resource_create",
    "resource_update",
    "zone_save",
]
