from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kollega.core.permissions import member_spaces, staff_spaces


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: is the database reachable, and the task queue?"""
    checks: dict[str, dict[str, object]] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
        checks["database"] = {"ok": False, "error": error.__class__.__name__}
    checks["tasks"] = task_queue_status()
    ok = all(bool(check["ok"]) for check in checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503
    )


def task_queue_status() -> dict[str, object]:
    from django.tasks import task_backends

    backend = task_backends["default"]
    name = backend.__class__.__name__
    try:
        if name == "DatabaseBackend":
            from django_tasks_db.models import DBTaskResult

            pending = DBTaskResult.objects.ready().count()
            return {"ok": True, "backend": name, "pending": pending}
        if name == "RQBackend":
            import redis
            from django.conf import settings

            redis.Redis.from_url(settings.RQ_QUEUES["default"]["URL"]).ping()
            return {"ok": True, "backend": name}
        return {"ok": True, "backend": name}
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "backend": name, "error": error.__class__.__name__}


def home(request: HttpRequest) -> HttpResponse:
    """Signed out: what Kollega is. Signed in: straight to the member's space or CM's dashboard."""
    user = request.user
    if user.is_authenticated:
        managed = staff_spaces(user=user).first()
        if managed is not None:
            return redirect("spaces:dashboard", slug=managed.slug)
        space = member_spaces(user=user).first()
        if space is not None:
            return redirect("matching:home", slug=space.slug)
    return render(request, "core/home.html")
