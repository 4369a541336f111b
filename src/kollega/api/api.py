"""Kollega's JSON API at /api/v1/: OpenAPI schema at /api/v1/openapi.json, docs at /api/v1/docs.

Reads for members, writes for staff; every permission question goes to the services and
kollega.core.permissions. Errors share one shape (see kollega.api.errors).
"""

from ninja import NinjaAPI
from ninja.operation import Operation

from kollega.api.auth import api_token_auth, session_auth
from kollega.api.errors import register_exception_handlers
from kollega.api.routers import (
    bookings,
    companies,
    event_answers,
    events,
    invitations,
    matching,
    members,
    memberships,
    plans,
    spaces,
)

DESCRIPTION = """
Kollega's API for coworking spaces: spaces, plans, companies, members (profiles show only
what the caller may see) and memberships. Members of a space may read; its staff may write.
Matchmaking lets members see whom they should meet, ask for double opt-in introductions, join
coffee-pair rounds and choose their opt-outs and blocks; staff broker introductions and run rounds.
Bookings show a day's free and booked rooms, desks and booths, price a booking before it is made,
and book and cancel (members for themselves, staff for any member), e.g. from a kiosk at the door.
Events show the space's calendar with seats and waiting lists; members answer (a full event puts
them on the waiting list), propose events, check in and give feedback; staff create, change (one
occurrence or the rest of a series), cancel and decide on proposals.

**Authentication.** Either a personal API token (staff create and revoke them under
Account settings → Personal API tokens; only a hash is stored) sent as
`Authorization: Bearer klg_…`,
or the browser session of a signed-in user, in which case POST and PATCH also need the
CSRF token in the `X-CSRFToken` header.

**Errors** are JSON: `{"message": "…", "detail": [{"field": "org_number", "message": "…"}]}`.
`message` is a sentence for people; `detail` names each offending field (`null` when the
error concerns the request as a whole). Status codes: 401 not signed in or token revoked,
403 not allowed, 404 not found (also for anything in a space you do not belong to),
422 invalid input, 400 unreadable JSON.

**Lists** are paginated: `?page=1&page_size=50` (at most 100), answered as
`{"items": [...], "count": total}`.
"""


class KollegaAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """Short operation ids (the view's name, e.g. `members_list`) for client generators."""
        return operation.view_func.__name__


api = KollegaAPI(
    title="Kollega API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[api_token_auth, session_auth],
)
register_exception_handlers(api)

for router in (
    spaces.router,
    plans.router,
    companies.router,
    members.router,
    memberships.router,
    invitations.router,
    matching.router,
    bookings.router,
    events.router,
    event_answers.router,
):
    api.add_router("", router)
