"""Matchmaking's periodic jobs (see kollega.core.scheduler)."""

from __future__ import annotations

from kollega.matching.services import pairing_rounds_run_due, suggestions_refresh_stale


def run_due_pairing_rounds() -> int:
    """Make every pairing round that is due; returns how many were made."""
    return len(pairing_rounds_run_due())


def refresh_stale_suggestions() -> int:
    """Recompute suggestions a lost task left waiting; returns how many spaces."""
    return suggestions_refresh_stale()
