from __future__ import annotations

from django.tasks import task

from kollega.matching.services.suggestions import suggestions_refresh_if_stale


@task()
def suggestions_refresh_space(*, space_id: int) -> bool:
    """Recompute a space's suggestions if anything changed since they were last computed."""
    return suggestions_refresh_if_stale(space_id=space_id)
