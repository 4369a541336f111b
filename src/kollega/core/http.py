"""Small lookups shared by the views: the signed-in user, their membership of the space in
the URL, the space a staff member manages. Each answers 404 rather than say what exists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

if TYPE_CHECKING:
    from kollega.accounts.models import User
    from kollega.members.models import Member
    from kollega.spaces.models import Space


def request_user(request: HttpRequest) -> User:
    """The signed-in user (views call this after @login_required)."""
    from kollega.accounts.models import User

    user = request.user
    assert isinstance(user, User)
    return user


def own_member_or_404(request: HttpRequest, slug: str) -> Member:
    """The viewer's own active membership of the space in the URL; 404 otherwise."""
    from kollega.members.selectors import member_get_own
    from kollega.spaces.models import Space

    space = get_object_or_404(Space, slug=slug)
    member = member_get_own(user=request_user(request), space=space)
    if member is None:
        raise Http404
    return member


def managed_space_or_404(request: HttpRequest, slug: str) -> Space:
    """The space in the URL if the viewer manages it; 404 otherwise."""
    from kollega.spaces.selectors import space_get_for_staff

    space = space_get_for_staff(user=request_user(request), slug=slug)
    if space is None:
        raise Http404
    return space
