"""Member pages of matchmaking: the member home (people you should meet, introductions,
pairs), asking for and answering introductions, outcomes, and the member's own choices.

Thin: parse, find the viewer's own membership in the space, call one service or selector.
Everything is the viewer's own: a member can act only on introductions and pairs they are
a side of, and anything else answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kollega.core.http import own_member_or_404, request_user
from kollega.core.permissions import is_space_staff
from kollega.matching.forms import (
    AnswerForm,
    IntroductionRequestForm,
    OutcomeForm,
    PreferenceForm,
)
from kollega.matching.selectors import (
    block_list,
    introduction_get_for_member,
    introduction_list,
    pair_get_for_member,
    pair_list,
    preference_get,
    suggestion_list,
)
from kollega.matching.services import (
    block_create,
    block_delete,
    introduction_answer,
    introduction_request,
    introduction_withdraw,
    outcome_record,
    preference_update,
)
from kollega.members.forms import apply_service_errors
from kollega.members.models import Member
from kollega.members.selectors import member_get_active, member_get_own
from kollega.spaces.models import Space


def _other_member(space: Space, member_id: int) -> Member:
    member = member_get_active(space=space, member_id=member_id)
    if member is None:
        raise Http404
    return member


def _back_home(member: Member) -> HttpResponse:
    return redirect("matching:home", slug=member.space.slug)


@login_required
@require_GET
def home(request: HttpRequest, slug: str) -> HttpResponse:
    """The member home: introductions waiting for me, people I should meet, my pair."""
    space = get_object_or_404(Space, slug=slug)
    member = member_get_own(user=request_user(request), space=space)
    if member is None:
        if is_space_staff(user=request_user(request), space=space):
            return redirect("matching_manage:overview", slug=slug)
        raise Http404
    introductions = introduction_list(member=member)
    return render(
        request,
        "matching/home.html",
        {
            "space": space,
            "member": member,
            "preference": preference_get(member=member),
            "suggestions": suggestion_list(member=member),
            "to_answer": [item for item in introductions if item.status == "to_answer"],
            "introductions": [item for item in introductions if item.status != "to_answer"],
            "pairs": pair_list(member=member, limit=4),
            "outcome_form": OutcomeForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def introduction_request_view(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    """Ask to meet someone, with a short note. With htmx, the suggestion card is swapped for
    its "asked" state; without JavaScript, a small page with the form."""
    member = own_member_or_404(request, slug)
    other = _other_member(member.space, member_id)
    form = IntroductionRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            introduction_request(requester=member, recipient=other, note=form.cleaned_data["note"])
        except ValidationError as error:
            apply_service_errors(form, error, {"recipient": None})
        else:
            if getattr(request, "htmx", False):
                return render(
                    request,
                    "matching/home.html#asked",
                    {"other": other, "space": member.space},
                )
            messages.success(
                request,
                _("Your request is on its way to %(name)s.") % {"name": other.user.full_name},
            )
            return _back_home(member)
    template = "matching/introduction_request.html"
    if getattr(request, "htmx", False):
        template += "#request-form"
    return render(request, template, {"space": member.space, "other": other, "form": form})


@login_required
@require_POST
def introduction_answer_view(request: HttpRequest, slug: str, introduction_id: int) -> HttpResponse:
    member = own_member_or_404(request, slug)
    introduction = introduction_get_for_member(introduction_id=introduction_id, member=member)
    form = AnswerForm(request.POST)
    if introduction is None or not form.is_valid():
        raise Http404
    accept = form.cleaned_data["accept"] == "yes"
    try:
        introduction = introduction_answer(introduction=introduction, member=member, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back_home(member)
    other = introduction.other(member)
    if accept and introduction.status == "accepted":
        messages.success(
            request,
            _("You and %(name)s are introduced: you both have each other's details by e-mail.")
            % {"name": other.user.full_name},
        )
    elif accept:
        messages.success(
            request,
            _("Thank you. We will let you know when %(name)s says yes.")
            % {"name": other.user.full_name},
        )
    else:
        messages.info(
            request, _("Declined. %(name)s will not be told.") % {"name": other.user.full_name}
        )
    return _back_home(member)


@login_required
@require_POST
def introduction_withdraw_view(
    request: HttpRequest, slug: str, introduction_id: int
) -> HttpResponse:
    member = own_member_or_404(request, slug)
    introduction = introduction_get_for_member(introduction_id=introduction_id, member=member)
    if introduction is None:
        raise Http404
    try:
        introduction_withdraw(introduction=introduction, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, _("Your request has been withdrawn."))
    return _back_home(member)


def _outcome(request: HttpRequest, member: Member, **target: object) -> HttpResponse:
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please say whether you met."))
        return _back_home(member)
    try:
        outcome_record(member=member, **form.answers(), **target)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you — this helps the community see what works."))
    return _back_home(member)


@login_required
@require_POST
def introduction_outcome(request: HttpRequest, slug: str, introduction_id: int) -> HttpResponse:
    member = own_member_or_404(request, slug)
    introduction = introduction_get_for_member(introduction_id=introduction_id, member=member)
    if introduction is None:
        raise Http404
    return _outcome(request, member, introduction=introduction)


@login_required
@require_POST
def pair_outcome(request: HttpRequest, slug: str, pair_id: int) -> HttpResponse:
    member = own_member_or_404(request, slug)
    pair = pair_get_for_member(pair_id=pair_id, member=member)
    if pair is None:
        raise Http404
    return _outcome(request, member, pair=pair)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, slug: str) -> HttpResponse:
    """The member's own choices: suggestions on or off, pairing in or out, who is blocked."""
    member = own_member_or_404(request, slug)
    preference = preference_get(member=member)
    initial = {
        "suggestions": not preference.suggestions_opt_out,
        "pairing": preference.pairing_opt_in,
    }
    form = PreferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            preference_update(
                member=member,
                actor=request_user(request),
                suggestions_opt_out=not form.cleaned_data["suggestions"],
                pairing_opt_in=form.cleaned_data["pairing"],
            )
        except ValidationError as error:
            apply_service_errors(form, error, {"pairing_opt_in": "pairing"})
        else:
            messages.success(request, _("Your matchmaking choices are saved."))
            return redirect("matching:preferences", slug=slug)
    return render(
        request,
        "matching/preferences.html",
        {"space": member.space, "form": form, "blocks": block_list(member=member)},
    )


@login_required
@require_POST
def block(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    member = own_member_or_404(request, slug)
    other = get_object_or_404(
        Member.objects.select_related("user"), pk=member_id, space=member.space
    )
    try:
        block_create(blocker=member, blocked=other, actor=request_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back_home(member)
    messages.info(
        request,
        _(
            "%(name)s will not be suggested to you, introduced or paired with you. They are not told."
        )
        % {"name": other.user.full_name},
    )
    return redirect("matching:preferences", slug=slug)


@login_required
@require_POST
def unblock(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    member = own_member_or_404(request, slug)
    other = get_object_or_404(Member, pk=member_id, space=member.space)
    block_delete(blocker=member, blocked=other, actor=request_user(request))
    messages.info(request, _("Unblocked."))
    return redirect("matching:preferences", slug=slug)
