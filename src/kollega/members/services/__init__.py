"""Writes about members, profiles and invitations, one module per entity.

Import services from here: `from kollega.members.services import invitation_create`.
"""

from kollega.members.services.invitations import (
    INVITATION_VALID_FOR,
    invitation_accept,
    invitation_create,
    invitation_get_by_token,
    invitation_revoke,
)
from kollega.members.services.members import member_create, member_remove, member_update
from kollega.members.services.profiles import (
    LANGUAGE_CODES,
    Completeness,
    interest_get_or_create,
    profile_completeness,
    profile_remove_photo,
    profile_set_photo,
    profile_update,
    user_set_language,
    user_set_language_no_save,
)
from kollega.members.services.search import member_search_refresh

__all__ = [
    "INVITATION_VALID_FOR",
    "LANGUAGE_CODES",
    "Completeness",
    "interest_get_or_create",
    "invitation_accept",
    "invitation_create",
    "invitation_get_by_token",
    "invitation_revoke",
    "member_create",
    "member_remove",
    "member_search_refresh",
    "member_update",
    "profile_completeness",
    "profile_remove_photo",
    "profile_set_photo",
    "profile_update",
    "user_set_language",
    "user_set_language_no_save",
]
