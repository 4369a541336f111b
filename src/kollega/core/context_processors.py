from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kollega.core.permissions import member_spaces, staff_spaces


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_staff_spaces": list(staff_spaces(user=user).only("pk", "slug", "name")),
        "nav_member_spaces": list(member_spaces(user=user).only("pk", "slug", "name")),
    }
