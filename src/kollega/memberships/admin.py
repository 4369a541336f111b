"""Django admin for rare fixes. Memberships and their history are never deleted; use the
community manager's pages (which record history) for everyday changes."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from kollega.memberships.models import Membership, MembershipEvent, Plan


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "space",
        "kind",
        "monthly_price",
        "currency",
        "seats",
        "included_room_hours",
        "notice_months",
        "retired_at",
    )
    list_filter = ("space", "kind", ("retired_at", admin.EmptyFieldListFilter))
    list_select_related = ("space",)
    search_fields = ("name", "space__name")


class MembershipEventInline(admin.TabularInline):
    model = MembershipEvent
    extra = 0
    fields = ("kind", "effective_date", "happened_at", "actor", "details")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "space",
        "plan",
        "seats",
        "start_date",
        "notice_given_on",
        "end_date",
    )
    list_filter = ("space", "plan__kind")
    list_select_related = ("space", "plan", "company", "member__user")
    search_fields = (
        "company__name",
        "member__user__email",
        "member__user__full_name",
        "plan__name",
    )
    autocomplete_fields = ("company", "member", "plan")
    date_hierarchy = "start_date"
    inlines = (MembershipEventInline,)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
