"""People you should meet: computed for a whole space in the background, stored, and shown
on the member home. Anything that changes who should meet whom asks for a refresh."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from kollega.matching.engine.scoring import recommend
from kollega.matching.engine.types import MatchOptions
from kollega.matching.models import MatchingSettings, Suggestion
from kollega.matching.services.engine_input import (
    engine_constraints,
    engine_profiles,
    space_vocabulary,
)
from kollega.spaces.models import Space

SUGGESTIONS_PER_MEMBER = 10
MAX_REFRESH_ROUNDS = 3
STALE_AFTER = dt.timedelta(minutes=10)


def matching_settings_get(*, space: Space) -> MatchingSettings:
    settings, _created = MatchingSettings.objects.get_or_create(space=space)
    return settings


def suggestions_request_refresh(*, space_ids: Iterable[int]) -> None:
    """Mark these spaces' suggestions stale and recompute them in the background after the
    current transaction commits. Many changes in a row cost one recomputation: the task
    does nothing when the suggestions are already newer than the last request."""
    space_ids = sorted(set(space_ids))
    if not space_ids:
        return
    now = timezone.now()
    for space_id in space_ids:
        MatchingSettings.objects.get_or_create(space_id=space_id)
    rows = MatchingSettings.objects.filter(space_id__in=space_ids)
    # A space already waiting for a refresh has a task queued; it will see this change.
    idle = [
        space_id
        for space_id, requested, computed in rows.values_list(
            "space_id", "suggestions_requested_at", "suggestions_computed_at"
        )
        if not _pending(requested, computed)
    ]
    rows.update(suggestions_requested_at=now)
    if idle:
        transaction.on_commit(lambda: _enqueue(idle))


def _pending(requested: dt.datetime | None, computed: dt.datetime | None) -> bool:
    return requested is not None and (computed is None or requested > computed)


def _enqueue(space_ids: Iterable[int]) -> None:
    from kollega.matching.tasks import suggestions_refresh_space

    for space_id in space_ids:
        suggestions_refresh_space.enqueue(space_id=space_id)


def suggestions_refresh_if_stale(*, space_id: int) -> bool:
    """The task's work: recompute unless nothing changed since the last computation, and
    again if something changed while computing (no task is queued for such a change)."""
    refreshed = False
    for _attempt in range(MAX_REFRESH_ROUNDS):
        settings = (
            MatchingSettings.objects.filter(space_id=space_id).select_related("space").first()
        )
        if settings is None:
            return refreshed
        requested, computed = settings.suggestions_requested_at, settings.suggestions_computed_at
        if computed is not None and not _pending(requested, computed):
            return refreshed
        suggestions_refresh(space=settings.space)
        refreshed = True
    _enqueue([space_id])  # still changing: let another run (or worker) take over
    return refreshed


def suggestions_refresh_stale(*, older_than: dt.timedelta = STALE_AFTER) -> int:
    """Refresh every space whose refresh has waited longer than `older_than` (a task lost
    with a worker that died, say). The periodic job; returns how many it refreshed."""
    cutoff = timezone.now() - older_than
    stale = [
        space_id
        for space_id, requested, computed in MatchingSettings.objects.filter(
            suggestions_requested_at__lt=cutoff
        ).values_list("space_id", "suggestions_requested_at", "suggestions_computed_at")
        if _pending(requested, computed)
    ]
    return sum(suggestions_refresh_if_stale(space_id=space_id) for space_id in stale)


def suggestions_refresh(*, space: Space, now: dt.datetime | None = None) -> int:
    """Recompute every member's suggestions in `space`; returns how many were stored.

    The engine runs outside any transaction (it may take seconds for a big space); the
    result replaces the old suggestions in one short transaction.
    """
    started = now or timezone.now()
    settings = matching_settings_get(space=space)
    rows: list[Suggestion] = []
    if settings.suggestions_enabled:
        data = engine_profiles(space=space)
        recommendations = recommend(
            data.profiles,
            options=MatchOptions(
                top=SUGGESTIONS_PER_MEMBER,
                theme=space.theme,
                periphery_boost=settings.periphery_boost,
                exclude_introduced=settings.exclude_introduced,
            ),
            constraints=engine_constraints(space=space),
            vocabulary=space_vocabulary(space=space),
        )
        for profile in data.profiles:
            member = data.by_id[profile.id]
            for rank, suggestion in enumerate(recommendations.get(profile.id, ()), start=1):
                rows.append(
                    Suggestion(
                        member=member,
                        suggested=data.by_id[suggestion.id],
                        rank=rank,
                        score=round(float(suggestion.score), 4),
                        reasons=list(suggestion.reasons),
                        language=profile.language,
                        computed_at=started,
                    )
                )
    with transaction.atomic():
        locked = MatchingSettings.objects.select_for_update().get(pk=settings.pk)
        Suggestion.objects.filter(member__space=space).delete()
        Suggestion.objects.bulk_create(rows, batch_size=1000)
        locked.suggestions_computed_at = started
        locked.save(update_fields=["suggestions_computed_at"])
    return len(rows)
