"""The `money` template filter writes amounts the way each language does."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from kollega.core.templatetags.kollega import format_money

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "currency", "expected"),
    [
        ("nb", "NOK", f"3{NBSP}500,00{NBSP}kr"),
        ("da", "DKK", f"3{NBSP}500,00{NBSP}kr"),
        ("sv", "SEK", f"3{NBSP}500,00{NBSP}kr"),
        ("nb", "EUR", f"3{NBSP}500,00{NBSP}€"),
        ("en", "EUR", "€3,500.00"),
        ("en", "NOK", f"NOK{NBSP}3,500.00"),
    ],
)
def test_money_follows_the_languages_conventions(language, currency, expected):
    assert format_money(Decimal("3500"), currency, language) == expected


def test_money_rounds_to_ore_and_groups_millions():
    assert format_money(Decimal("1234567.891"), "SEK", "sv") == f"1{NBSP}234{NBSP}567,89{NBSP}kr"
    assert format_money(Decimal("-12.5"), "EUR", "en") == "-€12.50"


def test_money_filter_uses_the_active_language():
    template = Template("{% load kollega %}{{ price|money:currency }}")
    context = Context({"price": Decimal("4200.00"), "currency": "NOK"})
    with translation.override("nb"):
        assert template.render(context) == f"4{NBSP}200,00{NBSP}kr"
    with translation.override("en"):
        assert template.render(context) == f"NOK{NBSP}4,200.00"


def test_money_filter_leaves_missing_amounts_empty():
    template = Template("{% load kollega %}[{{ price|money:'NOK' }}]")
    assert template.render(Context({"price": None})) == "[]"
