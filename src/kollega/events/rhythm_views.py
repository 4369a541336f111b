"""The CM's rhythm view, under /manage/<slug>/events/rhythm/: the last 12 weeks of events and
the next 4 as charts (inline SVG, drawn by the server) with the gaps flagged in words.

Only the space's staff; anyone else gets 404. Thin: one read, the charts' geometry, render.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kollega.core.http import managed_space_or_404
from kollega.events.charts import balance_chart, events_chart, participation_chart
from kollega.events.models import EventKind
from kollega.events.rhythm import ATTENDANCE_LOW, rhythm_overview


@login_required
@require_GET
def rhythm(request: HttpRequest, slug: str) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    overview = rhythm_overview(space=space, today=timezone.localdate(timezone=space.tzinfo))
    return render(
        request,
        "events/manage/rhythm.html",
        {
            "space": space,
            "section": "events",
            "rhythm": overview,
            "events_chart": events_chart(overview.weeks),
            "participation_chart": participation_chart(overview.weeks, reference=ATTENDANCE_LOW),
            "balance_chart": balance_chart(overview.balance),
            "kinds": EventKind.choices,
        },
    )
