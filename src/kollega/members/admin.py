"""Django admin for rare fixes; community managers work in /manage/<space>/members/."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kollega.members.models import Interest, Invitation, Member, Profile
from kollega.members.services import member_search_refresh


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("user", "space", "company", "is_company_contact", "status", "joined_at")
    list_filter = ("space", "status", "is_company_contact")
    list_select_related = ("user", "space", "company")
    search_fields = ("user__email", "user__full_name", "company__name")
    autocomplete_fields = ("user", "company")
    readonly_fields = ("joined_at", "search_members", "search_staff")

    def save_model(self, request: HttpRequest, obj: Member, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        member_search_refresh(member_ids=[obj.pk])


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "headline", "updated_at")
    list_select_related = ("user",)
    search_fields = ("user__email", "user__full_name", "headline")
    autocomplete_fields = ("user", "interests")

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        member_search_refresh(
            member_ids=Member.objects.filter(user=form.instance.user_id).values_list(
                "pk", flat=True
            )
        )


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent from the community manager's pages (only a hash of the link's
    token is stored, so one cannot be re-sent from here)."""

    list_display = (
        "email",
        "full_name",
        "space",
        "company",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    )
    list_filter = (
        "space",
        ("accepted_at", admin.EmptyFieldListFilter),
        ("revoked_at", admin.EmptyFieldListFilter),
    )
    list_select_related = ("space", "company", "invited_by")
    search_fields = ("email", "full_name", "company__name")
    readonly_fields = (
        "space",
        "company",
        "email",
        "invited_by",
        "token_hash",
        "created_at",
        "accepted_at",
        "accepted_member",
        "language",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
