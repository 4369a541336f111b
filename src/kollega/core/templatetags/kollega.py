"""Template filters shared by Kollega's pages: `{% load kollega %}`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import translation

register = template.Library()

NBSP = "\u00a0"
# Nordic languages write 3 500,00 kr; English writes €3,500.00 or NOK 3,500.00.
_NORDIC = {"nb", "nn", "no", "da", "sv"}
_NORDIC_SYMBOLS = {"NOK": "kr", "DKK": "kr", "SEK": "kr", "EUR": "€"}
_ENGLISH_PREFIX = {"EUR": "€"}


def format_money(amount: Decimal | int | float | str, currency: str, language: str) -> str:
    """Format an amount with two decimals in a currency, following the language's habits."""
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return ""
    sign = "-" if value < 0 else ""
    digits = f"{abs(value):,.2f}"  # 3,500.00
    code = (currency or "").upper()
    if language.split("-")[0].lower() in _NORDIC:
        number = digits.replace(",", NBSP).replace(".", ",")
        symbol = _NORDIC_SYMBOLS.get(code, code)
        return f"{sign}{number}{NBSP}{symbol}".rstrip()
    prefix = _ENGLISH_PREFIX.get(code)
    if prefix:
        return f"{sign}{prefix}{digits}"
    return f"{code}{NBSP}{sign}{digits}".lstrip(NBSP)


@register.filter
def money(amount: Decimal | int | float | str | None, currency: str = "") -> str:
    """`{{ plan.monthly_price|money:plan.currency }}` → "3 500,00 kr" in Norwegian."""
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency, translation.get_language() or "en")


@register.filter
def status_on(item: Any, day: dt.date) -> Any:
    """`{{ membership|status_on:today }}`: the membership's status on that day."""
    return item.status_on(day)
