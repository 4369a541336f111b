"""What members and community managers choose: a member's opt-outs and blocks, a space's
matchmaking settings and its own vocabulary. Each change asks for fresh suggestions."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.core.permissions import is_space_staff
from kollega.matching.engine.types import LANGUAGES
from kollega.matching.engine.vocabulary import KINDS, Concept, Vocabulary
from kollega.matching.models import Block, MatchingSettings, Preference, SpaceConcept
from kollega.matching.services.suggestions import (
    matching_settings_get,
    suggestions_request_refresh,
)
from kollega.members.models import Member
from kollega.spaces.models import Space

SETTINGS_FIELDS = {
    "suggestions_enabled",
    "exclude_introduced",
    "periphery_boost",
    "pairing_cadence",
    "pairing_weekday",
    "repeat_window",
}
_CONCEPT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _own(member: Member, actor: User) -> None:
    if member.user_id != actor.pk:
        raise PermissionDenied(_("Only the member can change their own matchmaking choices."))


@transaction.atomic
def preference_update(
    *,
    member: Member,
    actor: User,
    suggestions_opt_out: bool | None = None,
    pairing_opt_in: bool | None = None,
) -> Preference:
    """Opt out of (or back in to) suggestions and introductions, and in to (or out of)
    pairing rounds. Opting out of matchmaking also takes you out of pairing."""
    _own(member, actor)
    preference, _created = Preference.objects.select_for_update().get_or_create(member=member)
    if suggestions_opt_out is not None:
        preference.suggestions_opt_out = suggestions_opt_out
    if pairing_opt_in is not None:
        preference.pairing_opt_in = pairing_opt_in
    if preference.suggestions_opt_out and pairing_opt_in:
        raise ValidationError(
            {"pairing_opt_in": _("Turn matchmaking on to take part in pairing rounds.")}
        )
    if preference.suggestions_opt_out:
        preference.pairing_opt_in = False
    preference.save()
    suggestions_request_refresh(space_ids=[member.space_id])
    return preference


@transaction.atomic
def block_create(*, blocker: Member, blocked: Member, actor: User) -> Block:
    """`blocker` will never be suggested to, introduced to or paired with `blocked`; any
    introduction still waiting between them is quietly closed. `blocked` is never told."""
    from kollega.matching.models import Introduction, IntroductionStatus
    from kollega.matching.services.introductions import pair_key

    _own(blocker, actor)
    if blocker.pk == blocked.pk:
        raise ValidationError({"member": _("You cannot block yourself.")})
    if blocker.space_id != blocked.space_id:
        raise ValidationError({"member": _("There is no such member in this space.")})
    block, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    waiting = Introduction.objects.filter(
        space_id=blocker.space_id,
        pair_key=pair_key(blocker, blocked),
        status=IntroductionStatus.PENDING,
    )
    # A request the blocker made themself is taken back; one made to them (or brokered)
    # ends as their private "no", which the other side sees as still waiting.
    waiting.filter(requester=blocker, brokered_by__isnull=True).update(
        status=IntroductionStatus.WITHDRAWN
    )
    waiting.update(status=IntroductionStatus.DECLINED, declined_by=blocker)
    suggestions_request_refresh(space_ids=[blocker.space_id])
    return block


@transaction.atomic
def block_delete(*, blocker: Member, blocked: Member, actor: User) -> None:
    _own(blocker, actor)
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    suggestions_request_refresh(space_ids=[blocker.space_id])


@transaction.atomic
def matching_settings_update(*, space: Space, actor: User, **fields: Any) -> MatchingSettings:
    """The CM's settings for suggestions and pairing rounds."""
    if not is_space_staff(user=actor, space=space):
        raise PermissionDenied(_("Only the space's staff can change matchmaking settings."))
    unknown = set(fields) - SETTINGS_FIELDS
    if unknown:
        raise ValidationError({name: _("Unknown setting.") for name in sorted(unknown)})
    settings = MatchingSettings.objects.select_for_update().get(
        pk=matching_settings_get(space=space).pk
    )
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.full_clean(exclude=["space"])
    settings.save()
    suggestions_request_refresh(space_ids=[space.pk])
    return settings


def _words(value: object, language: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)):
        raise ValidationError({f"labels_{language}": _("Give the words as a list.")})
    words = tuple(" ".join(str(word).split())[:80] for word in value if str(word).strip())
    return words


@transaction.atomic
def space_concept_save(
    *,
    space: Space,
    actor: User,
    concept_id: str,
    kind: str = "skill",
    labels: dict[str, object],
    complements: list[str] | None = None,
) -> SpaceConcept:
    """Add a concept to the space's vocabulary, or words to an existing one.

    `labels` maps a language (en, nb, da, sv) to words; words may also be one
    comma-separated string. The result must still be a valid vocabulary.
    """
    if not is_space_staff(user=actor, space=space):
        raise PermissionDenied(_("Only the space's staff can change the vocabulary."))
    concept_id = concept_id.strip().lower()
    if not _CONCEPT_ID.match(concept_id):
        raise ValidationError(
            {"concept_id": _("Use lowercase letters, digits and hyphens, e.g. “drone-survey”.")}
        )
    if kind not in KINDS:
        raise ValidationError({"kind": _("Unknown kind of concept.")})
    unknown = set(labels) - set(LANGUAGES)
    if unknown:
        raise ValidationError(
            {"labels": _("Unknown language: %(code)s.") % {"code": sorted(unknown)[0]}}
        )
    cleaned = {language: _words(words, language) for language, words in labels.items()}
    cleaned = {language: words for language, words in cleaned.items() if words}
    if not cleaned:
        raise ValidationError({"labels": _("Give at least one word in one language.")})
    complements = [str(c).strip() for c in complements or [] if str(c).strip()]
    known = set(Vocabulary.default().ids) | set(
        SpaceConcept.objects.filter(space=space).values_list("concept_id", flat=True)
    )
    for complement in complements:
        if complement not in known | {concept_id}:
            raise ValidationError(
                {
                    "complements": _("“%(name)s” is not a concept in the vocabulary.")
                    % {"name": complement}
                }
            )
    existing = {
        c.concept_id: c
        for c in SpaceConcept.objects.filter(space=space).exclude(concept_id=concept_id)
    }
    candidate = Concept(concept_id, kind, cleaned, tuple(complements))
    others = [
        Concept(
            c.concept_id, c.kind, {k: tuple(v) for k, v in c.labels.items()}, tuple(c.complements)
        )
        for c in existing.values()
    ]
    try:
        Vocabulary.default().extended([*others, candidate])
    except ValueError as error:
        raise ValidationError({"concept_id": str(error)}) from None
    concept, _created = SpaceConcept.objects.update_or_create(
        space=space,
        concept_id=concept_id,
        defaults={
            "kind": kind,
            "labels": {k: list(v) for k, v in cleaned.items()},
            "complements": complements,
        },
    )
    suggestions_request_refresh(space_ids=[space.pk])
    return concept


@transaction.atomic
def space_concept_delete(*, concept: SpaceConcept, actor: User) -> None:
    if not is_space_staff(user=actor, space=concept.space):
        raise PermissionDenied(_("Only the space's staff can change the vocabulary."))
    space_id = concept.space_id
    concept.delete()
    suggestions_request_refresh(space_ids=[space_id])
