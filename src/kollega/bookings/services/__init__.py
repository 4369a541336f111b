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
)

__all__ = [
    "ALLOWANCE_KINDS",
    "Quote",
    "booking_cancel",
    "booking_create",
    "booking_quote",
    "booking_rule_for",
    "membership_for",
]
