"""Writes for matchmaking, one module per entity.

Import services from here: `from kollega.matching.services import introduction_request`.
"""

from kollega.matching.services.choices import (
    block_create,
    block_delete,
    matching_settings_update,
    preference_update,
    space_concept_delete,
    space_concept_save,
)
from kollega.matching.services.introductions import (
    contact_details,
    introduction_answer,
    introduction_broker,
    introduction_request,
    introduction_withdraw,
)
from kollega.matching.services.outcomes import outcome_record
from kollega.matching.services.pairing import (
    pairing_pool,
    pairing_round_run,
    pairing_rounds_run_due,
)
from kollega.matching.services.suggestions import (
    matching_settings_get,
    suggestions_refresh,
    suggestions_refresh_if_stale,
    suggestions_refresh_stale,
    suggestions_request_refresh,
)

__all__ = [
    "block_create",
    "block_delete",
    "contact_details",
    "introduction_answer",
    "introduction_broker",
    "introduction_request",
    "introduction_withdraw",
    "matching_settings_get",
    "matching_settings_update",
    "outcome_record",
    "pairing_pool",
    "pairing_round_run",
    "pairing_rounds_run_due",
    "preference_update",
    "space_concept_delete",
    "space_concept_save",
    "suggestions_refresh",
    "suggestions_refresh_if_stale",
    "suggestions_refresh_stale",
    "suggestions_request_refresh",
]
