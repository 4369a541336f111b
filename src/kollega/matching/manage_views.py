"""The community manager's matchmaking pages: the evidence of what it brings, settings,
brokering an introduction in one click, pairing rounds, and the space's own vocabulary.
Every page answers 404 unless the user is staff of the space."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kollega.core.http import managed_space_or_404, request_user
from kollega.matching.forms import BrokerForm, ConceptForm, MatchingSettingsForm
from kollega.matching.models import PairingRound, SpaceConcept
from kollega.matching.selectors import (
    matching_evidence,
    pairing_round_list,
    pairing_round_pairs,
)
from kollega.matching.services import (
    introduction_broker,
    matching_settings_get,
    matching_settings_update,
    pairing_pool,
    pairing_round_run,
    space_concept_delete,
    space_concept_save,
)
from kollega.members.forms import apply_service_errors
from kollega.members.models import Member, MemberStatus
from kollega.spaces.models import Space

ROUNDS_SHOWN = 12


def _active_members(space: Space):  # type: ignore[no-untyped-def]
    return (
        Member.objects.filter(space=space, status=MemberStatus.ACTIVE)
        .select_related("user", "company")
        .order_by("user__full_name")
    )


@login_required
@require_GET
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    return render(
        request,
        "matching/manage/overview.html",
        {
            "space": space,
            "section": "matchmaking",
            "evidence": matching_evidence(space=space),
            "rounds": pairing_round_list(space=space)[:ROUNDS_SHOWN],
            "settings": matching_settings_get(space=space),
            "pool": len(pairing_pool(space=space)),
            "broker_form": BrokerForm(members=_active_members(space)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest, slug: str) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    current = matching_settings_get(space=space)
    form = MatchingSettingsForm(
        request.POST if request.method == "POST" else None, instance=current
    )
    if request.method == "POST" and form.is_valid():
        try:
            matching_settings_update(
                space=space,
                actor=request_user(request),
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            apply_service_errors(form, error)  # type: ignore[arg-type]
        else:
            messages.success(request, _("Matchmaking settings saved."))
            return redirect("matching_manage:overview", slug=slug)
    return render(
        request,
        "matching/manage/settings.html",
        {"space": space, "section": "matchmaking", "form": form},
    )


@login_required
@require_POST
def broker(request: HttpRequest, slug: str) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    form = BrokerForm(request.POST, members=_active_members(space))
    if form.is_valid():
        try:
            introduction = introduction_broker(
                actor=request_user(request),
                first=form.cleaned_data["first"],
                second=form.cleaned_data["second"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_service_errors(form, error, {"recipient": "second"})
        else:
            messages.success(
                request,
                _("Introduction sent to %(first)s and %(second)s.")
                % {
                    "first": introduction.requester.user.full_name,
                    "second": introduction.recipient.user.full_name,
                },
            )
            return redirect("matching_manage:overview", slug=slug)
    for problems in form.errors.values():
        for message in problems:
            messages.error(request, str(message))
    return redirect("matching_manage:overview", slug=slug)


@login_required
@require_POST
def round_run(request: HttpRequest, slug: str) -> HttpResponse:
    """Run this week's round now (or show it, if it already ran today)."""
    space = managed_space_or_404(request, slug)
    try:
        round_ = pairing_round_run(
            space=space,
            week_of=timezone.localdate(timezone=space.tzinfo),
            actor=request_user(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("matching_manage:overview", slug=slug)
    return redirect("matching_manage:round_detail", slug=slug, round_id=round_.pk)


@login_required
@require_GET
def round_detail(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    round_ = get_object_or_404(PairingRound, pk=round_id, space=space)
    return render(
        request,
        "matching/manage/round.html",
        {
            "space": space,
            "section": "matchmaking",
            "round": round_,
            "pairs": pairing_round_pairs(round=round_),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def vocabulary(request: HttpRequest, slug: str) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    form = ConceptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            space_concept_save(
                space=space,
                actor=request_user(request),
                concept_id=form.cleaned_data["concept_id"],
                kind=form.cleaned_data["kind"],
                labels=form.labels(),
                complements=form.complement_list(),
            )
        except ValidationError as error:
            apply_service_errors(form, error, {"labels": "labels_en"})
        else:
            messages.success(request, _("Vocabulary saved. Suggestions are being refreshed."))
            return redirect("matching_manage:vocabulary", slug=slug)
    return render(
        request,
        "matching/manage/vocabulary.html",
        {
            "space": space,
            "section": "matchmaking",
            "form": form,
            "concepts": SpaceConcept.objects.filter(space=space),
        },
    )


@login_required
@require_POST
def vocabulary_delete(request: HttpRequest, slug: str, concept_id: int) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    concept = get_object_or_404(SpaceConcept, pk=concept_id, space=space)
    space_concept_delete(concept=concept, actor=request_user(request))
    messages.info(request, _("Removed from the vocabulary."))
    return redirect("matching_manage:vocabulary", slug=slug)
